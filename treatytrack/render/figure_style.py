"""The pictures' look, shared by the lifespan and the per-state charts: the palette, the bars'
and markers' styles (each kind its own fill, hatching or marker shape, so that meaning never rests
on colour alone), and matplotlib's settings that make every output deterministic.

Plain data: no matplotlib here, so that tests and the page can name the styles without it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

FORMATS = ("svg", "png", "pdf")
PNG_DPI = 200  # print quality: a 10-inch figure is 2,000 pixels wide

# Okabe & Ito, "Color Universal Design" (2008): distinguishable with any common colour vision.
BLACK, ORANGE, SKY_BLUE, GREEN, YELLOW, BLUE, VERMILLION, PURPLE = (
    "#000000",
    "#E69F00",
    "#56B4E9",
    "#009E73",
    "#F0E442",
    "#0072B2",
    "#D55E00",
    "#CC79A7",
)
INK, MUTED, GRID, BAND = "#1A1A1A", "#595959", "#C4C4C4", "#F4F4F4"

RC_PARAMS: dict[str, Any] = {
    "font.family": "DejaVu Sans",  # shipped with matplotlib: the same glyphs on every machine
    "font.size": 9,
    "text.parse_math": False,  # a `$` in a name is a dollar sign, not mathematics
    "text.usetex": False,
    "svg.fonttype": "path",  # glyphs as paths: no font needed to view, none fetched
    "svg.hashsalt": "treatytrack",  # stable ids for patterns and clip paths
    "svg.image_inline": True,
    "pdf.fonttype": 42,  # TrueType, so editors can still change the text
    "pdf.compression": 6,
    "hatch.linewidth": 0.7,
    "axes.unicode_minus": True,
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "savefig.facecolor": "white",
    "savefig.edgecolor": "white",
    "savefig.transparent": False,
}


@dataclass(frozen=True)
class BarStyle:
    label: str
    face: str
    edge: str
    hatch: str | None


SIGNED = BarStyle("signed, not in force", "#FFFFFF", SKY_BLUE, "////")
IN_FORCE = BarStyle("in force", BLUE, BLUE, None)
SUSPENDED = BarStyle("suspended by a party", ORANGE, "#FFFFFF", "xxx")


@dataclass(frozen=True)
class MarkStyle:
    label: str
    marker: str
    face: str
    edge: str
    size: float
    width: float = 1.0


# How a treaty ended, by `Lifespan.ended_by`.
END_KIND = {
    "term": "expired",
    "extension": "expired",
    "expired": "expired",
    "withdrawal": "terminated",
    "terminated": "terminated",
    "superseded": "superseded",
    "abandoned": "abandoned",
}
END_STYLE = {
    "expired": MarkStyle("expired (term ran out)", "s", BLACK, "#FFFFFF", 7.5, 0.8),
    "terminated": MarkStyle("terminated", "X", VERMILLION, BLACK, 9.0, 0.7),
    "superseded": MarkStyle("superseded", "D", PURPLE, BLACK, 6.5, 0.8),
    "abandoned": MarkStyle("abandoned, never in force", "h", "#FFFFFF", BLACK, 8.0, 1.2),
}
# Events marked on the bars, by entry type (history.MARKED_TYPES); drawn in this order.
MARK_STYLE = {
    "statement": MarkStyle("statement or announcement", "o", "#FFFFFF", INK, 4.5, 0.9),
    "extended": MarkStyle("extended", "P", GREEN, "#FFFFFF", 8.0, 0.6),
    "resumed": MarkStyle("implementation resumed", ">", GREEN, "#FFFFFF", 6.5, 0.6),
    "withdrawal-rescinded": MarkStyle("withdrawal notice rescinded", "^", "#FFFFFF", GREEN, 6.5, 1.2),
    "deratified": MarkStyle("ratification withdrawn", "v", "#FFFFFF", PURPLE, 6.5, 1.2),
    "withdrawal-notice": MarkStyle("notice of withdrawal", "v", "#FFFFFF", VERMILLION, 7.0, 1.3),
    "withdrawn": MarkStyle("a party's withdrawal took effect", "v", VERMILLION, BLACK, 7.0, 0.7),
}
# The per-state picture: one style per standing (`PartyStatus` values), in the legend's order.
# Standings not listed (not a party yet, not yet existing, ceased to exist) are left blank.
# "party, suspension claimed": a party that declared a suspension its treaty does not provide for.
STANDING_STYLE: dict[str, BarStyle] = {
    "signatory": BarStyle("signatory", "#FFFFFF", SKY_BLUE, "////"),
    "ratified": BarStyle("ratified, not yet bound", SKY_BLUE, SKY_BLUE, None),
    "consented": BarStyle("consented (day in force not recorded)", "#FFFFFF", BLUE, "oo"),
    "party": BarStyle("party", BLUE, BLUE, None),
    "suspended": BarStyle("party, suspended", ORANGE, "#FFFFFF", "xxx"),
    "suspension-claimed": BarStyle("party, suspension claimed", BLUE, ORANGE, "+++"),
    "withdrawn": BarStyle("withdrawn", VERMILLION, "#FFFFFF", "\\\\\\"),
    "withdrawal-conditional": BarStyle("withdrawal subject to a condition", "#FFFFFF", VERMILLION, ".."),
    "deratified": BarStyle("deratified (signature stands)", "#FFFFFF", PURPLE, "---"),
    "signature-withdrawn": BarStyle("signature withdrawn", PURPLE, "#FFFFFF", "|||"),
    "treaty-ended": BarStyle("former party (the treaty ended)", "#BFBFBF", "#BFBFBF", None),
    "not-recorded": BarStyle("standing not recorded", "#FFFFFF", MUTED, "...."),
}
# Said at the end of a row, right of the as-of line: how a state stands apart on the day.
END_NOTE = {
    "withdrawn": "withdrew",
    "deratified": "revoked its ratification",
    "signature-withdrawn": "withdrew its signature",
    "suspended": "suspended",
    "suspension-claimed": "claims a suspension",
    "ceased-to-exist": "ceased to exist",
}
NOTICE_MARK = MarkStyle("notice of withdrawal given", "v", "#FFFFFF", VERMILLION, 5.5, 1.1)
# The membership map (`export map`): every standing a state can have on a day, in the legend's
# order, with the per-state chart's styles where it has one (so that map and chart agree).
MAP_STYLE: dict[str, BarStyle] = {
    "party": STANDING_STYLE["party"],
    "member": BarStyle("member", BLUE, BLUE, None),
    "subscribing": BarStyle("subscribing state", BLUE, BLUE, None),
    "endorsing": BarStyle("endorsing state", BLUE, BLUE, None),
    **{k: v for k, v in STANDING_STYLE.items() if k not in ("party", "not-recorded")},
    "not-party": BarStyle("not a party, not a signatory", "#FFFFFF", "#FFFFFF", None),
    "not-recorded": STANDING_STYLE["not-recorded"],
    "day-not-recorded": BarStyle("day of an act not recorded", "#FFFFFF", MUTED, "\\\\"),
    "not-yet-existing": BarStyle("did not exist yet on the day", BAND, MUTED, "--"),
    "ceased-to-exist": BarStyle("had ceased to exist", BAND, MUTED, "||"),
    # Not a standing: a state of today on the territory of a state that then existed (core.world).
    "former-state": BarStyle("within a state that no longer exists (see below)", "#E4E4E4", "#8C8C8C", "xx"),
}
TERRITORY = BarStyle("territory without an ISO state of its own / not assessed", "#D4D4D4", "#D4D4D4", None)
BORDER = "#8C8C8C"  # the lines between states, drawn over their fills
