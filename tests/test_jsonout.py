"""JSON output is byte for byte what the standard library would write, only faster."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from treatytrack.render.jsonout import json_array_chunks, render_json, render_json_bytes

# What records hold: text from UTF-8 files (so no lone surrogates), 64-bit integers, booleans,
# nulls, and lists and objects of those.
TEXT = st.text(st.characters(blacklist_categories=["Cs"]))
SCALARS = st.none() | st.booleans() | st.integers(min_value=-(2**63), max_value=2**63 - 1) | TEXT
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4))


@given(VALUES)
def test_the_text_is_the_standard_librarys_indented_json(payload: Any) -> None:
    expected = json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
    assert render_json(payload) == expected
    assert render_json_bytes(payload) == expected.encode()
    assert json.loads(render_json(payload)) == payload


@given(st.lists(VALUES, max_size=8), st.integers(min_value=1, max_value=4))
def test_a_streamed_array_is_the_same_text(items: list[Any], batch: int) -> None:
    """Whatever the batches' size and however the items fall into them (one, some full, a last
    part-filled one)."""
    assert b"".join(json_array_chunks(iter(items), batch)) == render_json_bytes(items)
    assert b"".join(json_array_chunks(iter(items))) == render_json_bytes(items)
