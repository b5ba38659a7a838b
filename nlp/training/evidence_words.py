"""Which words and word pairs mark each pattern, counted on the built-in training rows.

A highlighted word reads as "this word is the problem". The model leans on
many words that say nothing of the kind: words common in harmless messages
("pick", "help", "honestly"), and rare words that happened to sit in a few
training messages of a pattern ("daycare", "rings"), whose high idf gives them
a large part of a score. The model's evidence (``nlp.suggest.evidence``) only
highlights a pattern's markers: tokens that are

- in at least ``MIN_PATTERN_ROWS`` training rows showing the pattern, so the
  model learned them from more than one conversation's topic;
- not common in messages that show no pattern: in fewer than ``COMMON_SHARE``
  of the benign training rows of the real messages and of the written ones,
  each counted on its own (real everyday text and the written counter-examples
  are common in different ways);
- at least ``MIN_LIFT`` times as frequent among the pattern's rows as among
  the benign rows of either kind (a token absent from benign rows counts as
  seen once there).

Tokens are spelled as the model's features spell them (normalised words and
pairs of neighbouring words); pairs with punctuation are left out. Test rows are
never read. The result lives in ``resources/suggest/evidence_words.json``;
after the data changes write it again with ``python -m nlp.training.evidence_words``
(a test checks that the file matches the data).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from nlp.features import is_punctuation, message_words
from nlp.labels import LABELS
from nlp.pipeline import build_pipeline
from nlp.pipeline.normalizer import norm_texts
from nlp.pipeline.prose import prose_view
from nlp.training.data import builtin_slices, read_labelled

EVIDENCE_WORDS_PATH = Path(__file__).resolve().parent.parent / "resources" / "suggest" / "evidence_words.json"
# The slices counted: real everyday text and the written messages (whose
# benign rows include counter-examples of every marker).
COUNTED_SLICES = ("real", "written")
# In at least 1 of 100 benign messages of a kind is common: "pick" (1.5% of the
# written ones), "help" (1.3% of the real ones), "honestly" (1.5% of the written
# ones); "pathetic", "selfish" and "anymore" (0.2% or less) are not.
COMMON_SHARE = 0.01
MIN_PATTERN_ROWS = 5
MIN_LIFT = 3.0


def count_tokens(texts: list[str]) -> Counter:
    """In how many of ``texts`` each word and pair of neighbouring words occurs (no punctuation)."""
    lang = build_pipeline()
    views = [prose_view(text) for text in texts]
    counts: Counter = Counter()
    for doc, view in zip(lang.pipe(views, batch_size=512), views):
        words = message_words(norm_texts(doc.to_array("NORM").tolist(), doc.vocab), view)
        kept = [word if not is_punctuation(word) else None for word in words]
        tokens = {word for word in kept if word} | {f"{a} {b}" for a, b in zip(kept, kept[1:]) if a and b}
        counts.update(tokens)
    return counts


def evidence_words() -> dict:
    """Each pattern's markers, with the numbers of training rows they were counted on."""
    slices = {data.name: data for data in builtin_slices()}
    training = {
        name: [row for row in read_labelled(slices[name].path, require_split=True) if row.split == "train"]
        for name in COUNTED_SLICES
    }
    rows = [row for name in COUNTED_SLICES for row in training[name]]
    benign_rates = []
    benign_rows = {}
    for name in COUNTED_SLICES:
        texts = [row.text for row in training[name] if not any(row.labels)]
        benign_rows[name] = len(texts)
        benign_rates.append((count_tokens(texts), len(texts)))

    def benign_rate(token: str) -> float:
        return max((counts[token] + 1) / n for counts, n in benign_rates)

    def common(token: str) -> bool:
        return any(counts[token] >= COMMON_SHARE * n for counts, n in benign_rates)

    markers, pattern_rows = {}, {}
    for index, label in enumerate(LABELS):
        texts = [row.text for row in rows if row.labels[index]]
        pattern_rows[label] = len(texts)
        markers[label] = sorted(
            token
            for token, count in count_tokens(texts).items()
            if count >= MIN_PATTERN_ROWS and not common(token) and count / len(texts) >= MIN_LIFT * benign_rate(token)
        )
    return {
        "_about": "Each pattern's marker words and word pairs (feature spelling: normalised, lower case), counted on "
        "the training rows of the built-in real and written messages; the model's evidence highlights only these. "
        "Written by `python -m nlp.training.evidence_words`; do not edit by hand.",
        "common_share": COMMON_SHARE,
        "min_pattern_rows": MIN_PATTERN_ROWS,
        "min_lift": MIN_LIFT,
        "training_rows": {"benign": benign_rows, **pattern_rows},
        "markers": markers,
    }


def write_evidence_words(path: Path = EVIDENCE_WORDS_PATH) -> None:
    path.write_text(json.dumps(evidence_words(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    write_evidence_words()
    print(f"wrote {EVIDENCE_WORDS_PATH}")
