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
from dipevents.evaluation.scoring import evaluate
from dipevents.extractor.calls import ExtractOptions, aextract_events, extract_events
from dipevents.extractor.engine import Extractor
from dipevents.model.records import (
    DiplomaticEvent,
    Dispute,
    EventReport,
    Location,
    Outcome,
    Participant,
    Span,
)
from dipevents.model.usage import Usage
from dipevents.runners.many import Document, DocumentResult, aextract_many, extract_many

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
