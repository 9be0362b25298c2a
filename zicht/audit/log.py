"""Writing to the access log. Operations and views call these; nothing else writes entries."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import models, transaction
from django.utils import timezone

from zicht.audit.models import AccessAction, AccessLogEntry, ChainHead, Purpose
from zicht.organisations.models import Membership

if TYPE_CHECKING:
    # django-stubs' name for the configured user model (zicht.accounts.User); the
    # accounts app sits in a layer above this one, so its model is not imported here.
    from django.contrib.auth.models import _User

GENESIS = "0" * 64


def _append(
    *,
    membership: Membership | None,
    user: _User | None = None,
    action: str,
    object_type: str,
    object_id: str,
    person_ids: Iterable[int] = (),
    purpose: Purpose | None = None,
    detail: dict[str, Any] | None = None,
) -> AccessLogEntry:
    user = user if user is not None else getattr(membership, "user", None)
    with transaction.atomic():
        head, _ = ChainHead.objects.select_for_update().get_or_create(
            pk=1, defaults={"last_hash": GENESIS}
        )
        entry = AccessLogEntry(
            at=timezone.now(),
            user=user,
            username=getattr(user, "username", "") or "",
            organisation_name=membership.organisation.name if membership else "",
            role=membership.role if membership else "",
            action=action,
            object_type=object_type,
            object_id=str(object_id),
            person_ids=sorted(set(person_ids)),
            purpose=str(purpose) if purpose else "",
            detail=detail or {},
            previous_hash=head.last_hash,
        )
        entry.entry_hash = entry.compute_hash()
        entry.save()
        head.last_hash = entry.entry_hash
        head.save(update_fields=["last_hash"])
    return entry


def _describe(obj: models.Model) -> tuple[str, str]:
    return obj._meta.label_lower, str(obj.pk)


def record_read(
    *,
    membership: Membership,
    obj: models.Model,
    person_ids: Iterable[int] = (),
    purpose: Purpose | None = None,
) -> AccessLogEntry:
    object_type, object_id = _describe(obj)
    return _append(
        membership=membership,
        action=AccessAction.READ,
        object_type=object_type,
        object_id=object_id,
        person_ids=person_ids,
        purpose=purpose,
    )


def record_change(
    *,
    membership: Membership | None,
    action: str,
    obj: models.Model,
    person_ids: Iterable[int] = (),
    purpose: Purpose | None = None,
    detail: dict[str, Any] | None = None,
    user: _User | None = None,
) -> AccessLogEntry:
    object_type, object_id = _describe(obj)
    return _append(
        membership=membership,
        user=user,
        action=action,
        object_type=object_type,
        object_id=object_id,
        person_ids=person_ids,
        purpose=purpose,
        detail=detail,
    )


def verify_chain() -> int | None:
    """Return the id of the first entry whose hash does not match, or None if intact."""
    previous = GENESIS
    for entry in AccessLogEntry.objects.order_by("id").iterator():
        if entry.previous_hash != previous or entry.compute_hash() != entry.entry_hash:
            return entry.pk
        previous = entry.entry_hash
    return None
