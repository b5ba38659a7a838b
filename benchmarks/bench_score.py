"""`horsemen score` at scale: 1,000,000 distinct messages, on this machine and on a local Dask cluster.

Writes a Parquet table of distinct generated messages (two short data rows joined,
no text twice), then scores it:
  1. locally, `score_file` with 2 scoring processes;
  2. on a `distributed.LocalCluster` with 2 worker processes (1 thread each), all on 127.0.0.1.
Prints throughput and the peak resident memory of every process involved (the main
process, the local scoring processes, the Dask workers). Nothing leaves the machine.

Run: .venv/bin/python benchmarks/bench_score.py [--rows N] [--json]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pandas as pd  # noqa: E402

from nlp.commands import load_analyzer  # noqa: E402
from nlp.corpus.score import score_file, score_with_dask  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


def distinct_messages(n: int, seed: int = 11) -> list[str]:
    pool = []
    for name in ("messages.csv", "real-text.csv"):
        pool += [text for text in pd.read_csv(REPO / "data" / name)["text"].tolist() if isinstance(text, str) and len(text) <= 60]
    rng = random.Random(seed)
    seen: set[str] = set()
    while len(seen) < n:
        seen.add(f"{rng.choice(pool)} {rng.choice(pool)}")
    return list(seen)


def write_input(path: Path, rows: int) -> None:
    """The input table, in row groups of 50,000 rows: what lets Dask split it into partitions."""
    frame = pd.DataFrame({"id": range(rows), "text": distinct_messages(rows)})
    frame.to_parquet(path, index=False, row_group_size=50_000)


def peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    from distributed import Client, LocalCluster

    analyzer = load_analyzer(None)
    results = {"rows": args.rows}
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "messages.parquet"
        # Made in a child process, so the main process's peak memory is the scoring's alone.
        maker = multiprocessing.get_context("spawn").Process(target=write_input, args=(source, args.rows))
        maker.start()
        maker.join()
        results["input_mb"] = round(source.stat().st_size / 2**20, 1)

        started = time.perf_counter()
        summary = score_file(source, Path(tmp) / "local", analyzer, text_col="text", id_cols=("id",), n_process=2)
        seconds = time.perf_counter() - started
        results["local"] = {
            "seconds": round(seconds, 1), "msg_per_s": round(summary.rows / seconds),
            "peak_mb_main": peak_mb(), "peak_mb_largest_scoring_process": peak_mb(resource.RUSAGE_CHILDREN),
            "parts": summary.parts,
        }

        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None) as cluster:
            with Client(cluster) as client:
                started = time.perf_counter()
                summary = score_with_dask(source, Path(tmp) / "dask", client, analyzer.model.path, text_col="text", id_cols=("id",))
                seconds = time.perf_counter() - started
                workers = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        results["dask"] = {
            "seconds": round(seconds, 1), "msg_per_s": round(summary.rows / seconds), "parts": summary.parts,
            "peak_mb_workers": [round(v, 1) for v in workers.values()], "peak_mb_client": peak_mb(),
        }
    if args.json:
        print(json.dumps(results))
        return
    for name, figures in results.items():
        print(f"{name:9s} {figures}")


if __name__ == "__main__":
    main()
