"""Shared API schemas."""

from datetime import date

from ninja import Schema


class SummaryOut(Schema):
    """The status counts of shared/contract.md: the same object as `summary --json`."""

    unit: str
    programme: str | None
    as_of: date
    due_by: date | None
    total: int
    done: int
    on_time: int
    late: int
    open: int
    in_term: int
    overdue: int
    started: int
    not_started: int
    recurring: int
    sentence: str


class Error(Schema):
    detail: str


class UnitOut(Schema):
    code: str
    name: str
    kind: str
    parent: str | None


class TaskOut(Schema):
    id: int
    programme: str
    code: str
    title: str
    group: int | None
    parent: str | None
    lead: str
    partners: list[str]
    due: date | None
    due_in_force: date | None
    due_phrase: str
    recurring: bool
    started: date | None
    done: date | None
    status: str
    output: str
    source: str | None
    note: str


class TaskPage(Schema):
    count: int
    page: int
    pages: int
    items: list[TaskOut]
