"""import_tasks: bring an office's existing tracker (an Excel file) into the catalogue.

All-or-nothing and idempotent: a file with any bad row imports nothing and every bad row is listed
(row, column, value, reason); the same file again changes nothing; a changed row updates its task in
place with history kept.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils import timezone

from dondoc.documents.actions import register_document
from dondoc.tabular import Column, RowError, TableError, map_table, read_rows
from dondoc.units.models import Unit
from dondoc.vn import clean, fold, parse_date
from dondoc.vn.deadlines import parse_deadline
from dondoc.vn.symbols import parse_symbol

from . import actions, snapshots
from .models import Programme, Task, TaskGroup

TASK_COLUMNS = [
    Column("code", "Mã nhiệm vụ", required=True),
    Column("title", "Nội dung nhiệm vụ", aliases=("Nhiệm vụ", "Tên nhiệm vụ"), required=True),
    Column("group", "Nhóm nhiệm vụ", aliases=("Nhóm",)),
    Column("parent", "Mã nhiệm vụ cha"),
    Column("lead", "Cơ quan chủ trì", aliases=("Chủ trì", "Đơn vị chủ trì"), required=True),
    Column("partners", "Cơ quan phối hợp", aliases=("Phối hợp", "Đơn vị phối hợp")),
    Column("due", "Thời hạn", aliases=("Thời gian hoàn thành", "Hạn")),
    Column("output", "Sản phẩm", aliases=("Sản phẩm đầu ra",)),
    Column("source", "Văn bản giao", aliases=("Văn bản",)),
    Column("started", "Ngày bắt đầu thực hiện", aliases=("Ngày bắt đầu",)),
    Column("done", "Ngày hoàn thành"),
    Column("note", "Ghi chú"),
    # Written by the Excel export so an exported catalogue re-imports as it is; ignored otherwise.
    Column("status", "Tình trạng"),
]
TITLE = {c.key: c.title for c in TASK_COLUMNS}


@dataclass
class RowOutcome:
    """What importing one row does (or would do): create, update (with its changes), unchanged, or refused."""

    row: int
    code: str
    title: str
    verdict: str  # "create" | "update" | "unchanged" | "refused"
    changes: dict = field(default_factory=dict)
    reasons: list[str] = field(default_factory=list)


@dataclass
class ImportResult:
    programme: Programme | None = None
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    codes: list[str] = field(default_factory=list)
    # Filled by a dry run: every row's outcome, in the file's order, and whether the programme would be new.
    rows: list[RowOutcome] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    new_programme: bool = False

    @property
    def refused(self) -> int:
        return sum(1 for r in self.rows if r.verdict == "refused")

    def __str__(self) -> str:
        return (
            f"Đã nhập {self.created + self.updated + self.unchanged} nhiệm vụ vào chương trình "
            f"{self.programme.code if self.programme else ''}: {self.created} mới, {self.updated} cập nhật, "
            f"{self.unchanged} không thay đổi."
        )


class _DryRun(Exception):
    """Raised at the end of a dry run to roll back everything it wrote."""


class UnitMatcher:
    """Finds a unit by code or by exact name, ignoring case and diacritics; refuses ambiguous names."""

    def __init__(self, units):
        self.by_code: dict[str, Unit] = {}
        self.by_name: dict[str, list[Unit]] = {}
        for u in units:
            self.by_code[u.code.upper()] = u
            self.by_name.setdefault(" ".join(u.name_folded.split()), []).append(u)

    def find(self, text: str) -> tuple[Unit | None, str | None]:
        text = clean(text)
        if not text:
            return None, "Thiếu cơ quan."
        unit = self.by_code.get(text.upper())
        if unit is not None:
            return unit, None
        found = self.by_name.get(fold(text), [])
        if len(found) == 1:
            return found[0], None
        if len(found) > 1:
            names = "; ".join(
                f"{u.code} ({u.name}{', ' + u.parent.name if u.parent_id else ''})" for u in found
            )
            return None, f"Tên đơn vị trùng nhiều đơn vị: {names}. Hãy ghi mã đơn vị."
        return None, "Không có đơn vị với mã hoặc tên này."


GROUP_NUM = re.compile(r"^\s*(?:nhom\s*)?(\d{1,3})\s*(?:[.):\-]\s*(.*))?$")


def _find_group(text: str, programme: Programme, groups: dict[int, TaskGroup], new_groups: dict[int, str]):
    """(number, error). A number or a name; a new programme gets the groups its file names."""
    folded = fold(text)
    m = GROUP_NUM.match(folded)
    if m:
        number = int(m.group(1))
        if number in groups or number in new_groups:
            return number, None
        if not groups:
            new_groups[number] = clean(text.split(".", 1)[1]) if m.group(2) else f"Nhóm {number}"
            return number, None
        return (
            None,
            f"Chương trình {programme.code} không có nhóm số {number} (có các nhóm {', '.join(map(str, sorted(groups)))}).",
        )
    for number, g in groups.items():
        if g.name_folded == folded:
            return number, None
    for number, name in new_groups.items():
        if fold(name) == folded:
            return number, None
    if not groups:
        number = max(new_groups, default=0) + 1
        new_groups[number] = clean(text)
        return number, None
    return (
        None,
        f"Chương trình {programme.code} không có nhóm nhiệm vụ này; ghi số nhóm (1–{max(groups)}) hoặc đúng tên nhóm.",
    )


def _parse_date_cell(value: str, column: str, n: int, errors: list[RowError]) -> date | None:
    if not value:
        return None
    try:
        return parse_date(value)
    except ValueError as exc:
        errors.append(RowError(n, TITLE[column], value, str(exc)))
        return None


def import_tasks(
    path,
    programme_code: str,
    *,
    actor=None,
    data: bytes | None = None,
    units=None,
    may_change=None,
    dry_run: bool = False,
) -> ImportResult:
    """Validate every row, then write all of them in one transaction (or nothing).

    `units`: the units a row may name (default: all); `may_change(task)`: whether an existing task of the
    programme may be changed by this import (default: yes), else its row is refused. With `dry_run`, nothing is
    kept: every row's outcome is returned (`rows`), the valid rows being written and rolled back through the same
    code path as a real import, so the preview shows exactly what a confirmation would do; the refused rows (and
    the sub-tasks of a refused row) are left out of that run."""
    programme_code = clean(programme_code or "").upper()
    if not programme_code:
        raise TableError([RowError(None, None, None, "Cần chỉ rõ mã chương trình (--programme).")])
    table = map_table(read_rows(path, data), TASK_COLUMNS)
    programme = Programme.objects.filter(code=programme_code).first()
    plan_year = (programme.plan_year if programme else None) or date.today().year
    groups = {g.number: g for g in programme.groups.all()} if programme else {}
    if programme is None and programme_code == "NQ57":
        groups = {}  # created with its seven groups below; match numbers 1..7 against them
        nq57 = {i: n for i, n in enumerate(actions.NQ57_GROUPS, start=1)}
    else:
        nq57 = {}
    new_groups: dict[int, str] = dict(nq57)
    matcher = UnitMatcher(
        (units if units is not None else Unit.objects.all())
        .select_related("parent")
        .only("pk", "code", "name", "name_folded", "parent__name")
    )
    errors: list[RowError] = []
    parsed: dict[str, dict] = {}
    rows_of: dict[str, int] = {}
    for n, rec in table.records:
        code = clean(rec.get("code", ""))
        if not code:
            errors.append(RowError(n, TITLE["code"], "", "Thiếu mã nhiệm vụ."))
            continue
        if len(code) > 64:
            errors.append(RowError(n, TITLE["code"], code, "Mã nhiệm vụ dài quá 64 ký tự."))
            continue
        if code in rows_of:
            errors.append(RowError(n, TITLE["code"], code, f"Mã nhiệm vụ trùng với dòng {rows_of[code]}."))
            continue
        rows_of[code] = n
        row: dict = {"code": code, "n": n}
        row["title"] = clean(rec.get("title", ""))
        if not row["title"]:
            errors.append(RowError(n, TITLE["title"], "", "Thiếu nội dung nhiệm vụ."))
        lead, err = matcher.find(rec.get("lead", ""))
        if err:
            errors.append(RowError(n, TITLE["lead"], rec.get("lead", ""), err))
        row["lead"] = lead
        partners = []
        for part in [p for p in re.split(r"[;\n]", rec.get("partners", "")) if clean(p)]:
            unit, err = matcher.find(part)
            if err:
                errors.append(RowError(n, TITLE["partners"], clean(part), err))
            elif unit not in partners and unit != lead:
                partners.append(unit)
        row["partners"] = partners
        group_text = rec.get("group", "")
        row["group"] = None
        if group_text:
            number, err = _find_group(group_text, programme, groups, new_groups)
            if err:
                errors.append(RowError(n, TITLE["group"], group_text, err))
            row["group"] = number
        due_text = clean(rec.get("due", ""))
        row["due"], row["recurring"], row["due_phrase"] = None, True, due_text
        if due_text:
            try:
                d = parse_deadline(due_text, plan_year=plan_year)
                row["due"], row["recurring"] = d.due, d.recurring
            except ValueError as exc:
                errors.append(RowError(n, TITLE["due"], due_text, str(exc)))
        source = clean(rec.get("source", ""))
        row["source"] = None
        if source:
            try:
                row["source"] = parse_symbol(source).canonical
            except ValueError as exc:
                errors.append(RowError(n, TITLE["source"], source, str(exc)))
        row["started"] = _parse_date_cell(rec.get("started", ""), "started", n, errors)
        row["done"] = _parse_date_cell(rec.get("done", ""), "done", n, errors)
        if row["started"] and row["done"] and row["done"] < row["started"]:
            errors.append(
                RowError(n, TITLE["done"], rec.get("done"), "Ngày hoàn thành trước ngày bắt đầu thực hiện.")
            )
        row["output"] = clean(rec.get("output", ""))
        row["note"] = clean(rec.get("note", ""))
        row["parent"] = clean(rec.get("parent", ""))
        parsed[code] = row

    existing = (
        {
            t.code: t
            for t in Task.objects.filter(programme=programme)
            .select_related("group", "parent", "lead", "source")
            .prefetch_related("partners")
        }
        if programme
        else {}
    )
    if may_change is not None:
        for code in parsed:
            task = existing.get(code)
            if task is not None and not may_change(task):
                errors.append(
                    RowError(
                        rows_of[code],
                        TITLE["code"],
                        code,
                        "Mã nhiệm vụ đã dùng cho một nhiệm vụ ngoài phạm vi bạn quản lý; hãy dùng mã khác.",
                    )
                )
    ids = {t.pk: c for c, t in existing.items()}
    parent_of = {c: ids.get(t.parent_id, "") for c, t in existing.items()}
    for code, row in parsed.items():
        p = row["parent"]
        n = rows_of[code]
        if p and p not in parsed and p not in existing:
            errors.append(
                RowError(
                    n, TITLE["parent"], p, "Không có nhiệm vụ cha với mã này trong tệp hoặc chương trình."
                )
            )
        parent_of[code] = p
    for code, row in parsed.items():
        seen, cur = {code}, row["parent"]
        while cur:
            if cur in seen:
                errors.append(
                    RowError(
                        rows_of[code], TITLE["parent"], row["parent"], "Nhiệm vụ cha tạo thành vòng lặp."
                    )
                )
                break
            seen.add(cur)
            cur = parent_of.get(cur, "")
    errors.sort(key=lambda e: (e.row or 0, e.column or ""))
    if errors and not dry_run:
        raise TableError(errors)
    result = ImportResult(errors=errors, new_programme=programme is None)
    if dry_run:
        refused = _leave_out_refused(parsed, rows_of, errors)
        titles = {n: clean(rec.get("title", "")) for n, rec in table.records}
        codes = {n: clean(rec.get("code", "")) for n, rec in table.records}
        for n, reasons in refused.items():
            result.rows.append(RowOutcome(n, codes.get(n, ""), titles.get(n, ""), "refused", reasons=reasons))
        try:
            with transaction.atomic():
                _write(result, parsed, existing, programme, programme_code, groups, new_groups, actor)
                raise _DryRun
        except _DryRun:
            pass
        result.rows.sort(key=lambda r: r.row)
        return result
    _write(result, parsed, existing, programme, programme_code, groups, new_groups, actor)
    return result


def _leave_out_refused(parsed: dict, rows_of: dict, errors: list[RowError]) -> dict[int, list[str]]:
    """Drop from `parsed` the rows with errors and, in turn, the rows whose parent was dropped. Returns the reasons
    by row number."""
    refused: dict[int, list[str]] = {}
    for e in errors:
        if e.row is not None:
            refused.setdefault(e.row, []).append(str(RowError(None, e.column, e.value, e.reason)))
    dropped = {c for c, n in rows_of.items() if n in refused}
    changed = True
    while changed:
        changed = False
        for code, row in parsed.items():
            if code not in dropped and row["parent"] in dropped:
                dropped.add(code)
                refused.setdefault(rows_of[code], []).append(
                    f"Nhiệm vụ cha {row['parent']} (dòng {rows_of[row['parent']]}) bị từ chối."
                )
                changed = True
    for code in dropped:
        parsed.pop(code, None)
    return refused


def _write(result, parsed, existing, programme, programme_code, groups, new_groups, actor) -> None:
    """Write the validated rows, all in one transaction, noting each row's outcome in `result`."""
    # The kept counts are dropped once for the whole file, not once per changed row.
    with transaction.atomic(), snapshots.batched():
        if programme is None:
            programme = actions.ensure_programme(programme_code, actor=actor)
            groups = {g.number: g for g in programme.groups.all()}
        for number, name in new_groups.items():
            if number not in groups:
                groups[number] = TaskGroup.objects.create(programme=programme, number=number, name=name)
        result.programme = programme
        docs: dict[str, object] = {}
        # Parents first, so that a row may name a parent from a later row.
        order, placed = [], set()

        def place(c: str) -> None:
            if c in placed or c not in parsed:
                return
            placed.add(c)
            place(parsed[c]["parent"])
            order.append(c)

        for c in parsed:
            place(c)
        for row in parsed.values():
            if row["source"] and row["source"] not in docs:
                docs[row["source"]] = register_document(row["source"], actor=actor)

        def fields_of(row: dict) -> dict:
            fields = {
                "title": row["title"],
                "group": groups.get(row["group"]) if row["group"] else None,
                "lead": row["lead"],
                "due": row["due"],
                "due_phrase": row["due_phrase"],
                "recurring": row["recurring"],
                "output": row["output"],
                "source": docs.get(row["source"]) if row["source"] else None,
                "note": row["note"],
                "started": row["started"],
                "done": row["done"],
            }
            if fields["done"] and not fields["started"]:
                fields["started"] = fields["done"]
            if fields["done"]:
                fields["progress"] = 100
            return fields

        # New tasks in bulk (a whole plan of tens of thousands of rows), parents resolved among them.
        new_specs = [
            {
                "code": code,
                **fields_of(parsed[code]),
                "partners": parsed[code]["partners"],
                "parent_code": parsed[code]["parent"] or None,
            }
            for code in order
            if code not in existing
        ]
        if new_specs:
            existing.update(actions.create_tasks(programme, new_specs, actor=actor, action="import"))
            result.created = len(new_specs)
        created = {s["code"] for s in new_specs}
        for code in order:
            result.codes.append(code)
            if code in created:
                row = parsed[code]
                result.rows.append(RowOutcome(row["n"], code, row["title"], "create"))
                continue
            row = parsed[code]
            task = existing[code]
            fields = fields_of(row)
            fields["parent"] = existing.get(row["parent"]) if row["parent"] else None
            # An empty date cell never erases a date recorded since (by the reporting cycle):
            # nothing the office did in dondoc is lost by importing its old file again.
            if not row["started"] and task.started is not None:
                fields["started"] = task.started
            if not row["done"] and task.done is not None:
                fields["done"] = task.done
            if not fields["done"]:
                fields.pop("progress", None)
            elif task.done is not None:
                fields["progress"] = task.progress
            changed = actions.update_task(
                task, actor=actor, partners=row["partners"], action="import", **fields
            )
            if changed:
                result.updated += 1
            else:
                result.unchanged += 1
            result.rows.append(
                RowOutcome(
                    row["n"], code, row["title"], "update" if changed else "unchanged", changes=changed
                )
            )


def confirm_import(pending, *, actor, units, may_change) -> ImportResult:
    """Import a kept plan for good: read and validated again in full (nothing from its preview is trusted), all or
    nothing; the kept file goes with the import. Raises TableError (nothing written) when any row is refused, and
    ValueError when the kept file is stale or altered."""
    data = bytes(pending.data)
    if hashlib.sha256(data).hexdigest() != pending.digest:
        raise ValueError("Tệp đã lưu không còn nguyên vẹn; hãy tải lên lại.")
    if pending.created_at < timezone.now() - actions.IMPORT_KEPT_FOR:
        raise ValueError("Tệp đã chờ quá một ngày; hãy tải lên lại để xem trước.")
    with transaction.atomic():
        result = import_tasks(
            pending.name,
            pending.programme_code,
            actor=actor,
            data=data,
            units=units,
            may_change=may_change,
        )
        actions.discard_import(pending)
    return result
