"""Property: the WhatsApp parser never raises on arbitrary lines and never loses one.

Every input line must end up as the header of a message, inside the text of
the message it continues, in a reported problem, or be blank (blank lines
before the first message and at the end of a message carry nothing).
"""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from nlp.chats import open_chat
from nlp.errors import ChatFormatError

_HEADERS = [
    "1/2/23, 9:0{d} PM - Ann: ", "[03.04.22, 10:1{d}:00] Bo: ", "2023/5/{d} 16:13 - ", "\u200e[1/4/23, 7:0{d}:15\u202fPM] Cy: ",
]
_MARKS = re.compile("[\ufeff\u200e\u200f]")
_fragments = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"),
                      max_size=40)
_lines = st.one_of(
    _fragments,
    st.builds(lambda h, d, t: h.format(d=d) + t, st.sampled_from(_HEADERS), st.integers(1, 9), _fragments),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(_lines, min_size=1, max_size=25))
@example(lines=["0/0/00 0:00PM- ", "\x1f"])  # a trailing line of a control character Python counts as whitespace
def test_every_line_is_accounted_for(tmp_path: Path, lines: list[str]) -> None:
    path = tmp_path / "chat.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    reader = open_chat(path, format="whatsapp")
    try:
        messages = list(reader)
    except ChatFormatError as error:  # the only error allowed: "this is not a WhatsApp file"
        assert "no WhatsApp message header" in str(error)
        return
    by_line = {m.line: m for m in messages}
    reported = {p.line for p in reader.problems}
    owner = None
    for number, line in enumerate(lines, 1):
        if number in by_line:
            owner = by_line[number]
            continue
        if number in reported or not _MARKS.sub("", line).strip():  # blank as Python reads it: "\x1f" too
            continue
        # A continuation line: it must be in its message's text (polls keep only the question).
        assert owner is not None, f"line {number} {line!r} before any message was not reported"
        assert line in owner.text or owner.kind == "poll", f"line {number} {line!r} lost"
