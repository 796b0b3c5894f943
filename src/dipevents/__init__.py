"""dipevents: grounded, validated records of diplomatic events from news articles.

Names are imported when first used (PEP 562), so `import dipevents` stays cheap: the rules
coder and `dipevents --help` never load the openai SDK.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS: dict[str, str] = {
    # what you call
    "extract_events": "dipevents.extractor.calls",
    "aextract_events": "dipevents.extractor.calls",
    "Extractor": "dipevents.extractor.engine",
    "AsyncExtractor": "dipevents.extractor.engine",
    "ExtractOptions": "dipevents.extractor.options",
    "extract_many": "dipevents.runners.many",
    "aextract_many": "dipevents.runners.many",
    "Document": "dipevents.runners.many",
    "DocumentResult": "dipevents.runners.many",
    "evaluate": "dipevents.evaluation.scoring",
    "events_frame": "dipevents.outputs.frame",
    # what you get
    "EventReport": "dipevents.model.records",
    "DiplomaticEvent": "dipevents.model.records",
    "Dispute": "dipevents.model.records",
    "EventCodes": "dipevents.model.records",
    "Location": "dipevents.model.records",
    "Outcome": "dipevents.model.records",
    "Participant": "dipevents.model.records",
    "Span": "dipevents.model.records",
    "Usage": "dipevents.model.usage",
    "Alignment": "dipevents.model.enums",
    "Backend": "dipevents.model.enums",
    "DateSource": "dipevents.model.enums",
    "DisputeStatus": "dipevents.model.enums",
    "EventStatus": "dipevents.model.enums",
    "EventType": "dipevents.model.enums",
    "OutcomeKind": "dipevents.model.enums",
    "ParticipantRole": "dipevents.model.enums",
    "QuadClass": "dipevents.model.enums",
    "Support": "dipevents.model.enums",
    # what can go wrong
    "DipeventsError": "dipevents.errors",
    "ConfigurationError": "dipevents.errors",
    "InputError": "dipevents.errors",
    "ModelReplyError": "dipevents.errors",
    "InvalidReplyError": "dipevents.errors",
    "TruncatedReplyError": "dipevents.errors",
    "RefusalError": "dipevents.errors",
    "TransportError": "dipevents.errors",
    "RateLimitedError": "dipevents.errors",
    "ServiceUnavailableError": "dipevents.errors",
    "RequestRejectedError": "dipevents.errors",
    "UnexpectedResponseError": "dipevents.errors",
    "BatchError": "dipevents.errors",
    "BatchRequestError": "dipevents.errors",
    "ArticleChangedError": "dipevents.errors",
}

__all__ = [
    "Alignment",
    "ArticleChangedError",
    "AsyncExtractor",
    "Backend",
    "BatchError",
    "BatchRequestError",
    "ConfigurationError",
    "DateSource",
    "DipeventsError",
    "DiplomaticEvent",
    "Dispute",
    "DisputeStatus",
    "Document",
    "DocumentResult",
    "EventCodes",
    "EventReport",
    "EventStatus",
    "EventType",
    "ExtractOptions",
    "Extractor",
    "InputError",
    "InvalidReplyError",
    "Location",
    "ModelReplyError",
    "Outcome",
    "OutcomeKind",
    "Participant",
    "ParticipantRole",
    "QuadClass",
    "RateLimitedError",
    "RefusalError",
    "RequestRejectedError",
    "ServiceUnavailableError",
    "Span",
    "Support",
    "TransportError",
    "TruncatedReplyError",
    "UnexpectedResponseError",
    "Usage",
    "aextract_events",
    "aextract_many",
    "evaluate",
    "events_frame",
    "extract_events",
    "extract_many",
]

if TYPE_CHECKING:
    from dipevents.errors import (
        ArticleChangedError,
        BatchError,
        BatchRequestError,
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
    from dipevents.extractor.calls import aextract_events, extract_events
    from dipevents.extractor.engine import AsyncExtractor, Extractor
    from dipevents.extractor.options import ExtractOptions
    from dipevents.model.enums import (
        Alignment,
        Backend,
        DateSource,
        DisputeStatus,
        EventStatus,
        EventType,
        OutcomeKind,
        ParticipantRole,
        QuadClass,
        Support,
    )
    from dipevents.model.records import (
        DiplomaticEvent,
        Dispute,
        EventCodes,
        EventReport,
        Location,
        Outcome,
        Participant,
        Span,
    )
    from dipevents.model.usage import Usage
    from dipevents.outputs.frame import events_frame
    from dipevents.runners.many import Document, DocumentResult, aextract_many, extract_many


def __getattr__(name: str) -> Any:
    """Import a public name on first use, and keep it."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'dipevents' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
