"""States by their common English names: ISO's common and official names, a short list of
customary ones, in any case and with or without accents; an ambiguous name lists candidates."""

from __future__ import annotations

import json

import pycountry
import pytest
from typer.testing import CliRunner

from treatytrack.cli import app
from treatytrack.core.statenames import AMBIGUOUS, CUSTOMARY

runner = CliRunner()


def _code(name: str) -> str:
    result = runner.invoke(app, ["party", name, "--as-of", "2020-01-01", "-f", "json"])
    assert result.exit_code == 0, result.output
    return str(json.loads(result.stdout)["parties"][0]["code"])


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Turkey", "TUR"),
        ("Türkiye", "TUR"),
        ("turkiye", "TUR"),
        ("Ivory Coast", "CIV"),
        ("Côte d'Ivoire", "CIV"),
        ("COTE D’IVOIRE", "CIV"),
        ("Vatican", "VAT"),
        ("Holy See", "VAT"),
        ("Burma", "MMR"),
        ("North Korea", "PRK"),
        ("Democratic People's Republic of Korea", "PRK"),  # an official name
        ("Czech Republic", "CZE"),
        ("the Gambia", "GMB"),
        ("russian federation", "RUS"),
        ("ru", "RUS"),
    ],
)
def test_common_names_are_accepted(name: str, code: str) -> None:
    assert _code(name) == code


def test_an_ambiguous_name_is_a_usage_error_with_candidates() -> None:
    result = runner.invoke(app, ["party", "Congo", "--as-of", "2020-01-01"])
    assert result.exit_code == 2 and result.stdout == ""
    assert "COG" in result.stderr and "COD" in result.stderr


def test_an_unknown_name_is_a_usage_error() -> None:
    result = runner.invoke(app, ["list", "--party", "Narnia", "--as-of", "2020-01-01"])
    assert result.exit_code == 2 and "no state or organisation called 'Narnia'" in result.stderr


def test_the_customary_list_names_real_codes() -> None:
    iso = {c.alpha_3 for c in pycountry.countries} | {c.alpha_3 for c in pycountry.historic_countries}
    assert set(CUSTOMARY.values()) - iso == {"EU"}
    assert all(set(codes) <= iso for codes in AMBIGUOUS.values())


def test_the_names_read_from_pycountrys_files_are_pycountrys_names() -> None:
    """`store.isonames` reads the two JSON files pycountry ships instead of importing it; the map
    must be the one pycountry's own objects give (validation's `iso_codes`)."""
    from treatytrack.core.checks import iso_codes
    from treatytrack.store import isonames

    assert isonames._from_data_files() == iso_codes()
    assert isonames.iso_names()["SUN"] == "USSR, Union of Soviet Socialist Republics"


def test_the_names_come_from_pycountry_itself_where_its_files_are_not_found(monkeypatch: pytest.MonkeyPatch) -> None:
    from treatytrack.core.checks import iso_codes
    from treatytrack.store import isonames

    monkeypatch.setattr(isonames.importlib.util, "find_spec", lambda name: None)
    isonames.iso_names.cache_clear()
    try:
        assert isonames._from_data_files() is None
        assert isonames.iso_names() == iso_codes()
    finally:
        isonames.iso_names.cache_clear()
