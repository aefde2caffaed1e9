"""Cut-off rules of Decree 09/2019 and working days."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dondoc.reporting import periods as P

TYPES = [P.WEEKLY, P.MONTHLY, P.QUARTERLY, P.HALF_YEARLY, P.YEARLY]
days = st.dates(min_value=date(2020, 1, 1), max_value=date(2032, 12, 31))


@pytest.mark.parametrize(
    "ptype, day, code, start, end",
    [
        (P.MONTHLY, date(2025, 6, 14), "2025-T06", date(2025, 5, 15), date(2025, 6, 14)),
        (P.MONTHLY, date(2025, 6, 15), "2025-T07", date(2025, 6, 15), date(2025, 7, 14)),
        (P.MONTHLY, date(2025, 12, 20), "2026-T01", date(2025, 12, 15), date(2026, 1, 14)),
        (P.QUARTERLY, date(2025, 1, 5), "2025-Q1", date(2024, 12, 15), date(2025, 3, 14)),
        (P.QUARTERLY, date(2025, 6, 1), "2025-Q2", date(2025, 3, 15), date(2025, 6, 14)),
        (P.QUARTERLY, date(2025, 12, 15), "2026-Q1", date(2025, 12, 15), date(2026, 3, 14)),
        (P.HALF_YEARLY, date(2025, 6, 14), "2025-H1", date(2024, 12, 15), date(2025, 6, 14)),
        (P.HALF_YEARLY, date(2025, 6, 15), "2025-H2", date(2025, 6, 15), date(2025, 12, 14)),
        (P.YEARLY, date(2025, 12, 14), "2025", date(2024, 12, 15), date(2025, 12, 14)),
        (P.YEARLY, date(2025, 12, 15), "2026", date(2025, 12, 15), date(2026, 12, 14)),
        (P.WEEKLY, date(2025, 6, 25), "2025-W26", date(2025, 6, 23), date(2025, 6, 29)),
        (P.WEEKLY, date(2024, 12, 30), "2025-W01", date(2024, 12, 30), date(2025, 1, 5)),
    ],
)
def test_cutoff_rules(ptype, day, code, start, end):
    spec = P.period_containing(ptype, day)
    assert (spec.code, spec.start, spec.end) == (code, start, end)


def test_labels():
    assert P.period_label("2025-T06") == "Tháng 6/2025"
    assert P.period_label("2025-Q2") == "Quý II/2025"
    assert P.period_label("2025-H1") == "6 tháng đầu năm 2025"
    assert P.period_label("2025-W26") == "Tuần 26/2025"
    assert P.period_label("2025") == "Năm 2025"


@given(ptype=st.sampled_from(TYPES), a=days, span=st.integers(min_value=0, max_value=800))
def test_periods_tile_the_timeline(ptype, a, span):
    b = a + timedelta(days=span)
    specs = P.periods_between(ptype, a, b)
    assert specs[0].start <= a <= specs[0].end
    assert specs[-1].start <= b <= specs[-1].end
    for prev, nxt in zip(specs, specs[1:], strict=False):
        assert nxt.start == prev.end + timedelta(days=1)  # no gap, no overlap
    assert len({s.code for s in specs}) == len(specs)
    for s in specs:
        assert s.start <= s.end
        if ptype == P.WEEKLY:
            assert s.start.weekday() == 0 and (s.end - s.start).days == 6
        else:
            assert s.end.day == 14 and s.start.day == 15


@given(day=days, offset=st.integers(min_value=0, max_value=10))
def test_deadline_is_a_working_day_after_the_cutoff(day, offset):
    end = P.period_containing(P.MONTHLY, day).end
    dl = P.deadline_for(end, offset)
    assert dl > end
    assert P.is_working_day(dl)
    assert P.working_days_between(end, dl) == max(1, offset)


def test_tet_and_weekends_are_skipped():
    # Friday 24/01/2025 → Tết from 27/01 to 01/02, then a Sunday: next working day is Monday 03/02.
    assert P.add_working_days(date(2025, 1, 24), 1) == date(2025, 2, 3)
    assert not P.is_working_day(date(2025, 9, 2))  # National Day
    assert P.is_working_day(date(2025, 6, 16))


def test_office_overrides():
    sat = date(2025, 4, 26)  # a compensatory working Saturday
    assert not P.is_working_day(sat)
    assert P.is_working_day(sat, {sat: True})
    fri = date(2025, 4, 25)
    assert P.add_working_days(fri, 1, {sat: True}) == sat
    extra_off = date(2025, 6, 16)
    assert P.add_working_days(date(2025, 6, 14), 1, {extra_off: False}) == date(2025, 6, 17)


def test_bad_type():
    with pytest.raises(ValueError):
        P.period_containing("daily", date(2025, 1, 1))
