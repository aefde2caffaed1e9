"""Reads of committees, always through a Scope; a member's tasks through the one status engine."""

from __future__ import annotations

from datetime import date

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.http import Http404

from dondoc.tasks import status
from dondoc.tasks.models import Task
from dondoc.units.scope import Scope

from .models import Committee, DirectiveLink, Meeting, Member


def visible_committees(scope: Scope) -> QuerySet[Committee]:
    """Committees of the units the scope reads as office or leader (a reporter reads none: only the member's
    own view, see memberships_of)."""
    if scope.is_admin:
        return Committee.objects.all()
    q = Q(pk__in=[])
    for path in scope.read_paths:
        q |= Q(unit__path__startswith=path)
    return Committee.objects.filter(q)


def get_committee(scope: Scope, pk: int) -> Committee:
    committee = (
        visible_committees(scope).select_related("unit", "programme", "standing_unit").filter(pk=pk).first()
    )
    if committee is None:
        raise Http404("Không tìm thấy Ban Chỉ đạo.")
    return committee


def get_meeting(scope: Scope, pk: int) -> Meeting:
    meeting = (
        Meeting.objects.filter(committee__in=visible_committees(scope))
        .select_related("committee__unit", "committee__programme", "chair__user", "conclusion", "previous")
        .filter(pk=pk)
        .first()
    )
    if meeting is None:
        raise Http404("Không tìm thấy phiên họp.")
    return meeting


def memberships_of(user) -> QuerySet[Member]:
    """The committees a person sits on, whatever their role in the unit tree."""
    if not getattr(user, "is_authenticated", False):
        return Member.objects.none()
    return Member.objects.filter(user=user, committee__is_active=True).select_related(
        "committee__unit", "committee__programme"
    )


def get_member(scope: Scope, user, committee_pk: int, member_pk: int) -> Member:
    """A member's view is open to the member, and to the office and leaders who read the committee."""
    member = (
        Member.objects.select_related("committee__unit", "committee__programme", "user", "unit")
        .filter(pk=member_pk, committee_id=committee_pk)
        .first()
    )
    if member is None or not (member.user_id == getattr(user, "pk", None) or _reads(scope, member.committee)):
        raise Http404("Không tìm thấy thành viên.")
    return member


def _reads(scope: Scope, committee: Committee) -> bool:
    return scope.is_admin or any(committee.unit.path.startswith(p) for p in scope.read_paths)


def committee_tasks(committee: Committee) -> QuerySet[Task]:
    """Every task of the committee's programme led within its unit's subtree."""
    qs = Task.objects.filter(lead__path__startswith=committee.unit.path)
    if committee.programme_id:
        qs = qs.filter(programme_id=committee.programme_id)
    return qs


def member_tasks(member: Member, groups=None, units=None) -> QuerySet[Task]:
    """The tasks a member oversees: those of their task groups and those led within their units' subtrees;
    the chair oversees the whole. (`groups`, `units`: the member's, when already read.)"""
    qs = committee_tasks(member.committee)
    if member.sees_all:
        return qs
    q = Q(pk__in=[])
    group_ids = [g.pk for g in (member.groups.all() if groups is None else groups)]
    if group_ids:
        q |= Q(group_id__in=group_ids)
    for unit in member.units.all() if units is None else units:
        q |= Q(lead__path__startswith=unit.path)
    return qs.filter(q)


# Late first: open and overdue, open within the deadline, then the done ones, then the recurring.
_RANK = Case(
    When(status=status.OVERDUE, then=Value(0)),
    When(status=status.IN_TERM, then=Value(1)),
    When(status=status.RECURRING, then=Value(2)),
    When(status=status.LATE, then=Value(3)),
    default=Value(4),
    output_field=IntegerField(),
)


def late_first(qs: QuerySet[Task], as_of: date) -> QuerySet[Task]:
    """The tasks with their status as of D, the overdue ones first, each bucket by deadline in force."""
    return (
        status.with_status(qs, as_of)
        .annotate(rank=_RANK)
        .select_related("lead", "group")
        .order_by("rank", "due_now", "code")
    )


def meeting_links(meeting: Meeting) -> QuerySet[DirectiveLink]:
    return meeting.directives.select_related("task__lead").order_by("position", "id")
