"""Pages of the steering committees: committees and their members, meetings, the review of draft tasks read from
a conclusion, and each member's view of the tasks they oversee. Thin: reads from selectors, writes from actions."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dondoc.tasks import status
from dondoc.tasks.models import Task
from dondoc.units.fields import unit_choices
from dondoc.units.models import Unit
from dondoc.units.scope import Scope
from dondoc.vn import nfc
from dondoc.vn.deadlines import RECURRENCES
from dondoc.vn.fields import VNDateField

from . import actions, selectors
from .drafting import make_drafts, read_source
from .forms import CommitteeForm, DraftForm, MeetingForm, MemberForm, SourceForm
from .models import Committee, Meeting, Member


def _managed(request, committee: Committee) -> Scope:
    scope = Scope.for_user(request.user)
    if not scope.manages(committee.unit):
        raise Http404
    return scope


def _as_of(request):
    value = request.GET.get("as_of")
    if value:
        try:
            return VNDateField().clean(value)
        except ValidationError:  # a bad date in the address falls back to today
            pass
    return status.today()


# --- committees ------------------------------------------------------------------------------------------------


@login_required
def home(request):
    """The committees the user reads (office, leaders) and those they sit on."""
    scope = Scope.for_user(request.user)
    committees = list(
        selectors.visible_committees(scope)
        .select_related("unit", "programme")
        .annotate(n_members=Count("members", distinct=True), n_meetings=Count("meetings", distinct=True))
    )
    mine = list(selectors.memberships_of(request.user))
    return render(
        request,
        "committees/home.html",
        {"committees": committees, "mine": mine, "can_create": scope.is_office},
    )


@login_required
def committee_create(request):
    scope = Scope.for_user(request.user)
    if not scope.is_office:
        raise Http404
    units = scope.managed_units().filter(is_active=True)
    form = CommitteeForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            committee = actions.create_committee(
                d["unit"],
                d["name"],
                programme=d["programme"],
                standing_unit=d["standing_unit"],
                founding_symbol=d["founding_symbol"],
                founding_date=d["founding_date"],
                actor=request.user,
            )
        except ValueError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Đã lập %(name)s.") % {"name": committee.name})
            return redirect("committees:detail", pk=committee.pk)
    return render(request, "committees/committee_form.html", {"form": form, "committee": None})


@login_required
def committee_edit(request, pk: int):
    scope = Scope.for_user(request.user)
    committee = selectors.get_committee(scope, pk)
    _managed(request, committee)
    units = committee.unit.subtree().filter(is_active=True)
    initial = {
        "unit": committee.unit.code,
        "name": committee.name,
        "programme": committee.programme.code if committee.programme else None,
        "standing_unit": committee.standing_unit.code if committee.standing_unit else "",
        "founding_symbol": committee.founding_document.symbol if committee.founding_document else "",
    }
    form = CommitteeForm(request.POST or None, units=units, initial=initial)
    form.fields["unit"].disabled = True
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        founding = committee.founding_document
        if d["founding_symbol"] and (founding is None or founding.symbol != d["founding_symbol"]):
            from dondoc.documents.actions import register_document

            founding = register_document(
                d["founding_symbol"], actor=request.user, issued_on=d["founding_date"], unit=committee.unit
            )
        try:
            actions.update_committee(
                committee,
                actor=request.user,
                name=d["name"],
                programme=d["programme"],
                standing_unit=d["standing_unit"],
                founding_document=founding,
            )
        except ValueError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Đã lưu."))
            return redirect("committees:detail", pk=committee.pk)
    return render(request, "committees/committee_form.html", {"form": form, "committee": committee})


@login_required
def committee_detail(request, pk: int):
    """A committee: its figures, members with what they oversee, meetings."""
    scope = Scope.for_user(request.user)
    committee = selectors.get_committee(scope, pk)
    as_of = _as_of(request)
    members = list(
        committee.members.select_related("user", "unit").prefetch_related(
            "groups", Prefetch("units", queryset=Unit.objects.order_by("name_sort"))
        )
    )
    meetings = list(
        committee.meetings.select_related("conclusion", "chair__user").annotate(n_tasks=Count("directives"))
    )
    counts = status.count(selectors.committee_tasks(committee), as_of)
    mine = next((m for m in members if m.user_id == request.user.pk), None)
    return render(
        request,
        "committees/committee.html",
        {
            "committee": committee,
            "members": members,
            "meetings": meetings,
            "counts": counts,
            "as_of": as_of,
            "mine": mine,
            "can_manage": scope.manages(committee.unit),
        },
    )


# --- members ---------------------------------------------------------------------------------------------------


@login_required
def member_add(request, pk: int):
    scope = Scope.for_user(request.user)
    committee = selectors.get_committee(scope, pk)
    _managed(request, committee)
    form = MemberForm(request.POST or None, committee=committee)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            actions.add_member(
                committee,
                d["user"],
                d["role"],
                position=d["position"],
                unit=d["unit"],
                groups=d["groups"],
                units=d["units"],
                order=d["order"],
                actor=request.user,
            )
        except ValueError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("Đã thêm %(user)s vào %(name)s.")
                % {"user": d["user"].get_full_name(), "name": committee.name},
            )
            return redirect("committees:detail", pk=committee.pk)
    return render(
        request, "committees/member_form.html", {"form": form, "committee": committee, "member": None}
    )


@login_required
def member_edit(request, pk: int, mid: int):
    scope = Scope.for_user(request.user)
    committee = selectors.get_committee(scope, pk)
    _managed(request, committee)
    member = committee.members.filter(pk=mid).select_related("user", "unit").first()
    if member is None:
        raise Http404
    initial = {
        "user": member.user,
        "role": member.role,
        "position": member.position,
        "unit": member.unit.code if member.unit else "",
        "groups": list(member.groups.all()),
        "units": [u.code for u in member.units.all()],
        "order": member.order,
    }
    form = MemberForm(request.POST or None, committee=committee, editing=True, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            actions.update_member(
                member,
                actor=request.user,
                role=d["role"],
                position=d["position"],
                unit=d["unit"],
                order=d["order"] if d["order"] is not None else member.order,
                groups=d["groups"],
                units=d["units"],
            )
        except ValueError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Đã lưu."))
            return redirect("committees:detail", pk=committee.pk)
    return render(
        request, "committees/member_form.html", {"form": form, "committee": committee, "member": member}
    )


@login_required
@require_POST
def member_remove(request, pk: int, mid: int):
    scope = Scope.for_user(request.user)
    committee = selectors.get_committee(scope, pk)
    _managed(request, committee)
    member = committee.members.filter(pk=mid).select_related("user").first()
    if member is None:
        raise Http404
    actions.remove_member(member, actor=request.user)
    messages.success(
        request, _("Đã đưa %(user)s ra khỏi Ban Chỉ đạo.") % {"user": member.user.get_full_name()}
    )
    return redirect("committees:detail", pk=committee.pk)


@login_required
def member_view(request, pk: int, mid: int):
    """What a member oversees: the tasks of their groups and units (the chair: all), the status summary as of a
    date and the late ones first. A fixed number of queries whatever the number of tasks."""
    scope = Scope.for_user(request.user)
    member = selectors.get_member(scope, request.user, pk, mid)
    as_of = _as_of(request)
    groups = list(member.groups.all())
    units = list(member.units.all())
    tasks = selectors.member_tasks(member, groups, units)
    counts = status.count(tasks, as_of)
    page = Paginator(selectors.late_first(tasks, as_of), settings.DONDOC_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = [(t, scope.covers(t.lead) or scope.is_admin) for t in page]
    return render(
        request,
        "committees/member.html",
        {
            "member": member,
            "committee": member.committee,
            "groups": groups,
            "units": units,
            "counts": counts,
            "as_of": as_of,
            "page": page,
            "rows": rows,
            "labels": status.STATUS_SHORT,
            "colours": status.STATUS_COLOURS,
            "is_self": member.user_id == request.user.pk,
        },
    )


@login_required
def my_view(request, pk: int):
    member = selectors.memberships_of(request.user).filter(committee_id=pk).first()
    if member is None:
        raise Http404
    return redirect("committees:member", pk=pk, mid=member.pk)


# --- meetings --------------------------------------------------------------------------------------------------


def _meeting_form_save(request, form, committee, meeting=None):
    d = form.cleaned_data
    fields = dict(
        number=d["number"],
        held_on=d["held_on"],
        title=d["title"],
        place=d["place"],
        chair=d["chair"],
        guests=d["guests"],
        agenda=d["agenda"],
    )
    if meeting is None:
        return actions.create_meeting(
            committee, attendees=d["attendees"], documents=d["documents"], actor=request.user, **fields
        )
    actions.update_meeting(
        meeting, attendees=d["attendees"], documents=d["documents"], actor=request.user, **fields
    )
    return meeting


@login_required
def meeting_add(request, pk: int):
    scope = Scope.for_user(request.user)
    committee = selectors.get_committee(scope, pk)
    _managed(request, committee)
    last = committee.meetings.order_by("-number").first()
    chair = committee.members.filter(role=Member.Role.CHAIR).first()
    initial = {"number": (last.number + 1) if last else 1, "held_on": status.today(), "chair": chair}
    form = MeetingForm(request.POST or None, committee=committee, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = _meeting_form_save(request, form, committee)
        except ValueError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Đã ghi %(meeting)s.") % {"meeting": meeting})
            return redirect("committees:meeting", pk=meeting.pk)
    return render(
        request, "committees/meeting_form.html", {"form": form, "committee": committee, "meeting": None}
    )


@login_required
def meeting_edit(request, pk: int):
    scope = Scope.for_user(request.user)
    meeting = selectors.get_meeting(scope, pk)
    committee = meeting.committee
    _managed(request, committee)
    initial = {
        "number": meeting.number,
        "held_on": meeting.held_on,
        "title": meeting.title,
        "place": meeting.place,
        "chair": meeting.chair,
        "attendees": list(meeting.attendees.all()),
        "guests": meeting.guests,
        "agenda": meeting.agenda,
        "documents": ", ".join(d.symbol for d in meeting.documents.all()),
    }
    form = MeetingForm(request.POST or None, committee=committee, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            _meeting_form_save(request, form, committee, meeting)
        except ValueError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Đã lưu."))
            return redirect("committees:meeting", pk=meeting.pk)
    return render(
        request, "committees/meeting_form.html", {"form": form, "committee": committee, "meeting": meeting}
    )


@login_required
def meeting_detail(request, pk: int):
    """A meeting: who chaired and attended, the agenda and documents, its conclusion and the tasks it gave."""
    scope = Scope.for_user(request.user)
    meeting = selectors.get_meeting(scope, pk)
    as_of = _as_of(request)
    links = list(selectors.meeting_links(meeting))
    tasks = {
        t.pk: t
        for t in status.with_status(
            Task.objects.filter(pk__in=[link.task_id for link in links] or [0]), as_of
        )
    }
    following = meeting.committee.meetings.filter(previous=meeting).order_by("number").first()
    return render(
        request,
        "committees/meeting.html",
        {
            "meeting": meeting,
            "committee": meeting.committee,
            "attendees": list(meeting.attendees.select_related("user")),
            "documents": list(meeting.documents.all()),
            "rows": [(link, tasks.get(link.task_id)) for link in links],
            "following": following,
            "as_of": as_of,
            "labels": status.STATUS_SHORT,
            "colours": status.STATUS_COLOURS,
            "can_manage": scope.manages(meeting.committee.unit),
            "held": meeting.held_on <= status.today(),
        },
    )


# --- draft tasks from a conclusion or a plan ---------------------------------------------------------------------


def _segments(text: str, drafts) -> list[tuple[str, int | None]]:
    """The text cut at the directives' sentences, each sentence marked with its number."""
    out: list[tuple[str, int | None]] = []
    pos = 0
    for start, end, k in sorted({(d.directive.start, d.directive.end, d.sentence_index) for d in drafts}):
        if start < pos:
            continue
        out.append((text[pos:start], None))
        out.append((text[start:end], k))
        pos = end
    out.append((text[pos:], None))
    return out


def _initial(draft) -> dict:
    recurring = "ongoing" if draft.ongoing else (draft.recurring or "")
    return {
        "title": draft.title,
        "code": draft.code,
        "lead": draft.lead.code if draft.lead else "",
        "each": [u.code for u in draft.each],
        "partners": [u.code for u in draft.partners],
        "due": draft.due,
        "due_phrase": draft.due_text or RECURRENCES.get(draft.recurring or "", ""),
        "recurring": recurring,
        "output": draft.output or "",
        "follow_up": str(draft.follow_up.pk) if draft.follow_up else "",
        "sentence": draft.directive.sentence,
        "position": draft.directive.start,
    }


def _accepted(cd: dict, committee: Committee) -> actions.Accepted:
    recurring = cd["recurring"] or ""
    phrase = cd["due_phrase"] or (
        "thường xuyên" if recurring == "ongoing" else RECURRENCES.get(recurring, "") if recurring else ""
    )
    return actions.Accepted(
        title=cd["title"] or "",
        sentence=cd["sentence"] or "",
        position=cd["position"] or 0,
        code=cd["code"] or "",
        lead=cd["lead"] or (committee.unit if cd["each"] else None),
        each=cd["each"],
        partners=cd["partners"],
        due=cd["due"],
        due_phrase=phrase,
        recurring=bool(recurring),
        output=cd["output"] or "",
        group=cd["group"],
        follow_up=cd["follow_up"],
    )


def _draft_page(request, committee: Committee, meeting: Meeting | None):
    scope = _managed(request, committee)
    initial = {"programme": committee.programme.code if committee.programme else None}
    if meeting is not None:
        initial.update(
            symbol=meeting.conclusion.symbol if meeting.conclusion else "",
            doc_title=(meeting.conclusion.title if meeting.conclusion else "")
            or f"Kết luận của Trưởng Ban Chỉ đạo tại phiên họp thứ {meeting.number}",
            issued_on=meeting.conclusion.issued_on if meeting.conclusion else meeting.held_on,
            text=meeting.conclusion_text,
        )
    ctx = {"committee": committee, "meeting": meeting}
    if request.method != "POST":
        ctx["form"] = SourceForm(initial=initial)
        return render(request, "committees/draft.html", ctx)
    step = request.POST.get("step", "read")
    form = SourceForm(request.POST, request.FILES)
    ctx["form"] = form
    if not form.is_valid():
        return render(request, "committees/draft.html", ctx)
    d = form.cleaned_data
    text = d["text"] or ""
    if d.get("file") and step != "accept":
        upload = d["file"]
        try:
            text = read_source(upload.name, upload.read())
        except ValueError as exc:
            form.add_error("file", str(exc))
            return render(request, "committees/draft.html", ctx)
    text = nfc(text).replace("\r\n", "\n")
    programme = d["programme"]
    plan_year = meeting.held_on.year if meeting else (programme.plan_year or status.today().year)
    prefix = f"{committee.unit.code}.PH{meeting.number}" if meeting else f"{committee.unit.code}.DT"
    drafts = make_drafts(
        text,
        programme=programme,
        root=committee.unit,
        standing=committee.standing_unit,
        plan_year=plan_year,
        code_prefix=prefix,
    )
    managed = list(scope.managed_units().filter(is_active=True, path__startswith=committee.unit.path))
    units = {
        "by_code": {u.code: u for u in managed},
        "blank": unit_choices(managed, blank=_("— chọn cơ quan chủ trì —")),
        "plain": unit_choices(managed),
    }
    groups = list(programme.groups.all())
    follow_ups = {dr.index: [dr.follow_up] if dr.follow_up else [] for dr in drafts}
    bound = request.POST if step == "accept" else None
    forms = [
        DraftForm(
            bound,
            prefix=f"d{dr.index}",
            initial=None if bound else _initial(dr),
            units=units,
            groups=groups,
            follow_ups=follow_ups[dr.index],
        )
        for dr in drafts
    ]
    errors: list[str] = []
    if step == "accept":
        kept = []
        for dr, f in zip(drafts, forms, strict=True):
            if not f.is_valid():
                errors += [
                    _("Dự thảo %(v)s: %(e)s") % {"v": dr.index + 1, "e": e}
                    for es in f.errors.values()
                    for e in es
                ]
                continue
            if not f.cleaned_data["drop"]:
                kept.append(_accepted(f.cleaned_data, committee))
        if not errors:
            try:
                result = actions.accept_drafts(
                    committee,
                    kept,
                    programme=programme,
                    meeting=meeting,
                    conclusion=actions.Conclusion(d["symbol"], d["doc_title"], d["issued_on"], committee.name)
                    if d["symbol"]
                    else None,
                    text=text,
                    actor=request.user,
                    managed=scope.manages,
                )
            except actions.DraftsRefused as exc:
                errors = exc.errors
            else:
                done = _("Đã nhận %(tasks)s nhiệm vụ mới vào danh mục") % {"tasks": len(result.tasks)}
                if result.followed_up:
                    done += _(" và theo dõi tiếp %(followed_up)s nhiệm vụ đã có") % {
                        "followed_up": len(result.followed_up)
                    }
                messages.success(request, done + ".")
                if meeting is not None:
                    return redirect("committees:meeting", pk=meeting.pk)
                url = reverse("tasks:catalogue")
                return redirect(f"{url}?programme={programme.code}&q={prefix}")
    ctx.update(
        {
            "text": text,
            "segments": _segments(text, drafts),
            "rows": list(zip(drafts, forms, strict=True)),
            "errors": errors,
            "step": "review",
            "programme": programme,
        }
    )
    return render(request, "committees/draft.html", ctx)


@login_required
def draft_plan(request, pk: int):
    """Draft tasks from a plan or any text, for the committee (no meeting)."""
    committee = selectors.get_committee(Scope.for_user(request.user), pk)
    return _draft_page(request, committee, None)


@login_required
def draft_conclusion(request, pk: int):
    """Draft tasks from a meeting's conclusion notice."""
    meeting = selectors.get_meeting(Scope.for_user(request.user), pk)
    return _draft_page(request, meeting.committee, meeting)
