"""Disclosure control: no hidden cell can be worked out from what is shown."""

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from zicht.monitor.disclosure import protect, show
from zicht.monitor.figures import Figure


def solutions(protected, minimum):
    """Every table consistent with what was published, by brute force: hidden cells from
    1 up to the total (an outsider who knows zeros are shown), published cells fixed, the
    published total (if any) matched."""
    hidden = sorted(protected.suppressed)
    shown = sum(v for v in protected.values if v is not None)
    if protected.total is None:
        return None  # nothing pins the hidden cells down
    room = protected.total - shown
    found = []
    for combo in itertools.product(range(1, room + 1), repeat=len(hidden)):
        if sum(combo) == room:
            found.append(combo)
    return hidden, found


@settings(max_examples=300, deadline=None)
@given(
    values=st.lists(st.integers(min_value=0, max_value=25), min_size=1, max_size=5),
    minimum=st.sampled_from([3, 5, 10]),
)
def test_no_hidden_cell_can_be_recomputed_from_the_published_margins(values, minimum):
    protected = protect(values, minimum)
    assert all(protected.values[i] is None for i in protected.suppressed)
    assert all(0 < values[i] < minimum for i in protected.primary)
    result = solutions(protected, minimum)
    if result is None or not result[0]:
        return
    hidden, found = result
    assert found, "the true table must be among the solutions"
    for position in range(len(hidden)):
        assert len({combo[position] for combo in found}) > 1, (values, protected)


@given(values=st.lists(st.integers(min_value=0, max_value=25), min_size=1, max_size=8))
def test_cells_at_or_above_the_minimum_and_zeros_stay_visible_without_need(values):
    protected = protect(values, 5)
    for i, v in enumerate(values):
        if i not in protected.suppressed:
            assert protected.values[i] == v
        if v == 0:
            assert protected.values[i] == 0


def test_one_small_cell_takes_the_next_smallest_with_it():
    protected = protect([40, 3, 12, 25], 5)
    assert protected.values == [40, None, None, 25]
    assert protected.total == 80


def test_two_small_cells_that_would_fix_each_other_take_a_third():
    # 1 + 1 hidden with the total shown: both must be 1, so a third cell goes too.
    protected = protect([1, 1, 30, 9], 5)
    assert protected.values[0] is None
    assert protected.values[1] is None
    assert protected.values[3] is None
    assert protected.total == 41


def test_the_viewers_own_municipality_stays_visible():
    protected = protect([40, 3, 2], 5, keep=[1])
    assert protected.values[1] == 3
    assert protected.values[2] is None


def test_showing_without_a_minimum_hides_nothing():
    figure = Figure("sex", "Sex", [("female", "F", 16), ("male", "M", 4)], 20, unit="persons")
    assert [v for _c, _l, v in show(figure, None).rows] == [16, 4]
    shown = show(figure, 5)
    assert [v for _c, _l, v in shown.rows] == [None, None]
    assert shown.total == 20
    assert shown.suppressed == 2
