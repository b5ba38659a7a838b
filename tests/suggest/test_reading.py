"""The parser-free reader: subject, polarity, tense and the rest of the clause."""

from __future__ import annotations

import pytest


def first_behaviour(reader, lang, text):
    sentences = reader.sentences(lang(text))
    return next(b for sentence in sentences for b in reader.behaviours(sentence))


@pytest.mark.parametrize(
    "text, form, negative, past, head, complement",
    [
        ("You never help with the dishes", "action", True, False, "help", "with the dishes"),
        ("u never listened to me", "action", True, True, "listen", "to me"),
        ("you didnt even ask if i was ok", "action", True, True, "ask", "if I was ok"),
        ("You told your brother first", "action", False, True, "tell", "your brother first"),
        ("why cant u just reply", "action", True, False, "reply", ""),
        ("Why do you always leave your socks everywhere", "action", False, False, "leave", "your socks everywhere"),
        ("You've never once stood up for me", "action", True, False, "stand", "up for me"),
        ("you keep forgetting the bins", "action", False, False, "forget", "the bins"),
        ("How hard is it to text me back", "action", True, False, "text", "me back"),
        ("What kind of person forgets their own kid's birthday", "action", False, False, "forget", "their own kid 's birthday"),
        ("You're always late", "state", False, False, "late", ""),
        ("ur so selfish with money", "trait", False, False, "selfish", "with money"),
        ("You're not a reliable person", "trait", True, False, "reliable", "person"),
        ("You're incapable of saying sorry", "action", True, False, "say", "sorry"),
        ("Why is it always me who has to sort the bills", "burden", False, False, "sort", "the bills"),
        # "not like" denies the partner's doing it leads in, and a denied "never" is a doing done
        ("it's not like you've booked a table either", "action", True, True, "book", "a table either"),
        ("it's not like you've never forgotten the bins", "action", False, True, "forget", "the bins"),
    ],
)
def test_reading_finds_who_does_what(reader, lang, text, form, negative, past, head, complement):
    b = first_behaviour(reader, lang, text)
    assert (b.form, b.negative, b.past, b.head) == (form, negative, past, head)
    assert " ".join(w.display for w in b.complement) == complement


@pytest.mark.parametrize(
    "text",
    ["thank you so much", "I love you", "see you at 7", "you guys are the best", "love you too"],
)
def test_reading_ignores_you_as_object_or_address(reader, lang, text):
    sentences = reader.sentences(lang(text))
    assert [b for sentence in sentences for b in reader.behaviours(sentence) if b.form == "action"] == []


@pytest.mark.parametrize(
    "text", ["You don't need to be going out that late on a school night", "u dont have to pick me up", "you don't gotta call"]
)
def test_reading_a_negated_need_is_no_behaviour_left_undone(reader, lang, text):
    sentences = reader.sentences(lang(text))
    assert [b for sentence in sentences for b in reader.behaviours(sentence) if b.negative] == []


def test_reading_spells_out_texting_forms(reader, lang):
    words = reader.sentences(lang("ur running late and u didnt text"))[0]
    assert [w.display for w in words] == ["you're", "running", "late", "and", "you", "did", "n't", "text"]


def test_reading_speaker_intention_and_denial(reader, lang):
    (intended, was_intention), = reader.speaker_behaviours(reader.sentences(lang("i was gonna tell u"))[0])
    assert was_intention and intended.head == "tell"
    (denied, _), = reader.speaker_behaviours(reader.sentences(lang("I didn't ignore you"))[0])
    assert denied.negative and denied.past and denied.head == "ignore"


@pytest.mark.parametrize(
    "text, head, swap, complement",
    [
        ("Why can't you be like your sister? At least she visits Mum on Sundays", "visit", "third_person", "Mum on Sundays"),
        ("he at least pays back what he borrows", "pay", "third_person", "back what he borrows"),
        ("At least I show up when I say I will, unlike some people", "show", "first_person", "up when I say I will"),
    ],
)
def test_reading_a_doing_held_up_to_the_partner_is_what_they_do_not_do(reader, lang, text, head, swap, complement):
    b = first_behaviour(reader, lang, text)
    assert (b.form, b.negative, b.past, b.head, b.swap) == ("action", True, False, head, swap)
    assert " ".join(w.display for w in b.complement) == complement


@pytest.mark.parametrize(
    "text",
    [
        "at least I tried",  # a past doing is the writer's defence, not a comparison
        "at least i don't flirt with the barista",  # negated: the partner does, a counter-attack
        "at least he's honest",  # a label, not a doing
    ],
)
def test_reading_no_comparison_without_a_present_doing(reader, lang, text):
    sentences = reader.sentences(lang(text))
    assert [b for sentence in sentences for b in reader.behaviours(sentence) if b.negative] == []


def test_reading_a_rhetorical_who_is_the_partner_only_where_a_clause_starts(reader, lang):
    b = first_behaviour(reader, lang, "honestly, who leaves the milk out all night")
    assert (b.head, b.swap, b.negative) == ("leave", "third_person", False)
    sentences = reader.sentences(lang("my brother who leaves early is fine"))
    assert [b for sentence in sentences for b in reader.behaviours(sentence)] == []


def test_reading_a_reported_promise_stays_in_the_behaviour(reader, lang):
    b = first_behaviour(reader, lang, "at least he turns up when he says he will")
    assert " ".join(w.display for w in b.complement) == "up when he says he will"


@pytest.mark.parametrize(
    "text, granted",
    [
        ("yes, I forgot but you forgot too", ["I"]),  # the comma is passed over
        ("ok i skipped it. yeah fine", ["i", "fine"]),
        ("I forgot, yes", []),  # nothing follows the opener
    ],
)
def test_starts_after_finds_the_words_an_opener_grants(reader, lang, text, granted):
    message = reader.read(lang(text))
    starts = message.starts_after(frozenset({"yes", "ok", "yeah"}))
    assert sorted(text[start:].split()[0] for start in starts) == sorted(granted)


@pytest.mark.parametrize(
    "text, negative, head, complement",
    [
        # a word that is mostly no verb after "you" ("you back there") is one when negated and phrasal
        ("You never back me up in front of your mother.", True, "back", "me up in front of your mother"),
        # a sentence opened by "not once" puts its negation on the inverted auxiliary
        ("not once in 3 yrs have u asked how my day was", True, "ask", "how my day was"),
    ],
)
def test_reading_a_negated_doing_the_word_order_hides(reader, lang, text, negative, head, complement):
    b = first_behaviour(reader, lang, text)
    assert (b.negative, b.head, " ".join(w.display for w in b.complement)) == (negative, head, complement)


@pytest.mark.parametrize(
    "text, clause",
    [
        ("why have u never asked how my day was", "have u never asked how my day was"),
        ("not once in 3 yrs have u asked how my day was", "have u asked how my day was"),
    ],
)
def test_an_inverted_doing_starts_at_its_auxiliary(reader, lang, text, clause):
    b = first_behaviour(reader, lang, text)
    assert text[b.start : b.end] == clause


def test_reading_a_promise_to_back_someone_up_is_no_doing_of_its_own(reader, lang):
    # "you'd back me up" is not negated: "back" stays no verb, so it is not said back as done
    sentences = reader.sentences(lang("you said you'd back me up with your parents"))
    assert all(b.head != "back" for sentence in sentences for b in reader.behaviours(sentence))


def test_reading_never_mind_is_no_negated_question(reader, lang):
    b = first_behaviour(reader, lang, "never mind, did you get it?")
    assert not b.negative


def test_reading_a_second_doing_after_and_never(reader, lang):
    sentences = reader.sentences(lang("u borrow stuff and just never give it back"))
    found = [(b.head, b.negative) for sentence in sentences for b in reader.behaviours(sentence)]
    assert found == [("borrow", False), ("give", True)]
