"""Reading export files safely: containers, encodings, JSON errors, ordering.

Every failure a user can cause (a missing file, a broken zip, invalid UTF-8,
truncated JSON) is turned into a ``ChatFormatError`` or a reported problem here,
so the format parsers never leak a traceback from the standard library.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

from nlp.chats.model import ChatMessage
from nlp.errors import ChatFormatError, where
from nlp.files import special_file
from nlp.limits import LINE_BYTES, UNZIPPED_BYTES, ZIP_RATIO, ZIP_RATIO_FROM_BYTES, csv_rows, limit, size_text

Report = Callable[[str, "int | None", str], None]
"""Called as ``report(source_name, line, reason)`` for a record that could not be used."""


@dataclass
class ParseContext:
    """What a format parser needs besides the files: user options and where to report."""

    report: Report
    root: Path
    date_order: str | None = None
    text_col: str | None = None
    sender_col: str | None = None
    time_col: str | None = None
    notes: list[str] = field(default_factory=list)

# Zip tools on macOS add resource forks that look like chat files but are binary.
_ZIP_JUNK = re.compile(r"(^|/)(__MACOSX/|\._)")


@dataclass(frozen=True)
class Source:
    """One file of an export, on disk or inside a zip, with a name fit for error messages."""

    path: Path
    member: str | None = None

    @property
    def name(self) -> str:
        return f"{self.path}:{self.member}" if self.member else str(self.path)

    @property
    def basename(self) -> str:
        return (self.member or self.path.name).rsplit("/", 1)[-1]

    def open_binary(self) -> IO[bytes]:
        """The file's bytes; a zip entry is unpacked as it is read, within the limits of ``nlp.limits``."""
        if self.member is None:
            try:
                return open(self.path, "rb")
            except OSError as exc:
                raise ChatFormatError(f"{where(self.path)}: cannot read file ({exc.strerror})") from None
        archive = open_zip(self.path)
        try:
            info = archive.getinfo(self.member)
            return io.BufferedReader(_UnpackingBudget(archive.open(info), self.name, info.compress_size))
        except (zipfile.BadZipFile, OSError, RuntimeError, KeyError) as exc:
            raise ChatFormatError(f"{self.name}: cannot read this zip entry ({exc})") from None

    def read_bytes(self) -> bytes:
        with self.open_binary() as handle:
            try:
                return handle.read()
            except (zipfile.BadZipFile, OSError, EOFError) as exc:
                raise ChatFormatError(f"{self.name}: the file is damaged ({exc})") from None


class _UnpackingBudget(io.RawIOBase):
    """A zip entry that stops with a ChatFormatError once it unpacks to more than the limits allow.

    The sizes a zip declares can lie, so the bytes actually unpacked are
    counted: a zip bomb is refused after reading a bounded amount, never held.
    """

    def __init__(self, entry: IO[bytes], name: str, packed_size: int) -> None:
        self._entry = entry
        self._name = name
        self._unpacked = 0
        self._most = limit(UNZIPPED_BYTES)
        self._ratio = limit(ZIP_RATIO)
        self._most_for_ratio = max(ZIP_RATIO_FROM_BYTES, self._ratio * packed_size)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        try:
            data = self._entry.read(len(buffer))
        except (zipfile.BadZipFile, EOFError, zlib.error, OSError) as exc:
            raise ChatFormatError(f"{self._name}: the file is damaged ({exc})") from None
        self._unpacked += len(data)
        if self._unpacked > self._most:
            raise ChatFormatError(
                f"{self._name}: unpacks to more than {size_text(self._most)}; "
                f"if this export is genuine, set {UNZIPPED_BYTES[0]} higher"
            )
        if self._unpacked > self._most_for_ratio:
            raise ChatFormatError(
                f"{self._name}: unpacks to more than {self._ratio} times its packed size, as a zip bomb does; "
                f"if this export is genuine, set {ZIP_RATIO[0]} higher"
            )
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._entry.close()
        super().close()


def open_zip(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise ChatFormatError(f"{where(path)}: not a valid zip archive (truncated or damaged download?)") from None
    except OSError as exc:
        raise ChatFormatError(f"{where(path)}: cannot read file ({exc.strerror})") from None


def container_files(path: Path) -> list[Source]:
    """The files an export consists of: itself, a zip's entries or a folder's files."""
    if not path.exists():
        raise ChatFormatError(f"{where(path)}: no such file or folder")
    kind = special_file(path)
    if kind is not None:
        raise ChatFormatError(f"{where(path)}: is {kind}, not a file or folder; give the exported file, zip or folder")
    if path.is_dir():
        return [Source(p) for p in sorted(path.rglob("*")) if p.is_file() and not _ZIP_JUNK.search(p.name)]
    if zipfile.is_zipfile(path):
        with open_zip(path) as archive:
            names = [i.filename for i in archive.infolist() if not i.is_dir()]
        return [Source(path, n) for n in sorted(names) if not _ZIP_JUNK.search(n)]
    return [Source(path)]


def relative_name(source: Source, root: Path) -> str:
    """The path inside the export, used to recognise layouts such as ``inbox/x/message_1.json``."""
    if source.member is not None:
        return source.member
    try:
        return source.path.relative_to(root).as_posix()
    except ValueError:
        return source.path.name


# ----------------------------------------------------------------------------- text


def _decode_line(raw: bytes, source: Source, number: int, report: Report) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        # Files re-saved by an editor mix encodings; Windows-1252 is by far the
        # usual culprit, and decoding it keeps the line instead of losing it.
        report(source.name, number, "not valid UTF-8; decoded as Windows-1252")
        return raw.decode("cp1252", errors="replace")


def iter_text_lines(source: Source, report: Report) -> Iterator[tuple[int, str]]:
    """Yield ``(line_number, text)`` without line endings, one line at a time.

    Streaming matters: a WhatsApp export can have a million lines. Undecodable
    lines are reported and still yielded so they are never silently dropped.
    A line longer than ``HORSEMEN_MAX_LINE_BYTES`` is cut there, reported, and
    the rest of it skipped without being held in memory.
    """
    most = limit(LINE_BYTES)
    with source.open_binary() as handle:
        try:
            if handle.peek(2)[:2] in (b"\xff\xfe", b"\xfe\xff"):
                text = io.TextIOWrapper(handle, encoding="utf-16", errors="replace")
                for number, (line, cut) in enumerate(_bounded_lines(text.readline, most, "\n"), 1):
                    if cut:
                        _report_cut(source, number, most, report)
                    yield number, line.rstrip("\r")
                return
            number = 0
            for raw, cut in _bounded_lines(handle.readline, most, b"\n"):
                number += 1
                if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                    raw = raw[3:]
                if cut:
                    _report_cut(source, number, most, report)
                    raw = _whole_characters(raw)
                if raw.endswith(b"\r"):
                    raw = raw[:-1]
                if b"\r" in raw:
                    # Old Mac files end lines with a lone CR; treat it as a line break.
                    parts = raw.split(b"\r")
                    if parts[-1] == b"":
                        parts.pop()
                    for extra, part in enumerate(parts):
                        yield number + extra, _decode_line(part, source, number + extra, report)
                    continue
                yield number, _decode_line(raw, source, number, report)
        except (zipfile.BadZipFile, EOFError, zlib.error) as exc:
            raise ChatFormatError(f"{source.name}: the file is damaged ({exc})") from None


def _bounded_lines(readline: Callable[[int], Any], most: int, newline: Any) -> Iterator[tuple[Any, bool]]:
    """``(line without its ending, cut)`` for each line, at most ``most`` long; the rest of a longer line is skipped."""
    while True:
        line = readline(most + 1)
        if not line:
            return
        if line.endswith(newline):
            yield line[: -len(newline)], False
        elif len(line) <= most:
            yield line, False  # the last line, without a line break
        else:
            rest = line
            while rest and not rest.endswith(newline):
                rest = readline(most)
            yield line[:most], True


def _whole_characters(raw: bytes) -> bytes:
    """``raw`` without a UTF-8 character that a cut left incomplete at its end."""
    lead = len(raw) - 1
    while lead >= 0 and lead > len(raw) - 4 and raw[lead] & 0xC0 == 0x80:
        lead -= 1
    if lead < 0 or raw[lead] < 0xC0:
        return raw
    needed = 2 if raw[lead] < 0xE0 else 3 if raw[lead] < 0xF0 else 4
    return raw[:lead] if len(raw) - lead < needed else raw


def _report_cut(source: Source, number: int, most: int, report: Report) -> None:
    report(
        source.name, number,
        f"line longer than {size_text(most)}; kept up to there (set {LINE_BYTES[0]} higher to read more)",
    )


def csv_rows_after_header(reader: Any, source: Source) -> Iterator[tuple[int, list[str]]]:
    """``(line, row)`` of a ``csv.reader`` over the lines after the header; a broken row is a ChatFormatError."""
    return csv_rows(reader, 1, lambda line, reason: ChatFormatError(f"{where(source.name, line)}: {reason}"))


def decode_document(data: bytes, source: Source, report: Report) -> str:
    """Decode a whole JSON/XML file, reporting the lines that are not UTF-8."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16", errors="replace").lstrip("\ufeff")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    lines = data.split(b"\n")
    return "\n".join(_decode_line(raw, source, n, report) for n, raw in enumerate(lines, 1)).lstrip("\ufeff")


def looks_binary(head: bytes) -> bool:
    """True for images, archives and other non-text files passed by mistake."""
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return bool(head) and controls / len(head) > 0.05


# ----------------------------------------------------------------------------- JSON

# Telegram Desktop writes control characters as \xHH, which is not JSON.
_BAD_HEX_ESCAPE = re.compile(r"(?<!\\)((?:\\\\)*)\\x([0-9A-Fa-f]{2})")


def load_json(source: Source, report: Report, *, fix_hex_escapes: bool = False) -> Any:
    text = decode_document(source.read_bytes(), source, report)
    if fix_hex_escapes and "\\x" in text:
        text = _BAD_HEX_ESCAPE.sub(r"\1\\u00\2", text)
    return parse_json_text(text, source.name)


def parse_json_text(text: str, name: str, line_offset: int = 0) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string"):
            problem = "the JSON ends too early (truncated file?)"
        else:
            problem = f"invalid JSON ({exc.msg})"
        raise ChatFormatError(f"{where(name, exc.lineno + line_offset)}: {problem} at column {exc.colno}") from None
    except RecursionError:
        raise ChatFormatError(f"{where(name)}: JSON nested too deeply to read") from None


def string(value: Any) -> str | None:
    """A field that should hold text: the string itself, or None when the export put anything else there."""
    return value if isinstance(value, str) else None


def nested(value: Any, *keys: str) -> Any:
    """``value[key1][key2]...``, or None as soon as a step is not an object holding that key."""
    for key in keys:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def repair_mojibake(text: str) -> str:
    """Undo Meta's UTF-8-read-as-Latin-1 encoding, one string at a time.

    Exports mix broken and already-correct strings, so a string is only
    re-decoded when that is possible; anything else is returned unchanged.
    """
    if text.isascii():
        return text
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


_PHRASES_FILE = Path(__file__).with_name("platform_phrases.json")


@lru_cache(maxsize=None)
def platform_phrases(app: str) -> dict[str, re.Pattern[str]]:
    """One compiled whole-text regex per kind, from the app's section of platform_phrases.json."""
    section = json.loads(_PHRASES_FILE.read_text(encoding="utf-8"))[app]
    return {kind: re.compile("|".join(f"(?:{p})" for p in patterns)) for kind, patterns in section.items()}


# ----------------------------------------------------------------------------- time and order


def utc_from_epoch(seconds: float) -> datetime | None:
    try:
        return datetime.fromtimestamp(seconds, tz=timezone.utc)
    except (OverflowError, OSError, ValueError):
        return None


def _order_key(timestamp: datetime) -> datetime:
    # Naive (local) and aware times can meet in one export; compare them on one axis.
    if timestamp.tzinfo is not None:
        return timestamp.astimezone(timezone.utc).replace(tzinfo=None)
    return timestamp


def chronological(messages: Iterable[ChatMessage]) -> list[ChatMessage]:
    """Stable sort by time; undated records stay right after their predecessor."""
    keyed = []
    last = datetime.min
    for index, message in enumerate(messages):
        if message.timestamp is not None:
            last = _order_key(message.timestamp)
        keyed.append((last, index, message))
    keyed.sort(key=lambda item: (item[0], item[1]))
    return [message for _, _, message in keyed]


def reorder_window(messages: Iterable[ChatMessage], window: int = 5000) -> Iterator[ChatMessage]:
    """Sort a stream that is almost in order, holding at most ``window`` messages.

    Line exports are written in order except for clock changes and edits, so
    each message is usually appended at the end of a bounded buffer; the rare
    late one is inserted a few places back. Memory stays flat for a million
    messages. Undated messages keep their place after their predecessor.
    """
    buffer: deque[tuple[datetime, ChatMessage]] = deque()
    last = datetime.min
    for message in messages:
        timestamp = message.timestamp
        if timestamp is not None:
            last = timestamp if timestamp.tzinfo is None else _order_key(timestamp)
        if not buffer or buffer[-1][0] <= last:
            buffer.append((last, message))
        else:
            position = len(buffer) - 1
            while position > 0 and buffer[position - 1][0] > last:
                position -= 1
            buffer.insert(position, (last, message))
        if len(buffer) > window:
            yield buffer.popleft()[1]
    while buffer:
        yield buffer.popleft()[1]
