"""Which parts of a record are sound, for checking a record that failed validation as a whole.

A treaty whose `signed` lacks its source still has a participation table whose codes can be
checked, and events whose dates can be compared with its term: the loader rebuilds it from the
parts that validate on their own (store/salvage.py) and says here which parts are broken. Each
cross-record check asks `ok(check, *parts)` before it runs: a check that needs a broken part is
skipped and counted, so that `validate` can say how many checks could not run, and why.
Pure: no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# The parts of a treaty a check may need: its top-level fields, plus
#   "events*": every event (one event is broken, the others are sound and checked one by one),
#   "states*": every row of the participation table (likewise).
EVERY_EVENT = "events*"
EVERY_ROW = "states*"


@dataclass
class Soundness:
    """The broken parts of one record, each with where it is (for the message), and the checks
    skipped because of them."""

    broken: dict[str, str] = field(default_factory=dict)  # part -> its place, e.g. "treaties[1].signed"
    skipped: dict[str, str] = field(default_factory=dict)  # check -> the place of the broken part it needs
    event_positions: list[int] | None = None  # the index in the file of each sound event, when some are broken

    def ok(self, check: str, *parts: str) -> bool:
        """Whether `check` can run: none of the parts it needs is broken (else it is counted as skipped)."""
        for part in parts:
            if part in self.broken:
                self.skipped.setdefault(check, self.broken[part])
                return False
        return True


SOUND = Soundness()  # a record that validated: every check runs


def unrun_summary(skipped: list[tuple[str, str]]) -> str | None:
    """One line on the checks that could not run, by the broken part each needed, or None."""
    if not skipped:
        return None
    by_place: dict[str, int] = {}
    for _, place in skipped:
        by_place[place] = by_place.get(place, 0) + 1
    total = len(skipped)
    shown = sorted(by_place.items(), key=lambda kv: (-kv[1], kv[0]))
    parts = ", ".join(f"{place} ({n} check{'' if n == 1 else 's'})" for place, n in shown[:6])
    more = f" and {len(shown) - 6} more parts" if len(shown) > 6 else ""
    verb = "check" if total == 1 else "checks"
    return (
        f"{total} {verb} could not run because a field {'it needs' if total == 1 else 'they need'} "
        f"has a problem above: {parts}{more}; fix those and run validate again"
    )
