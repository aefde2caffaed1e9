"""Reminders (đôn đốc): what is due is sent once a day, by e-mail in the background and in the app; a failed
e-mail is retried and logged, never lost."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core import mail
from django.core.management import call_command

from dondoc.reporting import actions, jobs
from dondoc.reporting.models import Notification, Reminder

from .conftest import item


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def run(*args) -> str:
    out = io.StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


def test_sent_once_a_day(cycle, django_capture_on_commit_callbacks):
    w = cycle.world
    # 16/06/2025: T06 is due on 18/06 (2 working days) and A has not reported; T05's deadline has passed.
    with django_capture_on_commit_callbacks(execute=True):
        out = run("--as-of", "16/06/2025", "--days", "3")
    assert "Báo cáo sắp đến hạn: 1" in out and "Báo cáo quá hạn chưa nộp: 1" in out
    kinds = sorted(Reminder.objects.values_list("kind", flat=True))
    assert kinds == ["digest", "report_due", "report_missing"]
    assert all(r.status == "sent" and r.attempts == 1 for r in Reminder.objects.all())
    assert {m.to[0] for m in mail.outbox} == {"reporter@example.vn", "office@example.vn"}
    assert Notification.objects.filter(user=w.reporter).count() == 2
    sent = len(mail.outbox)
    # the second run the same day sends nothing new
    with django_capture_on_commit_callbacks(execute=True):
        again = run("--as-of", "16/06/2025", "--days", "3")
    assert "Tổng: 0" in again
    assert len(mail.outbox) == sent and Reminder.objects.count() == 3
    # once A has reported, nobody is reminded about T06 the next day
    report = actions.save_draft(
        actions.report_for(cycle.period, w.A),
        [item(cycle.t2, state="in_progress")],
        actor=w.reporter,
        version=0,
    )
    actions.submit_report(report, actor=w.reporter)
    counts = actions.send_reminders(date(2025, 6, 17), days=3, dry_run=True)
    assert counts["report_due"] == 0 and counts["report_missing"] == 1


def test_dry_run_writes_nothing(cycle):
    out = run("--as-of", "16/06/2025", "--dry-run")
    assert "Sẽ gửi (chạy thử)" in out and "Báo cáo sắp đến hạn: 1" in out
    assert not Reminder.objects.exists() and not Notification.objects.exists() and not mail.outbox


def test_tasks_due_and_overdue(cycle):
    # 28/06: t1 (due 30/06) is due within 3 days for A's people.
    counts = actions.send_reminders(date(2025, 6, 28), days=3)
    assert counts["task_due"] == 1
    r = Reminder.objects.get(kind="task_due")
    assert r.recipient == cycle.world.reporter and "1.01" in r.body
    counts = actions.send_reminders(date(2025, 7, 2), days=3)
    assert counts["task_overdue"] == 1


def test_failed_send_is_retried_and_logged(cycle, monkeypatch, caplog, django_capture_on_commit_callbacks):
    calls = {"n": 0}
    real = jobs.send_mail

    def flaky(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 1:
            raise ConnectionRefusedError("SMTP không kết nối được")
        return real(*args, **kwargs)

    monkeypatch.setattr(jobs, "send_mail", flaky)
    with django_capture_on_commit_callbacks(execute=True):
        actions.send_reminders(date(2025, 6, 16), days=3)
    failed_once = Reminder.objects.get(attempts=2)
    assert failed_once.status == "sent" and "SMTP không kết nối được" in failed_once.last_error
    assert "send failed" in caplog.text


def test_always_failing_send_is_kept(cycle, monkeypatch, django_capture_on_commit_callbacks):
    def broken(*args, **kwargs):
        raise OSError("hỏng")

    monkeypatch.setattr(jobs, "send_mail", broken)
    with django_capture_on_commit_callbacks(execute=True):
        actions.send_reminders(date(2025, 6, 16), days=3)
    rows = list(Reminder.objects.all())
    assert rows and all(r.status == "failed" and r.attempts == jobs.MAX_ATTEMPTS for r in rows)
    assert all("hỏng" in r.last_error for r in rows)
    assert not mail.outbox


def test_pending_reminder_is_picked_up_again(cycle, monkeypatch, django_capture_on_commit_callbacks):
    """A send that failed once and was not retried yet (worker down) is re-queued by the next run."""
    monkeypatch.setattr(jobs, "_enqueue", lambda *a, **k: None)  # the worker is down
    actions.send_reminders(date(2025, 6, 16), days=3)
    Reminder.objects.update(attempts=1, last_error="timeout")
    monkeypatch.undo()
    cycle.clock(date(2025, 6, 16))
    with django_capture_on_commit_callbacks(execute=True):
        counts = actions.send_reminders(date(2025, 6, 16), days=3)
    assert counts["retried"] == 3 and counts["report_due"] == 0
    assert set(Reminder.objects.values_list("status", flat=True)) == {"sent"}


def test_unread_count_and_bell(cycle):
    w = cycle.world
    actions.notify([w.reporter], "Có việc mới", "/bao-cao/")
    page = w.client(w.reporter).get("/nhiem-vu/").content.decode()
    assert 'class="badge">1<' in page
    w.client(w.reporter).get("/bao-cao/thong-bao/")
    assert Notification.objects.get().read_at is not None
