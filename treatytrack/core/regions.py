"""Where each state lies in the UN's geographic regions (the M49 standard), to group the states of
a per-state chart. Pure data and lookups; nothing here reads a file.

The grouping is the United Nations Statistics Division's "Standard country or area codes for
statistical use (M49)", geographic regions (https://unstats.un.org/unsd/methodology/m49/): five
regions (Africa, Americas, Asia, Europe, Oceania) and, within them, the sub-regions of the UN
geoscheme (where M49 divides a sub-region further, as Latin America and the Caribbean into the
Caribbean, Central America and South America, or Sub-Saharan Africa into Eastern, Middle,
Southern and Western Africa, the finer one). Written out here rather than taken from a package:
no well-kept permissively licensed package on the package index has it (pycountry has no regions;
country_converter has them but is GPL-3 and needs pandas), and M49 changes rarely. The table was
cross-checked, code by code, against country_converter 1.3.2's `UNregion` column; the one
difference is Nauru, which M49 places in Micronesia (country_converter: Polynesia).

M49 does not list Taiwan or Kosovo, nor states that have ceased to exist; `NOT_IN_M49` places
them where the geoscheme places their territory today, and says so.
"""

from __future__ import annotations

import enum
from collections.abc import Collection, Iterable, Mapping
from typing import NamedTuple

M49_URL = "https://unstats.un.org/unsd/methodology/m49/"

# Region -> sub-region -> ISO 3166-1 alpha-3 codes (countries and areas), as M49 lists them.
M49: dict[str, dict[str, tuple[str, ...]]] = {
    "Africa": {
        "Northern Africa": ("DZA", "EGY", "ESH", "LBY", "MAR", "SDN", "TUN"),
        "Eastern Africa": (
            "ATF", "BDI", "COM", "DJI", "ERI", "ETH", "IOT", "KEN", "MDG", "MOZ", "MUS", "MWI",
            "MYT", "REU", "RWA", "SOM", "SSD", "SYC", "TZA", "UGA", "ZMB", "ZWE",
        ),
        "Middle Africa": ("AGO", "CAF", "CMR", "COD", "COG", "GAB", "GNQ", "STP", "TCD"),
        "Southern Africa": ("BWA", "LSO", "NAM", "SWZ", "ZAF"),
        "Western Africa": (
            "BEN", "BFA", "CIV", "CPV", "GHA", "GIN", "GMB", "GNB", "LBR", "MLI", "MRT", "NER",
            "NGA", "SEN", "SHN", "SLE", "TGO",
        ),
    },
    "Americas": {
        "Caribbean": (
            "ABW", "AIA", "ATG", "BES", "BHS", "BLM", "BRB", "CUB", "CUW", "CYM", "DMA", "DOM",
            "GLP", "GRD", "HTI", "JAM", "KNA", "LCA", "MAF", "MSR", "MTQ", "PRI", "SXM", "TCA",
            "TTO", "VCT", "VGB", "VIR",
        ),
        "Central America": ("BLZ", "CRI", "GTM", "HND", "MEX", "NIC", "PAN", "SLV"),
        "South America": (
            "ARG", "BOL", "BRA", "BVT", "CHL", "COL", "ECU", "FLK", "GUF", "GUY", "PER", "PRY",
            "SGS", "SUR", "URY", "VEN",
        ),
        "Northern America": ("BMU", "CAN", "GRL", "SPM", "USA"),
    },
    "Asia": {
        "Central Asia": ("KAZ", "KGZ", "TJK", "TKM", "UZB"),
        "Eastern Asia": ("CHN", "HKG", "JPN", "KOR", "MAC", "MNG", "PRK"),
        "South-eastern Asia": ("BRN", "IDN", "KHM", "LAO", "MMR", "MYS", "PHL", "SGP", "THA", "TLS", "VNM"),
        "Southern Asia": ("AFG", "BGD", "BTN", "IND", "IRN", "LKA", "MDV", "NPL", "PAK"),
        "Western Asia": (
            "ARE", "ARM", "AZE", "BHR", "CYP", "GEO", "IRQ", "ISR", "JOR", "KWT", "LBN", "OMN",
            "PSE", "QAT", "SAU", "SYR", "TUR", "YEM",
        ),
    },
    "Europe": {
        "Eastern Europe": ("BGR", "BLR", "CZE", "HUN", "MDA", "POL", "ROU", "RUS", "SVK", "UKR"),
        "Northern Europe": (
            "ALA", "DNK", "EST", "FIN", "FRO", "GBR", "GGY", "IMN", "IRL", "ISL", "JEY", "LTU",
            "LVA", "NOR", "SJM", "SWE",
        ),
        "Southern Europe": (
            "ALB", "AND", "BIH", "ESP", "GIB", "GRC", "HRV", "ITA", "MKD", "MLT", "MNE", "PRT",
            "SMR", "SRB", "SVN", "VAT",
        ),
        "Western Europe": ("AUT", "BEL", "CHE", "DEU", "FRA", "LIE", "LUX", "MCO", "NLD"),
    },
    "Oceania": {
        "Australia and New Zealand": ("AUS", "CCK", "CXR", "HMD", "NFK", "NZL"),
        "Melanesia": ("FJI", "NCL", "PNG", "SLB", "VUT"),
        "Micronesia": ("FSM", "GUM", "KIR", "MHL", "MNP", "NRU", "PLW", "UMI"),
        "Polynesia": ("ASM", "COK", "NIU", "PCN", "PYF", "TKL", "TON", "TUV", "WLF", "WSM"),
    },
}  # fmt: skip

# Not in M49: placed in the sub-region of their territory (for former states, as it lies today).
NOT_IN_M49: dict[str, tuple[str, str]] = {
    "TWN": ("Asia", "Eastern Asia"),
    "XKX": ("Europe", "Southern Europe"),
    "SUN": ("Europe", "Eastern Europe"),  # the USSR: with the Russian Federation, which continues it
    "CSK": ("Europe", "Eastern Europe"),  # Czechoslovakia: Czechia and Slovakia
    "DDR": ("Europe", "Western Europe"),  # the German Democratic Republic: Germany
    "YUG": ("Europe", "Southern Europe"),  # Yugoslavia
    "SCG": ("Europe", "Southern Europe"),  # the FRY / Serbia and Montenegro
    "YMD": ("Asia", "Western Asia"),  # Democratic Yemen
}

ORGANISATIONS = "International organisations"
UNPLACED = "Not in a UN region"


class Place(NamedTuple):
    region: str
    subregion: str


def _places() -> dict[str, Place]:
    found = {code: Place(region, sub) for region, subs in M49.items() for sub, codes in subs.items() for code in codes}
    found.update({code: Place(*place) for code, place in NOT_IN_M49.items()})
    return found


PLACES = _places()
_REGION_ORDER = {region: i for i, region in enumerate(M49)}


def place_of(code: str) -> Place | None:
    """The M49 region and sub-region of a state, or None (an organisation, an unknown code)."""
    return PLACES.get(code)


class Order(enum.StrEnum):
    """How a per-state chart orders its rows."""

    REGION = "region"  # by UN region and sub-region, then by name
    NAME = "name"  # by name, as depositaries list states


class Group(NamedTuple):
    """A run of states under one heading (`region` None: no heading, as in alphabetical order)."""

    region: str | None
    subregion: str | None
    codes: list[str]


def group_states(
    codes: Iterable[str], names: Mapping[str, str], order: Order, organisations: Collection[str] = ()
) -> list[Group]:
    """`codes` in the order asked for: one group sorted by name, or one group per sub-region, the
    regions in M49's order (Africa, Americas, Asia, Europe, Oceania), the sub-regions and the
    states within them by name; then organisations, then codes no region places."""

    def name_key(code: str) -> tuple[str, str]:
        return names.get(code, code).casefold(), code

    codes = sorted(set(codes), key=name_key)
    if order is Order.NAME:
        return [Group(None, None, codes)] if codes else []
    groups: dict[tuple[int, str, str], list[str]] = {}
    for code in codes:
        place = place_of(code)
        if place is not None:
            key = (_REGION_ORDER[place.region], place.region, place.subregion)
        elif code in organisations:
            key = (len(_REGION_ORDER), ORGANISATIONS, "")
        else:
            key = (len(_REGION_ORDER) + 1, UNPLACED, "")
        groups.setdefault(key, []).append(code)
    return [
        Group(region, subregion or None, members)
        for (_, region, subregion), members in sorted(groups.items(), key=lambda item: (item[0][0], item[0][2]))
    ]
