"""``report.html``: one self-contained page with charts, the worst conflicts and a plain-language summary.

Everything is inside the file (CSS inline, charts as PNG ``data:`` URIs), so
it opens offline, can be mailed, and never contacts a server. Charts use
matplotlib's object API (no pyplot, so no global backend to switch) and
matplotlib is imported only here, keeping other commands quick to start.
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
from pathlib import Path

import numpy as np
import pandas as pd

from nlp.conversation.episodes import MIN_SILENCE, Episodes
from nlp.conversation.records import MESSAGE_COLUMNS
from nlp.conversation.speakers import REFERENCE_RATIO, positive_negative_ratio
from nlp.labels import LABELS
from nlp.limits import csv_fields
from nlp.spreadsheet import restore

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


def write_report(
    path: Path, *, title: str, summary: dict, messages: pd.DataFrame, speakers: pd.DataFrame,
    episodes: Episodes, messages_csv: Path,
) -> None:
    """Render the report for one analysed export into ``path``."""
    palette = json.loads((RESOURCES / "palette.json").read_text(encoding="utf-8"))
    people = speakers["speaker"].head(CHART_PEOPLE).tolist()
    flagged_people = speakers.loc[speakers["flagged"] > 0, "speaker"].head(CHART_PEOPLE).tolist()
    monthly = _monthly(messages)
    charts = []
    if not monthly.empty:
        months = pd.period_range(monthly["month"].min(), monthly["month"].max(), freq="M")
        if flagged_people:
            charts.append(_patterns_chart(monthly, months, flagged_people, palette))
        charts.append(_ratio_chart(monthly, months, people, palette))
        if len(episodes.table) and episodes.table["start"].notna().any():
            charts.append(_endings_chart(episodes.table, months, palette))
        charts = [chart for chart in charts if chart is not None]
    html = _environment().get_template("report.html.j2").render(
        title=title,
        generated=datetime.now().strftime("%Y-%m-%d %H:%M"),
        palette={key: value for key, value in palette.items() if isinstance(value, str)},
        labels=LABELS,
        facts=_facts(summary, messages, speakers, episodes),
        speakers=speakers.head(TABLE_PEOPLE).to_dict("records"),
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


def _format_ratio(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if math.isinf(value):
        return "no negatives"
    return f"{value:.1f}:1"


# ----------------------------------------------------------------------------- numbers


def _monthly(messages: pd.DataFrame) -> pd.DataFrame:
    """Per person and month: flagged messages per pattern, flagged and positive messages."""
    dated = messages[messages["sender"].notna() & messages["time"].notna()]
    if dated.empty:
        return pd.DataFrame()
    months = dated["time"].dt.to_period("M")
    columns = ["flagged", "positive", *LABELS]
    return dated[columns].groupby([dated["sender"].astype(str), months.rename("month")]).sum().reset_index()


def _facts(summary: dict, messages: pd.DataFrame, speakers: pd.DataFrame, episodes: Episodes) -> dict:
    times = messages["time"].dropna()
    totals = {label: int(speakers[label].sum()) for label in LABELS}
    flagged = int(speakers["flagged"].sum())
    scored = int(speakers["scored"].sum())
    table = episodes.table
    endings = {ending: int((table["ending"] == ending).sum()) for ending in ENDINGS}
    people = [
        {
            "name": row["speaker"],
            "flagged_rate": row["flagged_rate"],
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
    gap_text = f"{gaps[0]}" if len(gaps) == 1 else f"{gaps[0]} to {gaps[-1]}" if gaps else ""
    return {
        "format": summary["format"],
        "first": times.min().strftime("%d %b %Y") if len(times) else None,
        "last": times.max().strftime("%d %b %Y") if len(times) else None,
        "messages": summary["messages"],
        "system_events": summary["system_events"],
        "skipped_lines": summary["skipped_lines"],
        "people": len(speakers),
        "scored": scored,
        "flagged": flagged,
        "flagged_share": flagged / scored if scored else 0.0,
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
        "gap_minutes": gap_text,
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


def _legend(figure, handles, names) -> None:
    names = [name if len(name) <= 22 else name[:21] + "…" for name in names]
    figure.legend(
        handles, names, loc="upper right", bbox_to_anchor=(1 - 0.2 / _WIDTH, 1.0), ncols=min(len(names), 6),
        frameon=False, fontsize=8.5, handlelength=1.6, columnspacing=1.4,
    )


def _as_data_uri(figure) -> str:
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        # Names with emoji or CJK letters lack glyphs in matplotlib's bundled font; a box is drawn instead.
        warnings.filterwarnings("ignore", message="Glyph .* missing from font", category=UserWarning)
        figure.savefig(buffer, format="png", dpi=_DPI, facecolor="white")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _month_axis(axes, months: pd.PeriodIndex) -> None:
    """Months as evenly spaced categories, labelled sparsely enough to stay readable."""
    step = max(1, math.ceil(len(months) / 12))
    ticks = list(range(0, len(months), step))
    axes.set_xticks(ticks)
    axes.set_xticklabels(
        [months[i].strftime("%b\n%Y") if i == 0 or months[i].month <= step else months[i].strftime("%b") for i in ticks],
        fontsize=8,
    )
    axes.set_xlim(-0.6, len(months) - 0.4)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.grid(axis="y", color="#e4e6ea", linewidth=0.8)
    axes.set_axisbelow(True)
    axes.tick_params(axis="y", labelsize=8)


def _by_month(rows: pd.DataFrame, months: pd.PeriodIndex) -> pd.DataFrame:
    return rows.groupby("month").sum(numeric_only=True).reindex(months, fill_value=0)


def _patterns_chart(monthly: pd.DataFrame, months: pd.PeriodIndex, people: list[str], palette: dict) -> dict:
    figure = _figure(0.75 + 1.75 * len(people), top=0.6, hspace=0.35)
    axes_list = figure.subplots(len(people), 1, sharex=True, squeeze=False)[:, 0]
    x = np.arange(len(months))
    for axes, person in zip(axes_list, people):
        rows = _by_month(monthly[monthly["sender"] == person], months)
        bottom = np.zeros(len(months))
        for label in LABELS:
            axes.bar(x, rows[label], width=0.75, bottom=bottom, color=palette[label], label=label)
            bottom += rows[label].to_numpy()
        axes.set_title(person, loc="left", fontsize=10, fontweight="bold")
        axes.set_ylim(bottom=0)
        axes.yaxis.get_major_locator().set_params(integer=True)
        _month_axis(axes, months)
    for axes in axes_list:
        axes.set_ylabel("flagged", fontsize=8)
    _legend(figure, *axes_list[0].get_legend_handles_labels())
    return {
        "id": "patterns",
        "title": "Flagged messages per person per month",
        "caption": "Each bar counts one person's flagged messages in a month, split by pattern "
        "(a message can show more than one pattern).",
        "uri": _as_data_uri(figure),
    }


def _ratio_chart(monthly: pd.DataFrame, months: pd.PeriodIndex, people: list[str], palette: dict) -> dict | None:
    from matplotlib.ticker import FixedLocator, FuncFormatter, NullLocator

    figure = _figure(3.5)
    axes = figure.subplots()
    x = np.arange(len(months))
    series = [("everyone", monthly, palette["everyone"], 2.6)]
    series += [
        (person, monthly[monthly["sender"] == person], colour, 1.5) for person, colour in zip(people, palette["people"])
    ]
    drawn = 0
    for name, rows, colour, width in series:
        totals = _by_month(rows, months)
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
    _month_axis(axes, months)
    _legend(figure, *axes.get_legend_handles_labels())
    return {
        "id": "ratio",
        "title": "Positive-to-negative ratio per month",
        "caption": "Messages with a healthy move (appreciation, I-statements, repair attempts, ...) per flagged "
        "message, on a log scale. Above the dashed line is healthy even during conflict; below the grey "
        "line negatives outnumber positives. A month with no flagged message sits on the top line, one "
        "with no positive message on the bottom line; months with neither are left out.",
        "uri": _as_data_uri(figure),
    }


def _ratio_tick(value: float, _position) -> str:
    if value >= RATIO_CEILING:
        return "no neg."
    if value <= RATIO_FLOOR:
        return "no pos."
    return f"{value:g}:1"


def _endings_chart(table: pd.DataFrame, months: pd.PeriodIndex, palette: dict) -> dict:
    figure = _figure(2.6)
    axes = figure.subplots()
    dated = table[table["start"].notna()]
    started = pd.to_datetime(dated["start"]).dt.to_period("M")
    counts = pd.crosstab(started, dated["ending"]).reindex(index=months, columns=list(ENDINGS), fill_value=0)
    x = np.arange(len(months))
    bottom = np.zeros(len(months))
    for ending in ENDINGS:
        axes.bar(x, counts[ending], width=0.75, bottom=bottom, color=palette[ending], label=ending)
        bottom += counts[ending].to_numpy()
    axes.set_ylabel("episodes", fontsize=8)
    axes.yaxis.get_major_locator().set_params(integer=True)
    _month_axis(axes, months)
    _legend(figure, *axes.get_legend_handles_labels())
    return {
        "id": "endings",
        "title": "Conflict episodes per month, by how they ended",
        "caption": "Repair: someone apologised, reassured or made a repair attempt. Stonewall: someone withdrew "
        "(in words, or by not answering for hours). Fizzled: the exchange just stopped.",
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
    """Split text into (piece, pattern or None) so the flagged words can be marked up."""
    pieces: list[tuple[str, str | None]] = []
    cursor = 0
    for cue in sorted(cues, key=lambda cue: (cue["start"], -cue["end"])):
        start, end = cue["start"], cue["end"]
        if start < cursor or end > len(text):
            continue  # overlaps a piece already marked
        if start > cursor:
            pieces.append((text[cursor:start], None))
        pieces.append((text[start:end], cue["pattern"]))
        cursor = end
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


def _duration(minutes: float) -> str:
    if minutes < 1:
        return "under a minute"
    if minutes < 90:
        return f"{minutes:.0f} min"
    if minutes < 48 * 60:
        return f"{minutes / 60:.1f} h"
    return f"{minutes / 1440:.1f} days"
