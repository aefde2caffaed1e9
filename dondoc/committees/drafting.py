"""Draft tasks from a conclusion or a plan: the directives the text gives (dondoc.vn.directives), their units found
in the registry, and — for a directive that follows up a task already in the catalogue — that task.

Reads only; nothing is saved here (accepting drafts is `actions.accept_drafts`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from dondoc.indicators.figures import read_document
from dondoc.tasks.models import Programme, Task
from dondoc.units.models import Unit
from dondoc.vn import fold
from dondoc.vn.directives import ALL, COMMUNES, DEPARTMENTS, PROVINCE, STANDING, Actor, Directive, actor_key
from dondoc.vn.directives import parse_directives as parse

__all__ = ["Draft", "Registry", "make_drafts", "read_source", "similar_task"]


def read_source(name: str, data: bytes) -> str:
    """The text of an uploaded or given file: .txt (UTF-8) or .docx; raises ValueError in Vietnamese."""
    return read_document(Path(name), data)


class Registry:
    """The units a text's phrases are matched against: the subtree of the committee's unit (or every active
    unit), the unit itself for "Tỉnh", "UBND tỉnh", and the committee's standing office."""

    def __init__(self, root: Unit | None, standing: Unit | None = None):
        self.root = root
        self.standing = standing
        qs = Unit.objects.filter(is_active=True)
        if root is not None:
            qs = qs.filter(path__startswith=root.path)
        self.units = list(qs.order_by("name_sort").only("pk", "code", "name", "kind", "path", "name_sort"))
        self.by_key: dict[tuple[str, ...], list[Unit]] = {}
        for u in self.units:
            self.by_key.setdefault(actor_key(u.name), []).append(u)

    def _below(self, kind: str) -> list[Unit]:
        if self.root is None:
            return []  # "các sở, ban, ngành" of the whole country is no answer
        return [u for u in self.units if u.kind == kind and u.pk != self.root.pk]

    def match(self, actor: Actor | None) -> list[Unit]:
        """The units a phrase stands for: one, several ("các sở, ban, ngành" → every department under the unit,
        "UBND các xã, phường" → every commune), or none when the registry has no such unit."""
        if actor is None:
            return []
        if actor.kind == DEPARTMENTS:
            return self._below(Unit.Kind.DEPARTMENT)
        if actor.kind == COMMUNES:
            return self._below(Unit.Kind.COMMUNE)
        if actor.kind == ALL:
            return self._below(Unit.Kind.DEPARTMENT) + self._below(Unit.Kind.COMMUNE)
        if actor.kind == STANDING:
            return [self.standing] if self.standing else []
        if actor.kind == PROVINCE:
            named = self._named(actor) if len(actor.key) > 1 else []
            if named:
                return named
            return [self.root] if self.root is not None else []
        return self._named(actor)

    def _named(self, actor: Actor) -> list[Unit]:
        for key in (actor.key, *actor.alt):
            if not key:
                continue
            exact = self.by_key.get(key, [])
            if len(exact) == 1:
                return exact
            if len(key) < 2:
                continue
            # "Công an" → "Công an tỉnh"; "Sở Khoa học và Công nghệ" → "… tỉnh Nghệ An" (one only)
            longer = [u for k, us in self.by_key.items() if k[: len(key)] == key for u in us]
            if len(longer) == 1:
                return longer
        return []


@dataclass
class Draft:
    """A directive made ready to review: what the text says and the units found for it."""

    index: int
    directive: Directive
    title: str
    lead: Unit | None  # the one lead unit (the committee's unit when several are addressed)
    each: list[Unit]  # several units addressed at once: one sub-task each
    partners: list[Unit]
    unmatched: list[str]  # phrases naming units the registry does not have
    due: date | None
    due_text: str | None
    recurring: str | None
    ongoing: bool
    output: str | None
    follow_up: Task | None = None  # a task of the catalogue this directive follows up
    follow_up_score: float = 0.0
    code: str = ""
    sentence_index: int = 0
    group_id: int | None = None
    extras: dict = field(default_factory=dict)

    @property
    def single_lead(self) -> Unit | None:
        """The lead as the command's JSON gives it: one matched unit, else none."""
        return self.lead if self.lead is not None and not self.each else None


def make_drafts(
    text: str,
    *,
    programme: Programme,
    root: Unit | None,
    standing: Unit | None = None,
    plan_year: int | None = None,
    code_prefix: str = "",
    followups: bool = True,
) -> list[Draft]:
    """The drafts of a text, in its order, with units matched in `root`'s subtree and follow-ups looked for
    among the programme's tasks there."""
    registry = Registry(root, standing)
    directives = parse(text, plan_year if plan_year is not None else programme.plan_year)
    candidates = _catalogue(programme, root) if followups else []
    taken = set(
        Task.objects.filter(programme=programme, code__startswith=code_prefix).values_list("code", flat=True)
        if code_prefix
        else []
    )
    sentences: dict[int, int] = {}
    drafts: list[Draft] = []
    for i, d in enumerate(directives):
        leads = registry.match(d.lead)
        unmatched = [d.lead.text] if d.lead is not None and not leads else []
        partners: list[Unit] = []
        for p in d.partners:
            found = registry.match(p)
            if not found:
                unmatched.append(p.text)
            partners.extend(u for u in found if u not in partners)
        if len(leads) == 1:
            lead, each = leads[0], []
        elif leads:
            lead, each = root, leads  # "các sở, ban, ngành": the committee's unit leads, each unit a sub-task
        else:
            lead, each = None, []
        partners = [u for u in partners if u != lead and u not in each]
        draft = Draft(
            index=i,
            directive=d,
            title=d.title,
            lead=lead,
            each=each,
            partners=partners,
            unmatched=unmatched,
            due=d.due,
            due_text=d.due_text,
            recurring=d.recurring,
            ongoing=d.ongoing,
            output=d.output,
            sentence_index=sentences.setdefault(d.start, len(sentences)),
        )
        if candidates:
            draft.follow_up, draft.follow_up_score = similar_task(d.title, candidates)
        if code_prefix:
            n = len(drafts) + 1
            code = f"{code_prefix}.{n:02d}"
            while code in taken:
                n += 1
                code = f"{code_prefix}.{n:02d}"
            taken.add(code)
            draft.code = code
        drafts.append(draft)
    return drafts


# --- a directive that follows up a task of the catalogue -----------------------------------------------------

_STOPWORDS = set(
    "va cac cua cho trong theo ve de voi nhung tai tu mot so nay do duoc la co tren den khi nham phai can tiep tuc "
    "thuc hien trien khai viec".split()
)


def _words(title: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", fold(title)) if w not in _STOPWORDS and len(w) > 1}


def _catalogue(programme: Programme, root: Unit | None) -> list[tuple[Task, set[str]]]:
    qs = Task.objects.filter(programme=programme, parent__isnull=True)
    if root is not None:
        qs = qs.filter(lead__path__startswith=root.path)
    return [(t, _words(t.title)) for t in qs.only("pk", "code", "title", "lead_id").order_by("code")[:20000]]


def similar_task(title: str, candidates: list[tuple[Task, set[str]]]) -> tuple[Task | None, float]:
    """The task whose title the draft's title closely repeats (folded words, most of the shorter title's words
    shared and at least four of them), with the share of words shared; else (None, 0)."""
    words = _words(title)
    if len(words) < 4:
        return None, 0.0
    best: tuple[float, float, Task | None] = (0.0, 0.0, None)
    for task, other in candidates:
        common = len(words & other)
        if common < 4:
            continue
        contained = common / min(len(words), len(other))
        jaccard = common / len(words | other)
        if contained >= 0.8 and jaccard >= 0.3 and (contained, jaccard) > best[:2]:
            best = (contained, jaccard, task)
    return (best[2], round(best[0], 2)) if best[2] is not None else (None, 0.0)
