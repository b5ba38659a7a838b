"""Bad input: one clear line, exit code 2, no traceback, and never an output folder that looks complete."""

from __future__ import annotations

import json
import shutil
import zipfile

import pytest
from typer.testing import CliRunner

from nlp.chats import SUPPORTED_FORMATS
from nlp.cli import app
from nlp.conversation import analyze as analyze_module
from nlp.conversation.analyze import analyze_export

from .conftest import CHAT


def run(*args):
    return CliRunner().invoke(app, ["analyze", *map(str, args)])


def assert_user_error(result, *fragments):
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)  # not an uncaught exception
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("horsemen: error: ")
    for fragment in fragments:
        assert fragment in lines[0]


@pytest.fixture(autouse=True)
def _no_model_load(use_session_analyzer):
    """Errors must not need the model; where a run gets that far, reuse the loaded one."""


def test_missing_file(tmp_path):
    result = run(tmp_path / "nope.txt", "--out", tmp_path / "out")
    assert_user_error(result, "nope.txt", "no such file")
    assert not (tmp_path / "out").exists()


def test_unknown_format_lists_the_formats_and_the_option(tmp_path):
    export = tmp_path / "shopping.txt"
    export.write_text("milk\neggs\nbread\n", encoding="utf-8")
    result = run(export, "--out", tmp_path / "out")
    assert_user_error(result, "shopping.txt", "--format", *SUPPORTED_FORMATS)


def test_unknown_format_name_is_rejected_with_the_choices(tmp_path):
    result = run(CHAT, "--format", "myspace", "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert "myspace" in result.output and "whatsapp" in result.output
    assert not (tmp_path / "out").exists()


def test_truncated_json_gives_the_position(tmp_path):
    export = tmp_path / "result.json"
    export.write_text(
        '{"name": "Kim", "type": "personal_chat", "id": 1, "messages": [\n'
        ' {"id": 1, "type": "message", "date": "2024-01-01T10:00:00", "from": "Kim", "text": "hi"},\n'
        ' {"id": 2, "type": "mess',
        encoding="utf-8",
    )
    result = run(export, "--out", tmp_path / "out")
    assert_user_error(result, "result.json:3", "ends too early", "column")
    assert list(tmp_path.iterdir()) == [export]


def test_invalid_json_gives_the_position(tmp_path):
    export = tmp_path / "result.json"
    export.write_text('{"name": "Kim", "messages": [\n {"id": 1,, "type": "message"}]}', encoding="utf-8")
    result = run(export, "--format", "telegram", "--out", tmp_path / "out")
    assert_user_error(result, "result.json:2", "invalid JSON", "column")


def test_zip_without_a_chat(tmp_path):
    export = tmp_path / "photos.zip"
    with zipfile.ZipFile(export, "w") as archive:
        archive.writestr("IMG-0001.jpg", b"\xff\xd8\xff\xe0" + bytes(64))
        archive.writestr("IMG-0002.jpg", b"\xff\xd8\xff\xe0" + bytes(64))
        archive.writestr("__MACOSX/._chat.txt", b"\x00\x05\x16\x07")
    result = run(export, "--out", tmp_path / "out")
    assert_user_error(result, "photos.zip", "no chat file")


def test_binary_junk(tmp_path):
    export = tmp_path / "chat.txt"
    export.write_bytes(bytes(range(256)) * 40)
    result = run(export, "--out", tmp_path / "out")
    assert_user_error(result, "chat.txt", "binary")


def test_empty_file(tmp_path):
    export = tmp_path / "chat.txt"
    export.write_bytes(b"")
    assert_user_error(run(export, "--out", tmp_path / "out"), "chat.txt", "empty")


def test_output_path_that_is_a_file(tmp_path):
    taken = tmp_path / "taken"
    taken.write_text("x", encoding="utf-8")
    assert_user_error(run(CHAT, "--out", taken), "taken", "not a folder")


def test_mixed_encodings_and_stray_lines_are_counted_and_listed(no_charts, tmp_path):
    export = tmp_path / "WhatsApp Chat with Kim.txt"
    export.write_bytes(
        "a note pasted before the chat\n".encode()
        + "14/03/2024, 09:00 - Kim: caf\xe9 at 10?\n".encode("cp1252")
        + "14/03/2024, 09:02 - Lee: s\u00fbr, \u00e0 tout \u00e0 l'heure\n".encode("utf-8")
    )
    out = tmp_path / "out"
    result = run(export, "--out", out, "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["skipped_lines"] == 2
    assert "problems.csv" in result.stderr
    problems = (out / "problems.csv").read_text(encoding="utf-8").splitlines()
    assert problems[0] == "source,line,message,reason"
    assert [row.split(",")[1] for row in problems[1:]] == ["1", "2"]
    assert "café at 10?" in (out / "messages.csv").read_text(encoding="utf-8")


def test_strict_mode_stops_at_the_first_bad_line_and_leaves_nothing(tmp_path):
    export = tmp_path / "WhatsApp Chat with Kim.txt"
    export.write_bytes(
        "14/03/2024, 09:00 - Kim: hi\n".encode() + "14/03/2024, 09:01 - Lee: caf\xe9\n".encode("cp1252")
    )
    result = run(export, "--strict", "--out", tmp_path / "out")
    assert_user_error(result, "Kim.txt:2", "strict")
    assert list(tmp_path.iterdir()) == [export]


def test_a_failure_while_writing_leaves_no_output_folder(analyzer, tmp_path, monkeypatch):
    import nlp.conversation.report as report

    def broken_report(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(report, "write_report", broken_report)
    with pytest.raises(RuntimeError):
        analyze_export(CHAT, tmp_path / "out", analyzer=analyzer)
    assert list(tmp_path.iterdir()) == []


def test_a_failed_rerun_keeps_the_earlier_complete_analysis(analyzer, no_charts, tmp_path, monkeypatch):
    out = tmp_path / "out"
    analyze_export(CHAT, out, analyzer=analyzer)
    before = (out / "messages.csv").read_bytes()
    monkeypatch.setattr(analyze_module, "find_episodes", lambda messages, repair_window: (_ for _ in ()).throw(KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        analyze_export(CHAT, out, analyzer=analyzer)
    assert (out / "messages.csv").read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


@pytest.fixture()
def never_scored(monkeypatch):
    """A wrong --out must be refused before any message is scored."""

    def refuse(*args, **kwargs):
        raise AssertionError("scoring started before --out was checked")

    monkeypatch.setattr(analyze_module, "score_messages", refuse)


def test_out_dot_is_refused_before_any_work(never_scored, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert_user_error(run(CHAT, "--out", "."), ".", "current folder")
    assert list(tmp_path.iterdir()) == []


def test_out_that_holds_the_current_folder_or_is_the_root_is_refused(never_scored, tmp_path, monkeypatch):
    inside = tmp_path / "a" / "b"
    inside.mkdir(parents=True)
    monkeypatch.chdir(inside)
    assert_user_error(run(CHAT, "--out", ".."), "current folder")
    assert_user_error(run(CHAT, "--out", "/"), "root of the file system")


def test_out_inside_an_export_folder_is_refused(never_scored, tmp_path):
    export = tmp_path / "slack"
    shutil.copytree(CHAT.parent.parent.parent / "chats" / "fixtures" / "slack_export", export)
    assert_user_error(run(export, "--out", export / "results"), "inside it")
    assert sorted(p.name for p in export.iterdir()) == ["channels.json", "general", "users.json"]


def test_a_message_longer_than_the_csv_module_allows_reaches_the_report(tmp_path):
    """The report reads its episodes' messages back from messages.csv: a 200,000-character one failed there."""
    export = tmp_path / "WhatsApp Chat with Kim.txt"
    fights = "".join(
        f"14/03/2024, 10:{minute:02d} - {'Kim' if minute % 2 else 'Lee'}: "
        f"{'You never listen to me, you are so selfish' if minute % 2 else 'Whatever, that is not my fault'}\n"
        for minute in range(10, 20)
    )
    export.write_text(fights + "14/03/2024, 10:20 - Kim: You never listen! " + "so selfish " * 20_000 + "\n",
                      encoding="utf-8")
    result = run(export, "--out", tmp_path / "out", "--json")
    assert result.exit_code == 0, result.output
    assert "2024-03-14 10:20" in (tmp_path / "out" / "report.html").read_text(encoding="utf-8")  # shown in its episode
