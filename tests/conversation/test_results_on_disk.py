"""What `horsemen analyze` leaves on disk: CSVs a spreadsheet cannot run, no stray message text, a safe --out."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from typer.testing import CliRunner

from nlp.cli import app

from .conftest import CHAT

HOSTILE = [
    '14/03/2024, 09:00 - =HYPERLINK("http://example.com/x","click"): =1+2',
    "14/03/2024, 09:01 - Lee: @everyone look",
    "14/03/2024, 09:02 - Lee: -5 degrees, you never listen",
    "14/03/2024, 09:03 - Lee: +1 to that",
    "14/03/2024, 09:04 - Lee: '=quoted already",
]


def run(*args):
    return CliRunner().invoke(app, ["analyze", *map(str, args)])


def read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def finished_child() -> int:
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(child.stdout)


def test_cells_a_spreadsheet_would_run_are_written_as_text(use_session_analyzer, tmp_path):
    export = tmp_path / "WhatsApp Chat with Lee.txt"
    export.write_text("\n".join(HOSTILE) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run(export, "--out", out, "--json")
    assert result.exit_code == 0, result.output
    texts = [row["text"] for row in read_csv(out / "messages.csv")]
    assert texts == ["'=1+2", "'@everyone look", "'-5 degrees, you never listen", "'+1 to that", "''=quoted already"]
    senders = {row["sender"] for row in read_csv(out / "messages.csv")}
    assert senders == {"'=HYPERLINK(\"http://example.com/x\",\"click\")", "Lee"}
    speakers = [row["speaker"] for row in read_csv(out / "speakers.csv")]
    assert "'=HYPERLINK(\"http://example.com/x\",\"click\")" in speakers
    for name in ("messages.csv", "speakers.csv", "episodes.csv"):
        for row in csv.reader((out / name).open(encoding="utf-8", newline="")):
            assert not any(cell and cell[0] in "=+-@\t\r" for cell in row), (name, row)
    assert '=HYPERLINK("http://example.com/x","click")' in json.loads(result.stdout)["speakers"]  # the summary is not a CSV


def test_the_report_shows_the_text_as_written(analyzer, tmp_path):
    from nlp.conversation.analyze import analyze_export

    export = tmp_path / "WhatsApp Chat with Lee.txt"
    lines = [f"14/03/2024, 09:{minute:02d} - {'Lee' if minute % 2 else 'Kim'}: -you never listen, you are so lazy"
             for minute in range(10)]
    export.write_text("\n".join(lines) + "\n", encoding="utf-8")
    analyze_export(export, tmp_path / "out", analyzer=analyzer)
    report = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    # Read back from messages.csv without the apostrophe, so the highlights still fall on the right words.
    assert 'class="text">-you never listen, <mark class="criticism" title="criticism">you are so lazy</mark>' in report


def test_leftovers_of_a_killed_run_are_cleaned_up_by_the_next(use_session_analyzer, no_charts, tmp_path):
    dead = finished_child()
    partial = tmp_path / f".chat-horsemen.partial-{dead}-abcd1234"
    legacy = tmp_path / ".out.partial-q9w8e7r6"  # the name earlier versions used, from an interrupted run long ago
    for folder in (partial, legacy):
        folder.mkdir()
        (folder / "messages.csv").write_text("message text", encoding="utf-8")
    long_ago = 1_600_000_000
    os.utime(legacy, (long_ago, long_ago))
    assert run(CHAT, "--out", tmp_path / "out").exit_code == 0
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_a_replacement_killed_half_way_is_undone_before_out_is_checked(use_session_analyzer, no_charts, tmp_path):
    out = tmp_path / "out"
    assert run(CHAT, "--out", out).exit_code == 0
    out.rename(tmp_path / f".out.old-{finished_child()}")  # killed between the two renames: no out, a backup
    result = run(CHAT, "--out", out)
    assert result.exit_code == 0, result.output
    assert [p.name for p in tmp_path.iterdir()] == ["out"]
    assert (out / "messages.csv").is_file()


def test_an_out_that_is_a_symlink_is_written_through_and_stays_a_link(use_session_analyzer, no_charts, tmp_path):
    real = tmp_path / "results" / "casey"
    real.parent.mkdir()
    assert run(CHAT, "--out", real).exit_code == 0
    (real / "messages.csv").write_text("stale", encoding="utf-8")
    link = tmp_path / "latest"
    link.symlink_to(real, target_is_directory=True)
    result = run(CHAT, "--out", link)
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert (link / "messages.csv").read_text(encoding="utf-8").startswith("message,timestamp")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["latest", "results"]
    assert [p.name for p in real.parent.iterdir()] == ["casey"]


# A child analyses the chat and is sent SIGTERM (as `kill` does) while it writes the results.
TERMINATED = textwrap.dedent(
    """
    import os, signal, sys, time
    import nlp.conversation.analyze as analyze
    from nlp.commands import cleaned_up_when_stopped

    def stopped_here(*args, **kwargs):
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(30)

    analyze.find_episodes = stopped_here
    with cleaned_up_when_stopped():
        analyze.analyze_export(sys.argv[1], sys.argv[2])
    """
)


def test_a_run_stopped_with_sigterm_leaves_no_message_text_behind(tmp_path):
    result = subprocess.run([sys.executable, "-c", TERMINATED, str(CHAT), str(tmp_path / "out")], timeout=120)
    assert result.returncode == 128 + signal.SIGTERM
    assert list(tmp_path.iterdir()) == []
