"""Every command is documented."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from newsdesk.cli import app

runner = CliRunner()


@pytest.mark.parametrize("command", [[], ["build"], ["site"], ["evaluate"]])
def test_every_command_has_help(command):
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.output and len(result.output.splitlines()) > 4


def test_missing_articles_folder_is_a_clear_error(tmp_path):
    result = runner.invoke(app, ["build", str(tmp_path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "no articles/ folder" in result.output


def test_evaluate_scores_a_gold_folder():
    from conftest import FIXTURES
    from newsdesk import evaluate

    scores = evaluate.run(FIXTURES / "gold-mini").scores
    # 4 gold quotes of 3+ words ("It's ambitious," has 2 and is ignored), one not in the text: 3 found, all right
    assert scores["quotes"]["P"] == 1.0 and scores["quotes"]["R"] == 0.75
    # the rutte gold names the wrong speaker on purpose: 2 of 3 matched speakers are right
    assert abs(scores["speaker accuracy (named)"]["F1"] - 2 / 3) < 1e-9
    assert scores["people"]["F1"] == 1.0 and scores["organizations"]["R"] == 1.0


def test_evaluate_command_prints_a_table():
    from conftest import FIXTURES

    result = runner.invoke(app, ["evaluate", str(FIXTURES / "gold-mini")])
    assert result.exit_code == 0 and "attributed quotes" in result.output
