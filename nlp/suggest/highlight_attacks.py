"""A global attack the model's words miss: shown as its pattern's evidence instead of them.

A reader who did not write the rules marked highlights of harmless words ("the post
ofice", "45 mins late") while the message's jab went unmarked: a name called at the
end ("got it duffer"), a mock title ("your majesty"), or a charge against the whole
person ("u have no sense of time", "You're only interested in being the fun
parent"); in a defence, the counter-attack ("but you forgot my birthday") was missed
for the aside after it ("I didn't make a fuss about it"), and the excuse ("I wasn't going
to argue with a five year old") for the fact it excuses. Where a flagged pattern has
no rule cue and its model's words miss such an attack, the attack is the stronger
evidence: it is shown, as its clause, in place of those words. A verdict on the
partner ("You are so wasteful") is the attack whatever else is shown: an entry marked
``"beside": true`` is shown next to the pattern's other highlights, rule cues too
("you've eaten lunch out every day this week" is the behaviour it is about). The attacks are spaCy ``Matcher`` patterns, one per line with the
pattern they mark, in ``resources/suggest/highlight_attacks.jsonl``.

Presentation only: nothing here feeds the model, and only a flagged pattern is shown.
"""

from __future__ import annotations

from pathlib import Path

import srsly
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from nlp.results import Cue
from nlp.suggest.evidence import MESSAGE_RULE, PHRASE_RULE, WORDS_RULE
from nlp.suggest.matcher_gate import MatcherGate

HIGHLIGHT_ATTACKS_PATH = Path(__file__).resolve().parent.parent / "resources" / "suggest" / "highlight_attacks.jsonl"
ATTACK_RULE = "highlight.attack"  # shown as its clause, as model words are (``ClauseGrower``)


class AttackMarkers:
    def __init__(self, vocab: Vocab, path: Path = HIGHLIGHT_ATTACKS_PATH):
        self.matcher = Matcher(vocab)
        patterns = []
        self.labels: dict[int, tuple[str, bool]] = {}  # match id -> pattern and whether it is shown beside rule cues
        for entry in srsly.read_jsonl(path):
            key = entry["label"] + (":beside" if entry.get("beside") else "")
            self.matcher.add(key, [entry["pattern"]])
            self.labels[vocab.strings[key]] = (entry["label"], bool(entry.get("beside")))
            patterns.append(entry["pattern"])
        self.gate = MatcherGate("LOWER", patterns, vocab)  # most messages skip the matcher

    def instead_of_model_words(self, doc: Doc, text: str, cues: list[Cue], flagged: tuple[str, ...] | list[str]) -> list[Cue]:
        """``cues`` where each flagged pattern shown only by model words shows the attacks of it they miss instead,
        and with the flagged patterns' verdicts on the partner (entries ``"beside"``) they miss.

        An attack inside another pattern's cue is that cue's (it is shown already).
        """
        if not cues or not self.gate.could_match(self.gate.words_of(doc)):
            return cues
        attacks: dict[str, list[Cue]] = {}
        beside: list[Cue] = []
        replaced: list[Cue] = []  # model words a verdict beside them is shown as
        for label, start, end in self.matcher(doc):
            pattern, shown_beside = self.labels[label]
            low, high = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
            overlapped = [c for c in cues if c.start < high and low < c.end]
            if pattern not in flagged or any(not (shown_beside and _model_words_of(c, pattern)) for c in overlapped):
                continue  # another cue's words; a verdict takes over model words of its pattern in it ("i'm allowed to")
            attack = Cue(low, high, text[low:high], pattern, ATTACK_RULE)
            (beside if shown_beside else attacks.setdefault(pattern, [])).append(attack)
            replaced.extend(overlapped)
        result = [c for c in cues if not any(c is r for r in replaced)]
        for pattern, found in attacks.items():
            own = [c for c in result if c.pattern == pattern]
            if any(c.rule not in (WORDS_RULE, PHRASE_RULE, MESSAGE_RULE) for c in own):
                continue  # a rule cue explains the flag; the model's words beside it stay as they are
            result = [c for c in result if c.pattern != pattern] + found
        return result + beside


def _model_words_of(cue: Cue, pattern: str) -> bool:
    return cue.pattern == pattern and cue.rule in (WORDS_RULE, PHRASE_RULE)
