"""Load a well-formed dataset a few treaties at a time: memory holds the records, never the whole
file or its YAML node tree.

Composing a whole file builds a node per scalar, key and list, about 20 times the file's size
(800 MB for a 40 MB file). This path reads the file line by line, finds where each item of the
top-level `treaties:` list begins (a `-` indented exactly like the list's first one), and composes
and validates a batch of items at a time, with the same strict reader and the same models.

It only answers when it is sure: on an unusual layout, any YAML or validation problem, or any
cross-record finding, it gives up (returns None) and the caller takes the whole-file path, which
reports every problem with its line and column. A file that loads here loads the same there.
Chunk boundaries cannot change what a valid file means: an item boundary inside a quoted scalar
or a flow collection leaves the batch before it unterminated, which is a YAML error, and YAML
errors send the file to the whole-file path.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from treatytrack.models import Dataset, Treaty

BATCH = 64  # treaties composed at a time

_TREATIES = re.compile(rb"treaties:[ ]*(?:#[^\r\n]*)?\r?\n?")  # the list's key, alone on its line
_BLANK = re.compile(rb"[ ]*(?:#[^\r\n]*)?\r?\n?")  # nothing but spaces or a comment
_ITEM = re.compile(rb"( *)-(?:[ ]|\r?\n|$)")  # a list item's dash


class _GiveUp(Exception):
    """Not a layout this reader is sure of: leave the file to the whole-file path."""


def load_in_chunks(path: Path) -> tuple[Dataset, str] | None:
    """The dataset and the cache key of the bytes read, or None to say "use the whole-file path"."""
    from pydantic import ValidationError

    from treatytrack import yamlstrict
    from treatytrack.paths import InputRefused

    try:
        return _load(path)
    except (_GiveUp, OSError, InputRefused, UnicodeError, ValidationError, yamlstrict.YamlProblem):
        return None


def _load(path: Path) -> tuple[Dataset, str]:
    from treatytrack import cache, yamlstrict
    from treatytrack.checks import check_dataset
    from treatytrack.models import Dataset
    from treatytrack.paths import MAX_BYTES, open_input

    digest = cache.new_digest()  # fed the file's bytes in order: lines outside the list, batches in it
    strings: dict[str, str] = {}  # shared by all batches: one object per distinct text
    treaties: list[Treaty] = []
    outside: list[bytes] = []  # every line but the list's items, with the list emptied
    batch: list[bytes] = []
    in_batch = 0
    indent = -1  # of the items' dashes, once the first item is seen
    deeper = b""  # a line starting with this is inside the current item
    state = "before"  # before the list, "in" it, "after" it
    size = 0

    def flush() -> None:
        data = b"".join(batch)
        digest.update(data)
        if in_batch:
            treaties.extend(_batch(data, strings))
        batch.clear()

    with open_input(path) as handle:  # a regular file within the limit, or nothing read
        for line in handle:
            size += len(line)
            if size > MAX_BYTES:
                raise _GiveUp
            if state == "in":
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
                    in_batch += 1
                    batch.append(line)
                    continue
                if lead > indent:
                    batch.append(line)
                    continue
                flush()  # the list has ended: the rest of the file is outside it
                state = "after"
            digest.update(line)
            if state == "before" and _TREATIES.fullmatch(line):
                state = "in"
                outside.append(b"treaties: []\n")
            else:
                outside.append(line)
    if indent < 0:  # no `treaties:` line, or an empty list: let the whole-file path say so
        raise _GiveUp
    if state == "in":
        flush()
    root = yamlstrict.compose(yamlstrict.decode(b"".join(outside)))
    if root is None:
        raise _GiveUp
    raw = yamlstrict.to_python(root, strings=strings)
    if not isinstance(raw, dict) or raw.get("treaties") != []:
        raise _GiveUp
    raw["treaties"] = treaties
    dataset = Dataset.model_validate(raw)
    if check_dataset(dataset):
        raise _GiveUp
    return dataset, cache.finish_key(digest)


def _batch(data: bytes, strings: dict[str, str]) -> list[Treaty]:
    from yaml.nodes import SequenceNode

    from treatytrack import yamlstrict
    from treatytrack.models import Treaty

    text = data.decode("utf-8")  # lines are whole, so no character is cut in two
    if yamlstrict.has_control_character(text):
        raise _GiveUp
    root = yamlstrict.compose(text)
    if not isinstance(root, SequenceNode):
        raise _GiveUp
    items: Any = yamlstrict.to_python(root, depth=1, strings=strings)  # the list is 1 level down
    return [Treaty.model_validate(item) for item in items]
