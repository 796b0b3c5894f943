"""`Usage`: the tokens an extraction spent."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Usage(BaseModel):
    """Tokens summed over every attempt, failed ones included; replies read from the cache
    cost nothing and are counted in `cached`."""

    model_config = ConfigDict(extra="forbid")

    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0
    attempts: int = 0
    cached: int = 0

    def add(self, prompt_tokens: int, completion_tokens: int, total_tokens: int) -> None:
        """Count one more request."""
        self.prompt_tokens += prompt_tokens
        self.completion_tokens += completion_tokens
        self.total_tokens += total_tokens
        self.attempts += 1

    def include(self, other: Usage) -> None:
        """Add another count to this one (a piece of an article, a document of a run)."""
        self.prompt_tokens += other.prompt_tokens
        self.completion_tokens += other.completion_tokens
        self.total_tokens += other.total_tokens
        self.attempts += other.attempts
        self.cached += other.cached
