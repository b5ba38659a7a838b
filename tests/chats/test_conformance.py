"""Every sample export in the shared reference folder parses without an exception.

Runs only when HORSEMEN_EXPORT_SAMPLES points to that folder (it is not part
of the repository). Where a sample comes with an expected result (a
``*target*.json``), the parse is compared with it. Every sample is also
analysed, to check that each message with text is scored or listed in
problems.csv with a reason.
"""

from __future__ import annotations

import json
import os
import re
from datetime import datetime
from pathlib import Path

import pytest

from nlp.chats import detect_format, open_chat
from nlp.errors import ChatFormatError

SAMPLES = Path(os.environ["HORSEMEN_EXPORT_SAMPLES"]) if os.environ.get("HORSEMEN_EXPORT_SAMPLES") else None
pytestmark = pytest.mark.skipif(SAMPLES is None, reason="HORSEMEN_EXPORT_SAMPLES is not set")

# Files that are not chat exports, or formats horsemen refuses on purpose (with a clear error).
_NOT_CHATS = re.compile(r"(target\.json|_info\.json|group_info\.json|Languages\.csv|\.md$|\.html$|dce_export\.txt$)")
_SIGNAL_MARKDOWN = re.compile(r"chat\.md$")
_REFUSED = re.compile(r"(\.html$|dce_export\.txt$)")


def _samples() -> list[Path]:
    if SAMPLES is None:
        return []
    found = []
    for path in sorted(SAMPLES.rglob("*")):
        relative = path.relative_to(SAMPLES).as_posix()
        if path.is_dir() or "testarchive_extracted/" in relative or "google_chat/" in relative:
            continue
        if _NOT_CHATS.search(path.name) and not _SIGNAL_MARKDOWN.search(path.name):
            continue
        found.append(path)
    if (SAMPLES / "slack" / "testarchive_extracted").is_dir():
        found.append(SAMPLES / "slack" / "testarchive_extracted")
    for group in sorted((SAMPLES / "google_chat" / "Groups").glob("*")):
        found.append(group)
    return found


def _refused() -> list[Path]:
    if SAMPLES is None:
        return []
    return [p for p in sorted(SAMPLES.rglob("*")) if p.is_file() and _REFUSED.search(p.name)]


@pytest.mark.parametrize("sample", _samples(), ids=lambda p: p.relative_to(SAMPLES).as_posix() if SAMPLES else "")
def test_sample_parses(sample: Path) -> None:
    reader = open_chat(sample)
    messages = list(reader)
    assert messages, f"{sample}: no messages"
    assert all(m.kind in {"text", "media", "deleted", "system", "call", "sticker", "poll", "location", "other"}
               for m in messages)
    for problem in reader.problems:
        assert problem.reason and (problem.line is None or problem.line > 0 or problem.line == 0)


@pytest.mark.parametrize("sample", _samples(), ids=lambda p: p.relative_to(SAMPLES).as_posix() if SAMPLES else "")
def test_sample_messages_with_text_are_scored_or_listed(sample: Path, count_identity) -> None:
    count_identity(sample)


@pytest.mark.parametrize("sample", _refused(), ids=lambda p: p.name)
def test_unsupported_samples_fail_clearly(sample: Path) -> None:
    with pytest.raises(ChatFormatError, match="JSON"):
        detect_format(sample)


def _targets() -> list[tuple[Path, Path]]:
    if SAMPLES is None:
        return []
    pairs = []
    for target in sorted(SAMPLES.rglob("*target*.json")):
        folder = target.parent
        inputs = [p for p in sorted(folder.iterdir()) if p.name.startswith(("test_", "chatminer_test"))]
        pairs.extend((target, source) for source in inputs)
    return pairs


@pytest.mark.parametrize("target,sample", _targets(), ids=lambda p: p.name)
def test_sample_matches_published_target(target: Path, sample: Path) -> None:
    """chat-miner's targets flatten newlines and skip some messages; compare what they keep."""
    expected = json.loads(target.read_text(encoding="utf-8"))
    parsed = {
        (m.timestamp.replace(tzinfo=None), m.sender, " ".join(m.text.split()))
        for m in open_chat(sample) if m.timestamp is not None
    }
    for record in expected:
        key = (datetime.fromisoformat(record["timestamp"]), record["author"], " ".join(record["message"].split()))
        assert key in parsed, f"{sample.name}: missing {record}"
