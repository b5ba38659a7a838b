"""Benchmark: parse a large synthetic WhatsApp export and report speed and peak memory.

Usage: python benchmarks/bench_parse_whatsapp.py [MESSAGES]   (default 1,000,000)
The export is generated in a temporary folder and deleted afterwards.
"""

from __future__ import annotations

import random
import resource
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from nlp.chats import open_chat

_SENDERS = ["Alice Martin", "Bob", "~\u202fChris", "+44 7700 900123"]
_TEXTS = [
    "on my way", "did you remember the keys?", "You never listen to me, honestly.",
    "fine.", "<Media omitted>", "This message was deleted", "ok see you at 8 <This message was edited>",
    "haha 😂😂", "can we talk about yesterday?\nI was upset and\nI'm sorry",
]


def write_export(path: Path, messages: int) -> None:
    rng = random.Random(7)
    moment = datetime(2019, 1, 1, 8, 0)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("1/1/19, 8:00\u202fAM - Messages and calls are end-to-end encrypted. Tap to learn more.\n")
        for _ in range(messages - 1):
            moment += timedelta(seconds=rng.randint(5, 400))
            hour = moment.hour % 12 or 12
            period = "AM" if moment.hour < 12 else "PM"
            handle.write(
                f"{moment.day}/{moment.month}/{moment.year % 100:02d}, {hour}:{moment.minute:02d}\u202f{period}"
                f" - {rng.choice(_SENDERS)}: {rng.choice(_TEXTS)}\n"
            )


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "WhatsApp Chat with Bob.txt"
        write_export(path, count)
        size_mb = path.stat().st_size / 1e6
        baseline_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        start = time.perf_counter()
        reader = open_chat(path)
        parsed = sum(1 for _ in reader)
        elapsed = time.perf_counter() - start
        peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"file: {size_mb:.1f} MB, {count:,} messages generated, {parsed:,} parsed, {len(reader.problems)} problems")
    print(f"time: {elapsed:.2f} s  ->  {parsed / elapsed:,.0f} messages/s")
    print(f"peak RSS: {peak_kb / 1024:.0f} MB (before parsing: {baseline_kb / 1024:.0f} MB)")


if __name__ == "__main__":
    main()
