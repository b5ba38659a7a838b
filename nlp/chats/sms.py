"""Android text messages backed up by "SMS Backup & Restore" (XML).

The owner of the phone has no name in the file, so their messages get the
sender "Me". Backups written by Signal/Silence encode emoji as two numeric
surrogate entities, which XML parsers reject; they are joined first.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator

from nlp.chats._io import ParseContext, Source, chronological, decode_document, utc_from_epoch
from nlp.chats.model import ChatMessage
from nlp.errors import ChatFormatError, where

_SURROGATE_PAIR = re.compile(r"&#(5[5-6]\d{3});&#(5[6-7]\d{3});")
_SENT_TYPES = {"2", "4", "5", "6"}
_OWNER = "Me"


def _join_surrogates(match: re.Match[str]) -> str:
    high, low = int(match[1]), int(match[2])
    if 0xD800 <= high <= 0xDBFF and 0xDC00 <= low <= 0xDFFF:
        return f"&#{0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)};"
    return match[0]


def _value(element: ElementTree.Element, key: str) -> str | None:
    value = element.get(key)
    return None if value in (None, "null") else value


def parse(files: list[Source], ctx: ParseContext) -> Iterator[ChatMessage]:
    messages: list[ChatMessage] = []
    for source in files:
        text = _SURROGATE_PAIR.sub(_join_surrogates, decode_document(source.read_bytes(), source, ctx.report))
        try:
            root = ElementTree.fromstring(text)
        except ElementTree.ParseError as exc:
            line, column = exc.position
            raise ChatFormatError(f"{where(source.name, line)}: invalid XML at column {column} ({exc.msg})") from None
        for index, element in enumerate(root):
            message = _message(element, index)
            if message is None:
                ctx.report(source.name, None, f"element {index + 1} <{element.tag}> is not a readable message")
            else:
                messages.append(message)
    yield from chronological(messages)


def _message(element: ElementTree.Element, index: int) -> ChatMessage | None:
    date = _value(element, "date")
    if date is None or not date.isdigit():
        return None
    timestamp = utc_from_epoch(int(date) / 1000)
    if element.tag == "sms":
        sent = element.get("type") in _SENT_TYPES
        sender = _OWNER if sent else (_value(element, "contact_name") or _value(element, "address"))
        return ChatMessage(timestamp, sender, _value(element, "body") or "", "text", index)
    if element.tag == "mms":
        parts = element.findall("./parts/part")
        texts = [p.get("text", "") for p in parts if p.get("ct") == "text/plain"]
        media = any(p.get("ct", "").split("/")[0] in ("image", "video", "audio") for p in parts)
        if element.get("msg_box") == "2":
            sender = _OWNER
        else:
            senders = [a.get("address") for a in element.findall("./addrs/addr") if a.get("type") == "137"]
            sender = senders[0] if senders else _value(element, "address")
        return ChatMessage(timestamp, sender, "\n".join(texts), "media" if media else "text", index)
    return None
