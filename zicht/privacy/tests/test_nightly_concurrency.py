"""A worker picking up the nightly task while another is claiming the night waits for it, then
stops: the night is done once.

Needs PostgreSQL's row locks (SQLite serialises whole transactions instead)."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, transaction
from django.utils import timezone

from zicht.privacy.models import RetentionRule, RetentionRun
from zicht.privacy.nightly import run_nightly
from zicht.privacy.retention import next_nightly_run
from zicht.privacy.rules import write_default_rules

# A transactional test empties the tables, the migration's rules with them: the test writes
# them again rather than reloading a serialised database (which collides with the content
# types that other transactional tests leave behind).
pytestmark = pytest.mark.django_db(transaction=True)


def test_a_second_worker_waits_for_the_first_claim_and_stops():
    if connection.vendor != "postgresql":
        pytest.skip("row locks are tested on PostgreSQL")
    if not RetentionRule.objects.exists():
        write_default_rules(RetentionRule)
    outcomes: list[bool] = []

    def second_worker():
        try:
            outcomes.append(run_nightly() is not None)
        finally:
            connection.close()

    with transaction.atomic():  # the first worker, in the middle of claiming tonight
        list(RetentionRule.objects.select_for_update())
        worker = threading.Thread(target=second_worker)
        worker.start()
        time.sleep(1)  # the second worker is now waiting for the lock
        assert outcomes == []
        RetentionRun.objects.create(started_at=timezone.now(), next_run_at=next_nightly_run())
    worker.join()
    assert outcomes == [False]
    assert RetentionRun.objects.count() == 1
