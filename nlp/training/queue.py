"""Which messages to label next: the ones the model is least sure about, and not near-copies.

Certainty is measured where the decision is made. A pattern is flagged when
its score clears its threshold and the "any pattern" score clears the gate
(``nlp.scorer.decide``), so a pattern's decision margin is the smaller of the
two distances, in log-odds, and a message's margin is the mean over the four
patterns (in benchmarks/bench_active_learning.py the mean taught the model
more per labelled row than the single least certain pattern did). Picking purely by margin fills the queue with variants of one
phrase ("k", "k.", "ok."), so selection is maximal marginal relevance: each
pick trades closeness to the decision boundary against cosine similarity (on
the model's own feature tokens) to the messages already picked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Sequence

import numpy as np

from nlp.errors import DataError
from nlp.files import write_text_atomically
from nlp.labels import LABELS, OUTPUTS
from nlp.scorer import decide
from nlp.spreadsheet import SafeWriter
from nlp.store import ModelStore
from nlp.training.data import read_builtin
from nlp.training.userdata import UserData

# How much diversity weighs against uncertainty (0: pure uncertainty, 1: pure diversity).
DIVERSITY = 0.5
# Only this many times N of the least certain messages are considered for N picks.
CANDIDATES_PER_PICK = 10
CONTEXT_BEFORE = 2
CONTEXT_AFTER = 1
CONTEXT_CHARS = 200
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Message:
    """A message to consider, with what the labeller needs to judge it."""

    text: str
    sender: str = ""
    time: str = ""
    context_before: str = ""
    context_after: str = ""
    line: int | None = None


def margins(probabilities: np.ndarray, thresholds: np.ndarray) -> np.ndarray:
    """Per message: how far its pattern decisions are from flipping, on average, in log-odds."""
    distance = _logit(probabilities) - _logit(thresholds)
    gated = np.minimum(distance[:, :-1], distance[:, -1:])
    return np.abs(gated).mean(axis=1)


def select(
    probabilities: np.ndarray,
    thresholds: np.ndarray,
    features: Sequence[list[str]],
    n: int,
    *,
    diversity: float = DIVERSITY,
) -> list[int]:
    """Indices of ``n`` messages to label, most useful first."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    from nlp.features import pass_through

    n = min(n, len(features))
    if n <= 0:
        return []
    margin = margins(probabilities, thresholds)
    candidates = np.argsort(margin, kind="stable")[: max(n * CANDIDATES_PER_PICK, n)]
    closeness = 1.0 / (1.0 + margin[candidates])
    vectors = TfidfVectorizer(analyzer=pass_through, sublinear_tf=True).fit_transform([features[i] for i in candidates])
    most_similar = np.zeros(len(candidates))
    available = np.ones(len(candidates), dtype=bool)
    picked: list[int] = []
    for _ in range(n):
        value = np.where(available, (1 - diversity) * closeness - diversity * most_similar, -np.inf)
        best = int(np.argmax(value))
        picked.append(int(candidates[best]))
        available[best] = False
        similarity = (vectors @ vectors[best].T).toarray().ravel()
        most_similar = np.maximum(most_similar, similarity)
    return picked


def chat_messages(path: str | Path, **open_options) -> tuple[list[Message], list]:
    """Typed messages of a chat export (or a CSV with a text column), each with its neighbours.

    Returns the messages and the reader's problems (lines it could not read).
    """
    from nlp.chats import open_chat

    reader = open_chat(path, **open_options)
    typed = [m for m in reader if m.kind == "text" and m.text.strip()]
    messages = []
    for i, message in enumerate(typed):
        before = [m for m in typed[max(0, i - CONTEXT_BEFORE) : i] if m.chat == message.chat]
        after = [m for m in typed[i + 1 : i + 1 + CONTEXT_AFTER] if m.chat == message.chat]
        messages.append(
            Message(
                text=message.text,
                sender=message.sender or "",
                time=message.timestamp.isoformat() if message.timestamp else "",
                context_before=_context(before),
                context_after=_context(after),
                line=message.line,
            )
        )
    return messages, list(reader.problems)


def unique_unlabelled(messages: Iterable[Message], labelled_texts: set[str]) -> list[Message]:
    """First occurrence of each distinct text (case and spacing ignored) not already labelled."""
    seen = {_key(text) for text in labelled_texts}
    kept = []
    for message in messages:
        key = _key(message.text)
        if key not in seen:
            seen.add(key)
            kept.append(message)
    return kept


def write_queue(path: str | Path, messages: Sequence[Message], probabilities: np.ndarray, thresholds: np.ndarray) -> None:
    """The labelling sheet: context, the model's scores, and empty label columns to fill with 0/1.

    It is written whole or not at all, and its text cells cannot run as spreadsheet formulas.
    """
    flags = decide(probabilities, thresholds)
    margin = margins(probabilities, thresholds)
    columns = [
        "rank", "text", "sender", "time", "context_before", "context_after", *LABELS,
        *(f"score_{output}" for output in OUTPUTS), "model_flags", "margin", "source_line",
    ]

    def write_rows(handle) -> None:
        writer = SafeWriter(handle)
        writer.writerow(columns)
        for rank, (message, scores, flagged, distance) in enumerate(zip(messages, probabilities, flags, margin), start=1):
            writer.writerow(
                [
                    rank, message.text, message.sender, message.time, message.context_before, message.context_after,
                    *([""] * len(LABELS)),
                    *(f"{score:.3f}" for score in scores),
                    ";".join(label for label, flag in zip(LABELS, flagged) if flag),
                    f"{distance:.2f}",
                    message.line or "",
                ]
            )

    write_text_atomically(Path(path), write_rows)


@dataclass(frozen=True)
class Queue:
    """What ``make_queue`` wrote: how many messages, out of how many candidates, and lines it could not read."""

    path: Path
    picked: int
    candidates: int
    unreadable_lines: int


def make_queue(
    source: str | Path,
    out: str | Path,
    analyzer,
    *,
    store: ModelStore,
    top: int = 50,
    advance: Callable[[int], None] = lambda done: None,
    **open_options,
) -> Queue:
    """Write a sheet of the ``top`` messages of ``source`` most worth labelling for ``analyzer``'s model.

    Messages already labelled (built-in data, the user's data in ``store``) are
    left out; ``open_options`` go to ``nlp.chats.open_chat`` (format, columns).
    ``advance(n)`` reports featurizing progress, for a progress bar.
    """
    from nlp.training.estimator import featurize

    out = Path(out)
    if out.exists():
        raise DataError(f"{out}: already exists (it may hold your labels); choose another --out or move it away")
    messages, problems = chat_messages(source, **open_options)
    labelled = {row.text for row in read_builtin()}
    labelled |= {row.text for contribution in UserData(store).contributions() for row in contribution.rows}
    candidates = unique_unlabelled(messages, labelled)
    if not candidates:
        raise DataError(f"{source}: no typed message that is not already labelled")
    texts = [message.text for message in candidates]
    probabilities = analyzer.scores(texts)
    features = featurize(texts, advance=advance)  # for diversity between picks, not for scores
    thresholds = analyzer.thresholds
    picked = select(probabilities, thresholds, features, top)
    write_queue(out, [candidates[i] for i in picked], probabilities[picked], thresholds)
    return Queue(out, len(picked), len(candidates), len(problems))


def _context(messages) -> str:
    lines = []
    for message in messages:
        text = message.text if len(message.text) <= CONTEXT_CHARS else message.text[:CONTEXT_CHARS] + "…"
        lines.append(f"{message.sender}: {text}" if message.sender else text)
    return "\n".join(lines)


def _key(text: str) -> str:
    return _SPACES.sub(" ", text).strip().casefold()


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(np.asarray(p, dtype=np.float64), 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))
