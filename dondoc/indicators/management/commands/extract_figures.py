import json

from dondoc.cli import BadInput, DondocCommand
from dondoc.indicators.figures import extract, read_document
from dondoc.vn import format_decimal


class Command(DondocCommand):
    help = (
        "Đọc các số liệu nêu trong một báo cáo (tệp .txt hoặc .docx): tỷ lệ, số lượng kèm danh từ, phân số, "
        "số tiền, kèm từ chỉ mức (hơn, trên, gần, khoảng, ít nhất...)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--json", action="store_true", help="in danh sách JSON")

    def handle(self, *args, **options):
        path = options["file"]
        try:
            text = read_document(path)
        except FileNotFoundError:
            raise BadInput(f"Không tìm thấy tệp '{path}'.") from None
        except OSError as exc:
            raise BadInput(f"Không đọc được tệp '{path}' ({exc.strerror}).") from None
        except ValueError as exc:
            raise BadInput(f"Không đọc được tệp '{path}': {exc}") from None
        found = extract(text)
        if options["json"]:
            self.stdout.write(json.dumps([f.as_json() for f in found], ensure_ascii=False, indent=2))
            return
        if not found:
            self.stdout.write("Không tìm thấy số liệu nào.")
            return
        self.stdout.write(f"Tìm thấy {len(found)} số liệu:")
        for f in found:
            value = format_decimal(f.value, 4, strip=True)
            unit = f" {f.unit}" if f.unit and f.unit != "%" else ("%" if f.unit == "%" else "")
            qual = f" [{f.qualifier}]" if f.qualifier else ""
            self.stdout.write(f"- {f.text}: {value}{unit}{qual}")
