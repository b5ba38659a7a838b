"""Conflict episodes: runs of flagged messages close in time, and how each one went.

"Close in time" depends on the chat: a couple texting all day answers within
minutes, a family group within hours. So the gap that ends an episode comes
from the data, as a multiple of the chat's median reply time (clamped to a
sane range). Defensiveness and stonewalling are answers (see ``nlp.context``):
a run of flagged messages is a conflict only when something in it attacks
(criticism or contempt) or answers a flagged message, so a few terse replies
to logistics questions are not an episode. For every episode we record who
started it, whether it started harshly (criticism or contempt in the opening
message, Gottman's "harsh start-up"), how long it lasted, and how it ended:

* ``repair``: someone made a repair attempt, apologised or reassured, from
  the last flagged message until ``repair_window`` later (24 hours by
  default), unless the next episode starts first: people often make up
  hours after a fight. Who repaired and how long it took are recorded;
* ``stonewall``: someone withdrew, either in words (the last flagged message
  is stonewalling) or by behaviour (see below) with the silence outlasting
  the episode;
* ``fizzled``: neither; the messages just stopped.

Behavioural stonewalling is a person who was addressed inside the episode
(before any repair attempt that ends it) with a complaint or a bid (a flagged
message other than a withdrawal, a healthy move or a question) and then did not
answer for hours: longer than both ``MIN_SILENCE`` and ``SLOW_REPLY_MULTIPLE``
times their own median reply time, so people who always answer late are not
labelled for it.
Someone who breaks the silence with their own apology took a break instead.
Bots are not people in the conversation and take no part in any of this.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from nlp.context import WINDOW_MINUTES
from nlp.labels import LABELS

MIN_FLAGGED = 2  # one flagged message is a remark; a conflict needs at least two
REPLY_TIME_MULTIPLE = 4  # an episode continues while flagged messages come within 4x the median reply time
MIN_GAP = pd.Timedelta(minutes=10)
MAX_GAP = pd.Timedelta(hours=3)
GAP_WITHOUT_REPLIES = pd.Timedelta(minutes=30)  # for a chat with no reply to measure
MIN_SILENCE = pd.Timedelta(hours=2)
SLOW_REPLY_MULTIPLE = 3
CONTEMPT_WEIGHT = 2.0  # contempt is the strongest predictor of break-up in Gottman's studies
REPAIR_WINDOW = pd.Timedelta(hours=24)
OPENING_PATTERNS = ("criticism", "contempt")  # attacks; defensiveness and stonewalling answer them

EPISODE_COLUMNS = (
    "episode", "chat", "start", "end", "duration_minutes", "messages", "flagged", "first_message", "last_message",
    "started_by", "harsh_startup", "participants", *LABELS, "ending", "repaired_by", "repair_minutes", "stonewalled_by",
    "longest_silence_hours", "severity",
)


@dataclass
class Episodes:
    """The episodes of a chat plus what the statistics need besides the table."""

    table: pd.DataFrame  # one row per episode, columns EPISODE_COLUMNS (lists in participants/stonewalled_by)
    in_conflict: np.ndarray  # per message: inside an episode (of its own chat)
    gaps: dict[str, pd.Timedelta] = field(default_factory=dict)  # per chat ("" for a single chat)
    notes: list[str] = field(default_factory=list)


def find_episodes(messages: pd.DataFrame, repair_window: pd.Timedelta = REPAIR_WINDOW) -> Episodes:
    """Find the conflict episodes in a ``MessageTable.frame()``.

    ``repair_window`` is how long after an episode's last flagged message an
    apology or repair attempt still counts as its repair.
    """
    in_conflict = np.zeros(len(messages), dtype=bool)
    rows: list[dict] = []
    gaps: dict[str, pd.Timedelta] = {}
    notes: list[str] = []
    chat_codes = messages["chat"].cat.codes.to_numpy()
    chat_names = list(messages["chat"].cat.categories)
    for code in np.unique(chat_codes):
        positions = np.flatnonzero(chat_codes == code)
        chat = "" if code < 0 else chat_names[code]
        part = messages.iloc[positions]
        if not part["flagged"].any():
            continue
        if part["time"].isna().all():
            notes.append(f"no timestamps{' in chat ' + chat if chat else ''}: conflict episodes cannot be found")
            continue
        chat_rows, spans, gap = _chat_episodes(part, positions, chat, repair_window)
        gaps[chat] = gap
        for start, end in spans:
            in_conflict[positions[start : end + 1]] = True
        rows.extend(chat_rows)
    rows.sort(key=lambda row: row["first_message"])
    for number, row in enumerate(rows, 1):
        row["episode"] = number
    table = pd.DataFrame(rows, columns=list(EPISODE_COLUMNS))
    return Episodes(table, in_conflict, gaps, notes)


def conflict_gap(times: np.ndarray, senders: np.ndarray) -> pd.Timedelta:
    """How long a pause ends an episode in this chat: 4x the median reply time, clamped."""
    replies = _reply_times(times, senders)
    if len(replies) == 0:
        return GAP_WITHOUT_REPLIES
    gap = pd.Timedelta(microseconds=int(np.median(replies[:, 1]))) * REPLY_TIME_MULTIPLE
    return min(max(gap, MIN_GAP), MAX_GAP)


def _answered(senders: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """People's message positions and, for each, the position of the message it answers (-1 if none).

    A message answers the latest earlier message by someone else, as in ``nlp.context``.
    """
    spoken = np.flatnonzero(senders >= 0)
    who = senders[spoken]
    starts_run = np.concatenate([[True], who[1:] != who[:-1]]) if len(who) else np.zeros(0, dtype=bool)
    before_run = np.flatnonzero(starts_run)[np.cumsum(starts_run) - 1] - 1
    return spoken, np.where(before_run >= 0, spoken[np.maximum(before_run, 0)], -1)


def _reply_times(times: np.ndarray, senders: np.ndarray) -> np.ndarray:
    """Rows of (replying sender code, microseconds since the other person's message)."""
    spoken, answered = _answered(senders)
    previous = np.concatenate([[-1], spoken[:-1]])
    replies = (answered >= 0) & (answered == previous)  # the first message of each turn
    mine, theirs = spoken[replies], answered[replies]
    return np.column_stack([senders[mine], times[mine] - times[theirs]]).astype(np.int64)


def _answers_flagged(times: np.ndarray, senders: np.ndarray, flagged: np.ndarray) -> np.ndarray:
    """Per message: it answers a flagged message sent within the replies' window (``nlp.context``)."""
    answers = np.zeros(len(senders), dtype=bool)
    spoken, answered = _answered(senders)
    mine, theirs = spoken[answered >= 0], answered[answered >= 0]
    window = int(WINDOW_MINUTES * 60e6)
    answers[mine] = flagged[theirs] & (times[mine] - times[theirs] <= window)
    return answers


def _silence_limits(times: np.ndarray, senders: np.ndarray) -> dict[int, int]:
    """Per sender code, the silence (in microseconds) that counts as not answering."""
    replies = _reply_times(times, senders)
    floor = MIN_SILENCE // pd.Timedelta(microseconds=1)
    usual = pd.Series(replies[:, 1]).groupby(replies[:, 0]).median()
    return {
        int(sender): max(floor, int(SLOW_REPLY_MULTIPLE * usual.get(sender, 0)))
        for sender in np.unique(senders[senders >= 0])
    }


def _chat_episodes(
    part: pd.DataFrame, positions: np.ndarray, chat: str, repair_window: pd.Timedelta
) -> tuple[list[dict], list[tuple[int, int]], pd.Timedelta]:
    """Episode rows, their (start, end) positions within the chat, and the gap used."""
    stamps = part["time"].to_numpy()
    # Unknown times borrow the previous message's, and time never runs backwards
    # inside the scan, so a clock change cannot split or merge an episode wrongly.
    times = part["time"].ffill().bfill().to_numpy().astype("datetime64[us]").astype(np.int64)
    times = np.maximum.accumulate(times)
    senders = np.where(part["bot"].to_numpy(), -1, part["sender"].cat.codes.to_numpy())
    names = list(part["sender"].cat.categories)
    gap = conflict_gap(times, senders)
    gap_us = gap // pd.Timedelta(microseconds=1)
    limits = _silence_limits(times, senders)
    speakers = np.unique(senders[senders >= 0])
    by_sender = _positions_by_sender(senders)
    is_flagged = part["flagged"].to_numpy()
    labels = {label: part[label].to_numpy() for label in LABELS}
    weighted = sum(
        part[f"{label}_score"].to_numpy(dtype=np.float64) * labels[label] * (CONTEMPT_WEIGHT if label == "contempt" else 1.0)
        for label in LABELS
    )
    # Running totals make every per-episode count O(1), however long the episode.
    counted = {**labels, "flagged": is_flagged, "weighted": weighted}
    totals = {name: np.concatenate([[0], np.cumsum(values)]) for name, values in counted.items()}
    repair = part["repair"].to_numpy() & (senders >= 0)
    # A withdrawal ("whatever, I'm done talking") asks for no answer: leaving it be is not stonewalling.
    withdrawals = labels["stonewalling"].astype(bool)
    bids = (is_flagged & ~withdrawals) | part["positive"].to_numpy() | part["question"].to_numpy()
    repair_us = repair_window // pd.Timedelta(microseconds=1)

    def total(name: str, start: int, end: int) -> float:
        return totals[name][end + 1] - totals[name][start]

    flagged = np.flatnonzero(is_flagged)
    breaks = np.flatnonzero(np.diff(times[flagged]) > gap_us) + 1
    opens = np.logical_or.reduce([labels[label] for label in OPENING_PATTERNS]) | _answers_flagged(
        times, senders, is_flagged
    )
    runs = [run for run in np.split(flagged, breaks) if len(run) >= MIN_FLAGGED and opens[run].any()]
    next_starts = [int(run[0]) for run in runs[1:]] + [len(times)]
    rows, spans = [], []
    for run, next_start in zip(runs, next_starts):
        start, last = int(run[0]), int(run[-1])
        end = max(last, int(np.searchsorted(times, times[last] + gap_us, side="right")) - 1)
        participants = {int(s) for s in np.unique(senders[start : end + 1]) if s >= 0}
        if len(speakers) == 2:
            participants.update(int(s) for s in speakers)
        repair_until = min(next_start, int(np.searchsorted(times, times[last] + repair_us, side="right")))
        repairs = np.flatnonzero(repair[last:repair_until])
        repaired_at = last + int(repairs[0]) if len(repairs) else None
        # Once someone has repaired, a quiet evening is peace, not withdrawal.
        addressing_end = min(end, repaired_at) if repaired_at is not None else end
        silences = {
            p: _longest_silence(p, start, addressing_end, times, senders, by_sender[p], bids)
            for p in sorted(participants)
        }
        # A silence the silent person ends with their own repair attempt was a break, not a withdrawal.
        came_back = (senders[repaired_at], times[repaired_at]) if repaired_at is not None else None
        stonewallers = [
            p for p, (length, ended) in silences.items() if length >= limits[p] and (p, ended) != came_back
        ]
        if repaired_at is not None:
            ending = "repair"
        elif labels["stonewalling"][last] or any(silences[p][1] > times[end] for p in stonewallers):
            ending = "stonewall"
        else:
            ending = "fizzled"
        spans.append((start, end))
        rows.append(
            {
                "chat": chat,
                "start": stamps[start],
                "end": stamps[end],
                "duration_minutes": round((times[end] - times[start]) / 60e6, 1),
                "messages": end - start + 1,
                "flagged": int(total("flagged", start, end)),
                "first_message": int(positions[start]) + 1,
                "last_message": int(positions[end]) + 1,
                "started_by": names[senders[start]],
                "harsh_startup": bool(labels["criticism"][start] or labels["contempt"][start]),
                "participants": [names[p] for p in sorted(participants)],
                **{label: int(total(label, start, end)) for label in LABELS},
                "ending": ending,
                "repaired_by": names[senders[repaired_at]] if repaired_at is not None else "",
                "repair_minutes": round((times[repaired_at] - times[last]) / 60e6, 1) if repaired_at is not None else None,
                "stonewalled_by": [names[p] for p in stonewallers],
                "longest_silence_hours": round(max(length for length, _ in silences.values()) / 3600e6, 2),
                "severity": round(float(total("weighted", start, end)) + len(stonewallers), 3),
            }
        )
    return rows, spans, gap


def _positions_by_sender(senders: np.ndarray) -> dict[int, np.ndarray]:
    """Each sender code's message positions, ascending (one sort, not one scan per person)."""
    order = np.argsort(senders, kind="stable")
    codes, starts = np.unique(senders[order], return_index=True)
    return {int(code): group for code, group in zip(codes, np.split(order, starts[1:])) if code >= 0}


def _longest_silence(
    person: int, start: int, end: int, times: np.ndarray, senders: np.ndarray, own: np.ndarray, bids: np.ndarray
) -> tuple[int, int]:
    """Longest wait (microseconds) for ``person`` to answer someone in the episode, and when it ended.

    A complaint or bid (``bids``) by someone else inside the episode addresses
    the person; "ok, see you at 8" asks for nothing, nor does "I'm done talking". The wait runs to the
    person's next message, or to the end of the export if they never wrote again.
    """
    window = senders[start : end + 1]
    addressed = np.flatnonzero((window >= 0) & (window != person) & bids[start : end + 1]) + start
    if len(addressed) == 0:
        return 0, 0
    answered_at = np.full(len(addressed), times[-1])
    if len(own):
        following = np.searchsorted(own, addressed, side="right")
        replied = following < len(own)
        answered_at[replied] = times[own[following[replied]]]
    waits = answered_at - times[addressed]
    longest = int(np.argmax(waits))
    return int(waits[longest]), int(answered_at[longest])
