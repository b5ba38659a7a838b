"""The part of a message that is prose: what a person wrote to the other, not what they pasted.

Links, inline code and code blocks, quoted replies ("> ..." lines) and
forwarded blocks are not the writer speaking to the reader, yet their words
and punctuation look like markers to a model trained on prose: a code block's
backticks and brackets, a link's path, a quoted insult. ``prose_view`` blanks
them out with spaces of the same length, so every character offset into the
message stays valid for highlights. A message with no letters left (emoji-only
or number-only reactions, a bare link) has no prose: it is never flagged.
"""

from __future__ import annotations

import re

# Links, written out or as the SMS collections' masked "<URL>" (HTML-escaped there).
_LINK = re.compile(r"(?:https?://|www\.)\S+|&lt;URL&gt;|<URL>", re.IGNORECASE)
# The collections' masked numbers, "<#>".
_MASKED_NUMBER = re.compile(r"&lt;#&gt;|<#>")
_CODE_BLOCK = re.compile(r"```.*?(?:```|\Z)", re.DOTALL)
_INLINE_CODE = re.compile(r"`[^`\n]+`")
_QUOTED_LINE = re.compile(r"^[ \t]*>[^\n]*", re.MULTILINE)
# Everything from a forwarded-message header to the end of the message.
_FORWARDED = re.compile(r"^[ \t]*-*[ \t]*(?:Forwarded message|Begin forwarded message)\b.*", re.MULTILINE | re.DOTALL | re.IGNORECASE)
_NON_PROSE = (_CODE_BLOCK, _INLINE_CODE, _FORWARDED, _QUOTED_LINE, _LINK, _MASKED_NUMBER)
_LETTER = re.compile(r"[^\W\d_]")


def prose_view(text: str) -> str:
    """``text`` with every non-prose part replaced by spaces (line breaks kept): same length, same offsets."""
    if not _may_hold_non_prose(text):  # most messages: a few substring tests, no regex
        return text
    for pattern in _NON_PROSE:
        text = pattern.sub(_blank, text)
    return text


def has_prose(text: str) -> bool:
    """Whether any letter is left: emoji, numbers and punctuation alone are a reaction, not a sentence."""
    return _LETTER.search(text) is not None


def _may_hold_non_prose(text: str) -> bool:
    return (
        "`" in text
        or "://" in text
        or "www." in text
        or ">" in text
        or "&lt;" in text
        or "orwarded message" in text
        or "ORWARDED MESSAGE" in text
    )


def _blank(match: re.Match) -> str:
    return "".join("\n" if character == "\n" else " " for character in match.group())
