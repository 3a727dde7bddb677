"""The README documents every command and starts with the two commands a new user needs."""

from __future__ import annotations

import re

from keputusan.cli import main

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_command_documented() -> None:
    for name in main.commands:
        assert f"keputusan {name}" in README, f"README does not mention 'keputusan {name}'"


def test_readme_starts_with_run_and_test_commands() -> None:
    blocks = re.findall(r"```sh\n(.*?)\n```", README, re.S)
    assert "keputusan" in blocks[0] and "pip install -e ." in blocks[0]
    assert "pytest" in blocks[1] and "[test]" in blocks[1]


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    test_command = re.findall(r"```sh\n(.*?)\n```", README, re.S)[1]
    assert test_command.replace("pip install -e", "pip install -q -e") in ci
    assert "KEPUTUSAN_REQUIRE_ALL=1" in ci
