"""Benchmark: single-message requests against `horsemen serve` on loopback; requests/s and latency.

Usage: python benchmarks/bench_api_load.py [--requests 5000] [--concurrency 8] [--workers 2] [--seconds 60]
Starts its own server on 127.0.0.1 (a free port), warms it up, sends at most --requests
requests from --concurrency keep-alive connections for at most --seconds, then stops it.
The client is raw HTTP/1.1 on asyncio so that it takes as little CPU from the server as it can.
Targets on a 2-core machine: >= 500 requests/s, p99 <= 50 ms, zero errors.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HOST = "127.0.0.1"  # loopback only, by design
MAX_REQUESTS = 100_000
MAX_SECONDS = 300
WARM_UP_REQUESTS = 300
TARGET_RPS, TARGET_P99_MS = 500, 50
MESSAGES = [
    "You never help with the dishes",
    "Thanks for picking up the kids today, I really appreciate it",
    "Whatever. I'm done talking about this.",
    "It's not my fault we were late, you took forever to get ready",
    "Can we talk tonight? I feel a bit lost about the weekend plans",
    "Oh great, another brilliant idea from the genius",
    "ok",
    "I'm sorry, I overreacted. Can we start over?",
]


def free_port() -> int:
    with socket.create_server((HOST, 0)) as probe:
        return probe.getsockname()[1]


def start_server(port: int, workers: int, log) -> subprocess.Popen:
    command = [sys.executable, "-m", "nlp", "serve", "--host", HOST, "--port", str(port), "--workers", str(workers)]
    server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/healthz", timeout=2):
                return server
        except OSError:
            if server.poll() is not None:
                break
            time.sleep(0.2)
    server.kill()
    log.seek(0)
    sys.exit(f"bench: the server did not start:\n{log.read()}")


def cpu_seconds(root_pid: int) -> float:
    """User + system CPU time of a process and its children so far (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    ticks, pending = 0, [root_pid]
    while pending:
        pid = pending.pop()
        pending.extend(children.get(pid, []))
        try:
            fields = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def request_bytes(port: int, text: str) -> bytes:
    body = json.dumps({"text": text}).encode()
    head = (
        f"POST /v1/analyze HTTP/1.1\r\nHost: {HOST}:{port}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


async def read_response(reader: asyncio.StreamReader) -> int:
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    await reader.readexactly(length)
    return status


async def load(port: int, total: int, concurrency: int, seconds: float) -> tuple[list[float], int, float]:
    """Send up to ``total`` requests; return latencies (s), the error count and the wall time."""
    payloads = [request_bytes(port, text) for text in MESSAGES]
    latencies: list[float] = []
    errors = 0
    issued = 0
    deadline = time.perf_counter() + seconds

    async def connection() -> None:
        nonlocal issued, errors
        reader, writer = await asyncio.open_connection(HOST, port)
        try:
            while issued < total and time.perf_counter() < deadline:
                payload = payloads[issued % len(payloads)]
                issued += 1
                started = time.perf_counter()
                writer.write(payload)
                try:
                    status = await read_response(reader)
                except (asyncio.IncompleteReadError, ConnectionError):
                    errors += 1
                    writer.close()
                    reader, writer = await asyncio.open_connection(HOST, port)
                    continue
                latencies.append(time.perf_counter() - started)
                if status != 200:
                    errors += 1
        finally:
            writer.close()

    started = time.perf_counter()
    await asyncio.gather(*(connection() for _ in range(concurrency)))
    return latencies, errors, time.perf_counter() - started


def percentile(sorted_values: list[float], fraction: float) -> float:
    return sorted_values[min(len(sorted_values) - 1, int(fraction * len(sorted_values)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=5_000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    total = max(1, min(args.requests, MAX_REQUESTS))
    seconds = max(1.0, min(args.seconds, MAX_SECONDS))

    load_before = os.getloadavg()[0]
    port = free_port()
    with tempfile.TemporaryFile("w+") as log:
        server = start_server(port, args.workers, log)
        try:
            asyncio.run(load(port, WARM_UP_REQUESTS, args.concurrency, seconds))
            cpu_before = cpu_seconds(server.pid)
            latencies, errors, elapsed = asyncio.run(load(port, total, args.concurrency, seconds))
            server_cpu = cpu_seconds(server.pid) - cpu_before
        finally:
            server.terminate()
            server.wait(timeout=30)

    latencies.sort()
    rate = len(latencies) / elapsed
    p50, p90, p99 = (percentile(latencies, f) * 1000 for f in (0.50, 0.90, 0.99))
    print(f"server: horsemen serve --workers {args.workers} on {HOST}:{port}; client: {args.concurrency} keep-alive connections")
    print(f"machine: {os.cpu_count()} cores, load average {load_before:.1f} before the run (other work skews the figures)")
    print(f"requests: {len(latencies):,} answered, {errors} errors, in {elapsed:.2f} s  ->  {rate:,.0f} requests/s")
    print(
        f"latency: p50 {p50:.1f} ms, p90 {p90:.1f} ms, p99 {p99:.1f} ms, "
        f"max {latencies[-1] * 1000:.1f} ms, mean {statistics.fmean(latencies) * 1000:.1f} ms"
    )
    cpu_ms = server_cpu / max(1, len(latencies)) * 1000
    print(
        f"server CPU: {cpu_ms:.2f} ms per request, so at most ~{os.cpu_count() / cpu_ms * 1000:,.0f} requests/s "
        "on all cores with nothing else running (the client needs some too)"
    )
    met = rate >= TARGET_RPS and p99 <= TARGET_P99_MS and errors == 0
    print(f"target (>= {TARGET_RPS} requests/s, p99 <= {TARGET_P99_MS} ms, 0 errors): {'met' if met else 'NOT met'}")


if __name__ == "__main__":
    main()
