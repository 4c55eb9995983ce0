"""A treaty that fails validation as a whole, rebuilt from the parts that validate on their own,
so that the cross-record checks that need only sound parts still run (`validate` reports
everything in one run).

Each top-level field of the treaty is validated alone; `events` one event at a time, and the
participation table's rows one row at a time, so that one bad event or row leaves the others
checked. What is broken is said in a `Soundness`, which the checks consult: a check that needs
a broken part is skipped and counted, never run on a placeholder.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from treatytrack.core.soundness import EVERY_EVENT, EVERY_ROW, Soundness

if TYPE_CHECKING:
    from pydantic import TypeAdapter

    from treatytrack.core.models import Treaty


@cache
def _adapter(model: type, name: str) -> TypeAdapter[Any]:
    """A validator of one field of a model, with the field's constraints."""
    from typing import Annotated

    from pydantic import TypeAdapter

    info = model.model_fields[name]  # type: ignore[attr-defined]
    annotated: Any = Annotated[info.annotation, info]  # the field's type with its constraints
    return TypeAdapter(annotated)


@cache
def _item(kind: str) -> TypeAdapter[Any]:
    from pydantic import TypeAdapter

    from treatytrack.core.models import Event, Participation, StateRow
    from treatytrack.core.models.fields import PartyCode

    kinds: dict[str, Any] = {"event": Event, "row": StateRow, "code": PartyCode, "table": Participation}
    return TypeAdapter(kinds[kind])


def _valid(adapter: TypeAdapter[Any], value: Any) -> tuple[bool, Any]:
    from pydantic import ValidationError

    try:
        return True, adapter.validate_python(value)
    except ValidationError:
        return False, None


def salvage_treaty(item: Any, where: str) -> tuple[Treaty, Soundness] | None:
    """The treaty at `where` (e.g. "treaties[3]") from its sound parts, and which parts are
    broken; None when it is not even a mapping."""
    from treatytrack.core.models import Treaty

    if not isinstance(item, dict):
        return None
    sound = Soundness()
    values: dict[str, Any] = {}
    for name, info in Treaty.model_fields.items():
        if name not in item:
            if info.is_required():
                sound.broken[name] = f"{where}.{name}"
                values[name] = None
            continue
        ok, value = _valid(_adapter(Treaty, name), item[name])
        if ok:
            values[name] = value
        elif name == "events" and isinstance(item[name], list):
            values[name] = _sound_events(item[name], where, sound)
        elif name == "participation" and isinstance(item[name], dict):
            values[name] = _sound_table(item[name], where, sound)
        else:
            sound.broken[name] = f"{where}.{name}"
            values[name] = None if info.is_required() else info.get_default(call_default_factory=True)
    return Treaty.model_construct(**values), sound


def _sound_events(events: list[Any], where: str, sound: Soundness) -> tuple[Any, ...]:
    """The events that validate alone; the others make `EVERY_EVENT` broken."""
    kept, positions = [], []
    for index, event in enumerate(events):
        ok, value = _valid(_item("event"), event)
        if ok:
            kept.append(value)
            positions.append(index)
        else:
            sound.broken.setdefault(EVERY_EVENT, f"{where}.events[{index}]")
    if EVERY_EVENT not in sound.broken:  # each event is sound: the list as a whole is not
        sound.broken["events"] = f"{where}.events"
    sound.event_positions = positions
    return tuple(kept)


def _sound_table(table: dict[str, Any], where: str, sound: Soundness) -> Any:
    """The participation table with the rows that validate alone (None if its own fields do not)."""
    here = f"{where}.participation"
    ok, base = _valid(_item("table"), {**table, "states": {}})
    if not ok:
        sound.broken["participation"] = here
        return None
    rows = table.get("states")
    kept = {}
    for code, row in rows.items() if isinstance(rows, dict) else ():
        code_ok, valid_code = _valid(_item("code"), code)
        row_ok, valid_row = _valid(_item("row"), row)
        if code_ok and row_ok:
            kept[valid_code] = valid_row
        else:
            sound.broken.setdefault(EVERY_ROW, f"{here}.states.{code}")
    if not isinstance(rows, dict) and rows is not None:
        sound.broken["participation"] = f"{here}.states"
    elif EVERY_ROW not in sound.broken:  # each row is sound: the table as a whole is not
        sound.broken["participation"] = here
    return base.model_copy(update={"states": kept})


def salvage_state_history(raw: Any) -> dict[str, Any]:
    """The `state_history` entries of a failing file that validate on their own, so that the
    checks reading states' lives (acts outside a life, a list's header counts) still see them."""
    from pydantic import ValidationError

    from treatytrack.core.models import Dataset

    entries = raw.get("state_history") if isinstance(raw, dict) else None
    if not isinstance(entries, dict):
        return {}
    lives: dict[str, Any] = {}
    for code, entry in entries.items():
        try:
            lives.update(_adapter(Dataset, "state_history").validate_python({code: entry}))
        except ValidationError:
            continue
    return lives
