"""Every command is documented."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from newsdesk.cli import app

runner = CliRunner()


@pytest.mark.parametrize("command", [[], ["build"], ["site"], ["serve"], ["init"], ["actors"], ["evaluate"]])
def test_every_command_has_help(command):
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.output and len(result.output.splitlines()) > 4


def test_every_command_and_option_is_in_the_readme():
    """The README's command table documents every command and every option (sqlite-utils does this)."""
    import typer
    from conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    group = typer.main.get_command(app)
    assert set(group.commands) == {"build", "site", "serve", "init", "actors", "evaluate"}
    for name, command in group.commands.items():
        assert f"`newsdesk {name}" in readme, name
        for param in command.params:
            for option in param.opts + param.secondary_opts:
                if option.startswith("--") and option != "--help":
                    assert option in readme, (name, option)


def test_serve_serves_a_built_site_on_localhost(tmp_path):
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    (tmp_path / "index.html").write_text("<h1>A site</h1>", encoding="utf-8")
    with socket.socket() as s:  # a free port
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "newsdesk.cli", "serve", "--dir", str(tmp_path),
                               "--port", str(port)], stderr=subprocess.PIPE)
    try:
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/index.html", timeout=1) as r:
                    assert b"A site" in r.read()
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("newsdesk serve did not answer")
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.mark.slow
def test_init_starts_a_corpus_that_builds(tmp_path, cache):
    from newsdesk import build, registry

    corpus = tmp_path / "harbour"
    assert runner.invoke(app, ["init", str(corpus)]).exit_code == 0
    registry.parse((corpus / "actors.yml").read_text(encoding="utf-8"))
    result = build.run(corpus, tmp_path / "package", cache)
    assert result.articles == 1 and not result.rejected and not result.warnings
    assert result.quotes >= 2 and result.attributed >= 2
    again = runner.invoke(app, ["init", str(corpus)])  # never overwrites
    assert again.exit_code == 1 and "exists" in again.output


def test_serve_without_a_site_is_a_clear_error(tmp_path):
    result = runner.invoke(app, ["serve", "--dir", str(tmp_path)])
    assert result.exit_code == 1 and "No site in" in result.output


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


def test_evaluate_agrees_with_the_shared_scorer():
    """`newsdesk evaluate` and ../shared/eval/score.py apply the same rules to the same build."""
    import json
    import subprocess
    import sys

    from conftest import FIXTURES, ROOT

    from newsdesk import evaluate

    scorer = ROOT.parent / "shared" / "eval" / "score.py"
    if not scorer.exists():
        pytest.skip("../shared/eval is not beside the project")
    ours = evaluate.run(FIXTURES / "gold-mini").scores
    run = subprocess.run([sys.executable, str(scorer), str(FIXTURES / "gold-mini"), "--project", str(ROOT), "--json"],
                         capture_output=True, text=True, check=True)
    theirs = json.loads(run.stdout)
    assert round(ours["quotes"]["F1"], 3) == theirs["quotes"]["F1"]
    assert round(ours["speaker accuracy (named)"]["F1"], 3) == theirs["speaker_acc_named"]
    assert round(ours["attributed quotes"]["F1"], 3) == theirs["attributed_F1"]
    for key in ("people", "organizations", "places"):
        if key in theirs:
            assert round(ours[key]["F1"], 3) == theirs[key]["F1"], key
    assert {k: ours["actors"][k] for k in ("linked", "splits", "merges")} == theirs["actors"]


def test_evaluate_groups_errors_and_calibrates_confidence():
    from conftest import FIXTURES

    from newsdesk import evaluate

    result = evaluate.run(FIXTURES / "gold-mini")
    assert [row["quote"][:22] for row in result.errors["quote missed"]] == ["A quote the tool canno"]
    wrong = [row for kind, rows in result.errors.items() if kind.startswith("wrong speaker") for row in rows]
    assert len(wrong) == 1 and wrong[0]["found"] and wrong[0]["gold speaker"]
    # every matched quote with a gold speaker and a found one falls in exactly one band
    assert sum(row["n"] for row in result.calibration) == 3
    assert sum(row["right"] for row in result.calibration) == 2
