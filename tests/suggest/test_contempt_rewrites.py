"""Contempt rewrites say back the behaviour a jab mocks, never the joke's own nouns or someone else's doing.

Each message is rewritten as if flagged for contempt only (``Analyzer.analyze_as_flagged``), so the
rule under test is the rewriter's, whatever the model makes of the message today.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlp.suggest.checks import text_problems

from .conftest import rewrite_for


@pytest.mark.parametrize(
    "text, behaviour",
    [
        ("oh nooo did poor baby have a hard day of sitting on the couch 🥺", "you sitting on the couch,"),
        ("Oh sorry, I forgot you're far too important to do a school run.", "you doing a school run,"),
        ("Big man, yelling at a teenage cashier about a coupon.", "you yelled at a teenage cashier about a coupon"),
    ],
)
def test_the_mocked_behaviour_is_named_instead_of_the_joke(analyzer, text, behaviour):
    rewrite = rewrite_for(analyzer, text, "contempt")
    assert behaviour in rewrite, rewrite
    assert "baby" not in rewrite and "important" not in rewrite and "Big man" not in rewrite


@pytest.mark.parametrize(
    "text, behaviour, feeling, need",
    [
        # a mocking lead-in before the doing, and a clock time that ends it
        ("must be nice to nap till midday 🙄", "you napped until midday", "left with everything", "share the load"),
        ("Must be nice to sleep in until 2pm", "you slept in until 2pm", "left with everything", "share the load"),
        ("Busy watching football till midnight, were we?", "you watched football until midnight", "lonely", "without screens"),
        ("So mature, slamming the door in my face.", "you slammed the door in my face", "hurt", "talk calmly"),
    ],
)
def test_a_jab_at_a_behaviour_says_the_feeling_and_need_under_it(analyzer, text, behaviour, feeling, need):
    rewrite = rewrite_for(analyzer, text, "contempt")
    assert behaviour in rewrite and feeling in rewrite and need in rewrite, rewrite
    assert not {"nice", "busy", "mature"} & set(rewrite.lower().replace(",", "").split()), rewrite


@pytest.mark.parametrize(
    "text, welcomed",
    [
        ("Oh look who finally came home", "I'm glad you came home."),
        ("nice of you to finally join us, only an hour late", "I'm glad you joined us."),
        ("so brave of you to ring me after a whole week", "I'm glad you rang me."),
    ],
)
def test_a_doing_mocked_as_late_is_welcomed(analyzer, text, welcomed):
    rewrite = rewrite_for(analyzer, text, "contempt")
    assert rewrite.startswith(welcomed), rewrite
    assert "late" not in rewrite and "week" not in rewrite, rewrite


def test_look_who_is_talking_is_an_idiom_not_a_doing(analyzer):
    assert "glad" not in rewrite_for(analyzer, "oh look who's talking", "contempt")


@pytest.mark.parametrize(
    "text, effort",
    [
        # an attempt mocked as one: "cute when you try to ..."
        ("Adorable how you try to fix the boiler. Bless.", "fixing the boiler"),
        # an effort named as a noun in scare quotes, with what it was for
        ("Thanks so much for your 'help' with the garden. Truly life-changing.", "your help with the garden"),
        # the measure the jab puts on it is not repeated
        ("omg wow you texted back within 3 hours", "texting back"),
        ("Look at you, washing the whole car. So proud 🙄", "washing the car"),
        # "managed to" empty the bins is emptying them; "worked out how to" keeps its words
        ("congrats on managing to empty the bins", "emptying the bins"),
        ("wow, you worked out how to load the dishwasher. alert the press", "working out how to load the dishwasher"),
        # the jab names its subject, then what they did
        ("What a hero. Emptied the bins. Walking on water now.", "emptying the bins"),
        # what was managed is thanked for, not the managing
        ("wow, you managed to turn up to your son's recital", "turning up to your son's recital"),
        # a real effort is thanked for, even with a mocking reward
        ("wow you fixed the fence. shall i call the newspaper", "fixing the fence"),
        ("oh you cooked dinner. want a medal?", "cooking dinner"),
    ],
)
def test_an_effort_mocked_as_praise_is_thanked_for(analyzer, text, effort):
    assert rewrite_for(analyzer, text, "contempt").startswith(f"Thank you for {effort}.")


@pytest.mark.parametrize(
    "text, opening",
    [
        # a chore mocked with a reward for it: named as a job to share, not thanked for
        ("Do you want a sticker for emptying the dishwasher or is a hug enough", "I'd love it if emptying the dishwasher were just part of"),
        ("wow you cleaned the bathroom all by yourself 👏", "I'd love it if cleaning the bathroom were just part of"),
        ("What a hero. Emptied the bins. Someone call the papers.", "I'd love it if emptying the bins were just part of"),
        ("oh wow u hoovered. do u want a trophy", "I'd love it if hoovering were just part of"),
        # a day to remember, remembered late
        ("Congrats on remembering our anniversary. Only a week late!", "I'd love it if remembering our anniversary came"),
    ],
)
def test_an_effort_mocked_as_trivial_is_named_with_the_writers_need(analyzer, text, opening):
    rewrite = rewrite_for(analyzer, text, "contempt")
    assert rewrite.startswith(opening), rewrite
    assert "Thank" not in rewrite and "means a lot" not in rewrite


@pytest.mark.parametrize(
    "text, unsaid",
    [
        # owed, not a favour: "your own", a count, "for once"; the doing is not said back without its measure
        ("Do you want a gold star for paying your own car insurance?", "insurance"),
        ("Wow, you washed one plate for the party. Alert the press.", "plate"),
        ("wow, you managed to turn up to your own son's recital", "recital"),
        ("Do you want a medal for feeding your own dog?", "dog"),
        # remembering the writer's name is no thing to ask to be remembered
        ("want a medal for remembering my name?", "name"),
        # replies mocked as slow: the writer's need to hear from them
        ("you replied after two days. want a medal?", "replying"),
        # a help belittled as one small thing
        ("Your 'help' with the move was one cardboard box.", "help"),
    ],
)
def test_an_effort_mocked_as_trivial_or_owed_is_not_thanked_for(analyzer, text, unsaid):
    rewrite = rewrite_for(analyzer, text, "contempt")
    assert "Thank" not in rewrite and "means a lot" not in rewrite, rewrite
    assert unsaid not in rewrite, rewrite
    assert "rather say it plainly than be sarcastic" in rewrite, rewrite


def test_an_owed_effort_is_of_the_kind_its_object_names(analyzer):
    """A phone bill is a bill: "paid your own phone bill" is a share of the jobs, not a wish to hear from them."""
    rewrite = rewrite_for(analyzer, "Do you want a gold star for paying your own phone bill?", "contempt")
    assert "hear from you" not in rewrite, rewrite
    assert "our share" in rewrite, rewrite


@pytest.mark.parametrize(
    "text, fault",
    [
        ("oh good job, you forgot the cake 👏", "you forgetting the cake"),
        ("idiot. u locked us out again", "you locked us out"),  # next to name-calling: what hurt, said as typed
        ("wow what a genius. lost the car keys again 👏", "you losing the car keys"),
    ],
)
def test_a_fault_is_said_back_but_never_thanked_for(analyzer, text, fault):
    rewrite = rewrite_for(analyzer, text, "contempt")
    assert fault in rewrite and "Thank" not in rewrite, rewrite


@pytest.mark.parametrize(
    "text, doing",
    [
        ("you moron, you sold my bike??", "you sold my bike"),
        ("u absolute idiot, u deleted the photos", "you deleted the photos"),
    ],
)
def test_a_doing_next_to_name_calling_is_what_hurt(analyzer, text, doing):
    """An insult beside the partner's doing: the doing is named (whatever its verb), the name-calling is not."""
    rewrite = rewrite_for(analyzer, text, "contempt")
    assert rewrite.startswith(f"I'm hurt that {doing},"), rewrite
    assert "idiot" not in rewrite and "moron" not in rewrite


@pytest.mark.parametrize(
    "text",
    [
        "congrats, you played yourself",  # an idiom
        "Congrats on doing the bare minimum again",  # the joke's own words
        "do carry on explaining the offside rule to me, it's fascinating",  # going on with it, not praise
        "Do try to keep up, Marcus.",  # an order, not an attempt
    ],
)
def test_no_idiom_joke_or_order_is_thanked_for(analyzer, text):
    assert "Thank" not in rewrite_for(analyzer, text, "contempt")


def test_the_partner_jabbed_at_in_the_third_person_is_you(analyzer):
    rewrite = rewrite_for(analyzer, "oh poor baby, tired from a whole day of sitting at his desk", "contempt")
    assert "you sitting at your desk" in rewrite, rewrite


def test_the_behaviour_is_kept_when_a_break_replaces_the_question(analyzer):
    """With a withdrawal, the break is the only request: the doing must be in a statement, not in the question."""
    rewrite = rewrite_for(analyzer, "Real mature, kicking the bin over. I'm done, bye", "contempt", "stonewalling")
    assert "kicking the bin over" in rewrite and rewrite.count("?") <= 1, rewrite


@pytest.mark.parametrize(
    "text, not_said",
    [
        ("yeah yeah, you're SO hard done by, with your free room and your mum doing your laundry", "doing your laundry"),
        ("Meanwhile your present is still sitting in my basket. Groundbreaking.", "sitting"),
        ("I'm so tired of doing the dishes while you scroll, genius", "doing the dishes"),
        ("well done, u forgot the tickets 👏👏", "Thank you"),
        # not done at all, and a comparison
        ("wow you said hi to my mum without checking your phone 👏", "checking your phone"),
        ("talking to you is like talking to a brick wall", "brick wall"),
        ("great job, you managed to burn the toast", "Thank you"),  # a fault, however it was managed
    ],
)
def test_no_one_elses_doing_and_no_fault_is_said_back_as_mocked(analyzer, text, not_said):
    assert not_said not in rewrite_for(analyzer, text, "contempt")


def test_a_hyphenated_word_is_never_cut_at_its_hyphen(analyzer):
    rewrite = rewrite_for(analyzer, "Congratulations on remembering your mother-in-law's name this year.", "contempt")
    assert "your mother." not in rewrite and "your mother?" not in rewrite, rewrite


def doing_patterns(analyzer) -> list[re.Pattern]:
    """One pattern per sentence that says back the partner's doing, capturing the doing (its verb inflected)."""
    contempt = analyzer.advisor.lexicon.templates["contempt"]
    texts = [contempt["appreciation"], contempt["welcomed"], contempt["with_mocked"], *contempt["with_mocked_kind"]]
    patterns = []
    for text in texts:
        escaped = re.escape(text).replace(re.escape("{behaviour}"), "(?P<doing>.+?)")
        patterns.append(re.compile(escaped.replace(re.escape("{feeling}"), ".+?").replace(re.escape("{need}"), ".+")))
    return patterns


def test_every_doing_said_back_in_the_data_is_the_messages_own_words(analyzer, contempt_rewrites):
    """After its verb, a doing says only words of the message (as the reader spells them out: "ur" -> "your"), the
    partner said as "your", "one" said as "the", "till" as "until"; never a word that may not be copied."""
    advisor = analyzer.advisor
    grammar = advisor.rewriter.grammar
    said_for = {"your", "you", "yourself", "the", "until", "how", "to"}
    patterns = doing_patterns(analyzer)
    doings = [(text, m.group("doing")) for text, rewrite in contempt_rewrites for p in patterns if (m := p.fullmatch(rewrite))]
    assert len(doings) > 40  # the sentences are used
    wrong = []
    for text, doing in doings:
        message = advisor.reader.read(advisor.lang(text))
        own = {w.display.lower() for w in message.words} | {w.key for w in message.words}
        words = [w.removesuffix("'s") for w in doing.lower().split()[1:]]
        foreign = [w for w in words if w not in own and w not in said_for and not re.fullmatch(r"\d+[ap]m", w)]
        if foreign or any(w in grammar.never for w in words):
            wrong.append((text, doing))
    assert wrong == []


@settings(max_examples=200, deadline=None)
@given(
    lead=st.sampled_from(
        ["must be nice to", "nice of you to finally", "look who finally", "Wow, you", "congrats on", "What a hero.", "Big man,", ""]
    ),
    verb=st.sampled_from(["sleep", "slept", "sleeping", "showed", "show", "managed to", "worked out how to", "emptying", "locked"]),
    rest=st.lists(st.sampled_from(["up", "the", "bins", "till", "noon", "at", "2pm", "for", "a", "whole", "hour", "us", "out", ","]), max_size=5),
    after=st.sampled_from(["", " 🙄", ". Alert the press.", " all by yourself", " while I work"]),
)
def test_any_jab_at_a_doing_gets_a_rewrite_that_reads_well(analyzer, lead, verb, rest, after):
    text = " ".join([lead, verb, *rest]).strip() + after
    rewrite = rewrite_for(analyzer, text, "contempt")
    assert text_problems(rewrite, analyzer.advisor.lexicon) == [], (text, rewrite)
    match = next((m for p in doing_patterns(analyzer) if (m := p.fullmatch(rewrite))), None)
    if match is not None:  # what it says back is the jab's own words after the verb
        own = {w.lower() for w in re.findall(r"[\w']+", text)} | {"your", "the", "until", "to", "how"}
        said = [w.lower() for w in match.group("doing").split()[1:]]
        assert all(w in own or re.fullmatch(r"\d+[ap]m", w) for w in said), (text, rewrite)


@pytest.mark.parametrize(
    "text, person",
    [
        ("you absolute muppet, u told my dad??", "my dad"),
        ("Wow. You told our neighbours. Classy.", "our neighbours"),
    ],
)
def test_a_confidence_passed_on_is_named_by_whom_it_was_told_to(analyzer, text, person):
    """'tell' needs what was told, so the grammar alone would give a generic sentence; never the jab's words."""
    rewrite = rewrite_for(analyzer, text, "contempt")
    assert rewrite.startswith(f"I'm hurt that you told {person}."), rewrite
    assert "muppet" not in rewrite and "Classy" not in rewrite and not text_problems(rewrite, analyzer.advisor.lexicon)


@pytest.mark.parametrize(
    "text",
    [
        "you told me you'd ring, genius",  # a promise, not a confidence passed on
        "wow you told my sister's boyfriend everything",  # more than a person: not said back whole
    ],
)
def test_only_a_person_alone_is_a_confidence_passed_on(analyzer, text):
    assert "told" not in rewrite_for(analyzer, text, "contempt")


@pytest.mark.parametrize(
    "text, said",
    [
        ("obviously you forgot. shocker 🙄", "you forgetting,"),
        ("u forgot AGAIN?? incredible", "you forgetting,"),
        ("you forgot, you clown", "you forgot,"),
    ],
)
def test_a_fault_is_said_whole_with_nothing_after_it(analyzer, text, said):
    rewrite = rewrite_for(analyzer, text, "contempt")
    assert said in rewrite, rewrite
    assert "again" not in rewrite.lower() and "clown" not in rewrite


@pytest.mark.parametrize(
    "text, thing",
    [
        ("Aww. You tried to do the budget. Maybe leave the maths to me, sweetie.", "the budget"),
        ("Cute. You tried to fix the tap. The plumber comes Monday.", "fixing the tap"),
    ],
)
def test_a_mocked_past_attempt_is_not_thanked_for(analyzer, text, thing):
    rewrite = rewrite_for(analyzer, text, "contempt")
    assert "Thank you" not in rewrite and f"how {thing} turned out" in rewrite, rewrite


def test_a_mocked_present_attempt_is_still_thanked_for(analyzer):
    rewrite = rewrite_for(analyzer, "It's adorable when you try to do the laundry.", "contempt")
    assert rewrite.startswith("Thank you for doing the laundry"), rewrite
