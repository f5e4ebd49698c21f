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
