"""Golden files: the expected parse of each fixture export, stored next to it as JSON.

The fixtures are small conversations written for these tests, one per format
and edge case (locales, 12/24-hour clocks, date orders, invisible marks, CRLF,
multi-line messages, names with ": ", system lines, placeholders, mojibake,
newest-first files, multi-file threads, zips). After an intended parser
change, run ``python tests/chats/test_golden.py`` to rewrite the goldens and
review the diff: the goldens are the specification.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from nlp.chats import open_chat

FIXTURES = Path(__file__).with_name("fixtures")
SUFFIX = ".expected.json"


def fixtures() -> list[Path]:
    """Every fixture export (file or folder) that has, or should have, a golden file."""
    return sorted(p for p in FIXTURES.iterdir() if not p.name.endswith(SUFFIX))


def golden_path(fixture: Path) -> Path:
    return fixture.with_name(fixture.name + SUFFIX)


def parse_to_json(fixture: Path, options: dict[str, Any]) -> dict[str, Any]:
    reader = open_chat(fixture, **options)
    messages = [
        {
            "timestamp": m.timestamp.isoformat() if m.timestamp else None,
            "sender": m.sender,
            "text": m.text,
            "kind": m.kind,
            "line": m.line,
            "edited": m.edited,
            "chat": m.chat,
            **({"bot": True} if m.bot else {}),
        }
        for m in reader
    ]
    problems = [[Path(p.source).name, p.line, p.reason] for p in reader.problems]
    return {"options": options, "format": reader.format, "messages": messages, "problems": problems,
            "notes": len(reader.notes)}


@pytest.mark.parametrize("fixture", fixtures(), ids=lambda p: p.name)
def test_fixture_parses_as_golden(fixture: Path) -> None:
    target = golden_path(fixture)
    assert target.exists(), f"no golden file for {fixture.name}; run python tests/chats/test_golden.py"
    expected = json.loads(target.read_text(encoding="utf-8"))
    assert parse_to_json(fixture, expected["options"]) == expected


def main() -> None:
    for fixture in fixtures():
        target = golden_path(fixture)
        options = json.loads(target.read_text(encoding="utf-8"))["options"] if target.exists() else {}
        result = parse_to_json(fixture, options)
        target.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"{target.name}: {len(result['messages'])} messages, {len(result['problems'])} problems")


if __name__ == "__main__":
    main()
