"""``report.html``: one self-contained page with charts, the worst conflicts and a plain-language summary.

Everything is inside the file (CSS inline, charts as PNG ``data:`` URIs), so
it opens offline, can be mailed, and never contacts a server. Charts use
matplotlib's object API (no pyplot, so no global backend to switch) and
matplotlib is imported only here, keeping other commands quick to start.
Charts count per month, or per week or day for a chat that covers only a few
weeks, so a short chat gets bars, not one wide block. matplotlib cannot draw
colour emoji, so chart labels use the fonts it has (``CHART_FONTS``) and leave
out characters none of them can draw; the page itself lists emoji fonts.
Wording and layout live in ``resources/report/``; this module only prepares
the numbers and the highlighted messages.
"""

from __future__ import annotations

import base64
import csv
import io
import json
import math
import sys
import warnings
from datetime import datetime
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from nlp.conversation.episodes import MIN_SILENCE, Episodes
from nlp.conversation.records import MESSAGE_COLUMNS
from nlp.conversation.speakers import REFERENCE_RATIO, positive_negative_ratio
from nlp.labels import LABELS
from nlp.limits import csv_fields
from nlp.spreadsheet import restore
from nlp.results import Cue, highlights

RESOURCES = Path(__file__).resolve().parent.parent / "resources" / "report"
WORST_EPISODES = 5
MAX_SHOWN_MESSAGES = 40  # per episode; longer ones show their flagged and positive messages only
MAX_SHOWN_CHARACTERS = 600  # per message; messages.csv has the full text
CHART_PEOPLE = 5  # the most active speakers get their own chart rows
TABLE_PEOPLE = 20
ENDINGS = ("repair", "stonewall", "fizzled")
RATIO_FLOOR, RATIO_CEILING = 0.1, 50.0  # the ratio chart's range; 0 and infinity are drawn on its edges
RATIO_TICKS = (0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50)
_DPI = 110
_WIDTH = 9.2  # inches
# The unit charts count by: the first whose span the chat reaches (months for long chats, days for short ones).
PERIODS = ((pd.Timedelta(days=120), "M", "month"), (pd.Timedelta(days=21), "W", "week"), (pd.Timedelta(0), "D", "day"))
MIN_SLOTS = 8  # a chart is at least this many periods wide, so two bars do not fill it
CHART_FONTS = ("DejaVu Sans", "Noto Emoji", "Symbola", "Noto Sans Symbols 2")  # outline fonts; first found wins


def write_report(
    path: Path, *, title: str, summary: dict, messages: pd.DataFrame, speakers: pd.DataFrame,
    episodes: Episodes, messages_csv: Path,
) -> None:
    """Render the report for one analysed export into ``path``."""
    from matplotlib import rc_context

    palette = json.loads((RESOURCES / "palette.json").read_text(encoding="utf-8"))
    people = speakers["speaker"].head(CHART_PEOPLE).tolist()
    flagged_people = speakers.loc[speakers["flagged"] > 0, "speaker"].head(CHART_PEOPLE).tolist()
    frequency, unit = _period_unit(messages["time"])
    counts = _per_period(messages, frequency)
    charts = []
    if not counts.empty:
        periods = pd.period_range(counts["period"].min(), counts["period"].max(), freq=frequency)
        with rc_context({"font.family": _chart_fonts()}):
            if flagged_people:
                charts.append(_patterns_chart(counts, periods, unit, flagged_people, palette))
            charts.append(_ratio_chart(counts, periods, unit, people, palette))
            if len(episodes.table) and episodes.table["start"].notna().any():
                charts.append(_endings_chart(episodes.table, periods, unit, palette))
        charts = [chart for chart in charts if chart is not None]
    html = _environment().get_template("report.html.j2").render(
        title=title,
        generated=datetime.now().strftime("%Y-%m-%d %H:%M"),
        palette={key: value for key, value in palette.items() if isinstance(value, str)},
        labels=LABELS,
        facts=_facts(summary, messages, speakers, episodes),
        speakers=[
            {**row, "flagged_share": _share(row["flagged"], row["messages"])}
            for row in speakers.head(TABLE_PEOPLE).to_dict("records")
        ],
        more_speakers=max(0, len(speakers) - TABLE_PEOPLE),
        charts=charts,
        episodes=_worst_episodes(episodes.table, messages, messages_csv),
        reference=REFERENCE_RATIO,
    )
    path.write_text(html, encoding="utf-8")


def _environment():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    environment = Environment(
        loader=FileSystemLoader(RESOURCES), autoescape=select_autoescape(["html", "j2"]), undefined=StrictUndefined,
    )
    environment.filters["ratio"] = _format_ratio
    return environment


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _format_ratio(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if math.isinf(value):
        return "no negatives"
    return f"{value:.1f}:1"


# ----------------------------------------------------------------------------- numbers


def _period_unit(times: pd.Series) -> tuple[str, str]:
    """The pandas frequency and its name ("month", "week", "day") the charts count by."""
    span = times.max() - times.min() if times.notna().any() else pd.Timedelta(0)
    return next((frequency, unit) for at_least, frequency, unit in PERIODS if span >= at_least)


def _per_period(messages: pd.DataFrame, frequency: str) -> pd.DataFrame:
    """Per person and period: flagged messages per pattern, flagged and positive messages."""
    dated = messages[messages["sender"].notna() & messages["time"].notna()]
    if dated.empty:
        return pd.DataFrame()
    periods = dated["time"].dt.to_period(frequency)
    columns = ["flagged", "positive", *LABELS]
    return dated[columns].groupby([dated["sender"].astype(str), periods.rename("period")]).sum().reset_index()


def _facts(summary: dict, messages: pd.DataFrame, speakers: pd.DataFrame, episodes: Episodes) -> dict:
    times = messages["time"].dropna()
    totals = {label: int(speakers[label].sum()) for label in LABELS}
    flagged = int(speakers["flagged"].sum())
    scored = int(speakers["scored"].sum())
    table = episodes.table
    endings = {ending: int((table["ending"] == ending).sum()) for ending in ENDINGS}
    repaired = table[table["ending"] == "repair"]
    people = [
        {
            "name": row["speaker"],
            "bot": row["bot"],
            "flagged_share": _share(row["flagged"], row["messages"]),
            "scored": row["scored"],
            "main_pattern": max(LABELS, key=lambda label: row[label]) if row["flagged"] else None,
            "ratio": row["ratio"],
            "conflict_ratio": row["conflict_ratio"],
            "episodes_started": row["episodes_started"],
            "harsh_startups": row["harsh_startups"],
            "stonewalled_episodes": row["stonewalled_episodes"],
        }
        for row in speakers.head(CHART_PEOPLE).to_dict("records")
    ]
    gaps = sorted({round(gap.total_seconds() / 60) for gap in episodes.gaps.values()})
    gap_text = _duration(gaps[0]) if len(gaps) == 1 else f"{_duration(gaps[0])} to {_duration(gaps[-1])}" if gaps else ""
    return {
        "format": summary["format"],
        "first": times.min().strftime("%d %b %Y") if len(times) else None,
        "last": times.max().strftime("%d %b %Y") if len(times) else None,
        "messages": summary["messages"],
        "system_events": summary["system_events"],
        "skipped_lines": summary["skipped_lines"],
        "unscored_messages": summary["unscored_messages"],
        "people": int((~speakers["bot"]).sum()),
        "bots": int(speakers["bot"].sum()),
        "calls": int(speakers["calls"].sum()),
        "scored": scored,
        "flagged": flagged,
        "flagged_share": _share(flagged, scored),
        "totals": totals,
        "main_pattern": max(LABELS, key=totals.__getitem__) if flagged else None,
        "ratio": float(positive_negative_ratio(speakers["positives"].sum(), flagged)),
        "conflict_ratio": float(
            positive_negative_ratio(speakers["conflict_positives"].sum(), speakers["conflict_negatives"].sum())
        ),
        "episodes": len(table),
        "harsh_startups": int(table["harsh_startup"].astype(bool).sum()) if len(table) else 0,
        "endings": endings,
        "stonewalling_episodes": int((table["stonewalled_by"].str.len() > 0).sum()) if len(table) else 0,
        "median_minutes": float(table["duration_minutes"].median()) if len(table) else 0.0,
        "gap": gap_text,
        "gap_varies": len(gaps) > 1,
        "repair_window_hours": summary["repair_window_hours"],
        "repairers": repaired["repaired_by"].value_counts().to_dict(),
        "median_repair": _delay(float(repaired["repair_minutes"].median())) if len(repaired) else "",
        "silence_hours": MIN_SILENCE.total_seconds() / 3600,
        "person": people,
        "notes": summary["notes"],
    }


# ----------------------------------------------------------------------------- charts


def _figure(height: float, *, top: float = 0.45, hspace: float = 0.0):
    """A chart of fixed width; margins in inches, set by hand (automatic layout doubles the drawing time)."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=(_WIDTH, height), dpi=_DPI)
    figure.subplots_adjust(
        left=0.7 / _WIDTH, right=1 - 0.2 / _WIDTH, bottom=0.5 / height, top=1 - top / height, hspace=hspace
    )
    return figure


@lru_cache(maxsize=1)
def _chart_fonts() -> tuple[str, ...]:
    """The families of ``CHART_FONTS`` installed here, in order (matplotlib falls back along the list)."""
    from matplotlib import font_manager

    installed = {font.name for font in font_manager.fontManager.ttflist}
    return tuple(family for family in CHART_FONTS if family in installed) or ("DejaVu Sans",)


@lru_cache(maxsize=1)
def _drawable() -> frozenset[int]:
    """Code points the chart fonts have glyphs for."""
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    points: set[int] = set()
    for family in _chart_fonts():
        path = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
        points.update(FT2Font(path).get_charmap())
    return frozenset(points)


def chart_label(text: str) -> str:
    """``text`` without the characters no chart font can draw (colour emoji, mostly), so no box appears."""
    drawable = _drawable()
    kept = " ".join("".join(char for char in text if ord(char) in drawable).split())
    return kept or "?"


def _legend(figure, handles, names) -> None:
    names = [chart_label(name) for name in names]
    names = [name if len(name) <= 22 else name[:21] + "…" for name in names]
    figure.legend(
        handles, names, loc="upper right", bbox_to_anchor=(1 - 0.2 / _WIDTH, 1.0), ncols=min(len(names), 6),
        frameon=False, fontsize=8.5, handlelength=1.6, columnspacing=1.4,
    )


def _as_data_uri(figure) -> str:
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        # matplotlib warns for each font of the fallback list that lacks a glyph another one has.
        warnings.filterwarnings("ignore", message="Glyph .* missing from font", category=UserWarning)
        figure.savefig(buffer, format="png", dpi=_DPI, facecolor="white")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _period_axis(axes, periods: pd.PeriodIndex) -> None:
    """Periods as evenly spaced categories, labelled sparsely enough to stay readable, the year where it changes."""
    step = max(1, math.ceil(len(periods) / 12))
    ticks = list(range(0, len(periods), step))
    labels, year = [], None
    for i in ticks:
        start = periods[i].start_time
        label = start.strftime("%b" if periods.freqstr == "M" else "%d %b")
        labels.append(label if start.year == year else f"{label}\n{start.year}")
        year = start.year
    axes.set_xticks(ticks)
    axes.set_xticklabels(labels, fontsize=8)
    room = max(0, MIN_SLOTS - len(periods)) / 2  # a few bars sit in the middle at their usual width
    axes.set_xlim(-0.6 - room, len(periods) - 0.4 + room)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.grid(axis="y", color="#e4e6ea", linewidth=0.8)
    axes.set_axisbelow(True)
    axes.tick_params(axis="y", labelsize=8)


def _by_period(rows: pd.DataFrame, periods: pd.PeriodIndex) -> pd.DataFrame:
    return rows.groupby("period").sum(numeric_only=True).reindex(periods, fill_value=0)


def _patterns_chart(counts: pd.DataFrame, periods: pd.PeriodIndex, unit: str, people: list[str], palette: dict) -> dict:
    figure = _figure(0.75 + 1.75 * len(people), top=0.6, hspace=0.35)
    axes_list = figure.subplots(len(people), 1, sharex=True, squeeze=False)[:, 0]
    x = np.arange(len(periods))
    for axes, person in zip(axes_list, people):
        rows = _by_period(counts[counts["sender"] == person], periods)
        bottom = np.zeros(len(periods))
        for label in LABELS:
            axes.bar(x, rows[label], width=0.75, bottom=bottom, color=palette[label], label=label)
            bottom += rows[label].to_numpy()
        axes.set_title(chart_label(person), loc="left", fontsize=10, fontweight="bold")
        axes.set_ylim(bottom=0)
        axes.yaxis.get_major_locator().set_params(integer=True)
        _period_axis(axes, periods)
    for axes in axes_list:
        axes.set_ylabel("flagged", fontsize=8)
    _legend(figure, *axes_list[0].get_legend_handles_labels())
    return {
        "id": "patterns",
        "title": f"Flagged messages per person per {unit}",
        "caption": f"Each bar counts one person's flagged messages in a {unit}, split by pattern "
        "(a message can show more than one pattern).",
        "uri": _as_data_uri(figure),
    }


def _ratio_chart(
    counts: pd.DataFrame, periods: pd.PeriodIndex, unit: str, people: list[str], palette: dict
) -> dict | None:
    from matplotlib.ticker import FixedLocator, FuncFormatter, NullLocator

    figure = _figure(3.5)
    axes = figure.subplots()
    x = np.arange(len(periods))
    series = [("everyone", counts, palette["everyone"], 2.6)]
    series += [
        (person, counts[counts["sender"] == person], colour, 1.5) for person, colour in zip(people, palette["people"])
    ]
    drawn = 0
    for name, rows, colour, width in series:
        totals = _by_period(rows, periods)
        ratio = np.clip(positive_negative_ratio(totals["positive"], totals["flagged"]), RATIO_FLOOR, RATIO_CEILING)
        if np.isnan(ratio).all():
            continue
        axes.plot(x, ratio, marker="o", markersize=4, linewidth=width, color=colour, label=name)
        drawn += 1
    if not drawn:
        return None  # nobody wrote anything positive or flagged: nothing to compare
    axes.set_yscale("log")
    axes.set_ylim(RATIO_FLOOR / 1.4, RATIO_CEILING * 1.4)
    axes.yaxis.set_major_locator(FixedLocator(RATIO_TICKS))
    axes.yaxis.set_minor_locator(NullLocator())
    axes.yaxis.set_major_formatter(FuncFormatter(_ratio_tick))
    axes.axhline(REFERENCE_RATIO, color=palette["reference"], linestyle="--", linewidth=1.2)
    axes.annotate(
        "Gottman's 5:1 (during conflict)", xy=(0.01, REFERENCE_RATIO), xycoords=("axes fraction", "data"),
        xytext=(0, 4), textcoords="offset points", fontsize=8, color=palette["reference"],
    )
    axes.axhline(1.0, color="#9aa0a6", linewidth=0.8)
    axes.set_ylabel("positive : negative", fontsize=8)
    _period_axis(axes, periods)
    _legend(figure, *axes.get_legend_handles_labels())
    return {
        "id": "ratio",
        "title": f"Positive-to-negative ratio per {unit}",
        "caption": "Messages with a healthy move (appreciation, I-statements, repair attempts, ...) per flagged "
        "message, on a log scale. Above the dashed line is healthy even during conflict; below the grey "
        f"line negatives outnumber positives. A {unit} with no flagged message sits on the top line, one "
        f"with no positive message on the bottom line; {unit}s with neither are left out.",
        "uri": _as_data_uri(figure),
    }


def _ratio_tick(value: float, _position) -> str:
    if value >= RATIO_CEILING:
        return "no neg."
    if value <= RATIO_FLOOR:
        return "no pos."
    return f"{value:g}:1"


def _endings_chart(table: pd.DataFrame, periods: pd.PeriodIndex, unit: str, palette: dict) -> dict:
    figure = _figure(2.6)
    axes = figure.subplots()
    dated = table[table["start"].notna()]
    started = pd.to_datetime(dated["start"]).dt.to_period(periods.freq)
    counts = pd.crosstab(started, dated["ending"]).reindex(index=periods, columns=list(ENDINGS), fill_value=0)
    x = np.arange(len(periods))
    bottom = np.zeros(len(periods))
    for ending in ENDINGS:
        axes.bar(x, counts[ending], width=0.75, bottom=bottom, color=palette[ending], label=ending)
        bottom += counts[ending].to_numpy()
    axes.set_ylabel("episodes", fontsize=8)
    axes.yaxis.get_major_locator().set_params(integer=True)
    _period_axis(axes, periods)
    _legend(figure, *axes.get_legend_handles_labels())
    return {
        "id": "endings",
        "title": f"Conflict episodes per {unit}, by how they ended",
        "caption": "Repair: someone apologised, reassured or made a repair attempt, during the conflict or in the "
        "hours after it. Stonewall: someone withdrew (in words, or by not answering for hours). Fizzled: the "
        "exchange just stopped.",
        "uri": _as_data_uri(figure),
    }


# ----------------------------------------------------------------------------- worst episodes


def _worst_episodes(table: pd.DataFrame, messages: pd.DataFrame, messages_csv: Path) -> list[dict]:
    """The most severe episodes with their messages, read back from messages.csv."""
    if table.empty:
        return []
    worst = table.sort_values(["severity", "episode"], ascending=[False, True]).head(WORST_EPISODES)
    shown: dict[int, list[int]] = {}
    for row in worst.itertuples():
        span = messages.iloc[row.first_message - 1 : row.last_message]
        shown_here = (span["chat"].astype(object).fillna("") == row.chat).to_numpy()  # other chats may interleave
        if shown_here.sum() > MAX_SHOWN_MESSAGES:
            shown_here = shown_here & (span["flagged"] | span["positive"]).to_numpy()
        numbers = (np.flatnonzero(shown_here) + row.first_message)[:MAX_SHOWN_MESSAGES]
        shown[row.episode] = numbers.tolist()
    rows = _read_rows(messages_csv, {number for numbers in shown.values() for number in numbers})
    episodes = []
    for row in worst.to_dict("records"):
        numbers = shown[row["episode"]]
        episodes.append(
            {
                **row,
                "start": _when(row["start"]),
                "duration": _duration(row["duration_minutes"]),
                "repaired_after": "" if pd.isna(row["repair_minutes"]) else _delay(row["repair_minutes"]),
                "shown": [_message_view(rows[number]) for number in numbers],
                "hidden": row["messages"] - len(numbers),
            }
        )
    return episodes


def _read_rows(path: Path, wanted: set[int]) -> dict[int, dict]:
    rows: dict[int, dict] = {}
    if not wanted:
        return rows
    last = max(wanted)
    # Our own file: a message may be longer than any line limit for what we read from others.
    with csv_fields(sys.maxsize), open(path, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        for number, row in enumerate(reader, 1):
            if number in wanted:
                rows[number] = dict(zip(MESSAGE_COLUMNS, map(restore, row)))
            if number >= last:
                break
    return rows


def _message_view(row: dict) -> dict:
    cues = json.loads(row["cues"]) if row["cues"] else []
    return {
        "time": row["timestamp"][:16],
        "sender": row["sender"] or "system",
        "kind": row["kind"],
        "segments": _clipped(highlight(row["text"], cues)),
        "patterns": [label for label in LABELS if row[f"{label}_flagged"] == "1"],
        "positives": [kind.replace("_", " ") for kind in row["positives"].split(";") if kind],
        "rewrite": row["rewrite"],
    }


def highlight(text: str, cues: list[dict]) -> list[tuple[str, str | None]]:
    """Split text into (piece, pattern or None) around its highlights (``nlp.results.highlights``), for markup."""
    pieces: list[tuple[str, str | None]] = []
    cursor = 0
    for shown in highlights(text, [Cue(**cue) for cue in cues]):
        if shown.end > len(text):
            continue
        if shown.start > cursor:
            pieces.append((text[cursor : shown.start], None))
        pieces.append((shown.text, shown.pattern))
        cursor = shown.end
    if cursor < len(text):
        pieces.append((text[cursor:], None))
    return pieces


def _clipped(pieces: list[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
    """At most ``MAX_SHOWN_CHARACTERS`` of a message; a pasted log should not fill the page."""
    kept, room = [], MAX_SHOWN_CHARACTERS
    for piece, pattern in pieces:
        if len(piece) >= room:
            kept.append((piece[:room] + "…", pattern))
            break
        kept.append((piece, pattern))
        room -= len(piece)
    return kept


def _when(value) -> str:
    return "unknown time" if pd.isna(value) else pd.Timestamp(value).strftime("%a %d %b %Y, %H:%M")


def _delay(minutes: float) -> str:
    return "at once" if minutes < 1 else f"after {_duration(minutes)}"


def _duration(minutes: float) -> str:
    if minutes < 1:
        return "under a minute"
    if minutes < 90:
        return f"{minutes:.0f} min"
    if minutes < 48 * 60:
        return f"{minutes / 60:.1f} h"
    return f"{minutes / 1440:.1f} days"
