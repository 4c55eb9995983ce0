"""JSON: the records as written by `records`, UTF-8, stable key order."""

from __future__ import annotations

import json
from typing import Any


def render_json(payload: Any) -> str:
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
