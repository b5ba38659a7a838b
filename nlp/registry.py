"""Model versions in the model home, and which one is in use.

Every ``horsemen train`` writes a new directory under ``model_home()``; the
built-in model stays in ``default`` and is rebuilt when stale. The model in
use is recorded by name in ``active.json``; without that file it is the
default. ``nlp.load()`` with no path loads the model in use, so switching back
after a bad retraining is one command (``horsemen models use default``) and
never needs a model to be rebuilt or copied.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass
from pathlib import Path

from nlp.errors import ModelError
from nlp.files import write_text_atomically
from nlp.model import (
    META_FILE,
    MODEL_FORMAT,
    Model,
    default_model_is_fresh,
    default_model_path,
    feature_fingerprint,
    load_default_model,
    load_model,
    model_home,
)

ACTIVE_FILE = "active.json"
DEFAULT_NAME = "default"
NAME_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


@dataclass(frozen=True)
class ModelVersion:
    name: str
    path: Path
    meta: dict | None
    active: bool
    status: str  # "ready", or what stops it from being used as is

    @property
    def heldout_macro_f1(self) -> float | None:
        test = ((self.meta or {}).get("metrics") or {}).get("test")
        return test["macro_f1"] if test else None


def version_path(name: str) -> Path:
    """Where the version called ``name`` lives; refuses names that are not plain folder names."""
    if not NAME_PATTERN.fullmatch(name):
        raise ModelError(
            f"{name!r} is not a usable model name: use letters, digits, '.', '_' or '-' (at most 64, not starting with '.')"
        )
    return model_home() / name


def new_version_name() -> str:
    """A fresh, sortable name such as ``trained-20250101-120000``."""
    stamp = time.strftime("trained-%Y%m%d-%H%M%S")
    name, suffix = stamp, 2
    while (model_home() / name).exists():
        name, suffix = f"{stamp}-{suffix}", suffix + 1
    return name


def active_name() -> str:
    """The name of the model in use: what ``active.json`` records, else the default."""
    try:
        recorded = json.loads((model_home() / ACTIVE_FILE).read_text(encoding="utf-8"))["name"]
    except FileNotFoundError:
        return DEFAULT_NAME
    except (OSError, ValueError, KeyError, TypeError):
        raise ModelError(
            f"{model_home() / ACTIVE_FILE}: unreadable; delete it to go back to the default model"
        ) from None
    return recorded if isinstance(recorded, str) and recorded else DEFAULT_NAME


def load_current_model() -> Model:
    """The model in use (what ``nlp.load()`` without a path gives)."""
    return load_version(active_name())


def load_version(name: str) -> Model:
    if name == DEFAULT_NAME:
        return load_default_model()
    path = version_path(name)
    try:
        if not (path / META_FILE).is_file():
            raise ModelError(f"no model named {name!r} in {model_home()} (see `horsemen models list`)")
        return load_model(path)
    except ModelError as error:
        if active_name() == name:
            raise ModelError(
                f"the model in use cannot be loaded: {error}; "
                "or go back to the built-in model with `horsemen models use default`"
            ) from None
        raise


def use(name: str) -> None:
    """Make ``name`` the model in use, after checking it loads."""
    if name == DEFAULT_NAME:
        (model_home() / ACTIVE_FILE).unlink(missing_ok=True)
        return
    load_version(name)
    record = json.dumps({"name": name, "since": _now()}) + "\n"
    write_text_atomically(model_home() / ACTIVE_FILE, lambda out: out.write(record))


def versions() -> list[ModelVersion]:
    """Every model directory in the model home, oldest first, the default first of all."""
    home = model_home()
    current = active_name()
    found = [
        path
        for path in (sorted(home.iterdir()) if home.is_dir() else [])
        if path.is_dir() and not path.name.startswith(".") and path.name != DEFAULT_NAME and (path / META_FILE).is_file()
    ]
    found.sort(key=lambda path: (_meta(path) or {}).get("trained_at") or "")
    default = _version(default_model_path(), current)
    return [default, *(_version(path, current) for path in found)]


def _version(path: Path, current: str) -> ModelVersion:
    meta = _meta(path)
    return ModelVersion(path.name, path, meta, path.name == current, _status(path, meta))


def _status(path: Path, meta: dict | None) -> str:
    if path.name == DEFAULT_NAME:
        from nlp.dataset import BUILTIN_DATA, file_sha256

        return "ready" if default_model_is_fresh(path, file_sha256(BUILTIN_DATA)) else "built on next use"
    if meta is None:
        return "unreadable meta.json"
    if meta.get("format") != MODEL_FORMAT or meta.get("feature_fingerprint") != feature_fingerprint():
        return "made by another horsemen version: retrain"
    return "ready"


def _meta(path: Path) -> dict | None:
    try:
        meta = json.loads((path / META_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return meta if isinstance(meta, dict) else None


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
