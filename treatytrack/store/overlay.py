"""Users' own files on top of a dataset (`--extra`): new treaties, and events added to known ones.

An extra file has the dataset's shape (`version: 1`, `treaties: [...]`; `reviewed` optional). An
entry whose `id` is new adds a treaty. An entry whose `id` is already loaded may add `events`,
`aliases`, `limits` and `sources`; any other key it sets must agree with the loaded record. A
disagreement, or a treaty defined in full twice, is a located error naming both files.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from treatytrack.store import yamlstrict
from treatytrack.store.load import read_bytes
from treatytrack.store.problems import LoadError, Problem, located, pydantic_problem, sorted_problems

if TYPE_CHECKING:
    from treatytrack.core.checks import Finding
    from treatytrack.core.models import Dataset, Event, Treaty

ADDITIVE = ("events", "aliases", "limits", "sources")
_TOP_KEYS = {"version", "reviewed", "non_state_parties", "treaties"}


def apply_extras(dataset: Dataset, base_name: str, extras: list[Path]) -> Dataset:
    """The dataset with each extra file applied in order; all problems of all files at once."""
    origins: dict[str, str] = {t.id: base_name for t in dataset.treaties}
    problems: list[Problem] = []
    for path in extras:
        try:
            dataset = _apply_one(dataset, read_bytes(path), os.fspath(path), origins)
        except LoadError as err:
            problems.extend(err.problems)
    if problems:
        raise LoadError(problems)
    return dataset


def _raw(data: bytes, filename: str) -> tuple[Any, Any]:
    try:
        root = yamlstrict.compose(yamlstrict.decode(data))
        if root is None:
            raise yamlstrict.YamlProblem(1, 1, "the file is empty; an extra file starts with `version: 1`")
        raw = yamlstrict.to_python(root)
    except yamlstrict.YamlProblem as problem:
        raise LoadError([Problem(filename, problem.line, problem.column, problem.message)]) from None
    if not isinstance(raw, dict) or not isinstance(raw.get("treaties", []), list):
        raise LoadError([Problem(filename, 1, 1, "an extra file is a mapping with `version: 1` and a `treaties` list")])
    return root, raw


def _apply_one(dataset: Dataset, data: bytes, filename: str, origins: dict[str, str]) -> Dataset:
    from pydantic import ValidationError

    from treatytrack.core.checks import Finding, check_treaty, iso_codes
    from treatytrack.core.models import Dataset, Event, NonStateParty, Treaty

    root, raw = _raw(data, filename)
    problems: list[Problem] = []
    for key in raw:
        if key not in _TOP_KEYS:
            line, column = yamlstrict.locate(root, (key,), at_key=True)
            problems.append(Problem(filename, line, column, f"unknown top-level key `{key}`"))
    if raw.get("version") != 1:
        line, column = yamlstrict.locate(root, ("version",))
        problems.append(Problem(filename, line, column, "version: an extra file needs `version: 1`"))
    orgs = list(dataset.non_state_parties)
    for i, item in enumerate(raw.get("non_state_parties") or []):
        try:
            orgs.append(NonStateParty.model_validate(item))
        except ValidationError as err:
            problems.extend(pydantic_problem(filename, root, e, ("non_state_parties", i)) for e in err.errors())
    known = dict(iso_codes()) | {org.code: org.name for org in orgs}
    by_id = {t.id: t for t in dataset.treaties}
    order = [t.id for t in dataset.treaties]
    for i, entry in enumerate(raw.get("treaties") or []):
        at = ("treaties", i)
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            line, column = yamlstrict.locate(root, at)
            problems.append(Problem(filename, line, column, f"treaties[{i}]: each entry needs an `id`"))
            continue
        treaty_id = entry["id"]
        base = by_id.get(treaty_id)
        if base is None:
            merged_raw, additions = entry, None
        else:
            conflict = _conflicts(entry, origins[treaty_id], filename, root, at)
            if conflict:
                problems.extend(conflict)
                continue
            merged_raw, additions = _merge(base, entry), entry
        try:
            treaty = Treaty.model_validate(merged_raw)
        except ValidationError as err:
            problems.extend(_addition_problems(err, filename, root, at, base, additions))
            continue
        if base is not None:
            changed = [k for k in entry if k not in ADDITIVE and k != "id" and getattr(treaty, k) != getattr(base, k)]
            if changed:
                for key in changed:
                    line, column = yamlstrict.locate(root, (*at, key), at_key=True)
                    problems.append(
                        Problem(
                            filename,
                            line,
                            column,
                            f"{treaty_id}.{key} is already set differently in "
                            f"{origins[treaty_id]}; an extra file may only add {', '.join(ADDITIVE)}",
                        )
                    )
                continue
        findings: list[Finding] = list(check_treaty(treaty, known))
        if base is not None:
            added = [Event.model_validate(e) for e in entry.get("events") or []]
            findings = [f for f in (_finding_in_extra(f, base, treaty, added) for f in findings) if f is not None]
        problems.extend(located(filename, root, [Finding((*at, *f.path), f.message, f.at_key) for f in findings]))
        by_id[treaty_id] = treaty
        if base is None:
            origins[treaty_id] = filename
            order.append(treaty_id)
    if problems:
        raise LoadError(sorted_problems(problems))
    return Dataset.model_construct(
        version=1,
        reviewed=dataset.reviewed,
        non_state_parties=tuple(orgs),
        treaties=tuple(by_id[i] for i in order),
    )


def _conflicts(entry: dict[str, Any], origin: str, filename: str, root: Any, at: tuple[Any, ...]) -> list[Problem]:
    if origin != filename and "name" in entry and "kind" in entry:
        line, column = yamlstrict.locate(root, (*at, "id"))
        return [
            Problem(
                filename,
                line,
                column,
                f"treaty `{entry['id']}` is already defined in {origin}; "
                "to add to it, give only its `id` and what to add (events, aliases, limits, sources)",
            )
        ]
    return []


def _merge(base: Treaty, entry: dict[str, Any]) -> dict[str, Any]:
    """The loaded record with the entry's additions; events kept in date order (stable)."""
    merged: dict[str, Any] = base.model_dump(mode="json", exclude_defaults=True)
    for key, value in entry.items():
        if key in ADDITIVE and isinstance(value, list):
            merged[key] = list(merged.get(key, [])) + value
        else:
            merged[key] = value
    if isinstance(entry.get("events"), list):
        merged["events"] = sorted(merged["events"], key=lambda e: str(e.get("date", "")) if isinstance(e, dict) else "")
    return merged


def _addition_problems(
    err: Any, filename: str, root: Any, at: tuple[Any, ...], base: Treaty | None, additions: dict[str, Any] | None
) -> list[Problem]:
    """Pydantic errors located in the extra file; an added list item is found by its content."""
    problems = []
    for error in err.errors():
        loc = tuple(error["loc"])
        if base is not None and additions is not None and loc and loc[0] in ADDITIVE and len(loc) > 1:
            key, index = loc[0], loc[1]
            added = additions.get(key) or []
            merged_items = _merge(base, additions).get(key, [])
            item = merged_items[index] if isinstance(index, int) and index < len(merged_items) else None
            if item in added:
                loc = (key, added.index(item), *loc[2:])
        problems.append(pydantic_problem(filename, root, dict(error, loc=loc), at))
    return problems


def _finding_in_extra(finding: Finding, base: Treaty, merged: Treaty, added: list[Event]) -> Finding | None:
    """Keep a finding only if it is about something the extra file added; re-point it there."""
    from treatytrack.core.checks import Finding

    path = finding.path
    if path and path[0] == "events" and len(path) > 1 and isinstance(path[1], int):
        event = merged.events[path[1]]
        if event not in added:
            return None
        return Finding(("events", added.index(event), *path[2:]), finding.message, finding.at_key)
    return finding
