"""Writes of the reporting cycle, one module per concern; each owns its transaction, its audit record and its
notifications. Callers use `from dondoc.reporting import actions` and the names below."""

from ..errors import CONFLICT_MESSAGE, ReportingError, VersionConflict
from .notifications import mark_read, notify, office_people, people_of
from .obstacles import raise_obstacle, respond_obstacle
from .periods import (
    create_schedule,
    ensure_all_periods,
    ensure_periods,
    lock_period,
    set_workday,
    unlock_period,
    update_schedule,
)
from .reminders import PlannedReminder, plan_reminders, send_reminders
from .reports import (
    EVIDENCE_KINDS,
    ITEM_FIELDS,
    ItemInput,
    add_contribution,
    check_evidence_file,
    report_for,
    save_and_submit,
    save_draft,
    submit_report,
)
from .review import accept_report, return_report

__all__ = [
    "EVIDENCE_KINDS",
    "CONFLICT_MESSAGE",
    "ITEM_FIELDS",
    "ItemInput",
    "PlannedReminder",
    "ReportingError",
    "VersionConflict",
    "accept_report",
    "add_contribution",
    "check_evidence_file",
    "create_schedule",
    "ensure_all_periods",
    "ensure_periods",
    "lock_period",
    "unlock_period",
    "update_schedule",
    "mark_read",
    "notify",
    "office_people",
    "people_of",
    "plan_reminders",
    "raise_obstacle",
    "report_for",
    "respond_obstacle",
    "return_report",
    "save_and_submit",
    "save_draft",
    "send_reminders",
    "set_workday",
    "submit_report",
]
