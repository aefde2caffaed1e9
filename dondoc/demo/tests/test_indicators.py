"""The demo province carries the Quảng Ngãi indicators, with every status on show."""

from datetime import date

from dondoc.demo import province as demo
from dondoc.indicators import selectors
from dondoc.indicators.models import Indicator, Value


def test_demo_indicators(db):
    ctx = demo.load(today=date(2026, 7, 15))
    assert Indicator.objects.filter(owner=ctx.root).count() == 8
    rows = selectors.achievement_table(ctx.root, ctx.programme)
    statuses = {r.status for r in rows}
    assert {"vuot", "dat", "chua_dat"} <= statuses
    by_code = {r.indicator.code: r for r in rows}
    assert by_code["QNG-5G-KCN"].numerator == 4 and by_code["QNG-5G-KCN"].denominator == 5
    assert str(by_code["QNG-TTHC-TSD"].baseline.value) == "23.9800"
    assert Value.objects.filter(period="2026-Q2").exists()
    # the reporter of a department sees its own figures; the other province's reporter none of DEMO's
    from dondoc.units.scope import Scope

    assert not selectors.visible_indicators(Scope.for_user(ctx.users["khac"])).filter(owner=ctx.root).exists()
    assert (
        selectors.visible_indicators(Scope.for_user(ctx.users["baocao"])).filter(owner=ctx.root).count() == 8
    )
