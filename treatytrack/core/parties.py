"""States and organisations by code or name, and where one stands across all treaties. Pure."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Mapping
from dataclasses import dataclass

from treatytrack.core.engine import assess, exists_on
from treatytrack.core.models import Dataset, Treaty
from treatytrack.core.standing import Standing, StateHistory, standing_on


class PartyNotFound(LookupError):
    def __init__(self, query: str, suggestions: list[str]) -> None:
        super().__init__(query)
        self.query = query
        self.suggestions = suggestions


class AmbiguousParty(LookupError):
    """A name customarily used for several states ("Congo"): guessing one would answer about a
    state the user may not have meant."""

    def __init__(self, query: str, candidates: list[str]) -> None:
        super().__init__(query)
        self.query = query
        self.candidates = candidates  # "COG (Congo)"


def party_names(dataset: Dataset, iso: Mapping[str, str] | None = None) -> dict[str, str]:
    """Every known code with its name: ISO (current and historic: `iso`, when the caller has
    read them already, else pycountry's) and the dataset's organisations."""
    if iso is None:
        from treatytrack.core.checks import iso_codes

        iso = iso_codes()
    return dict(iso) | {org.code: org.name for org in dataset.non_state_parties}


def resolve_party(dataset: Dataset, query: str, names: Mapping[str, str] | None = None) -> str:
    """A party code from a code (`RUS`, `ru`) or a name: ISO's common, official or short name,
    or a customary one (`Russia`, `Turkey`, `Ivory Coast`), in any case and with or without
    accents. An unknown name raises PartyNotFound with close names, an ambiguous one
    AmbiguousParty with the candidates. `names`: `party_names(dataset)`, when the caller has them."""
    from treatytrack.core.statenames import CUSTOMARY, alpha2, codes_named, fold, iso_spellings

    names = party_names(dataset) if names is None else names
    if query.upper() in names:
        return query.upper()
    if query.upper() in alpha2():
        return alpha2()[query.upper()]
    organisations = {org.code: org.name for org in dataset.non_state_parties}
    codes = [c for c in codes_named(query, organisations) if c in names]
    if len(codes) == 1:
        return codes[0]
    if codes:
        raise AmbiguousParty(query, [f"{c} ({names[c]})" for c in codes])
    wanted = fold(query)
    by_name = {fold(name): code for code, name in names.items()}
    by_name |= {k: v[0] for k, v in iso_spellings().items() if len(v) == 1}
    by_name |= {fold(k): v for k, v in CUSTOMARY.items()}
    close = difflib.get_close_matches(wanted, list(by_name), n=4, cutoff=0.6)
    contains = [n for n in by_name if len(wanted) >= 3 and wanted in n]
    suggestions = list(dict.fromkeys(f"{by_name[n]} ({names.get(by_name[n], n)})" for n in close + contains))[:5]
    raise PartyNotFound(query, suggestions)


@dataclass(frozen=True)
class TreatyStanding:
    """One treaty in a state's overview: the treaty's status and the state's standing under it."""

    treaty: Treaty
    category: str
    standing: Standing
    treaty_status: str


def standings(dataset: Dataset, code: str, day: dt.date) -> list[TreatyStanding]:
    """The state's standing under every treaty that existed on `day`, grouped by main category."""
    history = StateHistory(dataset.state_history)
    found = []
    for treaty in dataset.treaties:
        if not exists_on(treaty, day):
            continue
        now = assess(treaty, day)
        found.append(
            TreatyStanding(
                treaty, treaty.categories[0].value, standing_on(treaty, code, day, history, now), now.status.value
            )
        )
    found.sort(key=lambda s: (s.category, s.treaty.began or dt.date.min, s.treaty.id))
    return found
