"""What every response says to the browser, and the production settings: a strict Content-Security-Policy
(no inline script or style anywhere), no framing, no referrer to other sites, secure cookies, HSTS."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = [p for p in (ROOT / "dondoc").rglob("templates/**/*.html")]


def test_no_template_carries_inline_script_or_style():
    problems = []
    for path in TEMPLATES:
        text = path.read_text(encoding="utf-8")
        rel = path.relative_to(ROOT)
        if re.search(r"\sstyle\s*=", text):
            problems.append(f"{rel}: style=")
        if re.search(r"<style\b", text):
            problems.append(f"{rel}: <style>")
        for tag in re.findall(r"<script\b[^>]*>", text):
            if "src=" not in tag and 'type="application/json"' not in tag:
                problems.append(f"{rel}: inline <script>")
        if re.search(r"\son[a-z]+\s*=\s*[\"']", text):
            problems.append(f"{rel}: on…= handler")
        if "javascript:" in text:
            problems.append(f"{rel}: javascript: URL")
    assert problems == []


def test_every_page_sends_the_security_headers(world):
    r = world.client(world.office).get("/nhiem-vu/")
    csp = r["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";") if d.strip())
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert directives["frame-ancestors"] == "'none'" and directives["object-src"] == "'none'"
    assert r["X-Frame-Options"] == "DENY"
    assert r["Referrer-Policy"] == "same-origin"
    assert r["X-Content-Type-Options"] == "nosniff"
    assert r["Cross-Origin-Opener-Policy"] == "same-origin"


def _production(code: str) -> subprocess.CompletedProcess:
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DONDOC_ENV": "production",
        "SECRET_KEY": "test-" + "k" * 60,
        "ALLOWED_HOSTS": "dondoc.example.vn",
        "DJANGO_SETTINGS_MODULE": "dondoc.settings",
    }
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_production_settings_are_locked_down():
    out = _production(
        "import django, json; django.setup(); from django.conf import settings as s; print(json.dumps({k: getattr(s, k) "
        "for k in ['DEBUG', 'SESSION_COOKIE_SECURE', 'SESSION_COOKIE_HTTPONLY', 'CSRF_COOKIE_SECURE', "
        "'CSRF_COOKIE_HTTPONLY', 'SECURE_HSTS_SECONDS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SECURE_SSL_REDIRECT', "
        "'X_FRAME_OPTIONS', 'SECURE_REFERRER_POLICY', 'SECURE_CONTENT_TYPE_NOSNIFF']}))"
    )
    assert out.returncode == 0, out.stderr
    s = json.loads(out.stdout)
    assert s["DEBUG"] is False
    assert s["SESSION_COOKIE_SECURE"] and s["SESSION_COOKIE_HTTPONLY"] and s["CSRF_COOKIE_SECURE"]
    assert s["CSRF_COOKIE_HTTPONLY"] and s["SECURE_SSL_REDIRECT"]
    assert s["SECURE_HSTS_SECONDS"] >= 31536000 and s["SECURE_HSTS_INCLUDE_SUBDOMAINS"]
    assert (s["X_FRAME_OPTIONS"], s["SECURE_REFERRER_POLICY"]) == ("DENY", "same-origin")


def test_check_deploy_is_clean_with_production_settings():
    out = _production(
        "import sys; from django.core.management import execute_from_command_line; "
        "execute_from_command_line(['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'])"
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "no issues" in out.stdout


def test_the_site_has_its_favicon(client):
    from django.template.loader import get_template

    r = client.get("/favicon.ico")
    assert r.status_code == 200 and r["Content-Type"] == "image/x-icon"
    assert r.content[:4] == b"\x00\x00\x01\x00"  # an ICO file
    from django.contrib.staticfiles import finders

    assert open(finders.find("dondoc/favicon.svg")).read().startswith("<svg")  # served by WhiteNoise
    source = get_template("base.html").template.source
    assert "dondoc/favicon.svg" in source and "dondoc/favicon.ico" in source


def test_each_page_says_its_language(world):
    c = world.client(world.reporter)
    assert '<html lang="vi">' in c.get("/nhiem-vu/").content.decode()
    assert '<html lang="en">' in c.get("/nhiem-vu/", HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_the_request_rate_counts_can_be_shared_by_every_worker():
    """DONDOC_CACHE=db puts the counts of RateLimitMiddleware in the database (one table for every worker and
    machine); anything but memory or db stops the start with the setting's name, never a silent memory cache."""
    shared = _production(
        "import os; os.environ['DONDOC_CACHE'] = 'db'; import django; django.setup(); "
        "from django.conf import settings as s; print(s.CACHES['default']['BACKEND'], s.CACHES['default']['LOCATION'])"
    )
    assert shared.returncode == 0, shared.stderr
    assert shared.stdout.split() == ["django.core.cache.backends.db.DatabaseCache", "dondoc_cache"]
    wrong = _production("import os; os.environ['DONDOC_CACHE'] = 'redis'; import django; django.setup()")
    assert wrong.returncode != 0 and "DONDOC_CACHE" in wrong.stderr
