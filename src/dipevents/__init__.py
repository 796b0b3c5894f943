"""dipevents: grounded, validated records of diplomatic events from news articles."""

from dipevents.errors import (
    ConfigurationError,
    DipeventsError,
    InputError,
    InvalidReplyError,
    ModelReplyError,
    RateLimitedError,
    RefusalError,
    RequestRejectedError,
    ServiceUnavailableError,
    TransportError,
    TruncatedReplyError,
    UnexpectedResponseError,
)
from dipevents.pipeline import ExtractOptions, extract_events
from dipevents.schema import (
    DiplomaticEvent,
    Dispute,
    EventReport,
    Location,
    Outcome,
    Participant,
    Span,
    Usage,
)
from dipevents.scoring import evaluate

__all__ = [
    "ConfigurationError",
    "DipeventsError",
    "DiplomaticEvent",
    "Dispute",
    "EventReport",
    "ExtractOptions",
    "InputError",
    "InvalidReplyError",
    "Location",
    "ModelReplyError",
    "Outcome",
    "Participant",
    "RateLimitedError",
    "RefusalError",
    "RequestRejectedError",
    "ServiceUnavailableError",
    "Span",
    "TransportError",
    "TruncatedReplyError",
    "UnexpectedResponseError",
    "Usage",
    "evaluate",
    "extract_events",
]
