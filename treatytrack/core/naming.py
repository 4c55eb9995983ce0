"""Treaties by name: ids, short names, aliases and full names as the command line gives them,
and the names two records share, which no lookup can answer. Pure."""

from __future__ import annotations

import re
import unicodedata

from treatytrack.core.models import Dataset, Treaty


class TreatyNotFound(LookupError):
    def __init__(self, name: str, suggestions: list[str]) -> None:
        super().__init__(name)
        self.name = name
        self.suggestions = suggestions


class AmbiguousTreaty(LookupError):
    """A name that several treaties answer to ("OST": the Outer Space Treaty and Open Skies):
    picking the first would answer about a treaty the user may not have meant."""

    def __init__(self, name: str, candidates: list[Treaty]) -> None:
        super().__init__(name)
        self.name = name
        self.candidates = candidates


def name_key(text: str) -> str:
    """Case, accents, punctuation and spacing do not matter when naming a treaty."""
    text = unicodedata.normalize("NFKD", text).casefold()
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[\W_]+", "", text)


def names_of(treaty: Treaty) -> list[str]:
    return [treaty.id, treaty.short_name, *treaty.aliases, treaty.name]


def _one(name: str, found: list[Treaty]) -> Treaty | None:
    """The one treaty found, None for none; several are ambiguous."""
    unique = list({t.id: t for t in found}.values())
    if len(unique) > 1:
        raise AmbiguousTreaty(name, unique)
    return unique[0] if unique else None


def find_treaty(dataset: Dataset, name: str) -> Treaty:
    """The treaty whose id, short name, alias or name matches; else suggestions of close names.

    An exact id always wins. Otherwise a name several treaties answer to (exactly, then ignoring
    case, accents and punctuation, then as the beginning of a name) raises AmbiguousTreaty with
    the candidates, rather than silently answering about the first in the file.
    """
    wanted = name.casefold()
    by_id = [t for t in dataset.treaties if t.id.casefold() == wanted]
    if by_id:
        return by_id[0]
    exact = _one(name, [t for t in dataset.treaties if any(wanted == n.casefold() for n in names_of(t))])
    if exact is not None:
        return exact
    key = name_key(name)
    if key:
        matched = _one(name, [t for t in dataset.treaties if any(key == name_key(n) for n in names_of(t))])
        if matched is not None:
            return matched
        # A unique beginning is enough: "abm" for "ABM Treaty", "tlatelolco" for "Treaty of Tlatelolco".
        started = _one(name, [t for t in dataset.treaties if any(name_key(n).startswith(key) for n in names_of(t))])
        if started is not None:
            return started
    choices = {n: t.short_name for t in dataset.treaties for n in (t.id, t.short_name, *t.aliases)}
    import difflib  # only when a name is not found

    close = difflib.get_close_matches(name, list(choices), n=8, cutoff=0.5)
    close += [n for n in choices if wanted and wanted in n.casefold() and n not in close]
    suggestions = list(dict.fromkeys(choices[n] for n in close))[:5]
    raise TreatyNotFound(name, suggestions)


def shared_names(dataset: Dataset) -> list[tuple[tuple[str | int, ...], str]]:
    """(path, message) for each short name, alias or full name a record shares with an earlier
    record (ignoring case, accents and punctuation): a lookup by it is ambiguous, so it picks no
    treaty; or that is another record's id, which always wins, so it can never pick this one."""
    first: dict[str, str] = {}
    ids = {t.id.casefold(): t.id for t in dataset.treaties}  # as find_treaty compares them
    found = []
    for index, treaty in enumerate(dataset.treaties):
        spellings: dict[str, tuple[str | int, ...]] = {}
        for path, text in [
            (("short_name",), treaty.short_name),
            *((("aliases", j), alias) for j, alias in enumerate(treaty.aliases)),
            (("name",), treaty.name),
        ]:
            spellings.setdefault(name_key(text), path)
        for key, path in spellings.items():
            text = _at(treaty, path)
            owner = ids.get(text.casefold())
            if owner is not None and owner != treaty.id:
                found.append(((index, *path), f"`{text}` is the id of `{owner}`, so it never finds `{treaty.id}`"))
            elif key in first and first[key] != treaty.id:
                found.append(
                    (
                        (index, *path),
                        f"`{text}` also names `{first[key]}`; a name must pick one treaty (remove it from one of them)",
                    )
                )
            else:
                first.setdefault(key, treaty.id)
    return found


def _at(treaty: Treaty, path: tuple[str | int, ...]) -> str:
    if path[0] == "aliases":
        return treaty.aliases[int(path[1])]
    return str(getattr(treaty, str(path[0])))
