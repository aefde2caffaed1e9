"""Excel exports (openpyxl): the task catalogue with statuses as of a date, re-importable by `import_tasks`;
the summary; the reporting completeness grid and the indicator tables when those apps are installed.

No cell ever holds a formula (dondoc.tabular.writing): text that would start with =, +, -, @, a tab or a
carriage return is written as text behind a "'".
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from dondoc.tabular.writing import HEADER_FILL, HEADER_FONT, streamed_row
from dondoc.tasks import selectors, status
from dondoc.tasks.importer import TASK_COLUMNS
from dondoc.tasks.models import Programme, Task
from dondoc.units.models import Unit
from dondoc.units.scope import Scope
from dondoc.vn import format_date
from dondoc.vn.deadlines import parse_deadline

from . import content

log = logging.getLogger("dondoc.exports")

CATALOGUE_SHEET = gettext_lazy("Danh mục nhiệm vụ")


def _sheet(wb: Workbook, title: str, header: list[str], rows, widths: list[int] | None = None):
    """A write-only sheet (constant memory: rows are written as they come, an iterator of any length)."""
    ws = wb.create_sheet(title[:31])
    for i, w in enumerate(widths or [], start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = "A2"
    cells = streamed_row(ws, header)
    for cell in cells:
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
    ws.append(cells)
    for row in rows:
        ws.append(streamed_row(ws, row))
    return ws


def _due_cell(t: Task, plan_year: int) -> str:
    """The deadline as the plan wrote it when that reads back to the same date; else dd/mm/yyyy."""
    if t.recurring or t.due is None:
        return t.due_phrase or "thường xuyên"  # read back by import_tasks: stays as the import writes it
    if t.due_phrase:
        try:
            d = parse_deadline(t.due_phrase, plan_year=plan_year)
            if not d.recurring and d.due == t.due:
                return t.due_phrase
        except ValueError:
            pass
    return format_date(t.due)


def catalogue_rows(tasks, as_of: date, plan_year: int):
    """One row per task in TASK_COLUMNS order (the import's columns), the status as of D last: yielded as the
    tasks are read, in chunks (never the whole catalogue in memory)."""
    keys = [c.key for c in TASK_COLUMNS]
    for t in tasks.iterator(chunk_size=2000):
        values = {
            "code": t.code,
            "title": t.title,
            "group": f"{t.group.number}. {t.group.name}" if t.group_id else "",
            "parent": t.parent.code if t.parent_id else "",
            "lead": t.lead.code,
            "partners": "; ".join(sorted(p.code for p in t.partners.all())),
            "due": _due_cell(t, plan_year),
            "output": t.output,
            "source": t.source.symbol if t.source_id else "",
            "started": format_date(t.started) if t.started else "",
            "done": format_date(t.done) if t.done else "",
            "note": t.note,
            "status": status.STATUS_LABELS[t.status],
        }
        yield [values.get(k, "") for k in keys]


def build_xlsx(
    unit: Unit,
    programme: Programme,
    as_of: date,
    *,
    scope: Scope | None = None,
    progress: Callable[[int], None] | None = None,
    out=None,
) -> bytes | None:
    """The workbook: catalogue (first sheet, importable), summary, completeness grid, indicators. Written in
    constant memory (write-only sheets, tasks read in chunks) into `out` (a path or a binary file), or returned
    as bytes when `out` is None."""
    progress = progress or (lambda pct: None)
    wb = Workbook(write_only=True)
    tasks = (
        status.with_status(selectors.tasks_for_unit(unit, scope=scope).filter(programme=programme), as_of)
        .select_related("group", "parent", "lead", "source")
        .prefetch_related("partners")
        .order_by("code")
    )
    plan_year = programme.plan_year or as_of.year
    _sheet(
        wb,
        CATALOGUE_SHEET,
        [c.title for c in TASK_COLUMNS],
        catalogue_rows(tasks, as_of, plan_year),
        [12, 60, 30, 12, 14, 20, 18, 30, 14, 14, 14, 20, 26],
    )
    progress(60)

    summary = selectors.summary(unit, programme=programme, as_of=as_of, scope=scope)
    c = summary.counts.as_dict()
    _sheet(
        wb,
        _("Tổng hợp"),
        [_("Chỉ số"), _("Số nhiệm vụ")],
        [
            [_("Đơn vị"), f"{unit.code} — {unit.name}"],
            [_("Chương trình"), programme.code],
            [_("Số liệu tính đến ngày"), format_date(as_of)],
            *[[label, c[key]] for key, label in content.FIGURES],
            [_("Câu tổng hợp"), summary.sentence],
        ],
        [34, 90],
    )
    progress(70)

    grid = completeness_grid(unit, programme, as_of, scope)
    if grid:
        header, rows = grid
        _sheet(wb, _("Tiến độ báo cáo"), header, rows, [40] + [12] * (len(header) - 1))
    progress(80)

    class _Ctx:
        pass

    ctx = _Ctx()
    ctx.unit, ctx.programme, ctx.as_of, ctx.scope = unit, programme, as_of, scope
    indicators = content.indicator_rows(ctx)
    if indicators:
        _sheet(
            wb,
            _("Chỉ tiêu"),
            [_("Chỉ tiêu"), _("Đơn vị tính"), _("Mục tiêu"), _("Kết quả"), _("Đánh giá")],
            indicators,
            [60, 14, 14, 14, 16],
        )
    progress(90)
    if out is not None:
        wb.save(out)
        return None
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def completeness_grid(unit, programme, as_of, scope) -> tuple[list[str], list[list]] | None:
    """(header, rows) of the reporting completeness grid from dondoc.reporting, or None if absent."""
    try:
        from dondoc.reporting import selectors as rep

        grid = rep.completeness_grid(unit, programme=programme, as_of=as_of, scope=scope)
    except (ImportError, AttributeError, TypeError) as exc:
        log.debug("completeness grid unavailable: %s", exc)
        return None
    try:
        columns = list(content._get(grid, "periods", "columns") or [])
        rows = []
        for row in content._get(grid, "rows") or []:
            u = content._get(row, "unit")
            cells = content._get(row, "cells", "values") or []
            rows.append(
                [str(content._get(u, "name", default=u))]
                + [str(content._get(c, "label", "status", default=c) or "") for c in cells]
            )
        header = [_("Đơn vị")] + [str(content._get(p, "label", "code", "name", default=p)) for p in columns]
        return header, rows
    except (TypeError, AttributeError) as exc:
        log.warning("completeness grid not exported: %s", exc)
        return None
