"""The demo in one call: regions, organisations, demo users and their history."""

from __future__ import annotations

import random

from django.conf import settings
from django.db import transaction

from zicht.baseline.criteria import sync_criteria
from zicht.baseline.models import Criterion
from zicht.demo.barriers import create_barriers_demo
from zicht.demo.baseline import create_baseline_demo
from zicht.demo.care import create_care_demo
from zicht.demo.casetable import create_casetable_demo
from zicht.demo.disclosure import record_demo_disclosure_bases
from zicht.demo.enforcement import create_enforcement_demo
from zicht.demo.history import create_history
from zicht.demo.organisations import (
    REGIONS,
    create_demo_users,
    region_organisations,
    region_staff,
)
from zicht.demo.waiting import create_waiting_work
from zicht.intake.models import Report
from zicht.organisations.models import Municipality
from zicht.organisations.reference import DEFAULT_FILES, load_municipalities
from zicht.privacy.models import RetentionRule
from zicht.privacy.rules import write_default_rules


def create_demo(*, seed: int = 2026, history: bool = True) -> list[tuple[str, str, str]]:
    """Create the demo set-up; safe to run twice (does nothing the second time).

    Returns the demo users to print: (user name, organisation, role).

    With DEBUG on (the local demo's default) Django keeps every statement with its
    parameters in `connection.queries`; for the history's hundred thousand statements
    that was a tenth of the time, and nobody reads them, so they are not kept."""
    debug, settings.DEBUG = settings.DEBUG, False
    try:
        return _create_demo(seed=seed, history=history)
    finally:
        settings.DEBUG = debug


@transaction.atomic
def _create_demo(*, seed: int, history: bool) -> list[tuple[str, str, str]]:
    if not Municipality.objects.exists():  # e.g. after a test database flush
        for path in DEFAULT_FILES:
            load_municipalities(path)
    write_default_rules(RetentionRule)  # after a flush: the rules the migration wrote
    if not Criterion.objects.exists():  # after a flush: the criteria the migration wrote
        sync_criteria(Criterion)
    organisations = {plan.code: region_organisations(plan) for plan in REGIONS}
    if history:
        # Before the demo users: Hengelo's and Enschede's focal officers are appointed in
        # the past, at the start of their municipality's baseline.
        create_baseline_demo(random.Random(seed + 3))
    users = create_demo_users(organisations["VR05"])
    if history and not Report.objects.exists():
        staff = [region_staff(plan, organisations[plan.code]) for plan in REGIONS]
        create_history(random.Random(seed), staff)
        create_waiting_work(random.Random(seed + 2))
        bases = random.Random(seed + 1)
        for plan in REGIONS:
            record_demo_disclosure_bases(organisations[plan.code]["hub"].region, bases)
    users += create_care_demo(organisations, history=history)
    users += create_casetable_demo(organisations, history=history)
    users += create_enforcement_demo(history=history)
    create_barriers_demo(organisations, history=history)
    return users
