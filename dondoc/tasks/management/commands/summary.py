import json

from dondoc.cli import BadInput, DondocCommand
from dondoc.tasks import selectors
from dondoc.tasks.models import Programme
from dondoc.units.models import Unit


class Command(DondocCommand):
    help = "Số liệu nhiệm vụ của đơn vị (và cấp dưới) tính đến một ngày: câu tổng hợp, hoặc JSON với --json."

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True)
        parser.add_argument("--programme")
        parser.add_argument("--as-of", dest="as_of", help="dd/mm/yyyy hoặc yyyy-mm-dd; mặc định hôm nay")
        parser.add_argument("--due-by", dest="due_by")
        parser.add_argument("--only-unit", dest="only_unit", action="store_true")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        unit = Unit.objects.filter(code=options["unit"].strip().upper()).first()
        if unit is None:
            raise BadInput(f"Không có đơn vị mã '{options['unit']}'.")
        programme = None
        if options["programme"]:
            programme = Programme.objects.filter(code=options["programme"].strip().upper()).first()
            if programme is None:
                raise BadInput(f"Không có chương trình mã '{options['programme']}'.")
        result = selectors.summary(
            unit,
            programme=programme,
            as_of=self.date_option(options["as_of"], "--as-of"),
            due_by=self.date_option(options["due_by"], "--due-by"),
            only_unit=options["only_unit"],
        )
        if options["json"]:
            self.stdout.write(json.dumps(result.as_json(), ensure_ascii=False))
        else:
            self.stdout.write(result.sentence)
