"""Achievement and roll-up of indicators: THE one definition, used by pages, API, commands and documents.

- The value of a unit for a period is the value the unit reported itself; when it reported none, the roll-up
  of the units below it by the indicator's rule: sum; ratio = Σ numerators / Σ denominators (never the mean
  of percentages; values entered without numerator/denominator are then left out, and only when none has
  them the mean is used and marked approximate); mean; none (no roll-up).
- The target in force for a unit and a year: the unit's own target for that year, else the programme-wide
  one; when the year has no target, the nearest later horizon (2030, 2045).
- Status: "vượt" beyond the target, "đạt" exactly at it, "chưa đạt" short of it (for a lower-is-better
  indicator, beyond means below). The gap is value − target.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum

from dondoc.units.models import Unit
from dondoc.units.scope import Scope

from .models import Baseline, Indicator, Period, Target, Value, parse_period

HUNDRED = Decimal(100)
Q4 = Decimal("0.0001")

STATUS_LABELS = {
    "vuot": "Vượt",
    "dat": "Đạt",
    "chua_dat": "Chưa đạt",
    "": "Chưa có số liệu",
    "na": "Chưa có mục tiêu",
}
STATUS_COLOURS = {"vuot": "green", "dat": "green", "chua_dat": "red", "": "grey", "na": "grey"}


# --- which indicators a person sees -----------------------------------------------------------------------


def visible_indicators(scope: Scope) -> QuerySet[Indicator]:
    """Indicators of programmes in scope: shared ones, and those set by a unit the person works in, above or
    below it. An indicator set by another province answers 404."""
    qs = Indicator.objects.filter(is_active=True)
    if scope.is_admin:
        return qs
    q = Q(owner__isnull=True)
    paths = list(scope.read_paths)
    if scope.reporter_unit_ids:
        paths += list(Unit.objects.filter(pk__in=scope.reporter_unit_ids).values_list("path", flat=True))
    ancestors: set[int] = set()
    for path in paths:
        ancestors.update(int(p) for p in path.strip("/").split("/") if p)
    if ancestors:
        q |= Q(owner_id__in=ancestors)
    for path in scope.read_paths:
        q |= Q(owner__path__startswith=path)
    return qs.filter(q)


def get_indicator(scope: Scope, pk: int) -> Indicator:
    from django.http import Http404

    ind = visible_indicators(scope).select_related("programme", "owner").filter(pk=pk).first()
    if ind is None:
        raise Http404("Không tìm thấy chỉ tiêu.")
    return ind


# --- roll-up -----------------------------------------------------------------------------------------------


@dataclass
class Figure:
    """The value of an indicator for a unit and period: reported by the unit, or rolled up from below."""

    value: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    units: int = 0  # how many units' values it comes from
    own: bool = False  # the unit reported it itself
    approximate: bool = False  # a ratio computed as a mean, for lack of numerators/denominators


def _combine(ind: Indicator, agg: dict) -> Figure:
    """One roll-up from aggregated sums (the keys of _AGG)."""
    n = agg["n"] or 0
    if not n or ind.rollup == Indicator.Rollup.NONE:
        return Figure(units=n)
    if ind.rollup == Indicator.Rollup.SUM:
        return Figure(value=agg["s_value"], units=n)
    if ind.rollup == Indicator.Rollup.MEAN:
        return Figure(value=(agg["s_value"] / n).quantize(Q4), units=n)
    # ratio
    if agg["n_den"]:
        num, den = agg["s_num"], agg["s_den"]
        value = (num / den * HUNDRED).quantize(Q4) if den else None
        return Figure(value=value, numerator=num, denominator=den, units=agg["n_den"])
    return Figure(value=(agg["s_value"] / n).quantize(Q4), units=n, approximate=True)


_AGG = {
    "n": Count("id"),
    "s_value": Sum("value"),
    "n_den": Count("id", filter=Q(denominator__isnull=False, numerator__isnull=False)),
    "s_num": Sum("numerator", filter=Q(denominator__isnull=False, numerator__isnull=False)),
    "s_den": Sum("denominator", filter=Q(denominator__isnull=False, numerator__isnull=False)),
}


def _from_value(v: dict) -> Figure:
    return Figure(value=v["value"], numerator=v["numerator"], denominator=v["denominator"], units=1, own=True)


def _subtree_filter(unit: Unit, scope: Scope | None) -> Q:
    """The units whose values count for `unit`: its subtree, or only itself when the scope stops there."""
    if scope is not None and not scope.covers_subtree(unit):
        return Q(unit_id=unit.pk)
    return Q(unit__path__startswith=unit.path)


def figures(
    indicators: list[Indicator],
    unit: Unit,
    *,
    periods: list[str] | None = None,
    year: int | None = None,
    scope: Scope | None = None,
) -> dict[tuple[int, str], Figure]:
    """{(indicator id, period): Figure} for a unit: its own values, else the roll-up of its subtree.

    Two queries whatever the number of indicators, periods and units.
    """
    by_id = {i.pk: i for i in indicators}
    base = Value.objects.filter(indicator_id__in=list(by_id)).filter(_subtree_filter(unit, scope))
    if periods is not None:
        base = base.filter(period__in=periods)
    if year is not None:
        base = base.filter(year=year)
    out: dict[tuple[int, str], Figure] = {}
    below = base.exclude(unit_id=unit.pk).values("indicator_id", "period").annotate(**_AGG).order_by()
    for row in below:
        out[(row["indicator_id"], row["period"])] = _combine(by_id[row["indicator_id"]], row)
    for row in base.filter(unit_id=unit.pk).values(
        "indicator_id", "period", "value", "numerator", "denominator"
    ):
        out[(row["indicator_id"], row["period"])] = _from_value(row)
    return out


def series(indicator: Indicator, unit: Unit, *, scope: Scope | None = None) -> list[tuple[Period, Figure]]:
    """The trend: the unit's figure for every period that has data, oldest first."""
    figs = figures([indicator], unit, scope=scope)
    items = [(parse_period(p), f) for (_, p), f in figs.items() if f.value is not None]
    return sorted(items, key=lambda x: x[0].end)


def child_figures(
    indicator: Indicator, unit: Unit, period: str, *, scope: Scope | None = None
) -> list[tuple[Unit, Figure]]:
    """The figure of each unit directly below `unit` for one period (its own value or its roll-up)."""
    if scope is not None and not scope.covers_subtree(unit):
        return []
    children = list(unit.children.filter(is_active=True).order_by("name_sort"))
    if not children:
        return []
    rows = list(
        Value.objects.filter(indicator=indicator, period=period, unit__path__startswith=unit.path)
        .exclude(unit_id=unit.pk)
        .values("unit_id", "unit__path", "value", "numerator", "denominator")
    )
    by_child: dict[int, list[dict]] = defaultdict(list)
    child_by_path = {c.path: c for c in children}
    for r in rows:
        head = "/".join(r["unit__path"].split("/")[: unit.path.count("/") + 1]) + "/"
        child = child_by_path.get(head)
        if child is not None:
            by_child[child.pk].append(r)
    out = []
    for child in children:
        rs = by_child.get(child.pk, [])
        own = next((r for r in rs if r["unit_id"] == child.pk), None)
        if own is not None:
            out.append((child, _from_value(own)))
            continue
        out.append((child, _combine(indicator, _aggregate_rows(rs))))
    return out


def _aggregate_rows(rows: list[dict]) -> dict:
    with_den = [r for r in rows if r["numerator"] is not None and r["denominator"] is not None]
    return {
        "n": len(rows),
        "s_value": sum((r["value"] for r in rows), Decimal(0)),
        "n_den": len(with_den),
        "s_num": sum((r["numerator"] for r in with_den), Decimal(0)),
        "s_den": sum((r["denominator"] for r in with_den), Decimal(0)),
    }


# --- targets and achievement ---------------------------------------------------------------------------------


def targets_for(indicators: list[Indicator], unit: Unit) -> dict[int, list[Target]]:
    """Targets relevant to a unit: programme-wide ones and the unit's own overrides (one query)."""
    out: dict[int, list[Target]] = defaultdict(list)
    for t in Target.objects.filter(indicator_id__in=[i.pk for i in indicators]).filter(
        Q(unit__isnull=True) | Q(unit=unit)
    ):
        out[t.indicator_id].append(t)
    return out


def target_in_force(targets: list[Target], year: int) -> Target | None:
    """The unit's own target for the year, else the programme-wide one; else the nearest later horizon."""
    for y in sorted({t.year for t in targets if t.year >= year}):
        own = [t for t in targets if t.year == y and t.unit_id is not None]
        if own:
            return own[0]
        common = [t for t in targets if t.year == y and t.unit_id is None]
        if common:
            return common[0]
    return None


def judge(indicator: Indicator, value: Decimal | None, target: Decimal | None) -> tuple[str, Decimal | None]:
    """(status, gap): "vuot", "dat", "chua_dat"; "" without a value; "na" without a target."""
    if value is None:
        return "", None
    if target is None:
        return "na", None
    gap = value - target
    if indicator.direction == Indicator.Direction.LOWER:
        status = "vuot" if value < target else "dat" if value == target else "chua_dat"
    else:
        status = "vuot" if value > target else "dat" if value == target else "chua_dat"
    return status, gap


@dataclass
class AchievementRow:
    """One line of an achievement table: an indicator at a unit for its latest period with data."""

    indicator: Indicator
    target: Decimal | None = None
    target_year: int | None = None
    target_is_unit: bool = False
    value: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    period: str = ""
    period_label: str = ""
    status: str = ""
    status_label: str = ""
    colour: str = "grey"
    gap: Decimal | None = None
    baseline: Baseline | None = None
    baseline_gap: Decimal | None = None
    previous: Decimal | None = None
    trend: str = ""  # "up", "down", "flat", "" (no earlier period)
    units: int = 0
    own: bool = False
    approximate: bool = False
    history: list[tuple[Period, Figure]] = field(default_factory=list)

    @property
    def measure(self) -> str:
        return self.indicator.measure

    def year_of(self) -> int | None:
        return parse_period(self.period).year if self.period else None

    def as_json(self) -> dict:
        def n(x):
            return None if x is None else float(x)

        return {
            "indicator": self.indicator.code,
            "name": self.indicator.name,
            "measure": self.indicator.measure,
            "period": self.period or None,
            "value": n(self.value),
            "numerator": n(self.numerator),
            "denominator": n(self.denominator),
            "target": n(self.target),
            "target_year": self.target_year,
            "status": self.status,
            "status_label": self.status_label,
            "gap": n(self.gap),
            "baseline": {
                "label": self.baseline.label,
                "value": float(self.baseline.value),
                "year": self.baseline.year,
            }
            if self.baseline
            else None,
            "trend": self.trend,
            "units": self.units,
            "own": self.own,
            "approximate": self.approximate,
        }


def achievement_rows(
    indicators: list[Indicator],
    unit: Unit,
    *,
    year: int | None = None,
    period: str | None = None,
    scope: Scope | None = None,
) -> list[AchievementRow]:
    """Achievement of each indicator at a unit: for the given period, else the latest period with data (in
    `year` if given). Four queries whatever the number of indicators."""
    indicators = list(indicators)
    figs = figures(indicators, unit, year=year, scope=scope)
    tg = targets_for(indicators, unit)
    baselines: dict[int, Baseline] = {}
    for b in Baseline.objects.filter(indicator_id__in=[i.pk for i in indicators]).order_by("-year", "id"):
        baselines.setdefault(b.indicator_id, b)
    per_ind: dict[int, list[tuple[Period, Figure]]] = defaultdict(list)
    for (ind_id, p), f in figs.items():
        if f.value is not None:
            per_ind[ind_id].append((parse_period(p), f))
    rows = []
    for ind in indicators:
        hist = sorted(per_ind.get(ind.pk, []), key=lambda x: x[0].end)
        row = AchievementRow(indicator=ind, history=hist, baseline=baselines.get(ind.pk))
        chosen = None
        if period:
            chosen = next((h for h in hist if h[0].key == period), None)
        elif hist:
            chosen = hist[-1]
        ref_year = chosen[0].year if chosen else (year or (parse_period(period).year if period else None))
        if chosen:
            p, f = chosen
            row.period, row.period_label = p.key, p.label
            row.value, row.numerator, row.denominator = f.value, f.numerator, f.denominator
            row.units, row.own, row.approximate = f.units, f.own, f.approximate
            earlier = [h for h in hist if h[0].end < p.end]
            if earlier:
                row.previous = earlier[-1][1].value
                row.trend = (
                    "up" if row.value > row.previous else "down" if row.value < row.previous else "flat"
                )
        if ref_year is not None:
            t = target_in_force(tg.get(ind.pk, []), ref_year)
            if t is not None:
                row.target, row.target_year, row.target_is_unit = t.value, t.year, t.unit_id is not None
        row.status, row.gap = judge(ind, row.value, row.target)
        row.status_label, row.colour = STATUS_LABELS[row.status], STATUS_COLOURS[row.status]
        if row.baseline is not None and row.value is not None:
            row.baseline_gap = row.value - row.baseline.value
        rows.append(row)
    return rows


def achievement(
    indicator: Indicator,
    unit: Unit,
    *,
    period: str | None = None,
    year: int | None = None,
    scope: Scope | None = None,
) -> AchievementRow:
    """Achievement of one indicator at a unit (see achievement_rows)."""
    return achievement_rows([indicator], unit, year=year, period=period, scope=scope)[0]


def achievement_table(
    unit: Unit, programme, year: int | None = None, scope: Scope | None = None
) -> list[AchievementRow]:
    """Rows for a unit and a programme: every indicator visible in scope that applies to the unit or to units
    below it, with target, value, status, gap, baseline. Used by the pages, dashboards and DOCX reports."""
    qs = (
        visible_indicators(scope or Scope.everything())
        .filter(programme=programme)
        .select_related("programme")
    )
    if scope is not None and not scope.covers_subtree(unit):
        kinds = {unit.kind}
    else:
        kinds = set(unit.subtree().filter(is_active=True).values_list("kind", flat=True).distinct())
    indicators = [i for i in qs.order_by("order", "code") if not i.applies_to or kinds & set(i.applies_to)]
    return achievement_rows(indicators, unit, year=year, scope=scope)


# --- figures read from a report, matched to indicators ---------------------------------------------------------


@dataclass
class MatchedFigure:
    """A figure of a report with the indicator it most likely measures (None when nothing fits)."""

    figure: object  # figures.Figure
    indicator: Indicator | None
    raw: str  # the value as record_value reads it: "99,3", "4/5", "1.780"


_FITS = {
    Indicator.Kind.PERCENTAGE: {"percent", "fraction"},
    Indicator.Kind.NUMBER: {"count", "amount"},
    Indicator.Kind.BOOLEAN: set(),
}


def figure_raw(fig) -> str:
    from dondoc.vn import format_decimal

    if fig.kind == "fraction":
        return (
            f"{format_decimal(fig.numerator, 4, strip=True)}/{format_decimal(fig.denominator, 4, strip=True)}"
        )
    return format_decimal(fig.value, 4, strip=True)


def match_figures(text: str, indicators: list[Indicator]) -> list[MatchedFigure]:
    """Every figure of the text, matched to the indicator whose keywords (or, without keywords, most of the
    words of its name) are written around it — diacritics and case ignored. An indicator is proposed for
    one figure only: the one that fits it best."""
    from .figures import extract, match_score

    found = extract(text)
    keyed = [(ind, ind.keyword_list(), ind.name_folded) for ind in indicators]
    best: list[tuple[Indicator | None, float]] = []
    for fig in found:
        choice, top = None, 0.0
        for ind, keywords, name in keyed:
            if fig.kind not in _FITS.get(ind.value_kind, set()):
                continue
            score = match_score(text, fig, found, keywords, name)
            if score > top:
                choice, top = ind, score
        best.append((choice, top))
    winner: dict[int, int] = {}
    for i, (ind, score) in enumerate(best):
        if ind is not None and (ind.pk not in winner or score > best[winner[ind.pk]][1]):
            winner[ind.pk] = i
    return [
        MatchedFigure(fig, ind if ind is not None and winner.get(ind.pk) == i else None, figure_raw(fig))
        for i, (fig, (ind, _)) in enumerate(zip(found, best, strict=True))
    ]
