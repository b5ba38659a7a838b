"""LINE "Export chat history" text files.

Dates appear once per day as a header line and messages carry only a time,
so the parser keeps the current date while streaming. Multi-line messages are
wrapped in double quotes by LINE; the quotes are not part of the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta

from nlp.chats._io import ParseContext, Source, iter_text_lines, platform_phrases, reorder_window
from nlp.chats.model import ChatMessage

_DATE_YMD = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?:\D.*)?$")
_DATE_MDY = re.compile(r"^[A-Z][a-z]{2}, (\d{2})/(\d{2})/(\d{4})$")
_TIME = r"(?P<pre>上午|下午|午前|午後)?(?P<h>\d{1,2}):(?P<m>\d{2})(?P<ap>[ap]m)?"
_TAB_MESSAGE = re.compile(f"^{_TIME}\t(?P<sender>[^\t]*)\t(?P<text>.*)$")
_SPACE_MESSAGE = re.compile(f"^{_TIME} (?P<sender>\\S+) (?P<text>.*)$")
_PREAMBLE = re.compile(r"^(\[LINE\]|Chat history |Saved on|儲存日期|保存日時|.+のトーク履歴|.+とのトーク履歴)")
_PM = ("下午", "午後", "pm")


def _clock(match: re.Match[str]) -> tuple[int, int]:
    hour, minute = int(match["h"]), int(match["m"])
    period = match["pre"] or match["ap"]
    if period:
        hour = hour % 12 + (12 if period in _PM else 0)
    return hour, minute


def _message(day: date | None, match: re.Match[str], text: str, number: int) -> ChatMessage:
    hour, minute = _clock(match)
    timestamp = None
    if day is not None:
        # LINE writes 24:xx for times after midnight that belong to the next day.
        timestamp = datetime(day.year, day.month, day.day) + timedelta(hours=hour, minutes=minute)
    sender = match["sender"] or None
    kind = next((kind for kind, pattern in platform_phrases("line").items() if pattern.fullmatch(text)), "text")
    # System lines usually have no sender, but some carry one ("Alice<TAB>Bob left the group").
    if sender is None or kind == "system":
        return ChatMessage(timestamp, None, text, "system", number)
    return ChatMessage(timestamp, sender, text if kind == "text" else "", kind, number)


def parse(files: list[Source], ctx: ParseContext) -> Iterator[ChatMessage]:
    for source in files:
        yield from reorder_window(_parse_file(source, ctx))


def _parse_file(source: Source, ctx: ParseContext) -> Iterator[ChatMessage]:
    day: date | None = None
    pending: tuple[re.Match[str], int, list[str]] | None = None
    quoted = False
    for number, line in iter_text_lines(source, ctx.report):
        if pending is not None and quoted:
            pending[2].append(line)
            quoted = not line.endswith('"')
            continue
        ymd, mdy = _DATE_YMD.match(line), _DATE_MDY.match(line)
        message = _TAB_MESSAGE.match(line) or (None if "\t" in line else _SPACE_MESSAGE.match(line))
        if (ymd or mdy or message) and pending is not None:
            yield _finish(day, pending)
            pending = None
        if ymd or mdy:
            try:
                day = date(int(ymd[1]), int(ymd[2]), int(ymd[3])) if ymd else date(int(mdy[3]), int(mdy[1]), int(mdy[2]))
            except ValueError:
                ctx.report(source.name, number, "impossible date in day header")
            continue
        if message:
            if day is None:
                ctx.report(source.name, number, "message before the first date line; kept without a timestamp")
            text = message["text"]
            quoted = text.startswith('"') and not (len(text) > 1 and text.endswith('"'))
            pending = (message, number, [text])
        elif pending is not None:
            pending[2].append(line)
        elif line.strip() and not _PREAMBLE.match(line):
            ctx.report(source.name, number, "unrecognised line before the first message")
    if pending is not None:
        yield _finish(day, pending)


def _finish(day: date | None, pending: tuple[re.Match[str], int, list[str]]) -> ChatMessage:
    match, number, lines = pending
    while len(lines) > 1 and not lines[-1].strip():
        lines.pop()
    text = "\n".join(lines)
    if len(lines) > 1 and text.startswith('"') and text.endswith('"'):
        text = text[1:-1].replace('""', '"')
    return _message(day, match, text, number)
