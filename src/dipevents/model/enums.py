"""The enumerations the records and the reply shape share."""

from __future__ import annotations

from enum import Enum


class EventType(str, Enum):
    """What kind of diplomatic contact an event is."""

    MEETING = "meeting"
    NEGOTIATION = "negotiation"
    SUMMIT = "summit"
    VISIT = "visit"
    PHONE_CALL = "phone_call"
    SIGNING = "signing"
    STATEMENT = "statement"
    OTHER = "other"


class EventStatus(str, Enum):
    """Factuality: whether the event took place."""

    OCCURRED = "occurred"
    PLANNED = "planned"
    POSTPONED = "postponed"
    CANCELLED = "cancelled"


class ParticipantRole(str, Enum):
    """The part a participant played, where the text says so."""

    VISITOR = "visitor"
    HOST = "host"
    MEDIATOR = "mediator"
    PARTICIPANT = "participant"


class OutcomeKind(str, Enum):
    """What came out of an event."""

    AGREEMENT = "agreement"
    SIGNING = "signing"
    PLEDGE = "pledge"
    PROGRESS = "progress"
    EXCHANGE = "exchange"
    FOLLOW_UP = "follow_up"
    OTHER = "other"


class DisputeStatus(str, Enum):
    """Where a disputed issue stands after the event."""

    UNRESOLVED = "unresolved"
    RESOLVED = "resolved"
    UNKNOWN = "unknown"


class Alignment(str, Enum):
    """How a quote was found in the source text."""

    EXACT = "exact"
    FUZZY = "fuzzy"
    UNALIGNED = "unaligned"


class Support(str, Enum):
    """Whether the claim a quote is evidence for says what the quote and the article say."""

    SUPPORTED = "supported"
    UNSUPPORTED = "unsupported"
    UNCHECKED = "unchecked"
    """Not checked: the quote is not in the article, or the claim says nothing to check."""


class DateSource(str, Enum):
    """How an event's ISO date was obtained."""

    EXPLICIT = "explicit"
    RELATIVE = "relative"
    MODEL = "model"
    NONE = "none"


class QuadClass(int, Enum):
    """GDELT's four classes of events."""

    VERBAL_COOPERATION = 1
    MATERIAL_COOPERATION = 2
    VERBAL_CONFLICT = 3
    MATERIAL_CONFLICT = 4


class Backend(str, Enum):
    """Where the events come from."""

    AUTO = "auto"
    """An endpoint when a key, base URL or client is given, else the rules coder."""
    RULES = "rules"
    """The deterministic dictionary coder: offline, no model, milliseconds per article."""
    OPENAI = "openai"
    """Any OpenAI-compatible endpoint: OpenAI, Azure, Ollama, vLLM, llama.cpp."""
    LOCAL = "local"
    """llama.cpp embedded in this process, serving a GGUF model on loopback."""
