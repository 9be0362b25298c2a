"""Today's work in the demo: every demo user of Twente finds something in the inbox."""

from __future__ import annotations

import random

import pytest

from zicht.casework.inbox import inbox_for
from zicht.demo.create import create_demo
from zicht.demo.waiting import create_waiting_work
from zicht.organisations.models import Membership


@pytest.fixture
def counts(db):
    create_demo(history=False)
    create_waiting_work(random.Random(2028))

    def of(username: str) -> dict[str, tuple[int, int]]:
        membership = Membership.objects.get(user__username=username)
        return {g.key: (g.count, g.overdue) for g in inbox_for(membership).groups}

    return of


def test_every_inbox_has_work_and_some_of_it_is_overdue(counts):
    hub = counts("hub.twente")
    assert hub["acute"] == (1, 0)
    assert hub["take_up"] == (1, 0)
    assert hub["feedback_to_give"][1] >= 2
    focal = counts("afm.hengelo")
    assert focal["take_up"] == (2, 0)
    assert focal["handovers"] == (1, 0)
    veilig_thuis = counts("vt.twente")
    assert veilig_thuis["handovers"] == (2, 1)
    assert veilig_thuis["actions"] == (1, 1)
    assert counts("oov.hengelo")["safety"] == (1, 0)
