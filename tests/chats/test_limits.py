"""Hostile or odd export files: a zip bomb, an endless line, a device or a FIFO end in one clear error or
a reported cut, never in gigabytes of memory or a wait that never ends."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

from nlp.chats import detect_format, open_chat
from nlp.errors import ChatFormatError, HorsemenError

HEADER = "14/03/2024, 09:00 - Kim: hi\n14/03/2024, 09:01 - Lee: "


def zip_with(path: Path, name: str, chunks) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive, archive.open(name, "w", force_zip64=True) as member:
        for chunk in chunks:
            member.write(chunk)
    return path


def test_a_zip_bomb_is_refused_once_it_unpacks_past_the_ratio(tmp_path):
    bomb = zip_with(tmp_path / "chat.zip", "WhatsApp Chat with Kim.txt",
                    [HEADER.encode()] + [bytes(1 << 20)] * 40)  # 40 MiB of zeros pack into about 40 KB
    with pytest.raises(ChatFormatError, match="times its packed size.*HORSEMEN_MAX_ZIP_RATIO"):
        list(open_chat(bomb, format="whatsapp"))


def test_what_a_zip_entry_unpacks_to_is_capped_and_the_cap_can_be_moved(tmp_path, monkeypatch):
    chat = zip_with(tmp_path / "chat.zip", "WhatsApp Chat with Kim.txt", [(HEADER + "ok\n").encode() * 100])
    monkeypatch.setenv("HORSEMEN_MAX_UNZIPPED_BYTES", "1000")
    with pytest.raises(ChatFormatError, match="unpacks to more than 1,000 bytes.*HORSEMEN_MAX_UNZIPPED_BYTES"):
        list(open_chat(chat))
    monkeypatch.setenv("HORSEMEN_MAX_UNZIPPED_BYTES", "100000")
    assert len(list(open_chat(chat))) == 200


def test_an_over_long_line_is_cut_and_reported_and_the_message_kept(tmp_path, monkeypatch):
    monkeypatch.setenv("HORSEMEN_MAX_LINE_BYTES", "1000")
    chat = zip_with(tmp_path / "chat.zip", "WhatsApp Chat with Kim.txt",
                    [HEADER.encode(), b"a" * 5000, b"\n14/03/2024, 09:02 - Kim: ok\n"])
    reader = open_chat(chat)
    messages = list(reader)
    assert [m.text for m in messages] == ["hi", "a" * (1000 - len("14/03/2024, 09:01 - Lee: ")), "ok"]
    [problem] = reader.problems
    assert problem.line == 2 and "longer than 1,000 bytes" in problem.reason and "HORSEMEN_MAX_LINE_BYTES" in problem.reason


def test_a_cut_never_splits_a_character(tmp_path, monkeypatch):
    monkeypatch.setenv("HORSEMEN_MAX_LINE_BYTES", "101")  # the header is 25 bytes; then 2-byte characters
    path = tmp_path / "WhatsApp Chat with Kim.txt"
    path.write_text(HEADER + "é" * 500 + "\n", encoding="utf-8")
    reader = open_chat(path)
    assert [m.text for m in reader] == ["hi", "é" * 38]
    assert ["longer than" in p.reason for p in reader.problems] == [True]  # and no "not valid UTF-8"


def test_a_line_limit_that_is_not_a_number_is_one_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("HORSEMEN_MAX_LINE_BYTES", "lots")
    path = tmp_path / "WhatsApp Chat with Kim.txt"
    path.write_text(HEADER + "ok\n", encoding="utf-8")
    with pytest.raises(HorsemenError, match="HORSEMEN_MAX_LINE_BYTES must be a whole number above 0, not 'lots'"):
        list(open_chat(path))


def test_a_csv_field_longer_than_the_csv_module_allows_is_read(tmp_path):
    long = "you never listen " * 10_000  # 170,000 characters: over Python's csv default of 131,072
    path = tmp_path / "chat.csv"
    path.write_text(f'text,sender\nhi,a\n"{long}",b\n', encoding="utf-8")
    assert [m.text for m in open_chat(path, format="csv")] == ["hi", long]


def test_a_csv_field_over_the_line_limit_names_its_line(tmp_path, monkeypatch):
    monkeypatch.setenv("HORSEMEN_MAX_LINE_BYTES", "1000")
    path = tmp_path / "chat.csv"
    path.write_text('text,sender\nhi,a\n"' + "x\n" * 1000 + '",b\n', encoding="utf-8")
    with pytest.raises(ChatFormatError, match=r"chat.csv:3: a field is longer than 1,000 bytes"):
        list(open_chat(path, format="csv"))


# Reading /dev/zero never ends and opening a FIFO blocks: before the fix one grew to 10 GB, the other
# hung forever. So these run in a child process with a memory cap and a time limit.
BOUNDED_CHILD = textwrap.dedent(
    """
    import resource, sys
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))
    from nlp.chats import open_chat
    from nlp.errors import ChatFormatError
    try:
        list(open_chat(sys.argv[1], **({"format": sys.argv[2]} if len(sys.argv) > 2 else {})))
    except ChatFormatError as error:
        print(error)
    """
)


def run_bounded(*args: str) -> str:
    result = subprocess.run([sys.executable, "-c", BOUNDED_CHILD, *args], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
@pytest.mark.parametrize("format", [None, "whatsapp"])
def test_a_device_is_refused_before_it_is_read(format):
    assert "/dev/zero: is a device, not a file or folder" in run_bounded("/dev/zero", *([format] if format else []))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.parametrize("format", [None, "csv"])
def test_a_fifo_is_refused_before_it_is_opened(tmp_path, format):
    fifo = tmp_path / "chat.txt"
    os.mkfifo(fifo)
    assert "is a named pipe (FIFO), not a file or folder" in run_bounded(str(fifo), *([format] if format else []))


def test_a_fifo_inside_an_export_folder_is_left_out(tmp_path):
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "WhatsApp Chat with Kim.txt").write_text(HEADER + "ok\n", encoding="utf-8")
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "pipe.txt")
    assert detect_format(folder) == "whatsapp"
    assert [m.text for m in open_chat(folder)] == ["hi", "ok"]
