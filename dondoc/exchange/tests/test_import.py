"""Taking in a province's package at the centre: all or nothing, idempotent, newer replaces older, refusals with
the reason and nothing written, and the centre's own engine giving the package's figures."""

from __future__ import annotations

import random
from datetime import date

import pytest

from dondoc.audit.models import AuditEntry
from dondoc.exchange import actions
from dondoc.exchange.models import HeldUnit, ReceivedPackage
from dondoc.tasks import selectors
from dondoc.tasks.models import DeadlineExtension, Programme, Task
from dondoc.units.actions import create_unit
from dondoc.units.models import Unit

from . import factory

AS_OF = date(2025, 6, 30)


@pytest.fixture
def centre(world):
    vn = create_unit("VN", "Trung ương", Unit.Kind.CENTRAL)
    actions.register_sender("Q", factory.public(), parent=vn)
    return vn


def footprint() -> tuple:
    """Everything an import could write, counted."""
    return (
        Unit.objects.count(),
        Task.objects.count(),
        DeadlineExtension.objects.count(),
        HeldUnit.objects.count(),
        AuditEntry.objects.count(),
        list(Task.objects.order_by("pk").values_list("code", "done", "started", "lead_id", "updated_at")),
        list(Unit.objects.order_by("pk").values_list("code", "name", "parent_id", "is_active")),
    )


def summary_of(code: str, as_of: date = AS_OF) -> dict:
    unit = Unit.objects.get(code=code)
    return selectors.summary(unit, programme=Programme.objects.get(code="NQ57"), as_of=as_of).counts.as_dict()


def test_a_signed_package_is_taken_in_with_the_same_figures(centre):
    p = factory.payload()
    outcome = actions.import_package(factory.signed(p))
    assert outcome.result == "accepted", outcome.reason
    q = Unit.objects.get(code="Q")
    assert q.parent == centre
    assert summary_of("Q") == p["check"]["summary"]
    # Sub-units keep their codes behind the province's (departments' codes repeat from province to province).
    assert summary_of("Q.SYT") == p["check"]["by_child"]["SYT"]
    assert summary_of("Q.XA") == p["check"]["by_child"]["XA"]
    assert Unit.objects.get(code="XA-THON".join(["Q.", ""])).parent.code == "Q.XA"
    assert Task.objects.get(code="Q.2.1").parent.code == "Q.2"
    assert Task.objects.get(code="Q.5").extended
    # Every change has its history; the receipt is listed.
    assert AuditEntry.objects.filter(object_type="tasks.task", action="import").count() == len(p["tasks"])
    received = ReceivedPackage.objects.get()
    assert (received.sender_code, received.as_of, received.result) == ("Q", AS_OF, "accepted")
    assert received.summary == p["check"]["summary"]


def test_the_same_package_twice_changes_nothing(centre):
    data = factory.signed()
    assert actions.import_package(data).result == "accepted"
    before = footprint()
    again = actions.import_package(data)
    assert again.result == "unchanged"
    assert footprint() == before
    assert ReceivedPackage.objects.filter(result="unchanged").count() == 1


def test_a_newer_package_replaces_what_the_older_one_brought(centre):
    assert actions.import_package(factory.signed()).result == "accepted"
    units = [u for u in factory.UNITS if u["code"] != "SKHCN"] + [
        {"code": "SNV", "name": "Sở Nội vụ", "kind": "department", "parent": "Q", "active": True}
    ]
    units[1] = {**units[1], "name": "Sở Y tế tỉnh Quảng Thử"}
    units[3] = {**units[3], "parent": "SYT"}  # the hamlet moves under the health department
    tasks = [t for t in factory.TASKS if t["code"] not in ("3", "2.1")]
    tasks = [
        {**t, "done": "2025-09-15"} if t["code"] == "5" else {**t, "lead": "SNV"} if t["code"] == "4" else t
        for t in tasks
    ]
    tasks[-1]["extensions"] = []
    newer = factory.payload(as_of="2025-09-30", made_at="2025-10-01T08:00:00+07:00", units=units, tasks=tasks)
    outcome = actions.import_package(factory.signed(newer))
    assert outcome.result == "accepted", outcome.reason
    assert summary_of("Q", date(2025, 9, 30)) == newer["check"]["summary"]
    for code, counts in newer["check"]["by_child"].items():
        if code:  # "": the tasks the province leads itself
            assert summary_of(f"Q.{code}", date(2025, 9, 30)) == counts
    assert not Task.objects.filter(code__in=["Q.3", "Q.2.1"]).exists()
    assert Task.objects.get(code="Q.4").lead.code == "Q.SNV"
    assert Unit.objects.get(code="Q.SYT").name == "Sở Y tế tỉnh Quảng Thử"
    assert Unit.objects.get(code="Q.XA-THON").parent.code == "Q.SYT"
    assert not Unit.objects.get(code="Q.SKHCN").is_active
    assert outcome.changes["tasks_deleted"] == 2
    assert AuditEntry.objects.filter(object_type="tasks.task", action="delete").count() == 2


def test_an_older_package_is_refused_with_the_reason_and_nothing_written(centre):
    older = factory.signed(factory.payload())
    newer = factory.signed(factory.payload(as_of="2025-09-30", made_at="2025-10-01T08:00:00+07:00"))
    assert actions.import_package(newer).result == "accepted"
    before = footprint()
    outcome = actions.import_package(older)
    assert outcome.result == "refused"
    assert "cũ hơn" in outcome.reason
    assert footprint() == before


def test_a_package_made_later_for_the_same_date_is_a_correction_that_replaces(centre):
    assert actions.import_package(factory.signed()).result == "accepted"
    tasks = [{**t, "done": "2025-06-01"} if t["code"] == "3" else t for t in factory.TASKS]
    fixed = factory.payload(made_at="2025-07-02T08:00:00+07:00", tasks=tasks)
    assert actions.import_package(factory.signed(fixed)).result == "accepted"
    assert summary_of("Q") == fixed["check"]["summary"]


def test_tampering_with_any_one_byte_is_refused(centre):
    data = factory.signed()
    before = footprint()
    rng = random.Random(57)
    positions = sorted(rng.sample(range(len(data)), 40)) + [0, len(data) - 1, data.index(b'"Q"') + 1]
    for i in positions:
        for delta in (1, 32):
            tampered = data[:i] + bytes([data[i] ^ delta]) + data[i + 1 :]
            outcome = actions.import_package(tampered)
            assert outcome.result == "refused", (i, delta)
    assert footprint() == before
    assert not ReceivedPackage.objects.exclude(result="refused").exists()


def test_a_package_of_an_unknown_sender_or_signed_by_another_key_is_refused(centre):
    other = factory.payload(units=[{**factory.UNITS[0], "code": "Z", "name": "Tỉnh Lạ"}], tasks=[])
    outcome = actions.import_package(factory.signed(other))
    assert outcome.result == "refused" and "chưa được đăng ký" in outcome.reason
    outcome = actions.import_package(factory.signed(key=factory.OTHER_KEY))
    assert outcome.result == "refused" and "không phải khóa đã đăng ký" in outcome.reason
    assert not Task.objects.exists()


def test_an_unknown_schema_version_is_refused(centre):
    p = factory.payload(version=2)
    outcome = actions.import_package(factory.signed(p))
    assert outcome.result == "refused" and "phiên bản" in outcome.reason


def test_a_package_colliding_with_units_the_centre_owns_is_refused(world, centre):
    create_unit("Q.SYT", "Sở Y tế của Trung ương tạo", Unit.Kind.DEPARTMENT, parent=centre)
    before = footprint()
    outcome = actions.import_package(factory.signed())
    assert outcome.result == "refused" and "tự quản lý" in outcome.reason
    assert footprint() == before


def test_a_root_the_centre_keeps_for_the_province_is_adopted_when_empty_and_refused_when_not(world, centre):
    placeholder = create_unit("Q", "Tỉnh Quảng Thử", Unit.Kind.PROVINCE, parent=centre)
    assert actions.import_package(factory.signed()).result == "accepted"
    assert Unit.objects.get(code="Q").pk == placeholder.pk
    # A second province whose root already has the centre's own sub-units is refused.
    owner = create_unit("R", "Tỉnh Có Sẵn", Unit.Kind.PROVINCE, parent=centre)
    create_unit("R-SO", "Sở của Trung ương tạo", Unit.Kind.DEPARTMENT, parent=owner)
    actions.register_sender("R", factory.public(factory.OTHER_KEY))
    own = [{**t, "lead": "R"} for t in factory.TASKS if t["lead"] == "Q"]
    r = factory.payload(units=[{**factory.UNITS[0], "code": "R"}], tasks=own)
    outcome = actions.import_package(factory.signed(r, factory.OTHER_KEY))
    assert outcome.result == "refused" and "đơn vị cấp dưới hoặc nhiệm vụ riêng" in outcome.reason


def test_figures_that_do_not_come_out_the_same_are_refused_and_rolled_back(centre):
    p = factory.payload()
    p["check"]["summary"]["done"] += 1
    before = footprint()
    outcome = actions.import_package(factory.signed(p))
    assert outcome.result == "refused" and "không khớp" in outcome.reason
    assert footprint() == before


def test_a_broken_reference_inside_the_package_is_refused(centre):
    p = factory.payload(tasks=[{**factory.TASKS[0], "lead": "KHONGCO"}])
    outcome = actions.import_package(factory.signed(p))
    assert outcome.result == "refused" and "KHONGCO" in outcome.reason
