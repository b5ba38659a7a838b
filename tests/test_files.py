"""Result folders on disk: a kill at any point leaves the old or the new folder, and the next write puts the rest right."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from nlp.files import exclusive_lock, recover, replace_directory, special_file, staging_directory

# A child replaces parent/out with a new folder and is SIGKILLed at the named step of the swap.
KILLED_SWAP = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    import nlp.files as files

    target, step = Path(sys.argv[1]), sys.argv[2]
    staging = files.staging_directory(target)
    (staging / "messages.csv").write_text("new", encoding="utf-8")
    if step == "before the swap":
        os.kill(os.getpid(), signal.SIGKILL)
    renames = []
    original_rename = Path.rename

    def rename(self, other):
        result = original_rename(self, other)
        renames.append(other)
        if step == "between the renames" and len(renames) == 1:
            os.kill(os.getpid(), signal.SIGKILL)
        return result

    Path.rename = rename
    if step == "before the old folder is deleted":
        files.shutil.rmtree = lambda *args, **kwargs: os.kill(os.getpid(), signal.SIGKILL)
    files.replace_directory(staging, target)
    """
)


def finished_child() -> int:
    """The id of a process that has ended (and so cannot own a leftover)."""
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(child.stdout)


@pytest.mark.parametrize(
    "step, expected",
    [("before the swap", "old"), ("between the renames", "old"), ("before the old folder is deleted", "new")],
)
def test_a_kill_at_any_point_of_the_swap_leaves_a_result_the_next_write_restores(tmp_path, step, expected):
    out = tmp_path / "out"
    out.mkdir()
    (out / "messages.csv").write_text("old", encoding="utf-8")
    killed = subprocess.run([sys.executable, "-c", KILLED_SWAP, str(out), step])
    assert killed.returncode == -9
    recover(tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["out"]
    assert (out / "messages.csv").read_text(encoding="utf-8") == expected


def test_the_swap_keeps_the_earlier_folder_until_the_new_one_is_in_place(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "messages.csv").write_text("old", encoding="utf-8")
    staging = staging_directory(out)
    (staging / "messages.csv").write_text("new", encoding="utf-8")
    replace_directory(staging, out)
    assert (out / "messages.csv").read_text(encoding="utf-8") == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_stale_leftovers_are_deleted_and_live_ones_kept(tmp_path):
    dead = finished_child()
    stale = [tmp_path / f".chat-horsemen.partial-{dead}-abcd1234", tmp_path / f".other.old-{dead}"]
    legacy = tmp_path / ".mid.partial-x1y2z3w4"  # from versions that did not record the process id
    live = tmp_path / f".chat-horsemen.partial-{os.getppid()}-efgh5678"
    mine = staging_directory(tmp_path / "chat-horsemen")
    for folder in [*stale, legacy, live]:
        folder.mkdir()
        (folder / "messages.csv").write_text("message text", encoding="utf-8")
    (tmp_path / "other").mkdir()  # a backup is only restored when its folder is missing
    a_day_ago = time.time() - 25 * 3600
    os.utime(legacy, (a_day_ago, a_day_ago))
    recover(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([live.name, mine.name, "other"])


def test_nothing_but_our_own_leftovers_is_touched(tmp_path):
    dead = finished_child()
    theirs = [tmp_path / f"notes.partial-{dead}-abcd1234", tmp_path / f".cache.old-{dead}x", tmp_path / ".git"]
    for folder in theirs:
        folder.mkdir()
    old = time.time() - 30 * 24 * 3600
    for folder in theirs:
        os.utime(folder, (old, old))
    recover(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in theirs)


def test_special_files_are_named():
    assert special_file(Path("/dev/null")) == "a device"
    assert special_file(Path(__file__)) is None and special_file(Path(__file__).parent) is None
    assert special_file(Path("/no/such/file")) is None


def test_the_lock_makes_other_holders_wait_and_can_be_taken_again_by_its_holder(tmp_path):
    lock = tmp_path / ".lock"
    order, waited = [], []

    def other():
        with exclusive_lock(lock, waiting=lambda: waited.append(True)):
            order.append("other")

    with exclusive_lock(lock):
        with exclusive_lock(lock):  # re-entrant in the same thread
            thread = threading.Thread(target=other)
            thread.start()
            time.sleep(0.2)
            order.append("holder")
    thread.join(5)
    assert order == ["holder", "other"] and waited == [True]
