"""horsemen: flag criticism, contempt, defensiveness and stonewalling in chat messages.

>>> import nlp
>>> analyzer = nlp.load()
>>> analyzer.analyze("You never listen to me").flagged
True

Every command of the CLI is a call here: ``load`` (check), ``analyze_export``
(analyze), ``build_default_model``, ``retrain`` (train), ``evaluate_csv``
(evaluate), ``make_queue`` (queue), ``record_feedback`` (feedback),
``UserData`` (data) and ``ModelStore`` (models). Nothing heavy is imported with the package itself:
each name is imported on first use, so ``horsemen --help`` stays instant.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from nlp.labels import LABELS

if TYPE_CHECKING:
    from nlp.analyzer import load
    from nlp.conversation.analyze import analyze_export
    from nlp.corpus.score import score_file, score_frame
    from nlp.store import ModelStore
    from nlp.training.evaluation import evaluate_csv
    from nlp.training.feedback import corrections_from, record_feedback
    from nlp.training.queue import make_queue
    from nlp.training.retrain import retrain
    from nlp.training.train import build_default_model, train_model
    from nlp.training.userdata import UserData

_LAZY = {
    "load": "nlp.analyzer",
    "analyze_export": "nlp.conversation.analyze",
    "score_file": "nlp.corpus.score",
    "score_frame": "nlp.corpus.score",
    "ModelStore": "nlp.store",
    "build_default_model": "nlp.training.train",
    "train_model": "nlp.training.train",
    "retrain": "nlp.training.retrain",
    "evaluate_csv": "nlp.training.evaluation",
    "make_queue": "nlp.training.queue",
    "corrections_from": "nlp.training.feedback",
    "record_feedback": "nlp.training.feedback",
    "UserData": "nlp.training.userdata",
}

__all__ = [
    "LABELS",
    "ModelStore",
    "UserData",
    "analyze_export",
    "build_default_model",
    "corrections_from",
    "evaluate_csv",
    "load",
    "make_queue",
    "record_feedback",
    "retrain",
    "score_file",
    "score_frame",
    "train_model",
]


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'nlp' has no attribute {name!r}")
