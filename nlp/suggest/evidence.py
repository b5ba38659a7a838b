"""What in the message moved the model: the words worth highlighting next to the rule cues.

The scorer is linear in the tf-idf weights of its feature tokens, so each word's
and word pair's part in a label's decision is exactly its tf-idf weight times the
label's coefficient. A person reads a highlight as "this word is the problem",
so a word the model leans on is shown (as ``model.words`` evidence) only when it
carries the pattern:

- it is one of the pattern's markers: seen in enough training messages that show
  the pattern, far more often than in harmless ones, and not common in those
  ("pick", "help", "honestly" are common; rare words such as "daycare" only sat
  in a few messages). ``nlp.training.evidence_words`` counts them;
- it holds a large enough share of everything that pushed the label up
  (``MIN_SHARE``), so a flag the rule cues explain is not decorated with words
  that barely moved it;
- it is not the topic ("the dishes", "the kids", "the rent"): the topic is what
  a rewrite keeps, not what went wrong; nor a function word, punctuation or a
  filler ("the one who", "yes I", "first place" say nothing alone).

Word pairs count on the same terms ("not discussing", "care about"), and a
word or pair is shown with its neighbours when they are a marker together
("supposed to", "wasting my breath"): a phrase explains more than a lone word.
A word next to a rule cue reads as part of it (highlights join them:
``nlp.results``); a rule cue of only fillers ("everyone else") gives way to the
pattern's other highlights. A flag that no rule cue and no marker explains still
points at something: its strongest telling word or pair, else the whole message.
A word that is only part of the phrase carrying its pattern is then shown as that
phrase (``nlp.suggest.highlight_phrases``).

The same arithmetic scores one short message directly, which is how rewrites
are checked against the model without the batch scorer's overhead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from spacy.attrs import IDX, IS_SPACE, LENGTH, NORM
from spacy.tokens import Doc

from nlp.features import QUOTE_MARKS, is_punctuation
from nlp.results import Cue
from nlp.scorer import LinearScorer, decide

WORDS_RULE = "model.words"
PHRASE_RULE = "model.phrase"  # a model word grown to the phrase it belongs to (``nlp.suggest.highlight_phrases``)
MESSAGE_RULE = "model.message"
# A marker is evidence when it holds at least this share of the positive part of
# a label's decision (cues, words, pairs and shape signals together).
MIN_SHARE = 0.06
# At most this many distinct words or pairs per flagged pattern: enough to say
# why, few enough that a highlight still means something.
MAX_PHRASES = 3
# A word grows into its phrase by at most this many words on each side ("was i supposed to").
MAX_GROWTH = 2
WORD_KIND_CACHE_SIZE = 65536  # distinct words whose ``_word_kind`` is remembered


@dataclass(frozen=True)
class WordLists:
    """What evidence may show, from the suggestion resources."""

    function_words: frozenset[str] = frozenset()  # "your" or "to" can tip the model but explain nothing
    fillers: frozenset[str] = frozenset()  # "the one", "yes I", "everyone else": content-looking words that say nothing alone
    topics: frozenset[str] = frozenset()  # what the message is about: what a rewrite keeps
    markers: dict[str, frozenset[str]] = field(default_factory=dict)  # pattern -> its marker words and pairs
    never_last: frozenset[str] = frozenset()  # a highlight does not end on "the" or "with" ("argue with" -> "argue")


@dataclass(frozen=True)
class LabelParts:
    """Each feature column's part (tf-idf weight x coefficient) in one label's decision for one message."""

    label: str
    part_of: dict[int, float]  # feature column -> its part
    pushed: float  # the sum of the positive parts: everything that pushed the label up


@dataclass(frozen=True)
class MessageParts:
    """One flagged message as the model read it: its words and each flagged label's parts."""

    words: list[tuple[int, str]]  # the model words with their token indices (``_model_words``)
    telling: list[bool]  # per word: it can say something alone (``ModelEvidence._telling``)
    plain: list[bool]  # per word: neither punctuation nor the topic, so it may be part of a pair
    labels: list[LabelParts]
    # Looked up once for every label: each word's feature column, and each pair of neighbouring words' (None: unknown).
    word_columns: list[int | None]
    pair_columns: list[int | None]
    bounds: list[tuple[int, int]]  # every token's (start, end) characters


@dataclass(frozen=True)
class _Phrase:
    """A word or a pair of neighbouring words of the message, with its part in one label's decision."""

    token: str
    positions: tuple[int, ...]  # token indices of every occurrence
    value: float
    marker: bool


class ModelEvidence:
    def __init__(self, scorer: LinearScorer, thresholds: np.ndarray, lists: WordLists = WordLists()):
        self.scorer = scorer
        self.vocabulary = scorer.vocabulary
        self.coef = scorer.coef
        self.thresholds = thresholds
        self.lists = lists
        self._say_nothing_alone = lists.function_words | lists.fillers | lists.topics
        self._kind_of = lru_cache(maxsize=WORD_KIND_CACHE_SIZE)(self._word_kind)

    def flags(self, features: list[str]) -> np.ndarray:
        """Which patterns the model would flag for these feature tokens (the Analyzer's own rule)."""
        probabilities = self.scorer.message_proba(self.scorer.message_weights(features))
        return decide(probabilities[np.newaxis, :], self.thresholds)[0]

    def message_parts(
        self, doc: Doc, features: list[str], labels: list[tuple[int, str]], weights: dict[int, float] | None = None
    ) -> MessageParts:
        """What the model saw in one flagged message; ``spans`` and ``token_shares`` both read it, so it is computed once.

        ``weights`` are ``features``' tf-idf weights when the caller scored the message from them already.
        """
        if weights is None:
            weights = self.scorer.message_weights(features)
        columns = list(weights)
        values = np.fromiter(weights.values(), dtype=np.float64, count=len(weights))
        parts = values[:, np.newaxis] * self.coef[columns][:, [i for i, _ in labels]]
        labels_parts = []
        for (_, label), column_parts in zip(labels, parts.T.tolist()):
            pushed = sum(part for part in column_parts if part > 0)
            labels_parts.append(LabelParts(label, dict(zip(columns, column_parts)), pushed))
        words = _model_words(doc)
        kinds = [self._kind_of(word) for _, word in words]
        telling = [alone for alone, _ in kinds]
        plain = [in_pairs for _, in_pairs in kinds]
        lookup = self.vocabulary.get
        word_columns = [lookup(word) for _, word in words]
        pair_columns = [lookup(f"{first} {second}") for (_, first), (_, second) in zip(words, words[1:])]
        bounds = [(start, start + length) for start, length in doc.to_array([IDX, LENGTH]).tolist()]
        return MessageParts(words, telling, plain, labels_parts, word_columns, pair_columns, bounds)

    def spans(
        self, doc: Doc, text: str, message: MessageParts, cues: list[Cue], incidental: list[tuple[str, int, int]] = ()
    ) -> list[Cue]:
        """The words that carry each flagged label, as character spans of ``text``; ``cues`` are the rule cues shown.

        ``incidental``: (pattern, start, end) contexts where that pattern's words are incidental
        (``IncidentalCues.contexts``); words there are shown only when their pattern has nothing else.
        """
        shown = [(c.start, c.end) for c in cues]
        found: list[Cue] = []
        for parts in message.labels:
            ruled = any(c.pattern == parts.label for c in cues)
            aside = [(start, end) for label, start, end in incidental if label == parts.label]
            spans = self._label_spans(doc, text, message, parts, shown, aside, ruled)
            if aside and not spans and not ruled:
                spans = self._label_spans(doc, text, message, parts, shown, [], ruled)
            found.extend(spans)
            shown.extend((span.start, span.end) for span in spans)  # the next pattern shows other words
        return found

    def _label_spans(
        self, doc: Doc, text: str, message: MessageParts, parts: LabelParts, shown: list[tuple[int, int]],
        aside: list[tuple[int, int]], ruled: bool,
    ) -> list[Cue]:
        """The spans of one label's words, leaving out words inside ``shown`` (another pattern's) or ``aside``."""
        words = message.words
        label, pushed = parts.label, parts.pushed
        markers = self.lists.markers.get(label, frozenset())
        phrases = self._phrases(message, parts.part_of, markers)
        # Words another flagged pattern already shows are left to it.
        bounds = message.bounds
        free = [p for p in phrases if not any(_inside(bounds[i], shown) or _inside(bounds[i], aside) for i in p.positions)]
        chosen = [p for p in free if p.marker and p.value >= MIN_SHARE * pushed][:MAX_PHRASES]
        if not chosen and not ruled:
            chosen = sorted(free, key=lambda p: (not p.marker, -p.value))[:1]
        positions = {i for phrase in chosen for i in self._with_neighbours(phrase, words, markers)}
        spans = self._spans(doc, text, [i for i in positions if not _inside(bounds[i], shown)], label)
        if not spans and not ruled and not aside:
            spans = _shared(bounds, text, phrases, shown, label) or [Cue(0, len(text), text, label, MESSAGE_RULE)]
        return spans

    def token_shares(self, doc: Doc, message: MessageParts) -> dict[str, list[float]]:
        """Each token's part in each flagged label's decision, as a share of everything that pushed the label up.

        A clause's share (the sum over its tokens) says which pattern it explains
        best. A word pair's part is split between its two words; cues and shape
        signals belong to no token.
        """
        positions = [i for i, _ in message.words]
        pairs = list(zip(positions, positions[1:], message.pair_columns))
        shares: dict[str, list[float]] = {}
        for parts in message.labels:
            part_of = parts.part_of
            per_token = [0.0] * len(doc)
            for i, column in zip(positions, message.word_columns):
                per_token[i] += part_of.get(column, 0.0)
            for i, j, column in pairs:
                pair = part_of.get(column, 0.0) / 2
                per_token[i] += pair
                per_token[j] += pair
            shares[parts.label] = [part / parts.pushed for part in per_token] if parts.pushed > 0 else per_token
        return shares

    def worth_showing(self, doc: Doc, cues: list[Cue]) -> list[Cue]:
        """``cues`` without those made only of fillers ("everyone else") where their pattern has another.

        A rule can fire on words that point at the problem without being it
        ("everyone else" in "now everyone else has to scramble"); the highlight then
        shows the words that are, and a pattern never loses its last one.
        """
        strings = doc.vocab.strings  # every token read once for every cue
        tokens = [(start, start + length, strings[norm]) for start, length, norm in doc.to_array([IDX, LENGTH, NORM]).tolist()]
        empty = {
            id(cue)
            for cue in cues
            if all(self._filler(norm) for start, end, norm in tokens if cue.start <= start and end <= cue.end)
        }
        kept = {cue.pattern for cue in cues if id(cue) not in empty}
        return [cue for cue in cues if id(cue) not in empty or cue.pattern not in kept]

    def _phrases(self, message: MessageParts, part_of: dict[int, float], markers: frozenset[str]) -> list[_Phrase]:
        """Every telling word and word pair that pushed the label up, strongest first; each token once."""
        found: dict[str, _Phrase] = {}

        def add(token: str, column: int | None, positions: tuple[int, ...]) -> None:
            value = part_of.get(column, 0.0)
            if value > 0:
                earlier = found[token].positions if token in found else ()
                found[token] = _Phrase(token, earlier + positions, value, token in markers)

        words, telling, plain = message.words, message.telling, message.plain
        for (i, word), word_tells, column in zip(words, telling, message.word_columns):
            if word_tells:
                add(word, column, (i,))
        for k, column in enumerate(message.pair_columns):
            # A pair can be evidence alone when it holds a telling word, and no punctuation or topic.
            if plain[k] and plain[k + 1] and (telling[k] or telling[k + 1]):
                (i, first), (j, second) = words[k], words[k + 1]
                add(f"{first} {second}", column, (i, j))
        return sorted(found.values(), key=lambda p: -p.value)

    def _with_neighbours(self, phrase: _Phrase, words: list[tuple[int, str]], markers: frozenset[str]) -> list[int]:
        """A phrase's token positions, grown over neighbours its ends form marker pairs with, a few each side.

        A word or pair next to the rest of its phrase reads better whole: "supposed" as
        "was i supposed to", "my breath" as "wasting my breath".
        """
        order = {i: k for k, (i, _) in enumerate(words)}
        size = phrase.token.count(" ") + 1
        positions = []
        for at in range(0, len(phrase.positions), size):
            first, last = order[phrase.positions[at]], order[phrase.positions[at + size - 1]]
            start, end = first, last
            while start > 0 and first - start < MAX_GROWTH and self._marker_pair(words[start - 1][1], words[start][1], markers):
                start -= 1
            while end + 1 < len(words) and end - last < MAX_GROWTH and self._marker_pair(words[end][1], words[end + 1][1], markers):
                end += 1
            positions.extend(index for index, _ in words[start : end + 1])
        return positions

    def _spans(self, doc: Doc, text: str, positions: list[int], label: str) -> list[Cue]:
        """One span per run of neighbouring tokens that holds a telling word ('not discussing', not a lone 'to').

        A run grows over tokens written together with its ends ("you" + "'re"),
        so a highlight never cuts a written word in two.
        """
        spans: list[Cue] = []
        norm = doc.vocab.strings.__getitem__
        for run in _runs(sorted(positions)):
            while len(run) > 1 and norm(doc[run[-1]].norm) in self.lists.never_last:
                run.pop()
            if not any(self._telling(norm(doc[i].norm)) for i in run):
                continue
            first, last = run[0], run[-1]
            while first > 0 and not doc[first - 1].whitespace_ and has_word_character(doc[first - 1].text):
                first -= 1
            while last + 1 < len(doc) and not doc[last].whitespace_ and has_word_character(doc[last + 1].text):
                last += 1
            start, end = doc[first].idx, doc[last].idx + len(doc[last].text)
            spans.append(Cue(start, end, text[start:end], label, WORDS_RULE))
        return spans

    def _word_kind(self, word: str) -> tuple[bool, bool]:
        """``_telling`` and ``_plain`` of ``word`` at once: every flagged message asks both of each word, and most
        words recur, so the answers are remembered (``_kind_of``)."""
        return self._telling(word), self._plain(word)

    def _telling(self, word: str) -> bool:
        """Whether ``word`` can say something alone: not a function word, a filler, punctuation or the topic."""
        return not (word in self._say_nothing_alone or is_punctuation(word))

    def _filler(self, word: str) -> bool:
        return word in self.lists.fillers or is_punctuation(word)

    def _marker_pair(self, first: str, second: str, markers: frozenset[str]) -> bool:
        """A pair a chosen word may grow over: a marker without punctuation or topic ("was i" in "was i supposed")."""
        return f"{first} {second}" in markers and self._plain(first, second)

    def _plain(self, *words: str) -> bool:
        return not any(is_punctuation(w) or w in self.lists.topics for w in words)


def _model_words(doc: Doc) -> list[tuple[int, str]]:
    """The words as the model reads them (no whitespace, no quotation marks), each with its token index."""
    strings = doc.vocab.strings
    return [
        (i, strings[norm])
        for i, (norm, is_space) in enumerate(doc.to_array([NORM, IS_SPACE]).tolist())
        if not is_space and strings[norm] not in QUOTE_MARKS
    ]


def _shared(bounds: list[tuple[int, int]], text: str, phrases: list[_Phrase], shown: list[tuple[int, int]], label: str) -> list[Cue]:
    """When the strongest words are another pattern's highlight: those same words, for this pattern too."""
    for phrase in phrases:
        for start, end in shown:
            if any(_inside(bounds[i], [(start, end)]) for i in phrase.positions):
                return [Cue(start, end, text[start:end], label, WORDS_RULE)]
    return []


def _runs(positions: list[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for i in positions:
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _inside(bounds: tuple[int, int], ranges) -> bool:
    """Whether a token's (start, end) characters lie within one of ``ranges``."""
    first, last = bounds
    return any(start <= first and last <= end for start, end in ranges)


def has_word_character(token_text: str) -> bool:
    return any(c.isalnum() for c in token_text)
