"""The one door to data: file -> strict YAML -> validated models, or every problem located.

`load_dataset(path)` returns a frozen `Dataset` or raises `LoadError`, whose problems each
carry the file, line and column of the offending key or value and a hint on how to fix it.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from treatytrack.store.problems import LoadError, NotATreatyFile, Problem, located, pydantic_problem, sorted_problems

if TYPE_CHECKING:
    from treatytrack.core.models import Dataset


def read_bytes(path: Path) -> bytes:
    """A data file's bytes, or a `LoadError` saying why not (nothing is read of a file that is
    not a regular one, or that is over the size limit)."""
    from treatytrack.store.paths import MAX_BYTES, InputRefused, open_input, too_large

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
    "note: this PyYAML has no libyaml C parser, so YAML files are read several times slower; see docs/performance.md."
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
    from treatytrack.store import cache

    path = Path(path)
    if use_cache:
        key = cache.file_key(path)
        if key is not None:
            with _collector_paused():
                dataset = cache.read(key)
            if dataset is not None:
                return dataset
    from treatytrack.store import yamlstrict
    from treatytrack.store.chunked import load_in_chunks

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

    from treatytrack.core.checks import check_dataset
    from treatytrack.core.models import Dataset
    from treatytrack.store import yamlstrict

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


def _valid_parts(raw: dict[str, Any]) -> tuple[Dataset, list[int]]:
    """The treaties and organisations of a file that fail as a whole but validate one by one."""
    from pydantic import ValidationError

    from treatytrack.core.models import Dataset, NonStateParty, Treaty

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


def source_problems(path: Path | str, dataset: Dataset) -> list[Problem]:
    """`validate --strict-sources`: each citation of a loaded dataset that names no publisher's
    page (`sources.source_problem`), located in its file."""
    from treatytrack.core.sources import check_sources
    from treatytrack.store import yamlstrict

    findings = check_sources(dataset)
    if not findings:
        return []
    root = yamlstrict.compose(yamlstrict.decode(read_bytes(Path(path))))
    return sorted_problems(located(os.fspath(path), root, findings))
