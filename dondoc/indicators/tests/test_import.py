"""import_values: all-or-nothing, every bad row listed, idempotent."""

import pytest
from django.core.management import call_command

from dondoc.audit.models import AuditEntry
from dondoc.indicators.models import Value

HEADER = "Mã chỉ tiêu,Mã đơn vị,Kỳ,Giá trị,Tử số,Mẫu số,Ghi chú\n"


def write(tmp_path, body, name="values.csv"):
    p = tmp_path / name
    p.write_text(HEADER + body, encoding="utf-8-sig")
    return str(p)


GOOD = (
    'VBDT-SO,A,2025-Q2,"99,30",,,Báo cáo quý II\n'
    "VBDT-SO,B,quý II/2025,,4,5,\n"
    "BTS,P,2025-Q2,3.700,,,\n"
    "VBDT-XA,C,2025-Q2,4/5,,,\n"
)


def test_import_then_idempotent_then_update(world, cat, tmp_path, capsys):
    path = write(tmp_path, GOOD)
    call_command("import_values", path)
    assert "4 mới" in capsys.readouterr().out
    assert Value.objects.count() == 4
    b = Value.objects.get(unit=world.B)
    assert (b.numerator, b.denominator, b.value) == (4, 5, 80)
    assert Value.objects.get(unit=world.P).value == 3700
    audits = AuditEntry.objects.filter(object_type="indicators.value").count()
    call_command("import_values", path)
    assert "4 không thay đổi" in capsys.readouterr().out
    assert AuditEntry.objects.filter(object_type="indicators.value").count() == audits
    call_command("import_values", write(tmp_path, GOOD.replace("3.700", "3.760")))
    assert "1 cập nhật" in capsys.readouterr().out
    assert Value.objects.get(unit=world.P).value == 3760


def test_bad_file_imports_nothing_and_lists_every_row(world, cat, tmp_path, capsys):
    body = GOOD + (
        "VBDT-SO,A,2025-Q3,101,,,\n"  # above 100%
        "VBDT-SO,B,2025-Q3,,3,0,\n"  # zero denominator
        "BTS,A,2025-Q3,-4,,,\n"  # negative count
        "VBDT-SO,C,2025-Q3,80,,,\n"  # commune for a department indicator
        "KHONG-CO,A,2025-Q3,1,,,\n"  # unknown indicator
        "BTS,ZZ,2025-Q3,1,,,\n"  # unknown unit
        "BTS,P,2025-T07,1,,,\n"  # monthly period for a quarterly indicator
        "BTS,P,2025-Q2,5,,,\n"  # duplicate of row 4
    )
    with pytest.raises(SystemExit) as exc:
        call_command("import_values", write(tmp_path, body))
    assert exc.value.code == 1
    err = capsys.readouterr().err
    assert "chưa ghi dữ liệu nào" in err
    for needle in (
        "Dòng 6, cột 'Giá trị', giá trị '101'",
        "vượt quá 100%",
        "Dòng 7",
        "Mẫu số bằng 0",
        "Dòng 8",
        "không được âm",
        "Dòng 9, cột 'Mã đơn vị'",
        "chỉ áp dụng cho Sở / Ban / Ngành",
        "Dòng 10, cột 'Mã chỉ tiêu', giá trị 'KHONG-CO'",
        "Dòng 11, cột 'Mã đơn vị', giá trị 'ZZ'",
        "Dòng 12, cột 'Kỳ'",
        "Dòng 13, cột 'Kỳ', giá trị '2025-Q2': Trùng với dòng 4",
    ):
        assert needle in err, (needle, err)
    assert not Value.objects.exists()
    assert not AuditEntry.objects.filter(object_type="indicators.value").exists()


def test_missing_column_and_xlsx(world, cat, tmp_path, capsys):
    p = tmp_path / "x.csv"
    p.write_text("Mã chỉ tiêu,Giá trị\nBTS,3\n", encoding="utf-8")
    with pytest.raises(SystemExit):
        call_command("import_values", str(p))
    assert "Thiếu cột bắt buộc 'Mã đơn vị'" in capsys.readouterr().err
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Mã chỉ tiêu", "Mã đơn vị", "Kỳ", "Giá trị", "Tử số", "Mẫu số", "Ghi chú"])
    ws.append(["BTS", "P", "2025-Q1", "1.780", None, None, "xlsx"])
    ws.append(["VBDT-SO", "A", "2025-Q1", None, 9, 10, None])
    xlsx = tmp_path / "values.xlsx"
    wb.save(xlsx)
    call_command("import_values", str(xlsx))
    assert Value.objects.get(unit=world.P).value == 1780
    assert Value.objects.get(unit=world.A).value == 90
