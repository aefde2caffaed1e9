"""`backtest_risk` on a small crafted catalogue whose figures are known."""

from __future__ import annotations

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from dondoc.documents.models import Document
from dondoc.reporting import risk
from dondoc.tasks.actions import complete_task, create_task, mark_started
from dondoc.tasks.models import Task


@pytest.fixture
def crafted(world):
    """Assigned by a plan of 1/1/2025; judged as of 20/6/2025, results by 31/12/2025. Tasks:
    a  due 31/7, never started, never done     → flagged (66 points), late        (a hit)
    b  due 31/7, not started by D, done 15/7   → flagged (66 points), on time     (a false alarm)
    c  due 31/12, started, done 15/1/2026      → 32 points, late                  (missed)
    d  due 31/12, started, done 1/11           → 32 points, on time
    e  due 30/6/2026                           → not judged (its deadline is after 31/12/2025)
    f  done 10/6, before D                     → not judged (not open at D)"""
    kh = Document.objects.create(
        symbol="366-KH/TU", number="366", kind="KH", style="party", issued_on=date(2025, 1, 1), unit=world.P
    )
    p = world.programme

    def task(code, due):
        return create_task(p, code=code, title=f"Nhiệm vụ {code}", lead=world.A, due=due, source=kh)

    a, b = task("a", date(2025, 7, 31)), task("b", date(2025, 7, 31))
    c, d = task("c", date(2025, 12, 31)), task("d", date(2025, 12, 31))
    task("e", date(2026, 6, 30))
    f = task("f", date(2025, 12, 31))
    complete_task(b, date(2025, 7, 15))
    for t in (c, d, f):
        mark_started(Task.objects.get(pk=t.pk), date(2025, 2, 1))
    complete_task(Task.objects.get(pk=c.pk), date(2026, 1, 15))
    complete_task(Task.objects.get(pk=d.pk), date(2025, 11, 1))
    complete_task(Task.objects.get(pk=f.pk), date(2025, 6, 10))
    return a


def run(*args) -> str:
    out = StringIO()
    call_command("backtest_risk", *args, stdout=out)
    return out.getvalue()


def test_backtest_figures_on_a_crafted_catalogue(crafted):
    scores = {r.task.code: r.score for r in risk.assess(Task.objects.all(), date(2025, 6, 20))}
    assert scores == {"a": 66, "b": 66, "c": 32, "d": 32, "e": 31}
    got = json.loads(run("--as-of", "20/06/2025", "--until", "31/12/2025", "--unit", "P", "--json"))
    assert {k: got[k] for k in ("judged", "flagged", "late", "hits", "false_alarms", "missed")} == {
        "judged": 4, "flagged": 2, "late": 2, "hits": 1, "false_alarms": 1, "missed": 1,
    }  # fmt: skip
    assert got["precision"] == 0.5 and got["recall"] == 0.5 and got["base_rate"] == 0.5
    assert got["threshold"] == risk.AT_RISK and got["unit"] == "P"
    at_30 = next(t for t in got["thresholds"] if t["threshold"] == 30)
    assert at_30["flagged"] == 4 and at_30["recall"] == 1.0  # a lower bar catches c too, at 50% precision


def test_backtest_prints_precision_and_recall_in_vietnamese(crafted):
    text = run("--as-of", "2025-06-20", "--until", "2025-12-31")
    assert (
        "4 nhiệm vụ đang trong hạn có thời hạn đến ngày 31/12/2025; 2 nhiệm vụ thực sự chậm (50,0%)" in text
    )
    assert "Độ chính xác (precision): 50,0%; độ bao phủ (recall): 50,0%." in text
    one = run("--as-of", "2025-06-20", "--until", "2025-12-31", "--threshold", "70")
    assert "cảnh báo 0 nhiệm vụ" in one and "độ bao phủ (recall): 0,0%" in one


@pytest.mark.parametrize(
    "args, message",
    [
        (["--as-of", "32/13/2025"], "--as-of"),
        (["--as-of", "2025-06-20", "--until", "2025-06-01"], "phải sau ngày tính cảnh báo"),
        (["--as-of", "2025-06-20", "--unit", "KHONGCO"], "Không có đơn vị"),
        (["--as-of", "2025-06-20", "--threshold", "0"], "từ 1 đến 100"),
    ],
)
def test_backtest_refuses_bad_input(crafted, args, message, capsys):
    with pytest.raises(SystemExit) as exc:
        call_command("backtest_risk", *args)
    assert exc.value.code == 1
    assert message in capsys.readouterr().err
