import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dondoc.audit.models import AuditEntry
from dondoc.dashboards.tests.catalogue import make_tasks
from dondoc.portal import actions
from dondoc.portal.models import Publication
from dondoc.tasks import selectors as task_selectors

URL = "/cong-khai/NQ57/P/"


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def test_unpublished_page_is_404(world):
    make_tasks(world, 6)
    assert world.client(None).get(URL).status_code == 404
    assert world.client(None).get("/cong-khai/NQ57/NOPE/").status_code == 404


def test_published_page_opens_without_login_with_figures_only(world, django_capture_on_commit_callbacks):
    make_tasks(world, 24)
    with django_capture_on_commit_callbacks(execute=True):
        pub = actions.publish(world.programme, world.P, actor=world.office, title="Công khai NQ57")
    r = world.client(None).get(URL)
    assert r.status_code == 200
    html = r.content.decode()
    assert task_selectors.summary(world.P, programme=world.programme).counts.sentence in html
    assert "Công khai NQ57" in html and "Sở Y tế" in html
    # No internal notes, task titles or names of people.
    assert "Ghi chú nội bộ" not in html and "Nhiệm vụ thử nghiệm" not in html
    assert world.office.get_full_name() not in html and "office@" not in html
    assert AuditEntry.objects.filter(
        object_type="portal.publication", object_id=str(pub.pk), action="publish"
    ).exists()
    assert "Công khai NQ57" in world.client(None).get("/cong-khai/").content.decode()


def test_cached_page_runs_one_query_and_withdrawal_is_immediate(world, django_capture_on_commit_callbacks):
    make_tasks(world, 12)
    with django_capture_on_commit_callbacks(execute=True):
        pub = actions.publish(world.programme, world.P, actor=world.office)
    client = world.client(None)
    assert client.get(URL).status_code == 200
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(URL).status_code == 200
    assert len(ctx.captured_queries) == 1  # only "is it still published?"
    with django_capture_on_commit_callbacks(execute=True):
        actions.withdraw(pub, actor=world.office)
    assert client.get(URL).status_code == 404
    assert AuditEntry.objects.filter(object_type="portal.publication", action="withdraw").count() == 1


def test_public_page_queries_do_not_grow_with_the_data(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        actions.publish(world.programme, world.P, actor=world.office)
    make_tasks(world, 10, prefix="S")

    def fresh_count():
        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            assert world.client(None).get(URL).status_code == 200
        return len(ctx.captured_queries)

    small = fresh_count()
    make_tasks(world, 150, prefix="L")
    assert fresh_count() == small <= 15


def test_only_the_office_publishes_and_withdraws(world, django_capture_on_commit_callbacks):
    for user in (world.leader, world.reporter, world.other):
        r = world.client(user).post("/cong-khai/quan-ly/cong-bo/", {"unit": "P", "programme": "NQ57"})
        assert r.status_code == 404
    assert not Publication.objects.exists()
    assert world.client(world.leader).get("/cong-khai/quan-ly/").status_code == 404
    office = world.client(world.office)
    page = office.get("/cong-khai/quan-ly/")
    assert page.status_code == 200 and "NQ57 — Tỉnh Thử Nghiệm" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        r = office.post(
            "/cong-khai/quan-ly/cong-bo/", {"unit": "P", "programme": "NQ57", "title": "Trang NQ57"}
        )
    assert r.status_code == 302
    pub = Publication.objects.get()
    assert pub.is_published and pub.published_by == world.office
    assert world.client(world.leader).post(f"/cong-khai/quan-ly/{pub.pk}/thu-hoi/").status_code == 404
    pub.refresh_from_db()
    assert pub.is_published
    with django_capture_on_commit_callbacks(execute=True):
        assert office.post(f"/cong-khai/quan-ly/{pub.pk}/thu-hoi/").status_code == 302
    pub.refresh_from_db()
    assert not pub.is_published and pub.withdrawn_at is not None
    assert world.client(None).get(URL).status_code == 404
