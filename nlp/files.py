"""Writing result folders so that readers never see a half-written one."""

from __future__ import annotations

import os
import shutil
from pathlib import Path


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
