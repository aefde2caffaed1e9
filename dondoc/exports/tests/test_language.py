"""Which language each file speaks: the Excel workbook follows the person who asked for it (also when it is built
in the background), the official DOCX (and the PDF made from it) stays Vietnamese whatever the interface's language."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.utils import translation
from docx import Document

from dondoc.exports import actions
from dondoc.tests.test_i18n import VIETNAMESE
from dondoc.units.scope import Scope

from .conftest import AS_OF

pytestmark = pytest.mark.django_db


def _generate(world, fmt, kind, **kw):
    return actions.generate_report(
        actor=world.office,
        scope=Scope.for_user(world.office),
        kind=kind,
        fmt=fmt,
        unit=world.P,
        programme=world.programme,
        as_of=AS_OF,
        **kw,
    )


def test_the_workbook_follows_the_requesters_language(world, catalogue):
    # when the office asks in English, then in Vietnamese
    with translation.override("en"):
        en = openpyxl.load_workbook(io.BytesIO(_generate(world, "xlsx", "danh_muc").file.read()))
    vi = openpyxl.load_workbook(io.BytesIO(_generate(world, "xlsx", "danh_muc").file.read()))
    # then sheet names and the summary's labels follow
    assert en.sheetnames[:2] == ["Task catalogue", "Summary"]
    assert vi.sheetnames[:2] == ["Danh mục nhiệm vụ", "Tổng hợp"]
    labels = [row[0] for row in en["Summary"].iter_rows(min_row=1, max_row=4, values_only=True)]
    assert labels == ["Figure", "Unit", "Programme", "Figures as of"]
    # and the catalogue's header row stays the import's columns, so the English file imports back as well
    assert [c.value for c in en.worksheets[0][1]] == [c.value for c in vi.worksheets[0][1]]


def test_a_workbook_built_in_the_background_keeps_the_requesters_language(
    world, catalogue, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    # given a request in English, queued for the worker
    with django_capture_on_commit_callbacks(execute=False) as callbacks, translation.override("en"):
        gf = _generate(world, "xlsx", "danh_muc", background=True)
    assert gf.language == "en" and gf.status == "pending"
    # when the worker builds it, in its own (default, Vietnamese) language
    with translation.override("vi"):
        callbacks[0]()
    gf.refresh_from_db()
    # then the file is English all the same
    assert openpyxl.load_workbook(io.BytesIO(gf.file.read())).sheetnames[1] == "Summary"


def test_the_official_document_stays_vietnamese_in_an_english_interface(world, catalogue):
    # when the office, working in English, makes the periodic report
    with translation.override("en"):
        gf = _generate(world, "docx", "dinh_ky")
        # then the DOCX is Vietnamese: its summary sentence, headings and period
        text = "\n".join(p.text for p in Document(gf.file.open("rb")).paragraphs)
        assert "Trong tổng số" in text
        assert "BÁO CÁO" in text.upper()
        assert "quý" in text.lower()
        assert VIETNAMESE.search(text)
        # and the interface itself is still English afterwards
        assert translation.get_language() == "en"
