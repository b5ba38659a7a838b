"""Analyse a whole chat export into a folder of CSV files and an HTML report.

The export is streamed: messages are parsed, scored in batches and written
to ``messages.csv`` as they come, while only a compact numeric copy stays in
memory for the statistics. Everything is written into a hidden staging
folder next to the destination and renamed into place at the very end, so
an interrupted or failed run never leaves a folder that looks complete
(``nlp.files``). Every text cell of the CSVs is written so that a spreadsheet
shows it as text and never runs it (``nlp.spreadsheet``).
"""

from __future__ import annotations

import csv
import shutil
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
from nlp.files import destination, recover, replace_directory, staging_directory
from nlp.labels import DEFAULT_SENSITIVITY, LABELS
from nlp.spreadsheet import SafeWriter, neutralise
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
    target = _check_destination(out, export)
    notify = progress or (lambda step, done: None)
    if analyzer is None:
        notify("model", 0)
        analyzer = load(model, store=store, sensitivity=sensitivity)
    staging = _staging_folder(target)
    try:
        table = MessageTable()
        replies = ReplyContext(analyzer)
        unscored: list[tuple[int, ChatMessage, str]] = []
        with open(staging / "messages.csv", "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)  # MessageTable neutralises the text cells; the rest is ours
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
        replace_directory(staging, target)
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
        if frame[column].dtype == object or pd.api.types.is_string_dtype(frame[column]):
            frame[column] = frame[column].map(lambda value: neutralise(value) if isinstance(value, str) else value)
    frame.to_csv(path, index=False, columns=list(columns) if columns else None, encoding="utf-8")


def _write_problems(problems, unscored: list[tuple[int, ChatMessage, str]], export: str, path: Path) -> None:
    """Records the parser could not read, then messages with text that were not scored.

    ``message`` is the row number in messages.csv, for the unscored ones.
    """
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = SafeWriter(handle)
        writer.writerow(["source", "line", "message", "reason"])
        for problem in problems:
            writer.writerow([problem.source, "" if problem.line is None else problem.line, "", problem.reason])
        for number, message, reason in unscored:
            writer.writerow([message.chat or export, message.line or "", number, reason])


# ----------------------------------------------------------------------------- output folder


def _check_destination(out: Path, export: Path) -> Path:
    """The folder to write (a symlink's target), after refusing any --out that would lose or wipe something.

    Checked before any work, so a wrong --out costs nothing: only an earlier
    analysis is ever replaced, never the current folder, one that holds it,
    or the export itself.
    """
    target = destination(out)
    if target.parent == target:
        raise HorsemenError(f"{where(out)}: is the root of the file system; choose a new folder for --out")
    cwd = Path.cwd().resolve()
    if target == cwd or target in cwd.parents:
        raise HorsemenError(f"{where(out)}: is the current folder or holds it; choose a new folder for --out")
    source = export.resolve()
    if target == source or source in target.parents:
        raise HorsemenError(f"{where(out)}: is the export or inside it; choose a folder outside the export for --out")
    if target in source.parents:
        raise HorsemenError(f"{where(out)}: holds the export; choose a new folder for --out")
    recover(target.parent)  # a replacement killed half-way last time is undone before looking
    if target.exists() and not target.is_dir():
        raise HorsemenError(f"{where(out)}: exists and is not a folder; choose another --out")
    if target.is_dir():
        foreign = [entry.name for entry in target.iterdir() if entry.name not in OUTPUT_FILES]
        if foreign:
            raise HorsemenError(
                f"{where(out)}: folder exists and holds other files (such as {foreign[0]!r}); "
                "choose another --out or an empty folder"
            )
    return target


def _staging_folder(target: Path) -> Path:
    try:
        return staging_directory(target)
    except OSError as error:
        raise HorsemenError(f"{where(target.parent)}: cannot write the results here ({error.strerror})") from None
