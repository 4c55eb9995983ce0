"""State names as depositaries spell them, mapped to ISO 3166-1 alpha-3 codes.

pycountry knows the ISO names (`Türkiye`, `Viet Nam`, `Czechia`...) and most official names
(`Russian Federation`, `Democratic People's Republic of Korea`); the UN's own spellings with a
parenthesis (`Bolivia (Plurinational State of)`, `Netherlands (Kingdom of the)`) and a few short
forms are not among them, so they are listed here, each tested. Only exact names match: a fuzzy
match would read "Republic of Korea" as the DPRK.

Pure: no files, no network.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from functools import cache

# The UN Treaty Collection's (and the UN's) spellings that pycountry's exact names do not cover,
# or that a reader might map wrongly. Keys are written as the depositary writes them.
UN_SPELLINGS: dict[str, str] = {
    "Bahamas (The)": "BHS",
    "Bahamas": "BHS",
    "Bolivia (Plurinational State of)": "BOL",
    "Congo": "COG",
    "Côte d'Ivoire": "CIV",
    "Czech Republic": "CZE",
    "Democratic People's Republic of Korea": "PRK",
    "Democratic Republic of the Congo": "COD",
    "Holy See": "VAT",
    "Iran (Islamic Republic of)": "IRN",
    "Micronesia (Federated States of)": "FSM",
    "Netherlands (Kingdom of the)": "NLD",
    "Netherlands": "NLD",
    "Republic of Korea": "KOR",
    "Republic of Moldova": "MDA",
    "Russian Federation": "RUS",
    "St. Kitts and Nevis": "KNA",
    "St. Lucia": "LCA",
    "St. Vincent and the Grenadines": "VCT",
    "State of Palestine": "PSE",
    "Türkiye": "TUR",
    "Turkey": "TUR",
    "United Kingdom of Great Britain and Northern Ireland": "GBR",
    "United States of America": "USA",
    "Venezuela (Bolivarian Republic of)": "VEN",
    "Zaire": "COD",
}

# States that no longer exist, as the depositary's End Notes name them (historic ISO 3166-3 codes).
PREDECESSORS: dict[str, str] = {
    "Czechoslovakia": "CSK",
    "German Democratic Republic": "DDR",
    "former Yugoslavia": "YUG",
    "Yugoslavia": "YUG",
    "Socialist Federal Republic of Yugoslavia": "YUG",
    "Democratic Yemen": "YMD",
    "Union of Soviet Socialist Republics": "SUN",
    "USSR": "SUN",
}


class UnknownName(LookupError):
    """A state name the tables and pycountry do not know."""


def normalise(name: str) -> str:
    """One spelling for comparison: NFC, straight apostrophes, single spaces, no case."""
    text = unicodedata.normalize("NFC", name).replace("\u2019", "'").replace("\xa0", " ")
    return re.sub(r"\s+", " ", text).strip().casefold()


@cache
def _pycountry_names() -> dict[str, str]:
    import pycountry  # only name lookups need it

    names: dict[str, str] = {}
    for country in pycountry.countries:
        for field in ("name", "official_name", "common_name"):
            value = getattr(country, field, None)
            if value:
                names.setdefault(normalise(value), country.alpha_3)
    return names


class NameIndex:
    """Codes for names: the UN spellings above, then pycountry's exact names, then the dataset's
    own non-state parties (the European Union as `EU`)."""

    def __init__(self, non_state_parties: Mapping[str, str] | None = None) -> None:
        self._own = {normalise(name): code for name, code in UN_SPELLINGS.items()}
        self._extra = {normalise(name): code for name, code in (non_state_parties or {}).items()}

    def code(self, name: str) -> str:
        key = normalise(name)
        for table in (self._own, _pycountry_names(), self._extra):
            if key in table:
                return table[key]
        raise UnknownName(name)

    def codes(self, names: Iterable[str]) -> dict[str, str]:
        return {name: self.code(name) for name in names}


def predecessor_code(name: str) -> str | None:
    """The historic code of a state an End Note names as a predecessor (`Czechoslovakia`: CSK)."""
    key = normalise(re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE))
    for spelled, code in PREDECESSORS.items():
        if normalise(spelled) == key:
            return code
    return None


def alpha3_from_alpha2(alpha_2: str) -> str | None:
    """The alpha-3 code for an alpha-2 code (from a flag emoji), or None."""
    import pycountry

    country = pycountry.countries.get(alpha_2=alpha_2.upper())
    return country.alpha_3 if country is not None else None


def flag_alpha2(flag: str) -> str | None:
    """The two letters of a flag emoji (regional indicator symbols), or None if it is not one."""
    letters = [ord(ch) - 0x1F1E6 for ch in flag.strip()]
    if len(letters) != 2 or not all(0 <= n < 26 for n in letters):
        return None
    return "".join(chr(ord("A") + n) for n in letters)
