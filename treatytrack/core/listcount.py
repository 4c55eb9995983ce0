"""A per-state table counted the way its list counts itself in its header.

A depositary's list states its own totals ('Signatories : 130. Parties : 117' on a UN Treaty
Collection page). The table transcribed from it records them in `participation.list_count`; a
row lost or doubled in transcription then shows as a difference between the two counts, which
`validate` reports. The list's counts are of its own day (`as_of`):

- a party is a row with a consent to be bound (ratification, accession, succession, acceptance,
  approval, notified consent, admission) dated on or before that day, and no withdrawal that had
  taken effect and no revoked ratification by then: the list counts a consent deposited but not
  yet in force, and drops a withdrawn state;
- a signatory is a row with a signature dated on or before that day (whether or not it later
  consented, as the UN's lists count them), not withdrawn by then; a state that revoked its
  ratification stays a signatory (the UN's CTBT list);
- a state that had ceased to exist by that day, with no successor carrying its acts on, is not
  on the list (Czechoslovakia's rows, read from End Notes); a continued state's row (the USSR's)
  stands for its successor's place.

Pure: no files, no clock.
"""

from __future__ import annotations

from dataclasses import dataclass

from treatytrack.core.models import Participation
from treatytrack.core.standing import StateHistory
from treatytrack.core.vocab import CONSENTS, ActKind


@dataclass(frozen=True)
class TableCount:
    """What the table gives for the counts its list states."""

    parties: int
    signatories: int


def counted_as_listed(participation: Participation, history: StateHistory) -> TableCount | None:
    """The table's parties and signatories as its list counts them on its `as_of` day (None
    without an `as_of` day)."""
    listed = participation.as_of
    if listed is None:
        return None
    parties = signatories = 0
    for code, row in participation.states.items():
        if history.successor(code) is None and history.ceased_by(code, listed):
            continue
        kinds = {kind for kind, day, _ in row.acts() if day <= listed}
        if ActKind.WITHDRAWN in kinds:
            continue
        if kinds & CONSENTS and ActKind.DERATIFIED not in kinds:
            parties += 1
        if ActKind.SIGNED in kinds:
            signatories += 1
    return TableCount(parties=parties, signatories=signatories)


def count_differences(participation: Participation, history: StateHistory) -> list[tuple[str, int, int]]:
    """(what, the list's header count, the table's count) for each count that differs."""
    header = participation.list_count
    found = counted_as_listed(participation, history)
    if header is None or found is None:
        return []
    differences = []
    if header.parties != found.parties:
        differences.append(("parties", header.parties, found.parties))
    if header.signatories is not None and header.signatories != found.signatories:
        differences.append(("signatories", header.signatories, found.signatories))
    return differences
