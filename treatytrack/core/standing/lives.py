"""When states began and ceased to exist, and which state continues which: pure lookups over the
dataset's `state_history`, so that no state has a standing before it existed or after it ended."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from treatytrack.core.models import StateLife


class StateHistory:
    """When states began and ceased to exist, and which state continues which (pure lookups)."""

    def __init__(self, lives: Mapping[str, StateLife]) -> None:
        self.lives = lives
        self.continues = {life.continued_by: code for code, life in lives.items() if life.continued_by}

    def began(self, code: str) -> dt.date | None:
        life = self.lives.get(code)
        if life is not None and life.began is not None:
            return life.began
        predecessor = self.continues.get(code)
        return self.lives[predecessor].ended if predecessor is not None else None

    def ended(self, code: str) -> dt.date | None:
        life = self.lives.get(code)
        return life.ended if life is not None else None

    def ended_by(self, code: str) -> dt.date | None:
        """The day by which a source says the state had ended, where none gives the day itself."""
        life = self.lives.get(code)
        return life.ended_by if life is not None else None

    def exists_on(self, code: str, day: dt.date) -> bool:
        began, ended = self.began(code), self.ended(code)
        return (began is None or began <= day) and (ended is None or day < ended)

    def ceased_by(self, code: str, day: dt.date) -> bool:
        """Whether the state had ceased to exist by `day`: its recorded end, or the day by which
        a source says it had ended (`ended_by`) when none gives the day itself."""
        life = self.lives.get(code)
        end = life.ended or life.ended_by if life is not None else None
        return end is not None and end <= day

    def successor(self, code: str) -> str | None:
        life = self.lives.get(code)
        return life.continued_by if life is not None else None


NO_HISTORY = StateHistory({})
