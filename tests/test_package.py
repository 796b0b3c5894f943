"""The package as users meet it: its public names, its lazy import, its errors, its types."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import subprocess
import sys
from pathlib import Path

import dipevents
import dipevents.errors

PUBLIC = [
    "AsyncExtractor", "Alignment", "ArticleChangedError", "Backend", "BatchError",
    "BatchRequestError", "ConfigurationError", "DateSource", "DipeventsError", "DiplomaticEvent",
    "Dispute", "DisputeStatus", "Document", "DocumentResult", "EventCodes", "EventReport",
    "EventStatus", "EventType", "ExtractOptions", "Extractor", "InputError", "InvalidReplyError",
    "Location", "ModelReplyError", "Outcome", "OutcomeKind", "Participant", "ParticipantRole",
    "QuadClass", "RateLimitedError", "RefusalError", "RequestRejectedError",
    "ServiceUnavailableError", "Span", "Support", "TransportError", "TruncatedReplyError",
    "UnexpectedResponseError", "Usage", "aextract_events", "aextract_many", "evaluate",
    "events_frame", "extract_events", "extract_many",
]  # fmt: skip


def test_the_public_names_are_pinned_and_all_resolve() -> None:
    assert sorted(dipevents.__all__) == sorted(PUBLIC)
    for name in PUBLIC:
        assert getattr(dipevents, name) is not None
    assert set(PUBLIC) <= set(dir(dipevents))


def _fresh(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)


def test_the_rules_coder_and_the_help_never_load_the_network_sdks() -> None:
    probe = (
        "import sys, dipevents\n"
        "assert 'openai' not in sys.modules\n"
        "report = dipevents.extract_events({text!r})\n"
        "from dipevents.cli import build_parser\n"
        "build_parser().format_help()\n"
        "print(report.backend, sorted(m for m in ('openai', 'httpx2', 'tenacity', 'genai_prices',"
        " 'xllamacpp', 'tiktoken') if m in sys.modules))"
    )
    text = "GENEVA, March 3 (Reuters) - The foreign ministers of Norway and Kenya met on Monday."
    assert _fresh(probe.format(text=text)).stdout.split() == ["rules", "[]"]


def test_an_unknown_name_is_an_attribute_error() -> None:
    try:
        dipevents.no_such_name  # noqa: B018
    except AttributeError as error:
        assert "no_such_name" in str(error)
    else:
        raise AssertionError("no AttributeError")


def _modules() -> list[object]:
    root = Path(dipevents.__file__).parent
    names = [m.name for m in pkgutil.walk_packages([str(root)], "dipevents.")]
    skipped = ("dipevents.cli", "dipevents.__main__")  # the command line runs when imported
    return [importlib.import_module(name) for name in names if not name.startswith(skipped)]


def test_every_exception_is_defined_in_errors_and_exported() -> None:
    for module in _modules():
        for name, value in vars(module).items():
            ours = inspect.isclass(value) and value.__module__.startswith("dipevents")
            if ours and issubclass(value, BaseException):
                assert value.__module__ == "dipevents.errors", (module, name)
    raised = [
        value
        for value in vars(dipevents.errors).values()
        if inspect.isclass(value) and issubclass(value, dipevents.DipeventsError)
    ]
    assert {error.__name__ for error in raised} <= set(PUBLIC)
    assert issubclass(dipevents.InputError, ValueError)
    assert issubclass(dipevents.ConfigurationError, ValueError)


def test_the_package_is_typed() -> None:
    assert (Path(dipevents.__file__).parent / "py.typed").is_file()


def test_public_calls_raise_typed_errors_not_bare_value_errors(tmp_path: Path) -> None:
    for call, expected in (
        (lambda: list(dipevents.extract_many(["Talks."], concurrency=0)), "ConfigurationError"),
        (lambda: dipevents.evaluate(str(tmp_path)), "InputError"),
        (lambda: dipevents.EventReport(backend="rules").to_html(), "InputError"),
        (lambda: dipevents.extract_events("Talks.", published="10/04/2025"), "InputError"),
        (lambda: dipevents.extract_events("Talks.", max_tokens=0), "ConfigurationError"),
    ):
        try:
            call()
        except dipevents.DipeventsError as error:
            assert type(error).__name__ == expected
        else:
            raise AssertionError(f"{expected} not raised")
