"""ISO 3166 names of states, current and historic, read from pycountry's own data files.

Every command that shows states by name needs ISO's names (`Türkiye`, `USSR, Union of Soviet
Socialist Republics`). Importing pycountry and letting it build an object for each of its
countries takes about 20 ms, an eighth of a command such as `parties npt`; the names are in the
two JSON files pycountry ships (`databases/iso3166-1.json` and `iso3166-3.json`), read here in
well under a millisecond, without importing it. Where those files are not where this expects
them, or not shaped as expected (another pycountry), the names come from pycountry itself
(`core.checks.iso_codes`), as validation's do; `tests/test_state_names.py` checks that both
give the same map.
"""

from __future__ import annotations

import functools
import importlib.util
import json
from pathlib import Path

# pycountry's files and the key under which each lists its entries.
_TABLES = (("iso3166-3.json", "3166-3"), ("iso3166-1.json", "3166-1"))  # historic first: current names win


@functools.cache
def iso_names() -> dict[str, str]:
    """ISO 3166-1 alpha-3 codes, current and historic (SUN, YUG, CSK, DDR...), with their names."""
    found = _from_data_files()
    if found is None:
        from treatytrack.core.checks import iso_codes

        found = dict(iso_codes())
    return found


def _from_data_files() -> dict[str, str] | None:
    spec = importlib.util.find_spec("pycountry")
    locations = spec.submodule_search_locations if spec is not None else None
    if not locations:
        return None
    names: dict[str, str] = {}
    for file_name, key in _TABLES:
        try:
            entries = json.loads((Path(locations[0]) / "databases" / file_name).read_bytes())[key]
            names.update({entry["alpha_3"]: entry["name"] for entry in entries if "alpha_3" in entry})
        except (OSError, ValueError, KeyError, TypeError):
            return None
    if not all(isinstance(code, str) and isinstance(name, str) for code, name in names.items()):
        return None
    return names
