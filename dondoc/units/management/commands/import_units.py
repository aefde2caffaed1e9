from django.utils.translation import gettext_lazy

from dondoc.cli import DondocCommand
from dondoc.units.actions import import_units


class Command(DondocCommand):
    help = gettext_lazy(
        "Nhập cây đơn vị từ tệp .xlsx hoặc .csv (Mã đơn vị, Tên đơn vị, Loại, Mã đơn vị cấp trên)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, **options):
        result = import_units(options["file"])
        self.stdout.write(str(result))
