"""A sample of flagged messages and their highlights, for a reader to judge whether each highlight explains the flag.

Picks flagged messages (at the default sensitivity) from the test splits: 80 of the
written messages and 20 of the real ones (the SMS, or with ``--real-from reddit`` the
Reddit comments), at random with a fixed seed, and writes one
row per highlight (what the CLI, the page and the report show) with empty columns for
the reader: ``explains`` (yes/no) and ``reason``. Which rule or model word made a
highlight is left out, so the reader judges only what a user sees.

``--split train`` draws them from the training rows instead: highlights are developed
on those, so the test sample stays unseen until a reviewer reads it.

``--seed S --exclude EARLIER.csv`` draws a fresh sample that leaves out the messages of
earlier sheets (``--exclude`` may be given more than once): the same sheet reviewed round after round is the one rules get tuned
towards, so a fresh one is the honest check (a slice with fewer flagged messages left
than its count gives what it has; ``--real-count N`` draws N real messages instead of 20).

Run: .venv/bin/python benchmarks/highlight_review.py [--split test|train] [--seed S --exclude CSV] [--real-from reddit] [--real-count N] [OUT.csv]
     (default: test, written to reviews/highlights-sample.csv; train to reviews/highlights-sample-train.csv)
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from nlp.commands import load_analyzer  # noqa: E402
from nlp.training.data import builtin_slices, read_labelled  # noqa: E402

WRITTEN, REAL = 80, 20  # messages drawn from the written slice and from a real one
SEED = 21
REVIEWS = Path(__file__).resolve().parent.parent / "reviews"
DEFAULT_OUT = {"test": REVIEWS / "highlights-sample.csv", "train": REVIEWS / "highlights-sample-train.csv"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="\n".join(__doc__.splitlines()[-2:]))
    parser.add_argument("out", nargs="?", type=Path, help="where to write the CSV (default: by split, see below)")
    parser.add_argument("--split", choices=sorted(DEFAULT_OUT), default="test", help="which rows to sample (default: test)")
    parser.add_argument("--seed", type=int, default=SEED, help=f"which sample (default: {SEED})")
    parser.add_argument("--exclude", type=Path, action="append", default=[], help="an earlier sheet whose messages are left out (repeatable)")
    parser.add_argument("--real-from", choices=("real", "reddit"), default="real", help="which real slice gives the real messages (default: real, the SMS)")
    parser.add_argument("--real-count", type=int, default=REAL, help=f"how many real messages to draw (default: {REAL}); "
                        "once every flagged written test message has been on a sheet, the real slices hold the unseen ones")
    args = parser.parse_args()
    left_out = set()
    for earlier in args.exclude:
        with earlier.open(encoding="utf-8", newline="") as handle:
            left_out |= {row["text"] for row in csv.DictReader(handle)}
    out = args.out or DEFAULT_OUT[args.split]
    analyzer = load_analyzer(None)
    slices = {data.name: data for data in builtin_slices()}
    rows = []
    for name, count in (("written", WRITTEN), (args.real_from, args.real_count)):
        texts = [row.text for row in read_labelled(slices[name].path) if row.split == args.split]
        flagged = [analysis for analysis in analyzer.analyze_many(texts) if analysis.flagged and analysis.text not in left_out]
        for number, analysis in enumerate(random.Random(args.seed).sample(flagged, min(count, len(flagged))), 1):
            for shown in analysis.highlights:
                rows.append({
                    "message": f"{name}-{number:02d}", "slice": name, "text": analysis.text,
                    "flagged": " ".join(analysis.flagged_patterns), "highlight": shown.text,
                    "pattern": shown.pattern, "start": shown.start, "end": shown.end, "explains": "", "reason": "",
                })
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} highlights of {len({row['message'] for row in rows})} flagged messages to {out}")


if __name__ == "__main__":
    main()
