"""A rewrite's fallback sentences say something, and a topic is never a thing the message says the problem is not.

Reviewers failed contempt's stock sentences because they announced plain talk ("I'd rather tell you straight") and
then never said what was wrong; where no safe topic is found, the sentence now says the writer's feeling and need.
A noun the message denies ("it's never about the dishes") or lists as the partner's excuses ("always an excuse. the
train, the boss.") read wrongly in a fixed sentence ("I feel overwhelmed about the dishes"), so it is not the topic
(``not_the_topic`` in ``templates.json``).
"""

from __future__ import annotations

import pytest

from .conftest import rewrite_for


@pytest.mark.parametrize(
    "text, patterns",
    [
        ("wow. what a mastermind you are 🙄", ("contempt",)),
        ("oh sure, you're SUCH a delight to live with", ("contempt",)),
        ("let me use really tiny words so even you can follow along", ("contempt",)),
    ],
)
def test_a_jab_without_a_topic_gets_a_feeling_and_a_need_not_an_announcement(analyzer, text, patterns):
    rewrite = rewrite_for(analyzer, text, *patterns)
    assert "rather" not in rewrite and "what's bothering me" not in rewrite, rewrite
    assert rewrite.startswith("I'm ") and ("What I need is" in rewrite or "?" in rewrite), rewrite


def test_every_generic_sentence_says_a_need_or_a_request(analyzer):
    templates = analyzer.advisor.lexicon.templates
    stock = [text for texts in templates["contempt"]["generic"].values() for text in texts]
    stock.append(templates["criticism"]["last_resort"])
    assert [t for t in stock if "rather" in t or "how this went" in t or not ("What I need" in t or "?" in t)] == []


def test_a_topic_sentence_says_a_feeling_of_the_writer_not_being_put_down(analyzer):
    """'I felt put down about the thermostat' is how the partner felt, not the writer who talked down to them."""
    sentences = [t for texts in analyzer.advisor.lexicon.templates["contempt"]["with_topic"].values() for t in texts]
    assert [t for t in sentences if "put down" in t or "put out" in t] == []


@pytest.mark.parametrize(
    "text, denied",
    [
        (
            "honestly you're so selfish. it's never about the bins or the bills on their own, "
            "it's that you never think of anyone else.",
            ("bins", "bills"),
        ),
        ("this isn't about the laundry. you just don't care about anyone but yourself", ("laundry",)),
        ("you always have an excuse. the bus, the weather, your mum. you never ever own anything", ("bus", "weather")),
    ],
)
def test_a_thing_the_message_says_it_is_not_about_is_not_the_topic(analyzer, text, denied):
    rewrite = rewrite_for(analyzer, text, "criticism")
    assert not any(word in rewrite for word in denied), rewrite


@pytest.mark.parametrize(
    "text, kept",
    [
        ("It's not the first time you forgot the bins, you're useless", "the bins"),
        ("You just don't care, do you? Not about the rent, not about school.", "the rent"),
        ("another excuse: the bus, the weather. you never think about the bins", "the bins"),
    ],
)
def test_a_topic_after_a_denial_or_a_list_of_excuses_is_kept(analyzer, text, kept):
    assert kept in rewrite_for(analyzer, text, "criticism")
