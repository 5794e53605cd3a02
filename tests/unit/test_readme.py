"""Every command has help text with an example, and the README documents it."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from graphmodel.cli.main import cli

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_command_has_help_with_example_and_is_in_readme(command: str) -> None:
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert f"graphmodel {command}" in result.output, "the help text carries a usage example"
    assert f"`graphmodel {command}" in README


def test_readme_gives_the_two_setup_commands() -> None:
    assert "bash scripts/setup" in README
    assert "bash scripts/test" in README
