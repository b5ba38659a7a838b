"""Recognising an export's format from its content, so users need not name it.

Checks look at the container layout first (zip or folder), then at the first
64 KB of a file, most specific format first; a wrong guess is worse than an
error, so anything unrecognised fails with the list of formats to choose from.
"""

from __future__ import annotations

import re
from pathlib import Path

from nlp.chats import whatsapp
from nlp.chats._io import Source, container_files, looks_binary, relative_name
from nlp.errors import ChatFormatError, where

SUPPORTED_FORMATS = (
    "whatsapp", "telegram", "messenger", "instagram", "discord", "signal", "slack", "csv", "jsonl",
    "line", "imessage", "sms", "googlechat", "hangouts",
)

_HEAD_BYTES = 65536
_META_THREAD = re.compile(r"(^|/)message_\d+\.json$")
_SLACK_DAY = re.compile(r"(^|/)\d{4}-\d{2}-\d{2}\.json$")
_SIGNAL_MD = re.compile(r"^\[\d{4}-\d{2}-\d{2}(,)? \d{2}:\d{2}(?::\d{2})?\] [^\n]*?: ?")
_SIGTOP_SHORT = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2} [^:\n]{1,80}: ")
_LINE_FIRST = re.compile(r"^(\[LINE\]|Chat history (with|in) |.+とのトーク履歴|.+のトーク履歴)")
_LINE_MESSAGE = re.compile(r"^(?:[上下]午|午[前後])?\d{1,2}:\d{2}(?:[ap]m)?\t")
_IMESSAGE_HEADER = re.compile(r"^[A-Z][a-z]{2} \d{1,2}, \d{4} {1,2}\d{1,2}:\d{2}:\d{2} [AP]M")
_JSON_ARRAY = re.compile(r'\[\s*[{\["\]]')
_TELEGRAM_TYPE = re.compile(r'"type"\s*:\s*"(message|service)"')


def unknown_format_error(path: Path | str, detail: str = "") -> ChatFormatError:
    return ChatFormatError(
        f"{where(path)}: cannot recognise the chat export format{detail}. "
        f"Supported formats: {', '.join(SUPPORTED_FORMATS)}. "
        "Pass --format NAME (format=NAME in Python) to choose one."
    )


def detect_format(path: str | Path) -> str:
    """The format name of an export file, zip or folder; ``ChatFormatError`` if unknown."""
    path = Path(path)
    files = container_files(path)
    if not files:
        raise ChatFormatError(f"{where(path)}: the folder or zip is empty")
    if path.is_dir() or files[0].member is not None:
        return _detect_container(path, files)
    return _detect_file(files[0], path)


def _detect_container(root: Path, files: list[Source]) -> str:
    names = [relative_name(f, root) for f in files]
    lowered = [n.lower() for n in names]
    if any(n.endswith("channels.json") or n.endswith("users.json") for n in lowered) and any(
        _SLACK_DAY.search(n) for n in names
    ):
        return "slack"
    if any(_META_THREAD.search(n) for n in names):
        return "instagram" if any("instagram" in n for n in lowered) or "instagram" in str(root).lower() else "messenger"
    if any(n.endswith("result.json") for n in lowered):
        return "telegram"
    if any(n.endswith("hangouts.json") for n in lowered):
        return "hangouts"
    if any(n.endswith("messages.json") for n in lowered) and any(n.endswith("group_info.json") for n in lowered):
        return "googlechat"
    texts = [f for f in files if f.basename.lower().endswith(".txt")]
    if any(whatsapp.CHAT_FILE_NAMES.search(n) for n in names) or any(
        _sniff_text(f) == "whatsapp" for f in texts[:20]
    ):
        return "whatsapp"
    if len(files) == 1:
        return _detect_file(files[0], root)
    raise unknown_format_error(root, " (no chat file found in this zip or folder)")


def _read_head(source: Source) -> bytes:
    with source.open_binary() as handle:
        try:
            return handle.read(_HEAD_BYTES)
        except (OSError, EOFError) as exc:
            raise ChatFormatError(f"{source.name}: the file is damaged ({exc})") from None


def _decode_head(head: bytes) -> str:
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return head.decode("utf-16", errors="replace").lstrip("\ufeff")
    return head.decode("utf-8", errors="replace").lstrip("\ufeff")


def _detect_file(source: Source, path: Path) -> str:
    head = _read_head(source)
    if not head.strip():
        raise ChatFormatError(f"{source.name}: the file is empty")
    if looks_binary(head):
        raise unknown_format_error(source.name, " (this is a binary file, not a text or JSON export)")
    text = _decode_head(head).lstrip()
    lowered_name = source.basename.lower()
    if text.startswith("{") or _JSON_ARRAY.match(text):
        found = _sniff_json(text, str(path).lower())
        if found:
            return found
        if lowered_name.endswith((".jsonl", ".ndjson")):
            return "jsonl"
        raise unknown_format_error(source.name, " (JSON without the fields of a known chat app)")
    if text.startswith("<"):
        if "<smses" in text[:4096] or "<sms " in text:
            return "sms"
        if "<html" in text[:4096].lower():
            raise ChatFormatError(
                f"{source.name}: HTML exports are not supported; download the JSON version of your data instead"
            )
    found = _sniff_text_head(text)
    if found:
        return found
    if lowered_name.endswith((".csv", ".tsv")):
        return "csv"
    raise unknown_format_error(source.name)


def _sniff_json(text: str, lowered_path: str) -> str | None:
    first_line = text.split("\n", 1)[0].strip()
    if first_line.startswith("{") and first_line.endswith("}") and "\n{" in text:
        if all(f'"{key}"' in first_line for key in ("date", "sender", "body")):
            return "signal"
        return "jsonl"
    if '"sender_name"' in text and '"timestamp_ms"' in text:
        return "instagram" if '"is_geoblocked_for_viewer"' in text or "instagram" in lowered_path else "messenger"
    if '"senderName"' in text and '"timestamp"' in text:
        return "messenger"
    if '"guild"' in text and '"channel"' in text and '"messages"' in text:
        return "discord"
    if '"chats"' in text and '"list"' in text:
        return "telegram"
    if '"messages"' in text and (_TELEGRAM_TYPE.search(text) or '"date_unixtime"' in text):
        return "telegram"
    if '"conversations"' in text and '"events"' in text:
        return "hangouts"
    if '"created_date"' in text and '"creator"' in text:
        return "googlechat"
    if text.startswith("[") and '"ts"' in text and '"type": "message"' in text.replace('":"', '": "'):
        return "slack"
    return None


def _sniff_text(source: Source) -> str | None:
    head = _read_head(source)
    if looks_binary(head):
        return None
    return _sniff_text_head(_decode_head(head))


def _sniff_text_head(text: str) -> str | None:
    lines = text.split("\n")
    if len(text) >= _HEAD_BYTES - 8:
        lines = lines[:-1]  # the last line may be cut in the middle
    lines = [line.rstrip("\r") for line in lines]
    nonblank = [line for line in lines if line.strip()][:200]
    if not nonblank:
        return None
    first = nonblank[0]
    if first.startswith("Conversation: ") and any(line.startswith("From: ") for line in nonblank):
        return "signal"
    if _SIGTOP_SHORT.match(first):
        return "signal"
    if first.startswith(("AuthorID,Author,Date,Content", "Author,Date,Content", "Author;Date;Content")):
        return "discord"
    if first.startswith("=" * 10) and any(line.startswith("Guild: ") for line in nonblank[:5]):
        raise ChatFormatError(
            "DiscordChatExporter TXT exports depend on the exporter's locale and are not supported; "
            "export as JSON (or CSV) instead"
        )
    if _LINE_FIRST.match(first) or sum(1 for line in nonblank if _LINE_MESSAGE.match(line)) >= len(nonblank) / 3:
        return "line"
    if _IMESSAGE_HEADER.match(first):
        return "imessage"
    signal_headers = [line for line in nonblank if _SIGNAL_MD.match(line)]
    if signal_headers and _SIGNAL_MD.match(first):
        # WhatsApp in ISO-date locales writes the same header; signal-export
        # follows every message with a blank line, WhatsApp never does.
        blank_after = sum(
            1 for i, line in enumerate(lines[:-1]) if _SIGNAL_MD.match(line) and not lines[i + 1].strip()
        )
        if any(_SIGNAL_MD.match(line).group(1) for line in signal_headers) or blank_after >= len(signal_headers) / 2:
            return "signal"
    layouts = whatsapp.header_layouts(nonblank[:200])
    matched = sum(layouts.values())
    if matched and (matched >= len(nonblank[:200]) * 0.3 or whatsapp.header_layouts(nonblank[:1])):
        return "whatsapp"
    return None
