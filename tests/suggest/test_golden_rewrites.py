"""Golden rewrites: 201 flagged messages, each held to what a person would send.

``golden_rewrites.jsonl`` holds flagged messages from the test splits of
data/messages.csv (every fourth flagged one) and data/real-text.csv (all of
them), plus written examples for the issue's quoted messages and each voice
and situation. Each row records the flags the default model gave when the row
was chosen (replayed here, so retraining does not move the rows), who is
speaking according to the row's own labels (``speaker``: a writer labelled
only defensive is deflecting, one labelled critical or contemptuous but not
defensive is complaining, stonewalling alone is withdrawing), and the rewrite
that was reviewed. The tests check properties of today's rewrite, not equality
with the recorded one: there is a rewrite; it reads as a finished message; it
is not flagged again at the most sensitive level and keeps no absolute or
insult; it speaks from the writer; a complainer is never made to apologise; a
deflecting writer flagged as defensive takes responsibility; a withdrawal
names when to come back.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from nlp.suggest.checks import rewrite_problems

GOLDEN = Path(__file__).with_name("golden_rewrites.jsonl")
ROWS = [json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines() if line.strip()]
IDS = [row["text"][:40] for row in ROWS]

APOLOGY = re.compile(r"\bI'm sorry\b|\bYou're right\b|\bmy part\b|\bYou have a point\b")
RESPONSIBILITY = re.compile(r"\bI'm sorry\b|\bmy part\b|\bYou're right\b|\bget this right\b")
RETURN_TIME = re.compile(
    r"\b(?:minutes?|hour|tomorrow|tonight|this evening|after dinner|morning|breakfast|when I finish|in a bit|later"
    r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|the weekend)\b"
)


def test_golden_covers_every_pattern_voice_and_style():
    covers = Counter(tag for row in ROWS for tag in row["covers"])
    assert len(ROWS) >= 150
    assert sum(row["source"] != "written" for row in ROWS) >= 150
    for tag in ("criticism", "contempt", "defensiveness", "stonewalling", "complaining", "deflecting", "withdrawing"):
        assert covers[tag] >= 10, tag
    for tag in ("venting", "texting", "question", "multi", "real"):
        assert covers[tag] >= 1, tag


@pytest.fixture(scope="module")
def strictest(analyzer):
    return analyzer.at("high")


@pytest.mark.parametrize("row", ROWS, ids=IDS)
def test_golden_rewrite_is_one_a_person_would_send(analyzer, strictest, row):
    analysis = analyzer.analyze_as_flagged(row["text"], row["flagged"])
    rewrite = analysis.rewrite
    assert rewrite is not None
    problems = rewrite_problems(analysis, strictest.analyze(rewrite), analyzer.advisor.lexicon)
    assert [p for p in problems if p != "criticism rewrite lost the topic"] == [], rewrite


@pytest.mark.parametrize("row", ROWS, ids=IDS)
def test_golden_rewrite_speaks_for_the_writer(analyzer, row):
    rewrite = analyzer.analyze_as_flagged(row["text"], row["flagged"]).rewrite
    if row["speaker"] in ("complaining", "venting"):
        assert not APOLOGY.search(rewrite), rewrite  # the complainer never apologises for the other's behaviour
    if row["speaker"] == "deflecting" and "defensiveness" in row["flagged"]:
        assert RESPONSIBILITY.search(rewrite), rewrite  # taking responsibility is the antidote the flag calls for
    if "stonewalling" in row["flagged"]:
        assert RETURN_TIME.search(rewrite), rewrite
