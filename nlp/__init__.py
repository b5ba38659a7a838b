"""horsemen: flag criticism, contempt, defensiveness and stonewalling in chat messages.

>>> import nlp
>>> analyzer = nlp.load()
>>> analyzer.analyze("You never listen to me").flagged
True

Nothing heavy is imported with the package itself: ``nlp.load`` pulls in spaCy
and the model on first call, so ``horsemen --help`` stays instant.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from nlp.labels import LABELS

if TYPE_CHECKING:
    from pathlib import Path

    from nlp.analyzer import Analyzer

__all__ = ["LABELS", "load"]


def load(path: "str | Path | None" = None) -> "Analyzer":
    """Load the analyzer for the model at ``path``, or the built-in default model."""
    from nlp.analyzer import load as load_analyzer

    return load_analyzer(path)
