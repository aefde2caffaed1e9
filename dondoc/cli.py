"""A base for dondoc's commands: Vietnamese messages, exit 1 on bad input, nothing half-written."""

from __future__ import annotations

import sys
from datetime import date

from django.core.management.base import BaseCommand

from dondoc.tabular import TableError
from dondoc.vn import parse_date


class BadInput(Exception):
    """Bad input given to a command: printed in Vietnamese, exit status 1."""


class DondocCommand(BaseCommand):
    def execute(self, *args, **options):
        try:
            return super().execute(*args, **options)
        except TableError as exc:
            self.stderr.write(f"Không nhập được: tệp có {len(exc.errors)} lỗi, chưa ghi dữ liệu nào.")
            for err in exc.errors:
                self.stderr.write(f"- {err}")
            sys.exit(1)
        except BadInput as exc:
            self.stderr.write(str(exc))
            sys.exit(1)

    @staticmethod
    def date_option(value: str | None, name: str) -> date | None:
        if not value:
            return None
        try:
            return parse_date(value)
        except ValueError as exc:
            raise BadInput(f"Tham số {name}: {exc}") from None
