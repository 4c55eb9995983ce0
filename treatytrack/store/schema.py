"""The JSON Schema of a treaty file, generated from the models so the two cannot drift apart."""

from __future__ import annotations

from typing import Any


def dataset_schema() -> dict[str, Any]:
    from treatytrack.core.models import Dataset

    schema = Dataset.model_json_schema(mode="validation")
    schema.update(
        {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "treatytrack dataset",
            "description": "Arms-control treaties as sourced facts; statuses are computed by treatytrack.",
        }
    )
    return schema
