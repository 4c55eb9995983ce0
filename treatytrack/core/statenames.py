"""States by the names people call them: ISO's names (pycountry's name, common name and official
name, current and historic), the dataset's organisations, and a short list of customary names
ISO does not use ("Turkey", "Ivory Coast", "Burma"). Case, accents, punctuation and a leading
"the" do not matter. Pure.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import cache

# Names people type that ISO's names (in some pycountry version) do not contain, each for one
# code. Checked by tests/test_state_names.py: every code here is an ISO code.
CUSTOMARY = {
    "us": "USA",
    "u.s.": "USA",
    "usa": "USA",
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
    "turkey": "TUR",
    "ivory coast": "CIV",
    "vatican": "VAT",
    "vatican city": "VAT",
    "holy see": "VAT",
    "burma": "MMR",
    "czech republic": "CZE",
    "czechia": "CZE",
    "laos": "LAO",
    "moldova": "MDA",
    "bolivia": "BOL",
    "venezuela": "VEN",
    "tanzania": "TZA",
    "vietnam": "VNM",
    "viet nam": "VNM",
    "brunei": "BRN",
    "cape verde": "CPV",
    "east timor": "TLS",
    "swaziland": "SWZ",
    "macedonia": "MKD",
    "micronesia": "FSM",
    "palestine": "PSE",
    "taiwan": "TWN",
    "east germany": "DDR",
    "yugoslavia": "YUG",
    "czechoslovakia": "CSK",
    "european union": "EU",
}
# Names customarily used for more than one state: never guessed.
AMBIGUOUS = {
    "congo": ("COG", "COD"),
    "korea": ("KOR", "PRK"),
}


def fold(text: str) -> str:
    """A name as compared: no case, accents or punctuation, single spaces, no leading "the"."""
    text = unicodedata.normalize("NFKD", text).casefold()
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = " ".join(re.sub(r"[^\w]+", " ", text.replace("'", "").replace("\u2019", "")).split())
    return text.removeprefix("the ")


@cache
def iso_spellings() -> dict[str, tuple[str, ...]]:
    """Each folded ISO name with the codes it names: current countries' names first (a historic
    country of the same name does not make a current one's name ambiguous)."""
    import pycountry

    current: dict[str, set[str]] = {}
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, "")
            if value:
                current.setdefault(fold(value), set()).add(str(country.alpha_3))
    historic: dict[str, set[str]] = {}
    for country in pycountry.historic_countries:
        historic.setdefault(fold(country.name), set()).add(str(country.alpha_3))
    merged = {k: tuple(sorted(v)) for k, v in historic.items()}
    merged.update({k: tuple(sorted(v)) for k, v in current.items()})
    return merged


@cache
def alpha2() -> dict[str, str]:
    import pycountry

    return {str(c.alpha_2): str(c.alpha_3) for c in pycountry.countries}


def codes_named(query: str, organisations: Mapping[str, str]) -> tuple[str, ...]:
    """The codes `query` may name: one for a known name, several for an ambiguous one ("Congo"),
    none for an unknown one. Customary names first, then ISO's, then the organisations'."""
    wanted = fold(query)
    customary = {fold(k): v for k, v in CUSTOMARY.items()}
    if wanted in customary:
        return (customary[wanted],)
    if wanted in AMBIGUOUS:
        return AMBIGUOUS[wanted]
    iso = iso_spellings().get(wanted)
    if iso:
        return iso
    return tuple(code for code, name in organisations.items() if fold(name) == wanted)


def names_for(code: str) -> list[str]:
    """The names a code is completed with: ISO's common name (or name) and customary names."""
    import pycountry

    found = []
    country = pycountry.countries.get(alpha_3=code) or pycountry.historic_countries.get(alpha_3=code)
    if country is not None:
        found.append(str(getattr(country, "common_name", "") or country.name))
    found += [name.title() if len(name) > 4 else name.upper() for name, c in CUSTOMARY.items() if c == code]
    return list(dict.fromkeys(n for n in found if "." not in n))
