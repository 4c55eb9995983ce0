"""The data a command works on: the files it reads (--data, --extra), the loaded dataset (or a
failure listing its problems), and treaties and parties named on the command line resolved in it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from treatytrack.cli.exits import fail, note

if TYPE_CHECKING:
    from treatytrack.core.models import Dataset, Treaty
    from treatytrack.core.standing import StateHistory
    from treatytrack.core.vocab import Category, Kind


def extra_paths(extra: list[Path] | None) -> list[Path]:
    if extra:
        return list(extra)
    from_env = os.environ.get("TREATYTRACK_EXTRA", "")
    return [Path(p) for p in from_env.split(os.pathsep) if p]


def input_files(data: Path | None, extra: list[Path] | None) -> list[Path]:
    """Every file a command reads its data from: --data (or the bundled dataset) and --extra."""
    from treatytrack.store.paths import bundled_path

    return [data if data is not None else bundled_path(), *extra_paths(extra)]


def load(data: Path | None, extra: list[Path] | None = None, no_cache: bool = False) -> Dataset:
    return load_keyed(data, extra, no_cache)[0]


def load_keyed(
    data: Path | None, extra: list[Path] | None = None, no_cache: bool = False
) -> tuple[Dataset, str | None]:
    """The dataset a command works on, with the cache key what is worked out from it is kept
    under (None with --no-cache, or when --extra files change it), or exit 1 listing its problems."""
    from treatytrack.store.load import load_keyed as load_file
    from treatytrack.store.paths import bundled_path
    from treatytrack.store.problems import LoadError

    path = data if data is not None else bundled_path()
    try:
        dataset, key = load_file(path, use_cache=not no_cache, notify=note)
        extras = extra_paths(extra)
        if extras:
            from treatytrack.store.overlay import apply_extras

            dataset, key = apply_extras(dataset, os.fspath(path), extras), None
    except LoadError as err:
        for problem in err.problems:
            typer.echo(str(problem), err=True)
        count = len(err.problems)
        fail(f"treatytrack: the data did not load ({count} problem{'s' if count != 1 else ''}).")
    return dataset, key


def state_names(dataset: Dataset) -> dict[str, str]:
    """The name of every state and organisation the data may name, by code."""
    from treatytrack.core.parties import party_names
    from treatytrack.store.isonames import iso_names

    return party_names(dataset, iso_names())


def party_codes(dataset: Dataset, queries: Iterable[str] | None, option: str = "--party") -> list[str]:
    """Each state or organisation named (a code or a name: `RUS`, `Russia`, `russian federation`),
    as its code; an unknown one is a usage error with the closest names."""
    from treatytrack.core.parties import AmbiguousParty, PartyNotFound, resolve_party

    codes = []
    names = state_names(dataset) if queries else {}
    for query in queries or ():
        try:
            codes.append(resolve_party(dataset, query, names))
        except AmbiguousParty as many:
            raise typer.BadParameter(
                f"{query!r} may name {', '.join(many.candidates)}; give the code", param_hint=f"'{option}'"
            ) from None
        except PartyNotFound as miss:
            hint = f"; did you mean {', '.join(miss.suggestions)}?" if miss.suggestions else ""
            raise typer.BadParameter(
                f"no state or organisation called {query!r}{hint} (codes are ISO 3166-1 alpha-3, e.g. RUS)",
                param_hint=f"'{option}'",
            ) from None
    return list(dict.fromkeys(codes))


def find_or_fail(dataset: Dataset, name: str, option: str = "NAME") -> Treaty:
    """The treaty called `name`, or exit 1 with the closest names; a name several treaties
    answer to is a usage error (exit 2) listing them with their ids, to give one of instead."""
    from treatytrack.core.naming import AmbiguousTreaty, TreatyNotFound, find_treaty

    try:
        return find_treaty(dataset, name)
    except AmbiguousTreaty as many:
        shown = [f"{t.id} ({t.short_name})" for t in many.candidates[:8]]
        more = len(many.candidates) - len(shown)
        listed = ", ".join(shown) + (f" and {more} more" if more else "")
        raise typer.BadParameter(
            f"{name!r} names {len(many.candidates)} treaties: {listed}; give one of their ids",
            param_hint=f"'{option}'",
        ) from None
    except TreatyNotFound as miss:
        hint = f" Did you mean: {', '.join(miss.suggestions)}?" if miss.suggestions else ""
        fail(f"treatytrack: no treaty named {name!r}.{hint} (`treatytrack list` shows them all)")


def selection(
    dataset: Dataset,
    names: list[str] | None,
    party: list[str] | None,
    category: list[Category] | None,
    kind: list[Kind] | None,
    any_party: bool = False,
    option: str = "NAME",
) -> list[Treaty]:
    """The treaties a command's filters choose: those named (each found or exit 1), naming every
    party given (any of them with `any_party`), of a category and a kind given."""
    from treatytrack.core.query import select_treaties

    ids = [find_or_fail(dataset, name, option).id for name in names or []]
    return select_treaties(
        dataset, ids=ids, parties=party or (), categories=category or (), kinds=kind or (), any_party=any_party
    )


def check_any_party(any_party: bool, party: list[str] | None) -> None:
    """`--any-party` changes what several `--party` options mean; without two of them it would
    be accepted and ignored."""
    if any_party and len(party or []) < 2:
        raise typer.BadParameter(
            "--any-party keeps the treaties naming any one of several --party states; give two or more --party",
            param_hint="'--any-party'",
        )


def state_history(dataset: Dataset) -> StateHistory:
    """The dataset's record of states that began and ended (successions, dissolutions)."""
    from treatytrack.core.standing import StateHistory

    return StateHistory(dataset.state_history)
