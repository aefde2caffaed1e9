"""The office keeps its indicator catalogue on its own pages: indicators with the kinds of unit that report each,
targets by year for the programme or one unit, with history; another province's indicator answers 404."""

from dondoc.audit.actions import history
from dondoc.indicators import actions
from dondoc.indicators.models import Indicator, PeriodType, Target


def _post(c, **extra):
    data = {
        "programme": "NQ57",
        "owner": "P",
        "code": "P-CKS",
        "name": "Tỷ lệ văn bản được ký số",
        "unit_of_measure": "%",
        "value_kind": "percentage",
        "direction": "higher_better",
        "period_type": "quarterly",
        "rollup": "mean",
        "applies_to": ["department", "commune"],
        **extra,
    }
    return c.post("/chi-tieu/moi/", data)


def test_the_office_adds_an_indicator_and_sets_its_targets(world):
    c = world.client(world.office)
    assert c.get("/chi-tieu/moi/").status_code == 200
    r = _post(c)
    ind = Indicator.objects.get(code="P-CKS")
    assert r.status_code == 302 and r["Location"] == f"/chi-tieu/{ind.pk}/sua/"
    assert ind.applies_to == ["department", "commune"] and ind.owner == world.P
    edit = f"/chi-tieu/{ind.pk}/sua/"
    c.post(edit, {"action": "target", "year": 2025, "value": "95", "unit": ""})
    c.post(edit, {"action": "target", "year": 2025, "value": "99,30", "unit": "A", "note": "Sở KH&CN"})
    r = c.post(edit, {"action": "target", "year": 2025, "value": "150", "unit": ""})
    assert r.status_code == 200  # a percentage over 100 is refused with a message
    assert sorted((t.unit_id is None, str(t.value)) for t in Target.objects.all()) == [
        (False, "99.3000"),
        (True, "95.0000"),
    ]
    page = c.get(edit).content.decode()
    assert "99,30" in page and "cả chương trình" in page


def test_editing_changes_who_reports_and_can_stop_following(world):
    c = world.client(world.office)
    _post(c)
    ind = Indicator.objects.get()
    edit = f"/chi-tieu/{ind.pk}/sua/"
    base = {
        "owner": "P",
        "code": "P-CKS",
        "name": "Tỷ lệ văn bản được ký số",
        "value_kind": "percentage",
        "direction": "higher_better",
        "period_type": "quarterly",
        "rollup": "mean",
        "applies_to": ["department"],
        "is_active": "on",
    }
    assert c.post(edit, base).status_code == 302
    ind.refresh_from_db()
    assert ind.applies_to == ["department"]
    c.post(edit, {**base, "is_active": ""})
    ind.refresh_from_db()
    assert ind.is_active is False and c.get(edit).status_code == 200  # still reachable, to follow it again
    assert [h.action for h in history(ind)][:2] == ["update", "update"]


def test_the_catalogue_is_the_office_s_alone(world):
    theirs = actions.create_indicator(
        world.programme,
        owner=world.O,
        code="O-1",
        name="Chỉ tiêu tỉnh khác",
        value_kind=Indicator.Kind.NUMBER,
        period_type=PeriodType.YEARLY,
    )
    c = world.client(world.office)
    assert c.get(f"/chi-tieu/{theirs.pk}/sua/").status_code == 404
    assert world.client(world.leader).get("/chi-tieu/moi/").status_code == 404
    r = _post(c, owner="O")
    assert r.status_code == 200 and Indicator.objects.count() == 1
    assert _post(c).status_code == 302
    assert "đã có chỉ tiêu mã P-CKS" in _post(c).content.decode()
