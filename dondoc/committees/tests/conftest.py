"""Fixtures of the committees' tests: Nghệ An's unit registry as the reference meeting names its units, and a
committee of the world's province P with its members."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from conftest import make_unit, make_user
from dondoc.committees import actions
from dondoc.committees.models import Member
from dondoc.units.models import Unit

REFERENCE = Path(__file__).resolve().parents[2] / "vn" / "tests" / "reference"
MEETING_NAN = REFERENCE / "002_fe07d3995ed98662.txt"

NGHE_AN_DEPARTMENTS = [
    ("NA-VPTU", "Văn phòng Tỉnh ủy"),
    ("NA-BTCTU", "Ban Tổ chức Tỉnh ủy"),
    ("NA-BTGDV", "Ban Tuyên giáo và Dân vận Tỉnh ủy"),
    ("NA-UBKTTU", "Ủy ban Kiểm tra Tỉnh ủy"),
    ("NA-SKHCN", "Sở Khoa học và Công nghệ"),
    ("NA-STC", "Sở Tài chính"),
    ("NA-SNV", "Sở Nội vụ"),
    ("NA-SYT", "Sở Y tế"),
    ("NA-CA", "Công an tỉnh"),
]
NGHE_AN_COMMUNES = [("NA-PVINH", "Phường Vinh Phú"), ("NA-XDC", "Xã Diễn Châu")]


@pytest.fixture
def nghean(db) -> dict[str, Unit]:
    units = {"NA": make_unit("NA", "Tỉnh Nghệ An", Unit.Kind.PROVINCE)}
    for code, name in NGHE_AN_DEPARTMENTS:
        units[code] = make_unit(code, name, Unit.Kind.DEPARTMENT, units["NA"])
    for code, name in NGHE_AN_COMMUNES:
        units[code] = make_unit(code, name, Unit.Kind.COMMUNE, units["NA"])
    return units


@pytest.fixture
def committee(world):
    """P's committee: the leader chairs it, the reporter of A sits on it overseeing group 3 and unit B, the office
    clerk is in the Tổ giúp việc; a second reporter of C is no member."""
    c = actions.create_committee(
        world.P,
        "Ban Chỉ đạo về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số",
        programme=world.programme,
        standing_unit=world.A,
        founding_symbol="1827-QĐ/TU",
        founding_date=date(2025, 2, 11),
        actor=world.office,
    )
    group3 = world.programme.groups.get(number=3)
    actions.add_member(c, world.leader, Member.Role.CHAIR, position="Bí thư Tỉnh ủy", actor=world.office)
    actions.add_member(
        c,
        world.reporter,
        Member.Role.MEMBER,
        position="Giám đốc Sở Khoa học và Công nghệ",
        unit=world.A,
        groups=[group3],
        units=[world.B],
        actor=world.office,
    )
    actions.add_member(c, world.office, Member.Role.SECRETARIAT, actor=world.office)
    make_user("reporter_c", "reporter", world.C)
    return c
