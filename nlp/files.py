"""Writing result folders so that readers never see a half-written one."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Callable, TextIO


def replace_directory(staging: Path, target: Path) -> None:
    """Move the finished ``staging`` folder to ``target``, swapping out an earlier ``target``.

    Both live in the same parent, so each step is an atomic rename; the earlier
    folder is deleted only once the new one is in place.
    """
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        target.rename(old)
    staging.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


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
