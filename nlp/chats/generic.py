"""Any chat kept as CSV or JSON Lines, one message per row.

For data from tools horsemen does not know: the text, sender and time
columns are guessed from common names, or named by the user. Without a
sender column every message is scored as written by one unknown sender,
and a note says so.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from nlp.chats._io import ParseContext, Source, csv_rows_after_header, iter_text_lines, reorder_window, utc_from_epoch
from nlp.chats.model import ChatMessage
from nlp.errors import ChatFormatError, where
from nlp.limits import csv_fields

_TEXT_NAMES = ("text", "message", "content", "body", "msg")
_SENDER_NAMES = ("sender", "author", "from", "user", "username", "name", "speaker")
_TIME_NAMES = ("timestamp", "time", "date", "datetime", "created_at", "sent_at", "ts")
_KINDS = {"text", "media", "deleted", "system", "call", "sticker", "poll", "location", "other"}


def _pick(columns: list[str], wanted: str | None, guesses: tuple[str, ...], role: str, source: Source,
          required: bool) -> str | None:
    if wanted is not None:
        if wanted not in columns:
            raise ChatFormatError(
                f"{where(source.name)}: no column {wanted!r} for the {role}; columns are: {', '.join(columns)}"
            )
        return wanted
    lowered = {c.strip().lower(): c for c in columns}
    for guess in guesses:
        if guess in lowered:
            return lowered[guess]
    if required:
        raise ChatFormatError(
            f"{where(source.name)}: cannot tell which column holds the message {role}; "
            f"columns are: {', '.join(columns)}. Pass --{role}-col NAME."
        )
    return None


def _columns(names: list[str], source: Source, ctx: ParseContext) -> tuple[str, str | None, str | None]:
    """The (text, sender, time) columns among ``names``; only the text column is required."""
    columns = (
        _pick(names, ctx.text_col, _TEXT_NAMES, "text", source, required=True) or "",
        _pick(names, ctx.sender_col, _SENDER_NAMES, "sender", source, required=False),
        _pick(names, ctx.time_col, _TIME_NAMES, "time", source, required=False),
    )
    if columns[1] is None:
        ctx.notes.append(
            f"{where(source.name)}: no sender column found (columns: {', '.join(names)}), so all messages are "
            "scored as one unknown sender and nobody's replies can be told apart; pass --sender-col NAME"
        )
    return columns


def parse_time(value: Any) -> datetime | None:
    """ISO 8601 strings or Unix epochs in seconds or milliseconds; None if neither."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return utc_from_epoch(value / 1000 if value > 1e11 else value)
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    try:
        number = float(value)
    except ValueError:
        pass
    else:
        return parse_time(number)
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def _message(row: dict[str, Any], columns: tuple[str, str | None, str | None], source: Source, line: int,
             ctx: ParseContext) -> ChatMessage:
    text_col, sender_col, time_col = columns
    text = row.get(text_col)
    timestamp = None
    if time_col is not None:
        timestamp = parse_time(row.get(time_col))
        if timestamp is None:
            ctx.report(source.name, line, f"unreadable time in column {time_col!r}; message kept without one")
    sender = row.get(sender_col) if sender_col else None
    kind = row.get("kind")
    return ChatMessage(
        timestamp,
        str(sender) if sender not in (None, "") else None,
        "" if text is None else str(text),
        kind if isinstance(kind, str) and kind in _KINDS else "text",
        line,
    )


def parse_csv(files: list[Source], ctx: ParseContext) -> Iterator[ChatMessage]:
    for source in files:
        with csv_fields():
            yield from reorder_window(_parse_csv_file(source, ctx))


def _parse_csv_file(source: Source, ctx: ParseContext) -> Iterator[ChatMessage]:
    lines = (text + "\n" for _, text in iter_text_lines(source, ctx.report))
    first = next(lines, "")
    if not first.strip():
        raise ChatFormatError(f"{where(source.name, 1)}: the CSV has no header row")
    delimiter = max((",", ";", "\t"), key=first.count)
    header = next(csv.reader([first], delimiter=delimiter))
    columns = _columns(header, source, ctx)
    reader = csv.reader(lines, delimiter=delimiter)
    for line, row in csv_rows_after_header(reader, source):
        if not row:
            continue
        if len(row) != len(header):
            ctx.report(source.name, line, f"row has {len(row)} fields, the header has {len(header)}; skipped")
            continue
        yield _message(dict(zip(header, row)), columns, source, line, ctx)


def parse_jsonl(files: list[Source], ctx: ParseContext) -> Iterator[ChatMessage]:
    for source in files:
        yield from reorder_window(_parse_jsonl_file(source, ctx))


def _parse_jsonl_file(source: Source, ctx: ParseContext) -> Iterator[ChatMessage]:
    columns: tuple[str, str | None, str | None] | None = None
    for number, line in iter_text_lines(source, ctx.report):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            ctx.report(source.name, number, f"invalid JSON at column {exc.colno} ({exc.msg}); skipped")
            continue
        if not isinstance(record, dict):
            ctx.report(source.name, number, "not a JSON object; skipped")
            continue
        if columns is None:
            columns = _columns(list(record), source, ctx)
        yield _message(record, columns, source, number, ctx)
