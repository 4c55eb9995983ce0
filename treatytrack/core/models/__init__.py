"""The data model: what a treaty record may say, checked strictly.

Records hold facts (dates, events, rules); status is never stored, it is computed by
`treatytrack.core.engine`. Models are frozen and refuse unknown keys so that a typo in a data file
is an error rather than a silently ignored field. `fields` holds the shared field types and the
base record, `participation` a state's rows and the rules for consents, `treaty` the record itself.
"""

from treatytrack.core.models.declared import Declared, DeclaredTotal
from treatytrack.core.models.fields import (
    FIRST_DAY,
    LAST_DAY,
    Day,
    Line,
    PartyCode,
    Slug,
    Text,
    _Strict,
    rebuild,
)
from treatytrack.core.models.participation import (
    ROW_ACTS,
    Act,
    ActValue,
    ConsentKind,
    DepositElsewhere,
    DepositRule,
    EntryCondition,
    ListCount,
    OpenTo,
    Participation,
    Span,
    StateLife,
    StateRow,
    check_period,
    period_end,
    period_text,
    period_words,
)
from treatytrack.core.models.treaty import (
    ENDING_EVENTS,
    PARTY_EVENTS,
    Dataset,
    Event,
    Limit,
    NonStateParty,
    PartyCount,
    Period,
    Reference,
    SourcedDate,
    Treaty,
)

__all__ = [
    "ENDING_EVENTS",
    "FIRST_DAY",
    "LAST_DAY",
    "PARTY_EVENTS",
    "ROW_ACTS",
    "Act",
    "ActValue",
    "ConsentKind",
    "Dataset",
    "Day",
    "Declared",
    "DeclaredTotal",
    "DepositElsewhere",
    "DepositRule",
    "EntryCondition",
    "Event",
    "Limit",
    "Line",
    "ListCount",
    "NonStateParty",
    "OpenTo",
    "Participation",
    "PartyCode",
    "PartyCount",
    "Period",
    "Reference",
    "Slug",
    "SourcedDate",
    "Span",
    "StateLife",
    "StateRow",
    "Text",
    "Treaty",
    "_Strict",
    "check_period",
    "period_end",
    "period_text",
    "period_words",
    "rebuild",
]
