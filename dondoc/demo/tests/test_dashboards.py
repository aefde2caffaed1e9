"""The dashboards part of the demo: saved views, ranking weights and a published page."""

from datetime import date

AS_OF = date(2025, 7, 15)


def test_demo_adds_views_weights_and_a_public_page(world, django_capture_on_commit_callbacks):
    from dondoc.dashboards.models import RankingWeights, SavedView
    from dondoc.demo import dashboards as demo
    from dondoc.demo.province import DemoContext
    from dondoc.portal.models import Publication
    from dondoc.tasks.actions import create_task

    parent = create_task(
        world.programme, code="366.5.CX", title="Chuyển đổi số cấp xã", lead=world.P, due=AS_OF
    )
    ctx = DemoContext(
        root=world.P,
        programme=world.programme,
        users={"vanphong": world.office, "lanhdao": world.leader},
        today=AS_OF,
    )
    with django_capture_on_commit_callbacks(execute=True):
        demo.load(ctx)
    shared = SavedView.objects.get(owner=world.leader)
    assert shared.pinned and shared.shared_with_unit and [g.number for g in shared.groups.all()] == [5]
    assert SavedView.objects.get(owner=world.office).parent_task == parent
    assert RankingWeights.objects.filter(unit=world.P, programme=world.programme).exists()
    assert Publication.objects.get(unit=world.P, programme=world.programme).is_published
    assert world.client(None).get("/cong-khai/NQ57/P/").status_code == 200
