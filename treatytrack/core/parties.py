"""States and organisations by code or name, and where one stands across all treaties. Pure."""

from __future__ import annotations

import datetime as dt
import difflib
import unicodedata
from dataclasses import dataclass

from treatytrack.core.engine import assess, exists_on
from treatytrack.core.models import Dataset, Treaty
from treatytrack.core.standing import Standing, StateHistory, standing_on

# Short names people type that ISO's names do not contain.
COMMON_NAMES = {
    "us": "USA",
    "u.s.": "USA",
    "america": "USA",
    "united states": "USA",
    "uk": "GBR",
    "britain": "GBR",
    "great britain": "GBR",
    "united kingdom": "GBR",
    "russia": "RUS",
    "ussr": "SUN",
    "soviet union": "SUN",
    "north korea": "PRK",
    "dprk": "PRK",
    "south korea": "KOR",
    "iran": "IRN",
    "syria": "SYR",
    "china": "CHN",
    "prc": "CHN",
    "european union": "EU",
}


class PartyNotFound(LookupError):
    def __init__(self, query: str, suggestions: list[str]) -> None:
        super().__init__(query)
        self.query = query
        self.suggestions = suggestions


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).casefold()
    return " ".join("".join(ch for ch in text if not unicodedata.combining(ch)).split())


def party_names(dataset: Dataset) -> dict[str, str]:
    """Every known code with its name: ISO (current and historic) and the dataset's organisations."""
    from treatytrack.core.checks import iso_codes

    return dict(iso_codes()) | {org.code: org.name for org in dataset.non_state_parties}


def resolve_party(dataset: Dataset, query: str) -> str:
    """A party code from a code (`RUS`, `ru`) or a name (`Russia`, `russian federation`)."""
    names = party_names(dataset)
    wanted = _fold(query)
    if query.upper() in names:
        return query.upper()
    if wanted in COMMON_NAMES and COMMON_NAMES[wanted] in names:
        return COMMON_NAMES[wanted]
    import pycountry

    for country in pycountry.countries:
        spellings = [
            country.alpha_2,
            country.name,
            getattr(country, "common_name", ""),
            getattr(country, "official_name", ""),
        ]
        if any(wanted == _fold(s) for s in spellings if s):
            return str(country.alpha_3)
    for code, name in names.items():
        if wanted == _fold(name):
            return code
    by_name = {_fold(name): code for code, name in names.items()} | dict(COMMON_NAMES)
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
