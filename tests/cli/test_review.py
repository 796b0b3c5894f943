"""`dipevents review FILE`: the page written, typed errors, UTF-8 on stdout."""

from __future__ import annotations

from pathlib import Path

import pytest

from dipevents.cli import main
from dipevents.outputs.review import KINDS
from tests.support import SEED
from tests.support.review_page import Page


def test_cli_review_writes_the_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "page.html"
    assert main(["review", str(SEED), "--backend", "rules", "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "2 event(s) from backend rules" in captured.err
    page = Page(out.read_text(encoding="utf-8"))
    assert page.article == SEED.read_text(encoding="utf-8")
    assert set(page.kinds()) == set(KINDS)

    assert main(["review", str(SEED), "--backend", "rules", "--published", "2025-04-11"]) == 0
    assert "2025-04-11" in capsys.readouterr().out


def test_cli_review_reports_a_typed_error_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    out = tmp_path / "page.html"
    assert main(["review", str(empty), "--backend", "rules", "-o", str(out)]) == 1
    assert "empty.txt: InputError: the article is empty" in capsys.readouterr().err
    assert not out.exists()
    assert main(["review", str(tmp_path / "missing.txt"), "--backend", "rules"]) == 1
    assert "FileNotFoundError" in capsys.readouterr().err


def test_the_page_goes_to_stdout_as_utf8_whatever_its_encoding(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    article = tmp_path / "fr.txt"
    article.write_text(
        "GENÈVE, 3 mars 2026 - Les ministres se sont réunis à Genève 🇨🇭 lundi.\n",
        encoding="utf-8",
    )
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    result = subprocess.run(
        [sys.executable, "-m", "dipevents", "review", str(article), "--backend", "rules"],
        capture_output=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "réunis à Genève 🇨🇭".encode() in result.stdout
