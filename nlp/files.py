"""Files and folders on disk: what may be read, and writing so that nothing half-written is ever seen or left.

A result folder is built under a hidden staging name next to its destination
(``.NAME.partial-PID-XXXXXXXX``) and swapped in at the end. The swap keeps the
earlier folder, renamed ``.NAME.old-PID``, until the new one is in place, so a
kill at any moment leaves the old folder or the new one, plus hidden leftovers
that the next write beside them (``recover``) puts right: a backup whose
folder is missing is moved back, and any other leftover of a process that is
gone, or that is over a day old, is deleted. Message text is never left behind.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
import tempfile
import threading
import time
from pathlib import Path
from typing import Callable, Iterator, TextIO

STALE_AFTER_SECONDS = 24 * 3600  # a leftover this old is stale even if its process id is in use again
# Our leftovers: ".NAME.partial-PID-RANDOM" (staging), ".NAME.old-PID" (the folder being replaced), and
# ".NAME.partial-RANDOM" from horsemen versions that did not record the process id.
_LEFTOVER = re.compile(r"^\.(?P<name>.+)\.(?:partial-(?:(?P<pid>\d+)-)?[a-z0-9_]{8}|old-(?P<old_pid>\d+))$")
_SPECIAL_KINDS = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"),
                  (stat.S_ISSOCK, "a socket"))


def special_file(path: Path) -> str | None:
    """What ``path`` is when it is neither a regular file nor a folder ("a device", ...); None otherwise.

    Reading a device never ends (``/dev/zero``) and opening a FIFO blocks until
    someone writes to it, so callers refuse these before opening them.
    """
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None  # missing or unreadable: the caller's own open reports it
    return next((kind for test, kind in _SPECIAL_KINDS if test(mode)), None)


def destination(path: str | Path) -> Path:
    """The absolute folder a result for ``path`` is written to: a symlink's target, so the link stays valid."""
    return Path(path).expanduser().resolve()


def staging_directory(target: Path) -> Path:
    """A fresh hidden folder beside ``target`` to build it in, after clearing stale leftovers there."""
    target.parent.mkdir(parents=True, exist_ok=True)
    recover(target.parent)
    return Path(tempfile.mkdtemp(prefix=f".{target.name}.partial-{os.getpid()}-", dir=target.parent))


def replace_directory(staging: Path, target: Path) -> None:
    """Move the finished ``staging`` folder to ``target``, swapping out an earlier ``target``.

    Both live in the same parent, so each step is an atomic rename. The earlier
    folder is kept as ``.NAME.old-PID`` until the new one is in place and only
    then deleted; ``recover`` undoes a swap that was killed half-way.
    """
    backup = None
    if target.exists():
        backup = target.with_name(f".{target.name}.old-{os.getpid()}")
        target.rename(backup)
    staging.rename(target)
    if backup is not None:
        shutil.rmtree(backup, ignore_errors=True)


def recover(parent: Path) -> None:
    """Put right what killed writes left in ``parent``: restore orphaned backups, delete stale leftovers."""
    try:
        entries = list(os.scandir(parent))
    except OSError:
        return
    for entry in entries:
        match = _LEFTOVER.match(entry.name)
        if match is None or not _is_stale(entry, match["pid"] or match["old_pid"]):
            continue
        path = Path(entry.path)
        original = parent / match["name"]
        if match["old_pid"] and not original.exists() and not original.is_symlink():
            path.rename(original)  # killed between the two renames: the earlier result comes back
        elif entry.is_symlink() or not entry.is_dir(follow_symlinks=False):
            path.unlink(missing_ok=True)
        else:
            shutil.rmtree(path, ignore_errors=True)


def _is_stale(entry: os.DirEntry, pid: str | None) -> bool:
    try:
        age = time.time() - entry.stat(follow_symlinks=False).st_mtime
    except OSError:
        return False
    return age > STALE_AFTER_SECONDS or (pid is not None and not _process_exists(int(pid)))


def _process_exists(pid: int) -> bool:
    if pid == os.getpid() or os.name == "nt":  # on Windows os.kill would end the process: rely on age there
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone else's process, or a platform that cannot tell: leave it alone
    return True


def write_text_atomically(path: Path, write: Callable[[TextIO], None]) -> None:
    """Let ``write`` fill a temporary sibling of ``path``, then rename it over ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, staging = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            write(out)
        os.replace(staging, path)
    except BaseException:
        Path(staging).unlink(missing_ok=True)
        raise


_held = threading.local()  # lock files this thread holds, so holding one again does not deadlock


@contextlib.contextmanager
def exclusive_lock(path: Path, waiting: Callable[[], None] = lambda: None) -> Iterator[None]:
    """Hold an exclusive ``flock`` on ``path`` (created if missing); other processes and threads wait.

    ``waiting`` is called once if another holder makes this one wait. The
    kernel drops the lock when its holder dies, so a killed process never
    leaves a stale lock. Where ``fcntl`` is missing (Windows) nothing is locked.
    """
    key = str(path.absolute())
    held = getattr(_held, "paths", None)
    if held is None:
        held = _held.paths = set()
    if key in held:
        yield
        return
    try:
        import fcntl
    except ImportError:
        yield
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            waiting()
            fcntl.flock(lock, fcntl.LOCK_EX)
        held.add(key)
        try:
            yield
        finally:
            held.discard(key)
            fcntl.flock(lock, fcntl.LOCK_UN)
