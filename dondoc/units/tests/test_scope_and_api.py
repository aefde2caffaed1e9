"""Scope: every page, API call and admin list is filtered; another unit's objects answer 404."""

import re
from datetime import date

import pytest
from django.core.management import call_command

from dondoc.tasks import actions
from dondoc.units.models import ApiToken


@pytest.fixture
def tasks(world):
    a = actions.create_task(
        world.programme, code="A1", title="Số hóa hồ sơ", lead=world.A, due=date(2025, 12, 31)
    )
    b = actions.create_task(
        world.programme,
        code="B1",
        title="Bệnh án điện tử",
        lead=world.B,
        due=date(2025, 6, 30),
        partners=[world.A],
    )
    c = actions.create_task(
        world.programme, code="C1", title="Việc của xã", lead=world.C, due=date(2025, 6, 30)
    )
    x = actions.create_task(
        world.programme, code="X1", title="Việc tỉnh khác", lead=world.X, due=date(2025, 6, 30)
    )
    return a, b, c, x


def test_other_units_objects_answer_404(world, tasks):
    a, b, c, x = tasks
    other = world.client(world.other)
    assert other.get(f"/nhiem-vu/{a.pk}/").status_code == 404
    assert other.get("/don-vi/P/").status_code == 404
    assert other.get("/api/v1/summary", {"unit": "P"}).status_code == 404
    assert other.get(f"/api/v1/tasks/{a.pk}").status_code == 404
    assert other.get(f"/nhiem-vu/{x.pk}/").status_code == 200
    page = other.get("/nhiem-vu/")
    assert "Số hóa hồ sơ" not in page.content.decode() and "Việc tỉnh khác" in page.content.decode()
    assert [t["code"] for t in other.get("/api/v1/tasks").json()["items"]] == ["X1"]


def test_reporter_sees_tasks_it_leads_or_partners_in(world, tasks):
    codes = [t["code"] for t in world.client(world.reporter).get("/api/v1/tasks").json()["items"]]
    assert codes == ["A1", "B1"]
    assert world.client(world.reporter).get(f"/nhiem-vu/{tasks[2].pk}/").status_code == 404


def test_leader_and_office_see_the_subtree(world, tasks):
    codes = [t["code"] for t in world.client(world.leader).get("/api/v1/tasks").json()["items"]]
    assert codes == ["A1", "B1", "C1"]
    assert world.client(world.office).get("/don-vi/C/").status_code == 200


def test_anonymous_gets_nothing_from_the_api_and_the_login_page_from_pages(world, tasks):
    # The contract: the summary answers only a caller whose scope covers the unit, otherwise 404.
    assert world.client(None).get("/api/v1/summary", {"unit": "P"}).status_code == 404
    assert world.client(None).get("/api/v1/tasks").status_code == 401
    r = world.client(None).get("/nhiem-vu/")
    assert r.status_code == 302 and r["Location"].startswith("/dang-nhap/")


def test_issue_token_stores_only_a_hash_and_bearer_authenticates(world, tasks, capsys):
    call_command("issue_token", "leader")
    raw = capsys.readouterr().out.strip()
    token = ApiToken.objects.get(user=world.leader)
    assert raw not in (token.key_hash, token.prefix) and len(token.key_hash) == 64
    from django.test import Client

    c = Client()
    r = c.get("/api/v1/summary", {"unit": "P", "as_of": "2025-07-01"}, HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert r.status_code == 200 and r.json()["total"] == 3 and r.json()["overdue"] == 2
    assert c.get("/api/v1/summary", {"unit": "P"}).status_code == 404  # no credentials: as if absent
    assert c.get("/api/v1/summary", {"unit": "P"}, HTTP_AUTHORIZATION="Bearer wrong").status_code == 401
    assert c.get("/api/v1/tasks", HTTP_AUTHORIZATION="Bearer wrong").status_code == 401
    token.revoked_at = token.created_at
    token.save()
    assert (
        c.get("/api/v1/summary", {"unit": "P"}, HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401
    )  # revoked


def test_issue_token_for_unknown_user_exits_1(db):
    with pytest.raises(SystemExit) as exc:
        call_command("issue_token", "nobody")
    assert exc.value.code == 1


def test_profile_page_creates_and_revokes_tokens(world):
    c = world.client(world.reporter)
    r = c.post("/don-vi/tai-khoan/ma-truy-cap/", {"name": "Excel"}, follow=True)
    assert "chỉ hiện một lần" in r.content.decode()
    token = ApiToken.objects.get(user=world.reporter)
    other = world.client(world.other)
    assert other.post(f"/don-vi/tai-khoan/ma-truy-cap/{token.pk}/thu-hoi/").status_code == 404
    c.post(f"/don-vi/tai-khoan/ma-truy-cap/{token.pk}/thu-hoi/")
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_openapi_document_is_served_and_lists_summary(world):
    r = world.client(None).get("/api/v1/openapi.json")
    assert r.status_code == 200
    spec = r.json()
    assert "/api/v1/summary" in spec["paths"]
    params = {p["name"] for p in spec["paths"]["/api/v1/summary"]["get"]["parameters"]}
    assert {"unit", "programme", "as_of", "due_by"} <= params


def test_admin_is_scoped(world, tasks):
    c = world.client(world.office)
    r = c.get("/admin/tasks/task/")
    assert r.status_code == 200
    body = r.content.decode()
    # whole words: a random CSRF token may hold the letters "X1"
    assert re.search(r"\bA1\b", body) and not re.search(r"\bX1\b", body)
    assert c.get(f"/admin/tasks/task/{tasks[3].pk}/change/").status_code in (302, 404)
    assert world.client(world.office).get("/admin/units/user/").status_code == 403


def test_login_and_logout_pages_in_vietnamese(world):
    from django.test import Client

    c = Client()
    r = c.get("/dang-nhap/")
    assert "Đăng nhập" in r.content.decode() and "Mật khẩu" in r.content.decode()
    r = c.post("/dang-nhap/", {"username": "leader", "password": "sai"})
    assert "không đúng" in r.content.decode()
    from conftest import PASSWORD

    r = c.post("/dang-nhap/", {"username": "leader", "password": PASSWORD})
    assert r.status_code == 302
    r = c.post("/dang-xuat/")
    assert r.status_code == 302 and c.get("/nhiem-vu/").status_code == 302


def test_password_guessing_is_locked_out_and_passwords_use_argon2(world, settings):
    settings.AXES_ENABLED = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    from django.test import Client

    from conftest import PASSWORD

    world.leader.set_password(PASSWORD)
    world.leader.save()
    assert world.leader.password.startswith("argon2$")
    c = Client()
    for _ in range(5):
        c.post("/dang-nhap/", {"username": "leader", "password": "sai"})
    r = c.post("/dang-nhap/", {"username": "leader", "password": PASSWORD})
    assert r.status_code == 429 and "Tạm khóa đăng nhập" in r.content.decode()


def test_moving_a_unit_in_the_admin_moves_its_whole_subtree(world):
    # given a department with a unit below it
    from conftest import make_unit
    from dondoc.tasks import selectors
    from dondoc.units.models import Unit

    below = make_unit("A1", "Phòng Công nghệ", Unit.Kind.OTHER, world.A)
    actions.create_task(world.programme, code="M1", title="x", lead=below, due=date(2025, 6, 30))
    admin = world.client(world.admin)
    form = {"code": "A", "name": world.A.name, "kind": world.A.kind, "parent": world.O.pk, "email": ""}
    form["is_active"] = "on"
    # a move under its own subtree is refused, nothing changes
    bad = admin.post(f"/admin/units/unit/{world.A.pk}/change/", {**form, "parent": below.pk})
    assert bad.status_code == 200 and "tạo thành vòng lặp" in bad.content.decode()
    assert Unit.objects.get(pk=world.A.pk).parent_id == world.P.pk
    # when the office of the system moves it under another province
    r = admin.post(f"/admin/units/unit/{world.A.pk}/change/", form)
    assert r.status_code == 302
    # then the unit below moves along, with its task, and the history says so
    below.refresh_from_db()
    assert below.path == f"{world.O.path}{world.A.pk}/{below.pk}/" and below.depth == 2
    assert selectors.summary(world.O, as_of=date(2025, 7, 1)).counts.total == 1
    assert selectors.summary(world.P, as_of=date(2025, 7, 1)).counts.total == 0
    from dondoc.audit.models import AuditEntry

    move = AuditEntry.objects.filter(
        object_type="units.unit", object_id=str(world.A.pk), action="update"
    ).last()
    assert move is not None and move.changes["parent"] == [world.P.name, world.O.name]
