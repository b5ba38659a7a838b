"""Episode logic on hand-built chats: grouping, start, ending, repair windows, context, behavioural stonewalling, gaps."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
import pytest

from nlp.chats import ChatMessage
from nlp.conversation.episodes import find_episodes
from nlp.conversation.records import MessageTable, analysis_columns

from .frames import START, build_frame, fake_analysis

# Six messages answered within two minutes: a fast chat (median reply 2 min, so a 10-minute episode gap).
FAST_CHAT = [(0, "A", (), ()), (2, "B", (), ()), (4, "A", (), ()), (6, "B", (), ()), (8, "A", (), ()), (10, "B", (), ())]


def only_episode(rows):
    episodes = find_episodes(build_frame(rows))
    assert len(episodes.table) == 1, episodes.table
    return episodes.table.iloc[0], episodes


def test_harsh_start_and_silence_after_being_addressed_is_stonewalling():
    episode, episodes = only_episode(FAST_CHAT + [
        (100, "A", ("criticism",), ()),
        (101, "B", ("defensiveness",), ()),
        (102, "A", ("contempt",), ()),
        (103, "A", (), ()),  # "are you even listening?", inside the episode's closing stretch
        (403, "B", (), ()),  # five hours later
    ])
    assert episode["started_by"] == "A"
    assert episode["harsh_startup"]
    assert (episode["first_message"], episode["last_message"], episode["messages"]) == (7, 10, 4)
    assert episode["duration_minutes"] == 3.0
    assert episode["stonewalled_by"] == ["B"]
    assert episode["longest_silence_hours"] == pytest.approx(301 / 60, abs=0.01)
    assert episode["ending"] == "stonewall"
    assert (episode["criticism"], episode["contempt"], episode["defensiveness"]) == (1, 1, 1)
    assert episodes.gaps[""] == pd.Timedelta(minutes=10)
    assert episodes.in_conflict.tolist() == [False] * 6 + [True] * 4 + [False]


def test_a_repair_attempt_ends_the_episode_and_later_quiet_is_not_stonewalling():
    episode, _ = only_episode(FAST_CHAT + [
        (100, "A", ("criticism",), ()),
        (101, "B", ("defensiveness",), ()),
        (102, "A", ("criticism",), ()),
        (105, "B", (), ("responsibility", "repair")),
        (106, "A", (), ("appreciation",)),
        (1000, "B", (), ()),
    ])
    assert episode["ending"] == "repair"
    assert episode["repaired_by"] == "B"
    assert episode["stonewalled_by"] == []
    assert episode["last_message"] == 11


def test_an_exchange_that_just_stops_fizzles():
    episode, _ = only_episode(FAST_CHAT + [
        (100, "A", ("criticism",), ()),
        (101, "B", ("defensiveness",), ()),
        (130, "A", (), ()),
    ])
    assert episode["ending"] == "fizzled"
    assert not episode["stonewalled_by"]
    assert episode["messages"] == 2


def test_withdrawing_in_words_ends_in_stonewall_without_a_silence():
    episode, _ = only_episode(FAST_CHAT + [
        (100, "A", ("criticism",), ()),
        (101, "B", ("stonewalling",), ()),
        (103, "A", (), ()),
        (104, "B", (), ()),
    ])
    assert episode["ending"] == "stonewall"
    assert episode["stonewalled_by"] == []
    assert episode["harsh_startup"]


def test_opening_with_defensiveness_is_not_a_harsh_start():
    episode, _ = only_episode(FAST_CHAT + [(100, "B", ("defensiveness",), ()), (101, "A", ("stonewalling",), ())])
    assert episode["started_by"] == "B"
    assert not episode["harsh_startup"]


def test_one_flagged_message_is_not_an_episode():
    episodes = find_episodes(build_frame(FAST_CHAT + [(100, "A", ("contempt",), ()), (102, "B", (), ())]))
    assert episodes.table.empty
    assert not episodes.in_conflict.any()


def test_the_gap_comes_from_how_fast_people_reply():
    flagged_40_minutes_apart = [(200, "A", ("criticism",), ()), (215, "B", (), ()), (240, "A", ("criticism",), ())]
    fast = find_episodes(build_frame(FAST_CHAT + flagged_40_minutes_apart))
    slow_chat = [(0, "A", (), ()), (30, "B", (), ()), (60, "A", (), ()), (90, "B", (), ()), (120, "A", (), ())]
    slow = find_episodes(build_frame(slow_chat + flagged_40_minutes_apart))
    assert fast.table.empty and fast.gaps[""] == pd.Timedelta(minutes=10)
    assert len(slow.table) == 1 and slow.gaps[""] == pd.Timedelta(hours=2)


def test_the_gap_is_clamped_for_very_slow_chats():
    daily = [(day * 1440, "AB"[day % 2], ("criticism",) if day >= 4 else (), ()) for day in range(6)]
    episodes = find_episodes(build_frame(daily))
    assert episodes.gaps[""] == pd.Timedelta(hours=3)
    assert episodes.table.empty  # flagged a day apart: two remarks, not one conflict


def test_someone_who_always_answers_late_is_not_labelled_for_a_late_answer():
    three_hourly = [(0, "A", (), ()), (180, "B", (), ()), (181, "A", (), ()), (360, "B", (), ()), (361, "A", (), ()), (540, "B", (), ())]
    episode, _ = only_episode(three_hourly + [
        (600, "A", ("criticism",), ()),
        (601, "B", ("defensiveness",), ()),
        (602, "A", ("criticism",), ()),
        (902, "B", (), ()),  # five hours: less than three times B's usual three
    ])
    assert episode["stonewalled_by"] == []
    assert episode["ending"] == "fizzled"


def test_chats_of_one_export_are_kept_apart():
    rows = [
        (0, "A", ("criticism",), (), "home"),
        (1, "A", ("criticism",), (), "work"),
        (2, "B", ("defensiveness",), (), "home"),
        (3, "C", (), (), "work"),
    ]
    episodes = find_episodes(build_frame(rows))
    assert episodes.table["chat"].tolist() == ["home"]
    assert episodes.table.iloc[0]["messages"] == 2
    assert episodes.in_conflict.tolist() == [True, False, True, False]


def test_system_events_are_not_participants():
    episode, _ = only_episode(FAST_CHAT + [(100, "A", ("criticism",), ()), (100, None, (), ()), (101, "B", ("contempt",), ())])
    assert episode["participants"] == ["A", "B"]
    assert episode["messages"] == 3


def test_an_undated_chat_has_no_episodes_and_says_why():
    episodes = find_episodes(build_frame([(None, "A", ("criticism",), ()), (None, "B", ("contempt",), ())]))
    assert episodes.table.empty
    assert any("no timestamps" in note for note in episodes.notes)


CONFLICT = [(100, "A", ("criticism",), ()), (101, "B", ("defensiveness",), ()), (102, "A", ("criticism",), ())]


def test_an_apology_hours_later_repairs_the_episode_and_says_who_and_when():
    episode, _ = only_episode(FAST_CHAT + CONFLICT + [(402, "B", (), ("responsibility", "repair"))])
    assert (episode["ending"], episode["repaired_by"], episode["repair_minutes"]) == ("repair", "B", 300.0)
    assert episode["last_message"] == 9  # the episode itself still ends with the quarrel


def test_a_repair_counts_only_within_the_window():
    late = FAST_CHAT + CONFLICT + [(102 + 25 * 60, "A", (), ("repair",))]
    assert only_episode(late)[0]["ending"] != "repair"
    episodes = find_episodes(build_frame(late), repair_window=pd.Timedelta(hours=30))
    assert episodes.table.iloc[0]["repaired_by"] == "A"
    assert episodes.table.iloc[0]["repair_minutes"] == 25 * 60


def test_a_repair_after_the_next_episode_has_started_belongs_to_that_one():
    rows = FAST_CHAT + CONFLICT + [
        (300, "B", ("contempt",), ()), (301, "A", ("defensiveness",), ()),
        (400, "A", (), ("repair",)),
    ]
    table = find_episodes(build_frame(rows)).table
    assert table["ending"].tolist()[0] != "repair"
    assert (table["ending"].tolist()[1], table["repaired_by"].tolist()[1]) == ("repair", "A")


def test_terse_answers_to_calm_questions_are_not_an_episode():
    answers = [(100, "A", (), ()), (101, "B", ("stonewalling",), ()), (102, "A", (), ()), (103, "B", ("defensiveness",), ())]
    assert find_episodes(build_frame(FAST_CHAT + answers)).table.empty
    answering_an_attack = [(100, "A", ("criticism",), ()), (101, "B", ("stonewalling",), ())]
    assert len(find_episodes(build_frame(FAST_CHAT + answering_an_attack)).table) == 1
    defended_then_stonewalled = [(100, "A", (), ()), (101, "B", ("defensiveness",), ()), (102, "A", ("stonewalling",), ())]
    episode, _ = only_episode(FAST_CHAT + defended_then_stonewalled)  # A's reply answers a flagged message
    assert episode["started_by"] == "B"


def test_silence_is_stonewalling_only_after_a_complaint_or_a_bid():
    rows = FAST_CHAT + CONFLICT + [(103, "B", ("defensiveness",), ()), (104, "A", (), ()), (400, "B", (), ())]
    assert only_episode(rows)[0]["stonewalled_by"] == []  # "ok, see you later" asks for nothing
    asked = find_episodes(build_frame(rows, questions=frozenset({len(rows) - 2})))
    assert asked.table.iloc[0]["stonewalled_by"] == ["B"]  # "are you even listening?" does


def test_leaving_a_withdrawal_be_is_not_stonewalling():
    """After "whatever, I'm done talking" the withdrawal is the writer's, not the silence of the one told."""
    withdrew = FAST_CHAT + CONFLICT + [(103, "B", ("stonewalling",), ()), (103 + 3 * 60, "A", (), ())]
    episode, _ = only_episode(withdrew)
    assert (episode["ending"], episode["stonewalled_by"]) == ("stonewall", [])
    attacked = FAST_CHAT + CONFLICT + [(103, "B", ("contempt",), ()), (103 + 3 * 60, "A", (), ())]
    assert only_episode(attacked)[0]["stonewalled_by"] == ["A"]


def test_bots_take_no_part_in_episodes():
    table = MessageTable()
    for minutes, sender, flags in [(0, "A", ()), (2, "B", ()), (4, "A", ()), (6, "B", ()),
                                   (100, "A", ("criticism",)), (101, "B", ("defensiveness",))]:
        text = f"{sender} says something"
        table.add(ChatMessage(START + timedelta(minutes=minutes), sender, text, "text"),
                  analysis_columns(fake_analysis(text, flags)))
    table.add(ChatMessage(START + timedelta(minutes=102), "ci", "Build failed?", "text", bot=True), None)
    episode = find_episodes(table.frame()).table.iloc[0]
    assert episode["participants"] == ["A", "B"]
    assert episode["stonewalled_by"] == []


def test_a_silence_ended_by_ones_own_apology_is_a_break_not_stonewalling():
    rows = FAST_CHAT + CONFLICT + [(103, "B", ("contempt",), ())]
    apology_next_morning = rows + [(103 + 12 * 60, "A", (), ("repair",))]
    episode, _ = only_episode(apology_next_morning)
    assert (episode["ending"], episode["repaired_by"], episode["stonewalled_by"]) == ("repair", "A", [])
    other_comes_back_first = rows + [(103 + 11 * 60, "A", (), ()), (103 + 12 * 60, "A", (), ("repair",))]
    assert only_episode(other_comes_back_first)[0]["stonewalled_by"] == ["A"]
