"""Load a dataset a few treaties at a time: memory holds the records, never the whole file or its
YAML node tree; and a file with problems is reported from the same single pass.

Composing a whole file builds a node per scalar, key and list, about 20 times the file's size
(800 MB for a 40 MB file). This path reads the file line by line, finds where each item of the
top-level `treaties:` list begins (a `-` indented exactly like the list's first one), and composes
and validates a batch of items at a time, with the same strict reader and the same models.

A treaty that does not validate is reported with its line and column, found in its batch's own
node tree (its lines, shifted by the lines before the batch), and the reading goes on; cross-record
findings are located by composing again only the batches of the treaties they are about. So a file
with problems is read once, and reported exactly as the whole-file reader reports it.

It only answers when it is sure. It gives up (returns None) on an unusual layout, or on a YAML
problem (a syntax error, a duplicate key, a control character...), and the caller takes the
whole-file path, which reports the file's first YAML problem. Chunk boundaries cannot change
what a file means: an item boundary inside a quoted scalar or a flow collection leaves the batch
before it unterminated, which is a YAML error, and YAML errors go to the whole-file path. Line
numbers are YAML's as long as lines end in LF or CRLF; a file with other line breaks (a lone CR,
U+2028, U+2029) goes to the whole-file path too.
"""

from __future__ import annotations

import bisect
import datetime as dt
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from treatytrack.core.checks import Finding
    from treatytrack.core.models import Dataset, Treaty
    from treatytrack.core.soundness import Soundness
    from treatytrack.store.problems import Problem

BATCH = 64  # treaties composed at a time

_TREATIES = re.compile(rb"treaties:[ ]*(?:#[^\r\n]*)?\r?\n?")  # the list's key, alone on its line
_BLANK = re.compile(rb"[ ]*(?:#[^\r\n]*)?\r?\n?")  # nothing but spaces or a comment
_ITEM = re.compile(rb"( *)-(?:[ ]|\r?\n|$)")  # a list item's dash


class _GiveUp(Exception):
    """Not a layout this reader is sure of: leave the file to the whole-file path."""


@dataclass(frozen=True)
class _Batch:
    """Where a batch of treaties sits in the file, to compose it again when locating a finding."""

    first: int  # the index in the list of its first treaty
    offset: int  # its first byte
    size: int  # its length in bytes
    lines_before: int  # the file's lines before it


def load_in_chunks(path: Path) -> tuple[Dataset, str] | None:
    """The dataset and the cache key of the bytes read, or None to say "use the whole-file path".

    Raises `LoadError`, with every problem located, for a file with problems it is sure of.
    """
    from treatytrack.store import yamlstrict
    from treatytrack.store.paths import InputRefused

    try:
        return _Reader(path).load()
    except (_GiveUp, OSError, InputRefused, UnicodeError, yamlstrict.YamlProblem):
        return None


class _Reader:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.filename = os.fspath(path)
        self.strings: dict[str, str] = {}  # shared by all batches: one object per distinct text
        self.treaties: list[Treaty] = []  # those that validate
        self.positions: list[int] = []  # the index in the file's list of each of them
        self.batches: list[_Batch] = []
        self.problems: list[Problem] = []
        self.soundness: dict[int, Soundness] = {}  # of the treaties rebuilt from their sound parts, by order

    def load(self) -> tuple[Dataset, str]:
        from pydantic import ValidationError

        from treatytrack.core.checks import check_dataset
        from treatytrack.core.models import Dataset, NonStateParty
        from treatytrack.store import cache, yamlstrict
        from treatytrack.store.paths import MAX_BYTES, open_input
        from treatytrack.store.problems import LoadError, pydantic_problem, sorted_problems
        from treatytrack.store.salvage import salvage_state_history

        digest = cache.new_digest()  # fed the file's bytes in order: lines outside the list, batches in it
        outside: list[bytes] = []  # every line but the list's items, with the list emptied
        batch: list[bytes] = []
        in_batch = 0
        items = 0  # items of the list seen so far
        indent = -1  # of the items' dashes, once the first item is seen
        deeper = b""  # a line starting with this is inside the current item
        state = "before"  # before the list, "in" it, "after" it
        size = 0  # bytes read
        lines = 0  # lines read
        key_line = 0  # the line of `treaties:`
        batch_offset = batch_line = 0  # where the batch being gathered starts
        list_lines = 0  # the lines of the list's items

        def flush() -> None:
            data = b"".join(batch)
            digest.update(data)
            if in_batch:
                where = _Batch(items - in_batch, batch_offset, len(data), batch_line)
                self.batches.append(where)
                self._batch(data, where, in_batch)
            batch.clear()

        with open_input(self.path) as handle:  # a regular file within the limit, or nothing read
            for line in handle:
                if state == "in":
                    if not batch:
                        batch_offset, batch_line = size, lines
                    size += len(line)
                    lines += 1
                    if size > MAX_BYTES:
                        raise _GiveUp
                    if deeper and line.startswith(deeper):  # most lines: no pattern to match
                        batch.append(line)
                        continue
                    if _BLANK.fullmatch(line):
                        batch.append(line)
                        continue
                    lead = len(line) - len(line.lstrip(b" "))
                    item = _ITEM.match(line)
                    if indent < 0:
                        if item is None:
                            raise _GiveUp
                        indent, deeper = lead, b" " * (lead + 1)
                    if lead == indent and item is not None:
                        if in_batch == BATCH:
                            flush()
                            in_batch = 0
                            batch_offset, batch_line = size - len(line), lines - 1
                        in_batch += 1
                        items += 1
                        batch.append(line)
                        continue
                    if lead > indent:
                        batch.append(line)
                        continue
                    flush()  # the list has ended: the rest of the file is outside it
                    state = "after"
                    list_lines = lines - 1 - key_line
                else:
                    size += len(line)
                    lines += 1
                    if size > MAX_BYTES:
                        raise _GiveUp
                digest.update(line)
                if state == "before" and _TREATIES.fullmatch(line):
                    state, key_line = "in", lines
                    outside.append(b"treaties: []\n")
                else:
                    outside.append(line)
        if indent < 0:  # no `treaties:` line, or an empty list: let the whole-file path say so
            raise _GiveUp
        if state == "in":
            flush()
            list_lines = lines - key_line
        text = yamlstrict.decode(b"".join(outside))
        if _odd_line_breaks(text):
            raise _GiveUp
        root = yamlstrict.compose(text)
        if root is None:
            raise _GiveUp
        raw = yamlstrict.to_python(root, strings=self.strings)
        if not isinstance(raw, dict) or raw.get("treaties") != []:
            raise _GiveUp

        def file_line(line: int) -> int:  # a line of the outside text, in the file
            return line if line <= key_line else line + list_lines

        raw["treaties"] = self.treaties
        dataset: Dataset | None
        try:
            dataset = Dataset.model_validate(raw)
        except ValidationError as err:
            self.problems += [
                pydantic_problem(self.filename, root, e, line_of=file_line) for e in err.errors(include_url=False)
            ]
            dataset = None
        if dataset is None or self.problems:
            # As the whole-file reader does: the cross-record findings of the records valid on their own too.
            orgs = []
            for item in raw.get("non_state_parties") or []:
                try:
                    orgs.append(NonStateParty.model_validate(item))
                except ValidationError:
                    continue
            checked = Dataset.model_construct(
                version=1,
                reviewed=dt.date.min,
                non_state_parties=tuple(orgs),
                state_history=salvage_state_history(raw),
                treaties=tuple(self.treaties),
            )
        else:
            checked = dataset
        findings = check_dataset(checked, self.positions, self.soundness)
        if findings or self.problems or dataset is None:
            located = self._locate(findings, root, file_line)
            unrun = [(check, place) for sound in self.soundness.values() for check, place in sound.skipped.items()]
            raise LoadError(sorted_problems(self.problems + located), unrun)
        return dataset, cache.finish_key(digest)

    def _batch(self, data: bytes, where: _Batch, count: int) -> None:
        """Validate a batch's treaties; each one that does not validate becomes located problems."""
        from pydantic import ValidationError
        from yaml.nodes import SequenceNode

        from treatytrack.core.models import Treaty
        from treatytrack.store import yamlstrict
        from treatytrack.store.problems import pydantic_problem
        from treatytrack.store.salvage import salvage_treaty

        text = data.decode("utf-8")  # lines are whole, so no character is cut in two
        if yamlstrict.has_control_character(text) or _odd_line_breaks(text):
            raise _GiveUp
        root = yamlstrict.compose(text)
        if not isinstance(root, SequenceNode) or len(root.value) != count:
            raise _GiveUp
        items: Any = yamlstrict.to_python(root, depth=1, strings=self.strings)  # the list is 1 level down
        shift = where.lines_before
        for k, item in enumerate(items):
            try:
                treaty = Treaty.model_validate(item)
            except ValidationError as err:
                self.problems += [
                    pydantic_problem(
                        self.filename,
                        root,
                        e,
                        ("treaties", where.first + k),
                        root_prefix=(k,),
                        line_of=lambda line: line + shift,
                    )
                    for e in err.errors(include_url=False)
                ]
                rebuilt = salvage_treaty(item, f"treaties[{where.first + k}]")
                if rebuilt is not None:  # its sound parts are still checked
                    self.soundness[len(self.treaties)] = rebuilt[1]
                    self.treaties.append(rebuilt[0])
                    self.positions.append(where.first + k)
                continue
            self.treaties.append(treaty)
            self.positions.append(where.first + k)

    def _locate(self, findings: list[Finding], outside: Any, file_line: Callable[[int], int]) -> list[Problem]:
        """Findings as located problems: about a treaty, in its batch composed again (only the
        batches that have findings are); about anything else, in the lines outside the list."""
        from treatytrack.store import yamlstrict
        from treatytrack.store.paths import open_input
        from treatytrack.store.problems import Problem, _dotted

        firsts = [b.first for b in self.batches]
        roots: dict[int, Any] = {}
        located = []
        with open_input(self.path) as handle:
            for finding in findings:
                path = finding.path
                if len(path) >= 2 and path[0] == "treaties" and isinstance(path[1], int):
                    which = bisect.bisect_right(firsts, path[1]) - 1
                    where = self.batches[which]
                    if which not in roots:
                        handle.seek(where.offset)
                        roots[which] = yamlstrict.compose(handle.read(where.size).decode("utf-8"))
                    line, column = yamlstrict.locate(
                        roots[which], (path[1] - where.first, *path[2:]), at_key=finding.at_key
                    )
                    line += where.lines_before
                else:
                    line, column = yamlstrict.locate(outside, path, at_key=finding.at_key)
                    line = file_line(line)
                located.append(Problem(self.filename, line, column, f"{_dotted(path)}: {finding.message}"))
        return located


def _odd_line_breaks(text: str) -> bool:
    """Line breaks YAML counts that reading by lines does not: a lone CR, U+2028, U+2029."""
    return "\u2028" in text or "\u2029" in text or text.count("\r") != text.count("\r\n")
