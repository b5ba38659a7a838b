"""Benchmark: analyse a generated WhatsApp export end to end and report speed and peak memory.

Usage: python benchmarks/bench_analyze_export.py [MESSAGES] [--jobs N]   (default 100,000 messages, 2 jobs)

The export (two people texting over months, in bursts, with everyday chatter,
repeated short replies, media, deletions and the odd argument) is generated in
a temporary folder, analysed into messages.csv, speakers.csv, episodes.csv and
report.html, and deleted afterwards. The model is loaded before the clock
starts; its load time is printed separately.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from nlp.commands import load_analyzer
from nlp.conversation.analyze import analyze_export

_PEOPLE = ("Sam Rivera", "Alex")
_SHORT = [
    "ok", "okay", "yes", "yep", "no", "lol", "haha", "hahaha", "😂", "😂😂", "❤️", "love you", "love you too", "thanks!",
    "thank you", "good night", "morning!", "on my way", "omw", "5 min", "sure", "cool", "nice", "sounds good",
    "see you soon", "what time?", "where are you?", "home", "at work", "call me", "k", "true", "same", "wow", "sorry",
    "np", "good luck!", "miss you", "be there at 8", "just landed", "👍", "🙈", "sleep well", "yes please", "maybe",
]
_OPENERS = ["hey", "so", "btw", "ugh", "omg", "also", "wait", "honestly", "ok so", "guess what", "quick question", ""]
_SUBJECTS = ["the landlord", "your mum", "my boss", "the kids", "Jamie", "the car", "the dog", "work", "the plumber", "dinner"]
_VERBS = ["called about", "asked about", "forgot", "is late for", "is fine with", "wants to move", "sent a photo of", "fixed"]
_OBJECTS = [
    "the rent", "saturday", "the party", "the keys", "the holiday", "the meeting", "the vet", "the bill", "the school run",
    "tomorrow", "next week", "the trip", "lunch", "the garden", "the tickets",
]
_TAILS = ["", "?", "!", "...", " lol", " haha", " 😅", " can you check?", " what do you think?", " no idea why"]
_ARGUMENT = [
    "You never listen to me.", "You always forget everything I ask.", "It's not my fault, you didn't remind me.",
    "Whatever. I'm done talking about this.", "You're pathetic, honestly.", "That's not true, I did my part!",
    "Why are you always like this?", "Fine.", "Leave me alone.", "What is wrong with you?",
    "I'm not the one who started this", "You are so lazy.", "Don't even start.", "Typical. Just typical.",
]
_REPAIR = [
    "I'm sorry, you're right.", "Can we talk about it tonight?", "I love you, let's not fight.",
    "I feel hurt when this happens. Could we make a plan?", "My bad, I should have called.",
]
_OTHER = ["<Media omitted>", "This message was deleted", "<Media omitted>", "image omitted"]


def _text(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.35:
        return rng.choice(_SHORT)
    if roll < 0.88:
        text = f"{rng.choice(_OPENERS)} {rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)}".strip()
        text += rng.choice(_TAILS)
        if rng.random() < 0.3:
            text += f" {rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)} at {rng.randint(1, 12)}"
        if rng.random() < 0.05:
            text += f"\n{rng.choice(_OPENERS)} {rng.choice(_OBJECTS)} too"
        return text
    if roll < 0.95:
        return rng.choice(_ARGUMENT) + ("" if rng.random() < 0.6 else f" {rng.choice(_ARGUMENT)}")
    if roll < 0.97:
        return rng.choice(_REPAIR)
    return rng.choice(_OTHER)


def write_export(path: Path, messages: int, seed: int = 11) -> None:
    """An Android WhatsApp export (dd/mm/yyyy, 24 h) of ``messages`` messages."""
    rng = random.Random(seed)
    moment = datetime(2019, 1, 1, 8, 0)
    speaker = 0
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("01/01/2019, 08:00 - Messages and calls are end-to-end encrypted. Tap to learn more.\n")
        for _ in range(messages - 1):
            if rng.random() < 0.03:
                moment += timedelta(hours=rng.uniform(2, 20))  # the conversation pauses
            else:
                moment += timedelta(seconds=rng.randint(10, 600))
            if rng.random() < 0.6:
                speaker = 1 - speaker
            handle.write(f"{moment:%d/%m/%Y, %H:%M} - {_PEOPLE[speaker]}: {_text(rng)}\n")


def _cpu_seconds() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("messages", nargs="?", type=int, default=100_000)
    parser.add_argument("--jobs", type=int, default=2, help="n_process for scoring (default 2)")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        export = Path(folder) / "WhatsApp Chat with Alex.txt"
        write_export(export, arguments.messages)
        size_mb = export.stat().st_size / 1e6
        start = time.perf_counter()
        analyzer = load_analyzer(None)  # builds the built-in model first if needed
        load_seconds = time.perf_counter() - start
        before_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        cpu_before = _cpu_seconds()
        start = time.perf_counter()
        summary = analyze_export(export, Path(folder) / "out", analyzer=analyzer, n_process=arguments.jobs)
        elapsed = time.perf_counter() - start
        main_cpu, workers_cpu = (after - before for after, before in zip(_cpu_seconds(), cpu_before))
        peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        workers_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        outputs = {p.name: p.stat().st_size / 1e6 for p in (Path(folder) / "out").iterdir()}
    total = summary["messages"] + summary["system_events"]
    flagged = sum(person["flagged"] for person in summary["speakers"].values())
    print(f"export: {size_mb:.1f} MB, {total:,} messages ({flagged:,} flagged, {summary['episodes']:,} episodes)")
    print(f"model load: {load_seconds:.1f} s (not counted below)")
    print(f"analysis with n_process={arguments.jobs}: {elapsed:.1f} s  ->  {total / elapsed:,.0f} messages/s end to end")
    print(f"CPU time: {main_cpu:.1f} s main process + {workers_cpu:.1f} s workers "
          f"(load average now {os.getloadavg()[0]:.1f}; other work on the machine slows the wall clock)")
    print(f"peak RSS: {peak_kb / 1024:.0f} MB main process (after model load: {before_kb / 1024:.0f} MB), "
          f"{workers_kb / 1024:.0f} MB largest worker")
    print("outputs: " + ", ".join(f"{name} {size:.1f} MB" for name, size in sorted(outputs.items())))


if __name__ == "__main__":
    main()
