"""The membership map's question (`export map`): every drawn state's standing under one treaty on
one day, and what the map cannot draw (states that have ceased to exist, states too small for
its scale). Pure: the shapes come in as `MapArea`s (read by treatytrack.store.world), the
standings are `standing_on`'s, the very ones `parties TREATY --as-of DAY` gives.

The map draws today's borders. A state that no longer exists (the USSR, Czechoslovakia) has no
shape: its standing is said in words (`WorldStandings.former`), and today's states on its
territory are coloured by their own records only. The one exception is the dataset's own: a
state that continues another (the Russian Federation the USSR, `state_history.continued_by`)
carries on its acts, as everywhere in treatytrack. No standing is given to a territory that is
no state (`MapArea.state` false: Greenland, Western Sahara, northern Cyprus).
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


_GONE = (PartyStatus.CEASED_TO_EXIST, PartyStatus.NOT_YET_EXISTING)


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
    return WorldStandings(day, drawn, former, undrawn)
