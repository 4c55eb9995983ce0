"""A finding of the cross-record checks: the path of the offending value in the file's data, and
what to do about it. Pure: no I/O."""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass

from treatytrack.core.soundness import EVERY_EVENT, EVERY_ROW

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Finding:
    path: Path
    message: str
    at_key: bool = False


OPENED = ("signed", "opened_for_signature")  # the parts `treaty.opened` reads
# The parts the engine's `assess` and the standing read: the whole record but its limits and sources.
# The parts that say how long a treaty in force lives (from its entry into force on, the day it
# was signed makes no difference): what an extension's check asks of the engine.
LIFE = ("kind", "instrument", "entry_into_force", "duration", "withdrawal_notice", "events", EVERY_EVENT)
WHOLE = (*OPENED, *LIFE)
WHOLE_TABLE = ("participation", EVERY_ROW)


def unknown_code(code: str, known: dict[str, str]) -> str:
    close = difflib.get_close_matches(code, list(known), n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(f'{c} ({known[c]})' for c in close)}?" if close else ""
    return f"unknown party code `{code}`: use an ISO 3166-1 alpha-3 code or declare it under `non_state_parties`{hint}"


def act_date(value: object) -> dt.date | None:
    from treatytrack.core.models import Act

    return value.date if isinstance(value, Act) else value  # type: ignore[return-value]
