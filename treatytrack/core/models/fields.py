"""The field types every record shares: days inside the calendar, one-line text, ids and codes,
and the strict, frozen base record (with its cheap rebuild for the cache).

No `from __future__ import annotations` here: Pydantic would evaluate every annotation string
when the classes are defined, which is on every run (about a fifth of the models' import time).
"""

import datetime as dt
import re
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    StringConstraints,
    WithJsonSchema,
)

_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # ASCII digits only
# The days a record may name. Every date derived from them (a term or a notice period added,
# see the bounds of `Period`) stays well inside the calendar (at most 4273), and a year outside
# this range in a treaty file is a typing mistake or a placeholder such as 9999-12-31.
FIRST_DAY, LAST_DAY = dt.date(1800, 1, 1), dt.date(2999, 12, 31)
# One object per distinct day and per distinct set of given keys: a large file repeats both
# thousands of times, and shared objects are stored (and cached) once.
_DAYS: dict[str, dt.date] = {}
_KEY_SETS: dict[frozenset[str], set[str]] = {}


def _parse_day(value: Any) -> dt.date:
    """Accept only the text `YYYY-MM-DD` of a day from FIRST_DAY to LAST_DAY: no integers, no
    datetimes, no other spellings."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        day = value
    elif not isinstance(value, str) or not _ISO_DAY.fullmatch(value):
        raise ValueError("dates are written YYYY-MM-DD, e.g. 2011-02-05")
    else:
        found = _DAYS.get(value)
        if found is not None:
            return found
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value} is not a calendar date") from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValueError(f"{day} is outside the dates a record may give ({FIRST_DAY} to {LAST_DAY})")
    if isinstance(value, str):
        _DAYS[value] = day
    return day


Day = Annotated[
    dt.date,
    BeforeValidator(_parse_day),
    WithJsonSchema({"type": "string", "format": "date", "pattern": r"^(18|19|2[0-9])[0-9]{2}-[0-9]{2}-[0-9]{2}$"}),
]


def _no_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    return value


def _at_most(limit: int) -> Callable[[str], str]:
    """A check that text is at most `limit` characters long (checked first: every other check
    reads the whole text, and a renderer that lays text out should never see an unbounded one)."""

    def check(value: str) -> str:
        if len(value) > limit:
            raise ValueError(f"is {len(value):,} characters long; at most {limit:,} are allowed here: shorten it")
        return value

    return check


# The most characters each kind of text may hold: several times the longest the bundled data
# gives (a short name 47, an alias 98, a unit 17, a name 339, a URL 850, a note 3,835), room for
# a test's hostile payload after any text (140), and far below what would slow a chart's or a
# table's layout down.
SHORT_NAME_MAX = 200  # a chart's label and a table's first column
ALIAS_MAX = 200
UNIT_MAX = 200
NAME_MAX = 500  # a treaty's, a state's or a limit's full name, a depositary
LINE_MAX = 2_000  # any other one-line text: a source, a URL, a title
TEXT_MAX = 20_000  # a note

# Text that may run over several lines: notes.
Text = Annotated[
    str,
    AfterValidator(_at_most(TEXT_MAX)),
    AfterValidator(_no_blank),
    WithJsonSchema({"type": "string", "maxLength": TEXT_MAX}),
]


def _one_line(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    if "\n" in value or "\u2028" in value or "\u2029" in value:
        raise ValueError(
            "must be one line: remove the line break (a `>` or `|` block ends with one; write `>-`, or quote the text)"
        )
    if "\t" in value:
        raise ValueError("must be one line without tabs: replace the tab with a space")
    return value


def _line_schema(limit: int) -> WithJsonSchema:
    return WithJsonSchema({"type": "string", "minLength": 1, "maxLength": limit, "pattern": r"^[^\n\t\u2028\u2029]*$"})


# Text shown on one line: names, sources, URLs, units (a line break would break a table row, a
# calendar entry, a Markdown link), each kind bounded in length.
Line = Annotated[str, AfterValidator(_at_most(LINE_MAX)), AfterValidator(_one_line), _line_schema(LINE_MAX)]
Name = Annotated[str, AfterValidator(_at_most(NAME_MAX)), AfterValidator(_one_line), _line_schema(NAME_MAX)]
ShortName = Annotated[
    str, AfterValidator(_at_most(SHORT_NAME_MAX)), AfterValidator(_one_line), _line_schema(SHORT_NAME_MAX)
]
Alias = Annotated[str, AfterValidator(_at_most(ALIAS_MAX)), AfterValidator(_one_line), _line_schema(ALIAS_MAX)]
Unit = Annotated[str, AfterValidator(_at_most(UNIT_MAX)), AfterValidator(_one_line), _line_schema(UNIT_MAX)]
_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def _slug(value: str) -> str:
    if not _SLUG.fullmatch(value) or len(value) > 80:
        raise ValueError(f"`{value}` is not an id: use lower-case words joined by hyphens, e.g. new-start")
    return value


Slug = Annotated[str, AfterValidator(_slug)]
# ISO 3166-1 alpha-3 (current or historic) or a non-state code declared in the dataset.
PartyCode = Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z0-9]{1,7}$")]


_M = TypeVar("_M", bound="_Strict")


class _Strict(BaseModel):
    # defer_build: a run served from the cache never validates, so never needs the validators.
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False, defer_build=True)

    def model_post_init(self, context: Any, /) -> None:
        # Share the set of given keys between records that give the same keys (a set per record
        # is most of a large dataset's memory). Safe: the models are frozen, and Pydantic copies
        # the set before changing it (model_copy).
        given = self.__pydantic_fields_set__
        object.__setattr__(self, "__pydantic_fields_set__", _KEY_SETS.setdefault(frozenset(given), given))

    def __reduce__(self) -> tuple[Any, ...]:
        # For the cache: class, values and the shared key set. Pydantic's own pickling adds a
        # state dict per record, which the unpickler keeps until the end (20 MB at 10,000
        # treaties). copy.copy and deepcopy do not come here: Pydantic defines them itself.
        return (rebuild, (type(self), self.__dict__, self.__pydantic_fields_set__))


_new = object.__new__
_set = object.__setattr__  # bound once: this runs for every record of a cached dataset


def rebuild(cls: type[_M], values: dict[str, Any], given: set[str]) -> _M:
    """A record as it was validated: no validation again (the cache holds validated data only)."""
    record = _new(cls)
    _set(record, "__dict__", values)
    _set(record, "__pydantic_fields_set__", given)
    _set(record, "__pydantic_extra__", None)  # extra keys are forbidden
    _set(record, "__pydantic_private__", None)  # and there are no private attributes
    return record
