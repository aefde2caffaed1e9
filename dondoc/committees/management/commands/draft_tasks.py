import json
import sys
from pathlib import Path

from dondoc.cli import BadInput, DondocCommand
from dondoc.committees.drafting import make_drafts, read_source
from dondoc.committees.models import Committee
from dondoc.tasks.models import Programme
from dondoc.tasks.status import today
from dondoc.units.models import Unit
from dondoc.vn import format_date


def as_json(draft) -> dict:
    """One draft as shared/contract.md gives it (keys and their order)."""
    d = draft.directive
    return {
        "title": draft.title,
        "lead": draft.single_lead.code if draft.single_lead else None,
        "lead_text": d.lead.text if d.lead else None,
        "partners": [u.code for u in draft.partners],
        "due_text": draft.due_text,
        "due": draft.due.isoformat() if draft.due else None,
        "recurring": draft.recurring,
        "output": draft.output,
        "sentence": d.sentence,
    }


class Command(DondocCommand):
    help = (
        "Đọc thông báo kết luận hoặc kế hoạch (tệp .txt, .docx, hoặc - để đọc từ đầu vào chuẩn) và in các nhiệm vụ "
        "dự thảo tìm thấy: nội dung, cơ quan chủ trì, phối hợp, thời hạn, định kỳ, sản phẩm, câu gốc. Không lưu gì."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="tệp .txt / .docx, hoặc - (đầu vào chuẩn)")
        parser.add_argument("--programme", required=True, help="mã chương trình, ví dụ NQ57")
        parser.add_argument(
            "--unit", help="mã đơn vị có Ban Chỉ đạo: tìm cơ quan chủ trì trong cây đơn vị của nó"
        )
        parser.add_argument("--json", action="store_true", help="in danh sách JSON (xem shared/contract.md)")

    def handle(self, *args, **options):
        text = self._read(options["file"])
        programme = Programme.objects.filter(code=options["programme"].strip().upper()).first()
        if programme is None:
            raise BadInput(f"Không có chương trình mã '{options['programme']}'.")
        root = None
        if options["unit"]:
            root = Unit.objects.filter(code=options["unit"].strip().upper()).first()
            if root is None:
                raise BadInput(f"Không có đơn vị mã '{options['unit']}'.")
        committee = None
        if root is not None:
            committees = Committee.objects.filter(unit=root, is_active=True).select_related("standing_unit")
            committee = committees.filter(programme=programme).first() or committees.first()
        drafts = make_drafts(
            text,
            programme=programme,
            root=root,
            standing=committee.standing_unit if committee else None,
            plan_year=programme.plan_year or today().year,
            followups=False,
        )
        if options["json"]:
            self.stdout.write(json.dumps([as_json(d) for d in drafts], ensure_ascii=False, indent=2))
            return
        if not drafts:
            self.stdout.write("Không tìm thấy nhiệm vụ nào trong văn bản.")
            return
        self.stdout.write(f"Tìm thấy {len(drafts)} nhiệm vụ dự thảo:")
        for n, draft in enumerate(drafts, start=1):
            d = draft.directive
            leads = [draft.lead] if draft.lead and not draft.each else draft.each
            who = ", ".join(u.name for u in leads) or (d.lead.text if d.lead else "chưa rõ")
            self.stdout.write(f"{n}. {draft.title}")
            self.stdout.write(f"   Chủ trì: {who}")
            if draft.partners:
                self.stdout.write(f"   Phối hợp: {', '.join(u.name for u in draft.partners)}")
            if draft.due_text:
                due = f" ({format_date(draft.due)})" if draft.due else ""
                self.stdout.write(f"   Thời hạn: {draft.due_text}{due}")
            if draft.recurring:
                self.stdout.write(f"   Định kỳ: {draft.recurring}")
            if draft.output:
                self.stdout.write(f"   Sản phẩm: {draft.output}")

    def _read(self, path: str) -> str:
        if path == "-":
            data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode()
            name = "stdin.txt"
        else:
            try:
                data = Path(path).read_bytes()
            except FileNotFoundError:
                raise BadInput(f"Không tìm thấy tệp '{path}'.") from None
            except OSError as exc:
                raise BadInput(f"Không đọc được tệp '{path}' ({exc.strerror}).") from None
            name = path
        try:
            return read_source(name, data)
        except ValueError as exc:
            raise BadInput(f"Không đọc được tệp '{path}': {exc}") from None
