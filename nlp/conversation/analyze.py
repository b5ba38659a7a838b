"""Analyse a whole chat export into a folder of CSV files and an HTML report.

The export is streamed: messages are parsed, scored in batches and written
to ``messages.csv`` as they come, while only a compact numeric copy stays in
memory for the statistics. Everything is written into a hidden staging
folder next to the destination and renamed into place at the very end, so
an interrupted or failed run never leaves a folder that looks complete.
"""

from __future__ import annotations

import csv
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from nlp.analyzer import Analyzer, load
from nlp.chats import EVENT_KINDS, ChatMessage, ChatReader, open_chat
from nlp.conversation.episodes import EPISODE_COLUMNS, REPAIR_WINDOW, find_episodes
from nlp.conversation.records import MESSAGE_COLUMNS, MessageTable, analysis_columns
from nlp.conversation.replies import ReplyContext
from nlp.conversation.scoring import score_messages, unscored_reason
from nlp.conversation.speakers import speaker_table
from nlp.errors import ChatFormatError, HorsemenError, where
from nlp.files import replace_directory
from nlp.labels import DEFAULT_SENSITIVITY, LABELS
from nlp.store import ModelStore

OUTPUT_FILES = ("messages.csv", "speakers.csv", "episodes.csv", "report.html", "problems.csv")
OUTPUT_SUFFIX = "-horsemen"
PROGRESS_EVERY = 1000

Progress = Callable[[str, int], None]
"""Called as ``progress(step, messages_done)``; steps are "model", "scoring", "statistics", "report"."""


def default_output_folder(export: Path) -> Path:
    """``<export name>-horsemen`` in the current directory."""
    name = export.name if export.is_dir() else export.stem
    return Path.cwd() / f"{name or 'chat'}{OUTPUT_SUFFIX}"


def analyze_export(
    export: str | Path,
    out: str | Path | None = None,
    *,
    analyzer: Analyzer | None = None,
    model: str | Path | None = None,
    store: ModelStore | None = None,
    sensitivity: str = DEFAULT_SENSITIVITY,
    format: str | None = None,
    date_order: str | None = None,
    strict: bool = False,
    text_col: str | None = None,
    sender_col: str | None = None,
    time_col: str | None = None,
    n_process: int = 1,
    batch_size: int = 1000,
    repair_window: pd.Timedelta = REPAIR_WINDOW,
    progress: Progress | None = None,
) -> dict:
    """Write the analysis of ``export`` into ``out`` and return the summary (the ``--json`` output).

    The export is opened (and its format recognised) before the model at
    ``model`` (or the one in use in ``store``) is loaded, unless an ``analyzer``
    is given, so bad input fails fast. ``sensitivity`` is the operating point
    it is loaded at (see ``nlp.labels.SENSITIVITIES``). An apology or repair
    attempt up to ``repair_window`` after a conflict counts as its repair.

    The summary holds ``format``, ``messages`` (everything people and bots
    sent, media and deleted messages included), ``system_events`` (notices
    and calls, which are nobody's messages), ``skipped_lines`` (records the
    parser could not read cleanly), ``unscored_messages`` (messages with text
    that were not scored, such as bots' posts; both are listed in
    problems.csv with the reason), ``speakers`` (per person: messages, calls,
    flagged and flagged messages per pattern, and whether it is a bot),
    ``episodes``, ``notes`` and ``out``. Every message with text is either
    scored or listed in problems.csv.
    """
    export = Path(export)
    reader = open_chat(
        export, format=format, date_order=date_order, strict=strict,
        text_col=text_col, sender_col=sender_col, time_col=time_col,
    )
    out = Path(out) if out is not None else default_output_folder(export)
    _check_destination(out)
    notify = progress or (lambda step, done: None)
    if analyzer is None:
        notify("model", 0)
        analyzer = load(model, store=store, sensitivity=sensitivity)
    staging = _staging_folder(out)
    try:
        table = MessageTable()
        replies = ReplyContext(analyzer)
        unscored: list[tuple[int, ChatMessage, str]] = []
        with open(staging / "messages.csv", "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(MESSAGE_COLUMNS)
            scored = score_messages(reader, analyzer, batch_size, n_process, convert=analysis_columns)
            for message, columns in scored:
                writer.writerow(table.add(message, replies.columns(message, columns)))
                if columns is None and message.kind not in EVENT_KINDS and message.text.strip():
                    unscored.append((len(table), message, unscored_reason(message) or "not scored"))
                if len(table) % PROGRESS_EVERY == 0:
                    notify("scoring", len(table))
        notify("statistics", len(table))
        if len(table) == 0:
            raise ChatFormatError(f"{where(export)}: no messages found in this {reader.format} export")
        messages = table.frame()
        episodes = find_episodes(messages, repair_window)
        speakers = speaker_table(messages, episodes)
        _write_table(speakers, staging / "speakers.csv")
        _write_table(episodes.table, staging / "episodes.csv", columns=EPISODE_COLUMNS)
        if reader.problems or unscored:
            _write_problems(reader.problems, unscored, export.name, staging / "problems.csv")
        summary = _summary(reader, messages, speakers, len(unscored), len(episodes.table), reader.notes + episodes.notes)
        summary["sensitivity"] = analyzer.sensitivity
        summary["repair_window_hours"] = repair_window / pd.Timedelta(hours=1)
        notify("report", len(table))
        from nlp.conversation.report import write_report

        write_report(
            staging / "report.html", title=export.name, summary=summary, messages=messages,
            speakers=speakers, episodes=episodes, messages_csv=staging / "messages.csv",
        )
        replace_directory(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    summary["out"] = str(out)
    return summary


def _summary(
    reader: ChatReader, messages: pd.DataFrame, speakers: pd.DataFrame, unscored: int, episode_count: int,
    notes: list[str],
) -> dict:
    system_events = int(messages["kind"].isin(EVENT_KINDS).sum())
    return {
        "format": reader.format,
        "messages": int(speakers["messages"].sum()),
        "system_events": system_events,
        "skipped_lines": len(reader.problems),
        "unscored_messages": unscored,
        "speakers": {
            row["speaker"]: {
                "bot": bool(row["bot"]),
                "messages": int(row["messages"]),
                "calls": int(row["calls"]),
                "flagged": int(row["flagged"]),
                **{label: int(row[label]) for label in LABELS},
            }
            for row in speakers.to_dict("records")
        },
        "episodes": episode_count,
        "notes": notes,
    }


def _write_table(frame: pd.DataFrame, path: Path, columns=None) -> None:
    frame = frame.copy()
    for column in frame.columns:
        if frame[column].map(lambda value: isinstance(value, list)).any():
            frame[column] = frame[column].map(";".join)
    frame.to_csv(path, index=False, columns=list(columns) if columns else None, encoding="utf-8")


def _write_problems(problems, unscored: list[tuple[int, ChatMessage, str]], export: str, path: Path) -> None:
    """Records the parser could not read, then messages with text that were not scored.

    ``message`` is the row number in messages.csv, for the unscored ones.
    """
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["source", "line", "message", "reason"])
        for problem in problems:
            writer.writerow([problem.source, "" if problem.line is None else problem.line, "", problem.reason])
        for number, message, reason in unscored:
            writer.writerow([message.chat or export, message.line or "", number, reason])


# ----------------------------------------------------------------------------- output folder


def _check_destination(out: Path) -> None:
    """Refuse to replace anything but an earlier analysis, so --out can never wipe a user's folder."""
    if out.exists() and not out.is_dir():
        raise HorsemenError(f"{where(out)}: exists and is not a folder; choose another --out")
    if out.is_dir():
        foreign = [entry.name for entry in out.iterdir() if entry.name not in OUTPUT_FILES]
        if foreign:
            raise HorsemenError(
                f"{where(out)}: folder exists and holds other files (such as {foreign[0]!r}); "
                "choose another --out or an empty folder"
            )


def _staging_folder(out: Path) -> Path:
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=f".{out.name}.partial-", dir=out.parent))
    except OSError as error:
        raise HorsemenError(f"{where(out.parent)}: cannot write the results here ({error.strerror})") from None
