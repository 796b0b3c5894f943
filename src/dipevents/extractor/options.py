"""`ExtractOptions`: the keyword options of an extraction, checked before anything is sent."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from dipevents.common.validation import error_lines
from dipevents.errors import ConfigurationError
from dipevents.llm.prompts import ResponseMode
from dipevents.text.article import DEFAULT_MAX_CHARS
from dipevents.text.chunks import DEFAULT_CHUNK_CHARS, DEFAULT_CHUNK_OVERLAP


class ExtractOptions(BaseModel):
    """The keyword options of `extract_events`, checked before anything is sent."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    response_mode: ResponseMode = ResponseMode.JSON_SCHEMA
    max_reasks: int = Field(2, ge=0, le=10)
    max_retries: int | None = Field(None, ge=0, le=10)
    """Transport retries: by default 3, and none for the embedded model, where a retry would
    start generating again behind the abandoned request."""
    max_tokens: int = Field(4096, gt=0)
    temperature: float = Field(0.0, ge=0.0, le=2.0)
    timeout: float | None = Field(None, gt=0)
    """Seconds per request: by default 120, a passed client's own timeout, or no limit for the
    embedded model (it takes minutes per article on a laptop)."""
    threads: int | None = Field(None, gt=0)
    """CPU threads of the embedded model (default: llama.cpp's choice, the machine's cores)."""
    require_grounding: bool = False
    max_chars: int = Field(DEFAULT_MAX_CHARS, gt=0)
    gguf: str | None = None
    bounded_schema: bool | None = None
    """Cap list and string sizes in the schema; by default only for the embedded model."""
    chunk_chars: int = Field(DEFAULT_CHUNK_CHARS, ge=2_000)
    """Longer articles are sent to a model in overlapping pieces of at most this many
    characters (`dipevents.text.chunks`)."""
    chunk_overlap: int = Field(DEFAULT_CHUNK_OVERLAP, ge=0)
    cache_dir: str | None = None
    """Keep validated replies in this folder and reuse them (`dipevents.llm.cache`)."""

    @model_validator(mode="after")
    def _overlap_fits(self) -> ExtractOptions:
        if self.chunk_overlap >= self.chunk_chars // 2:
            raise ValueError("chunk_overlap must be under half of chunk_chars")
        return self


def parse_options(options: dict[str, Any]) -> ExtractOptions:
    """The options, or a `ConfigurationError` naming every bad one."""
    try:
        return ExtractOptions(**options)
    except ValidationError as error:
        problems = "; ".join(error_lines(error))
        raise ConfigurationError(f"invalid options: {problems}") from None
