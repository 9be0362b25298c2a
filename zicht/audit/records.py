"""Names for the records the access log refers to.

The log stores a record as its model label and id (``casework.case``, ``1444``)
and persons as ids. A privacy officer reads "Casus C-2026-001444" instead, with a
link when they may open it. The apps that own the records sit in higher layers,
so they register how to name their records here (in their ``AppConfig.ready``);
the log itself imports none of them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from zicht.audit.models import AccessLogEntry
from zicht.lib.bounds import as_number
from zicht.organisations.models import Membership

if TYPE_CHECKING:  # the stubs' name for a string or a lazy translation
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class RecordName:
    text: str
    url: str = ""


# ids (as stored) -> names of those records, for the membership that reads the log
RecordNamer = Callable[[Collection[str], Membership], dict[str, RecordName]]

_namers: dict[str, RecordNamer] = {}
_prefixes: dict[str, str] = {}

# Records without a namer are shown as their kind and number. Several models
# have no translated verbose name; their kinds are named here, in one place.
RECORD_KINDS = {
    "casework.case": _("case"),
    "casework.followupaction": _("follow-up action"),
    "casework.handover": _("handover"),
    "casework.feedback": _("feedback to the reporter"),
    "casework.safetynotice": _("safety notice"),
    "casework.caselink": _("case link"),
    "intake.report": _("report"),
    "intake.involvedperson": _("involved person"),
    "portal.portalmessage": _("portal message"),
    "portal.portalattachment": _("portal attachment"),
    "organisations.organisation": _("organisation"),
    "organisations.region": _("region"),
    "organisations.municipality": _("municipality"),
    # the log's own entries (sealing) are about the log itself
    "audit.chainhead": _("access log"),
    "accounts.user": _("user account"),
    "linkage.linkagerun": _("linkage run"),
}

REFERENCE = re.compile(r"^\s*([A-Za-z])-\d{4}-0*(\d+)\s*$")


def register_records(object_type: str, namer: RecordNamer, *, reference_prefix: str = "") -> None:
    """Name the records of ``object_type`` (a model label) in the access log; a
    ``reference_prefix`` ("C") lets the log's filter accept references like C-2026-000123."""
    _namers[object_type] = namer
    if reference_prefix:
        _prefixes[reference_prefix.upper()] = object_type


def namer_by_reference(records: Any, *, label: StrOrPromise, url_name: str) -> RecordNamer:
    """A namer for records that have a ``reference`` and a ``visible_to(membership)``
    queryset (cases, reports): "Casus C-2026-000123", linked where the reader may open it."""

    def name(ids: Collection[str], membership: Membership) -> dict[str, RecordName]:
        pks = [pk for pk in map(as_number, ids) if pk is not None]
        visible = set(
            records.visible_to(membership).filter(pk__in=pks).values_list("pk", flat=True)
        )
        return {
            str(record.pk): RecordName(
                str(label) % {"reference": record.reference},
                reverse(url_name, args=[record.pk]) if record.pk in visible else "",
            )
            for record in records.filter(pk__in=pks)
        }

    return name


def parse_reference(text: str) -> tuple[str, str] | None:
    """(object_type, id) for a reference such as "C-2026-000123"; None for anything else."""
    match = REFERENCE.match(text)
    if not match or match.group(1).upper() not in _prefixes:
        return None
    return _prefixes[match.group(1).upper()], match.group(2)


def kind_label(object_type: str) -> str:
    if object_type in RECORD_KINDS:
        return capfirst(str(RECORD_KINDS[object_type]))
    try:
        return capfirst(str(apps.get_model(object_type)._meta.verbose_name))
    except (LookupError, ValueError):
        return object_type


def _fallback(object_type: str, object_id: str) -> RecordName:
    return RecordName(f"{kind_label(object_type)} {object_id}")


@dataclass(frozen=True)
class NamedEntry:
    """An access log entry with the names a reader understands."""

    entry: AccessLogEntry
    record: RecordName
    case: RecordName | None
    persons: list[int]


def name_entries(entries: Iterable[AccessLogEntry], membership: Membership) -> list[NamedEntry]:
    """Name the records and the cases they belong to, with a few queries per kind of record.
    Persons stay numbers (a link that filters the log): naming them would be a read of
    personal data of its own."""
    entries = list(entries)
    wanted: dict[str, set[str]] = {}
    for entry in entries:
        wanted.setdefault(entry.object_type, set()).add(entry.object_id)
        case_id = (entry.detail or {}).get("case")
        if case_id is not None:
            wanted.setdefault("casework.case", set()).add(str(case_id))
    names: dict[tuple[str, str], RecordName] = {}
    for object_type, ids in wanted.items():
        namer = _namers.get(object_type)
        if namer is not None:
            for object_id, name in namer(ids, membership).items():
                names[object_type, object_id] = name
    named = []
    for entry in entries:
        key = (entry.object_type, entry.object_id)
        case_id = (entry.detail or {}).get("case")
        case = None
        if case_id is not None and entry.object_type != "casework.case":
            case_key = ("casework.case", str(case_id))
            case = names.get(case_key) or _fallback(*case_key)
        named.append(
            NamedEntry(
                entry=entry,
                record=names.get(key) or _fallback(*key),
                case=case,
                persons=list(entry.person_ids),
            )
        )
    return named
