"""The command line reads like the tools people know: -h everywhere, plain flags, one style, shared options alike.

Each command's help is rendered wide (no wrapping), as a user sees it, and read
back: what a test cannot see in the help, a user cannot either.
"""

from __future__ import annotations

import re
import shlex

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from nlp.cli import app

runner = CliRunner()
WIDE = {"COLUMNS": "400", "TERMINAL_WIDTH": "400"}

# Defined once in nlp.commands and used by every command that takes them.
SHARED_OPTIONS = ("--format", "--text-col", "--sender-col", "--time-col", "--date-order", "--model", "--json", "--sensitivity")
EXPORT_OPTIONS = ("--format", "--text-col", "--sender-col", "--time-col", "--date-order")


def command_paths() -> list[tuple[str, ...]]:
    found = []

    def walk(command, path):
        found.append(path)
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            walk(sub, (*path, name))

    walk(get_command(app), ())
    return found


def help_text(path, flag="--help") -> str:
    result = runner.invoke(app, [*path, flag], env=WIDE)
    assert result.exit_code == 0, (path, flag, result.output)
    return result.stdout


def option_rows(path) -> dict[str, str]:
    """Each option's row of the help as shown (names, type, help, default), spaces squeezed; keyed by its long name."""
    rows = {}
    for line in help_text(path).splitlines():
        cells = " ".join(line.strip("│ ").split())
        if cells.startswith("--"):
            rows[cells.split()[0]] = cells
    return rows


PATHS = command_paths()


def test_every_command_is_walked():
    assert {("check",), ("analyze",), ("queue",), ("score",), ("models", "show"), ()} <= set(PATHS)
    assert {("data", "list"), ("data", "show"), ("data", "remove")} <= set(PATHS)
    assert len(PATHS) == 17


@pytest.mark.parametrize("path", PATHS, ids=lambda path: " ".join(path) or "horsemen")
def test_help_and_h_show_the_same_help_with_plain_flags_and_examples(path):
    long_help, short_help = help_text(path, "--help"), help_text(path, "-h")
    assert long_help == short_help
    assert f"Usage: horsemen {' '.join(path)}".rstrip() in long_help
    assert "<bool>" not in long_help
    assert "Examples:" in long_help and "$ " in long_help


@pytest.mark.parametrize("path", PATHS, ids=lambda path: " ".join(path) or "horsemen")
def test_arguments_are_named_in_one_style(path):
    usage = next(line for line in help_text(path).splitlines() if "Usage:" in line)
    arguments = re.findall(r"[{\[]([^{}\[\]]+)[}\]]", usage.split("[OPTIONS]", 1)[1])
    for name in arguments:
        assert name in ("ARGS", "COMMAND") or re.fullmatch(r"[A-Z][A-Z_]*", name), (path, usage)


@pytest.mark.parametrize("path", PATHS, ids=lambda path: " ".join(path) or "horsemen")
def test_examples_use_commands_and_options_that_exist(path):
    """Every `horsemen ...` line of the epilog names a real command and only options that command takes."""
    lines = [line.strip()[2:] for line in help_text(path).splitlines() if line.strip().startswith("$ ")]
    for line in lines:
        words = shlex.split(line.split("|")[-1].split("<")[0])
        if words[0] != "horsemen":
            continue
        command, position = get_command(app), 1
        while position < len(words) and words[position] in getattr(command, "commands", {}):
            command, position = command.commands[words[position]], position + 1
        known = {opt for param in command.params for opt in param.opts} | {"-h", "--help"}
        assert {word for word in words[position:] if word.startswith("-") and word != "-"} <= known, line


def test_shared_options_have_the_same_name_type_and_help_everywhere():
    rows = {path: option_rows(path) for path in PATHS}
    for option in SHARED_OPTIONS:
        shown = {path: found[option] for path, found in rows.items() if option in found}
        assert len(shown) >= 2, option
        assert len(set(shown.values())) == 1, shown


def test_the_commands_reading_chat_exports_take_the_same_export_options():
    for path in (("analyze",), ("queue",)):
        rows = option_rows(path)
        assert set(EXPORT_OPTIONS) <= set(rows), path
    assert "<format>" in option_rows(("queue",))["--format"]


def test_format_is_a_list_of_choices_in_queue_too(tmp_path):
    result = runner.invoke(app, ["queue", str(tmp_path / "chat.txt"), "--format", "carrier-pigeon"])
    assert result.exit_code == 2
    assert "carrier-pigeon" in result.output and "whatsapp" in result.output
