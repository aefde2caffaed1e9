"""The shape of the house (docs/architecture.md): named parts, a pure ground floor, no grab-bag modules."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]
APPS = [
    "audit",
    "units",
    "documents",
    "tasks",
    "indicators",
    "reporting",
    "exchange",
    "committees",
    "dashboards",
    "exports",
    "portal",
]


def _modules():
    for path in PACKAGE.rglob("*.py"):
        if "migrations" not in path.parts:
            yield path


def test_no_module_is_a_grab_bag():
    bad = [
        str(p.relative_to(PACKAGE))
        for p in _modules()
        for part in p.relative_to(PACKAGE).with_suffix("").parts
        if part in {"core", "utils", "common", "helpers", "misc"}
    ]
    assert bad == []


def test_the_vietnamese_package_is_pure_python_but_for_its_two_django_faces():
    for path in (PACKAGE / "vn").glob("*.py"):
        if path.name in {"fields.py", "filters.py"}:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {
            (n.module or "").split(".")[0] if isinstance(n, ast.ImportFrom) else a.name.split(".")[0]
            for n in ast.walk(tree)
            if isinstance(n, ast.Import | ast.ImportFrom) and not getattr(n, "level", 0)
            for a in (n.names if isinstance(n, ast.Import) else [n])
        }
        assert not imported & {"django", "dondoc"}, path.name


def test_every_app_has_the_same_skeleton():
    for app in APPS:
        base = PACKAGE / app
        for part in ("models.py", "apps.py", "admin.py", "tests"):
            assert (base / part).exists(), f"{app}/{part}"
        assert (base / "actions.py").exists() or (base / "actions" / "__init__.py").exists(), app


def test_no_actions_module_passes_about_500_lines():
    too_long = [
        str(p.relative_to(PACKAGE))
        for p in list(PACKAGE.glob("*/actions.py")) + list(PACKAGE.glob("*/actions/*.py"))
        if len(p.read_text(encoding="utf-8").splitlines()) > 550
    ]
    assert too_long == []
