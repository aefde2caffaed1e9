"""The language switch in the header (Django's set_language, a POST form, no script): Vietnamese by default,
English on request, the choice kept in the language cookie; pages translated in full show no Vietnamese in English
apart from the data itself (names of units and people) and the switch back to "Tiếng Việt"."""

from __future__ import annotations

import html
import os
import re

import pytest
from django.conf import settings
from django.test import Client

from conftest import login, screenshot
from dondoc.tests.test_i18n import VIETNAMESE

SWITCH = "/ngon-ngu/setlang/"


def _english(client: Client, next_url: str = "/dang-nhap/"):
    return client.post(SWITCH, {"language": "en", "next": next_url})


def test_the_sign_in_page_is_vietnamese_by_default_with_a_switch_to_english(db):
    # given a first visit, no cookie, no preference from the browser
    body = Client().get("/dang-nhap/").content.decode()
    # then the page is Vietnamese and offers English through a POST form to set_language
    assert '<html lang="vi">' in body
    assert "<h1>Đăng nhập</h1>" in body
    assert f'action="{SWITCH}"' in body and 'name="language" value="en"' in body
    assert "<script>" not in body  # no inline script: the switch is a plain form


def test_switching_to_english_is_remembered_in_the_cookie(db):
    # given a visitor on the sign-in page
    c = Client()
    # when they press "English"
    r = _english(c)
    # then they come back to the same page, and the choice is kept in the language cookie for a year
    assert r.status_code == 302 and r["Location"] == "/dang-nhap/"
    cookie = r.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "en" and int(cookie["max-age"]) == settings.LANGUAGE_COOKIE_AGE
    # and every later page is English, with a way back to Vietnamese
    body = c.get("/dang-nhap/").content.decode()
    assert '<html lang="en">' in body and "<h1>Sign in</h1>" in body
    assert 'value="vi" class="linkbtn" lang="vi">Tiếng Việt</button>' in body
    # when they switch back
    c.post(SWITCH, {"language": "vi", "next": "/dang-nhap/"})
    assert "<h1>Đăng nhập</h1>" in c.get("/dang-nhap/").content.decode()


def test_the_switch_refuses_an_outside_redirect_and_an_unknown_language(db):
    c = Client()
    r = c.post(SWITCH, {"language": "en", "next": "https://evil.example/"})
    assert r.status_code == 302 and r["Location"] == "/"
    c.post(SWITCH, {"language": "fr", "next": "/dang-nhap/"})
    assert (
        "<h1>Đăng nhập</h1>" in c.get("/dang-nhap/").content.decode()
    )  # only the two languages of LANGUAGES


def test_messages_and_form_errors_follow_the_language(world):
    # given a visitor who chose English
    c = Client()
    _english(c)
    # when they sign in with a wrong password
    body = c.post("/dang-nhap/", {"username": "office", "password": "wrong"}).content.decode()
    # then the error is English
    assert "Wrong username or password." in body
    # and a signed-in user's messages too
    c.force_login(world.office)
    r = c.post("/don-vi/tai-khoan/ma-truy-cap/", {"name": "x", "days": "90"}, follow=True)
    assert "Token created. Copy it now" in r.content.decode()


def test_the_api_answers_errors_in_the_callers_language(world):
    c = world.client(world.office)
    r = c.get("/api/v1/summary", {"unit": "KHONG-CO", "programme": "NQ57"}, HTTP_ACCEPT_LANGUAGE="en")
    assert r.status_code == 404
    assert VIETNAMESE.search(r.json()["detail"]) is None
    r = c.get("/api/v1/summary", {"unit": "KHONG-CO", "programme": "NQ57"})
    assert r.status_code == 404 and VIETNAMESE.search(r.json()["detail"])


# ---- pages translated in full: nothing Vietnamese in English but the data ----------------------------------------
def _visible_text(body: str, data: list[str]) -> str:
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    # what is marked as Vietnamese on purpose: the brand "đôn đốc" and the switch back to "Tiếng Việt"
    body = re.sub(r'<(\w+)\b[^>]*\blang="vi"[^>]*>.*?</\1>', " ", body, flags=re.S)
    # the official document's settings: its values and the examples of its help texts are the Vietnamese of the
    # document itself (the DOCX stays Vietnamese), e.g. "Lưu: VT", "T/M BAN THƯỜNG VỤ", "Nghị định 30/2020/NĐ-CP"
    body = re.sub(r"<textarea\b.*?</textarea>", " ", body, flags=re.S)
    body = re.sub(r"(For example|e\.g\.)[^<]*", " ", body)
    body = body.replace("30/2020/NĐ-CP", " ")
    text = html.unescape(re.sub(r"<[^>]+>", " ", body))
    for value in sorted(data, key=len, reverse=True):
        text = text.replace(value, " ")
    return text


def _vietnamese_words(text: str) -> list[str]:
    return sorted({w for w in re.findall(r"\S+", text) if VIETNAMESE.search(w)})


FULL_PAGES = [
    ("anon", "/dang-nhap/"),
    ("office", "/don-vi/tai-khoan/"),
    ("office", "/don-vi/tai-khoan/mat-khau/"),
    ("office", "/don-vi/tai-khoan/xac-thuc-hai-lop/"),
    ("office", "/khong-co-trang-nay/"),
    ("office", "/don-vi/P/nhat-ky/"),
    ("office", "/ket-xuat/"),
    ("office", "/trao-doi/"),
    ("office", "/cong-khai/quan-ly/"),
    ("anon", "/cong-khai/"),
]


@pytest.mark.parametrize("who,url", FULL_PAGES)
def test_a_page_translated_in_full_shows_no_vietnamese_in_english(world, who, url):
    # given a user who chose English
    c = Client()
    if who != "anon":
        c.force_login(getattr(world, who))
    _english(c, url)
    # when the page opens
    r = c.get(url)
    assert r.status_code in (200, 404), url
    # then no Vietnamese word is left but the data (names of units, people, the programme)
    data = [u.name for u in (world.P, world.A, world.B, world.C, world.O, world.X)]
    data += [
        u.get_full_name() for u in (world.admin, world.office, world.leader, world.reporter, world.other)
    ]
    data += [world.programme.name]
    assert _vietnamese_words(_visible_text(r.content.decode(), data)) == [], url


def test_the_language_switch_in_the_browser_at_desktop_and_phone_width(world, browser_page, transactional_db):
    page = browser_page
    # given the sign-in page in Vietnamese
    page.goto(page.base_url + "/dang-nhap/")
    assert page.inner_text("h1") == "Đăng nhập"
    # when the visitor presses "English" in the header
    page.click("header button[name=language][value=en]")
    page.wait_for_load_state("networkidle")
    # then the page is English, and stays English after signing in and on every page
    assert page.inner_text("h1") == "Sign in"
    login(page, "office")
    assert page.locator("header").get_by_text("Sign out").is_visible()
    page.goto(page.base_url + "/don-vi/tai-khoan/")
    assert page.inner_text("h1") == "My account"
    screenshot(page, "language-en-1280")
    page.set_viewport_size({"width": 360, "height": 800})
    page.reload()
    assert page.inner_text("h1") == "My account"
    assert page.locator("header button[name=language][value=vi]").is_visible()
    screenshot(page, "language-en-360")
    # and the switch back works from the phone layout too
    page.click("header button[name=language][value=vi]")
    page.wait_for_load_state("networkidle")
    assert page.inner_text("h1") == "Tài khoản của tôi"
    assert os.path.exists(screenshot(page, "language-vi-360"))
