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
from dipevents.extractor import Extractor
from dipevents.many import Document, DocumentResult, aextract_many, extract_many
from dipevents.pipeline import ExtractOptions, aextract_events, extract_events
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
    "Document",
    "DocumentResult",
    "EventReport",
    "ExtractOptions",
    "Extractor",
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
    "aextract_events",
    "aextract_many",
    "evaluate",
    "extract_events",
    "extract_many",
]
