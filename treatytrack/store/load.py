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
    from treatytrack.core.soundness import Soundness


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
    return load_keyed(path, use_cache=use_cache, whole_file=whole_file, notify=notify)[0]


def load_keyed(
    path: Path | str, *, use_cache: bool = True, whole_file: bool = False, notify: Callable[[str], None] | None = None
) -> tuple[Dataset, str | None]:
    """`load_dataset`, with the cache key of the bytes the dataset was read from (None without
    `use_cache`): what is worked out from the dataset is kept under it (`store.changes`)."""
    from treatytrack.store import cache

    path = Path(path)
    if use_cache:
        key = cache.file_key(path)
        if key is not None:
            with _collector_paused():
                dataset = cache.read(key)
            if dataset is not None:
                return dataset, key
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
    if not use_cache:
        return dataset, None
    cache.write(key, dataset, notify)
    return dataset, key


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
    if not isinstance(raw, dict) or not set(_TOP_KEYS) & raw.keys():
        raise _not_a_treaty_file(filename, root, raw)
    try:
        dataset = Dataset.model_validate(raw)
    except ValidationError as err:
        problems = [pydantic_problem(filename, root, e) for e in err.errors(include_url=False)]
        # Report the cross-record problems of the records that are valid on their own too,
        # so one run shows everything there is to fix.
        partial, positions, soundness = _valid_parts(raw)
        findings = check_dataset(partial, positions, soundness)
        unrun = [(check, place) for sound in soundness.values() for check, place in sound.skipped.items()]
        raise LoadError(sorted_problems(problems + located(filename, root, findings)), unrun) from None
    findings = check_dataset(dataset)
    if findings:
        raise LoadError(sorted_problems(located(filename, root, findings)))
    return dataset


_TOP_KEYS = ("version", "reviewed", "non_state_parties", "state_history", "treaties")


def _not_a_treaty_file(filename: str, root: Any, raw: Any) -> NotATreatyFile:
    """Why a YAML file is not a treaty file, located: its top level is not a mapping, or none of
    its keys is `version` or `treaties` (each key that looks like a misspelt one is named)."""
    import difflib

    from treatytrack.store import yamlstrict

    shape = "a mapping with `version`, `reviewed` and `treaties`"
    if not isinstance(raw, dict):
        what = "a list" if isinstance(raw, list) else f"a single value ({type(raw).__name__})"
        return NotATreatyFile(
            [Problem(filename, 1, 1, f"not a treaty file: the top level is {what}; a treaty file is {shape}")]
        )
    problems = []
    for key in raw:
        close = difflib.get_close_matches(str(key), _TOP_KEYS, n=1, cutoff=0.75)
        if close:
            line, column = yamlstrict.locate(root, (key,), at_key=True)
            problems.append(
                Problem(filename, line, column, f"(top level): unknown key `{key}`; did you mean `{close[0]}`?")
            )
    if problems:
        return NotATreatyFile(problems, misspelt=True)
    return NotATreatyFile(
        [Problem(filename, 1, 1, f"not a treaty file (no top-level `version` or `treaties`): a treaty file is {shape}")]
    )


def overlay_shaped(path: Path) -> bool:
    """Whether a file is an extra file (`--extra`) rather than a dataset: `version` and `treaties`
    but no `reviewed`, and an entry that adds to a treaty (an `id` without a `name`)."""
    from treatytrack.store import yamlstrict

    try:
        root = yamlstrict.compose(yamlstrict.decode(read_bytes(path)))
        raw = yamlstrict.to_python(root) if root is not None else None
    except (LoadError, yamlstrict.YamlProblem):
        return False
    if (
        not isinstance(raw, dict)
        or "version" not in raw
        or "reviewed" in raw
        or not isinstance(raw.get("treaties"), list)
    ):
        return False
    return any(isinstance(t, dict) and "id" in t and "name" not in t for t in raw["treaties"])


def _valid_parts(raw: dict[str, Any]) -> tuple[Dataset, list[int], dict[int, Soundness]]:
    """The treaties and organisations of a file that fails as a whole, validated one by one; a
    treaty that does not validate rebuilt from its sound parts (`salvage`), with which are broken."""
    from pydantic import ValidationError

    from treatytrack.core.models import Dataset, NonStateParty, Treaty
    from treatytrack.store.salvage import salvage_state_history, salvage_treaty

    def valid(model: Any, items: Any) -> list[tuple[int, Any]]:
        good = []
        for index, item in enumerate(items if isinstance(items, list) else []):
            try:
                good.append((index, model.model_validate(item)))
            except ValidationError:
                continue
        return good

    items = raw.get("treaties")
    treaties: list[tuple[int, Any]] = []
    soundness: dict[int, Soundness] = {}
    for index, item in enumerate(items if isinstance(items, list) else []):
        try:
            treaties.append((index, Treaty.model_validate(item)))
        except ValidationError:
            rebuilt = salvage_treaty(item, f"treaties[{index}]")
            if rebuilt is not None:
                soundness[len(treaties)] = rebuilt[1]
                treaties.append((index, rebuilt[0]))
    orgs = [org for _, org in valid(NonStateParty, raw.get("non_state_parties"))]
    partial = Dataset.model_construct(
        version=1,
        reviewed=dt.date.min,
        non_state_parties=tuple(orgs),
        state_history=salvage_state_history(raw),
        treaties=tuple(t for _, t in treaties),
    )
    return partial, [index for index, _ in treaties], soundness


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


def name_problems(path: Path | str, dataset: Dataset) -> list[Problem]:
    """`validate`: each short name, alias or full name two records share (a lookup by it picks
    neither), located in its file. Not a load error: commands refuse the ambiguous name itself."""
    from treatytrack.core.checks import Finding
    from treatytrack.core.naming import shared_names
    from treatytrack.store import yamlstrict

    findings = [Finding(("treaties", *where), message) for where, message in shared_names(dataset)]
    if not findings:
        return []
    root = yamlstrict.compose(yamlstrict.decode(read_bytes(Path(path))))
    return sorted_problems(located(os.fspath(path), root, findings))
