"""iCalendar: all-day events for expiries, withdrawals taking effect and limit deadlines.

UIDs name what an event is (treaty, kind, party), not when, so a calendar subscribed to the
file updates an event whose date moved instead of duplicating it. Two events that would share a
UID (a party that withdrew twice, two limits whose items read alike once made a slug) each add a
digest of what they say (summary and description, not the date), and a number if that too is
shared: every UID in a file is unique, and the same data gives the same UIDs. DTSTAMP is the
dataset's review date, so the same data gives byte-identical files.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from dateutil.relativedelta import relativedelta

from treatytrack.core.engine import assess, scheduled_expiry, withdrawals_known
from treatytrack.core.models import Treaty


@dataclass(frozen=True)
class Deadline:
    uid: str
    date: dt.date
    summary: str
    description: str
    url: str | None
    type: str | None = None  # the timeline's name for what happens: `expired`, `withdrawn`; None for a limit
    party: str | None = None  # whose withdrawal; None for what concerns the whole treaty


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]


def calendar_deadlines(treaties: Sequence[Treaty], day: dt.date) -> list[Deadline]:
    found: list[Deadline] = []
    for treaty in treaties:
        now = assess(treaty, day)
        expiry = scheduled_expiry(treaty, day)
        if expiry is not None and not (now.status.ended and now.expires_by not in ("term", "extension")):
            source = expiry[1].source if expiry[1] else (treaty.duration.source if treaty.duration else None)
            found.append(
                Deadline(
                    f"{treaty.id}-expiry@treatytrack",
                    expiry[0],
                    f"{treaty.short_name} expires",
                    now.expires_why or "end of term",
                    source,
                    "expired",
                )
            )
        for effective, notice in withdrawals_known(treaty, day):
            party = notice.party or "a party"
            found.append(
                Deadline(
                    f"{treaty.id}-withdrawal-{_slug(party)}@treatytrack",
                    effective,
                    f"{party} withdrawal from {treaty.short_name} takes effect",
                    f"Notice of {notice.date}. {notice.note or ''}".strip(),
                    notice.source,
                    "withdrawn",
                    notice.party,
                )
            )
        for limit in treaty.limits if treaty.entry_into_force else ():
            if limit.deadline is not None:
                found.append(
                    Deadline(
                        f"{treaty.id}-limit-{_slug(limit.item)}@treatytrack",
                        limit.deadline,
                        f"{treaty.short_name}: limit of {limit.value:,} {limit.unit} applies",
                        limit.item,
                        limit.source,
                    )
                )
    found.sort(key=lambda d: (d.date, d.uid, d.summary, d.description))
    return _unique_uids(found)


def _unique_uids(deadlines: list[Deadline]) -> list[Deadline]:
    """`deadlines` with no UID twice: a shared one gains a digest of the event's text, and a number
    after the first when the text is the same too."""
    shared = Counter(d.uid for d in deadlines)
    seen: set[str] = set()
    unique = []
    for deadline in deadlines:
        base = deadline.uid.removesuffix("@treatytrack")
        if shared[deadline.uid] > 1:
            text = f"{deadline.summary}\n{deadline.description}".encode()
            base += "-" + hashlib.sha256(text).hexdigest()[:10]
        uid, number = f"{base}@treatytrack", 1
        while uid in seen:
            number += 1
            uid = f"{base}-{number}@treatytrack"
        seen.add(uid)
        unique.append(deadline if uid == deadline.uid else replace(deadline, uid=uid))
    return unique


def select_deadlines(
    deadlines: Sequence[Deadline],
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    parties: Iterable[str] = (),
    types: Iterable[str] = (),
) -> list[Deadline]:
    """The deadlines dated within [start, end], of one of `types` (a limit's deadline has no
    type, so any type leaves limits out), and of the `parties` given (or the whole treaty's)."""
    wanted_party, wanted_type = {p.upper() for p in parties}, set(types)
    return [
        d
        for d in deadlines
        if (start is None or d.date >= start)
        and (end is None or d.date <= end)
        and (not wanted_type or d.type in wanted_type)
        and (not wanted_party or d.party is None or d.party in wanted_party)
    ]


def render_ics(deadlines: Sequence[Deadline], reviewed: dt.date, alarms: Sequence[relativedelta], version: str) -> str:
    from icalendar import Alarm, Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", f"-//treatytrack//treatytrack {version}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Arms-control deadlines (treatytrack)")
    stamp = dt.datetime.combine(reviewed, dt.time(0, 0), tzinfo=dt.UTC)
    for deadline in deadlines:
        event = Event()
        event.add("uid", deadline.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", deadline.date)
        event.add("dtend", deadline.date + dt.timedelta(days=1))
        event.add("summary", deadline.summary)
        event.add("description", deadline.description)
        event.add("transp", "TRANSPARENT")
        if deadline.url and re.fullmatch(r"https?://\S+", deadline.url):
            event.add("url", deadline.url)
        for before in alarms:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", deadline.summary)
            days = (deadline.date - (deadline.date - before)).days
            alarm.add("trigger", -dt.timedelta(days=days))
            event.add_component(alarm)
        calendar.add_component(event)
    return str(calendar.to_ical().decode("utf-8"))
