"""Suggestions for a flagged message: evidence, an I-statement rewrite, antidotes.

A flag alone tells a user something went wrong; this package says why (the words
that moved the model, next to the rule cues), how the same thing could be said
(a rewrite that keeps the topic but follows the pattern's antidote) and what to
practise (advice in the spirit of the seed article). The ``Advisor`` loads its
word lists and templates once and is then cheap enough to run on every flagged
message of a chat export.

Who is speaking decides the antidote (``voice``): a complaint is rewritten as
a gentle start-up, a writer defending themselves takes responsibility, a
withdrawal asks for a break that fits its situation. Rewrites are checked with
the very model that flagged the original, at its most sensitive level: a
rewrite the model would still flag, that still contains an absolute ("always",
"never") or an insult, or that reads wrong (``checks.text_problems``: a doubled
word, a dangling ending, a texting spelling) is never returned; the next,
plainer candidate is tried instead. Every pattern ends in generic candidates
that pass, so every flagged message gets a rewrite.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache, partial
from typing import Callable

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc

from nlp.features import doc_features
from nlp.labels import LABELS
from nlp.pipeline import CueMatch, find_cue_ruler
from nlp.pipeline.segments import MessageView
from nlp.results import Analysis, Antidote, Positive
from nlp.scorer import LinearScorer
from nlp.suggest.checks import text_problems
from nlp.suggest.evidence import MESSAGE_RULE, ModelEvidence, WordLists
from nlp.suggest.highlight_attacks import AttackMarkers
from nlp.suggest.highlight_clauses import ClauseGrower, ClauseWords
from nlp.suggest.highlight_incidental import IncidentalCues
from nlp.suggest.highlight_phrases import PhraseExtender
from nlp.suggest.lexicon import Lexicon, load_lexicon
from nlp.suggest.phrases import PhraseGrammar
from nlp.suggest.positives import PositiveFinder
from nlp.suggest.reading import Reader
from nlp.suggest.rewrite import Candidate, Rewriter
from nlp.suggest.voice import DEFLECTING, VENTING, VoiceReader

__all__ = ["Advisor"]

SENTENCE_END = re.compile(r"(?<=[.?!])\s+")
SAFETY_CACHE_SIZE = 4096  # distinct rewrites whose check is remembered; most are a few templates


class Advisor:
    def __init__(self, lang: Language, scorer: LinearScorer, thresholds: np.ndarray, lexicon: Lexicon | None = None):
        self.lang = lang
        self.lexicon = lexicon if lexicon is not None else load_lexicon()
        self.reader = Reader(self.lexicon)
        grammar = PhraseGrammar(self.lexicon)
        self.voices = VoiceReader(self.lexicon, grammar)
        self.rewriter = Rewriter(self.lexicon, grammar, self.voices)
        self.evidence = ModelEvidence(scorer, thresholds, evidence_word_lists(self.lexicon))
        self.phrases = PhraseExtender(
            lang.vocab, self.evidence.lists.never_last | frozenset(self.lexicon.words["phrase_never_ends_with"])
        )
        self.clauses = ClauseGrower(ClauseWords.load(), self.evidence.lists.topics)
        self.incidental = IncidentalCues(lang.vocab)
        self.attacks = AttackMarkers(lang.vocab)
        self.positive_finder = PositiveFinder(self.lexicon)
        self.antidotes = {
            pattern: tuple(Antidote(pattern, item["advice"], item["example"]) for item in items)
            for pattern, items in self.lexicon.antidotes.items()
            if pattern in LABELS
        }
        words = self.lexicon.words
        self.forbidden = frozenset(words["absolutes"])
        self.forbidden_cues = frozenset(words["forbidden_cue_patterns"])
        self.cut_at_patterns = frozenset(words["cut_at_cue_patterns"])
        self.cut_at_rules = frozenset(words["cut_at_cue_rules"])
        self._is_safe = lru_cache(maxsize=SAFETY_CACHE_SIZE)(self._check)
        self._cue_ruler = find_cue_ruler(lang)

    def positives(self, message: MessageView, flagged: frozenset[str]) -> list[Positive]:
        """Healthy moves worth praising; see ``positives.PositiveFinder`` for what is filtered out."""
        return self.positive_finder.find(message, flagged)

    def advise(
        self, analysis: Analysis, doc: Doc, text: str, cues: list[CueMatch], features: list[str], weights: dict[int, float] | None = None
    ) -> Analysis:
        """``analysis`` with model evidence, a rewrite and antidotes for each flagged pattern.

        ``doc`` was made from ``text`` (the analysed part of the message);
        ``cues`` and ``features`` are the ones the analyzer scored it with, and ``weights`` their tf-idf weights
        when the analyzer worked them out already.
        """
        flagged = analysis.flagged_patterns
        if not flagged:
            return analysis
        labels = [(LABELS.index(pattern), pattern) for pattern in flagged]
        parts = self.evidence.message_parts(doc, features, labels, weights)
        rule_cues = list(analysis.cues)
        incidental = self.incidental.contexts(doc)
        shown_cues = self.incidental.without(doc, rule_cues, incidental)
        evidence = self.evidence.spans(doc, text, parts, shown_cues, incidental)
        if len(shown_cues) < len(rule_cues) and any(c.rule == MESSAGE_RULE for c in evidence):
            shown_cues = rule_cues  # an incidental cue still says more than the whole message
            evidence = self.evidence.spans(doc, text, parts, shown_cues, incidental)
        worth_showing = self.attacks.instead_of_model_words(doc, text, self.evidence.worth_showing(doc, shown_cues + evidence), flagged)
        # Stable: where a rule cue and model evidence cover the same words, the rule cue comes first (and is highlighted).
        phrased = self.phrases.extend(doc, text, worth_showing)
        clauses = self.clauses.grow(doc, text, phrased, self.evidence.token_shares(doc, parts))
        shown = sorted(clauses, key=lambda c: (c.start, -(c.end - c.start)))
        return replace(
            analysis,
            cues=tuple(shown),
            rewrite=self.rewrite(analysis, doc, cues),
            antidotes=tuple(antidote for pattern in flagged for antidote in self.antidotes[pattern]),
        )

    def rewrite(self, analysis: Analysis, doc: Doc, cues: list[CueMatch]) -> str | None:
        """The first safe candidate for who is speaking, preferring any specific one to a generic one; where the writer
        also withdraws, followed by a break that fits (``_safe_form``).

        ``cues`` are all the rule cues of ``doc`` (``CueRuler.find``), not only those of flagged patterns.
        """
        flagged = sorted(analysis.flagged_patterns, key=lambda p: -analysis.patterns[p].score)
        if _unsure_defence_of_a_complaint(analysis, flagged):
            flagged.remove("defensiveness")
        message = self.reader.read(doc)
        rules = {c.rule for c in cues}
        voice = self.voices.read(message, rules, flagged)
        cut_ranges = [
            (c.start_char, c.end_char) for c in cues if c.label in self.cut_at_patterns or c.rule in self.cut_at_rules
        ]
        rewriter = self.rewriter
        cut_ranges += rewriter.not_the_topic(message)
        withdraws = "stonewalling" in flagged
        complaints = [p for p in flagged if p in ("criticism", "contempt")]
        # Each group of candidates is made only when the groups before it hold no safe specific one.
        makers: list[Callable[[], list[Candidate]]] = []
        if not complaints and "defensiveness" in flagged and not withdraws:
            complaints = ["criticism"]  # flagged as defensive, but the writer is complaining: say the complaint well
            if voice.stance != DEFLECTING:  # ... unless the message gives an everyday excuse: "My phone died. What do you want?"
                makers.append(partial(rewriter.known_excuses_of, message))
        if voice.stance == DEFLECTING:
            makers.append(partial(rewriter.defensiveness, message, voice, rules, cut_ranges))
        elif voice.stance == VENTING:
            makers.append(partial(rewriter.venting, message, cut_ranges))
        else:
            for pattern in complaints:
                if pattern == "criticism":
                    criticism_cues = [(c.start_char, c.end_char) for c in cues if c.label == "criticism"]
                    makers.append(partial(rewriter.criticism, message, criticism_cues, cut_ranges))
                else:
                    makers.append(partial(rewriter.contempt, message, rules, cut_ranges))
        pause = withdraws and bool(makers)  # the main rewrite, then a break that fits
        if not makers:
            makers.append(partial(rewriter.stonewalling, message, voice, cut_ranges))
        pause_sentence = rewriter.pause_sentence(message, voice) if pause else ""
        groups: list[list[Candidate]] = []
        for make in makers:
            groups.append(make())
            shown = self._first_safe(groups[-1:], pause_sentence, specific=True)
            if shown is not None:
                return shown
        return self._first_safe(groups, pause_sentence, specific=False)

    def _first_safe(self, groups: list[list[Candidate]], pause_sentence: str, specific: bool) -> str | None:
        """The first specific (or generic) candidate of ``groups`` that is safe, as it would be shown."""
        for group in groups:
            for text, is_specific in group:
                if bool(is_specific) == specific and (shown := self._safe_form(text, pause_sentence)) is not None:
                    return shown
        return None

    def _safe_form(self, candidate: str, pause_sentence: str) -> str | None:
        """``candidate`` as it would be shown, followed by ``pause_sentence`` if any and that is safe; None when unsafe.

        With a pause, the candidate's statements come first and the break is the request: a question asking to talk
        it through now would contradict it. The candidate alone is only checked when that fails.
        """
        if pause_sentence:
            statements = " ".join(s for s in SENTENCE_END.split(candidate) if not s.endswith("?"))
            said = statements or candidate
            with_pause = f"{said} {self.rewriter.unechoed_pause(said, pause_sentence)}"
            if self.is_safe(with_pause):
                return with_pause
        return candidate if self.is_safe(candidate) else None

    def is_safe(self, text: str) -> bool:
        """The model flags nothing, no insult or mockery cue fires, and no absolute is left.

        Template-only rewrites recur across a chat export, so answers are cached.
        """
        return self._is_safe(text)

    def _check(self, text: str) -> bool:
        if text_problems(text, self.lexicon):
            return False
        doc = self.lang(text, disable=[self._cue_ruler.name])
        cues = self._cue_ruler.find(doc)
        if any(cue.label in self.forbidden_cues for cue in cues):
            return False
        features = doc_features(doc, text, cues)
        if not self.forbidden.isdisjoint(features):  # single words, so only the word features can match
            return False
        return not self.evidence.flags(features).any()


def evidence_word_lists(lexicon: Lexicon) -> WordLists:
    """What evidence may show: each pattern's markers, minus function words and topics (the rewrites' and a few more)."""
    words = lexicon.words
    return WordLists(
        function_words=frozenset(words["not_evidence"]),
        fillers=frozenset(words["evidence_fillers"]),
        topics=frozenset(lexicon.category_of_topic) | frozenset(words["evidence_topics"]),
        markers=lexicon.evidence_markers,
        never_last=frozenset(words["evidence_never_ends_with"]),
    )


# Below even odds, the model is unsure the writer is defending themselves.
SURE_DEFENCE = 0.5


def _unsure_defence_of_a_complaint(analysis: Analysis, flagged: list[str]) -> bool:
    """Defensiveness flagged, but less likely than not, and criticism the stronger flag.

    "why is it always on me to remember everything" reads as a defence to the
    model only weakly; rewritten as one, a complainer would be made to apologise.
    """
    return (
        "defensiveness" in flagged
        and flagged[0] == "criticism"
        and analysis.patterns["defensiveness"].score < SURE_DEFENCE
    )
