from django.db import connection
from django.test.utils import CaptureQueriesContext

from dondoc.audit.models import AuditEntry
from dondoc.dashboards import actions, selectors
from dondoc.dashboards.models import RankingWeights, SavedView
from dondoc.tasks import selectors as task_selectors
from dondoc.units.models import Membership
from dondoc.units.scope import Scope

from .catalogue import AS_OF, make_tasks

URL = "/tong-quan/"
Q = "?unit=P&programme=NQ57&as_of=2025-07-15"


def test_home_redirects_to_the_dashboard(world):
    r = world.client(world.leader).get("/")
    assert r.status_code == 302 and r["Location"] == URL


def test_leader_reads_the_dashboard_of_their_province(world):
    make_tasks(world, 30)
    r = world.client(world.leader).get(URL + "?as_of=15/07/2025")
    assert r.status_code == 200
    html = r.content.decode()
    counts = task_selectors.summary(world.P, as_of=AS_OF).counts
    assert counts.sentence in html
    assert "Tính đến ngày 15/07/2025" in html and "30/06/2025" in html  # compared with the last quarter end
    for u in ("Sở Khoa học và Công nghệ", "Sở Y tế", "Xã Đông Sơn"):
        assert u in html
    assert "?unit=A&amp;" in html  # drill down to a department
    overdue = selectors.overdue_tasks(
        selectors.Params(unit=world.P, as_of=AS_OF), Scope.for_user(world.leader)
    )
    assert f"/nhiem-vu/{overdue[0].pk}/" in html and f"quá hạn {overdue[0].days_overdue} ngày" in html
    assert "<script" not in html.split("</head>")[1]  # no inline script in the body


def test_drill_down_to_a_department_shows_its_figures(world):
    make_tasks(world, 30)
    r = world.client(world.leader).get(URL + "?unit=A&as_of=2025-07-15")
    counts = task_selectors.summary(world.A, as_of=AS_OF).counts
    assert r.status_code == 200 and counts.sentence in r.content.decode()
    assert r.context["params"].unit == world.A


def test_outside_the_scope_is_404(world):
    make_tasks(world, 6)
    assert world.client(world.other).get(URL + "?unit=P").status_code == 404
    assert world.client(world.other).get("/tong-quan/thi-dua/?unit=P").status_code == 404
    # The other user's own dashboard shows nothing of P.
    r = world.client(world.other).get(URL)
    assert r.status_code == 200 and "Sở Y tế" not in r.content.decode()


def test_bad_dates_fall_back_with_a_message(world):
    r = world.client(world.leader).get(URL + "?as_of=31/02/2025")
    assert r.status_code == 200
    assert any("Tính đến ngày" in str(m) for m in r.context["messages"])


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        r = client.get(url)
    assert r.status_code == 200
    return len(ctx.captured_queries)


def test_pages_run_the_same_number_of_queries_whatever_the_data_size(world, django_assert_max_num_queries):
    client = world.client(world.leader)
    client.get("/nhiem-vu/")  # the session's first request notes its start and second-factor state, once
    make_tasks(world, 10, prefix="S")
    urls = [
        URL + Q,
        URL + Q + "&group=1&group=2&sort=overdue",
        "/tong-quan/thi-dua/" + Q,
        "/tong-quan/bang-da-luu/",
    ]
    small = [_count_queries(client, u) for u in urls]
    make_tasks(world, 200, prefix="L")
    large = [_count_queries(client, u) for u in urls]
    assert small == large
    with django_assert_max_num_queries(45):
        client.get(URL + Q)


def test_save_pin_share_and_open_a_view(world):
    make_tasks(world, 12)
    client = world.client(world.leader)
    r = client.post(
        "/tong-quan/bang-da-luu/luu/" + Q + "&group=5&panel=summary&panel=groups",
        {"name": "Nhóm 5", "pinned": "on"},
    )
    view = SavedView.objects.get(owner=world.leader, name="Nhóm 5")
    assert r.status_code == 302 and r["Location"] == f"/tong-quan/bang-da-luu/{view.pk}/"
    assert (
        [g.number for g in view.groups.all()] == [5] and view.panels == ["summary", "groups"] and view.pinned
    )
    assert AuditEntry.objects.filter(object_type="dashboards.savedview", action="create").count() == 1
    page = client.get(f"/tong-quan/bang-da-luu/{view.pk}/?as_of=2025-07-15")
    assert page.status_code == 200 and page.context["params"].groups[0].number == 5
    assert "h-units" not in page.content.decode()  # a panel not chosen is not shown
    # Not shared: another leader of P does not see it; shared: they do; a user outside P never does.
    colleague = Membership.objects.create(user=world.office, unit=world.P, role="leader").user
    assert world.client(colleague).get(f"/tong-quan/bang-da-luu/{view.pk}/").status_code == 404
    client.post(f"/tong-quan/bang-da-luu/{view.pk}/doi/", {"what": "share"})
    view.refresh_from_db()
    assert view.shared_with_unit
    assert world.client(colleague).get(f"/tong-quan/bang-da-luu/{view.pk}/").status_code == 200
    assert world.client(world.other).get(f"/tong-quan/bang-da-luu/{view.pk}/").status_code == 404
    # Only the owner changes or deletes it; nothing changes otherwise.
    assert (
        world.client(colleague).post(f"/tong-quan/bang-da-luu/{view.pk}/doi/", {"what": "pin"}).status_code
        == 404
    )
    assert world.client(colleague).post(f"/tong-quan/bang-da-luu/{view.pk}/xoa/").status_code == 404
    view.refresh_from_db()
    assert view.pinned and view.shared_with_unit
    listing = client.get("/tong-quan/bang-da-luu/").content.decode()
    assert "Nhóm 5" in listing
    assert client.post(f"/tong-quan/bang-da-luu/{view.pk}/xoa/").status_code == 302
    assert not SavedView.objects.filter(pk=view.pk).exists()


def test_save_requires_a_name(world):
    r = world.client(world.leader).post("/tong-quan/bang-da-luu/luu/" + Q, {"name": "  "})
    assert r.status_code == 302 and not SavedView.objects.exists()


def test_office_sets_the_ranking_weights_and_others_cannot(world):
    make_tasks(world, 18)
    r = world.client(world.leader).post(
        "/tong-quan/thi-dua/trong-so/",
        {"unit": "P", "programme": "NQ57", "on_time": 100, "overdue": 0, "timeliness": 0},
    )
    assert r.status_code == 404 and not RankingWeights.objects.exists()
    bad = world.client(world.office).post(
        "/tong-quan/thi-dua/trong-so/",
        {"unit": "P", "programme": "NQ57", "on_time": 90, "overdue": 0, "timeliness": 0},
    )
    assert bad.status_code == 302 and not RankingWeights.objects.exists()
    ok = world.client(world.office).post(
        "/tong-quan/thi-dua/trong-so/",
        {"unit": "P", "programme": "NQ57", "on_time": 100, "overdue": 0, "timeliness": 0},
    )
    assert ok.status_code == 302
    w = RankingWeights.objects.get(unit=world.P, programme=world.programme)
    assert (w.on_time, w.overdue, w.timeliness, w.updated_by) == (100, 0, 0, world.office)
    assert AuditEntry.objects.filter(object_type="dashboards.rankingweights").count() == 1
    page = world.client(world.leader).get("/tong-quan/thi-dua/" + Q)
    assert page.status_code == 200 and page.context["weights"] == (100, 0, 0)
    assert not page.context["can_edit"] and "Lưu trọng số" not in page.content.decode()
    rows = [r for r, _ in page.context["rows"]]
    assert rows[0].rank == 1 and "Sở Y tế" in page.content.decode()


def test_set_weights_rejects_bad_sums(world):
    import pytest

    with pytest.raises(ValueError):
        actions.set_weights(world.P, None, on_time=50, overdue=50, timeliness=50, actor=world.office)
    assert not RankingWeights.objects.exists()


def test_api_dashboard_gives_the_page_figures(world):
    make_tasks(world, 30)
    client = world.client(world.leader)
    r = client.get("/api/v1/dashboard?unit=P&programme=NQ57&as_of=2025-07-15")
    assert r.status_code == 200
    data = r.json()
    page = client.get(URL + Q).context["dash"]
    assert {k: data[k] for k in page.counts.as_dict()} == page.counts.as_dict()
    assert data["compare"] == "2025-06-30" and data["sentence"] == page.sentence
    assert data["changes"]["overdue"] == page.deltas["overdue"].change
    assert [row["key"] for row in data["by_unit"]] == [row.key for row in page.units]
    assert client.get("/api/v1/dashboard?unit=P&programme=NQ57&as_of=2025-07-15&group=2").json()[
        "groups"
    ] == [2]
    assert world.client(world.other).get("/api/v1/dashboard?unit=P").status_code == 404
    ranking = client.get("/api/v1/ranking?unit=P&programme=NQ57&as_of=2025-07-15")
    assert ranking.status_code == 200 and {i["unit"] for i in ranking.json()["items"]} == {"A", "B", "C"}
    assert world.client(world.other).get("/api/v1/ranking?unit=P").status_code == 404
    assert world.client(None).get("/api/v1/dashboard?unit=P").status_code == 401
