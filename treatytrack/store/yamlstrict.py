"""Strict YAML: read a file the way it is written, or say exactly where it is not acceptable.

PyYAML follows YAML 1.1, which silently changes data (`NO` becomes False, a repeated key
replaces the first, `2010-02-30` crashes the date constructor, aliases can expand without bound).
This reader composes the document with libyaml's C parser where available, then builds plain
Python values itself:
- plain scalars are strings, except integers and `null`/`~`/empty and `true`/`false` (YAML 1.2 core);
- quoted scalars are always strings;
- duplicate keys, anchors and aliases, merge keys (`<<`) and explicit tags are refused;
- nesting deeper than MAX_DEPTH is refused;
- control characters (terminal escapes: see `treatytrack.core.controls`) are refused in the file's
  text and, after YAML has decoded escapes such as `"\\e[2J"`, in every key and value.
Every refusal is a `YamlProblem` with a 1-based line and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from treatytrack.core.controls import FORBIDDEN_IN_FILE, FORBIDDEN_IN_TEXT, describe, kind
from treatytrack.store.paths import MAX_BYTES

try:  # libyaml's C parser: several times faster than the pure-Python one
    from yaml import CSafeLoader as _BaseLoader

    LIBYAML = True
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

    LIBYAML = False

MAX_DEPTH = 32
MAX_PROBLEMS = 50

_INT = re.compile(r"[-+]?[0-9]+")
_NULL = frozenset({"", "~", "null", "Null", "NULL"})
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_STR_TAG = "tag:yaml.org,2002:str"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MAP_TAG = "tag:yaml.org,2002:map"
_TAGS = {ScalarNode: _STR_TAG, SequenceNode: _SEQ_TAG, MappingNode: _MAP_TAG}


@dataclass(frozen=True)
class YamlProblem(Exception):
    line: int
    column: int
    message: str


class _NoImplicitLoader(_BaseLoader):
    """Resolves nothing implicitly: every untagged scalar composes as a string node."""

    yaml_implicit_resolvers: dict[Any, Any] = {}  # noqa: RUF012 - PyYAML's own class attribute

    # The composer asks these for every node; with nothing to resolve, answer at once (a tenth
    # of a large file's load time went to PyYAML's general versions).
    def resolve(self, kind: type[Node], value: Any, implicit: Any) -> str:
        return _TAGS[kind]

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def decode(data: bytes) -> str:
    """UTF-8 text with no control characters, or the first place where it is not."""
    if len(data) > MAX_BYTES:
        raise YamlProblem(1, 1, f"file is larger than {MAX_BYTES // (1024 * 1024)} MiB; split it into several files")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        prefix = data[: err.start].decode("utf-8", errors="replace")
        line, column = _position(prefix, len(prefix))
        raise YamlProblem(line, column, "not valid UTF-8; save the file as UTF-8") from None
    bad = FORBIDDEN_IN_FILE.search(text)
    if bad is not None:
        line, column = _position(text, bad.start())
        raise YamlProblem(line, column, f"{kind(bad.group())} {describe(bad.group())} is not allowed; delete it")
    return text


def has_control_character(text: str) -> bool:
    return FORBIDDEN_IN_FILE.search(text) is not None


def compose(text: str) -> Node | None:
    """The single YAML document's node tree (None for an empty file), or a located problem."""
    loader = _NoImplicitLoader(text)
    try:
        return loader.get_single_node()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = err.problem or str(err)
        if "expected a single document" in str(err):
            message = "several YAML documents in one file; keep one (delete the `---` or `...` line)"
        raise YamlProblem(line, column, message) from None
    except yaml.YAMLError as err:  # pragma: no cover - libyaml reports marks for all it finds
        raise YamlProblem(1, 1, str(err)) from None
    finally:
        loader.dispose()


def _located(node: Node, message: str) -> YamlProblem:
    return YamlProblem(node.start_mark.line + 1, node.start_mark.column + 1, message)


def _scalar(node: ScalarNode) -> Any:
    value: str = node.value
    if node.style:  # quoted or block scalar: always text (plain is None, or "" from libyaml)
        return value
    if value in _NULL:
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.fullmatch(value):
        return int(value)
    return value


def to_python(root: Node, *, depth: int = 0, strings: dict[str, str] | None = None) -> Any:
    """Plain Python values from a node tree, refusing what a strict reader should refuse.

    `depth` is the root's own nesting level (a part of a larger document is deeper than 0);
    `strings` maps each text to one object, to share between calls.
    """
    return _Builder({} if strings is None else strings).build(root, depth)


class _Builder:
    """One tree's conversion. A class, not a closure: a function that calls itself through its
    closure is a reference cycle, which would keep `seen` (an entry per node) alive until the
    cyclic GC runs, and a CLI run turns that off."""

    def __init__(self, strings: dict[str, str]) -> None:
        self.seen: set[int] = set()
        self.strings = strings  # one object per distinct text: party codes, sources, notes repeat

    def build(self, node: Node, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise _located(node, f"nested more than {MAX_DEPTH} levels deep; flatten the structure")
        if id(node) in self.seen:
            raise _located(node, "anchors and aliases (&name, *name) are not allowed; write the value out")
        self.seen.add(id(node))
        if isinstance(node, ScalarNode):
            if node.tag != _STR_TAG:
                raise _located(node, f"explicit tags such as `{node.tag}` are not allowed; remove the tag")
            value = _scalar(node)
            if node.style == '"':  # the only style with escapes: every other one holds the file's own text
                bad = FORBIDDEN_IN_TEXT.search(value)
                if bad is not None:
                    raise _located(
                        node,
                        f"{kind(bad.group())} {describe(bad.group())} (an escape such as \\e or \\x1b) "
                        "is not allowed in text; delete it",
                    )
            return self.strings.setdefault(value, value) if isinstance(value, str) else value
        if isinstance(node, SequenceNode):
            if node.tag != _SEQ_TAG:
                raise _located(node, f"explicit tags such as `{node.tag}` are not allowed; remove the tag")
            return [self.build(item, depth + 1) for item in node.value]
        if isinstance(node, MappingNode):
            if node.tag != _MAP_TAG:
                raise _located(node, f"explicit tags such as `{node.tag}` are not allowed; remove the tag")
            return self._mapping(node, depth)
        raise _located(node, "unsupported YAML node")  # pragma: no cover

    def _mapping(self, node: MappingNode, depth: int) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        first_line: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge" or (
                isinstance(key_node, ScalarNode) and not key_node.style and key_node.value == "<<"
            ):
                raise _located(key_node, "merge keys (<<) are not allowed; write the keys out")
            if not isinstance(key_node, ScalarNode):
                raise _located(key_node, "a key must be plain text, not a list or mapping")
            key = self.build(key_node, depth + 1)
            if not isinstance(key, str):
                key = key_node.value
            if key in result:
                raise _located(
                    key_node,
                    f"duplicate key `{key}` (first on line {first_line[key]}); keep one of them",
                )
            first_line[key] = key_node.start_mark.line + 1
            result[key] = self.build(value_node, depth + 1)
        return result


def locate(root: Node, path: tuple[str | int, ...], *, at_key: bool = False) -> tuple[int, int]:
    """The 1-based line and column of the value at `path` (or of its key, or of its nearest parent)."""
    node = root
    for step in path:
        child: Node | None = None
        if isinstance(node, MappingNode):
            for key_node, value_node in node.value:
                if key_node.value == step:
                    child = key_node if (at_key and step == path[-1]) else value_node
                    break
        elif isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
            child = node.value[step]
        if child is None:
            break
        node = child
    return node.start_mark.line + 1, node.start_mark.column + 1
