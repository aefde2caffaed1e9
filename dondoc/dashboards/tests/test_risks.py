"""The early warning where the leader and the office read it: the dashboard's panel, the unit page (paged) and
GET /api/v1/risks — the same tasks, scores and reasons as reporting.risk."""

from __future__ import annotations

from datetime import date

import pytest

from dondoc.documents.models import Document
from dondoc.reporting import risk
from dondoc.tasks.actions import create_task
from dondoc.tasks.models import Task
from dondoc.units.actions import issue_token

AS_OF = "2025-06-20"


@pytest.fixture
def risky(world):
    """25 tasks of A assigned by a plan of 1/1/2025, due 31/7/2025, never started: all at risk as of 20/6; one of
    B due in 2026 (not within 90 days); one of X, outside the province."""
    kh = Document.objects.create(
        symbol="366-KH/TU", number="366", kind="KH", style="party", issued_on=date(2025, 1, 1), unit=world.P
    )
    p = world.programme
    for n in range(25):
        create_task(
            p, code=f"R.{n:02d}", title=f"Nhiệm vụ rủi ro {n}", lead=world.A, due=date(2025, 7, 31), source=kh
        )
    create_task(p, code="L.1", title="Nhiệm vụ dài hạn", lead=world.B, due=date(2026, 12, 31), source=kh)
    create_task(p, code="X.1", title="Nhiệm vụ tỉnh khác", lead=world.X, due=date(2025, 7, 31), source=kh)
    return world


def test_the_dashboard_shows_the_tasks_at_risk(risky):
    c = risky.client(risky.leader)
    html = c.get(f"/tong-quan/?unit=P&programme=NQ57&as_of={AS_OF}").content.decode()
    # the page does not wait for them: the panel loads its list in a request of its own
    url = f"/tong-quan/nguy-co/?unit=P&amp;programme=NQ57&amp;as_of={AS_OF}"
    assert "Nhiệm vụ có nguy cơ chậm" in html and f'hx-get="{url}' in html and "Nhiệm vụ rủi ro" not in html
    panel = c.get(url.replace("&amp;", "&"), HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in panel and "25 nhiệm vụ có nguy cơ chậm" in panel
    assert panel.count("Nhiệm vụ rủi ro") == 10  # the first ten, then a link to all of them
    assert "Đã dùng 81% thời gian, chưa có báo cáo tiến độ; chưa bắt đầu thực hiện" in panel
    assert "Xem tất cả 25 nhiệm vụ có nguy cơ chậm" in panel
    assert "/don-vi/P/?as_of=2025-06-20&amp;programme=NQ57#nguy-co" in panel
    assert "Nhiệm vụ tỉnh khác" not in panel and "Nhiệm vụ dài hạn" not in panel
    # without JavaScript the same list is a page of its own
    page = c.get(url.replace("&amp;", "&")).content.decode()
    assert "<html" in page and page.count("Nhiệm vụ rủi ro") == 10
    assert risky.client(risky.other).get("/tong-quan/nguy-co/?unit=P").status_code == 404


def test_the_unit_page_pages_through_them(risky):
    c = risky.client(risky.office)
    first = c.get(f"/don-vi/P/?as_of={AS_OF}").content.decode()
    assert first.count("Nhiệm vụ rủi ro") == 20 and 'id="nguy-co"' in first
    second = c.get(f"/don-vi/P/?as_of={AS_OF}&rp=2").content.decode()
    assert second.count("Nhiệm vụ rủi ro") == 5 and "R.24" in second
    assert c.get(f"/don-vi/P/?as_of={AS_OF}&rp=abc").status_code == 200  # a bad page is the first one
    # a unit with none says so
    assert "Không có nhiệm vụ nào có nguy cơ chậm" in c.get(f"/don-vi/B/?as_of={AS_OF}").content.decode()


def test_the_api_serves_them_in_scope(risky, client):
    token = issue_token(risky.leader)
    r = client.get(
        "/api/v1/risks",
        {"unit": "P", "as_of": AS_OF, "limit": 5, "offset": 20},
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert r.status_code == 200
    body = r.json()
    assert body["count"] == 25 and len(body["items"]) == 5 and body["threshold"] == risk.AT_RISK
    first = body["items"][0]
    expected = risk.at_risk(Task.objects.filter(lead=risky.A), date(2025, 6, 20))[20]
    assert first["code"] == expected.task.code and first["score"] == expected.score == 66
    assert first["reasons"] == expected.reasons and first["level"] == "high" and first["lead"] == "A"
    assert first["due_in_force"] == "2025-07-31" and first["progress"] is None
    # the longer horizon takes B's task in, still not at risk by its score
    wide = client.get(
        "/api/v1/risks", {"unit": "P", "as_of": AS_OF, "within": 1000}, HTTP_AUTHORIZATION=f"Bearer {token}"
    ).json()
    assert wide["count"] == 25 and wide["within_days"] == 1000
    # another province's user learns nothing
    other = issue_token(risky.other)
    assert client.get("/api/v1/risks", {"unit": "P"}, HTTP_AUTHORIZATION=f"Bearer {other}").status_code == 404
    assert (
        client.get(
            "/api/v1/risks", {"unit": "P", "within": 0}, HTTP_AUTHORIZATION=f"Bearer {token}"
        ).status_code
        == 422
    )
