"""Background work (django-tasks): delivering reminder e-mails. Run the worker with `manage.py db_worker`.

A failed send is never lost: the Reminder row keeps the attempts and the last error, the task is queued
again (later, where the backend can defer) until MAX_ATTEMPTS, and `send_reminders` picks up any reminder
still pending or failed below that limit on its next run.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .models import Reminder

log = logging.getLogger("dondoc.reporting")

MAX_ATTEMPTS = 5
RETRY_DELAY = timedelta(minutes=10)


def enqueue_delivery(reminder_id: int) -> None:
    """Queue the e-mail once the current transaction has committed."""
    transaction.on_commit(lambda: _enqueue(reminder_id))


def _enqueue(reminder_id: int, later: bool = False) -> None:
    t = deliver_reminder
    if later and t.get_backend().supports_defer:
        t = t.using(run_after=timezone.now() + RETRY_DELAY)
    t.enqueue(reminder_id)


@task()
def deliver_reminder(reminder_id: int) -> str:
    """Send one reminder by e-mail; record the outcome; queue a retry after a failure."""
    with transaction.atomic():
        r = (
            Reminder.objects.select_for_update(of=("self",))
            .select_related("recipient")
            .filter(pk=reminder_id)
            .first()
        )
        if r is None or r.status == Reminder.Status.SENT:
            return "skipped"
        r.attempts += 1
        try:
            if r.recipient.email:
                send_mail(r.subject, r.body, settings.DEFAULT_FROM_EMAIL, [r.recipient.email])
        except Exception as exc:  # any transport error: keep it, retry later
            r.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            r.status = Reminder.Status.FAILED if r.attempts >= MAX_ATTEMPTS else Reminder.Status.PENDING
            r.save(update_fields=["attempts", "last_error", "status"])
            log.warning("reminder %s: send failed (attempt %s): %s", r.pk, r.attempts, r.last_error)
            retry = r.status == Reminder.Status.PENDING
        else:
            r.status = Reminder.Status.SENT
            r.sent_at = timezone.now()
            r.save(update_fields=["attempts", "status", "sent_at"])
            log.info("reminder %s sent to %s", r.pk, r.recipient.email or r.recipient.username)
            return "sent"
    if retry:
        _enqueue(reminder_id, later=True)
    return "failed"
