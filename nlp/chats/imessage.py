"""iMessage conversations exported as text by imessage-exporter (``-f txt``).

Each message is a block: a date line, a sender line, the body, then optional
reaction and annotation lines; one-line announcements carry the date and the
event together. An edited message's body is its history: the original text
after its date, then one "Edited 2 minutes later: ..." line per edit; only the
last version is what the person ended up saying.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime

from nlp.chats._io import ParseContext, Source, iter_text_lines, platform_phrases, reorder_window
from nlp.chats.model import ChatMessage

_DATE = re.compile(r"^(?P<date>[A-Z][a-z]{2} {1,2}\d{1,2}, \d{4} {1,2}\d{1,2}:\d{2}:\d{2} [AP]M)(?P<tail>.*)$")
_TRAILERS = ("Reactions:", "This message responded to an earlier message.")
_EDIT = re.compile(r"^ *Edited .+? later: (.*)$")


def _time(text: str) -> datetime | None:
    try:
        return datetime.strptime(re.sub(" +", " ", text), "%b %d, %Y %I:%M:%S %p")
    except ValueError:
        return None


def parse(files: list[Source], ctx: ParseContext) -> Iterator[ChatMessage]:
    for source in files:
        yield from reorder_window(_parse_file(source, ctx))


def _parse_file(source: Source, ctx: ParseContext) -> Iterator[ChatMessage]:
    block: list[tuple[int, str]] = []
    for number, line in iter_text_lines(source, ctx.report):
        # Right after a sender line, a dated line starts an edit history, not a new message.
        if _DATE.match(line.lstrip(" ")) and block and len(block) != 2:
            yield from _block(block, source, ctx)
            block = []
        if block or line.strip():
            block.append((number, line))
    if block:
        yield from _block(block, source, ctx)


def _block(block: list[tuple[int, str]], source: Source, ctx: ParseContext) -> Iterator[ChatMessage]:
    number, first = block[0]
    match = _DATE.match(first.lstrip(" "))
    if match is None:
        ctx.report(source.name, number, "text outside a message block")
        return
    timestamp = _time(match["date"])
    if timestamp is None:
        ctx.report(source.name, number, "unreadable date; message kept without a timestamp")
    tail = match["tail"].strip()
    if tail and not tail.startswith("("):
        yield ChatMessage(timestamp, None, tail, "system", number)
        return
    lines = [line for _, line in block[1:]]
    while lines and not lines[-1].strip():
        lines.pop()
    if not lines:
        ctx.report(source.name, number, "message block without a sender")
        return
    sender, body = lines[0].strip(), lines[1:]
    for index, line in enumerate(body):
        if line in _TRAILERS:
            body = body[:index]
            break
    body, edited = _latest_version(body)
    text = "\n".join(body)
    phrases = platform_phrases("imessage")
    if phrases["deleted"].fullmatch(text):
        yield ChatMessage(timestamp, sender, "", "deleted", number, edited)
    elif body and all(phrases["attachment_line"].fullmatch(line) for line in body):
        yield ChatMessage(timestamp, sender, "", "media", number, edited)
    else:
        yield ChatMessage(timestamp, sender, text, "text", number, edited)


def _latest_version(body: list[str]) -> tuple[list[str], bool]:
    """The lines of the last version of an edited message (and True), or the body unchanged."""
    original = _DATE.match(body[0].lstrip(" ")) if body else None
    if original is None:
        return body, False
    latest = [original["tail"].strip()]
    for line in body[1:]:
        edit = _EDIT.match(line)
        latest = [edit[1]] if edit else latest + [line]
    return latest, True
