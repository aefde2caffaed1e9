"""Packages for tests: a small province "Q" written as a payload by hand, its check figures counted by a plain
Python reading of shared/domain.md (not by the engine under test), signed with a test key."""

from __future__ import annotations

import copy
from datetime import date

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from dondoc.exchange import package as pkg

KEY = Ed25519PrivateKey.generate()
OTHER_KEY = Ed25519PrivateKey.generate()


def public(key=KEY) -> str:
    return pkg.public_pem(key.public_key())


UNITS = [
    {"code": "Q", "name": "Tỉnh Quảng Thử", "kind": "province", "parent": None, "active": True},
    {"code": "SYT", "name": "Sở Y tế", "kind": "department", "parent": "Q", "active": True},
    {
        "code": "SKHCN",
        "name": "Sở Khoa học và Công nghệ",
        "kind": "department",
        "parent": "Q",
        "active": True,
    },
    {"code": "XA", "name": "Xã An", "kind": "commune", "parent": "Q", "active": True},
    {"code": "XA-THON", "name": "Thôn Một", "kind": "other", "parent": "XA", "active": True},
]


def task(code, lead, due="2025-06-30", *, done=None, started=None, recurring=False, parent=None, ext=()):
    return {
        "code": code,
        "title": f"Nhiệm vụ {code} về chuyển đổi số",
        "group": 1,
        "parent": parent,
        "lead": lead,
        "partners": [],
        "due": None if recurring else due,
        "due_phrase": "",
        "recurring": recurring,
        "output": "",
        "started": started,
        "done": done,
        "extensions": [
            {"old_due": o, "new_due": n, "granted_on": g, "reason": "Chờ hướng dẫn của Bộ"} for o, n, g in ext
        ],
    }


TASKS = [
    task("1", "Q", done="2025-03-01", started="2025-02-01"),
    task("2", "SYT", "2025-03-31", done="2025-04-10", started="2025-03-01"),
    task("2.1", "SYT", "2025-03-31", parent="2"),
    task("3", "SKHCN", "2025-05-31", started="2025-05-01"),
    task("4", "SKHCN", "2025-12-31"),
    task("5", "XA", "2025-04-30", started="2025-04-01", ext=[("2025-04-30", "2025-09-30", "2025-04-20")]),
    task("6", "XA-THON", recurring=True, started="2025-01-15"),
]


def _counts(tasks: list[dict], as_of: date) -> dict:
    c = dict.fromkeys(
        (
            "total",
            "done",
            "on_time",
            "late",
            "open",
            "in_term",
            "overdue",
            "started",
            "not_started",
            "recurring",
        ),
        0,
    )
    for t in tasks:
        c["total"] += 1
        if t["recurring"]:
            c["recurring"] += 1
            continue
        due = date.fromisoformat(t["due"])
        for e in t["extensions"]:
            if date.fromisoformat(e["granted_on"]) <= as_of:
                due = date.fromisoformat(e["new_due"])
        done = date.fromisoformat(t["done"]) if t["done"] else None
        if done and done <= as_of:
            c["done"] += 1
            c["on_time" if done <= due else "late"] += 1
            continue
        c["open"] += 1
        c["in_term" if as_of <= due else "overdue"] += 1
        started = date.fromisoformat(t["started"]) if t["started"] else None
        c["started" if started and started <= as_of else "not_started"] += 1
    return c


def payload(as_of="2025-06-30", made_at="2025-07-01T08:00:00+07:00", units=None, tasks=None, **extra) -> dict:
    units = copy.deepcopy(UNITS if units is None else units)
    tasks = copy.deepcopy(TASKS if tasks is None else tasks)
    d = date.fromisoformat(as_of)
    parent = {u["code"]: u["parent"] for u in units}
    root = units[0]["code"]

    def child(code: str) -> str:
        while parent.get(code) not in (root, None):
            code = parent[code]
        return "" if code == root else code

    groups: dict[str, list[dict]] = {}
    for t in tasks:
        groups.setdefault(child(t["lead"]), []).append(t)
    out = {
        "version": 1,
        "sender": {"unit": root, "name": units[0]["name"]},
        "as_of": as_of,
        "made_at": made_at,
        "programme": {"code": "NQ57", "name": "Nghị quyết 57", "plan_year": 2025},
        "units": units,
        "groups": [{"number": 1, "name": "Nhận thức"}],
        "tasks": tasks,
        "schedules": [],
        "indicators": [],
        "check": {"summary": _counts(tasks, d), "by_child": {k: _counts(v, d) for k, v in groups.items()}},
    }
    out.update(extra)
    return out


def signed(p: dict | None = None, key=KEY) -> bytes:
    return pkg.sign(p if p is not None else payload(), key)
