"""`import untc`: a depositary's status page written into a treaty's per-state table, in place."""

from __future__ import annotations

import difflib
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from treatytrack.cli.exits import EXIT_FINDING, EXIT_IOERR, fail, note
from treatytrack.cli.program import app
from treatytrack.cli.safewrite import locked, write_atomically
from treatytrack.core.controls import escape

if TYPE_CHECKING:
    from collections.abc import Sequence

    from treatytrack.importers.table import ImportedTable

import_app = typer.Typer(
    name="import",
    help="Refresh a treaty's per-state table from a depositary's status list.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(import_app, name="import")


def _note(message: str) -> None:
    """A note quoting page text: every control character written out (a page's ESC sequences
    would clear the screen or write the clipboard), line by line."""
    note("\n".join(escape(line) for line in message.split("\n")))


def _fail(message: str, code: int = EXIT_FINDING) -> NoReturn:
    fail(escape(message), code)


TreatyOpt = Annotated[
    str, typer.Option("--treaty", metavar="ID", help="The id of the treaty whose table the page gives, e.g. tpnw.")
]
TargetOpt = Annotated[
    Path | None,
    typer.Option(
        "--data",
        metavar="PATH",
        help="The treaty file to update (default: data/treaties.yaml of this checkout).",
    ),
]
DryRunOpt = Annotated[bool, typer.Option("--dry-run", help="Say what would change; write nothing.")]


@import_app.command("untc")
def untc_command(
    page: Annotated[
        Path,
        typer.Argument(
            metavar="PAGE.html",
            exists=True,
            dir_okay=False,
            help="A UN Treaty Collection status page (ViewDetails.aspx?src=TREATY&mtdsg_no=...), as saved from the site.",
        ),
    ],
    treaty: TreatyOpt,
    data: TargetOpt = None,
    mtdsg: Annotated[
        str | None,
        typer.Option(
            "--mtdsg",
            metavar="XXVI-n",
            help="The page's MTDSG number, when the saved page does not name it (it then must agree).",
        ),
    ] = None,
    dry_run: DryRunOpt = False,
) -> None:
    """Write (or update in place) a treaty's participation table from a UNTC status page.

    Every row of the participant table becomes a state's row (signature, consent and its kind,
    withdrawals from the End Notes); the page's STATUS AS AT date is the table's as-of. Acts a
    row has with their own source, rules, notes and comments are kept. A page that cannot be read
    fully changes nothing and exits 1, naming each row, cell or note it could not read.
    """
    from treatytrack.importers.untc import MTDSG
    from treatytrack.importers.untc_page import MAX_PAGE

    if mtdsg is not None and not MTDSG.fullmatch(mtdsg):
        raise typer.BadParameter(f"{mtdsg!r} is not an MTDSG number like XXVI-9 or XXVI-2-a", param_hint="'--mtdsg'")
    target = _target(data)
    html = _read_text(page, "PAGE.html", follow=True, limit=MAX_PAGE)
    # Read, edit and write under the file's lock: another import's update is read, not lost.
    with locked(target):
        _import(page, html, target, treaty, mtdsg, dry_run)


def _import(page: Path, html: str, target: Path, treaty: str, mtdsg: str | None, dry_run: bool) -> None:
    from treatytrack.importers.untc import import_page
    from treatytrack.importers.untc_page import PageError

    text, plain = _treaty_file(target, treaty)
    names, lives = _context(plain)
    try:
        result = import_page(html, names, lives, mtdsg)
    except PageError as err:
        _fail(f"treatytrack: {page}: {err}; {target} not changed.")
    table = _table_or_fail(page, target, result.table, result.problems)
    counts = ", ".join(f"{k} {v} (table {_count(table, k)})" for k, v in result.page.counts.items())
    _note(
        f"{page}: {result.page.title or 'status page'}: status as at {table.as_of}, {len(table.states)} states"
        + (f"; header: {counts}" if counts else "")
    )
    for header, count in result.page.counts.items():
        if count != _count(table, header):
            _note(
                f"note: the page's header counts {count} {header.lower()}, the table {_count(table, header)}: check the page"
            )
    for line in result.notes:
        _note(f"note: {line}")
    _apply(target, text, plain, treaty, table, dry_run)


def _treaty_file(target: Path, treaty: str) -> tuple[str, dict[str, Any]]:
    """The dataset file an import writes into, as text and as plain data, once `treaty` is
    found in it (else exit 1)."""
    text = _read_text(target, "--data")
    plain = _plain(text, target)
    _check_treaty(plain, treaty)
    return text, plain


def _table_or_fail(page: Path, target: Path, table: ImportedTable | None, problems: Sequence[str]) -> ImportedTable:
    """The table a page gave, or exit 1 naming each problem that kept the page from being read
    fully (the file not changed)."""
    if table is None:
        for problem in problems:
            typer.echo(escape(f"{page}: {problem}"), err=True)
        count = len(problems)
        _fail(
            f"treatytrack: {page} could not be read fully ({count} problem{'s' if count != 1 else ''}); {target} not changed."
        )
    return table


def _count(table: ImportedTable, header: str) -> int:
    from treatytrack.importers.table import CONSENT_KEYS

    rows = [row for row in table.states.values() if "withdrawn" not in row]
    if header == "Signatories":
        return sum(1 for row in rows if "signed" in row)
    return sum(1 for row in rows if any(key in row for key in CONSENT_KEYS))


def _apply(target: Path, text: str, plain: dict[str, Any], treaty: str, table: ImportedTable, dry_run: bool) -> None:
    from treatytrack.importers.yamledit import EditError, update_participation

    try:
        updated, changes = update_participation(text, treaty, table)
    except EditError as err:
        _fail(f"treatytrack: {target}: {err}; not changed.")
    for line in changes.summary():
        _note(line)
    if not changes.changed:
        return
    _verify(target, updated, plain, treaty)
    _loads(target, text, updated)
    _report_findings(updated, treaty, target)
    if dry_run:
        _note(f"dry run: {target} not changed.")
        return
    try:
        write_atomically(target, updated)
    except OSError as err:  # a full disk: the original is as it was
        _fail(f"treatytrack: could not write {target}: {err.strerror or err}; {target} not changed.", EXIT_IOERR)
    _note(f"wrote {target}")


def _target(data: Path | None) -> Path:
    """The file to update: --data, or the checkout's own data/treaties.yaml (never the copy inside
    an installed package)."""
    if data is not None:
        return data
    from treatytrack.store.paths import bundled_path

    bundled = bundled_path()
    if bundled.parent.name == "data" and (bundled.parent.parent / "pyproject.toml").is_file():
        return bundled
    raise typer.BadParameter(
        f"the bundled dataset ({bundled}) is part of the installed package; name the file to update",
        param_hint="'--data'",
    )


def _read_text(path: Path, what: str, follow: bool = False, limit: int | None = None) -> str:
    """The file's text; `follow`: a link to a regular file will do (the page, never the target)."""
    from treatytrack.store.paths import MAX_BYTES

    if limit is not None and os.stat(path).st_size > limit:
        _fail(f"treatytrack: {path} is larger than {limit // (1024 * 1024)} MB, more than any status page; not read.")

    try:
        info = os.stat(path) if follow else os.lstat(path)
    except OSError as err:
        raise typer.BadParameter(f"{path}: {err.strerror or err}", param_hint=f"'{what}'") from None
    if not stat.S_ISREG(info.st_mode):
        raise typer.BadParameter(f"{path} is not a regular file", param_hint=f"'{what}'")
    if info.st_size > MAX_BYTES:
        _fail(f"treatytrack: {path} is larger than {MAX_BYTES // (1024 * 1024)} MB; not read.")
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            return handle.read()
    except UnicodeDecodeError as err:
        _fail(f"treatytrack: {path} is not UTF-8 text (byte {err.start}).")
    except OSError as err:
        _fail(f"treatytrack: cannot read {path}: {err.strerror or err}")


def _plain(text: str, path: Path) -> dict[str, Any]:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        plain = yaml.load(text, Loader=loader)
    except yaml.YAMLError as err:
        _fail(f"treatytrack: {path} is not valid YAML: {err}")
    if not isinstance(plain, dict) or not isinstance(plain.get("treaties"), list):
        _fail(f"treatytrack: {path} is not a treaty file (no `treaties:` list).")
    return plain


def _check_treaty(plain: dict[str, Any], treaty: str) -> None:
    ids = [t.get("id") for t in plain["treaties"] if isinstance(t, dict)]
    if treaty not in ids:
        close = difflib.get_close_matches(treaty, [str(i) for i in ids], n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise typer.BadParameter(f"no treaty with id {treaty!r} in the file{hint}", param_hint="'--treaty'")


def _context(plain: dict[str, Any]) -> tuple[Any, Any]:
    from treatytrack.importers.names import NameIndex
    from treatytrack.importers.table import continued_lives

    own = {str(p.get("name")): str(p.get("code")) for p in plain.get("non_state_parties") or () if isinstance(p, dict)}
    history = plain.get("state_history") or {}
    return NameIndex(own), continued_lives(history if isinstance(history, dict) else {})


def _verify(target: Path, updated: str, plain: dict[str, Any], treaty: str) -> None:
    """Refuse to write unless the new text parses, says what the old one said outside this
    treaty's table, and the table is one the data model accepts."""
    import yaml
    from pydantic import ValidationError

    from treatytrack.core.models import Participation

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    after = yaml.load(updated, Loader=loader)

    def without_table(data: dict[str, Any]) -> dict[str, Any]:
        treaties = [
            {k: v for k, v in t.items() if not (t.get("id") == treaty and k == "participation")}
            for t in data["treaties"]
        ]
        return {**data, "treaties": treaties}

    if without_table(after) != without_table(plain):
        _fail(f"treatytrack: internal error: the edit would change more than {treaty}'s table; {target} not changed.")
    table = next(t["participation"] for t in after["treaties"] if t.get("id") == treaty)
    try:
        Participation.model_validate(table)
    except ValidationError as err:
        _fail(
            f"treatytrack: internal error: the table written would not validate ({err.error_count()} errors); {target} not changed."
        )


def _loads(target: Path, before: str, updated: str) -> None:
    """Refuse to write a file the loader would refuse: the new bytes are read as the loader reads
    them (strict YAML: no control or bidi character, no duplicate key...) and validated against
    the data model; a problem the original file did not have stops the import. (Cross-record
    findings of the treaty are told as notes: `_report_findings`.)"""
    from pydantic import ValidationError

    from treatytrack.core.models import Dataset
    from treatytrack.store import yamlstrict

    def errors(text: str) -> set[tuple[Any, ...]] | None:
        try:
            root = yamlstrict.compose(yamlstrict.decode(text.encode("utf-8")))
            raw = yamlstrict.to_python(root) if root is not None else None
        except yamlstrict.YamlProblem as problem:
            return {("yaml", problem.line, problem.column, problem.message)}
        try:
            Dataset.model_validate(raw)
        except ValidationError as err:
            return {(tuple(e["loc"]), e["msg"]) for e in err.errors(include_url=False)}
        return set()

    new = errors(updated)
    old = errors(before)
    if new is None or old is None or not new - old:
        return
    first = sorted(new - old, key=str)[0]
    if first[0] == "yaml":
        why = f"{target}:{first[1]}:{first[2]}: {first[3]}"
    else:
        why = f"{'.'.join(map(str, first[0]))}: {first[1]}"
    _fail(f"treatytrack: the file written would not load ({why}); {target} not changed.")


def _report_findings(updated: str, treaty: str, target: Path) -> None:
    """What `validate` will say about this treaty after the import (notes; the import stands)."""
    import yaml

    from treatytrack.core.checks import check_treaty, iso_codes
    from treatytrack.core.models import Dataset
    from treatytrack.core.standing import StateHistory

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        dataset = Dataset.model_validate(yaml.load(updated, Loader=loader))
    except Exception:  # another record's problem: `validate` reports it
        _note(f"note: run `treatytrack validate {target}`: the file does not load as a whole")
        return
    record = next(t for t in dataset.treaties if t.id == treaty)
    known = dict(iso_codes()) | {p.code: p.name for p in dataset.non_state_parties}
    for finding in check_treaty(record, known, StateHistory(dataset.state_history)):
        where = ".".join(str(p) for p in finding.path)
        _note(f"note: validate will report ({treaty}.{where}): {finding.message}")


__all__ = ["EXIT_FINDING", "import_app", "untc_command", "write_atomically"]
