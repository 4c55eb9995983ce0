"""Users' own files on top of a dataset (`--extra`): new treaties, and events added to known ones.

An extra file has the dataset's shape (`version: 1`, `treaties: [...]`; `reviewed` optional). An
entry whose `id` is new adds a treaty. An entry whose `id` is already loaded may add `events`,
`aliases`, `limits` and `sources`, and rows to its participation table (`participation: {states:
{CODE: row}}`): a state the table already has is replaced only by a row saying `replaces: true`,
so that a typo cannot silently rewrite a depositary's record. Any other key it sets must agree
with the loaded record. The dataset's `state_history` is kept (without it, Russia would stop
continuing the USSR); a file may add states to it, not change those recorded. A disagreement,
or a treaty defined in full twice, is a located error naming both files.
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
_TOP_KEYS = {"version", "reviewed", "non_state_parties", "state_history", "treaties"}
REPLACES = "replaces"  # on a participation row of an extra file: it replaces the loaded row


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
    from treatytrack.core.standing import StateHistory

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
    lives = _state_history(dataset, raw, root, filename, known, problems)
    history = StateHistory(lives)
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
            rows = _participation_rows(base, entry, filename, root, at, origins[treaty_id])
            if rows:
                problems.extend(rows)
                continue
            merged_raw, additions = _merge(base, entry), entry
        try:
            treaty = Treaty.model_validate(merged_raw)
        except ValidationError as err:
            problems.extend(_addition_problems(err, filename, root, at, base, additions))
            continue
        if base is not None:
            changed = [
                k
                for k in entry
                if k not in ADDITIVE and k not in ("id", "participation") and getattr(treaty, k) != getattr(base, k)
            ]
            changed += _table_changed(base, treaty, entry)
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
        findings: list[Finding] = list(check_treaty(treaty, known, history))
        if base is not None:
            added = [Event.model_validate(e) for e in entry.get("events") or []]
            rows_added = set((entry.get("participation") or {}).get("states") or {})
            findings = [
                f for f in (_finding_in_extra(f, base, treaty, added, rows_added) for f in findings) if f is not None
            ]
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
        state_history=lives,
        treaties=tuple(by_id[i] for i in order),
    )


def _state_history(
    dataset: Dataset, raw: dict[str, Any], root: Any, filename: str, known: dict[str, str], problems: list[Problem]
) -> dict[str, Any]:
    """The dataset's state history with the states the file adds; changing a recorded one is an
    error (the loaded record's successions decide every standing before them)."""
    from pydantic import ValidationError

    from treatytrack.core.models import StateLife

    lives = dict(dataset.state_history)
    added = raw.get("state_history") or {}
    if not isinstance(added, dict):
        line, column = yamlstrict.locate(root, ("state_history",))
        problems.append(Problem(filename, line, column, "state_history: a mapping of state codes"))
        return lives
    for code, item in added.items():
        at = ("state_history", code)
        try:
            life = StateLife.model_validate(item)
        except ValidationError as err:
            problems.extend(pydantic_problem(filename, root, e, at) for e in err.errors())
            continue
        line, column = yamlstrict.locate(root, at, at_key=True)
        if code not in known:
            problems.append(Problem(filename, line, column, f"state_history: unknown party code `{code}`"))
        elif code in lives and lives[code] != life:
            problems.append(
                Problem(
                    filename,
                    line,
                    column,
                    f"state_history.{code} is already recorded differently; an extra file may add states, "
                    "not change those recorded",
                )
            )
        else:
            lives[code] = life
    return lives


def _participation_rows(
    base: Treaty, entry: dict[str, Any], filename: str, root: Any, at: tuple[Any, ...], origin: str
) -> list[Problem]:
    """Problems with the rows an entry adds to a loaded treaty's table: a state already there
    without `replaces: true`, `replaces: true` on a state that is not, or no table to add to."""
    table = entry.get("participation")
    if table is None:
        return []
    states = table.get("states") if isinstance(table, dict) else None
    if not isinstance(states, dict):
        return []  # the model's own error, located by validation
    line, column = yamlstrict.locate(root, (*at, "participation"), at_key=True)
    if base.participation is None:
        return [
            Problem(
                filename,
                line,
                column,
                f"{base.id} has no participation table in {origin}; an extra file may add rows to a table, not add one",
            )
        ]
    problems = []
    for code, row in states.items():
        replaces = isinstance(row, dict) and row.get(REPLACES) is True
        where = yamlstrict.locate(root, (*at, "participation", "states", code), at_key=True)
        if code in base.participation.states and not replaces:
            message = (
                f"{base.id}: {code} already has a row in {origin}; to replace it, say `{REPLACES}: true` on the new row"
            )
            problems.append(Problem(filename, *where, message))
        elif code not in base.participation.states and replaces:
            message = f"{base.id}: {code} has no row in {origin} to replace; leave `{REPLACES}` out to add one"
            problems.append(Problem(filename, *where, message))
    return problems


def _table_changed(base: Treaty, merged: Treaty, entry: dict[str, Any]) -> list[str]:
    """`participation` when the entry sets any key of the table but its rows differently."""
    table = entry.get("participation")
    if not isinstance(table, dict) or base.participation is None or merged.participation is None:
        return []
    keys = [k for k in table if k != "states"]
    return (
        ["participation"]
        if any(getattr(merged.participation, k) != getattr(base.participation, k) for k in keys)
        else []
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
        elif key == "participation" and isinstance(value, dict) and isinstance(merged.get(key), dict):
            given = value.get("states")
            rows: dict[str, Any] = given if isinstance(given, dict) else {}
            table = dict(merged[key], **{k: v for k, v in value.items() if k != "states"})
            table["states"] = dict(table.get("states", {})) | {
                code: {k: v for k, v in row.items() if k != REPLACES} if isinstance(row, dict) else row
                for code, row in rows.items()
            }
            merged[key] = table
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


def _finding_in_extra(
    finding: Finding, base: Treaty, merged: Treaty, added: list[Event], rows: set[str]
) -> Finding | None:
    """Keep a finding only if it is about something the extra file added; re-point it there."""
    from treatytrack.core.checks import Finding

    path = finding.path
    if path[:2] == ("participation", "states") and len(path) > 2:
        return finding if path[2] in rows else None
    if path and path[0] == "events" and len(path) > 1 and isinstance(path[1], int):
        event = merged.events[path[1]]
        if event not in added:
            return None
        return Finding(("events", added.index(event), *path[2:]), finding.message, finding.at_key)
    return finding
