"""Signing in as a national system must: lockout per user and address, a password policy, sessions that end
when idle, an optional (or mandatory) second factor, a sign-in history, API tokens that expire."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone
from django_otp.oath import TOTP

from conftest import PASSWORD
from dondoc.units import actions
from dondoc.units.models import ApiToken, SignInEvent


def _login(client, username, password=PASSWORD, ip="10.0.0.1"):
    return client.post("/dang-nhap/", {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_repeated_failures_lock_that_user_from_that_address_only(world, settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    c = Client()
    for _ in range(2):
        assert _login(c, "office", "sai-mat-khau").status_code == 200
    assert _login(c, "office", "sai-mat-khau").status_code == 429  # the third failure locks
    locked = _login(c, "office")  # even the right password, from this address
    assert locked.status_code == 429
    body = locked.content.decode()
    assert "tạm khóa đăng nhập" in body and "15 phút" in body
    assert _login(Client(), "office", ip="10.0.0.2").status_code == 302  # another address: not locked
    outcomes = list(SignInEvent.objects.filter(username="office").values_list("outcome", flat=True))
    assert outcomes.count("failure") == 2 and outcomes.count("locked") == 2 and "success" in outcomes


@pytest.mark.parametrize(
    "password, message",
    [
        ("ngan", "quá ngắn"),
        ("12345678901234", "hoàn toàn là số"),
        ("password1234", "quá phổ biến"),
        ("office2026", "quá giống"),
    ],
)
def test_password_policy_refuses_weak_passwords_in_vietnamese(world, password, message):
    from django.utils import translation

    with translation.override("vi"), pytest.raises(ValidationError) as exc:
        validate_password(password, world.office)
    assert any(message in m for m in exc.value.messages)


def test_password_change_page_applies_the_policy(world):
    c = world.client(world.office)
    r = c.post(
        "/don-vi/tai-khoan/mat-khau/",
        {"old_password": PASSWORD, "new_password1": "123456789012", "new_password2": "123456789012"},
    )
    assert r.status_code == 200 and "hoàn toàn là số" in r.content.decode()
    r = c.post(
        "/don-vi/tai-khoan/mat-khau/",
        {
            "old_password": PASSWORD,
            "new_password1": "Sông Trà Khúc 2026",
            "new_password2": "Sông Trà Khúc 2026",
        },
    )
    assert r.status_code == 302
    world.office.refresh_from_db()
    assert world.office.check_password("Sông Trà Khúc 2026")
    assert c.get("/don-vi/tai-khoan/").status_code == 200  # still signed in after the change


def test_an_idle_session_ends(world, settings):
    settings.DONDOC_SESSION_IDLE_MINUTES = 30
    c = world.client(world.office)
    assert c.get("/nhiem-vu/").status_code == 200
    session = c.session
    session["dondoc_seen"] = int(time.time()) - 31 * 60
    session.save()
    r = c.get("/nhiem-vu/")
    assert r.status_code == 302 and r["Location"].startswith("/dang-nhap/?next=/nhiem-vu/")
    assert "không hoạt động" in c.get(r["Location"]).content.decode()
    assert c.get("/nhiem-vu/").status_code == 302  # signed out
    assert SignInEvent.objects.filter(user=world.office, outcome="idle").exists()


def _code(device) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():06d}"


def test_second_factor_set_up_then_asked_at_each_sign_in(world):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    c = Client()
    assert _login(c, "office").status_code == 302
    page = c.get("/don-vi/tai-khoan/xac-thuc-hai-lop/")
    assert page.status_code == 200 and "Khóa bí mật" in page.content.decode()
    qr = c.get("/don-vi/tai-khoan/xac-thuc-hai-lop/ma-qr.svg")
    assert qr["Content-Type"] == "image/svg+xml" and b"<svg" in qr.content
    device = TOTPDevice.objects.get(user=world.office, confirmed=False)
    wrong = c.post(
        "/don-vi/tai-khoan/xac-thuc-hai-lop/", {"code": "000000" if _code(device) != "000000" else "111111"}
    )
    assert wrong.status_code == 200 and "không đúng" in wrong.content.decode()
    too_soon = c.post("/don-vi/tai-khoan/xac-thuc-hai-lop/", {"code": _code(device)})
    assert "hãy đợi" in too_soon.content.decode()  # a wrong code makes the next one wait (throttled)
    device.refresh_from_db()
    device.throttle_reset()
    assert c.post("/don-vi/tai-khoan/xac-thuc-hai-lop/", {"code": _code(device)}).status_code == 302
    device.refresh_from_db()
    assert device.confirmed

    # the next sign-in asks for the code before anything else
    c2 = Client()
    assert _login(c2, "office").status_code == 302
    r = c2.get("/nhiem-vu/")
    assert r.status_code == 302 and r["Location"].startswith("/dang-nhap/xac-thuc/")
    assert c2.get("/api/v1/units").status_code == 401  # the password alone does not authenticate
    device.refresh_from_db()
    device.last_t = -1  # the same 30-second code may be used again in this test
    device.save()
    assert (
        "không đúng"
        in c2.post(
            "/dang-nhap/xac-thuc/", {"code": "000000" if _code(device) != "000000" else "111111"}
        ).content.decode()
    )
    device.refresh_from_db()
    device.throttle_reset()
    bad = c2.post("/dang-nhap/xac-thuc/", {"code": "12345"})
    assert "6 chữ số" in bad.content.decode()
    ok = c2.post("/dang-nhap/xac-thuc/", {"code": _code(device), "next": "/nhiem-vu/"})
    assert ok.status_code == 302 and ok["Location"] == "/nhiem-vu/"
    assert c2.get("/nhiem-vu/").status_code == 200
    assert SignInEvent.objects.filter(user=world.office, outcome="otp_success").count() == 1
    assert SignInEvent.objects.filter(user=world.office, outcome="otp_failure").count() == 1


def test_a_required_second_factor_must_be_set_up_first(world, settings):
    settings.DONDOC_OTP_REQUIRED_ROLES = ["office", "admin"]
    c = Client()
    assert _login(c, "office").status_code == 302
    r = c.get("/tong-quan/")
    assert r.status_code == 302 and r["Location"].startswith("/don-vi/tai-khoan/xac-thuc-hai-lop/")
    assert c.get("/don-vi/tai-khoan/xac-thuc-hai-lop/").status_code == 200
    # a reporter, whose role is not listed, goes on as before
    rc = Client()
    assert _login(rc, "reporter").status_code == 302
    assert rc.get("/nhiem-vu/").status_code == 200
    # a token made earlier still serves its program (it is a credential of its own)
    raw = actions.issue_token(world.office)
    assert Client().get("/api/v1/units", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200


def test_tokens_expire_and_can_be_revoked(world):
    raw = actions.issue_token(world.office, days=30)
    token = ApiToken.objects.get(user=world.office)
    assert timedelta(days=29) < token.expires_at - timezone.now() <= timedelta(days=30)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    assert Client().get("/api/v1/units", **headers).status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert Client().get("/api/v1/units", **headers).status_code == 401
    raw2 = actions.issue_token(world.office)
    actions.revoke_token(ApiToken.objects.get(prefix=raw2[:10]), actor=world.office)
    assert Client().get("/api/v1/units", HTTP_AUTHORIZATION=f"Bearer {raw2}").status_code == 401
    assert Client().get("/api/v1/units", HTTP_AUTHORIZATION="Bearer ddk_khong-co").status_code == 401
    with pytest.raises(ValueError, match="từ 1 đến 365 ngày"):
        actions.issue_token(world.office, days=1000)


def test_profile_shows_the_sign_in_history(world):
    c = Client()
    _login(c, "office", "sai", ip="10.1.1.1")
    _login(c, "office", ip="10.1.1.2")
    body = c.get("/don-vi/tai-khoan/").content.decode()
    assert "Lịch sử đăng nhập" in body and "Sai mật khẩu" in body and "10.1.1.2" in body
