"""report.html: self-contained (charts as data: URIs, nothing fetched), escaped, and showing the worst episodes."""

from __future__ import annotations

import base64
from html.parser import HTMLParser
from pathlib import Path

from nlp.conversation.analyze import analyze_export
from nlp.conversation.report import highlight


class Page(HTMLParser):
    """Collects tags with their attributes, the text inside <mark> elements, and all text."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.marks: list[tuple[str, str]] = []
        self.text: list[str] = []
        self._mark: str | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "mark":
            self._mark = dict(attrs).get("class")

    def handle_endtag(self, tag):
        if tag == "mark":
            self._mark = None

    def handle_data(self, data):
        self.text.append(data)
        if self._mark:
            self.marks.append((self._mark, data))


def load(out: Path) -> tuple[str, Page]:
    html = (out / "report.html").read_text(encoding="utf-8")
    return html, Page(html)


def test_charts_are_embedded_pngs_and_nothing_points_at_the_network(analysed):
    html, page = load(analysed[1])
    images = [attrs["src"] for tag, attrs in page.tags if tag == "img"]
    assert len(images) == 3  # patterns per person per month, ratio over time, episode endings
    for src in images:
        assert src.startswith("data:image/png;base64,")
        assert base64.b64decode(src.split(",", 1)[1]).startswith(b"\x89PNG\r\n\x1a\n")
    references = [value for _, attrs in page.tags for value in attrs.values() if value]
    assert not [value for value in references if value.startswith(("http:", "https:", "//", "/"))]
    assert not [tag for tag, attrs in page.tags if tag in ("link", "iframe", "object") or (tag == "script" and "src" in attrs)]
    assert "http://" not in html and "https://" not in html and "@import" not in html


def test_summary_people_and_worst_episodes_with_highlighted_words(analysed):
    _, page = load(analysed[1])
    text = " ".join(" ".join(page.text).split())
    assert "Summary" in text and "Jordan" in text and "Casey" in text
    assert "2 conflict episodes" in text
    assert "Gottman" in text and "5:1" in text
    assert "harsh start-up" in text and "ended: repair (Jordan, after 6 min)" in text and "no answer for hours: Casey" in text
    assert ("criticism", "You always leave") in page.marks
    assert any(kind == "contempt" for kind, _ in page.marks)
    assert [attrs.get("aria-label") for tag, attrs in page.tags if tag == "article"] == ["Episode 1", "Episode 2"]


def test_message_text_is_escaped(analyzer, tmp_path):
    export = tmp_path / "chat.jsonl"
    export.write_text(
        '{"sender": "Ana", "time": "2024-05-01T10:00:00", "text": "You never listen <script>alert(1)</script>"}\n'
        '{"sender": "Ben", "time": "2024-05-01T10:01:00", "text": "That is not true, it is not my fault <u>at all</u>"}\n'
        '{"sender": "Ana", "time": "2024-05-01T10:02:00", "text": "You always do this, you are so lazy"}\n',
        encoding="utf-8",
    )
    analyze_export(export, tmp_path / "out", analyzer=analyzer)
    html, page = load(tmp_path / "out")
    assert not [tag for tag, _ in page.tags if tag in ("script", "u")]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_an_export_without_times_still_gets_a_report(analyzer, tmp_path):
    export = tmp_path / "chat.csv"
    export.write_text("sender,text\nAna,You never listen\nBen,Not my fault\nAna,thanks\n", encoding="utf-8")
    summary = analyze_export(export, tmp_path / "out", analyzer=analyzer)
    _, page = load(tmp_path / "out")
    assert summary["messages"] == 3
    assert not [tag for tag, _ in page.tags if tag == "img"]
    assert "Ana" in " ".join(page.text)


def test_highlight_splits_text_around_the_highlights_of_the_cues():
    """The report shows what the page and the CLI show: overlapping cues of one pattern joined, others kept apart."""
    text = "You never listen, you idiot"

    def cue(start, end, pattern):
        return {"start": start, "end": end, "text": text[start:end], "pattern": pattern, "rule": "test"}

    cues = [cue(0, 9, "criticism"), cue(4, 16, "criticism"), cue(22, 27, "contempt")]
    assert highlight(text, cues) == [
        ("You never listen", "criticism"), (", you ", None), ("idiot", "contempt"),
    ]
    assert "".join(piece for piece, _ in highlight(text, cues)) == text
    assert highlight("calm words", []) == [("calm words", None)]


def test_a_long_episode_shows_its_flagged_messages_and_counts_the_rest(analyzer, tmp_path):
    lines = []
    for minute in range(60):
        sender = "Kim" if minute % 2 else "Lee"
        text = "You never listen to me." if minute % 3 == 0 else "ok"
        lines.append(f"14/03/2024, 20:{minute:02d} - {sender}: {text}")
    export = tmp_path / "WhatsApp Chat with Kim.txt"
    export.write_text("\n".join(lines) + "\n", encoding="utf-8")
    analyze_export(export, tmp_path / "out", analyzer=analyzer)
    _, page = load(tmp_path / "out")
    shown = [attrs for tag, attrs in page.tags if tag == "div" and attrs.get("class") == "meta"]
    text = " ".join(" ".join(page.text).split())
    assert 20 <= len(shown) <= 40
    assert f"{60 - len(shown)} other messages of this episode are in messages.csv" in text


def text_of(out: Path) -> str:
    return " ".join(" ".join(load(out)[1].text).split())


def test_counts_read_right_in_the_singular(analyzer, tmp_path):
    export = tmp_path / "chat.jsonl"
    export.write_text(
        '{"sender": "Ana", "time": "2024-05-01T10:00:00", "text": "You never listen, you are so selfish"}\n'
        '{"sender": "Ana", "time": "2024-05-01T10:01:00", "text": "You always ruin everything, you idiot"}\n',
        encoding="utf-8",
    )
    analyze_export(export, tmp_path / "out", analyzer=analyzer)
    text = text_of(tmp_path / "out")
    assert "2 messages from 1 person." in text and "1 people" not in text
    assert "1 conflict episode " in text and "1 conflict episodes" not in text


def test_the_flagged_share_uses_the_messages_beside_it(analysed):
    text = text_of(analysed[1])
    summary = analysed[0]
    jordan = summary["speakers"]["Jordan"]
    share = f"{jordan['flagged']} ({100 * jordan['flagged'] / jordan['messages']:.1f}%)"
    assert f"Jordan {jordan['messages']} {share}" in text
    assert f"Jordan : {100 * jordan['flagged'] / jordan['messages']:.1f}% of messages flagged" in text


def test_the_summary_says_who_repaired_and_how_the_pause_is_measured(analysed):
    text = text_of(analysed[1])
    assert "a pause of more than 10 min, taken from how fast people usually reply here" in text
    assert "1 was repaired (an apology or repair attempt by either person within 24 hours" in text
    assert "Repairs came from Jordan (1), typically after 6 min." in text


def test_a_short_chat_is_charted_by_day_or_week_with_room_around_few_bars():
    import pandas as pd
    from matplotlib.figure import Figure

    from nlp.conversation.report import MIN_SLOTS, _period_axis, _period_unit

    def unit(days: int) -> str:
        return _period_unit(pd.Series(pd.Timestamp("2024-03-01") + pd.to_timedelta([0, days], unit="D")))[1]

    assert (unit(3), unit(40), unit(200)) == ("day", "week", "month")
    axes = Figure().subplots()
    _period_axis(axes, pd.period_range("2024-03-01", periods=2, freq="D"))
    left, right = axes.get_xlim()
    assert right - left >= MIN_SLOTS  # two bars take their usual width, not the whole chart


def test_chart_labels_leave_out_what_the_chart_fonts_cannot_draw():
    from nlp.conversation.report import chart_label

    nothing_draws_this = "\U0010fffd"  # a private-use code point, as a colour emoji is for matplotlib's fonts
    assert chart_label(f"Jules {nothing_draws_this}") == "Jules"
    assert chart_label("Zoë Müller") == "Zoë Müller"
    assert chart_label(nothing_draws_this * 2) == "?"


def test_the_page_falls_back_to_emoji_fonts(analysed):
    html, _ = load(analysed[1])
    assert '"Noto Color Emoji"' in html and '"Apple Color Emoji"' in html and '"Segoe UI Emoji"' in html
