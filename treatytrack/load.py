"""The one door to data: file -> strict YAML -> validated models, or every problem located.

`load_dataset(path)` returns a frozen `Dataset` or raises `LoadError`, whose problems each
carry the file, line and column of the offending key or value and a hint on how to fix it.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from treatytrack.checks import Finding
    from treatytrack.models import Dataset


class Problem(NamedTuple):
    file: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        """One line, safe to print: control characters quoted from the input are written out (\\x1b)."""
        from treatytrack.controls import escape

        if self.line == 0:  # about the file as a whole (missing, unreadable)
            return escape(f"{self.file}: {self.message}")
        return escape(f"{self.file}:{self.line}:{self.column}: {self.message}")


class LoadError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


class NotATreatyFile(LoadError):
    """A YAML file that is not a treaty file at all: no top-level `version` or `treaties` (a CI
    workflow, a tool's configuration). `validate` skips it; loading it as a dataset fails."""


def read_bytes(path: Path) -> bytes:
    """A data file's bytes, or a `LoadError` saying why not (nothing is read of a file that is
    not a regular one, or that is over the size limit)."""
    from treatytrack.paths import MAX_BYTES, InputRefused, open_input, too_large

    try:
        with open_input(path) as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise LoadError([Problem(str(path), 0, 0, "no such file; check the path")]) from None
    except IsADirectoryError:
        raise LoadError([Problem(str(path), 0, 0, "is a directory, not a YAML file")]) from None
    except InputRefused as refused:
        raise LoadError([Problem(str(path), 0, 0, str(refused))]) from None
    except OSError as err:
        raise LoadError([Problem(str(path), 0, 0, f"cannot read: {err.strerror}")]) from None
    if len(data) > MAX_BYTES:  # it grew after it was opened
        raise LoadError([Problem(str(path), 0, 0, too_large(len(data)))])
    return data


SLOW_PARSER = (
    "note: this PyYAML has no libyaml C parser, so YAML files are read several times slower; see Speed in the README."
)


def load_dataset(
    path: Path | str, *, use_cache: bool = True, whole_file: bool = False, notify: Callable[[str], None] | None = None
) -> Dataset:
    """Load and validate a dataset file, from the cache when the same bytes were loaded before.

    A file is read a batch of treaties at a time (`chunked`), in a fraction of the memory, and its
    problems (treaties that do not validate, cross-record findings) are located in the same pass.
    Only an unusual layout or a YAML problem (syntax, duplicate keys...) sends it to the
    whole-file reader; `whole_file` goes there at once. `notify` hears of anything the user should
    know that is not a problem with the file (a slow YAML parser, an unsafe cache directory).
    """
    from treatytrack import cache

    path = Path(path)
    if use_cache:
        key = cache.file_key(path)
        if key is not None:
            with _collector_paused():
                dataset = cache.read(key)
            if dataset is not None:
                return dataset
    from treatytrack import yamlstrict
    from treatytrack.chunked import load_in_chunks

    if notify is not None and not yamlstrict.LIBYAML:
        notify(SLOW_PARSER)
    with _collector_paused():
        loaded = None if whole_file else load_in_chunks(path)
    if loaded is None:  # a YAML problem to report, or a layout only the whole-file reader is sure of
        data = read_bytes(path)
        loaded = parse_dataset(data, os.fspath(path)), cache.cache_key(data)
    dataset, key = loaded  # the key of the bytes read, should the file have changed since
    if use_cache:
        cache.write(key, dataset, notify)
    return dataset


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Building many small objects (parsing, validating, unpickling) triggers cyclic-GC passes
    that rescan everything built so far and find nothing to free: half the time of a large load."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def parse_dataset(data: bytes, filename: str) -> Dataset:
    """Bytes to a validated dataset."""
    with _collector_paused():
        return _parse(data, filename)


def _parse(data: bytes, filename: str) -> Dataset:
    from pydantic import ValidationError

    from treatytrack import yamlstrict
    from treatytrack.checks import check_dataset
    from treatytrack.models import Dataset

    try:
        text = yamlstrict.decode(data)
        root = yamlstrict.compose(text)
        if root is None:
            raise yamlstrict.YamlProblem(1, 1, "the file is empty; a dataset starts with `version: 1`")
        raw = yamlstrict.to_python(root)
    except yamlstrict.YamlProblem as problem:
        raise LoadError([Problem(filename, problem.line, problem.column, problem.message)]) from None
    if not isinstance(raw, dict) or not {"version", "treaties"} & raw.keys():
        message = "not a treaty file: a treaty file is a mapping with `version`, `reviewed` and `treaties`"
        raise NotATreatyFile([Problem(filename, 1, 1, message)])
    try:
        dataset = Dataset.model_validate(raw)
    except ValidationError as err:
        problems = [pydantic_problem(filename, root, e) for e in err.errors(include_url=False)]
        # Report the cross-record problems of the records that are valid on their own too,
        # so one run shows everything there is to fix.
        partial, positions = _valid_parts(raw)
        findings = check_dataset(partial, positions)
        raise LoadError(sorted_problems(problems + located(filename, root, findings))) from None
    findings = check_dataset(dataset)
    if findings:
        raise LoadError(sorted_problems(located(filename, root, findings)))
    return dataset


def located(filename: str, root: Any, findings: Iterable[Finding]) -> list[Problem]:
    from treatytrack import yamlstrict

    problems = []
    for f in findings:
        line, column = yamlstrict.locate(root, f.path, at_key=f.at_key)
        problems.append(Problem(filename, line, column, f"{_dotted(f.path)}: {f.message}"))
    return problems


def _valid_parts(raw: dict[str, Any]) -> tuple[Dataset, list[int]]:
    """The treaties and organisations of a file that fail as a whole but validate one by one."""
    from pydantic import ValidationError

    from treatytrack.models import Dataset, NonStateParty, Treaty

    def valid(model: Any, items: Any) -> list[tuple[int, Any]]:
        good = []
        for index, item in enumerate(items if isinstance(items, list) else []):
            try:
                good.append((index, model.model_validate(item)))
            except ValidationError:
                continue
        return good

    treaties = valid(Treaty, raw.get("treaties"))
    orgs = [org for _, org in valid(NonStateParty, raw.get("non_state_parties"))]
    partial = Dataset.model_construct(
        version=1, reviewed=dt.date.min, non_state_parties=tuple(orgs), treaties=tuple(t for _, t in treaties)
    )
    return partial, [index for index, _ in treaties]


def sorted_problems(problems: Iterable[Problem]) -> list[Problem]:
    from treatytrack import yamlstrict

    unique = {(p.line, p.column, p.message): p for p in problems}
    return [unique[k] for k in sorted(unique)][: yamlstrict.MAX_PROBLEMS]


def _dotted(path: tuple[Any, ...]) -> str:
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out or "(top level)"


def _models(annotation: Any) -> list[type]:
    """The record models an annotation holds: `X`, `X | None`, `tuple[X, ...]`."""
    import typing

    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _models(arg)]


def _model_at(path: tuple[Any, ...]) -> type | None:
    """The model of the record at `path` in a dataset file (None where the path leaves the models)."""
    from treatytrack.models import Dataset

    model: type | None = Dataset
    for step in path:
        if isinstance(step, int):
            continue  # an item of a list: the list's model already stands for it
        fields = getattr(model, "model_fields", {})
        found = _models(fields[step].annotation) if step in fields else []
        model = found[0] if found else None
    return model


def _unknown_key(path: tuple[Any, ...]) -> str:
    """An unknown key, with what to do: its likely spelling among the keys allowed here, or where
    it belongs when it is a key of another kind of record."""
    import difflib

    from pydantic import BaseModel

    from treatytrack import models

    key, here = str(path[-1]), _model_at(path[:-1])
    allowed = sorted(getattr(here, "model_fields", {}))
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    if close:
        return f"unknown key `{key}`; did you mean `{close[0]}`?"
    places: dict[type[BaseModel], str] = {
        models.Dataset: "at the top level",
        models.Treaty: "in a treaty (an item of `treaties`)",
        models.Event: "in an event (an item of `events`)",
        models.Limit: "in a limit (an item of `limits`)",
        models.Reference: "in a source (an item of `sources`)",
        models.NonStateParty: "in an item of `non_state_parties`",
        models.SourcedDate: "in a dated fact (`signed`, `entry_into_force`...)",
        models.Period: "in a period (`duration`, `withdrawal_notice`)",
        models.PartyCount: "in `party_count`",
    }
    elsewhere = [where for model, where in places.items() if model is not here and key in model.model_fields]
    allowed_text = ", ".join(f"`{k}`" for k in allowed)
    if elsewhere:
        return f"unknown key `{key}` here; it belongs {elsewhere[0]}. Keys allowed here: {allowed_text}"
    return f"unknown key `{key}`; remove it or check its spelling (keys allowed here: {allowed_text})"


def pydantic_problem(
    filename: str,
    root: Any,
    error: Any,
    prefix: tuple[Any, ...] = (),
    *,
    root_prefix: tuple[Any, ...] | None = None,
    line_of: Callable[[int], int] | None = None,
) -> Problem:
    """One Pydantic error as a located problem; `prefix` is where the validated value sits in the file.

    `root` may be a part of the file (a batch of treaties): `root_prefix` is then where the value
    sits in `root`, and `line_of` turns a line of `root` into the file's line."""
    from treatytrack import yamlstrict

    steps = tuple(
        step
        for step in error["loc"]
        if isinstance(step, int)
        or not str(step).startswith(("function-", "union[", "~"))  # "~": the tags of `models.ActValue`
    )
    path = prefix + steps
    kind = error["type"]
    message = str(error["msg"]).removeprefix("Value error, ")
    at_key = kind == "extra_forbidden"
    if kind == "extra_forbidden":
        message = _unknown_key(path)
        path_text = _dotted(path[:-1])
    elif kind == "missing":
        message = f"missing required key `{path[-1]}`"
        path_text = _dotted(path[:-1])
    else:
        path_text = _dotted(path)
        value = error.get("input")
        if (kind in ("string_type",) and isinstance(value, (int, bool, float))) or (
            kind == "string_type" and value is None
        ):
            message += '; quote it, e.g. "..."'
        elif kind in ("int_type", "int_parsing") and isinstance(value, str):
            message += "; write a whole number without quotes"
    line, column = yamlstrict.locate(root, path if root_prefix is None else root_prefix + steps, at_key=at_key)
    return Problem(filename, line if line_of is None else line_of(line), column, f"{path_text}: {message}")


def source_problems(path: Path | str, dataset: Dataset) -> list[Problem]:
    """`validate --strict-sources`: each citation of a loaded dataset that names no publisher's
    page (`sources.source_problem`), located in its file."""
    from treatytrack import yamlstrict
    from treatytrack.sources import check_sources

    findings = check_sources(dataset)
    if not findings:
        return []
    root = yamlstrict.compose(yamlstrict.decode(read_bytes(Path(path))))
    return sorted_problems(located(os.fspath(path), root, findings))
