"""The analyzer: text -> spaCy Doc -> feature tokens -> calibrated scores -> Analysis."""

from __future__ import annotations

import copy
import gc
import multiprocessing
import re
import signal
from collections import deque
from dataclasses import replace
from functools import cache
from itertools import chain, islice
from multiprocessing.pool import AsyncResult
from operator import attrgetter
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, NamedTuple

import numpy as np
from spacy.language import Language

from nlp.context import CONTEXT_CUE_RULE, CURT_RULES, STONEWALLING, Previous, decide_in_context, reply_words
from nlp.features import context_features, message_features, message_word_ids
from nlp.labels import DEFAULT_SENSITIVITY, LABELS, OUTPUTS, SENSITIVITIES
from nlp.pipeline import build_pipeline, cue_matches
from nlp.pipeline.prose import has_prose, prose_view
from nlp.pipeline.segments import MessageView, SegmentReader
from nlp.results import Analysis, Cue, PatternScore
from nlp.scorer import decide
from nlp.store import Model, ModelMeta, ModelStore, load_model
from nlp.suggest import Advisor

# Length policy: only the first MAX_CHARS characters of a message are analysed
# (a chat bubble is rarely over 2,000); the result says ``truncated``. This keeps
# a pasted 1 MB document to a few milliseconds instead of seconds.
MAX_CHARS = 10_000

# Scores are shown with 4 decimals, so a pattern's score is one of 2 x 10,001
# (value, flagged) pairs. One shared PatternScore per pair, picked for a whole
# batch by one numpy indexing, is cheaper than rounding and building four per
# message, and a batch sent from a worker process pickles each of them once.
SCORE_DECIMALS = 4

# Half of a UTF-16 pair without the other half: legal in a Python str (a JSON
# "\ud83d" escape makes one), not encodable as UTF-8. Analysed as U+FFFD.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


@cache
def _pattern_score_table() -> np.ndarray:
    """The PatternScore of each (score step, flagged) pair, at index ``2 * step + flagged``."""
    steps = 10**SCORE_DECIMALS
    table = np.empty(2 * (steps + 1), dtype=object)
    table[:] = [PatternScore(step / steps, flagged) for step in range(steps + 1) for flagged in (False, True)]
    return table


# The flagged patterns of a message, by the bit mask of its row of flags.
_LABEL_BITS = 1 << np.arange(len(LABELS))
_FLAGGED_SETS = [
    frozenset(label for bit, label in enumerate(LABELS) if mask >> bit & 1) for mask in range(1 << len(LABELS))
]

_BY_PATTERN = attrgetter("pattern")
_BY_KIND = attrgetter("kind")


class Analyzer:
    """Scores messages with one model; build it with ``nlp.load()``."""

    def __init__(self, model: Model, lang: Language | None = None, sensitivity: str = DEFAULT_SENSITIVITY):
        self.model = model
        self.lang = lang if lang is not None else build_pipeline()
        self.sensitivity = sensitivity
        self._thresholds = model.operating_points[sensitivity]
        # Messages are read in segments of many per Doc, cues as plain values
        # (``CueRuler.find_each``): Spans in ``doc.spans`` would only be built to be
        # taken apart again.
        self._reader = SegmentReader(self.lang)
        # A rewrite must pass at the most sensitive level, whatever level flagged the original.
        self.advisor = Advisor(self.lang, model.scorer, model.operating_points[SENSITIVITIES[-1]])

    def at(self, sensitivity: str) -> "Analyzer":
        """This analyzer at another sensitivity level; pipeline, caches and advisor are shared."""
        if sensitivity not in SENSITIVITIES:
            raise ValueError(f"unknown sensitivity {sensitivity!r}; use one of {', '.join(SENSITIVITIES)}")
        other = copy.copy(self)
        other.sensitivity, other._thresholds = sensitivity, self.model.operating_points[sensitivity]
        return other

    @property
    def meta(self) -> ModelMeta | None:
        return self.model.meta

    @property
    def thresholds(self) -> np.ndarray:
        """This sensitivity's thresholds over ``OUTPUTS`` (see ``nlp.scorer.decide``)."""
        return self._thresholds

    def scores(self, texts: Iterable[str], batch_size: int = 1000) -> np.ndarray:
        """Calibrated scores over ``OUTPUTS`` (the patterns, then "any"), one row per text.

        The same path as ``analyze_many`` without building results: evaluation,
        retraining and the labelling queue measure models with it.
        """
        scored = [self._read_and_score(batch).probabilities for batch in _batches(texts, batch_size)]
        return np.vstack(scored) if scored else np.empty((0, len(OUTPUTS)))

    def analyze(self, text: str, previous: Previous | None = None) -> Analysis:
        """Analyse one message; ``previous`` is the other person's message it answers, when known.

        With ``previous``, stonewalling is judged as an answer to it
        (``nlp.context``): a short reply to a calm message is not flagged for it,
        a curt one right after a heated message is. Scores are the message's own
        either way.
        """
        if previous is None:
            return next(self.analyze_many([text]))
        batch = [text]
        messages, probabilities, model_inputs = self._read_and_score(batch)
        (message,) = messages
        own = decide(probabilities, self._thresholds)
        flags = own.copy()
        words = reply_words(message.text)
        rules = {cue.rule for cue in message.cues}
        flags[0] = decide_in_context(own[0].tolist(), probabilities[0].tolist(), words, rules, previous)
        (analysis,) = _assemble(batch, self._build(batch, messages, probabilities, flags, suggest=True, model_inputs=model_inputs))
        if flags[0, STONEWALLING] and not own[0, STONEWALLING]:
            added = tuple(
                Cue(cue.start_char, cue.end_char, message.text[cue.start_char : cue.end_char], "stonewalling", CONTEXT_CUE_RULE)
                for cue in message.cues
                if cue.rule in CURT_RULES
            )
            analysis = replace(analysis, cues=tuple(sorted(analysis.cues + added, key=attrgetter("start"))))
        return analysis

    def analyze_as_flagged(self, text: str, flagged: Iterable[str]) -> Analysis:
        """``text`` analysed as if exactly ``flagged`` (strongest first) had been flagged, with the rewrite for them.

        Golden and review files record the flags a message had when it was
        chosen; replaying them keeps their rows judging the rewrite rules after
        the model is retrained.
        """
        analysis = self.analyze(text)
        ranked = {pattern: 0.9 - 0.1 * rank for rank, pattern in enumerate(flagged)}
        patterns = {name: PatternScore(ranked.get(name, 0.0), name in ranked) for name in analysis.patterns}
        recorded = replace(analysis, patterns=patterns)
        doc = self.lang(text)
        return replace(recorded, rewrite=self.advisor.rewrite(recorded, doc, cue_matches(doc)))

    def analyze_many(
        self,
        texts: Iterable[str],
        batch_size: int = 1000,
        n_process: int = 1,
        suggest: bool = True,
        convert: Callable[[Analysis], Any] | None = None,
    ) -> Iterator[Any]:
        """Analyse messages lazily, in order; memory stays flat for any input length.

        ``n_process > 1`` scores batches in forked worker processes (each with a
        copy-on-write view of this analyzer), which is how a 2-core machine gets
        close to twice the throughput on long exports. ``suggest=False`` skips
        model evidence, rewrites and antidotes (scores, rule cues and positives
        only), for bulk statistics where nobody reads the advice.

        ``convert``, when given, is applied to each Analysis where it is made and
        its result is yielded instead: in a worker process, so only what the
        caller needs is sent back (a chat export keeps a CSV row, not the object).
        """
        batches = _batches(texts, batch_size)
        if n_process > 1 and "fork" in multiprocessing.get_all_start_methods():
            head = list(islice(batches, 2))
            batches = chain(head, batches)
            if len(head) == 2:  # a single batch is not worth starting processes for
                yield from self._analyze_in_pool(batches, n_process, suggest, convert)
                return
        for batch in batches:
            yield from self._analyze_batch(batch, suggest, convert)

    def _analyze_in_pool(
        self, batches: Iterator[list[str]], n_process: int, suggest: bool, convert: Callable[[Analysis], Any] | None
    ) -> Iterator[Any]:
        global _WORKER_ANALYZER, _WORKER_CONVERT
        _WORKER_ANALYZER, _WORKER_CONVERT = self, convert  # inherited by the forked workers, never pickled
        self.model.scorer.ngrams  # built here once, rather than in every worker
        with multiprocessing.get_context("fork").Pool(n_process, initializer=_start_worker) as pool:
            # Keep a few batches in flight: workers score the next ones while the
            # caller consumes this one, and memory stays flat on endless streams.
            in_flight: deque = deque()
            for batch in batches:
                in_flight.append((batch, pool.apply_async(_analyze_in_worker, ((batch, suggest),))))
                if len(in_flight) > n_process * 2:
                    yield from self._finish(*in_flight.popleft(), convert)
            while in_flight:
                yield from self._finish(*in_flight.popleft(), convert)

    def _finish(self, batch: list[str], pending: AsyncResult, convert: Callable[[Analysis], Any] | None) -> list:
        """A worker's answer for ``batch``: converted results as they are, scored messages assembled here."""
        answer = pending.get()
        return answer if convert is not None else _assemble(batch, answer)

    def _analyze_batch(self, batch: list[str], suggest: bool = True, convert=None) -> list:
        results = _assemble(batch, self._score_batch(batch, suggest))
        return results if convert is None else list(map(convert, results))

    def _read_and_score(self, batch: list[str]) -> "_Scored":
        """Each message read (norms, cues) and its calibrated scores over ``OUTPUTS``."""
        for text in batch:
            if not isinstance(text, str):
                raise TypeError(f"analyze expects str, got {type(text).__name__}")
        clipped = [prose_view(text[:MAX_CHARS]) for text in batch]
        try:
            messages = self._reader.read(clipped)
        except UnicodeEncodeError:  # a lone UTF-16 surrogate, which spaCy cannot encode; offsets stay put
            messages = self._reader.read([_LONE_SURROGATE.sub("\ufffd", text) for text in clipped])
        probabilities, model_inputs = self._probabilities(messages)
        blank = np.array([not has_prose(text) for text in clipped])
        probabilities[blank] = 0.0  # no words of one's own (blank, emoji, numbers, a link): nothing to flag
        return _Scored(messages, probabilities, model_inputs)

    def _score_batch(self, batch: list[str], suggest: bool) -> ScoredBatch:
        messages, probabilities, model_inputs = self._read_and_score(batch)
        return self._build(batch, messages, probabilities, decide(probabilities, self._thresholds), suggest, model_inputs)

    def _build(
        self,
        batch: list[str],
        messages: list[MessageView],
        probabilities: np.ndarray,
        flags: np.ndarray,
        suggest: bool,
        model_inputs: list[ModelInput] | None = None,
    ) -> ScoredBatch:
        steps = np.rint(probabilities[:, : len(LABELS)] * 10**SCORE_DECIMALS).astype(np.int16)
        score_ids = 2 * steps + flags
        scores = _pattern_score_table()[score_ids].tolist()
        flagged = [_FLAGGED_SETS[mask] for mask in (flags @ _LABEL_BITS).tolist()]
        rows = zip(batch, messages, scores, flagged, model_inputs or [None] * len(batch))
        built = {}
        for i, row in enumerate(rows):
            analysis = self._result(*row, suggest=suggest)
            if analysis is not None:
                built[i] = analysis
        return ScoredBatch(score_ids, built)

    def _probabilities(self, messages: list[MessageView]) -> tuple[np.ndarray, list[ModelInput] | None]:
        """Calibrated scores, one row per message, and for one message alone what the model read of it.

        A batch is scored from its words' ids (``LinearScorer.predict_proba_ids``),
        which spreads numpy's cost per call over the batch; one message alone
        (``analyze``) is scored from its feature strings in plain Python, about
        100 us sooner. Both give the same scores (a test pins it). That message's feature tokens and
        weights are kept: if it is flagged, its advice explains the score from them.
        """
        scorer = self.model.scorer
        if len(messages) == 1:
            (message,) = messages
            features = message_features(message.norms, message.text, message.cues)
            weights = scorer.message_weights(features)
            return scorer.message_proba(weights)[np.newaxis, :], [ModelInput(features, weights)]
        word_ids = [message_word_ids(m.norm_ids, m.norms, m.text) for m in messages]
        others = [context_features(m.norms, len(ids), m.text, m.cues) for m, ids in zip(messages, word_ids)]
        return scorer.predict_proba_ids(word_ids, others), None

    def _result(
        self,
        text: str,
        message: MessageView,
        scores: list[PatternScore],
        flagged: frozenset[str],
        model_input: ModelInput | None,
        suggest: bool,
    ) -> Analysis | None:
        """The Analysis of one message, or None when its scores are all it has."""
        clipped, cues = message.text, message.cues
        truncated = len(text) > MAX_CHARS
        advise = suggest and bool(flagged)
        if not (cues or truncated or advise):  # most messages
            return None
        rule_cues = [
            Cue(cue.start_char, cue.end_char, clipped[cue.start_char : cue.end_char], cue.label, cue.rule)
            for cue in cues
            if cue.label in flagged
        ]
        positives = self.advisor.positives(message, flagged | self._over_own_threshold(scores)) if cues else []
        if not (rule_cues or positives or truncated or advise):
            return None
        analysis = Analysis(
            text=text,
            patterns=dict(zip(LABELS, scores)),
            cues=_longest_first(rule_cues, _BY_PATTERN),
            positives=_longest_first(positives, _BY_KIND),
            truncated=truncated,
        )
        if not advise:
            return analysis
        if model_input is None:
            model_input = ModelInput(message_features(message.norms, clipped, cues), None)
        advised = self.advisor.advise(analysis, self._reader.own_doc(message), clipped, cues, *model_input)
        if clipped == text[: len(clipped)]:
            return advised
        # Read with a lone surrogate as U+FFFD, or non-prose blanked: a highlight shows the message's own characters.
        return replace(advised, cues=tuple(replace(cue, text=text[cue.start : cue.end]) for cue in advised.cues))

    def _over_own_threshold(self, scores: list[PatternScore]) -> frozenset[str]:
        """Patterns whose score clears their threshold, gate or not: a move they may sour is not praised.

        The "any pattern" gate keeps a flag back to spare a person a false alarm;
        praising "it's fine. everything's fine. night." as reassurance would be the
        opposite mistake.
        """
        return frozenset(label for label, score, cut in zip(LABELS, scores, self.thresholds) if score.score >= cut)


class ModelInput(NamedTuple):
    """What the model read of one message: its feature tokens and their tf-idf weights (None: not worked out)."""

    features: list[str]
    weights: dict[int, float] | None


class _Scored(NamedTuple):
    """A batch read and scored; ``model_inputs`` only for a message scored alone (``Analyzer._probabilities``)."""

    messages: list[MessageView]
    probabilities: np.ndarray
    model_inputs: list[ModelInput] | None


class ScoredBatch(NamedTuple):
    """A batch as a worker sends it back: small to pickle, since most messages have nothing but scores.

    ``score_ids`` index ``_pattern_score_table()``, one row per message; ``built``
    holds the Analysis of each message (by position) that has more than scores:
    cues, positives, advice or a truncation.
    """

    score_ids: np.ndarray
    built: dict[int, Analysis]


def _assemble(batch: list[str], scored: ScoredBatch) -> list[Analysis]:
    """Each message's Analysis: the one built with it, or one made here from its text and scores."""
    built = scored.built
    scores = _pattern_score_table()[scored.score_ids].tolist()
    return [
        built[i] if i in built else Analysis(text, dict(zip(LABELS, row)))
        for i, (text, row) in enumerate(zip(batch, scores))
    ]


# Set in the parent right before forking workers.
_WORKER_ANALYZER: Analyzer | None = None
_WORKER_CONVERT: Callable[[Analysis], Any] | None = None


# A batch keeps a few thousand container objects alive until it is sent back, and
# scoring leaves no reference cycles behind (a test pins it). At Python's default
# threshold the collector walked each batch's live objects about ten times, for no
# garbage: 4-10% of a worker's time. Workers collect only when this many more
# container objects are alive than after the last collection, which garbage cycles
# made by a caller's ``convert`` would still bring about.
WORKER_GC_THRESHOLD = 50_000


def _start_worker() -> None:
    # The pool ends its workers with SIGTERM: whatever handler the parent set for
    # its own cleanup, a worker has nothing to clean up and stops at once.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    # What the worker inherited (the model, the pipeline) lives as long as it does:
    # frozen, the collector neither walks it nor touches its copy-on-write pages.
    gc.freeze()
    gc.set_threshold(WORKER_GC_THRESHOLD)


def _analyze_in_worker(job: tuple[list[str], bool]) -> list | ScoredBatch:
    batch, suggest = job
    if _WORKER_CONVERT is not None:
        return _WORKER_ANALYZER._analyze_batch(batch, suggest, _WORKER_CONVERT)
    return _WORKER_ANALYZER._score_batch(batch, suggest)


def _batches(texts: Iterable[str], size: int) -> Iterator[list[str]]:
    iterator = iter(texts)
    while batch := list(islice(iterator, size)):
        yield batch


def _longest_first(spans: list, kind_of) -> tuple:
    """Drop spans nested inside a longer span of the same kind; keep text order."""
    if len(spans) < 2:
        return tuple(spans)
    kept = []
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        kind = kind_of(span)
        if not any(k.start <= span.start and span.end <= k.end and kind_of(k) == kind for k in kept):
            kept.append(span)
    return tuple(kept)


def load(
    path: str | Path | None = None, *, store: ModelStore | None = None, sensitivity: str = DEFAULT_SENSITIVITY
) -> Analyzer:
    """An Analyzer for the model at ``path``, or the model in use in ``store`` (the environment's model home).

    ``sensitivity`` is one of ``SENSITIVITIES``: how readily messages are
    flagged (each level is an operating point measured on real text). Never
    trains: see ``nlp.build_default_model`` for a fresh install.
    """
    model = load_model(path) if path is not None else (store or ModelStore.from_environment()).load()
    return Analyzer(model).at(sensitivity)


def freeze_for_long_life() -> None:
    """For a long-lived process that holds an analyzer (a server): stop the GC walking its objects.

    The model's many small objects (vocabulary, pattern tables) live as long as
    the process; frozen, they are no longer walked by every full garbage
    collection, which otherwise shows up as the p99 latency of ``analyze``.
    """
    gc.collect()
    gc.freeze()
