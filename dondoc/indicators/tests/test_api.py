"""The indicator API: list, one indicator with achievement, post a value, extract figures; scope → 404."""

import json

from dondoc.indicators.actions import record_value
from dondoc.indicators.models import Value


def post(client, url, data):
    return client.post(url, data=json.dumps(data), content_type="application/json")


def test_list_and_detail(world, cat):
    record_value(cat.edoc, world.A, "2025-Q2", "9/10", actor=world.office)
    c = world.client(world.leader)
    r = c.get("/api/v1/indicators?programme=NQ57")
    assert r.status_code == 200
    codes = [i["code"] for i in r.json()]
    assert "VBDT-SO" in codes and "BTS" in codes
    r = c.get(f"/api/v1/indicators/{cat.edoc.pk}?unit=P")
    body = r.json()
    assert r.status_code == 200
    assert body["achievement"]["value"] == 90.0
    assert body["achievement"]["target"] == 90.0 and body["achievement"]["status"] == "dat"
    assert body["achievement"]["baseline"]["value"] == 23.98
    assert body["history"] == [{"period": "2025-Q2", "value": 90.0}]
    assert {"year": 2025, "value": 95.0, "unit": "A"} in body["targets"]


def test_other_user_gets_404(world, cat):
    c = world.client(world.other)
    assert c.get(f"/api/v1/indicators/{cat.edoc.pk}").status_code == 404
    assert "VBDT-SO" not in [i["code"] for i in c.get("/api/v1/indicators").json()]
    r = post(c, f"/api/v1/indicators/{cat.edoc.pk}/values", {"unit": "A", "period": "2025-Q2", "value": "80"})
    assert r.status_code == 404
    assert not Value.objects.exists()


def test_post_value(world, cat):
    c = world.client(world.reporter)
    url = f"/api/v1/indicators/{cat.edoc.pk}/values"
    r = post(c, url, {"unit": "A", "period": "quý II/2025", "value": "4/5"})
    assert r.status_code == 200, r.content
    assert r.json()["value"] == 80.0 and r.json()["numerator"] == 4.0 and r.json()["created"]
    r = post(c, url, {"unit": "A", "period": "2025-Q3", "value": "120"})
    assert r.status_code == 400 and "100%" in r.json()["detail"]
    r = post(c, url, {"unit": "B", "period": "2025-Q3", "value": "80"})  # outside the reporter's scope
    assert r.status_code == 404
    r = post(world.client(world.leader), url, {"unit": "A", "period": "2025-Q3", "value": "80"})
    assert r.status_code == 400 and "đơn vị của mình" in r.json()["detail"]
    assert Value.objects.count() == 1


def test_post_value_by_token(world, cat):
    from django.test import Client

    from dondoc.units.actions import issue_token

    raw = issue_token(world.office, name="thử")
    c = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    r = post(
        c, f"/api/v1/indicators/{cat.bts.pk}/values", {"unit": "P", "period": "2025-Q1", "value": "1.780"}
    )
    assert r.status_code == 200 and r.json()["value"] == 1780.0


def test_extract(world):
    c = world.client(world.reporter)
    r = post(c, "/api/v1/figures/extract", {"text": "Đạt trên 99,30%, có hơn 1.780 vị trí cột và 4/5 khu."})
    assert r.status_code == 200
    figs = r.json()
    assert [f["text"] for f in figs] == ["Đạt trên 99,30%", "hơn 1.780 vị trí cột", "4/5"]
    assert figs[0]["qualifier"] == "trên" and figs[0]["value"] == 99.3
    assert figs[2]["numerator"] == 4 and figs[2]["denominator"] == 5


def test_openapi_lists_indicator_paths(world):
    r = world.client(world.office).get("/api/v1/openapi.json")
    paths = r.json()["paths"]
    assert "/api/v1/indicators/{indicator_id}/values" in paths
    assert "/api/v1/figures/extract" in paths
