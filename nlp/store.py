"""Model directories and the model home: where models live, which is in use, and loading them.

A model directory holds ``meta.json`` (a ``ModelMeta``) and ``scorer.npz`` (the
fitted model as plain arrays, loaded with ``allow_pickle=False``). Directories
are written to a temporary sibling, loaded back once, and only then renamed
into place, so a crash never leaves a half-written model behind and a model
that could not be loaded is never listed as ready.

A ``ModelStore`` is one model home: the built-in model in ``default/``, every
trained version beside it, ``active.json`` naming the one in use and the
user's labelled data (``user-data.json``, see ``nlp.training.userdata``).
Where the home is gets decided once, by ``ModelStore.from_environment()``, and
the store is then handed to whatever needs it. Whatever adds a version, changes
the one in use or changes the user's data holds the home's lock
(``ModelStore.lock``), so two trainings at once get two versions and no
correction is lost. Loading never trains: a default model that has not been built yet is
a ModelError saying how to build it (the CLI builds it itself, with a progress
bar, through ``nlp.training.ensure_default_model``).
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import re
import shutil
import time
from contextlib import AbstractContextManager
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel, ConfigDict, ValidationError

from nlp.errors import ModelError
from nlp.features import FEATURE_FORMAT
from nlp.files import (
    destination,
    exclusive_lock,
    replace_directory,
    special_file,
    staging_directory,
    write_text_atomically,
)
from nlp.labels import DEFAULT_SENSITIVITY, LABELS, OUTPUTS, SENSITIVITIES
from nlp.scorer import LinearScorer, ScorerFileError

META_SCHEMA = 5  # 2: a loose dict with source-code hashes; 3: no sensitivity levels; 4: no training-row fingerprints
META_FILE = "meta.json"
SCORER_FILE = "scorer.npz"
ACTIVE_FILE = "active.json"
USER_DATA_FILE = "user-data.json"
LEGACY_FEEDBACK_FILE = "feedback.csv"  # where corrections were kept before user-data.json
LOCK_FILE = ".lock"
DEFAULT_NAME = "default"
RESOURCES = Path(__file__).resolve().parent / "resources"
# The data files that shape feature tokens besides the code (whose changes bump FEATURE_FORMAT).
RULE_FILES = ("cues/*.jsonl", "texting_norms.json", "cue_context.json")
_PACKAGE_ROOT = Path(__file__).resolve().parent.parent
NAME_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


class ModelMeta(BaseModel):
    """What ``meta.json`` records: enough to know whether a model fits this code, and how it was made."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    schema_version: int
    feature_format: int
    rules_fingerprint: str
    labels: list[str]
    operating_points: dict[str, dict[str, float]]  # sensitivity -> thresholds over OUTPUTS
    metrics: dict[str, Any]
    data: dict[str, Any]
    config: dict[str, Any]
    recipe: int
    vocabulary_size: int
    versions: dict[str, str]
    trained_at: str
    training_seconds: float
    # Fingerprints of every row the model was fitted on (nlp.training.data.row_fingerprint), sorted:
    # evaluation and comparison leave those rows out instead of grading a model on what it learnt.
    trained_on: list[str]
    comparison: dict[str, Any] | None = None  # how it compared with the model it was meant to replace

    @property
    def refused(self) -> bool:
        """Trained to replace a model, found worse, and not forced: kept aside, not put in use."""
        return bool(self.comparison) and not self.comparison["accepted"] and not self.comparison["forced"]

    @property
    def thresholds(self) -> dict[str, float]:
        """The default sensitivity's thresholds."""
        return self.operating_points[DEFAULT_SENSITIVITY]

    @property
    def heldout_macro_f1(self) -> float | None:
        test = self.metrics.get("test")
        return test["macro_f1"] if test else None

    def threshold_array(self, sensitivity: str = DEFAULT_SENSITIVITY) -> np.ndarray:
        point = self.operating_points[sensitivity]
        return np.array([point[output] for output in OUTPUTS], dtype=np.float64)


@dataclass(frozen=True)
class Model:
    path: Path | None  # None for a model that lives only in memory (a retraining's candidate)
    scorer: LinearScorer
    operating_points: dict[str, np.ndarray]  # sensitivity -> thresholds over OUTPUTS
    meta: ModelMeta | None  # None until a candidate is written

    @property
    def thresholds(self) -> np.ndarray:
        """The default sensitivity's thresholds."""
        return self.operating_points[DEFAULT_SENSITIVITY]


@cache
def rules_fingerprint() -> str:
    """Hash of the rule and word-list files that shape feature tokens."""
    digest = hashlib.sha256()
    for path in sorted(path for pattern in RULE_FILES for path in RESOURCES.glob(pattern)):
        digest.update(path.relative_to(RESOURCES).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def incompatibility(meta: ModelMeta) -> str | None:
    """Why a model cannot score with this version of horsemen, or None when it can.

    The one compatibility check, for a meta that ``read_meta`` could read: the
    feature format (bumped by hand when feature code changes), the fingerprint
    of the rule files, the patterns and the sensitivity levels.
    """
    if meta.feature_format != FEATURE_FORMAT:
        return f"made for feature format {meta.feature_format}; this version of horsemen uses {FEATURE_FORMAT}"
    if meta.rules_fingerprint != rules_fingerprint():
        return "made with different cue rules or word lists than this version of horsemen"
    if tuple(meta.labels) != LABELS or any(set(point) != set(OUTPUTS) for point in meta.operating_points.values()):
        return "made for other patterns than " + ", ".join(LABELS)
    if set(meta.operating_points) != set(SENSITIVITIES):
        return "made without the sensitivity levels " + ", ".join(SENSITIVITIES)
    return None


def library_versions() -> dict[str, str]:
    return {
        "horsemen": _version("horsemen"),
        "python": platform.python_version(),
        "scikit-learn": _version("scikit-learn"),
        "spacy": _version("spacy"),
        "numpy": _version("numpy"),
    }


def read_meta(path: str | Path) -> ModelMeta:
    """The ``meta.json`` of the model directory ``path``, or a ModelError saying what is wrong."""
    path = Path(path)
    kind = special_file(path / META_FILE)
    if kind is not None:
        raise ModelError(f"{path / META_FILE}: is {kind}, not a file; this is not a horsemen model directory")
    try:
        raw = json.loads((path / META_FILE).read_bytes())
        schema = raw.get("schema_version") if isinstance(raw, dict) else None
        if isinstance(schema, int) and schema != META_SCHEMA:
            raise ModelError(
                f"{path}: written by another horsemen version (meta.json schema {schema}; this version reads "
                f"{META_SCHEMA}); retrain it with `horsemen train`"
            )
        return ModelMeta.model_validate(raw)
    except FileNotFoundError:
        raise ModelError(f"{path}: {META_FILE} is missing; this is not a horsemen model directory") from None
    except OSError as error:
        raise ModelError(f"{path / META_FILE}: cannot read ({error.strerror})") from None
    except (ValueError, ValidationError):
        raise ModelError(f"{path / META_FILE}: corrupt, or not a horsemen model; retrain with `horsemen train`") from None


def load_model(path: str | Path) -> Model:
    """Load a model directory, or raise ModelError saying what is wrong and how to fix it."""
    path = Path(path)
    if not path.is_dir():
        raise ModelError(f"{path}: no model directory here; train one with `horsemen train` or omit --model")
    meta = read_meta(path)
    problem = incompatibility(meta)
    if problem:
        raise ModelError(f"{path}: {problem}; retrain it with `horsemen train`")
    kind = special_file(path / SCORER_FILE)
    if kind is not None:
        raise ModelError(f"{path / SCORER_FILE}: is {kind}, not a model file; retrain with `horsemen train`")
    try:
        scorer = LinearScorer.load(path / SCORER_FILE)
    except FileNotFoundError:
        raise ModelError(f"{path / SCORER_FILE}: missing; retrain with `horsemen train`") from None
    except ScorerFileError as error:
        raise ModelError(f"{path / SCORER_FILE}: corrupt model file ({error}); retrain with `horsemen train`") from None
    except Exception:  # zipfile and numpy raise many types for damaged archives
        raise ModelError(f"{path / SCORER_FILE}: corrupt model file; retrain with `horsemen train`") from None
    n_features = len(scorer.vocabulary)
    if scorer.coef.shape != (n_features, len(OUTPUTS)) or scorer.idf.shape != (n_features,):
        raise ModelError(f"{path / SCORER_FILE}: array shapes do not match; retrain with `horsemen train`")
    return Model(path, scorer, {level: meta.threshold_array(level) for level in SENSITIVITIES}, meta)


def save_model(path: str | Path, scorer: LinearScorer, meta: ModelMeta) -> Path:
    """Write the scorer and its meta into ``path``, atomically replacing what was there.

    The written model is loaded once before it takes the place of anything: a
    model that cannot be read back raises ModelError and leaves ``path`` as it was.
    """
    path = destination(path)
    staging = staging_directory(path)
    try:
        scorer.save(staging / SCORER_FILE)
        (staging / META_FILE).write_text(meta.model_dump_json(indent=2) + "\n", encoding="utf-8")
        try:
            load_model(staging)
        except ModelError as error:
            raise ModelError(f"the new model could not be read back, so it was not saved: {error}") from None
        replace_directory(staging, path)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return path


@dataclass(frozen=True)
class ModelVersion:
    """One model directory in the home, as ``horsemen models list`` shows it."""

    name: str
    path: Path
    meta: ModelMeta | None
    active: bool
    status: str  # "ready", "refused" (worse than the model it was to replace), or what stops it from being used


class ModelStore:
    """One model home: the default model, trained versions, the one in use, and feedback."""

    def __init__(self, home: str | Path):
        self.home = Path(home).expanduser()

    def __repr__(self) -> str:
        return f"ModelStore({str(self.home)!r})"

    @classmethod
    def from_environment(cls) -> "ModelStore":
        """$HORSEMEN_HOME, else a checkout's writable ``models/`` folder, else the user's cache."""
        if os.environ.get("HORSEMEN_HOME"):
            return cls(os.environ["HORSEMEN_HOME"])
        checkout_models = _PACKAGE_ROOT / "models"
        if (_PACKAGE_ROOT / "pyproject.toml").is_file() and checkout_models.is_dir() and os.access(checkout_models, os.W_OK):
            return cls(checkout_models)
        cache_root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
        return cls(cache_root / "horsemen" / "models")

    @property
    def default_path(self) -> Path:
        return self.home / DEFAULT_NAME

    @property
    def user_data_path(self) -> Path:
        return self.home / USER_DATA_FILE

    @property
    def legacy_feedback_path(self) -> Path:
        return self.home / LEGACY_FEEDBACK_FILE

    def path(self, name: str) -> Path:
        """Where the version called ``name`` lives; refuses names that are not plain folder names."""
        if not NAME_PATTERN.fullmatch(name):
            raise ModelError(
                f"{name!r} is not a usable model name: use letters, digits, '.', '_' or '-' (at most 64, not starting with '.')"
            )
        return self.home / name

    def lock(self, waiting=lambda: None) -> AbstractContextManager[None]:
        """Hold the home's lock: another process changing the home waits (``waiting`` is told when this one must)."""
        return exclusive_lock(self.home / LOCK_FILE, waiting)

    def new_version_name(self) -> str:
        """A fresh, sortable name such as ``trained-20250101-120000``; unique while the home's lock is held."""
        stamp = time.strftime("trained-%Y%m%d-%H%M%S")
        name, suffix = stamp, 2
        while (self.home / name).exists():
            name, suffix = f"{stamp}-{suffix}", suffix + 1
        return name

    def active_name(self) -> str:
        """The name of the model in use: what ``active.json`` records, else the default."""
        try:
            recorded = json.loads((self.home / ACTIVE_FILE).read_text(encoding="utf-8"))["name"]
        except FileNotFoundError:
            return DEFAULT_NAME
        except (OSError, ValueError, KeyError, TypeError):
            raise ModelError(f"{self.home / ACTIVE_FILE}: unreadable; delete it to go back to the default model") from None
        return recorded if isinstance(recorded, str) and recorded else DEFAULT_NAME

    def load(self, name: str | None = None) -> Model:
        """The version called ``name``, or the one in use. Never builds or trains anything."""
        name = name or self.active_name()
        if name == DEFAULT_NAME:
            return self._load_default()
        path = self.path(name)
        try:
            if not (path / META_FILE).is_file():
                raise ModelError(f"no model named {name!r} in {self.home} (see `horsemen models list`)")
            return load_model(path)
        except ModelError as error:
            if self.active_name() == name:
                raise ModelError(
                    f"the model in use cannot be loaded: {error}; "
                    "or go back to the built-in model with `horsemen models use default`"
                ) from None
            raise

    def use(self, name: str, *, force: bool = False) -> None:
        """Make ``name`` the model in use, after checking it loads; a refused model only with ``force``."""
        with self.lock():
            if name == DEFAULT_NAME:
                (self.home / ACTIVE_FILE).unlink(missing_ok=True)
                return
            model = self.load(name)
            if model.meta.refused and not force:
                raise ModelError(
                    f"{name} was refused when it was trained: it scored worse than {model.meta.comparison['current_model']} "
                    f"(see `horsemen models show {name}`); use it anyway with --force"
                )
            record = json.dumps({"name": name, "since": utc_now()}) + "\n"
            write_text_atomically(self.home / ACTIVE_FILE, lambda out: out.write(record))

    def versions(self) -> list[ModelVersion]:
        """Every model directory in the home, oldest first, the default first of all."""
        current = self.active_name()
        found = [
            path
            for path in (sorted(self.home.iterdir()) if self.home.is_dir() else [])
            if path.is_dir() and not path.name.startswith(".") and path.name != DEFAULT_NAME and (path / META_FILE).is_file()
        ]
        listed = [self._version(path, current) for path in found]
        listed.sort(key=lambda version: version.meta.trained_at if version.meta else "")
        return [self._version(self.default_path, current), *listed]

    def _load_default(self) -> Model:
        if not (self.default_path / META_FILE).is_file():
            raise ModelError(
                f"the built-in model is not built yet in {self.default_path}: any horsemen command builds it, "
                "or call nlp.build_default_model() from Python"
            )
        try:
            return load_model(self.default_path)
        except ModelError as error:
            raise ModelError(f"the built-in model needs rebuilding ({error}); run any horsemen command, or nlp.build_default_model()") from None

    def _version(self, path: Path, current: str) -> ModelVersion:
        try:
            meta = read_meta(path)
        except ModelError:
            meta = None
        if meta is None:
            status = "not built yet" if path.name == DEFAULT_NAME and not path.exists() else "unreadable meta.json"
        else:
            status = "made by another horsemen version: retrain" if incompatibility(meta) else "refused" if meta.refused else "ready"
        return ModelVersion(path.name, path, meta, path.name == current, status)


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "unknown"


def utc_now() -> str:
    """A time stamp as meta.json and the user data store write them: ISO 8601, UTC, to the second."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
