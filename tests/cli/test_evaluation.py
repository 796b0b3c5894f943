"""`dipevents eval GOLD_DIR`: the score table and its JSON."""

from __future__ import annotations

import json


def test_eval_command_scores_the_rules_coder_on_the_dev_set(capsys) -> None:
    from dipevents.cli import main
    from tests.support import ROOT

    assert main(["eval", str(ROOT / "seeds" / "dev"), "--backend", "rules"]) == 0
    table = capsys.readouterr().out
    assert table.splitlines()[0].split() == ["field", "precision", "recall", "F1", "tp/fp/fn"]
    assert "grounding rate 1.00" in table and "26 articles" in table
    assert "outcomes_lenient" in table and "claim grounding rate 1.00" in table
    assert main(["eval", str(ROOT / "seeds" / "dev"), "--backend", "rules", "--json"]) == 0
    scores = json.loads(capsys.readouterr().out)
    assert scores["total"]["fields"]["events"]["tp"] >= 27
    assert scores["total"]["unaligned_claims"] == 0
    assert len(scores["articles"]) == 26


def test_eval_on_a_folder_without_gold_is_an_error(tmp_path, capsys) -> None:
    from dipevents.cli import main

    assert main(["eval", str(tmp_path)]) == 1
    assert "no NAME.gold.json records" in capsys.readouterr().err
