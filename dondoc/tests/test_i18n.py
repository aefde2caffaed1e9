"""Two languages, complete: Vietnamese (the msgids) and English (dondoc/locale/en), no entry left empty or fuzzy in
either catalogue after `makemessages`, the compiled catalogues current, and the admin's labels Vietnamese for every
model and field (docs/i18n.md)."""

from __future__ import annotations

import gettext as gnu_gettext
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

LOCALE = Path(settings.BASE_DIR) / "dondoc" / "locale"
LANGS = ("vi", "en")
VIETNAMESE = re.compile(
    r"[àáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵđ]", re.IGNORECASE
)


def _need_gettext():
    if shutil.which("xgettext") and shutil.which("msgmerge") and shutil.which("msgfmt"):
        return
    if os.environ.get("DONDOC_REQUIRE_GETTEXT") == "1":
        pytest.fail("GNU gettext is missing but DONDOC_REQUIRE_GETTEXT=1")
    pytest.skip("GNU gettext not installed (apt-get install -y gettext)")


def problems(po_text: str) -> list[str]:
    """The entries of a catalogue (written with --no-wrap) that are empty or fuzzy, header aside."""
    out = []
    for entry in po_text.strip("\n").split("\n\n"):
        lines = [line for line in entry.split("\n") if not line.startswith("#~")]
        msgid = next((line for line in lines if line.startswith("msgid ")), None)
        if msgid is None or msgid == 'msgid ""':
            continue
        if any(line.startswith("#,") and "fuzzy" in line for line in lines):
            out.append(f"fuzzy: {msgid[6:]}")
        elif any(line in ('msgstr ""',) or re.fullmatch(r'msgstr\[\d+\] ""', line) for line in lines):
            out.append(f"empty: {msgid[6:]}")
    return out


def test_a_problem_entry_is_found():
    # given a catalogue with one good, one empty and one fuzzy entry
    po = 'msgid ""\nmsgstr ""\n"Language: en\\n"\n\nmsgid "a"\nmsgstr "A"\n\nmsgid "b"\nmsgstr ""\n\n#, fuzzy\nmsgid "c"\nmsgstr "C"\n'
    # then the two bad ones are named
    assert problems(po) == ['empty: "b"', 'fuzzy: "c"']


def test_makemessages_leaves_no_string_untranslated_in_either_catalogue(tmp_path, settings, monkeypatch):
    """Every string marked for translation in the code is in both catalogues, translated, not fuzzy. A failure lists
    them: run `make messages`, translate the new English entries, run it again (docs/i18n.md)."""
    _need_gettext()
    # given a copy of the code and its catalogues, so that the check never rewrites the checkout's files
    # (makemessages writes to the locale folder nearest to each source file)
    tree = tmp_path / "dondoc"
    shutil.copytree(
        Path(settings.BASE_DIR) / "dondoc",
        tree,
        ignore=shutil.ignore_patterns("__pycache__", "static", "tests", "*.mo"),
    )
    copy = tree / "locale"
    settings.LOCALE_PATHS = [copy]
    monkeypatch.chdir(tree)
    # when makemessages collects the strings of the code, exactly as `make messages` does
    call_command(
        "makemessages",
        locale=list(LANGS),
        no_location=True,
        no_obsolete=True,
        no_wrap=True,
        ignore_patterns=["tests/*", "static/*", "locale/*"],
        verbosity=0,
    )
    # then neither catalogue has an empty or a fuzzy entry
    found = {
        lang: problems((copy / lang / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8"))
        for lang in LANGS
    }
    assert found == {"vi": [], "en": []}, "run `make messages` and translate:\n" + "\n".join(
        f"{lang} {p}" for lang, ps in found.items() for p in ps
    )
    # and the catalogue holds the interface's strings (not a vacuous pass)
    en = (copy / "en" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    assert 'msgid "Đăng nhập"\nmsgstr "Sign in"' in en
    assert en.count("\nmsgid ") > 500


@pytest.mark.parametrize("lang", LANGS)
def test_the_compiled_catalogue_is_the_po_file_compiled(tmp_path, lang):
    """The committed .mo files (what Django reads) say what the .po files say: nobody forgot compilemessages."""
    _need_gettext()
    po = LOCALE / lang / "LC_MESSAGES" / "django.po"
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check-format", "-o", str(fresh), str(po)], check=True)
    with open(fresh, "rb") as f1, open(po.with_suffix(".mo"), "rb") as f2:
        assert gnu_gettext.GNUTranslations(f2)._catalog == gnu_gettext.GNUTranslations(f1)._catalog


def test_vietnamese_is_its_own_translation_and_english_differs():
    with translation.override("vi"):
        assert translation.gettext("Đăng nhập") == "Đăng nhập"
        # Django's own message, translated better by our catalogue than by Django's
        assert translation.ngettext(
            "This password is too short. It must contain at least %d character.",
            "This password is too short. It must contain at least %d characters.",
            8,
        ).startswith("Mật khẩu quá ngắn")
    with translation.override("en"):
        assert translation.gettext("Đăng nhập") == "Sign in"


def _is_auto_pk(field) -> bool:
    return getattr(field, "primary_key", False) and field.auto_created


def test_the_admin_shows_vietnamese_labels_for_every_model_and_field():
    """verbose_name and verbose_name_plural of every dondoc model, and the verbose_name of every field, are
    Vietnamese (as the admin shows them under LANGUAGE_CODE = "vi"). The automatic primary key keeps Django's "ID",
    which Vietnamese uses as is; Django's own models and those of the libraries come with Django's vi catalogue."""
    missing = []
    with translation.override("vi"):
        for model in apps.get_models():
            if not model.__module__.startswith("dondoc."):
                continue
            meta = model._meta
            for what in ("verbose_name", "verbose_name_plural"):
                if not VIETNAMESE.search(str(getattr(meta, what))):
                    missing.append(f"{meta.label}.{what} = {getattr(meta, what)!r}")
            for field in meta.get_fields(include_hidden=False):
                if not getattr(field, "concrete", False) or (field.auto_created and not _is_auto_pk(field)):
                    continue
                if _is_auto_pk(field):
                    continue
                if not VIETNAMESE.search(str(field.verbose_name)):
                    missing.append(f"{meta.label}.{field.name} = {field.verbose_name!r}")
    assert missing == []


def test_the_admin_labels_follow_english_when_asked():
    from dondoc.units.models import Unit

    with translation.override("en"):
        assert str(Unit._meta.verbose_name) == "unit"
        assert str(Unit._meta.get_field("parent").verbose_name) == "parent unit"
        assert str(Unit.Kind.PROVINCE.label) == "Province / City"


def test_the_admin_index_is_vietnamese(world):
    # given the system administrator, in the default language
    c = world.client(world.admin)
    # when the admin's index opens
    body = c.get("/admin/").content.decode()
    # then app and model names are Vietnamese
    assert "Quản trị hệ thống" in body
    assert "Đơn vị và người dùng" in body
    assert "Nhật ký thay đổi" in body
