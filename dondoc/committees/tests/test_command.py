"""draft_tasks FILE --programme CODE [--unit CODE] [--json]: the drafts exactly as shared/contract.md gives them,
for the Nghệ An meeting of 24/6/2025 matched against Nghệ An's unit registry; nothing saved."""

from __future__ import annotations

import io
import json
import unicodedata

import docx
import pytest
from django.core.management import call_command

from dondoc.audit.models import AuditEntry
from dondoc.committees import actions
from dondoc.documents.models import Document
from dondoc.tasks.actions import ensure_programme
from dondoc.tasks.models import Task

from .conftest import MEETING_NAN

KEYS = ["title", "lead", "lead_text", "partners", "due_text", "due", "recurring", "output", "sentence"]
DEPARTMENTS = [
    "NA-BTCTU",
    "NA-BTGDV",
    "NA-CA",
    "NA-SKHCN",
    "NA-SNV",
    "NA-STC",
    "NA-SYT",
    "NA-UBKTTU",
    "NA-VPTU",
]

# Each directive of the meeting: (lead code, lead as written, partner codes, due, recurring). A lead naming
# several units ("các sở, ban, ngành", "các cơ quan, đơn vị") or none of the registry is null.
EXPECTED = [
    (None, None, [], None, "weekly"),
    (None, None, [], None, "weekly"),
    (None, None, [], None, None),
    (None, "các cơ quan chuyên môn UBND tỉnh", [], None, "weekly"),
    (None, "Các cơ quan tham mưu, giúp việc của Tỉnh ủy", [], None, None),
    (None, "Các cơ quan tham mưu, giúp việc của Tỉnh ủy", [], "2025-06-30", None),
    (None, "Các cơ quan, đơn vị", [], None, None),
    (None, "Các cơ quan, đơn vị", [], None, None),
    (None, "Các cơ quan, đơn vị", [], None, None),
    (None, "các cơ quan, đơn vị", [], None, None),
    ("NA-VPTU", "cơ quan thường trực Ban Chỉ đạo tỉnh", [], None, "monthly"),
    (None, "Các sở, ban, ngành", [], None, "weekly"),
    ("NA", "Thường trực Ban Chỉ đạo tỉnh", [], None, "monthly"),
    (None, "Đảng uỷ Các cơ quan Đảng tỉnh", ["NA"], "2025-06-30", None),
    (None, "các sở, ban, ngành", [], None, None),
    (None, "các sở, ban, ngành", [], None, None),
    (None, "các sở, ban, ngành", [], "2025-09-30", None),
    (None, None, [], None, None),
    ("NA-SKHCN", "ngành Khoa học và Công nghệ", [], None, None),
    ("NA-SKHCN", "ngành Khoa học và Công nghệ", [c for c in DEPARTMENTS if c != "NA-SKHCN"], None, None),
    ("NA-STC", "ngành Tài chính", [], None, None),
    ("NA-CA", "Ngành Công an", [], None, None),
    ("NA-VPTU", "Văn phòng Tỉnh ủy", [], None, None),
    ("NA-VPTU", "Văn phòng Tỉnh ủy", [], None, None),
    ("NA-VPTU", "Văn phòng Tỉnh ủy", [], None, None),
    ("NA-VPTU", "Văn phòng Tỉnh ủy", [], None, None),
    ("NA-VPTU", "Văn phòng Tỉnh ủy", [], None, None),
    ("NA-VPTU", "Văn phòng Tỉnh ủy", [], None, None),
    ("NA-BTCTU", "Ban Tổ chức Tỉnh ủy", ["NA-SNV"], None, None),
    ("NA-BTGDV", "Ban Tuyên giáo và Dân vận Tỉnh ủy", [], None, None),
    ("NA-UBKTTU", "Ủy ban Kiểm tra Tỉnh ủy", [], None, None),
    (None, "các thành viên Ban Chỉ đạo", [], None, None),
]


def run(*args, stdin=None) -> str:
    out = io.StringIO()
    call_command("draft_tasks", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.fixture
def nghean_committee(nghean):
    programme = ensure_programme("NQ57")
    actions.create_committee(
        nghean["NA"], "Ban Chỉ đạo tỉnh Nghệ An", programme=programme, standing_unit=nghean["NA-VPTU"]
    )
    return programme


def test_the_meeting_gives_the_contract_json(nghean_committee):
    before = (Task.objects.count(), Document.objects.count(), AuditEntry.objects.count())
    data = json.loads(run(str(MEETING_NAN), "--programme", "NQ57", "--unit", "NA", "--json"))
    assert (
        Task.objects.count(),
        Document.objects.count(),
        AuditEntry.objects.count(),
    ) == before  # saves nothing
    assert len(data) == len(EXPECTED) == 32
    text = unicodedata.normalize("NFC", MEETING_NAN.read_text(encoding="utf-8"))
    for n, (row, (lead, lead_text, partners, due, recurring)) in enumerate(
        zip(data, EXPECTED, strict=True), 1
    ):
        assert list(row) == KEYS, n
        assert (row["lead"], row["lead_text"], row["partners"], row["due"], row["recurring"]) == (
            lead,
            lead_text,
            partners,
            due,
            recurring,
        ), n
        assert row["sentence"] in text and unicodedata.is_normalized("NFC", row["sentence"])
        assert row["title"] and row["output"] is None
        assert (row["due_text"] is None) == (row["due"] is None)
    ioc = data[16]
    assert ioc["title"].startswith(
        "Đưa Trung tâm giám sát, điều hành thông minh tỉnh - NgheanIOC vào vận hành"
    )
    assert (ioc["due_text"], ioc["due"]) == ("trong tháng 9/2025", "2025-09-30")
    assert data[20]["title"].startswith("Cân đối nguồn vốn để ưu tiên cho các nhiệm vụ cấp bách")


def test_plain_output_stdin_and_docx(nghean_committee, tmp_path, monkeypatch):
    plan = (
        "1. Sở Khoa học và Công nghệ chủ trì, phối hợp với các sở, ngành xây dựng Đề án hạ tầng số, "
        "hoàn thành trước ngày 30/6/2025 (sản phẩm: Quyết định của UBND tỉnh).\n"
        "2. UBND các xã, phường định kỳ hằng quý báo cáo kết quả về Văn phòng Tỉnh ủy.\n"
    )
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(plan.encode("utf-8")), encoding="utf-8"))
    data = json.loads(run("-", "--programme", "nq57", "--unit", "NA", "--json"))
    assert data[0] == {
        "title": "Xây dựng Đề án hạ tầng số",
        "lead": "NA-SKHCN",
        "lead_text": "Sở Khoa học và Công nghệ",
        "partners": [c for c in DEPARTMENTS if c != "NA-SKHCN"],
        "due_text": "trước ngày 30/6/2025",
        "due": "2025-06-30",
        "recurring": None,
        "output": "Quyết định của UBND tỉnh",
        "sentence": plan.splitlines()[0][3:],
    }
    assert (data[1]["lead"], data[1]["lead_text"], data[1]["recurring"]) == (
        None,
        "UBND các xã, phường",
        "quarterly",
    )
    document = docx.Document()
    for line in plan.splitlines():
        document.add_paragraph(line)
    path = tmp_path / "ket-luan.docx"
    document.save(path)
    assert json.loads(run(str(path), "--programme", "NQ57", "--unit", "NA", "--json")) == data
    text = run(str(path), "--programme", "NQ57", "--unit", "NA")
    assert "Tìm thấy 2 nhiệm vụ dự thảo" in text
    assert (
        "Chủ trì: Sở Khoa học và Công nghệ" in text and "Thời hạn: trước ngày 30/6/2025 (30/06/2025)" in text
    )
    assert "Chủ trì: Phường Vinh Phú, Xã Diễn Châu" in text


def test_without_a_unit_only_unambiguous_names_match(nghean_committee, world):
    # world has another "Sở Khoa học và Công nghệ" (A): without --unit the name is ambiguous
    data = json.loads(run(str(MEETING_NAN), "--programme", "NQ57", "--json"))
    assert data[18]["lead"] is None and data[20]["lead"] == "NA-STC"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["/nonexistent.txt", "--programme", "NQ57"], "Không tìm thấy tệp"),
        ([str(MEETING_NAN), "--programme", "XYZ"], "Không có chương trình mã 'XYZ'"),
        ([str(MEETING_NAN), "--programme", "NQ57", "--unit", "ZZ"], "Không có đơn vị mã 'ZZ'"),
    ],
)
def test_bad_input_exits_1(nghean_committee, args, message):
    err = io.StringIO()
    with pytest.raises(SystemExit) as info:
        call_command("draft_tasks", *args, stdout=io.StringIO(), stderr=err)
    assert info.value.code == 1 and message in err.getvalue()


def test_a_file_that_is_not_text(nghean_committee, tmp_path):
    bad = tmp_path / "x.docx"
    bad.write_bytes(b"not a docx")
    err = io.StringIO()
    with pytest.raises(SystemExit):
        call_command("draft_tasks", str(bad), "--programme", "NQ57", stdout=io.StringIO(), stderr=err)
    assert "không đúng định dạng Word" in err.getvalue()
