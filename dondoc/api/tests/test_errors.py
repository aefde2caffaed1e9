"""The API's refusals: 401 with a JSON body and the way in for a missing or bad token, on every operation;
validation errors (422) in the user's language; the OpenAPI document's operation ids and tags readable by
client generators (openapi-python-client, openapi-generator)."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from dondoc.api.api import TAGS, api
from dondoc.units.actions import issue_token
from dondoc.units.models import ApiToken

SCHEMA = api.get_openapi_schema()
OPERATIONS = [(m.upper(), path, op) for path, ops in SCHEMA["paths"].items() for m, op in ops.items()]


def _call(method, path, **headers):
    url = re.sub(r"\{[^}]+\}", "1", path)
    c = Client(enforce_csrf_checks=True)
    if method == "GET":
        return c.get(url, **headers)
    return c.generic(method, url, "{}", content_type="application/json", **headers)


def _assert_401(r, words: str):
    assert r.status_code == 401, r.content
    assert r["Content-Type"].startswith("application/json")
    assert r["WWW-Authenticate"].startswith("Bearer")
    assert words in json.loads(r.content)["detail"]


# ---- 401 ---------------------------------------------------------------------------------------------------
@pytest.mark.django_db
@pytest.mark.parametrize("method,path", [(m, p) for m, p, _ in OPERATIONS if p != "/api/v1/summary"])
def test_no_credentials_is_401_in_vietnamese_on_every_operation(method, path):
    _assert_401(_call(method, path), "Cần đăng nhập")


def test_the_summary_stays_404_to_a_caller_without_credentials(db):
    # the contract: the summary answers 404 to anyone whose scope does not cover the unit
    assert Client().get("/api/v1/summary?unit=P").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("method,path", [(m, p) for m, p, _ in OPERATIONS])
def test_a_wrong_token_is_401_on_every_operation_the_summary_included(method, path):
    r = _call(method, path, HTTP_AUTHORIZATION="Bearer ddk_khong-co-ma-nay")
    _assert_401(r, "không hợp lệ")
    assert 'error="invalid_token"' in r["WWW-Authenticate"]


def test_a_revoked_or_expired_token_is_401(world):
    raw = issue_token(world.office)
    ok = Client().get("/api/v1/units", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert ok.status_code == 200
    ApiToken.objects.filter(user=world.office).update(expires_at=timezone.now() - timedelta(days=1))
    _assert_401(Client().get("/api/v1/units", HTTP_AUTHORIZATION=f"Bearer {raw}"), "hết hạn")
    raw2 = issue_token(world.office)
    ApiToken.objects.filter(user=world.office, revoked_at__isnull=True).update(revoked_at=timezone.now())
    _assert_401(Client().get("/api/v1/summary?unit=P", HTTP_AUTHORIZATION=f"Bearer {raw2}"), "thu hồi")


def test_a_session_write_without_its_csrf_token_is_401_with_the_reason(world):
    c = Client(enforce_csrf_checks=True)
    c.force_login(world.reporter)
    r = c.post("/api/v1/reporting/obstacles", "{}", content_type="application/json")
    _assert_401(r, "CSRF")


def test_a_wrong_token_counts_toward_the_request_rate(db, settings):
    settings.DONDOC_RATE_API = "3/60"
    codes = [Client().get("/api/v1/units", HTTP_AUTHORIZATION="Bearer sai").status_code for _ in range(5)]
    assert codes == [401, 401, 401, 429, 429]


# ---- 422 in the user's language ------------------------------------------------------------------------------
def _office(world):
    return {"HTTP_AUTHORIZATION": f"Bearer {issue_token(world.office)}"}


def test_validation_errors_are_in_vietnamese_by_default(world):
    r = Client().post(
        "/api/v1/reporting/obstacles",
        json.dumps({"kind": 5, "programme": "NQ57"}),
        content_type="application/json",
        **_office(world),
    )
    assert r.status_code == 422
    detail = json.loads(r.content)["detail"]
    by_field = {e["loc"][-1]: e for e in detail}
    assert by_field["kind"]["msg"] == "Cần một chuỗi ký tự."
    assert by_field["text"]["msg"] == "Thiếu trường bắt buộc."
    assert {e["type"] for e in detail} >= {"string_type", "missing"}  # the machine-readable part unchanged
    assert not any("Field required" in e["msg"] or "Input should" in e["msg"] for e in detail)


def test_query_and_path_errors_too(world):
    c = Client()
    r = c.get("/api/v1/tasks?page=abc", **_office(world))
    assert json.loads(r.content)["detail"][0]["msg"] == "Cần một số nguyên."
    r = c.get("/api/v1/tasks/1?as_of=16-06-2025", **_office(world))
    assert json.loads(r.content)["detail"][0]["msg"] == "Cần một ngày theo dạng YYYY-MM-DD."


def test_every_pydantic_error_kind_gets_words_not_english():
    from dondoc.api.errors import message

    kinds = {
        "missing": {},
        "int_parsing": {},
        "literal_error": {"expected": "'a' or 'b'"},
        "string_too_long": {"max_length": 200},
        "greater_than_equal": {"ge": 0},
        "less_than_equal": {"le": 100},
        "json_invalid": {"error": "Expecting value"},
        "value_error": {"error": "Ngày không hợp lệ."},
        "something_new": {},
    }
    out = {k: message({"type": k, "ctx": ctx, "msg": "English"}) for k, ctx in kinds.items()}
    assert out["literal_error"] == "Giá trị không nằm trong các giá trị cho phép: 'a' or 'b'."
    assert out["string_too_long"] == "Dài quá giới hạn 200 ký tự."
    assert out["value_error"] == "Ngày không hợp lệ."
    assert out["something_new"] == "Giá trị không hợp lệ."
    assert not any("English" in v for v in out.values())


# ---- the OpenAPI document ------------------------------------------------------------------------------------
SNAKE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")


def test_every_operation_id_is_short_ascii_snake_case_and_unique():
    ids = [op["operationId"] for _, _, op in OPERATIONS]
    assert all(SNAKE.match(i) and len(i) <= 32 for i in ids), ids
    assert len(ids) == len(set(ids))
    assert {"get_summary", "list_tasks", "get_task", "submit_report", "list_units"} <= set(ids)


def test_tags_are_ascii_and_each_has_a_vietnamese_description():
    used = {t for _, _, op in OPERATIONS for t in op.get("tags", [])}
    declared = {t["name"]: t["description"] for t in SCHEMA["tags"]}
    assert all(t.isascii() and SNAKE.match(t) for t in used), used
    assert used <= set(declared)
    assert all(not d.isascii() for d in declared.values())  # in Vietnamese, with its diacritics
    assert [t["name"] for t in TAGS] == [t["name"] for t in SCHEMA["tags"]]


def test_the_paths_are_those_of_the_contract():
    paths = set(SCHEMA["paths"])
    assert {"/api/v1/summary", "/api/v1/tasks", "/api/v1/units", "/api/v1/reporting/due"} <= paths
