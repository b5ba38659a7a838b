"""What counts as prose: links, code, quoted replies and forwards are blanked out; offsets stay valid."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nlp.pipeline.prose import has_prose, prose_view


@pytest.mark.parametrize(
    "text, kept",
    [
        ("look at this https://www.youtube.com/watch?v=abc lol", "look at this lol"),
        ("www.example.org/deals", ""),
        ("run `rm -rf build` first", "run first"),
        ("fixed it:\n```\nif (x) { return y; } // you idiot compiler\n```\nthanks!", "fixed it: thanks!"),
        ("> you never listen\nthat's what she wrote to me, can you believe it", "that's what she wrote to me, can you believe it"),
        ("sharing this\n---------- Forwarded message ---------\nFrom: boss\nYou are useless", "sharing this"),
        ("see u at &lt;#&gt; pm, link &lt;URL&gt;", "see u at pm, link"),
        ("You never help with the dishes", "You never help with the dishes"),
    ],
)
def test_non_prose_parts_are_blanked(text, kept):
    view = prose_view(text)
    assert len(view) == len(text)
    assert " ".join(view.split()) == kept


@given(st.text())
def test_the_view_keeps_length_line_breaks_and_every_prose_character(text):
    view = prose_view(text)
    assert len(view) == len(text)
    assert all(v == t or v in " \n" for v, t in zip(view, text))
    assert [i for i, c in enumerate(text) if c == "\n"] == [i for i, c in enumerate(view) if c == "\n"]


@pytest.mark.parametrize("text", ["😂😂", "👍", "12:30", "£40", "!!!", "  ", "https://t.co/x", "🙏🏽❤️"])
def test_reactions_numbers_and_bare_links_have_no_prose(text):
    assert not has_prose(prose_view(text))


@pytest.mark.parametrize("text", ["ok", "今晚回家吃饭吗", "¿Dónde estás?", "k 👍"])
def test_any_letter_is_prose(text):
    assert has_prose(text)


@pytest.mark.parametrize("text", ["😂😂😂", "🙄", "👍", "12:30", "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "🙏"])
def test_the_analyzer_never_flags_text_without_prose(analyzer, text):
    result = analyzer.analyze(text)
    assert not result.flagged
    assert all(pattern.score == 0.0 for pattern in result.patterns.values())
    assert result.text == text


def test_cues_of_a_message_with_a_link_point_into_the_original_text(analyzer):
    text = "https://example.com/a?b=c you never listen to me"
    result = analyzer.analyze(text)
    assert result.flagged_patterns == ["criticism"]
    assert all(text[cue.start : cue.end] == cue.text for cue in result.cues)
    assert not any(cue.start < len("https://example.com/a?b=c") for cue in result.cues)
