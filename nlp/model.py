"""Model directories: save, load, and keep the built-in default model fresh.

A model directory holds ``meta.json`` (versions, data hash, thresholds,
metrics), ``scorer.npz`` (what scoring needs; loads with ``allow_pickle=False``)
and ``pipeline.joblib`` (the fitted scikit-learn pipeline, for retraining and
inspection). Directories are written to a temporary sibling and renamed into
place, so a crash never leaves a half-written model behind.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import shutil
import sys
import tempfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Callable

import numpy as np

from nlp.errors import ModelError
from nlp.files import replace_directory
from nlp.labels import OUTPUTS
from nlp.scorer import LinearScorer

MODEL_FORMAT = 2
META_FILE = "meta.json"
SCORER_FILE = "scorer.npz"
PIPELINE_FILE = "pipeline.joblib"
RESOURCES = Path(__file__).resolve().parent / "resources"
PACKAGE_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Model:
    path: Path
    scorer: LinearScorer
    thresholds: np.ndarray
    meta: dict


def library_versions() -> dict[str, str]:
    return {
        "horsemen": _version("horsemen"),
        "python": platform.python_version(),
        "scikit-learn": _version("scikit-learn"),
        "spacy": _version("spacy"),
        "numpy": _version("numpy"),
    }


def feature_fingerprint() -> str:
    """Hash of everything that shapes feature tokens; a model only fits features with the same hash."""
    digest = hashlib.sha256()
    for path in sorted((RESOURCES / "cues").glob("*.jsonl")) + [RESOURCES / "texting_norms.json", RESOURCES / "cue_context.json"]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    for module in ("features.py", "pipeline/normalizer.py", "pipeline/cues.py"):
        digest.update((Path(__file__).resolve().parent / module).read_bytes())
    return digest.hexdigest()[:16]


def recipe_fingerprint() -> str:
    """Hash of the training code: the default model is rebuilt when how it is trained changes."""
    digest = hashlib.sha256()
    for module in ("training.py", "build.py"):
        digest.update((Path(__file__).resolve().parent / module).read_bytes())
    return digest.hexdigest()[:16]


def load_model(path: str | Path) -> Model:
    """Load a model directory, or raise ModelError saying what is wrong and how to fix it."""
    path = Path(path)
    if not path.is_dir():
        raise ModelError(f"{path}: no model directory here; train one with `horsemen train` or omit --model")
    try:
        meta = json.loads((path / META_FILE).read_text(encoding="utf-8"))
        thresholds = np.array([float(meta["thresholds"][output]) for output in OUTPUTS])
        fmt = meta["format"]
    except FileNotFoundError:
        raise ModelError(f"{path}: {META_FILE} is missing; this is not a horsemen model directory") from None
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise ModelError(f"{path / META_FILE}: corrupt or not a horsemen model; retrain with `horsemen train`") from None
    if fmt != MODEL_FORMAT:
        raise ModelError(f"{path}: model format {fmt} is not supported (expected {MODEL_FORMAT}); retrain with `horsemen train`")
    if meta.get("feature_fingerprint") != feature_fingerprint():
        raise ModelError(
            f"{path}: the model was trained with different cue rules or features than this version of horsemen; "
            "retrain it with `horsemen train`"
        )
    try:
        scorer = LinearScorer.load(path / SCORER_FILE)
    except FileNotFoundError:
        raise ModelError(f"{path / SCORER_FILE}: missing; retrain with `horsemen train`") from None
    except Exception:  # np.load raises many types for damaged archives
        raise ModelError(f"{path / SCORER_FILE}: corrupt model file; retrain with `horsemen train`") from None
    if scorer.coef.shape != (len(scorer.vocabulary), len(OUTPUTS)) or scorer.idf.shape != (len(scorer.vocabulary),):
        raise ModelError(f"{path / SCORER_FILE}: array shapes do not match; retrain with `horsemen train`")
    return Model(path, scorer, thresholds, meta)


def save_model(path: str | Path, files: dict[str, Callable[[Path], None]], meta: dict) -> Path:
    """Write ``meta`` and each file (name -> writer) into ``path``, atomically replacing it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{path.name}.", dir=path.parent))
    try:
        for name, write in files.items():
            write(staging / name)
        (staging / META_FILE).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
        replace_directory(staging, path)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return path


def model_home() -> Path:
    """Where models live: $HORSEMEN_HOME, the checkout's models/ folder, or the user cache."""
    if os.environ.get("HORSEMEN_HOME"):
        return Path(os.environ["HORSEMEN_HOME"]).expanduser()
    checkout_models = PACKAGE_ROOT / "models"
    if (PACKAGE_ROOT / "pyproject.toml").is_file() and checkout_models.is_dir() and os.access(checkout_models, os.W_OK):
        return checkout_models
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "horsemen" / "models"


def default_model_path() -> Path:
    return model_home() / "default"


def default_model_is_fresh(path: Path, data_sha256: str) -> bool:
    """The cached default was built from this data, rules, training code and scikit-learn."""
    try:
        meta = json.loads((path / META_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (
        meta.get("format") == MODEL_FORMAT
        and meta.get("data", {}).get("sha256") == data_sha256
        and meta.get("feature_fingerprint") == feature_fingerprint()
        and meta.get("recipe_fingerprint") == recipe_fingerprint()
        and meta.get("versions", {}).get("scikit-learn") == _version("scikit-learn")
    )


def load_default_model(notify: Callable[[str], None] = lambda message: print(message, file=sys.stderr)) -> Model:
    """The built-in model, built from the packaged data on first use or when stale."""
    from nlp.dataset import BUILTIN_DATA, file_sha256

    path = default_model_path()
    if not default_model_is_fresh(path, file_sha256(BUILTIN_DATA)):
        notify(f"horsemen: building the default model in {path} (first run or data/rules changed; ~30 s)...")
        from nlp.build import build_model

        build_model(BUILTIN_DATA, path, include_builtin=False)
        notify("horsemen: default model ready.")
    try:
        return load_model(path)
    except ModelError:
        raise ModelError(f"{path}: the cached default model is damaged; delete that folder and run again") from None


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "unknown"
