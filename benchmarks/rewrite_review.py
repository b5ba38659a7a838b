"""A review file of today's rewrites for the golden originals, for a reader who did not write the rules (issue 18).

Each of the 201 originals of tests/suggest/golden_rewrites.jsonl (the lines,
sources and recorded flags of the earlier review rounds) is rewritten for the
patterns recorded when it was chosen, so a retrained model does not change what
is judged; ``flagged_now`` gives what the current default model flags (empty if
nothing), so both can be reported. Verdict and reason are left empty for the
reviewer. The header names the commit the rules were taken from.

``--fresh N`` instead samples N flagged test-split messages that are not golden originals
(a quarter per strongest pattern where there are enough, fixed ``--seed``), each rewritten
for what the current model flags. Rules are developed against review rounds of the golden
originals, so a fresh sample is the honest measure of how the rewrites do on messages
nobody tuned for.

``--split train`` samples flagged training messages instead: a sheet for developing rules
against, with the same checklist, that says nothing about messages the rules were not made on.

``--exclude EARLIER.tsv`` also leaves out the messages of an earlier review file (a fresh
sample already judged is no longer unseen once rules were changed after reading it).

``--from reddit`` samples the real Reddit comments instead of the written messages and the SMS.

Run: .venv/bin/python benchmarks/rewrite_review.py ROUND [OUT.tsv] [--fresh N --seed S [--exclude EARLIER.tsv] [--split train] [--from reddit]]
     (default OUT: tests/suggest/golden_rewrites_review_round{ROUND}.tsv, or ..._fresh.tsv)
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import subprocess
from pathlib import Path

from nlp.commands import load_analyzer
from nlp.labels import LABELS

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "suggest" / "golden_rewrites.jsonl"
SOURCES = ("messages.csv", "real-text.csv")
# ``--from``: which files a fresh sample is drawn from. The Reddit comments are kept apart so
# the written and SMS samples of earlier seeds stay what they were.
SAMPLED_FILES = {"written-and-sms": SOURCES, "reddit": ("reddit-comments.csv",)}
COLUMNS = ("line", "source", "flagged", "flagged_now", "text", "rewrite", "verdict", "reason")
CHECKLIST = """\
# For each line: verdict = pass or fail, and a reason. Pass only if ALL hold:
#   1. would you send it (in place of the original, to the same person)?
#   2. is it the writer's own feeling and request (not the other person's; a complainer does not apologise)?
#   3. is it grammatical?
#   4. does it keep the concrete topic of the original (when the original has one)?
# flagged = the patterns recorded when the line was chosen (the rewrite is made for these);
# flagged_now = what the current default model flags (empty: no longer flagged).
# The reviewer must not be the author of the rules. NOT YET REVIEWED: verdict and reason are empty.
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("round", type=int, help="the review round this file is for")
    parser.add_argument("out", nargs="?", type=Path, help="where to write the TSV")
    parser.add_argument("--fresh", type=int, metavar="N", help="review N flagged test messages that are not golden originals")
    parser.add_argument("--seed", type=int, default=0, help="which fresh sample (default: 0)")
    parser.add_argument("--exclude", type=Path, action="append", default=[], help="an earlier review file whose messages are left out")
    parser.add_argument("--split", choices=("test", "train"), default="test", help="which rows --fresh samples (default: test)")
    parser.add_argument("--from", dest="sampled", choices=sorted(SAMPLED_FILES), default="written-and-sms",
                        help="which files --fresh samples (default: the written messages and the SMS)")
    args = parser.parse_args()
    if args.split == "train" and not args.fresh:
        parser.error("--split train needs --fresh N")
    suffix = "_fresh" if args.fresh else ""
    out = args.out or GOLDEN.with_name(f"golden_rewrites_review_round{args.round}{suffix}.tsv")

    analyzer = load_analyzer(None)
    golden = [json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines() if line.strip()]
    judged = golden + [row for path in args.exclude for row in _review_rows(path)]
    sources = SAMPLED_FILES[args.sampled]
    rows = _fresh_sample(analyzer, judged, args.fresh, args.seed, args.split, sources) if args.fresh else golden
    lines = []
    for number, row in enumerate(rows, 1):
        now = analyzer.analyze(row["text"]).flagged_patterns
        rewrite = analyzer.analyze_as_flagged(row["text"], row["flagged"]).rewrite or ""
        cells = (number, row["source"], ",".join(row["flagged"]), ",".join(now), row["text"], rewrite, "", "")
        lines.append("\t".join(_cell(c) for c in cells))
    which = (
        f"{len(rows)} flagged {args.split} messages that are not golden originals"
        + (f" nor in {', '.join(path.name for path in args.exclude)}" if args.exclude else "")
        + f" (seed {args.seed})"
        if args.fresh
        else f"the same {len(rows)} originals as the earlier rounds"
    )
    header = (
        f"# Independent review, round {args.round}, of the rewrites of {which} (issue 18),"
        f" rules at commit {_commit()}; written by benchmarks/rewrite_review.py.\n"
    )
    out.write_text(header + CHECKLIST + "\t".join(COLUMNS) + "\n" + "\n".join(lines) + "\n", encoding="utf-8")
    no_longer = sum(not analyzer.analyze(row["text"]).flagged for row in rows)
    print(f"wrote {len(rows)} rewrites to {out}; {no_longer} originals are no longer flagged by the current model")


def _review_rows(path: Path) -> list[dict]:
    """The source and text of each line of a review file this script wrote."""
    lines = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    columns = lines[0]
    return [{"source": cells[columns.index("source")], "text": cells[columns.index("text")]} for cells in lines[1:]]


def _fresh_sample(
    analyzer, judged: list[dict], count: int, seed: int, split: str = "test", sources: tuple[str, ...] = SOURCES
) -> list[dict]:
    """``count`` flagged ``split`` messages not ``judged`` before, a quarter per strongest pattern where possible."""
    taken = {row["source"] for row in judged} | {row["text"] for row in judged}
    by_pattern: dict[str, list[dict]] = {label: [] for label in LABELS}
    for name in sources:
        with (ROOT / "data" / name).open(encoding="utf-8", newline="") as handle:
            rows = [r for r in csv.DictReader(handle) if r["split"] == split and f"{name}:{r['id']}" not in taken]
        for row, analysis in zip(rows, analyzer.analyze_many([r["text"] for r in rows])):
            if analysis.flagged and row["text"] not in taken:
                strongest = max(analysis.flagged_patterns, key=lambda p: analysis.patterns[p].score)
                by_pattern[strongest].append({"source": f"{name}:{row['id']}", "text": row["text"], "flagged": list(analysis.flagged_patterns)})
    rng = random.Random(seed)
    chosen: list[dict] = []
    for label in LABELS:  # scarce patterns first, so what they lack goes to the others
        pool = by_pattern[label]
        share = min(len(pool), (count - len(chosen)) // (len(LABELS) - LABELS.index(label)))
        chosen += rng.sample(pool, share)
    rng.shuffle(chosen)
    return chosen


def _cell(value) -> str:
    """One TSV cell: tabs and line breaks inside a message would break the row, so they become spaces."""
    return " ".join(str(value).split("\t")).replace("\n", " ")


def _commit() -> str:
    """The short commit hash, marked when the working tree has changes the commit does not hold."""
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True, text=True)
    return f"{head} (with uncommitted changes)" if dirty.stdout.strip() else head


if __name__ == "__main__":
    main()
