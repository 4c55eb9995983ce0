"""The lifespan chart: one bar per treaty on a shared year axis, drawn with Rich text.

Scaled to the width it is given; below 100 columns labels are narrower, and a name longer than
its label wraps at spaces onto the lines below (never cut short). Every glyph is explained by the
legend, and colour only reinforces the glyphs (it is dropped with NO_COLOR).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from rich.console import Group
from rich.text import Text

from treatytrack.core.history import Lifespan
from treatytrack.core.vocab import Status
from treatytrack.render.layout import width_of, wrap

SIGNED, IN_FORCE, SUSPENDED, WITHDRAWAL, ENDED = "·", "━", "▒", "×", "┃"
END_STYLE = {Status.EXPIRED: "red", Status.TERMINATED: "red"}
LEGEND = (
    f"{IN_FORCE} in force   {SIGNED} signed, not in force   {SUSPENDED} suspended",
    f"{WITHDRAWAL} a party's withdrawal   {ENDED} expired or terminated",
)
_STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000)


def _label_width(spans: Sequence[Lifespan], width: int) -> int:
    longest = max((width_of(s.treaty.short_name) for s in spans), default=8)
    return max(8, min(longest, 28 if width >= 100 else 18))


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - width_of(text))


def lifespan_chart(spans: Sequence[Lifespan], day: dt.date, width: int, title: str) -> Group:
    label_w = _label_width(spans, width)
    bar_w = max(20, width - label_w - 2)
    first = min((s.start for s in spans), default=day)
    # To the end of the as-of day's year (the calendar's own end, in its last year).
    t0, t1 = dt.date(first.year, 1, 1), dt.date(day.year + 1, 1, 1) if day.year < dt.MAXYEAR else dt.date.max
    total = (t1 - t0).days

    def col(d: dt.date) -> int:
        return min(bar_w - 1, max(0, (d - t0).days * bar_w // total))

    lines: list[Text] = [Text(title, style="bold")]
    for span in spans:
        cells = [" "] * bar_w
        styles = [""] * bar_w

        def paint(
            start: dt.date, stop: dt.date, glyph: str, style: str, cells: list[str] = cells, styles: list[str] = styles
        ) -> None:
            for c in range(col(start), col(stop) + 1):
                cells[c], styles[c] = glyph, style

        until = span.end or day
        if span.in_force is None or span.in_force > day:
            paint(span.start, until, SIGNED, "cyan")
        else:
            if span.start < span.in_force:
                paint(span.start, span.in_force, SIGNED, "cyan")
            paint(span.in_force, until, IN_FORCE, "green")
        for begin, stop in span.suspensions:
            paint(begin, stop, SUSPENDED, "yellow")
        for effective, _party in span.withdrawals:
            cells[col(effective)], styles[col(effective)] = WITHDRAWAL, "bold red"
        if span.end is not None:
            cells[col(span.end)], styles[col(span.end)] = ENDED, END_STYLE.get(span.status, "red")
        label, *more = wrap(span.treaty.short_name, label_w)
        line = Text(pad(label, label_w) + "  ")
        for glyph, style in zip(cells, styles, strict=True):
            line.append(glyph, style=style or None)
        lines.append(line)
        lines.extend(Text(rest) for rest in more)
    lines.extend(_axis(t0, t1, bar_w, label_w))
    if width >= 100:
        lines.append(Text("   ".join(LEGEND), style="dim"))
    else:
        lines.extend(Text(part, style="dim") for part in LEGEND)
    return Group(*lines)


def _axis(t0: dt.date, t1: dt.date, bar_w: int, label_w: int) -> list[Text]:
    years = t1.year - t0.year
    step = next((s for s in _STEPS if bar_w * s // max(years, 1) >= 6), _STEPS[-1])
    ticks = [" "] * bar_w
    labels = [" "] * (bar_w + 4)
    for year in range(t0.year, t1.year + 1):
        if year % step:
            continue
        c = min(bar_w - 1, (dt.date(year, 1, 1) - t0).days * bar_w // max((t1 - t0).days, 1))
        ticks[c] = "┬"
        for i, ch in enumerate(str(year)):
            if c + i < len(labels):
                labels[c + i] = ch
    pad = " " * (label_w + 2)
    rule = "".join("─" if t == " " else t for t in ticks)
    return [Text(pad + rule, style="dim"), Text(pad + "".join(labels).rstrip(), style="dim")]
