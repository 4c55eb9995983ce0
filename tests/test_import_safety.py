"""`import untc` is as safe as the loader (issue #22): page text reaches the terminal escaped, the
file written is one the loader reads, the page is parsed as a browser parses it (html5lib), in
linear time and within a size bound, and the data file is edited under a lock, in one step."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from treatytrack.cli import app
from treatytrack.importers.untc_page import MAX_PAGE, PageError, clean, read_page

HERE = Path(__file__).resolve().parent / "fixtures" / "untc"
BAN = (HERE / "ban.html").read_text(encoding="utf-8")
REPO = Path(__file__).resolve().parent.parent
runner = CliRunner()


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "treaties.yaml"
    shutil.copyfile(HERE / "data.yaml", target)
    return target


def run_page(tmp_path: Path, html: str, data: Path, *more: str) -> tuple[int, str, str]:
    page = tmp_path / "page.html"
    page.write_text(html, encoding="utf-8")
    result = runner.invoke(app, ["import", "untc", str(page), "--treaty", "ban-treaty", "--data", str(data), *more])
    return result.exit_code, result.stdout, result.stderr


def table(path: Path) -> dict[str, dict[str, object]]:
    loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    return next(t for t in loaded["treaties"] if t["id"] == "ban-treaty")["participation"]["states"]  # type: ignore[no-any-return]


# -- (a) nothing from the page reaches the terminal raw ----------------------------------------

CLEAR_AND_CLIPBOARD = "\x1b[2J\x1b]52;c;cm0gLXJmIH4=\x07\x9b"


def test_control_characters_of_a_page_are_printed_escaped(tmp_path: Path, data: Path) -> None:
    html = BAN.replace("Treaty Banning Something", f"Treaty Banning{CLEAR_AND_CLIPBOARD} Something")
    code, out, err = run_page(tmp_path, html, data, "--dry-run")
    assert code == 0, err
    assert "Treaty Banning\\x1b[2J\\x1b]52;c;cm0gLXJmIH4=\\x07\\x9b Something" in err
    renamed = html.replace("<td>Austria<br></td>", f"<td>Austria{CLEAR_AND_CLIPBOARD}<br></td>")
    code, out, err = run_page(tmp_path, renamed, data)
    assert code == 1
    assert "Austria\\x1b[2J" in err
    for text in (out, err):
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", text)


# -- (b) never write what the loader refuses ---------------------------------------------------


def test_a_bidi_override_from_an_end_note_is_not_written(tmp_path: Path, data: Path) -> None:
    before = data.read_bytes()
    html = BAN.replace("subject to the condition set forth", "subject to the \u202econdition set forth")
    assert html != BAN
    code, _, err = run_page(tmp_path, html, data)
    assert code == 1
    assert "would not load" in err and "not changed" in err and "wrote" not in err
    assert "\u202e" not in err
    assert data.read_bytes() == before


def test_a_status_date_in_a_script_is_not_the_page_s() -> None:
    html = BAN.replace(
        "<body>",
        '<body><script>var s = "STATUS AS AT : 31-12-2099 00:00:00 EDT";</script><style>/* STATUS AS AT : 01-01-1900 */</style>',
        1,
    )
    assert str(read_page(html).as_of) == "2026-02-03"
    only_script = re.sub(r"<div[^>]*div3[^>]*>STATUS AS AT[^<]*</div>", "", html)
    assert read_page(only_script).as_of is None


# -- (c) a browser's parse: omitted end tags, nested tables ------------------------------------


def test_omitted_end_tags_keep_every_row() -> None:
    full = read_page(BAN)
    for omitted in (BAN.replace("</tr>", ""), BAN.replace("</tr>", "").replace("</td>", "")):
        page = read_page(omitted)  # a cell then runs to the next tag: the same text, and white space
        assert [(r.name, tuple(map(clean, r.cells)), r.footnotes) for r in page.rows] == [
            (r.name, tuple(map(clean, r.cells)), r.footnotes) for r in full.rows
        ]
        assert page.header == full.header and page.notes == full.notes


def test_a_table_nested_in_a_cell_stays_in_its_cell() -> None:
    nested = BAN.replace(
        "<td>Austria<br></td>", "<td>Austria<br><table><tr><td></td></tr><tr><td></td></tr></table></td>", 1
    )
    full, page = read_page(BAN), read_page(nested)
    assert [r.name for r in page.rows] == [r.name for r in full.rows]
    assert page.rows[0].cells == full.rows[0].cells


def test_an_omitted_end_tag_imports_the_same_table(tmp_path: Path, data: Path) -> None:
    expected = tmp_path / "expected.yaml"
    shutil.copyfile(data, expected)
    assert run_page(tmp_path, BAN, expected)[0] == 0
    code, _, err = run_page(tmp_path, BAN.replace("</tr>", ""), data)
    assert code == 0, err
    assert data.read_text(encoding="utf-8") == expected.read_text(encoding="utf-8")


# -- (d) hostile pages: linear time, a size bound, one clean line -------------------------------

HOSTILE = {
    "many rows": BAN.replace("</table>", "<tr><td>x<td>y<td>z</tr>" * 20000 + "</table>", 1),
    "unclosed comments": "<!--" * 60_000,
    "bogus markup": "<![ x ]>" * 60_000,
    "long attributes": '<a href="ViewDetails.aspx?' + "mtdsg_no" * 60_000 + '">x</a>',
    "deep nesting": "<div>" * 60_000 + "STATUS AS AT : 03-02-2026" + "</div>" * 60_000,
    "unclosed formatting": "<b><i><a>x" * 25_000,
    "long text": "STATUS AS AT" + " " * 500_000 + ":",
}


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_pages_are_read_in_linear_time(kind: str) -> None:
    html = HOSTILE[kind]
    assert 200_000 < len(html) <= MAX_PAGE
    started = time.perf_counter()
    with contextlib.suppress(PageError):
        read_page(html)
    assert time.perf_counter() - started < 5, kind  # before: 47 s for 511 KB, 16 s for 241 KB of `<!--`


def test_a_hostile_page_is_one_clean_error(tmp_path: Path, data: Path) -> None:
    before = data.read_bytes()
    for html in ("<![ x ]>" * 1000, "<!--" * 1000, "\x00\x1b<table"):
        code, _out, err = run_page(tmp_path, html, data)
        assert code == 1, err
        assert "Traceback" not in err and err.strip().endswith(f"{data} not changed.")
    assert data.read_bytes() == before


def test_a_page_over_the_bound_is_refused(tmp_path: Path, data: Path) -> None:
    code, _, err = run_page(tmp_path, BAN + " " * MAX_PAGE, data)
    assert code == 1
    assert "more than any status page; not read." in err
    with pytest.raises(PageError, match="characters"):
        read_page(" " * (MAX_PAGE + 1))


# -- (e) a lock, and a full disk ---------------------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="flock")
def test_an_import_waits_for_the_lock_and_reads_the_file_again(tmp_path: Path, data: Path) -> None:
    """Another import holds the file's lock and writes an update: this one waits, then reads the
    updated file, so the update is kept."""
    import fcntl

    from treatytrack.cli.safewrite import lock_path

    page = tmp_path / "page.html"
    page.write_text(BAN, encoding="utf-8")
    holder = os.open(lock_path(data), os.O_RDWR | os.O_CREAT, 0o644)
    fcntl.flock(holder, fcntl.LOCK_EX)
    env = dict(os.environ, PYTHONPATH=str(REPO), NO_COLOR="1")
    command = [sys.executable, "-m", "treatytrack", "import", "untc", str(page), "--treaty", "ban-treaty"]
    waiting = subprocess.Popen([*command, "--data", str(data)], env=env, stderr=subprocess.PIPE, text=True)
    try:
        time.sleep(1.5)
        assert waiting.poll() is None  # it waits for the lock
        text = data.read_text(encoding="utf-8")
        data.write_text(text.replace("  # ---- second section ----", "  # ---- second section (kept) ----"))
    finally:
        fcntl.flock(holder, fcntl.LOCK_UN)
        os.close(holder)
    _, err = waiting.communicate(timeout=60)
    assert waiting.returncode == 0, err
    written = data.read_text(encoding="utf-8")
    assert "second section (kept)" in written  # the other update is not lost
    assert "USA" in table(data)


def test_a_full_disk_exits_74_and_leaves_the_file_as_it_was(
    tmp_path: Path, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data.chmod(0o604)
    before, info = data.read_bytes(), data.stat()

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    code, _, err = run_page(tmp_path, BAN, data)
    assert code == 74
    assert "No space left on device" in err and "not changed" in err and "wrote" not in err
    after = data.stat()
    assert data.read_bytes() == before
    assert (stat.S_IMODE(after.st_mode), after.st_uid, after.st_gid) == (0o604, info.st_uid, info.st_gid)
    assert sorted(p.name for p in data.parent.iterdir() if p.name.endswith(".tmp")) == []
