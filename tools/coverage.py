#!/usr/bin/env python3
"""Maintainer script: the coverage table of data/README.md, read off the data.

    .venv/bin/python tools/coverage.py [--data FILE] [--readme FILE] [--check]

Rewrites the part of the README between `<!-- coverage:start -->` and `<!-- coverage:end -->`:
one row per multilateral or regional treaty with a per-state table (its list, the list's as-of
day, complete or partial, the rule for later consents and how many states the data makes
parties, consented or signatories on the dataset's review day). `--check` only compares and exits 1 when the README is stale;
tests/test_coverage_table.py does the same, so the table cannot drift from the data.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from treatytrack.core.models import Dataset, Treaty
from treatytrack.core.standing import StateHistory, standings_on, tally
from treatytrack.core.vocab import Kind, PartyStatus
from treatytrack.store.load import load_dataset

ROOT = Path(__file__).resolve().parent.parent
START, END = "<!-- coverage:start -->", "<!-- coverage:end -->"


def _rule(treaty: Treaty) -> str:
    participation = treaty.participation
    rule = participation.in_force_for_state if participation is not None else None
    if rule is None:
        return "—"
    article = rule.note.split(":")[0] if rule.note else ""
    text = rule.describe()
    if rule.after_deposits is not None:
        text += f", counted from the {rule.after_deposits}th deposit"
    if rule.applies_to:
        text += f" ({' and '.join(rule.applies_to)} only)"
    return f"{text} ({article})" if article and len(article) < 40 else text


def coverage_table(dataset: Dataset) -> str:
    """The Markdown table, one row per treaty with a per-state table, in the dataset's order."""
    history = StateHistory(dataset.state_history)
    lines = [
        "| treaty | list | as of | coverage | rule for later consents | parties | consented | signatories |",
        "|---|---|---|---|---|---|---|---|",
    ]
    day = dataset.reviewed
    for treaty in dataset.treaties:
        participation = treaty.participation
        if participation is None or treaty.kind is Kind.BILATERAL:
            continue
        counts = tally(standings_on(treaty, day, history))
        bound = sum(n for status, n in counts.items() if status.bound)
        signed = counts.get(PartyStatus.SIGNATORY, 0) + counts.get(PartyStatus.RATIFIED, 0)
        cells = [
            f"{treaty.short_name} (`{treaty.id}`)",
            (participation.list_name or "the record's own list").replace("|", "/"),
            str(participation.as_of or "—"),
            participation.coverage.value + (" (list complete)" if participation.list_complete else ""),
            _rule(treaty).replace("|", "/"),
            str(bound),
            str(counts.get(PartyStatus.CONSENTED, 0)),
            str(signed),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def with_table(readme: str, table: str) -> str:
    """The README with its coverage section replaced (it must have both markers)."""
    head, found, rest = readme.partition(START)
    _, found_end, tail = rest.partition(END)
    if not found or not found_end:
        raise SystemExit(f"the README has no {START} ... {END} section")
    return f"{head}{START}\n{table}{END}{tail}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, default=ROOT / "data" / "treaties.yaml")
    parser.add_argument("--readme", type=Path, default=ROOT / "data" / "README.md")
    parser.add_argument("--check", action="store_true", help="compare only; exit 1 when stale")
    args = parser.parse_args(argv)
    dataset = load_dataset(args.data, use_cache=False)
    readme = args.readme.read_text(encoding="utf-8")
    updated = with_table(readme, coverage_table(dataset))
    if args.check:
        if updated != readme:
            print(f"{args.readme}: the coverage table is stale; run tools/coverage.py", file=sys.stderr)
            return 1
        return 0
    if updated != readme:
        args.readme.write_text(updated, encoding="utf-8")
        print(f"{args.readme}: coverage table rewritten", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
