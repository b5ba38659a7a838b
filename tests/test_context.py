"""Replies judged against what they answer (nlp.context), one message and a whole export."""

from __future__ import annotations

import csv

import pytest

from nlp.context import CONTEXT_CUE_RULE, Previous, decide_in_context

CALM = Previous(frozenset(), minutes=3)
HEATED = Previous(frozenset({"criticism"}), minutes=2)
#                criticism contempt defensiveness stonewalling
NOTHING = [False, False, False, False]


def test_a_short_reply_to_a_calm_message_is_not_stonewalling():
    flags = [False, False, False, True]
    assert decide_in_context(flags, [0.1, 0.1, 0.1, 0.6], words=2, rules=set(), previous=CALM) == NOTHING


def test_other_patterns_and_certain_stonewalling_keep_their_flags_after_a_calm_message():
    flags = [True, True, True, True]
    assert decide_in_context(flags, [0.8, 0.8, 0.7, 0.95], words=3, rules=set(), previous=CALM) == flags
    kept = decide_in_context(flags, [0.8, 0.8, 0.7, 0.7], words=3, rules=set(), previous=CALM)
    assert kept == [True, True, True, False]  # defensiveness answers complaints, which are not flagged


def test_a_long_reply_is_judged_on_its_own_words():
    flags = [False, False, False, True]
    assert decide_in_context(flags, [0, 0, 0, 0.6], words=20, rules=set(), previous=CALM) == flags


def test_a_curt_acknowledgement_right_after_a_heated_message_is_stonewalling():
    assert decide_in_context(NOTHING, [0] * 4, words=1, rules={"curt.reply"}, previous=HEATED) == [False, False, False, True]
    assert decide_in_context(NOTHING, [0] * 4, words=1, rules=set(), previous=HEATED) == NOTHING  # "yes" is not curt


def test_without_context_or_after_a_long_gap_the_flags_are_the_messages_own():
    flags = [False, False, True, True]
    assert decide_in_context(flags, [0, 0, 0.6, 0.6], words=2, rules=set(), previous=None) == flags
    long_ago = Previous(frozenset(), minutes=24 * 60)
    assert decide_in_context(flags, [0, 0, 0.6, 0.6], words=2, rules=set(), previous=long_ago) == flags


def test_analyze_with_a_previous_message(analyzer):
    alone = analyzer.analyze("ok.")
    after_attack = analyzer.analyze("ok.", HEATED)
    after_question = analyzer.analyze("ok.", CALM)
    assert not alone.flagged and not after_question.flagged
    assert after_attack.flagged_patterns == ["stonewalling"]
    assert after_attack.patterns["stonewalling"].score == alone.patterns["stonewalling"].score  # scores stay its own
    assert any(cue.rule == CONTEXT_CUE_RULE and cue.text == "ok." for cue in after_attack.cues)
    assert after_attack.rewrite  # advice comes with the flag


def test_check_reply_to_on_the_command_line(analyzer):
    import json

    from typer.testing import CliRunner

    from nlp.cli import app

    runner = CliRunner()
    answered = runner.invoke(app, ["check", "--json", "--reply-to", "You never help with anything, you're so lazy", "ok."])
    plain = runner.invoke(app, ["check", "--json", "ok."])
    assert answered.exit_code == plain.exit_code == 0, answered.output
    assert json.loads(answered.stdout)["patterns"]["stonewalling"]["flagged"] is True
    assert json.loads(plain.stdout)["flagged"] is False


CHAT = """\
12/03/2024, 18:01 - Ann: Did you call the landlord about the boiler?
12/03/2024, 18:05 - Bob: Not yet
12/03/2024, 19:00 - Ann: You never help with anything, you're so lazy
12/03/2024, 19:01 - Bob: ok.
12/03/2024, 19:30 - Ann: can you grab milk on the way home?
12/03/2024, 19:31 - Bob: k.
"""


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_export_judges_each_reply_against_the_other_persons_last_message(analyzer, tmp_path, jobs):
    from nlp.conversation.analyze import analyze_export

    chat = tmp_path / "WhatsApp Chat with Ann.txt"
    chat.write_text(CHAT, encoding="utf-8")
    analyze_export(chat, tmp_path / "out", analyzer=analyzer, n_process=jobs, batch_size=2)
    rows = {row["text"]: row for row in csv.DictReader(open(tmp_path / "out" / "messages.csv", encoding="utf-8"))}
    assert rows["You never help with anything, you're so lazy"]["criticism_flagged"] == "1"
    assert rows["Not yet"]["flagged"] == "0"
    assert rows["k."]["flagged"] == "0"
    assert rows["ok."]["stonewalling_flagged"] == "1"
    assert CONTEXT_CUE_RULE in rows["ok."]["cues"]
