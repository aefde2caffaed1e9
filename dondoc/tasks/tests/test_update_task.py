"""update_task applies every field an update can carry, or refuses it with a message: nothing silently dropped.

A change of programme moves the task (and its sub-tasks), keeps its dates, extensions and history, and the counts
of both programmes follow it."""

from datetime import date

import pytest

from dondoc.audit.actions import history
from dondoc.documents.actions import register_document
from dondoc.tasks import actions, status
from dondoc.tasks.models import Programme, Task, TaskGroup


@pytest.fixture
def setup(world):
    p = world.programme
    other = actions.ensure_programme("DA06", name="Đề án 06")
    TaskGroup.objects.create(programme=other, number=1, name="Nhóm một của Đề án 06")
    parent = actions.create_task(p, code="P.1", title="Nhiệm vụ chung", lead=world.P, due=date(2025, 12, 31))
    task = actions.create_task(
        p,
        code="1.1",
        title="Số hóa hồ sơ",
        lead=world.A,
        due=date(2025, 9, 30),
        group=p.groups.get(number=1),
        started=date(2025, 3, 1),
    )
    return world, p, other, parent, task


# The value each updatable field is sent with (a change from the task above).
def _values(world, p, other, parent):
    return {
        "title": "Số hóa toàn bộ hồ sơ",
        "group": p.groups.get(number=2),
        "parent": parent,
        "lead": world.B,
        "due": date(2025, 10, 31),
        "due_phrase": "tháng 10/2025",
        "recurring": True,
        "output": "Kho dữ liệu",
        "source": register_document("366-KH/TU"),
        "note": "Ghi chú mới",
        "started": date(2025, 2, 1),
        "done": date(2025, 8, 1),
        "progress": 100,
        "code": "1.1a",
        "programme": other,
    }


def test_every_field_of_a_task_is_applied_or_refused(setup):
    world, p, other, parent, task = setup
    values = _values(world, p, other, parent)
    names = {f.name for f in Task._meta.get_fields() if not f.auto_created or f.concrete}
    names |= {"id"}
    handled = set(actions.UPDATABLE) | set(actions.NOT_UPDATABLE) | {"partners"}
    assert names - handled == set(), "a new Task field must be updatable or refused in update_task"
    for name in sorted(names - {"partners"}):
        task = Task.objects.get(pk=task.pk)
        entries = history(task).count()
        if name in actions.NOT_UPDATABLE:
            with pytest.raises(ValueError) as exc:
                actions.update_task(task, actor=world.office, **{name: True})
            assert str(exc.value)  # a message, in Vietnamese
            assert history(task).count() == entries
            continue
        fields = {name: values[name]}
        if name == "programme":
            fields["parent"] = None  # a sub-task follows its parent's programme: detach it in the same update
        changes = actions.update_task(task, actor=world.office, **fields)
        assert name in changes, name
        fresh = Task.objects.get(pk=task.pk)
        assert getattr(fresh, name) == values[name], name
        assert history(fresh).count() == entries + 1
    task = Task.objects.get(pk=task.pk)
    changes = actions.update_task(task, actor=world.office, partners=[world.C])
    assert changes["partners"] == [[], ["C"]]
    assert list(task.partners.values_list("code", flat=True)) == ["C"]


def test_an_unknown_field_is_refused_with_its_name(setup):
    world, p, other, parent, task = setup
    with pytest.raises(ValueError, match="programm"):
        actions.update_task(task, programm=other)
    assert Task.objects.get(pk=task.pk).programme == p


def test_a_change_of_programme_keeps_the_status_history_and_moves_the_sub_tasks(setup):
    world, p, other, parent, task = setup
    child = actions.create_task(
        p, code="1.1.1", title="Phần của Sở Y tế", lead=world.B, due=date(2025, 9, 30), parent=task
    )
    actions.extend_deadline(task, date(2025, 12, 31), "Thiếu kinh phí", granted_on=date(2025, 9, 1))
    actions.complete_task(task, date(2025, 11, 15), actor=world.office)
    task = Task.objects.get(pk=task.pk)
    before = status.count(Task.objects.filter(pk=task.pk), date(2025, 11, 30))

    changes = actions.update_task(task, actor=world.office, programme=other)

    task = Task.objects.get(pk=task.pk)
    assert changes["programme"] == [str(p), str(other)]
    # the group of the same number in the new programme, recorded in the history too
    assert task.group == other.groups.get(number=1) and "group" in changes
    assert (task.started, task.done, task.extended) == (date(2025, 3, 1), date(2025, 11, 15), True)
    assert task.extensions.count() == 1
    assert status.count(Task.objects.filter(pk=task.pk), date(2025, 11, 30)) == before
    assert [h.action for h in history(task)][:3] == ["update", "complete", "extend_deadline"]
    child = Task.objects.get(pk=child.pk)
    assert child.programme == other and child.parent == task
    assert history(child).first().changes["programme"] == [str(p), str(other)]
    assert (
        status.count(Task.objects.filter(programme=p, pk__in=[task.pk, child.pk]), date(2025, 11, 30)).total
        == 0
    )


def test_a_change_of_programme_is_refused_where_it_would_break_the_catalogue(setup):
    world, p, other, parent, task = setup
    sub = actions.create_task(
        p, code="P.1.1", title="Phần", lead=world.A, due=date(2025, 9, 30), parent=parent
    )
    with pytest.raises(ValueError, match="nhiệm vụ cha"):
        actions.update_task(sub, programme=other)
    actions.create_task(other, code="1.1", title="Trùng mã", lead=world.A, due=date(2025, 9, 30))
    with pytest.raises(ValueError, match="đã có nhiệm vụ mã 1.1"):
        actions.update_task(task, programme=other)
    with pytest.raises(ValueError, match="không thuộc chương trình"):
        actions.update_task(task, group=other.groups.get(number=1))
    with pytest.raises(ValueError, match="thời hạn"):
        actions.update_task(task, due=None)
    with pytest.raises(ValueError, match="chính nhiệm vụ"):
        actions.update_task(parent, parent=sub)
    assert Task.objects.get(pk=task.pk).programme == p
    assert Programme.objects.get(pk=other.pk).tasks.count() == 1
