"""The audit trail is append-only: sealed into a hash chain after each commit, refused edits and deletions in
the code and in the database, and any edit or removal made behind the application's back is named by
verify_audit."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from dondoc.audit import chain, context
from dondoc.audit.actions import record
from dondoc.audit.models import AuditEntry
from dondoc.tasks.actions import create_task, update_task

TABLE = AuditEntry._meta.db_table


def _write_some(world, n=3):
    tasks = [
        create_task(world.programme, code=f"T{i}", title=f"Nhiệm vụ {i}", lead=world.A, recurring=True)
        for i in range(n)
    ]
    update_task(tasks[0], actor=world.office, title="Nhiệm vụ đã sửa")
    return tasks


def _verify(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("verify_audit", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue(), err.getvalue()


def _raw(sql, params=()):
    with connection.cursor() as cur:
        cur.execute(sql, params)


@pytest.fixture
def unguarded():
    """The triggers removed for one test, as a database administrator could: what the chain must catch."""
    chain.remove_guards()
    yield
    chain.install_guards()


def test_entries_are_sealed_after_commit_in_a_gapless_chain(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _write_some(world)
    rows = list(AuditEntry.objects.order_by("seq").values("seq", "prev_hash", "hash"))
    assert [r["seq"] for r in rows] == list(range(1, len(rows) + 1))
    assert rows[0]["prev_hash"] == ""
    assert all(b["prev_hash"] == a["hash"] for a, b in zip(rows, rows[1:], strict=False))
    assert all(len(r["hash"]) == 64 for r in rows)
    code, out, _ = _verify()
    assert code == 0 and f"{len(rows)} bản ghi đã kiểm tra" in out


def test_unsealed_entries_are_sealed_by_verify_audit(world):
    _write_some(world)  # no commit inside the test transaction: nothing sealed yet
    assert AuditEntry.objects.filter(seq__isnull=True).count() == AuditEntry.objects.count() > 0
    code, out, _ = _verify()
    assert code == 0 and "Đã niêm phong" in out
    assert not AuditEntry.objects.filter(seq__isnull=True).exists()


def test_origin_is_recorded(world):
    with context.origin("10.1.2.3", "Mozilla/5.0 (Điện thoại)"):
        entry = record(actor=world.office, action="update", obj=world.A)
    assert (entry.ip, entry.user_agent) == ("10.1.2.3", "Mozilla/5.0 (Điện thoại)")
    outside = record(actor=None, action="update", obj=world.A)
    assert outside.ip is None and outside.actor_name == "hệ thống"


def test_the_code_refuses_to_edit_or_delete(world):
    entry = record(actor=world.office, action="update", obj=world.A)
    entry.note = "sửa lén"
    with pytest.raises(ValueError, match="không được sửa"):
        entry.save()
    with pytest.raises(ValueError, match="không được xóa"):
        entry.delete()
    with pytest.raises(ValueError, match="không được sửa"):
        AuditEntry.objects.filter(pk=entry.pk).update(note="x")
    with pytest.raises(ValueError, match="không được xóa"):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get(pk=entry.pk).note == ""


def test_the_database_refuses_to_edit_or_delete(world):
    chain.seal()
    entry = record(actor=world.office, action="update", obj=world.A)
    chain.seal()
    for sql in (
        f"UPDATE {TABLE} SET note = 'sửa' WHERE id = %s",
        f"UPDATE {TABLE} SET hash = 'x' WHERE id = %s",
        f"UPDATE {TABLE} SET seq = NULL, hash = '' WHERE id = %s",
        f"DELETE FROM {TABLE} WHERE id = %s",
    ):
        with pytest.raises(DatabaseError), transaction.atomic():
            _raw(sql, [entry.pk])
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError), transaction.atomic():
            _raw(f"TRUNCATE {TABLE} CASCADE")
    assert AuditEntry.objects.filter(pk=entry.pk, note="").exists()


def test_deleting_a_unit_or_a_user_with_a_history_is_refused(world):
    from django.db.models import ProtectedError

    record(actor=world.other, action="update", obj=world.X, unit=world.X)
    with pytest.raises(ProtectedError):
        world.X.delete()
    with pytest.raises(ProtectedError):
        world.other.delete()


def test_an_edit_behind_the_applications_back_is_named(world, unguarded):
    _write_some(world)
    chain.seal()
    victim = AuditEntry.objects.order_by("seq")[1]
    _raw(f"UPDATE {TABLE} SET note = 'đã sửa lén' WHERE id = %s", [victim.pk])
    code, _, err = _verify()
    assert code == 1
    assert f"bản ghi số {victim.seq} (id {victim.pk}" in err and "đã bị sửa" in err


def test_a_removal_behind_the_applications_back_is_named(world, unguarded):
    _write_some(world)
    chain.seal()
    victim = AuditEntry.objects.order_by("seq")[1]
    _raw(f"DELETE FROM {TABLE} WHERE id = %s", [victim.pk])
    code, _, err = _verify()
    assert code == 1 and f"thiếu bản ghi số {victim.seq}" in err


def test_a_removed_tail_is_caught_against_the_head_noted_before(world, unguarded):
    _write_some(world)
    code, out, _ = _verify()
    head = out.strip().splitlines()[-1].split(": ", 1)[1]
    last = AuditEntry.objects.order_by("-seq").first()
    _raw(f"DELETE FROM {TABLE} WHERE id = %s", [last.pk])
    assert _verify("--no-seal")[0] == 0  # the rest of the chain holds on its own…
    code, _, err = _verify("--no-seal", "--expect-head", head)
    assert code == 1 and "các bản ghi cuối đã bị xóa" in err  # …but not against the head noted before


def test_a_rewritten_entry_with_a_recomputed_hash_breaks_the_next_link(world, unguarded):
    _write_some(world)
    chain.seal()
    first, second = AuditEntry.objects.order_by("seq")[:2]
    row = AuditEntry.objects.filter(pk=first.pk).values(*chain.CONTENT, "seq", "prev_hash").get()
    row["note"] = "viết lại cả mã băm"
    _raw(f"UPDATE {TABLE} SET note = %s, hash = %s WHERE id = %s", [row["note"], chain.digest(row), first.pk])
    code, _, err = _verify()
    assert code == 1 and f"bản ghi số {second.seq}" in err and "không nối tiếp" in err


def test_bulk_entries_of_an_import_are_sealed_too(world, django_capture_on_commit_callbacks):
    from dondoc.audit.actions import record_many

    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            record_many(
                actor=world.office,
                action="import",
                items=[
                    (world.A, {"x": [None, i]}, world.A) for i in range(250)
                ],  # past the COPY threshold too
            )
    assert AuditEntry.objects.filter(seq__isnull=True).count() == 0
    assert _verify()[0] == 0


@pytest.mark.django_db(transaction=True)
def test_writers_in_parallel_leave_one_unbroken_chain():
    """Eight writers at once, each committing its own changes: every entry ends up sealed, once, in one chain."""
    if connection.vendor != "postgresql":
        pytest.skip("parallel writers need a server database")
    import threading

    from django.db import connections

    from dondoc.tasks.actions import ensure_programme
    from dondoc.units.models import Unit

    programme = ensure_programme("NQ57")
    unit = Unit.objects.create(code="U", name="Đơn vị")
    errors = []

    def writer(n: int) -> None:
        try:
            for i in range(10):
                create_task(programme, code=f"W{n}-{i}", title="Việc", lead=unit, recurring=True)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert AuditEntry.objects.filter(seq__isnull=True).count() == 0
    seqs = list(AuditEntry.objects.order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(1, len(seqs) + 1)) and len(seqs) >= 80
    assert chain.verify().ok
