"""Renderers: one module per output format. Each returns text (or a Rich renderable); none prints."""

from __future__ import annotations

import enum


class OutputFormat(enum.StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    MARKDOWN = "markdown"


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """`1 agreement`, `2 agreements`, `0 entries`."""
    return f"{number:,} {noun if number == 1 else plural or noun + 's'}"
