"""The read-replica router: reads of summaries and dashboards may go to the replica, writes never do, and
nothing reads from it unless the code opted in."""

from __future__ import annotations

import pytest
from django.db import router

from dondoc import dbrouters
from dondoc.dbrouters import ReadReplicaRouter, read_replica, replica_reads
from dondoc.tasks.models import StatusSnapshot, Task
from dondoc.units.models import Unit


@pytest.fixture
def replica(monkeypatch):
    monkeypatch.setattr(dbrouters, "replica_configured", lambda: True)


def test_without_a_replica_everything_uses_default():
    with read_replica():
        assert Task.objects.all().db == "default"
        assert router.db_for_write(Task) == "default"


def test_reads_go_to_the_replica_only_inside_the_read_only_context(replica):
    assert Task.objects.all().db == "default"
    with read_replica():
        assert Task.objects.all().db == "replica"
        assert Unit.objects.filter(code="VN").db == "replica"
    assert Task.objects.all().db == "default"


def test_writes_and_locking_reads_never_go_to_the_replica(replica):
    with read_replica():
        assert router.db_for_write(Task) == "default"
        assert router.db_for_write(StatusSnapshot) == "default"
        # The kept counts compare the epoch under lock: that read is the primary's (snapshots._store).
        assert Task.objects.select_for_update().db == "default"
        assert (
            StatusSnapshot.objects.all()._db is None and StatusSnapshot.objects.get_queryset().db == "replica"
        )


def test_the_replica_is_never_migrated():
    r = ReadReplicaRouter()
    assert r.allow_migrate("default", "tasks") is True
    assert r.allow_migrate("replica", "tasks") is False


def test_opting_in_is_per_view_and_ends_with_it(replica):
    seen = []

    @replica_reads
    def view(request):
        seen.append(Task.objects.all().db)
        return "ok"

    assert view(None) == "ok"
    assert seen == ["replica"]
    assert Task.objects.all().db == "default"


def test_the_dashboards_and_summaries_opt_in_and_the_writing_pages_do_not():
    from dondoc.dashboards import api as dashboards_api
    from dondoc.dashboards import views as dashboard_views
    from dondoc.reporting import views as reporting_views
    from dondoc.tasks import api as tasks_api

    for view in (dashboard_views.home, dashboard_views.saved_view, dashboard_views.unit_detail):
        assert _opted_in(view), view
    for op in (tasks_api.summary, dashboards_api.dashboard, dashboards_api.ranking):
        assert _opted_in(op), op
    assert not _opted_in(dashboard_views.view_save)
    assert not any(
        _opted_in(getattr(reporting_views, n))
        for n in dir(reporting_views)
        if callable(getattr(reporting_views, n))
    )


def _opted_in(func) -> bool:
    return getattr(func, "reads_from_replica", False)


def test_a_dashboard_page_reads_from_the_replica(world, monkeypatch):
    # No real replica here: the router is asked, records whether it would answer the replica, answers default.
    asked = []
    monkeypatch.setattr(dbrouters, "replica_configured", lambda: True)
    original = ReadReplicaRouter.db_for_read

    def spy(self, model, **hints):
        asked.append(original(self, model, **hints))
        return None

    monkeypatch.setattr(ReadReplicaRouter, "db_for_read", spy)
    assert world.client(world.leader).get("/tong-quan/").status_code == 200
    assert "replica" in asked
    asked.clear()
    assert world.client(world.leader).get("/nhiem-vu/").status_code == 200
    assert "replica" not in asked
