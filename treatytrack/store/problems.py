"""Problems found in a data file, each located at its file, line and column with a hint on how
to fix it: the one shape in which the loader, the chunked loader and overlays report."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from treatytrack.core.checks import Finding


class Problem(NamedTuple):
    file: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        """One line, safe to print: control characters quoted from the input are written out (\\x1b)."""
        from treatytrack.core.controls import escape

        if self.line == 0:  # about the file as a whole (missing, unreadable)
            return escape(f"{self.file}: {self.message}")
        return escape(f"{self.file}:{self.line}:{self.column}: {self.message}")


class LoadError(Exception):
    """A file's problems; `unrun` the checks that could not run because a part they need is
    broken (check, the broken part's place), for `validate` to say how many and why."""

    def __init__(self, problems: list[Problem], unrun: list[tuple[str, str]] | None = None) -> None:
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems
        self.unrun = unrun or []


class NotATreatyFile(LoadError):
    """A YAML file that is not a treaty file at all: a list or a single value at the top level, or
    no top-level `version` or `treaties` (a CI workflow, a tool's configuration). Loading it as a
    dataset fails, and so does `validate`, unless told to skip other YAML (`--skip-other-yaml`, the
    pre-commit hook) and the file is not one with misspelt treaty keys (`misspelt`)."""

    def __init__(self, problems: list[Problem], *, misspelt: bool = False) -> None:
        super().__init__(problems)
        self.misspelt = misspelt


def located(filename: str, root: Any, findings: Iterable[Finding]) -> list[Problem]:
    from treatytrack.store import yamlstrict

    problems = []
    for f in findings:
        line, column = yamlstrict.locate(root, f.path, at_key=f.at_key)
        problems.append(Problem(filename, line, column, f"{_dotted(f.path)}: {f.message}"))
    return problems


def sorted_problems(problems: Iterable[Problem]) -> list[Problem]:
    from treatytrack.store import yamlstrict

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
    from treatytrack.core.models import Dataset

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

    from treatytrack.core import models

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
    from treatytrack.store import yamlstrict

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
