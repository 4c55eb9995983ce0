"""The membership map's question (`export map`): every drawn state's standing under one treaty on
one day, and what the map cannot draw (states that have ceased to exist, states too small for
its scale). Pure: the shapes come in as `MapArea`s (read by treatytrack.store.world), the
standings are `standing_on`'s, the very ones `parties TREATY --as-of DAY` gives.

The map draws today's borders. A state that no longer exists (the USSR, Czechoslovakia) has no
shape: its standing is said in words (`WorldStandings.former`). While it existed, today's states
on its territory (`FORMER_TERRITORY`) that have no act of their own recorded by the day are not
assessed (`WorldStandings.within`): neither their later standing nor "not a party" is given
to a republic of the USSR in 1985. One with acts of its own by then is coloured by them. No
standing is given to a territory that is no state (`MapArea.state` false: Greenland, Western
Sahara, northern Cyprus). Whether a former state existed on the day is the dataset's
`state_history` (its sourced `ended` or `ended_by`); which of today's states lie on its territory
is the table below (the successor states the UN lists for each, https://www.un.org/en/about-us/member-states).
A former state whose territory lies inside one of today's shapes (the German Democratic
Republic in Germany's, Democratic Yemen in Yemen's) is said in words only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import NamedTuple

from treatytrack.core.engine import assess
from treatytrack.core.models import Treaty
from treatytrack.core.standing import Standing, StateHistory, standing_on, states_of
from treatytrack.core.vocab import PartyStatus

Ring = tuple[tuple[float, float], ...]


class MapArea(NamedTuple):
    """One shape of the world map: a state (ISO 3166-1 alpha-3 `code`) or a territory that is no
    state (`state` false; `code` None where it has no ISO code), as rings of (longitude,
    latitude) in degrees: outer rings and holes, of every part."""

    code: str | None
    name: str
    state: bool
    rings: tuple[Ring, ...]


class WorldStandings(NamedTuple):
    """What `export map` draws and says on `day`."""

    day: dt.date
    drawn: dict[str, Standing]  # each drawn state's standing, by code
    former: list[Standing]  # states that no longer exist and held a recorded standing on the day
    undrawn: list[Standing]  # the treaty's recorded states without a shape (too small), on the day
    within: dict[str, str]  # drawn states not assessed: code -> the former state whose territory they were


_GONE = (PartyStatus.CEASED_TO_EXIST, PartyStatus.NOT_YET_EXISTING)
# Today's states that lie on the territory of a state that no longer exists.
FORMER_TERRITORY: dict[str, tuple[str, ...]] = {
    "SUN": (
        "ARM", "AZE", "BLR", "EST", "GEO", "KAZ", "KGZ", "LTU", "LVA", "MDA", "RUS", "TJK", "TKM", "UKR", "UZB",
    ),
    "CSK": ("CZE", "SVK"),
    "YUG": ("BIH", "HRV", "MKD", "MNE", "SRB", "SVN", "XKX"),
    "SCG": ("MNE", "SRB", "XKX"),
}  # fmt: skip


def world_standings(
    treaty: Treaty, areas: Sequence[MapArea], day: dt.date, history: StateHistory, former_codes: Sequence[str]
) -> WorldStandings:
    """Each drawn state's standing on `day`; the states of `former_codes` (those the dataset says
    ceased to exist) that had a recorded act by then; and the recorded states the map has no
    shape for (existing on the day)."""
    now = assess(treaty, day)
    drawn = {
        area.code: standing_on(treaty, area.code, day, history, now)
        for area in areas
        if area.state and area.code is not None
    }
    former = [standing_on(treaty, code, day, history, now) for code in former_codes if code not in drawn]
    former = [s for s in former if s.acts and s.status not in _GONE]
    undrawn = [
        s
        for s in (standing_on(treaty, code, day, history, now) for code in states_of(treaty, history))
        if s.state not in drawn and s.state not in former_codes and s.status not in _GONE
    ]
    within: dict[str, str] = {}
    for old, codes in FORMER_TERRITORY.items():
        began = history.began(old)
        if old not in former_codes or history.ceased_by(old, day) or (began is not None and day < began):
            continue
        for code in codes:
            if code in drawn and not (drawn[code].acts and drawn[code].status not in _GONE):
                within.setdefault(code, old)
    return WorldStandings(day, drawn, former, undrawn, within)
