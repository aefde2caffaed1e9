"""A small catalogue in the world of the root conftest: every status appears as of 30/09/2025."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from django.core.management import call_command

from dondoc.documents.actions import register_document
from dondoc.exports.actions import save_report_settings
from dondoc.exports.models import ReportSettings
from dondoc.tasks import actions as task_actions

AS_OF = date(2025, 9, 30)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def run(*args) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue(), err.getvalue()


def summary_json(unit: str, programme: str, as_of: date) -> dict:
    code, out, err = run(
        "summary", "--unit", unit, "--programme", programme, "--as-of", as_of.isoformat(), "--json"
    )
    assert code == 0, err
    return json.loads(out)


@pytest.fixture
def catalogue(world):
    """Tasks of P's subtree (led by P, A, B, C) and one of X (outside P)."""
    w = world
    prog = w.programme
    groups = {g.number: g for g in prog.groups.all()}
    kh = register_document("366-KH/TU", title="Kế hoạch thực hiện", issued_on=date(2025, 2, 25))
    mk = task_actions.create_task
    tasks = [
        # done on time / late
        mk(
            prog,
            code="1.01",
            title="Quán triệt Nghị quyết",
            group=groups[1],
            lead=w.P,
            due=date(2025, 3, 31),
            due_phrase="quý I/2025",
            started=date(2025, 2, 1),
            done=date(2025, 3, 20),
            progress=100,
            output="Hội nghị quán triệt",
            source=kh,
        ),
        mk(
            prog,
            code="1.02",
            title="Phát động phong trào",
            group=groups[1],
            lead=w.A,
            partners=[w.B, w.C],
            due=date(2025, 4, 30),
            due_phrase="tháng 4/2025",
            started=date(2025, 4, 1),
            done=date(2025, 5, 10),
            progress=100,
        ),
        # open in term / overdue, started or not
        mk(
            prog,
            code="2.01",
            title="Rà soát thể chế",
            group=groups[2],
            lead=w.B,
            due=date(2025, 12, 31),
            due_phrase="năm 2025",
            started=date(2025, 6, 1),
            progress=40,
            note="Đang lấy ý kiến",
        ),
        mk(
            prog,
            code="2.02",
            title="Ban hành quy chế dữ liệu",
            group=groups[2],
            lead=w.C,
            due=date(2025, 6, 30),
            due_phrase="quý II/2025",
            started=date(2025, 5, 1),
            progress=60,
        ),
        mk(
            prog,
            code="3.01",
            title="Phủ sóng 5G khu công nghiệp",
            group=groups[3],
            lead=w.A,
            due=date(2025, 8, 15),
            due_phrase="15/08/2025",
        ),
        mk(
            prog,
            code="3.02",
            title="Nâng cấp trung tâm dữ liệu",
            group=groups[3],
            lead=w.A,
            due=date(2025, 11, 30),
            due_phrase="tháng 11/2025",
        ),
        # recurring
        mk(
            prog,
            code="5.01",
            title="Tuyên truyền chuyển đổi số",
            group=groups[5],
            lead=w.P,
            recurring=True,
            due_phrase="thường xuyên",
            started=date(2025, 3, 1),
        ),
        # no group, with a parent
        mk(
            prog,
            code="9.01",
            title="Nhiệm vụ chung của các xã",
            lead=w.P,
            due=date(2025, 12, 31),
            due_phrase="năm 2025",
        ),
        # outside P
        mk(
            prog,
            code="X.01",
            title="Nhiệm vụ của tỉnh khác",
            lead=w.X,
            due=date(2025, 6, 30),
            due_phrase="quý II/2025",
        ),
    ]
    child = mk(
        prog,
        code="9.01.01",
        title="Nhiệm vụ của Xã Đông Sơn",
        lead=w.C,
        parent=tasks[7],
        due=date(2025, 9, 30),
        due_phrase="30/09/2025",
        started=date(2025, 8, 1),
        done=date(2025, 9, 30),
    )
    tasks.append(child)
    # An extension granted before D: 3.01 is in term as of D.
    task_actions.extend_deadline(tasks[4], date(2025, 10, 31), "Chờ kinh phí", granted_on=date(2025, 8, 1))
    return tasks


@pytest.fixture
def party_settings(world):
    return save_report_settings(
        world.P,
        actor=world.office,
        layout=ReportSettings.Layout.PARTY,
        parent_body="ĐẢNG BỘ TỈNH THỬ NGHIỆM",
        issuing_body="TỈNH ỦY",
        sender="Ban Thường vụ Tỉnh ủy",
        number_code="TU",
        place="Quảng Ngãi",
        signer_authority="T/M BAN THƯỜNG VỤ",
        signer_title="PHÓ BÍ THƯ",
        signer_name="Nguyễn Văn A",
        addressees="",
        recipients="Văn phòng Trung ương Đảng,\n- Các đồng chí Ủy viên BTV Tỉnh ủy\nLưu Văn phòng Tỉnh ủy.",
    )
