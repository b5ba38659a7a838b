"""The analyzer: text -> spaCy Doc -> feature tokens -> calibrated scores -> Analysis."""

from __future__ import annotations

import multiprocessing
from itertools import islice
from pathlib import Path
from typing import Iterable, Iterator

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc

from nlp.features import doc_features
from nlp.labels import LABELS
from nlp.model import Model, load_default_model, load_model
from nlp.pipeline import CUES_KEY, build_pipeline
from nlp.results import Analysis, Cue, PatternScore, Positive

# Length policy: only the first MAX_CHARS characters of a message are analysed
# (a chat bubble is rarely over 2,000); the result says ``truncated``. This keeps
# a pasted 1 MB document to a few milliseconds instead of seconds.
MAX_CHARS = 10_000


class Analyzer:
    """Scores messages with one model; build it with ``nlp.load()``."""

    def __init__(self, model: Model, lang: Language | None = None):
        self.model = model
        self.lang = lang if lang is not None else build_pipeline()
        self._thresholds = model.thresholds

    @property
    def meta(self) -> dict:
        return self.model.meta

    def analyze(self, text: str) -> Analysis:
        """Analyse one message."""
        return next(self.analyze_many([text]))

    def analyze_many(self, texts: Iterable[str], batch_size: int = 1000, n_process: int = 1) -> Iterator[Analysis]:
        """Analyse messages lazily, in order; memory stays flat for any input length.

        ``n_process > 1`` scores batches in forked worker processes (each with a
        copy-on-write view of this analyzer), which is how a 2-core machine gets
        close to twice the throughput on long exports.
        """
        batches = _batches(texts, batch_size)
        if n_process <= 1 or "fork" not in multiprocessing.get_all_start_methods():
            for batch in batches:
                yield from self._analyze_batch(batch)
            return
        global _WORKER_ANALYZER
        _WORKER_ANALYZER = self
        with multiprocessing.get_context("fork").Pool(n_process) as pool:
            # A bounded window of batches in flight keeps memory flat on endless streams.
            while window := list(islice(batches, n_process * 4)):
                for results in pool.imap(_analyze_in_worker, window):
                    yield from results

    def _analyze_batch(self, batch: list[str]) -> list[Analysis]:
        for text in batch:
            if not isinstance(text, str):
                raise TypeError(f"analyze expects str, got {type(text).__name__}")
        clipped = [text[:MAX_CHARS] for text in batch]
        docs = list(self.lang.pipe(clipped, batch_size=len(batch)))
        probabilities = self.model.scorer.predict_proba([doc_features(d, t) for d, t in zip(docs, clipped)])
        return [self._result(text, doc, row) for text, doc, row in zip(batch, docs, probabilities)]

    def _result(self, text: str, doc: Doc, probabilities: np.ndarray) -> Analysis:
        if not text.strip():
            probabilities = np.zeros(len(LABELS))
        flags = probabilities >= self._thresholds
        patterns = {
            label: PatternScore(round(float(p), 4), bool(f)) for label, p, f in zip(LABELS, probabilities, flags)
        }
        flagged = {label for label, f in zip(LABELS, flags) if f}
        cues, positives = [], []
        negative_ranges = []
        for span in doc.spans[CUES_KEY]:
            label = span.label_
            if label in LABELS:
                negative_ranges.append((span.start_char, span.end_char))
                if label in flagged:
                    cues.append(Cue(span.start_char, span.end_char, span.text, label, span.id_))
        for span in doc.spans[CUES_KEY]:
            if span.label_ not in LABELS and not any(
                start <= span.start_char and span.end_char <= end for start, end in negative_ranges
            ):
                positives.append(Positive(span.start_char, span.end_char, span.text, span.label_))
        return Analysis(
            text=text,
            patterns=patterns,
            cues=tuple(_longest_first(cues)),
            positives=tuple(_longest_first(positives)),
            truncated=len(text) > MAX_CHARS,
        )


_WORKER_ANALYZER: Analyzer | None = None  # set in the parent right before forking workers


def _analyze_in_worker(batch: list[str]) -> list[Analysis]:
    return _WORKER_ANALYZER._analyze_batch(batch)


def _batches(texts: Iterable[str], size: int) -> Iterator[list[str]]:
    iterator = iter(texts)
    while batch := list(islice(iterator, size)):
        yield batch


def _longest_first(spans):
    """Drop spans nested inside a longer span of the same kind; keep text order."""
    spans = sorted(spans, key=lambda s: (s.start, -(s.end - s.start)))
    kept = []
    for span in spans:
        kind = getattr(span, "pattern", None) or getattr(span, "kind", None)
        if any(
            k.start <= span.start and span.end <= k.end and (getattr(k, "pattern", None) or getattr(k, "kind", None)) == kind
            for k in kept
        ):
            continue
        kept.append(span)
    return kept


def load(path: str | Path | None = None) -> Analyzer:
    """An Analyzer for the model at ``path``, or the built-in default model."""
    model = load_default_model() if path is None else load_model(path)
    return Analyzer(model)
