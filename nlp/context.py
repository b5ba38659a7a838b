"""Replies in context: stonewalling is an answer, so what it answers decides it.

A single message is scored on its own words. A reply can be judged better:
"Not yet" after "Did you call the landlord?" is an answer, not a withdrawal,
while "ok." right after "You never help with anything" shuts the other person
out. Given the other person's previous message, ``decide_in_context`` moves the
stonewalling flag (never the scores, never the other patterns):

- after a calm message (no pattern flagged in it), a short reply is not flagged
  for stonewalling unless its own score is near certain;
- after a heated message (a pattern flagged in it), a curt acknowledgement
  ("ok.", "k.", a lone thumbs-up) is flagged as stonewalling.

Defensiveness is an answer too, but to a complaint, and a plain complaint is
not flagged: on the replies' training rows, dropping it after unflagged messages
lost more true flags than false ones, so its words alone decide it.

Only a message within ``WINDOW_MINUTES`` counts as what a reply answers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlp.labels import LABELS

STONEWALLING = LABELS.index("stonewalling")
CURT_RULES = frozenset({"curt.reply"})
WINDOW_MINUTES = 6 * 60
# A reply of at most this many words answers the question it follows rather than
# making a point of its own; past it, its own words decide.
SHORT_REPLY_WORDS = 8
# Above this score a short reply keeps its flag even after a calm message ("leave me alone").
CERTAIN = 0.9
# A curt acknowledgement has at most this many words ("ok.", "fine. whatever" is not curt, it refuses).
CURT_WORDS = 2
CONTEXT_CUE_RULE = "context.curt_after_conflict"
_WORD = re.compile(r"\w+")


def reply_words(text: str) -> int:
    """How many words a reply has, as ``SHORT_REPLY_WORDS`` and ``CURT_WORDS`` count them."""
    return len(_WORD.findall(text))


@dataclass(frozen=True)
class Previous:
    """The other person's message that a reply answers."""

    flagged: frozenset[str] = frozenset()  # the patterns it was flagged for
    minutes: float | None = None  # from it to the reply; None when the export has no times

    @property
    def heated(self) -> bool:
        return bool(self.flagged)


def decide_in_context(
    flags: list[bool], scores: list[float], words: int, rules: set[str], previous: Previous | None
) -> list[bool]:
    """The reply's flags (one per ``LABELS``) with stonewalling judged against ``previous``.

    ``words`` is the reply's word count and ``rules`` the ids of its rule cues.
    """
    if previous is None or (previous.minutes is not None and previous.minutes > WINDOW_MINUTES):
        return flags
    flags = list(flags)
    if not previous.heated and words <= SHORT_REPLY_WORDS:
        if flags[STONEWALLING] and scores[STONEWALLING] < CERTAIN:
            flags[STONEWALLING] = False
    elif previous.heated and not any(flags) and words <= CURT_WORDS and rules & CURT_RULES:
        flags[STONEWALLING] = True
    return flags
