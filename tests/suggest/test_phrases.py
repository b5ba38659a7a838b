"""What a rewrite may say back from a message: only whole recognised phrases, else nothing (the caller falls back)."""

from __future__ import annotations

import pytest


def said_back(reader, grammar, lang, text, request=False):
    """The verb phrase of the message's first behaviour as the rewriter would say it, or None."""
    sentences = reader.sentences(lang(text))
    b = next(b for sentence in sentences for b in reader.behaviours(sentence))
    phrase = grammar.verb_phrase(b.head, b.complement, negative=b.negative, request=request)
    return phrase.text() if phrase else None


@pytest.mark.parametrize(
    "text, said, asked",
    [
        ("You never once ask how my day was", "ask how my day was", "ask how my day was"),
        ("u didnt even ask if i was ok", "ask if I was ok", "ask if I'm ok"),
        ("how hard is it to tell me ur running late", "tell me when you're running late", "tell me when you're running late"),
        ("you never tell me when you're leaving", "tell me when you're leaving", "tell me when you're leaving"),
        ("why do u never ask how i am", "ask how I am", "ask how I am"),
        ("you never clean up after urself in the kitchen", "clean up after yourself in the kitchen", None),
        ("u never tell me ur plans", "tell me your plans", None),  # a noun phrase: "ur" before a noun is "your"
    ],
)
def test_a_recognised_phrase_is_said_back_whole_in_standard_spelling(reader, grammar, lang, text, said, asked):
    assert said_back(reader, grammar, lang, text) == said
    if asked:
        assert said_back(reader, grammar, lang, text, request=True) == asked


@pytest.mark.parametrize(
    "text",
    [
        "you never told me the party was off",  # no starter and a past clause: "tell me when the party was off" is wrong
        "you never ask how my day",  # a clause without its verb
        "you never ask if i was so stupid",  # a predicate outside the closed list
        "you never ask what i think about anything",  # a clause tail
        "u never tell me ur gonna be late",  # "gonna" is a texting form, not one of the clause's verb forms
        "you never ask",  # a clause verb without its clause
    ],
)
def test_an_unrecognised_clause_is_not_said_back(reader, grammar, lang, text):
    assert said_back(reader, grammar, lang, text) is None


def test_a_message_without_a_safe_phrase_gets_a_generic_rewrite(analyzer):
    """'you never ask what i think about anything': no phrase to copy, so one of the generic sentences."""
    result = analyzer.analyze("you never ask what i think about anything, ever")
    if not result.flagged:
        pytest.skip("not flagged by the default model")
    assert result.rewrite in analyzer.advisor.rewriter.generic_sentences()


@pytest.mark.parametrize(
    "text, topics",
    [
        ("You are lazy like a cat, all day", []),  # a comparison, not what it is about
        ("you're worse than the kids with the dishes", ["the dishes"]),
        ("Why can't you ever take responsibility for the simple stuff", []),  # a judgement, never copied
        ("you never empty the dishwasher", ["the dishwasher"]),
        # an idiom's noun is no topic: "get with the program" is not about a program
        ("honestly get with the program and do the dishes", ["the dishes"]),
        ("you dropped the ball on the school forms", ["the school forms"]),
    ],
)
def test_topics_are_what_the_message_is_about(reader, grammar, lang, text, topics):
    assert [p.text() for p in grammar.topics(reader.sentences(lang(text)))] == topics


def said_back_turned(reader, grammar, lang, text, request=False):
    """As ``said_back``, with the persons turned round as the behaviour says ("what kind of man forgets his ...")."""
    sentences = reader.sentences(lang(text))
    b = next(b for sentence in sentences for b in reader.behaviours(sentence))
    phrase = grammar.verb_phrase(b.head, b.complement, negative=b.negative, request=request, swap=b.swap)
    return phrase.text() if phrase else None


@pytest.mark.parametrize(
    "text, said",
    [
        # a person word that is no noun alone still owns the thing after "'s"; an ordinal birthday is a noun
        ("what kind of woman forgets her own mum's 60th", "forget your mum's 60th"),
        ("you forgot my nan's party", "forget my nan's party"),
        ("you're so careless with the cat's insulin", None),  # a trait, not a verb phrase: see the rewrite tests
        # a thing named by what its doer does with it, said as "what you ..." in the present
        ("you never put back anything you take", "put back what you take"),
        ("can you for once in your life refill something you emptied", "refill what you empty"),
        ("at least she pays back what she borrows", "pay back what you borrow"),
        # a verb and its particle are the whole behaviour
        ("you never show up", "show up"),
        ("you never stand up for me", "stand up for me"),
        # the set clauses a behaviour may keep, said the one way
        ("you don't turn up when you said you would", "turn up when you say you will"),
        ("u never pick up when i ring", "pick up when I ring"),
        # a preposition of several words
        ("you never take my side in front of your dad", "take my side in front of your dad"),
    ],
)
def test_a_recognised_phrase_keeps_its_owner_relative_particle_clause_and_preposition(reader, grammar, lang, text, said):
    assert said_back_turned(reader, grammar, lang, text) == said


@pytest.mark.parametrize(
    "text",
    [
        "you never replace something you broke at work",  # the relative clause runs on: not said back
        "you never fix stuff you want",  # a verb of attitude inside it is no more said back than outside
        "you only turn up when we say we will",  # not one of the set clauses' subjects (and a doing may not be cut there)
        "you never stand",  # "stand" alone, without its particle, needs an object
    ],
)
def test_a_relative_or_clause_outside_the_closed_lists_is_not_said_back(reader, grammar, lang, text):
    assert said_back_turned(reader, grammar, lang, text) is None


@pytest.mark.parametrize(
    "text, said",
    [
        # "get to" + a noun phrase: get round to doing it; "get" is the verb and the phrase after "to" its object
        ("you never get to the recycling", "get to the recycling"),
        ("u never get around to the recycling", "get around to the recycling"),
        ("why do you never get to the bins", "get to the bins"),
    ],
)
def test_get_to_a_noun_phrase_keeps_the_noun_phrase(reader, grammar, lang, text, said):
    assert said_back(reader, grammar, lang, text) == said


@pytest.mark.parametrize(
    "text, topics",
    [
        ("I'll get to the recycling later", ["the recycling"]),  # no place: what is (not) done
        ("I said I would get round to the recycling", ["the recycling"]),
        ("I waited at the school gates", []),  # a place, and no part of it ("gates") either
        ("I sorted the spare-room mess", []),  # not "the spare" of a hyphened word
    ],
)
def test_a_noun_phrase_after_a_place_word_is_left_out_whole(reader, grammar, lang, analyzer, text, topics):
    places = analyzer.advisor.rewriter.place_lead_ins
    found = grammar.topic_words(reader.sentences(lang(text)), not_after=places)
    assert [grammar.named(words, head).text() for words, head in found] == topics


@pytest.mark.parametrize(
    "text, said",
    [
        # a thing named with a word outside the noun lists, bounded by its determiner and the clause's end
        ("you still haven't fixed the gazebo latch", "fix the gazebo latch"),
        ("you never bring the padlock key back", "bring the padlock key back"),
        ("you never empty your gazebo bins before bed", "empty your gazebo bins"),
    ],
)
def test_a_bounded_noun_phrase_with_an_unlisted_word_is_said_back(reader, grammar, lang, text, said):
    assert said_back(reader, grammar, lang, text) == said


@pytest.mark.parametrize(
    "text, topic",
    [
        ("I can't believe you lost the padlock key", "the padlock key"),
        ("the gazebo is wrecked", "the gazebo"),  # a subject: it ends before its verb "is"
    ],
)
def test_an_unlisted_noun_phrase_is_a_topic(reader, grammar, lang, text, topic):
    assert topic in [p.text() for p in grammar.topics(reader.sentences(lang(text)))]


@pytest.mark.parametrize(
    "text",
    [
        "why don't you care about the padlock key or stuff that matters",  # "that" heads no unlisted phrase
        "you lost the padlock key, go and tell your therapist",  # a person
        "you lost the padlock key and now the strimmer exists?",  # "exists" after a singular word is its verb
        "you lost the padlock key and left the strimmer running",  # an -ing word after its subject is a verb
        "you lost the padlock key and never answer your msgs",  # a texting abbreviation
        "you lost the padlock key and went to the gp",  # two letters: an acronym the reader lowered
        "you lost the padlock key, the gazebo quietly collapsed",  # an -ly word ends nothing
    ],
)
def test_an_unlisted_phrase_is_recognised_only_within_its_bounds(reader, grammar, lang, text):
    """Each message names one bounded unlisted thing ("the padlock key") and one that is out of bounds."""
    topics = [p.text() for p in grammar.topics(reader.sentences(lang(text)))]
    listed = grammar.nouns | grammar.modifiers | grammar.determiners
    assert [t for t in topics if any(word not in listed for word in t.split())] == ["the padlock key"], topics
