"""`treatytrack import untc`: small status pages written for these tests, in the UN Treaty
Collection's structure (brackets, footnote superscripts, suffix letters, `&nbsp;` padding, tabs,
a missing signature column, End Notes), imported into a small treaty file."""

from __future__ import annotations

import datetime as dt
import shutil
import stat
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from tests.conftest import check_golden
from treatytrack.cli import app
from treatytrack.importers.names import UN_SPELLINGS, NameIndex, UnknownName, flag_alpha2, predecessor_code
from treatytrack.importers.untc import depositary_url, import_page, read_note

HERE = Path(__file__).resolve().parent / "fixtures" / "untc"
DATA = HERE / "data.yaml"
runner = CliRunner()


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "treaties.yaml"
    shutil.copyfile(DATA, target)
    return target


def run(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, ["import", "untc", *map(str, args)])
    return result.exit_code, result.stdout, result.stderr


def rows(path: Path, treaty: str) -> dict[str, dict[str, object]]:
    loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    return next(t for t in loaded["treaties"] if t["id"] == treaty)["participation"]["states"]  # type: ignore[no-any-return]


# -- the written file -------------------------------------------------------------------------


def test_import_writes_the_table_and_nothing_else(data: Path) -> None:
    code, out, err = run(HERE / "ban.html", "--treaty", "ban-treaty", "--data", data)
    assert code == 0, err
    assert out == ""
    check_golden("import-untc-ban.yaml", data.read_text(encoding="utf-8"))
    before, after = DATA.read_text(encoding="utf-8").splitlines(), data.read_text(encoding="utf-8").splitlines()
    start = before.index("    participation:")
    # Everything before the table and after it (the next section's comment onwards) is byte-identical.
    assert after[:start] == before[:start]
    tail = before.index("  # ---- second section ----")
    assert after[-(len(before) - tail) :] == before[tail:]


def test_summary_says_what_changed(data: Path) -> None:
    _, _, err = run(HERE / "ban.html", "--treaty", "ban-treaty", "--data", data)
    assert "status as at 2026-02-03, 13 states; header: Signatories 8 (table 8), Parties 11 (table 11)" in err
    assert "coverage: partial -> complete" in err
    assert "new states (10):" in err and "  USA: signed 2013-09-25, signature_withdrawn 2019-07-18" in err
    assert "new acts (1):\n  TUR ratified 2005-03-02" in err
    assert "dates that moved (1):\n  AUT ratified 1990-01-01 -> 1990-05-08" in err
    assert "CIV ratified 1995-05-05 (the list says 1995-05-06)" in err
    assert "states the list no longer names (kept) (1):\n  FRA" in err
    assert "Czechoslovakia (CSK) signed 1981-04-10, ratified 1982-08-31: not recorded" in err
    assert f"wrote {data}" in err


def test_reimporting_the_same_page_changes_nothing(data: Path) -> None:
    run(HERE / "ban.html", "--treaty", "ban-treaty", "--data", data)
    first = data.read_bytes()
    mtime = data.stat().st_mtime_ns
    code, _, err = run(HERE / "ban.html", "--treaty", "ban-treaty", "--data", data)
    assert code == 0
    assert data.read_bytes() == first
    assert data.stat().st_mtime_ns == mtime  # not even rewritten
    assert "no change: the table already says what the list says" in err


def test_rows_read_from_the_page(data: Path) -> None:
    run(HERE / "ban.html", "--treaty", "ban-treaty", "--data", data)
    states = rows(data, "ban-treaty")
    d = dt.date.fromisoformat
    # Suffix letters: none = ratification, a, d, A, AA; `&nbsp;` padding and tabs in the dates.
    assert states["AUT"] == {"signed": d("1981-04-10"), "ratified": d("1990-05-08")}
    assert states["BOL"] == {"signed": d("1981-04-10"), "approved": d("1995-01-20")}
    assert states["NLD"] == {"signed": d("1981-04-10"), "accepted": d("1987-06-18")}
    assert states["CZE"] == {"succeeded": d("1993-02-22")}
    assert states["PSE"] == {"acceded": d("2015-01-05")}
    assert states["EU"] == {"approved": d("2005-12-13")}  # the file's own non-state party
    # Brackets and the End Note: the withdrawal and the day it took effect.
    assert states["EST"] == {
        "acceded": d("2004-05-12"),
        "withdrawal_notice": d("2025-06-27"),
        "withdrawn": d("2025-12-27"),
    }
    # A withdrawal subject to a condition: the notice and the condition, no `withdrawn`.
    assert "withdrawn" not in states["POL"]
    assert states["POL"]["withdrawal_notice"] == d("2025-08-20")
    assert "takes effect on 2026-02-20" in str(states["POL"]["withdrawal_condition"])
    assert "subject to the condition set forth in the said paragraph" in str(states["POL"]["withdrawal_condition"])
    # The US renounced its signature (End Note: does not intend to become a party).
    assert states["USA"] == {"signed": d("2013-09-25"), "signature_withdrawn": d("2019-07-18")}
    # The Russian Federation's acts before 1991-12-26 are the USSR's (state_history: SUN continued_by RUS).
    assert states["SUN"] == {"signed": d("1981-04-10"), "ratified": d("1982-06-10")}
    assert "RUS" not in states


def test_update_keeps_sourced_acts_rules_notes_and_comments(data: Path) -> None:
    run(HERE / "ban.html", "--treaty", "ban-treaty", "--data", data)
    text = data.read_text(encoding="utf-8")
    assert '{date: 1995-05-05, source: "https://example.org/civ", note: "the government\'s own date"}' in text
    assert "# Türkiye: signature checked by hand" in text
    assert "      # the rule stays whatever the list says\n      in_force_for_state:" in text
    assert '      note: "Kept as written."' in text
    assert "FRA: {signed: 1981-04-10}" in text


def test_a_table_is_added_to_a_treaty_that_has_none(data: Path) -> None:
    code, _, err = run(HERE / "protocol.html", "--treaty", "other-treaty", "--data", data, "--mtdsg", "XXVI-2-a")
    assert code == 0, err
    text = data.read_text(encoding="utf-8")
    assert text.endswith(
        "    notes: >-\n      A folded note\n      over two lines.\n"
        "    participation:\n"
        "      coverage: complete\n"
        "      as_of: 2026-02-03\n"
        "      source: https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XXVI-2-a&chapter=26&clang=_en\n"
        '      list_name: "UN Secretary-General\'s status list"\n'
        "      list_count: {parties: 3}\n"
        "      states:\n"
        "        KOR: {consented: 2001-05-09}\n"
        "        MNE: {succeeded: 2006-10-23}\n"
        "        PRK: {consented: 2009-01-21}\n"
    )


# -- pages it cannot read ---------------------------------------------------------------------


def test_a_page_it_cannot_read_fully_changes_nothing_and_names_every_problem(data: Path) -> None:
    code, out, err = run(HERE / "bad.html", "--treaty", "ban-treaty", "--data", data)
    assert (code, out) == (1, "")
    assert data.read_bytes() == DATA.read_bytes()
    page = HERE / "bad.html"
    for problem in (
        "row 2 (Freedonia): unknown state name 'Freedonia'",
        "row 3 (Chile), column 'Signature': '31 Feb 2017' is not a calendar date",
        "row 4 (Peru), column 'Signature': '12 Foo 2001': 'Foo' is not a month",
        "row 5 (Mali), column 'Ratification, Accession(a)': suffix 'x' is not in the column's legend ('', 'a')",
        "row 6 (Japan): shown in [brackets] but no End Note gives its withdrawal",
        "End Note 2 (Kenya): it records an act (withdrawal, denunciation, revocation, suspension) in words",
        "row 8 (Nepal): footnote 3 has no End Note",
        "row 9 (Oman): 1 cells after the name, the header has 2",
    ):
        assert f"{page}: {problem}" in err
    assert err.rstrip().endswith(f"could not be read fully (8 problems); {data} not changed.")


def test_a_page_without_its_mtdsg_number_needs_the_option(data: Path) -> None:
    code, _, err = run(HERE / "protocol.html", "--treaty", "other-treaty", "--data", data)
    assert code == 1
    assert "the page does not name its MTDSG number: give it with --mtdsg" in err
    assert data.read_bytes() == DATA.read_bytes()


def test_mtdsg_must_agree_with_the_page(data: Path) -> None:
    code, _, err = run(HERE / "ban.html", "--treaty", "ban-treaty", "--data", data, "--mtdsg", "XXVI-8")
    assert code == 1
    assert "--mtdsg XXVI-8 but the page is XXVI-9" in err
    code, _, err = run(HERE / "ban.html", "--treaty", "ban-treaty", "--data", data, "--mtdsg", "26-9")
    assert code == 2
    assert "'26-9' is not an MTDSG number" in err


def test_usage_errors(data: Path, tmp_path: Path) -> None:
    code, _, err = run(HERE / "ban.html", "--treaty", "ban-treatie", "--data", data)
    assert code == 2
    assert "no treaty with id 'ban-treatie' in the file; did you mean ban-treaty?" in err
    code, _, err = run(tmp_path / "missing.html", "--treaty", "ban-treaty", "--data", data)
    assert code == 2
    code, _, err = run(HERE / "ban.html", "--treaty", "ban-treaty", "--data", tmp_path)
    assert code == 2
    assert "is not a regular file" in err


def test_writes_only_to_a_regular_file(data: Path, tmp_path: Path) -> None:
    link = tmp_path / "link.yaml"
    link.symlink_to(data)
    code, _, err = run(HERE / "ban.html", "--treaty", "ban-treaty", "--data", link)
    assert code == 2
    assert "is not a regular file" in err
    assert data.read_bytes() == DATA.read_bytes()
    page = tmp_path / "page.html"  # reading a page through a link is fine
    page.symlink_to(HERE / "ban.html")
    assert run(page, "--treaty", "ban-treaty", "--data", data)[0] == 0


def test_write_is_atomic_and_keeps_the_mode(data: Path) -> None:
    data.chmod(0o640)
    run(HERE / "ban.html", "--treaty", "ban-treaty", "--data", data)
    assert stat.S_IMODE(data.stat().st_mode) == 0o640
    # no temporary file left; the lock file stays (removing it would let two imports lock different files)
    assert sorted(p.name for p in data.parent.iterdir()) == [".treaties.yaml.lock", "treaties.yaml"]


def test_dry_run_writes_nothing(data: Path) -> None:
    code, _, err = run(HERE / "ban.html", "--treaty", "ban-treaty", "--data", data, "--dry-run")
    assert code == 0
    assert "new states (10):" in err
    assert f"dry run: {data} not changed." in err
    assert data.read_bytes() == DATA.read_bytes()


def test_crlf_files_keep_their_line_ends(data: Path) -> None:
    data.write_bytes(DATA.read_bytes().replace(b"\n", b"\r\n"))
    code, _, err = run(HERE / "ban.html", "--treaty", "ban-treaty", "--data", data)
    assert code == 0, err
    written = data.read_bytes()
    assert b"\n" not in written.replace(b"\r\n", b"")


def test_validate_findings_are_reported(data: Path) -> None:
    """The fixture's treaty has consents after its entry into force and a rule: no finding; the
    protocol has no entry into force: none either. A treaty with no rule would say so."""
    text = DATA.read_text(encoding="utf-8").replace(
        '      in_force_for_state: {rule: after-deposit, days: 90, source: "Ban Treaty, article 15(2)"}\n', ""
    )
    data.write_text(text, encoding="utf-8")
    _, _, err = run(HERE / "ban.html", "--treaty", "ban-treaty", "--data", data)
    assert "note: validate will report (ban-treaty.participation):" in err
    assert "consented without a day the treaty took effect for them" in err


# -- the parts --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Bolivia (Plurinational State of)", "BOL"),
        ("Bahamas (The)", "BHS"),
        ("Türkiye", "TUR"),
        ("Holy See", "VAT"),
        ("State of Palestine", "PSE"),
        ("Netherlands (Kingdom of the)", "NLD"),
        ("Côte d'Ivoire", "CIV"),
        ("Côte d\u2019Ivoire", "CIV"),
        ("Democratic People's Republic of Korea", "PRK"),
        ("Republic of Korea", "KOR"),
        ("Republic of Moldova", "MDA"),
        ("Micronesia (Federated States of)", "FSM"),
        ("Congo", "COG"),
        ("Democratic Republic of the Congo", "COD"),
        ("Iran (Islamic Republic of)", "IRN"),
        ("Venezuela (Bolivarian Republic of)", "VEN"),
        ("United Kingdom of Great Britain and Northern Ireland", "GBR"),
        ("Russian Federation", "RUS"),
        ("Lao People's Democratic Republic", "LAO"),
        ("Viet Nam", "VNM"),
        ("Czech Republic", "CZE"),
        ("Cook Islands", "COK"),
        ("Niue", "NIU"),
        ("  United   States of America ", "USA"),
        ("European Union", "EU"),
    ],
)
def test_un_spellings(name: str, code: str) -> None:
    assert NameIndex({"European Union": "EU"}).code(name) == code


def test_every_listed_spelling_is_a_known_code() -> None:
    from treatytrack.core.checks import iso_codes

    assert set(UN_SPELLINGS.values()) <= set(iso_codes())


def test_unknown_names_are_errors() -> None:
    for name in ("Freedonia", "Korea", "European Union"):  # no fuzzy matching; EU only if the file declares it
        with pytest.raises(UnknownName):
            NameIndex().code(name)


def test_predecessors_and_flags() -> None:
    assert predecessor_code("The German Democratic Republic") == "DDR"
    assert predecessor_code("Czechoslovakia") == "CSK"
    assert predecessor_code("The former Yugoslavia") == "YUG"
    assert predecessor_code("Atlantis") is None
    assert flag_alpha2("\U0001f1f7\U0001f1fa") == "RU"
    assert flag_alpha2("RU") is None


def test_depositary_url_takes_the_chapter_from_the_number() -> None:
    assert depositary_url("XXVI-2-a").endswith("mtdsg_no=XXVI-2-a&chapter=26&clang=_en")
    assert "chapter=18" in depositary_url("XVIII-10")


def test_notes() -> None:
    pending = read_note(
        "On 1 March 2026, the Government of Ruritania deposited with the Secretary-General a notification of "
        "withdrawal. The withdrawal will take effect for Ruritania on 1 September 2026 in accordance with article 9."
    )
    assert pending.problem is None
    assert set(pending.acts) == {"withdrawal_notice"}
    broken = read_note(
        "On 31 June 2025, the Government of Ruritania deposited with the Secretary-General a notification of withdrawal."
    )
    assert broken.problem == "'31 June 2025' is not a date"
    assert read_note("For the Kingdom in Europe.").acts == {}


def test_an_empty_page_is_refused() -> None:
    result = import_page("<html><body>nothing here</body></html>", NameIndex())
    assert result.table is None
    assert result.problems == [
        "the page has 0 participant tables (id ending '_tblgrid'), not one",
        "no 'STATUS AS AT : DD-MM-YYYY' date on the page",
        "the page does not name its MTDSG number: give it with --mtdsg (e.g. XXVI-9)",
    ]


def test_a_row_read_twice_or_with_the_wrong_cells_is_refused_as_every_importer_says_it() -> None:
    from treatytrack.importers.table import misread_row

    assert misread_row("row 4 (Peru)", "PER", {"PER": object()}, 2, 2) == "row 4 (Peru): PER is listed twice"
    assert misread_row("row 9 (Oman)", "OMN", {}, 1, 2) == "row 9 (Oman): 1 cells after the name, the header has 2"
    assert misread_row("row 9 (Oman)", "OMN", {}, 2, 2) is None
