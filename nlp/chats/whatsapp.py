"""WhatsApp "Export chat" text files (Android and iOS, any language), plain or zipped.

A WhatsApp export has no schema: every message starts with a localized
date/time header and everything else is a continuation line. The parser
therefore reads a file twice. The first pass fixes the one header layout used
by the file (so a pasted line from another chat stays text) and gathers the
evidence for the day/month order and the set of author names. The second pass
streams messages, so memory does not grow with the length of the chat.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from nlp.chats._io import ParseContext, Source, iter_text_lines, reorder_window
from nlp.chats.model import ChatMessage
from nlp.errors import ChatFormatError, where

_MARKS = "\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\u2060\u200b"
_INV = f"[{_MARKS}]*"
_SP = "[ \u00a0\u202f\u2009]"
_LEADING_MARKS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\u2060\u200b"
_CJK_DAY_PERIODS = "上午|下午|午前|午後|오전|오후"

# Names of the text file inside WhatsApp's zip, per app language.
CHAT_FILE_NAMES = re.compile(
    r"(^|/)(_chat\.txt|WhatsApp Chat.*\.txt|Chat de WhatsApp.*\.txt|Discussion WhatsApp.*\.txt"
    r"|Conversa do WhatsApp.*\.txt|Chat WhatsApp.*\.txt|WhatsApp-chat.*\.txt|WhatsApp.*\.txt)$",
    re.IGNORECASE,
)
_DATA_FILE = Path(__file__).with_name("whatsapp_locales.json")
_SURVEY_SAMPLE = 2000
_MAX_NAME_LENGTH = 80


class Layout(NamedTuple):
    """The header shape one export uses throughout; other shapes are continuation text."""

    bracket: bool
    date_separator: str
    year_first: bool
    four_digit_year: bool
    seconds: bool
    time_separator: str
    day_period: bool
    period_first: bool
    separator: str  # "dash", "colon" or "space"


@dataclass
class _Phrases:
    header_loose: re.Pattern[str]
    day_period_alternation: str
    am: frozenset[str]
    pm: frozenset[str]
    night: frozenset[str]
    placeholder_texts: dict[str, str]
    placeholder_prefixes: tuple[str, ...]
    placeholder_patterns: list[tuple[tuple[str, ...], re.Pattern[str], str]]
    placeholder_suffixes: dict[str, str]
    placeholder_suffix_tuple: tuple[str, ...]
    attachment_suffixes: tuple[str, ...]
    attachment_prefixes: tuple[str, ...]
    edited_markers: tuple[str, ...]
    poll_markers: tuple[str, ...]
    start_gate: tuple[str, ...]
    end_gate: tuple[str, ...]
    notice: re.Pattern[str]
    notice_keywords: re.Pattern[str]
    marked_notice: re.Pattern[str]
    action: re.Pattern[str]
    you_words: tuple[str, ...]


def _spaces(pattern: str) -> str:
    return pattern.replace(" ", _SP)


def _alternation(entries: list[dict[str, str]]) -> str:
    return "|".join(f"(?:{_spaces(e['pattern'])})" for e in entries)


@lru_cache(maxsize=256)
def _period_key(word: str) -> str:
    return re.sub(f"[{_MARKS} .\u00a0\u202f]", "", word).lower()


@lru_cache(maxsize=1)
def phrases() -> _Phrases:
    data = json.loads(_DATA_FILE.read_text(encoding="utf-8"))
    periods = data["am_pm"]
    words = sorted({w for group in periods.values() for w in group}, key=len, reverse=True)
    period_alternation = "|".join(_spaces(re.escape(w).replace("\\ ", " ")) for w in words)
    patterns = [
        (tuple(e["prefixes"]), re.compile(_spaces(e["pattern"])), e["kind"]) for e in data["placeholder_patterns"]
    ]
    return _Phrases(
        header_loose=re.compile(_header_pattern(None, period_alternation)),
        day_period_alternation=period_alternation,
        am=frozenset(_period_key(w) for w in periods["am"]),
        pm=frozenset(_period_key(w) for w in periods["pm"]),
        night=frozenset(_period_key(w) for w in periods["night"]),
        placeholder_texts={text: kind for kind, texts in data["placeholder_texts"].items() for text in texts},
        placeholder_prefixes=tuple(prefix for prefixes, _, _ in patterns for prefix in prefixes),
        placeholder_patterns=patterns,
        placeholder_suffixes={e["suffix"]: e["kind"] for e in data["placeholder_suffixes"]},
        placeholder_suffix_tuple=tuple(e["suffix"] for e in data["placeholder_suffixes"]),
        attachment_suffixes=tuple(data["attachment_first_line_suffixes"]),
        attachment_prefixes=tuple(data["attachment_prefixes"]),
        edited_markers=tuple(data["edited_markers"]),
        poll_markers=tuple(data["poll_markers"]),
        start_gate=tuple(
            [x for e in data["placeholder_patterns"] for x in e["prefixes"]]
            + data["attachment_prefixes"] + data["poll_markers"]
        ),
        end_gate=tuple(data["attachment_first_line_suffixes"] + [e["suffix"] for e in data["placeholder_suffixes"]]),
        notice=re.compile(_alternation(data["notices"])),
        notice_keywords=_keyword_search([k for e in data["notices"] for k in e["keywords"]]),
        marked_notice=re.compile(_alternation(data["marked_notices"])),
        action=re.compile(_alternation(data["actions"])),
        you_words=tuple(w + " " for w in data["you"]),
    )


def _keyword_search(keywords: list[str]) -> re.Pattern[str]:
    """A regex finding any of ``keywords``, cheap enough to run on every message.

    Python's re tries each alternative of a flat alternation at every position
    (150 keywords cost more than parsing the line), so the keywords are merged
    into a trie of shared prefixes, and keywords that start with a letter of a
    spaced script are tried only where a word starts.
    """
    def trie(words: list[str]) -> str:
        root: dict = {}
        for word in words:
            node = root
            for char in word:
                node = node.setdefault(char, {})
            node[""] = {}

        def build(node: dict) -> str:
            branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
            if not branches:
                return ""
            body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
            return f"(?:{body})?" if "" in node else body

        return build(root)

    unique = sorted(set(keywords))
    at_word_start = [k for k in unique if re.match(r"\w", k) and k[0] < "\u3000"]
    anywhere = [k for k in unique if k not in at_word_start]  # punctuation, or CJK (no spaces between words)
    parts = ([f"\\b{trie(at_word_start)}"] if at_word_start else []) + ([trie(anywhere)] if anywhere else [])
    return re.compile("|".join(parts))


def _header_pattern(layout: Layout | None, periods: str) -> str:
    """The header regex: loose (any layout, named groups) or one layout (positional groups).

    The positional form always has the same 9 groups (empty when the layout
    lacks a part) so the hot loop can unpack ``match.groups()`` directly.
    """
    sep1 = f"(?:,?{_SP}+|,?{_SP}[^\\d\\s\\[\\]]{{1,6}}{_SP})"
    if layout is None:
        return (
            f"^{_INV}(?P<ob>\\[)?{_INV}"
            f"(?P<d1>\\d{{1,4}})(?P<ds>[./-]){_SP}?(?P<d2>\\d{{1,4}})(?P=ds){_SP}?(?P<d3>\\d{{1,4}})\\.?"
            f"{sep1}(?:(?P<pre>{_CJK_DAY_PERIODS}){_SP}?)?"
            f"(?P<H>\\d{{1,2}})(?P<ts>[:.])(?P<M>\\d{{2}})(?:(?P=ts)(?P<S>\\d{{2}}))?"
            f"(?:{_SP}?(?P<ap>(?i:{periods})))?{_INV}(?P<cb>\\])?"
            f"(?P<s2>(?(cb){_SP}|(?:{_SP}?[-\u2013]{_SP}|:{_SP})))(?P<rest>.*)"
        )
    ds = re.escape(layout.date_separator)
    ts = re.escape(layout.time_separator)
    year = r"(\d{4})" if layout.four_digit_year else r"(\d{2})"
    small = r"(\d{1,2})"
    first, third = (year, small) if layout.year_first else (small, year)
    date = f"{first}{ds}{_SP}?{small}{ds}{_SP}?{third}\\.?"
    pre = f"(?:({_CJK_DAY_PERIODS}){_SP}?)" if layout.day_period and layout.period_first else "()"
    seconds = f"(?:{ts}(\\d{{2}}))" if layout.seconds else "()"
    after = f"(?:{_SP}?((?i:{periods})))" if layout.day_period and not layout.period_first else "()"
    separator = {"dash": f"{_SP}?[-\u2013]{_SP}", "colon": f":{_SP}", "space": _SP}[layout.separator]
    open_bracket, close_bracket = (f"\\[{_INV}", f"{_INV}\\]") if layout.bracket else ("", "")
    return (
        f"^{_INV}{open_bracket}{date}{sep1}{pre}(\\d{{1,2}}){ts}(\\d{{2}}){seconds}{after}"
        f"{close_bracket}{separator}(.*)"
    )


def _layout_of(match: re.Match[str]) -> Layout:
    d1, d3 = match["d1"], match["d3"]
    year_first = len(d1) >= 3 or int(d1) > 31
    year = d1 if year_first else d3
    s2 = match["s2"].strip(" \u00a0\u202f\u2009")
    separator = "dash" if s2 in ("-", "\u2013") else "colon" if s2 == ":" else "space"
    return Layout(
        bracket=bool(match["ob"] and match["cb"]),
        date_separator=match["ds"],
        year_first=year_first,
        four_digit_year=len(year) == 4,
        seconds=match["S"] is not None,
        time_separator=match["ts"],
        day_period=bool(match["pre"] or match["ap"]),
        period_first=bool(match["pre"]),
        separator=separator,
    )


def header_layouts(lines: list[str]) -> Counter[Layout]:
    """Count header layouts in sample lines; used by format detection too."""
    loose = phrases().header_loose
    found: Counter[Layout] = Counter()
    for line in lines:
        match = loose.match(line)
        if match:
            found[_layout_of(match)] += 1
    return found


# ----------------------------------------------------------------------------- survey


@dataclass
class _Survey:
    layout: Layout
    header: re.Pattern[str]
    day_first: bool | None  # None: year first
    authors: frozenset[str]
    colon_authors: frozenset[str]


class _DateEvidence:
    """Counts that tell day-first from month-first dates, gathered line by line."""

    def __init__(self) -> None:
        self.first_over_12 = self.second_over_12 = 0
        self.day_first_drops = self.month_first_drops = self.first_changes = self.second_changes = 0
        self.previous: tuple[str, str, str] | None = None
        self.previous_numbers = (0, 0, 0)

    def add(self, d1: str, d2: str, d3: str) -> None:
        if (d1, d2, d3) == self.previous:
            return
        self.previous = (d1, d2, d3)
        a, b, y = int(d1), int(d2), int(d3)
        self.first_over_12 += a > 12
        self.second_over_12 += b > 12
        pa, pb, py = self.previous_numbers
        if py:
            self.day_first_drops += (y, b, a) < (py, pb, pa)
            self.month_first_drops += (y, a, b) < (py, pa, pb)
            self.first_changes += a != pa
            self.second_changes += b != pb
        self.previous_numbers = (a, b, y)

    @property
    def conclusive(self) -> bool:
        return bool(self.first_over_12) != bool(self.second_over_12)


def _survey(source: Source, ctx: ParseContext) -> _Survey:
    """Fix the header layout, the date order and the known author names.

    The first lines decide the layout. Dates are read until one above 12
    settles the order (a month cannot exceed 12); a file without such a date
    is read to the end so monotonicity can decide. Author names come from the
    lines read here.
    """
    def ignore(*_: object) -> None:
        return None

    sample = []
    for _, line in iter_text_lines(source, ignore):
        if line.strip():
            sample.append(line)
            if len(sample) >= _SURVEY_SAMPLE:
                break
    layouts = header_layouts(sample)
    if not layouts:
        raise ChatFormatError(
            f"{where(source.name)}: no WhatsApp message header (date, time, name) found; "
            "is this a WhatsApp 'Export chat' file?"
        )
    layout = layouts.most_common(1)[0][0]
    header = re.compile(_header_pattern(layout, phrases().day_period_alternation))
    dates = _DateEvidence()
    authors: set[str] = set()
    colon_names: Counter[str] = Counter()

    settled_by_override = layout.year_first or ctx.date_order is not None
    for count, (_, line) in enumerate(iter_text_lines(source, ignore)):
        if count >= _SURVEY_SAMPLE and (settled_by_override or dates.conclusive):
            break
        match = header.match(line)
        if match is None:
            continue
        d1, d2, d3, _pre, _h, _m, _s, _ap, rest = match.groups()
        cut = rest.find(": ")
        if cut > 0:
            second = rest.find(": ", cut + 2)
            if second < 0:
                authors.add(rest[:cut])
            else:
                colon_names[rest[:second]] += 1
        elif rest.endswith(":"):
            authors.add(rest[:-1])
        if not layout.year_first:
            dates.add(d1, d2, d3)

    # A name containing ": " is believed only when it recurs and its first part
    # never writes on its own; otherwise the first ": " ends the name.
    colon_authors = frozenset(
        name for name, count in colon_names.items()
        if count > 1 and name.split(": ", 1)[0] not in authors and len(name) <= _MAX_NAME_LENGTH
    )
    day_first = None if layout.year_first else _decide_day_first(ctx, layout, source, dates)
    return _Survey(layout, header, day_first, frozenset(authors), colon_authors)


def _decide_day_first(ctx: ParseContext, layout: Layout, source: Source, dates: _DateEvidence) -> bool:
    """Day/month order: impossible values first, then which order keeps time moving forward."""
    if ctx.date_order is not None:
        return ctx.date_order == "dayfirst"
    if dates.first_over_12 or dates.second_over_12:
        return dates.first_over_12 >= dates.second_over_12
    if dates.day_first_drops != dates.month_first_drops:
        return dates.day_first_drops < dates.month_first_drops
    if dates.first_changes != dates.second_changes:
        # The day changes more often than the month.
        guess = dates.first_changes > dates.second_changes
    else:
        # No evidence in the dates at all: 12-hour clocks are mostly US (month first).
        guess = not layout.day_period or layout.date_separator == "."
    order = "day first" if guess else "month first"
    ctx.notes.append(
        f"{where(source.name)}: day/month order is ambiguous (no day above 12); assumed {order}. "
        "Pass date_order='dayfirst' or 'monthfirst' (CLI: --date-order) if dates look wrong."
    )
    return guess


# ----------------------------------------------------------------------------- messages


@lru_cache(maxsize=4096)
def _clean_name(raw: str) -> str:
    name = raw.strip(_LEADING_MARKS + " ").replace("\u00a0", " ").replace("\u202f", " ")
    if name.startswith("~"):
        name = name[1:].lstrip(" " + _LEADING_MARKS)
    return name


def _split_author(rest: str, survey: _Survey) -> tuple[str | None, str]:
    cut = rest.find(": ")
    if cut < 0:
        if rest.endswith(":") and 0 < len(rest) <= _MAX_NAME_LENGTH:
            return rest[:-1], ""
        for name in survey.authors:
            if rest.startswith(name + ":"):
                return name, rest[len(name) + 1:]
        return None, rest
    if cut > _MAX_NAME_LENGTH:
        return None, rest
    second = rest.find(": ", cut + 2)
    if second > 0 and survey.colon_authors:
        name = rest[:second]
        if name in survey.colon_authors:
            return name, rest[second + 2:]
    return rest[:cut], rest[cut + 2:]


def _poll_question(body: str) -> str:
    lines = body.split("\n")[1:]
    question = [line for line in lines if not re.match(r"^\S+ ?: .*\(\d+ \S+\)$", line)]
    while question and not question[-1]:
        question.pop()
    return "\n".join(question)


def classify(sender: str | None, text: str) -> tuple[str, str, bool]:
    """``(kind, text, edited)`` for one message body; placeholders become kinds.

    Every message of a chat passes through here, so the common case (plain
    text) is settled by a few ``startswith``/``endswith`` gates and one dict
    lookup before any regular expression runs.
    """
    p = phrases()
    marked = text.startswith("\u200e")
    body = text.lstrip("\u200e") if marked else text
    edited = False
    if body.endswith(">"):
        for marker in p.edited_markers:
            if body.endswith(marker):
                body = body[: -len(marker)].rstrip(_LEADING_MARKS)
                body, edited = (body[:-1] if body.endswith((" ", "\u00a0")) else body), True
                break
    if sender is None:
        return "system", body, edited
    if not body:
        return "other", "", edited
    kind = p.placeholder_texts.get(body)
    if kind is None and ("\u00a0" in body or "\u202f" in body):
        kind = p.placeholder_texts.get(body.replace("\u00a0", " ").replace("\u202f", " "))
    if kind is not None:
        return kind, "", edited
    if body.startswith(p.start_gate):
        if body.startswith(p.poll_markers):
            return "poll", _poll_question(body), edited
        for prefixes, pattern, kind in p.placeholder_patterns:
            if body.startswith(prefixes) and pattern.fullmatch(body):
                return kind, "", edited
    first_line, _, caption = body.partition("\n")
    if first_line.endswith(p.end_gate) or first_line.endswith(">"):
        if first_line.endswith(p.attachment_suffixes) or (
            first_line.startswith(p.attachment_prefixes) and first_line.endswith(">")
        ):
            return "media", caption, edited
        if not caption and body.endswith(p.placeholder_suffix_tuple):
            return next(kind for suffix, kind in p.placeholder_suffixes.items() if body.endswith(suffix)), "", edited
    if is_notice(body) or (marked and _is_marked_system(sender, body, p)):
        return "system", body, edited
    return "text", body, edited


def is_notice(text: str) -> bool:
    """Whether ``text`` is a system notice WhatsApp wrote (see "notices" in whatsapp_locales.json).

    One keyword search settles almost every message; the notice patterns
    run only on the few that contain a keyword.
    """
    p = phrases()
    return p.notice_keywords.search(text) is not None and p.notice.fullmatch(text) is not None


def _is_marked_system(sender: str, body: str, p: _Phrases) -> bool:
    """iOS writes system events with an author prefix and a U+200E before the text."""
    if p.marked_notice.fullmatch(body):
        return True
    for actor in (sender + " ", "~ " + sender + " ", "~\u202f" + sender + " ", *p.you_words):
        if body.startswith(actor):
            return bool(p.action.fullmatch(body[len(actor):]))
    return False


class _Clock:
    """Turns header fields into datetimes, caching dates because thousands of lines share one."""

    def __init__(self, survey: _Survey) -> None:
        self.year_first = survey.day_first is None
        self.day_first = bool(survey.day_first)
        self.dates: dict[tuple[str, str, str], tuple[int, int, int]] = {}
        self.hours: dict[tuple[str, str], int] = {}
        p = phrases()
        self.am, self.pm, self.night = p.am, p.pm, p.night

    def date(self, d1: str, d2: str, d3: str) -> tuple[int, int, int]:
        a, b, c = int(d1), int(d2), int(d3)
        if self.year_first:
            found = (a, b, c)
        else:
            year = c + 2000 if c < 100 else c
            found = (year, b, a) if self.day_first else (year, a, b)
        self.dates[(d1, d2, d3)] = found
        return found

    def hour(self, hour_text: str, period: str) -> int:
        hour = int(hour_text)
        key = _period_key(period)
        if key in self.am:
            hour = 0 if hour == 12 else hour
        elif key in self.pm:
            hour = hour + 12 if hour < 12 else hour
        elif key in self.night:
            hour = hour + 12 if 6 <= hour < 12 else (0 if hour == 12 else hour)
        self.hours[(hour_text, period)] = hour
        return hour


def parse(files: list[Source], ctx: ParseContext) -> Iterator[ChatMessage]:
    chats = [f for f in files if f.basename.lower().endswith(".txt")]
    if len(files) > 1:
        named = [f for f in chats if CHAT_FILE_NAMES.search(f.member or f.path.name)]
        chats = named or chats
    if not chats:
        raise ChatFormatError(f"{where(ctx.root)}: no WhatsApp chat (.txt) file found in this archive or folder")
    for source in chats:
        yield from reorder_window(_parse_file(source, ctx, chat=source.basename if len(chats) > 1 else None))


_HEADER_START = frozenset("0123456789[" + _LEADING_MARKS)


def _parse_file(source: Source, ctx: ParseContext, chat: str | None) -> Iterator[ChatMessage]:
    survey = _survey(source, ctx)
    clock = _Clock(survey)
    dates, hours = clock.dates, clock.hours
    loose_match = phrases().header_loose.match
    header_match = survey.header.match
    report = ctx.report
    name = source.name

    start_line = 0
    timestamp: datetime | None = None
    previous_fields: tuple[str, ...] = ()
    rest = ""
    continuation: list[str] = []

    def finish() -> ChatMessage:
        author, body = _split_author(rest, survey)
        if continuation:
            while continuation and not continuation[-1].strip():
                continuation.pop()
            body = "\n".join([body, *continuation]) if continuation else body
        sender = _clean_name(author) if author is not None else None
        kind, body, edited = classify(sender, body)
        return ChatMessage(timestamp, None if kind == "system" else sender, body, kind, start_line, edited, chat)

    for number, line in iter_text_lines(source, report):
        match = header_match(line) if line[:1] in _HEADER_START else None
        if match is None:
            if start_line:
                if line[:1] in _HEADER_START and loose_match(line):
                    report(name, number, "looks like a message header in another layout; kept as text of the previous message")
                continuation.append(line)
            elif line.strip(_LEADING_MARKS + " \t"):
                report(name, number, "text before the first message header")
            continue
        if start_line:
            yield finish()
        *fields, rest = match.groups()
        start_line = number
        continuation = []
        if fields == previous_fields:
            continue
        previous_fields = fields
        d1, d2, d3, pre, hour, minute, second, period = fields
        try:
            year, month, day = dates.get((d1, d2, d3)) or clock.date(d1, d2, d3)
            h = (hours.get((hour, pre or period)) or clock.hour(hour, pre or period)) if (pre or period) else int(hour)
            timestamp = datetime(year, month, day, h, int(minute), int(second) if second else 0)
        except ValueError:
            timestamp = None
            report(name, number, "impossible date or time in header; message kept without a timestamp")
    if start_line:
        yield finish()
