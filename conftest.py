"""Shared test fixtures: a small world with one user per role and a user of another unit who must see nothing.

VN-like roots:  P  (province "Tỉnh Thử Nghiệm")          O (province "Tỉnh Khác")
                ├── A  (Sở Khoa học và Công nghệ)        └── X (Sở Khác)
                ├── B  (Sở Y tế)
                └── C  (Xã Đông Sơn)
users: admin (admin), office (office of P), leader (leader of P), reporter (reporter of A),
       other (reporter of X — sees nothing of P).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date

import pytest
from django.test import Client

from dondoc.tasks.actions import ensure_programme
from dondoc.units.models import Membership, Unit, User

PASSWORD = "mat-khau-thu-nghiem"


@pytest.fixture(autouse=True, scope="session")
def _flush_past_the_audit_guards():
    """Django empties the database after each transactional (browser) test with `flush`; the audit trail's
    triggers refuse exactly that. Drop them just before a flush; the post_migrate signal that flush sends puts
    them back. Nothing else in the suite (nor in operation) ever removes them."""
    from django.core.management.commands import flush
    from django.db import connections

    from dondoc.audit.chain import remove_guards

    original = flush.Command.handle

    def handle(self, **options):
        remove_guards(connections[options.get("database", "default")])
        return original(self, **options)

    flush.Command.handle = handle
    yield
    flush.Command.handle = original


@pytest.fixture(autouse=True)
def _fast_hasher(settings):
    from django.core.cache import cache

    cache.clear()  # the request-rate counters start from zero in every test
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.AXES_ENABLED = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@dataclass
class World:
    P: Unit
    A: Unit
    B: Unit
    C: Unit
    O: Unit
    X: Unit
    admin: User
    office: User
    leader: User
    reporter: User
    other: User
    programme: object

    def client(self, user: User | None) -> Client:
        c = Client()
        if user is not None:
            c.force_login(user)
        return c


def make_unit(code: str, name: str, kind: str, parent: Unit | None = None) -> Unit:
    u = Unit(code=code, name=name, kind=kind, parent=parent)
    u.save()
    return u


def make_user(username: str, role: str | None = None, unit: Unit | None = None, **extra) -> User:
    user = User(
        username=username,
        full_name=extra.pop("full_name", username.title()),
        email=f"{username}@example.vn",
        **extra,
    )
    user.set_password(PASSWORD)
    user.save()
    if role and unit:
        Membership.objects.create(user=user, unit=unit, role=role)
    return user


@pytest.fixture
def world(db) -> World:
    P = make_unit("P", "Tỉnh Thử Nghiệm", Unit.Kind.PROVINCE)
    A = make_unit("A", "Sở Khoa học và Công nghệ", Unit.Kind.DEPARTMENT, P)
    B = make_unit("B", "Sở Y tế", Unit.Kind.DEPARTMENT, P)
    C = make_unit("C", "Xã Đông Sơn", Unit.Kind.COMMUNE, P)
    O = make_unit("O", "Tỉnh Khác", Unit.Kind.PROVINCE)
    X = make_unit("X", "Sở Khác", Unit.Kind.DEPARTMENT, O)
    R = Membership.Role
    return World(
        P=P,
        A=A,
        B=B,
        C=C,
        O=O,
        X=X,
        admin=make_user("admin", R.ADMIN, P, is_staff=True, is_superuser=True),
        office=make_user("office", R.OFFICE, P, is_staff=True),
        leader=make_user("leader", R.LEADER, P),
        reporter=make_user("reporter", R.REPORTER, A),
        other=make_user("other", R.REPORTER, X),
        programme=ensure_programme("NQ57"),
    )


@pytest.fixture
def d():
    """Shorthand for dates in tests: d(2025, 6, 30)."""
    return date


# ---- browser tests (Playwright for Python driving Debian's chromium; never a downloaded browser) ----------
CHROMIUM = os.environ.get("DONDOC_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = os.path.join(os.path.dirname(__file__), "test-artifacts")


@pytest.fixture
def browser_page(live_server):
    """A Playwright page on Debian's chromium. Skipped where chromium is absent, unless
    DONDOC_REQUIRE_BROWSER=1 (as in CI), where its absence fails the test instead."""
    if not os.path.exists(CHROMIUM):
        if os.environ.get("DONDOC_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{CHROMIUM} is missing but DONDOC_REQUIRE_BROWSER=1")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install -y chromium)")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = (
        "true"  # Playwright's sync API runs an event loop in this thread
    )
    from playwright.sync_api import sync_playwright

    os.makedirs(ARTIFACTS, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
            ],
        )
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
        page = context.new_page()
        page.set_default_timeout(15000)
        page.base_url = live_server.url
        try:
            yield page
        finally:
            context.close()
            browser.close()
            # Let the test database be dropped at the end (PostgreSQL refuses while connections stay open).
            from django.db import connections

            connections.close_all()


def login(page, username: str, password: str = PASSWORD) -> None:
    """Log in through the real login page."""
    page.goto(page.base_url + "/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("main button[type=submit]")
    page.wait_for_load_state("networkidle")


def screenshot(page, name: str) -> str:
    path = os.path.join(ARTIFACTS, f"{name}.png")
    page.screenshot(path=path, full_page=True)
    return path
