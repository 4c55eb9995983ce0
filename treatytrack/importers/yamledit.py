"""Write an imported table into a treaty file in place, changing nothing else.

ruamel.yaml's round-trip mode reads the file with its comments and positions and writes the
edited `participation:` block with the comments it holds (a comment after a row stays with the
row). Only that block's lines are replaced in the file's text: every other byte stays as it was,
whatever indentation or quoting the rest of the file uses (ruamel would re-indent the whole
document to one style if it wrote it all).

Merging a list into an existing table:
- a state the list names gets its acts; an act the row has with its own source (`{date, source}`,
  or a row-level `source`) is kept as it is, whatever the list says;
- an act the list dates differently replaces the old date (reported as moved);
- acts and states the list does not name are kept (acts added later from other sources), and
  reported; `in_force_for_state`, `entry_into_force_condition`, notes and comments are kept.

Pure: text in, text out.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from treatytrack.importers.table import ROW_KEYS, TEXT_KEYS, Act, ImportedTable, Row, Value

TABLE_KEYS = (
    "coverage",
    "as_of",
    "source",
    "list_name",
    "list_complete",
    "open_to",
    "in_force_for_state",
    "entry_into_force_condition",
    "list_count",
    "states",
    "note",
)


class EditError(ValueError):
    """The file cannot be edited as asked (no such treaty, not a treaty file)."""


@dataclass
class Changes:
    """What an import changed, and what it kept that the list does not say."""

    table: list[str] = field(default_factory=list)  # the table's own keys
    new_states: list[str] = field(default_factory=list)
    new_acts: list[str] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)
    kept_sourced: list[str] = field(default_factory=list)  # own source, the list differs
    not_listed_acts: list[str] = field(default_factory=list)
    not_listed_states: list[str] = field(default_factory=list)
    reordered: bool = False

    @property
    def changed(self) -> bool:
        return bool(self.table or self.new_states or self.new_acts or self.moved or self.reordered)

    def summary(self) -> list[str]:
        lines = []
        for title, items in (
            ("table", self.table),
            ("new states", self.new_states),
            ("new acts", self.new_acts),
            ("dates that moved", self.moved),
            ("kept, with their own source (the list differs)", self.kept_sourced),
            ("acts the list does not give (kept)", self.not_listed_acts),
            ("states the list no longer names (kept)", self.not_listed_states),
        ):
            if items:
                lines.append(f"{title} ({len(items)}):")
                lines += [f"  {item}" for item in items]
        if self.reordered:
            lines.append("rows sorted by code")
        if not self.changed:
            lines.append("no change: the table already says what the list says")
        return lines


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 1_000_000  # never fold a row
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _day_of(value: Any) -> dt.date | None:
    if isinstance(value, CommentedMap):
        value = value.get("date")
    if isinstance(value, dt.datetime):
        return None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _flow(pairs: list[tuple[str, Any]]) -> CommentedMap:
    mapping = CommentedMap(pairs)
    mapping.fa.set_flow_style()
    return mapping


def _render(key: str, value: Value) -> Any:
    if isinstance(value, str):
        return DoubleQuotedScalarString(value)
    if value.note is None:
        return value.day
    return _flow([("date", value.day), ("note", DoubleQuotedScalarString(value.note))])


def _insert(mapping: CommentedMap, key: str, value: Any, order: tuple[str, ...]) -> None:
    """Put `key` where `order` says, among the keys the mapping already has."""
    rank = order.index(key) if key in order else len(order)
    position = sum(1 for k in mapping if (order.index(k) if k in order else len(order)) <= rank)
    mapping.insert(position, key, value)
    if position == 0:
        return
    # ruamel keeps the comment lines below a key with that key: they belong above the key that
    # followed it, so they move down past the key inserted here (an end-of-line comment stays).
    previous = list(mapping)[position - 1]
    comments = mapping.ca.items.get(previous)
    if comments and len(comments) > 2 and comments[2] is not None and comments[2].value.startswith("\n"):
        mapping.ca.items[key] = [None, None, comments[2], None]
        comments[2] = None


def _shown(value: Value) -> str:
    return value if isinstance(value, str) else str(value.day)


def merge_row(code: str, row: CommentedMap, new: Row, changes: Changes) -> None:
    """The list's acts for one state, merged into its existing row (in place)."""
    row_sourced = "source" in row
    for key, value in new.items():
        if key not in row:
            _insert(row, key, _render(key, value), ROW_KEYS)
            changes.new_acts.append(f"{code} {key} {_shown(value)}")
            continue
        old = row[key]
        own = row_sourced or (isinstance(old, CommentedMap) and "source" in old)
        if key in TEXT_KEYS:
            if str(old) != value:
                if own:
                    changes.kept_sourced.append(f"{code} {key}: the list says {value!r}")
                else:
                    row[key] = _render(key, value)
                    changes.moved.append(f"{code} {key}: {str(old)!r} -> {value!r}")
            continue
        assert isinstance(value, Act)
        day = _day_of(old)
        if day == value.day:
            if value.note is not None and not isinstance(old, CommentedMap):
                row[key] = _render(key, value)  # the list's qualification of the same act
                changes.new_acts.append(f"{code} {key} {value.day}: {value.note}")
            continue
        if own:
            changes.kept_sourced.append(f"{code} {key} {day} (the list says {value.day})")
        elif isinstance(old, CommentedMap):
            old["date"] = value.day
            changes.moved.append(f"{code} {key} {day} -> {value.day}")
        else:
            row[key] = _render(key, value)
            changes.moved.append(f"{code} {key} {day} -> {value.day}")
    for key in row:
        if key not in new and key not in ("source", "note", "in_force", "original", "withdrawal_condition"):
            changes.not_listed_acts.append(f"{code} {key} {_day_of(row[key])}")
    _one_consent(code, row, new, changes)


def _one_consent(code: str, row: CommentedMap, new: Row, changes: Changes) -> None:
    """A list that now gives another kind of consent replaces a bare one (a sourced one stays)."""
    consents = [k for k in ("ratified", "acceded", "succeeded", "accepted", "approved", "consented") if k in row]
    if len(consents) < 2:
        return
    listed = [k for k in consents if k in new]
    for key in consents:
        if key in listed:
            continue
        value = row[key]
        if "source" in row or (isinstance(value, CommentedMap) and "source" in value):
            raise EditError(
                f"{code}: the list gives `{listed[0]}` but the row has `{key}` with its own source; "
                "a row has one consent: decide which and edit the file"
            )
        del row[key]
        entry = f"{code} {key} {_day_of(value)}"
        if entry in changes.not_listed_acts:
            changes.not_listed_acts.remove(entry)
        changes.moved.append(f"{code} {key} {_day_of(value)} -> {listed[0]} {_day_of(row[listed[0]])}")


def merge_table(participation: CommentedMap, table: ImportedTable, changes: Changes) -> None:
    """The list merged into a treaty's `participation` mapping (in place)."""
    wanted: list[tuple[str, Any]] = [
        ("coverage", table.coverage),
        ("as_of", table.as_of),
        ("source", table.source),
        ("list_name", DoubleQuotedScalarString(table.list_name)),
    ]
    for key, value in wanted:
        if key not in participation:
            _insert(participation, key, value, TABLE_KEYS)
            changes.table.append(f"{key}: {value}")
        elif participation[key] != value:
            changes.table.append(f"{key}: {participation[key]} -> {value}")
            participation[key] = value
    if table.list_count is not None:
        count = _flow(list(table.list_count.items()))
        shown = ", ".join(f"{k} {v}" for k, v in table.list_count.items())
        if "list_count" not in participation:
            _insert(participation, "list_count", count, TABLE_KEYS)
            changes.table.append(f"list_count: {shown}")
        elif dict(participation["list_count"]) != table.list_count:
            was = ", ".join(f"{k} {v}" for k, v in dict(participation["list_count"]).items())
            changes.table.append(f"list_count: {was} -> {shown}")
            participation["list_count"] = count
    if table.note is not None and "note" not in participation:
        _insert(participation, "note", DoubleQuotedScalarString(table.note), TABLE_KEYS)
        changes.table.append("note added")
    old = participation.get("states")
    if old is None or not isinstance(old, CommentedMap):
        old = CommentedMap()
    existing = list(old)
    changes.reordered = existing != sorted(existing)
    for code, new in table.states.items():
        if code in old:
            row = old[code]
            if not isinstance(row, CommentedMap):
                raise EditError(f"{code}: the row is not a mapping")
            merge_row(code, row, new, changes)
            if not row.fa.flow_style():
                row.fa.set_flow_style()
        else:
            old[code] = _flow([(k, _render(k, v)) for k, v in new.items()])
            changes.new_states.append(code + ": " + ", ".join(f"{k} {_shown(v)}" for k, v in new.items()))
    changes.not_listed_states += [code for code in existing if code not in table.states]
    if list(old) != sorted(old):
        rows = CommentedMap()
        for code in sorted(old):
            rows[code] = old[code]
            if code in old.ca.items:
                rows.ca.items[code] = old.ca.items[code]
        rows.ca.comment = old.ca.comment
        old = rows
    if "states" in participation:
        participation["states"] = old
    else:
        _insert(participation, "states", old, TABLE_KEYS)


def update_participation(text: str, treaty_id: str, table: ImportedTable) -> tuple[str, Changes]:
    """`text` with treaty `treaty_id`'s participation table updated from `table`, and what changed.
    Unchanged tables give `text` back exactly."""
    yaml = _yaml()
    try:
        document = yaml.load(text)
    except Exception as err:  # ruamel raises many error types for a bad file
        raise EditError(f"the file is not YAML ruamel.yaml can read: {err}") from None
    treaties = document.get("treaties") if isinstance(document, CommentedMap) else None
    if not isinstance(treaties, CommentedSeq):
        raise EditError("the file has no `treaties:` list")
    found = [i for i, item in enumerate(treaties) if isinstance(item, CommentedMap) and item.get("id") == treaty_id]
    if not found:
        raise EditError(f"no treaty with id `{treaty_id}` in the file")
    if len(found) > 1:
        raise EditError(f"{len(found)} treaties have the id `{treaty_id}`")
    item = treaties[found[0]]
    existed = "participation" in item
    if existed:
        participation = item["participation"]
        if not isinstance(participation, CommentedMap):
            raise EditError(f"`{treaty_id}`: `participation` is not a mapping")
        start, column = item.lc.key("participation")
        end = _block_end(text.splitlines(keepends=True), start, column)
    else:
        last = list(item)[-1]
        line, column = item.lc.key(last)
        start = end = _block_end(text.splitlines(keepends=True), line, column) + 1
        participation = CommentedMap()
        item["participation"] = participation
    changes = Changes()
    merge_table(participation, table, changes)
    if not changes.changed:
        return text, changes
    block = _dumped_block(yaml, item, column)
    if "\r\n" in text:
        block = [line.replace("\n", "\r\n") for line in block]
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n") and end >= len(lines) - 1:
        lines[-1] += "\r\n" if "\r\n" in text else "\n"
    replaced = lines[:start] + block + lines[(end + 1 if existed else start) :]
    return "".join(replaced), changes


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _block_end(lines: list[str], start: int, column: int) -> int:
    """The last line of the value of the key at (`start`, `column`): the lines after it indented
    deeper, up to the next line at the key's level that is not a comment. A comment at the key's
    level or less (a section heading before the next treaty) is not part of the block."""
    last = start
    for number in range(start + 1, len(lines)):
        line = lines[number]
        stripped = line.strip()
        if not stripped:
            continue
        if _indent(line) > column:
            last = number
        elif not stripped.startswith("#"):
            break
    return last


def _dumped_block(yaml: YAML, item: CommentedMap, column: int) -> list[str]:
    """The `participation:` block of `item` as ruamel writes it, indented to `column`."""
    out = io.StringIO()
    yaml.dump([item], out)
    lines = out.getvalue().splitlines(keepends=True)
    key_column = 4  # "  - " then the item's keys (indent: sequence 4, offset 2)
    start = next(i for i, line in enumerate(lines) if line.startswith(" " * key_column + "participation:"))
    block = [lines[start]]
    for line in lines[start + 1 :]:
        stripped = line.strip()
        if not stripped:
            continue
        if _indent(line) > key_column:
            block.append(line)
        elif not stripped.startswith("#"):
            break
    shift = column - key_column
    if shift > 0:
        return [" " * shift + line for line in block]
    return [line[-shift:] if shift else line for line in block]
