"""Text is bounded in length where a record is read (issue #22): a short name, an alias, a unit
and every other text has a maximum, named in the message that refuses a longer one; and a
chart's labels wrap in time that grows linearly with their length."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.test_load import GOOD_TREATY, doc, problems
from treatytrack.core.models.fields import ALIAS_MAX, LINE_MAX, NAME_MAX, SHORT_NAME_MAX, TEXT_MAX, UNIT_MAX
from treatytrack.store.load import load_dataset, parse_dataset

REPO = Path(__file__).resolve().parent.parent
LIMIT_LINE = "    limits: [{item: Warheads, value: 1, unit: warheads, source: s}]\n"


def _with(field: str, value: str) -> bytes:
    treaty = GOOD_TREATY + LIMIT_LINE + "    aliases: [Alias]\n    depositary: UN\n    notes: n\n"
    old = {
        "short_name": "short_name: TT",
        "name": "name: Test Treaty",
        "aliases": "aliases: [Alias]",
        "unit": "unit: warheads",
        "item": "item: Warheads",
        "depositary": "depositary: UN",
        "source": "source: s}\n",
        "notes": "notes: n",
    }[field]
    key = old.split(":")[0]
    new = f"{key}: [{value}]" if field == "aliases" else f"{key}: {value}" + ("}\n" if field == "source" else "")
    return doc(treaty.replace(old, new, 1))


LIMITS = {
    "short_name": SHORT_NAME_MAX,
    "aliases": ALIAS_MAX,
    "unit": UNIT_MAX,
    "item": NAME_MAX,
    "name": NAME_MAX,
    "depositary": NAME_MAX,
    "source": LINE_MAX,
    "notes": TEXT_MAX,
}


@pytest.mark.parametrize(("field", "limit"), list(LIMITS.items()))
def test_text_at_the_limit_loads_and_one_character_more_is_refused_naming_the_limit(field: str, limit: int) -> None:
    parse_dataset(_with(field, "x" * limit), "f.yaml")
    found = problems(_with(field, "x" * (limit + 1)))
    assert len(found) == 1
    assert f"is {limit + 1:,} characters long; at most {limit:,} are allowed here: shorten it" in found[0]
    assert field in found[0]


def test_a_4000_character_short_name_is_refused_at_once() -> None:
    start = time.perf_counter()
    found = problems(_with("short_name", "Word " * 799 + "Word"))
    assert time.perf_counter() - start < 2
    assert found == [
        f"f.yaml:6:17: treaties[0].short_name: is 3,999 characters long; at most {SHORT_NAME_MAX} are allowed here: "
        "shorten it"
    ]


def test_the_bundled_data_fits_with_room_to_spare() -> None:
    dataset = load_dataset(REPO / "data" / "treaties.yaml", use_cache=False)
    for treaty in dataset.treaties:
        assert len(treaty.short_name) <= SHORT_NAME_MAX // 2
        assert all(len(a) <= ALIAS_MAX // 2 for a in treaty.aliases)
        assert all(len(limit.unit) <= UNIT_MAX // 2 for limit in treaty.limits)
        assert len(treaty.name) <= NAME_MAX // 1.2


# The wrap itself: linear work in the label's length, whatever the words.
def _counting_measure() -> tuple[list[int], object]:
    measured: list[int] = []

    def measure(text: str, size: float, weight: str) -> float:
        measured.append(len(text))
        return len(text) * 0.08  # inches: a character about 0.08 inch wide

    return measured, measure


@settings(max_examples=60, deadline=None)
@given(
    words=st.lists(st.text(alphabet="abcdefghij", min_size=1, max_size=40), min_size=1, max_size=600),
    limit=st.floats(0.5, 6),
)
def test_wrapping_measures_each_word_a_bounded_number_of_times(words: list[str], limit: float) -> None:
    from treatytrack.render.figure_draw import wrap_text

    text = " ".join(words)
    measured, measure = _counting_measure()
    wrapped = wrap_text(None, text, 9, limit, measure=measure)  # type: ignore[arg-type]
    assert wrapped.split() == text.split()  # nothing lost, never cut inside a word
    for line in wrapped.split("\n"):  # each line fits, or is a single word too wide to fit
        assert len(line) * 0.08 <= limit or " " not in line
    # Each measurement is at most a line's worth of text plus the word that may join it.
    line_chars = int(limit / 0.08) + 1
    longest = max(len(w) for w in words)
    assert len(measured) <= len(words) + 1
    assert sum(measured) <= len(text) + len(measured) * (line_chars + 2 * longest + 1)


def test_a_4000_character_label_wraps_in_well_under_a_second() -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from treatytrack.render.figure_draw import widest, wrap_text

    label = " ".join(f"Word{n % 10}" for n in range(700))  # 4,199 characters
    canvas = FigureCanvasAgg(Figure())
    for measure in (None, widest):
        start = time.perf_counter()
        wrapped = wrap_text(canvas, label, 9, 4.2, measure=measure)
        assert time.perf_counter() - start < 5  # quadratic: minutes
        assert wrapped.split() == label.split() and wrapped.count("\n") > 10
