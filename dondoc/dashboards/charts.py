"""Charts drawn on the server as SVG: stacked bars and trend lines. No script; every chart carries a
<title> and an aria-label, and every mark a <title> with its figure, so screen readers and tooltips agree.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from dondoc.tasks.status import Counts
from dondoc.vn import format_date, format_int, format_percent

# Colours of shared/domain.md (green done, amber within deadline, red overdue, grey recurring); dark enough
# for AA contrast of the marks against white.
COLOURS = {"done": "#1e7b34", "in_term": "#b07800", "overdue": "#b3141b", "recurring": "#6b727c"}
LABELS = {
    "done": "Hoàn thành",
    "in_term": "Trong hạn",
    "overdue": "Quá hạn",
    "recurring": "Thường xuyên",
}
PARTS = ("done", "in_term", "overdue", "recurring")


def _svg(width: int, height: int, label: str, body: str, css: str = "chart") -> SafeString:
    label = escape(label)
    return mark_safe(
        f'<svg class="{css}" viewBox="0 0 {width} {height}" preserveAspectRatio="none" role="img" '
        f'aria-label="{label}" xmlns="http://www.w3.org/2000/svg"><title>{label}</title>{body}</svg>'
    )


def counts_label(c: Counts) -> str:
    return ", ".join(f"{LABELS[p]} {format_int(getattr(c, p))}" for p in PARTS)


def stacked_bar(c: Counts, label: str = "", scale: int | None = None) -> SafeString:
    """One horizontal bar split into done / within deadline / overdue / recurring.

    `scale` (the largest total of a table) makes bars of one table comparable; by default the bar is full."""
    total = c.total
    width, height = 200, 14
    scale = max(scale or total, 1)
    x = 0.0
    marks = []
    for part in PARTS:
        n = getattr(c, part)
        if not n:
            continue
        w = width * n / scale
        marks.append(
            f'<rect x="{x:.2f}" y="0" width="{w:.2f}" height="{height}" fill="{COLOURS[part]}">'
            f"<title>{LABELS[part]}: {format_int(n)}</title></rect>"
        )
        x += w
    text = f"{label}: " if label else ""
    return _svg(
        width,
        height,
        f"{text}tổng {format_int(total)} nhiệm vụ — {counts_label(c)}",
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#eceef1"/>' + "".join(marks),
        "chart bar-chart",
    )


def _point_label(d: date, by: str) -> str:
    if by == "quarter":
        return f"Q{(d.month - 1) // 3 + 1}/{d.year % 100:02d}"
    return f"T{d.month}/{d.year % 100:02d}"


# The trend's lines differ by more than colour (shared/domain.md's colours are hard to tell apart for one man
# in twelve): each has its dash and its marker, drawn the same in the legend beside the chart.
_DASH = {"done": "", "in_term": ' stroke-dasharray="8 4"', "overdue": ' stroke-dasharray="2 4"'}


def _marker(part: str, x: float, y: float, title: str = "") -> str:
    fill = COLOURS[part]
    tip = f"<title>{escape(title)}</title>" if title else ""
    if part == "in_term":
        return f'<rect x="{x - 3.5:.1f}" y="{y - 3.5:.1f}" width="7" height="7" fill="{fill}">{tip}</rect>'
    if part == "overdue":
        return f'<path d="M{x:.1f} {y - 4.5:.1f}L{x + 4.5:.1f} {y + 3.5:.1f}H{x - 4.5:.1f}Z" fill="{fill}">{tip}</path>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{fill}">{tip}</circle>'


def trend_legend() -> SafeString:
    """The trend chart's key: each line's dash and marker with its name in words."""
    keys = []
    for part in ("done", "in_term", "overdue"):
        sample = (
            f'<svg class="legend-line" viewBox="0 0 28 10" width="28" height="10" aria-hidden="true" '
            f'focusable="false"><line x1="1" y1="5" x2="27" y2="5" stroke="{COLOURS[part]}" stroke-width="2.5"'
            f'{_DASH[part]} stroke-linecap="round"/>{_marker(part, 14, 5)}</svg>'
        )
        keys.append(f"<span>{sample} {escape(LABELS[part])}</span>")
    return mark_safe('<p class="legend small">' + " ".join(keys) + "</p>")


def trend_chart(points: Sequence[tuple[date, Counts]], by: str = "month") -> SafeString:
    """Lines of done, within-deadline and overdue tasks at each month (or quarter) end."""
    width, height = 640, 240
    left, right, top, bottom = 44, 28, 14, 34
    n = len(points)
    if not n:
        return mark_safe("")
    peak = max([max(c.done, c.in_term, c.overdue) for _, c in points] + [1])
    # A round top for the axis: 5 steps of 1, 2 or 5 × 10^k.
    raw = peak / 5
    magnitude = 10 ** max(0, math.floor(math.log10(raw))) if raw >= 1 else 1
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    top_value = step * 5
    plot_w, plot_h = width - left - right, height - top - bottom

    def xy(i: int, v: int) -> tuple[float, float]:
        x = left + (plot_w * i / (n - 1) if n > 1 else plot_w / 2)
        y = top + plot_h - plot_h * v / top_value
        return x, y

    body = []
    for k in range(6):
        v = top_value * k / 5
        _, y = xy(0, v)
        body.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#d8dde3" stroke-width="1"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11" fill="#4f5661">'
            f"{format_int(round(v))}</text>"
        )
    every = max(1, (n + 7) // 8)
    for i, (d, _) in enumerate(points):
        if i % every == 0 or i == n - 1:
            x, _ = xy(i, 0)
            body.append(
                f'<text x="{x:.1f}" y="{height - 12}" text-anchor="middle" font-size="11" fill="#4f5661">'
                f"{escape(_point_label(d, by))}</text>"
            )
    for part in ("done", "in_term", "overdue"):
        coords = [xy(i, getattr(c, part)) for i, (_, c) in enumerate(points)]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
        body.append(
            f'<polyline points="{path}" fill="none" stroke="{COLOURS[part]}" stroke-width="2.5"'
            f'{_DASH[part]} stroke-linecap="round"/>'
        )
        for (x, y), (d, c) in zip(coords, points, strict=True):
            body.append(
                _marker(
                    part, x, y, f"{LABELS[part]} tính đến {format_date(d)}: {format_int(getattr(c, part))}"
                )
            )
    first, last = points[0][0], points[-1][0]
    unit = "quý" if by == "quarter" else "tháng"
    label = (
        f"Diễn biến theo {unit} từ {format_date(first)} đến {format_date(last)}: số nhiệm vụ hoàn thành, "
        f"trong hạn và quá hạn tại cuối mỗi {unit}"
    )
    return _svg(width, height, label, "".join(body), "chart trend-chart")


def score_bar(share: float | None, label: str) -> SafeString:
    """A small bar for a share 0..1 (ranking scores)."""
    width, height = 120, 12
    value = 0.0 if share is None else max(0.0, min(1.0, share))
    text = "chưa có số liệu" if share is None else format_percent(value * 100, 1)
    return _svg(
        width,
        height,
        f"{label}: {text}",
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#eceef1"/>'
        f'<rect x="0" y="0" width="{width * value:.2f}" height="{height}" fill="#0b4f9c"/>',
        "chart score-chart",
    )
