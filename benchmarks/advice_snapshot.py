"""Write every flagged message's full analysis, to show a speed-up changed no output.

Run it with two checkouts' interpreters on the same model and compare the files:

    /work/main/.venv/bin/python benchmarks/advice_snapshot.py --out before.jsonl
    .venv/bin/python benchmarks/advice_snapshot.py --out after.jsonl
    cmp before.jsonl after.jsonl

Each line is ``Analysis.to_dict()`` (flags, cues, highlights, positives, rewrite,
antidotes) of one flagged message of data/messages.csv and data/real-text.csv,
analysed one at a time with suggestions, as ``horsemen analyze`` does.
"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

from nlp.commands import load_analyzer

DATA = Path(__file__).resolve().parent.parent / "data"
SOURCES = ("messages.csv", "real-text.csv")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--model", type=Path, default=None, help="model file (default: the model in use)")
    args = parser.parse_args()

    analyzer = load_analyzer(args.model)
    written = 0
    with args.out.open("w", encoding="utf-8") as out:
        for source in SOURCES:
            with (DATA / source).open(encoding="utf-8", newline="") as handle:
                rows = list(csv.DictReader(handle))
            for row in rows:
                analysis = analyzer.analyze(row["text"])
                if analysis.flagged:
                    out.write(json.dumps({"source": source, "id": row["id"], **analysis.to_dict()}, sort_keys=True) + "\n")
                    written += 1
    print(f"{written} flagged messages written to {args.out}")


if __name__ == "__main__":
    main()
