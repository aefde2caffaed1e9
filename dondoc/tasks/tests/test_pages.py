"""The catalogue, task and unit pages: filters, diacritic-free search, pagination, bounded queries."""

from datetime import date

import pytest
from django.test import override_settings

from dondoc.tasks import actions
from dondoc.tasks.models import Task


def make(world, n, lead=None, **extra):
    for i in range(n):
        actions.create_task(
            world.programme,
            code=f"N{i:03d}",
            title=f"Nhiệm vụ chuyển đổi số {i}",
            lead=lead or world.A,
            due=date(2025, 6, 30),
            **extra,
        )


def test_catalogue_search_ignores_diacritics_and_case(world):
    actions.create_task(
        world.programme,
        code="1",
        title="Đẩy mạnh chuyển đổi số trong doanh nghiệp",
        lead=world.A,
        due=date(2025, 12, 31),
    )
    actions.create_task(
        world.programme, code="2", title="Hợp tác quốc tế", lead=world.B, due=date(2025, 12, 31)
    )
    c = world.client(world.office)
    body = c.get("/nhiem-vu/", {"q": "DAY MANH chuyen doi so"}).content.decode()
    assert "Đẩy mạnh chuyển đổi số" in body and "Hợp tác quốc tế" not in body
    body = c.get("/nhiem-vu/", {"q": "đẩy"}).content.decode()
    assert "Đẩy mạnh" in body


def test_catalogue_filters_by_status_as_of_a_date_unit_and_group(world):
    g3 = world.programme.groups.get(number=3)
    actions.create_task(
        world.programme, code="late", title="Đã quá hạn", lead=world.A, due=date(2025, 3, 31), group=g3
    )
    actions.create_task(
        world.programme, code="fine", title="Còn trong hạn", lead=world.B, due=date(2025, 12, 31)
    )
    c = world.client(world.leader)
    body = c.get("/nhiem-vu/", {"status": "overdue", "as_of": "2025-06-30"}).content.decode()
    assert "Đã quá hạn" in body and "Còn trong hạn" not in body
    body = c.get("/nhiem-vu/", {"status": "overdue", "as_of": "01/03/2025"}).content.decode()
    assert "Đã quá hạn" not in body  # on 1/3/2025 it was still within its deadline
    body = c.get("/nhiem-vu/", {"unit": "B"}).content.decode()
    assert "Còn trong hạn" in body and "Đã quá hạn" not in body
    body = c.get("/nhiem-vu/", {"programme": "NQ57", "group": g3.pk}).content.decode()
    assert "Đã quá hạn" in body and "Còn trong hạn" not in body
    # A bad date is reported in Vietnamese, not a server error.
    r = c.get("/nhiem-vu/", {"as_of": "31/02/2025"})
    assert r.status_code == 200 and "không có ngày 31" in r.content.decode()


@override_settings(DONDOC_PAGE_SIZE=10)
def test_catalogue_paginates(world):
    make(world, 25)
    c = world.client(world.office)
    body = c.get("/nhiem-vu/").content.decode()
    assert "N000" in body and "N010" not in body and "Trang 1/3" in body
    body = c.get("/nhiem-vu/", {"page": 3}).content.decode()
    assert "N020" in body and "N000" not in body
    # htmx requests get only the results fragment.
    frag = c.get(
        "/nhiem-vu/", {"page": 2}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="task-results"
    ).content.decode()
    assert "<html" not in frag and "N010" in frag


@pytest.mark.parametrize("n", [5, 60])
def test_catalogue_query_count_does_not_grow_with_the_data(world, n, django_assert_max_num_queries):
    make(world, n)
    c = world.client(world.office)
    c.get("/nhiem-vu/")  # warm the session
    with django_assert_max_num_queries(12):
        assert c.get("/nhiem-vu/", {"status": "open"}).status_code == 200


def test_task_page_shows_subtasks_extensions_and_history(world, django_assert_max_num_queries):
    parent = actions.create_task(
        world.programme, code="P", title="Nhiệm vụ chung", lead=world.P, due=date(2025, 12, 31)
    )
    for i, unit in enumerate([world.A, world.B, world.C]):
        child = actions.create_task(
            world.programme,
            code=f"P.{i}",
            title=f"Nhiệm vụ cụ thể {unit.name}",
            lead=unit,
            parent=parent,
            due=date(2025, 9, 30),
        )
        if i == 0:
            actions.complete_task(child, date(2025, 9, 1), actor=world.office)
    actions.extend_deadline(
        parent, date(2026, 3, 31), "Chờ sắp xếp bộ máy", granted_on=date(2025, 12, 1), actor=world.office
    )
    c = world.client(world.leader)
    with django_assert_max_num_queries(15):
        body = c.get(f"/nhiem-vu/{parent.pk}/", {"as_of": "2025-12-15"}).content.decode()
    assert "1/3 nhiệm vụ cụ thể đã hoàn thành" in body
    assert "Sở Y tế" in body and "31/03/2026" in body and "Chờ sắp xếp bộ máy" in body
    assert "gia hạn" in body and "thời hạn ban đầu 31/12/2025" in body
    assert "Lịch sử thay đổi" in body and "tạo mới" in body


def test_office_extends_from_the_task_page_and_bad_input_writes_nothing(world):
    t = actions.create_task(world.programme, code="T", title="x", lead=world.A, due=date(2025, 6, 30))
    c = world.client(world.office)
    r = c.post(
        f"/nhiem-vu/{t.pk}/gia-han/",
        {"new_due": "30/05/2025", "granted_on": "01/06/2025", "reason": "x"},
        follow=True,
    )
    assert "phải sau" in r.content.decode() and not t.extensions.exists()
    c.post(
        f"/nhiem-vu/{t.pk}/gia-han/", {"new_due": "30/09/2025", "granted_on": "01/06/2025", "reason": "Lý do"}
    )
    assert t.extensions.get().new_due == date(2025, 9, 30)
    # A leader reads but does not extend; a reporter of another unit does not even see the task.
    assert world.client(world.leader).post(f"/nhiem-vu/{t.pk}/gia-han/", {}).status_code == 404
    assert world.client(world.other).post(f"/nhiem-vu/{t.pk}/gia-han/", {}).status_code == 404
    assert t.extensions.count() == 1


def test_unit_page_summary_sentence_as_of_a_date_and_breakdown(world, django_assert_max_num_queries):
    actions.create_task(
        world.programme,
        code="1",
        title="x",
        lead=world.A,
        due=date(2025, 3, 31),
        done=date(2025, 3, 1),
        started=date(2025, 2, 1),
    )
    actions.create_task(world.programme, code="2", title="y", lead=world.C, due=date(2025, 6, 30))
    actions.create_task(world.programme, code="3", title="z", lead=world.C, recurring=True)
    actions.create_task(world.programme, code="4", title="w", lead=world.X, due=date(2025, 6, 30))
    c = world.client(world.leader)
    # 15 for the figures, 9 for the list of tasks at risk (reporting.risk.assess: fixed, whatever the data)
    with django_assert_max_num_queries(24):
        body = c.get("/don-vi/P/", {"as_of": "2025-07-01", "programme": "NQ57"}).content.decode()
    assert (
        "Trong tổng số 3 nhiệm vụ, có 1 nhiệm vụ hoàn thành (1 đúng hạn, 0 quá hạn), 1 nhiệm vụ chưa hoàn thành "
        "(0 trong hạn, 1 quá hạn) và 1 nhiệm vụ thường xuyên."
    ) in body
    assert "Tính đến ngày 01/07/2025" in body and "Xã Đông Sơn" in body
    body = c.get("/don-vi/P/", {"as_of": "2025-07-01", "only_unit": "1"}).content.decode()
    assert "Trong tổng số 0 nhiệm vụ" in body


def test_task_count_in_scope_for_unit_page_of_reporter(world):
    actions.create_task(world.programme, code="1", title="x", lead=world.A, due=date(2025, 3, 31))
    body = world.client(world.reporter).get("/don-vi/A/").content.decode()
    assert "Trong tổng số 1 nhiệm vụ" in body
    assert world.client(world.reporter).get("/don-vi/B/").status_code == 404
    assert Task.objects.count() == 1
