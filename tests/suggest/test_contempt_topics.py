"""A contempt rewrite names what a jab is about only when it is an everyday thing, said back whole.

The antidote for contempt is the writer's own feeling and need; the thing it is about keeps the topic ("I'm annoyed
about the thermostat, and I'd rather say it straight than be sarcastic"). A jab's other nouns are mostly part of the
joke ("a medal", "the press", "a red carpet"), so only the curated everyday things of ``templates.json``
(``topic_categories``, and ``contempt.topic_categories``) are named, and only as a whole recognised noun phrase: never
a count ("three extra guests"), never the end of a longer phrase ("lunch" of "the packed lunch"), never a place a jab
is set in ("hiding in the garage"). When there is none, a generic sentence stays.

Each message is rewritten as if flagged for contempt only (``Analyzer.analyze_as_flagged``).
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from .conftest import rewrite_for

KINDS = ("sarcasm", "insult", "condescension")


def topic_patterns(analyzer) -> list[re.Pattern]:
    """One pattern per topic sentence of templates.json, capturing the topic it names."""
    patterns = []
    for texts in analyzer.advisor.lexicon.templates["contempt"]["with_topic"].values():
        for text in texts:
            escaped = re.escape(text).replace(re.escape("{topic}"), "(?P<topic>.+?)").replace(re.escape("{need}"), ".+")
            patterns.append(re.compile(escaped))
    return patterns


def named_topic(analyzer, rewrite: str) -> str | None:
    """The topic a contempt rewrite names, or None when it is another kind of sentence."""
    return next((m.group("topic") for p in topic_patterns(analyzer) if (m := p.match(rewrite))), None)


def said_whole(analyzer, text: str, topic: str) -> bool:
    """Whether ``topic`` is a whole noun phrase of ``text``: its words in a row in one sentence (a determiner
    other than "your", "my", "our" said as "the"), with no word before them that would belong to the same phrase."""
    advisor = analyzer.advisor
    grammar = advisor.rewriter.grammar
    definite = advisor.rewriter.definite
    words = topic.lower().replace("'s", " 's").split()
    determined = words[0] in definite
    for sentence in advisor.reader.read(advisor.lang(text)).sentences:
        # "your own anniversary", "a generous present": the jab's "own" and praise are left out of the thing named
        kept = [w for w in grammar.clean(sentence) if w.key != "own" and w.key not in advisor.rewriter.praise_words]
        keys = [w.display.lower() for w in kept]
        for i in range(len(keys)):
            body = words[1:] if determined else words
            start = i + 1 if determined else i
            if keys[start : start + len(body)] != body or (determined and i >= len(keys)):
                continue
            before = keys[start - 1] if start else ""
            if determined and before not in grammar.determiners:
                continue  # "the" must stand for a determiner of the message
            verb = before in advisor.lexicon.base_of_form  # "taking money", "watching tv"
            if not determined and not verb and (before in grammar.nouns or before in grammar.modifiers or before.isdigit()):
                continue  # "lunch" of "packed lunch", "shoes" of "school shoes"
            return True
    return False


@pytest.mark.parametrize(
    "text, topic",
    [
        ("Imagine needing a manual for the thermostat. Four winters and counting.", "the thermostat"),
        ("Let me explain the mortgage slowly, since numbers are clearly so hard for you.", "the mortgage"),
        ("oh look, someone discovered the dishwasher exists. only took you a decade", "the dishwasher"),
        ("Imagine being forty and needing help to read a calendar 😂", "the calendar"),
        ("Oh good, more financial wisdom from the man who bought a timeshare in 2009.", "the timeshare"),
        ("Your business plan is so cute. Really.", "your business plan"),
        ("Sure, you'll sort the movers. Like last time. Genius.", "the movers"),
        ("wow, the litter box is a museum piece now. well done", "the litter box"),
        ("oh please, a lecture on savings from the man who maxed out the credit card", "the credit card"),
        ("Such a brave man, hiding in the garage while I deal with the contractor.", "the contractor"),
        ("Is that what passes for an apology in your family? Good to know.", "the apology"),
    ],
)
def test_an_everyday_thing_a_jab_is_about_is_named(analyzer, text, topic):
    rewrite = rewrite_for(analyzer, text, "contempt")
    assert named_topic(analyzer, rewrite) == topic, rewrite


@pytest.mark.parametrize(
    "text, joke",
    [
        ("Someone give this man a medal.", "medal"),
        ("Should we roll out a red carpet for you?", "carpet"),
        ("Alert the press, he turned up on time.", "press"),
        ("Talking to you is like talking to the wall.", "wall"),
        ("Shall we throw you a parade?", "parade"),
        # a place the jab is set in, not what it is about
        ("Such a hero, hiding in the garage while I sort out the builders.", "garage"),
        ("Sorry, forgot your hobby is the only real job in this house 🙃", "house"),
        # a count, and the end of a phrase the grammar could not read
        ("How brave of you to tell your aunt she can't bring three extra guests.", "guests"),
        ("Wow, ten whole pounds toward the cooked lunch. Steady on.", "lunch"),
        # idioms: their nouns are no topic
        ("Did we get up on the wrong side of the bed again, little one?", "bed"),
        ("oh wow you answered within a day, is it my birthday", "birthday"),
    ],
)
def test_a_noun_that_is_part_of_the_joke_is_never_named(analyzer, text, joke):
    rewrite = rewrite_for(analyzer, text, "contempt")
    assert joke not in rewrite, rewrite


def test_the_sentence_fits_the_kind_of_jab(analyzer):
    sarcasm = rewrite_for(analyzer, "Imagine needing a manual for the thermostat. Four winters and counting.", "contempt")
    insult = rewrite_for(analyzer, "idiot. the meeting was on MONDAY", "contempt")
    assert named_topic(analyzer, sarcasm) == "the thermostat" and "call you names" not in sarcasm
    assert named_topic(analyzer, insult) == "the meeting" and "sarcastic" not in insult, insult


def test_topic_sentences_vary_across_messages(analyzer):
    jabs = [
        "Imagine needing a manual for the thermostat. Four winters and counting.",
        "oh look, someone discovered the dishwasher exists. only took you a decade",
        "Let me explain the mortgage slowly, since numbers are clearly so hard for you.",
        "'Tired.' Right. Tired down the pub.",
        "Imagine being forty and not knowing how a calendar works 😂",
        "wow, a whole conversation about the budget without you sulking. miracle",
    ]
    rewrites = [rewrite_for(analyzer, text, "contempt") for text in jabs]
    used = {p.pattern for rewrite in rewrites for p in topic_patterns(analyzer) if p.match(rewrite)}
    assert len(used) >= 2, rewrites


@settings(max_examples=150, deadline=None)
@given(
    opener=st.sampled_from(["Wow, ", "Oh sure, ", "lol ", "Congrats, ", "Bless you, ", ""]),
    verb=st.sampled_from(["you found", "you fixed", "you sorted", "you mentioned", "you checked"]),
    before=st.lists(
        st.sampled_from(["the", "a", "three", "your", "packed", "school", "petrol", "station", "big", "2", "own", "shiny"]),
        max_size=3,
    ),
    noun=st.sampled_from(["calendar", "taxes", "pub", "dishwasher", "lunch", "flowers", "bills", "dog", "garage", "thermostat"]),
    after=st.sampled_from([". Amazing.", " 🙄", ", only took a year.", " all by yourself.", ""]),
)
def test_a_named_topic_is_always_a_whole_recognised_phrase(analyzer, opener, verb, before, noun, after):
    text = f"{opener}{verb} {' '.join(before + [noun])}{after}"
    rewrite = rewrite_for(analyzer, text, "contempt")
    topic = named_topic(analyzer, rewrite)
    if topic is not None:
        assert everyday(analyzer, topic), (text, rewrite)
        assert said_whole(analyzer, text, topic), (text, rewrite)


def test_every_contempt_rewrite_of_the_data_names_only_whole_everyday_things(analyzer, contempt_rewrites):
    assert len(contempt_rewrites) > 1000
    named = [(text, rewrite, named_topic(analyzer, rewrite)) for text, rewrite in contempt_rewrites]
    named = [(text, rewrite, topic) for text, rewrite, topic in named if topic is not None]
    assert len(named) > 200  # the sentence is used, not left out
    wrong = [(text, rewrite) for text, rewrite, topic in named if not everyday(analyzer, topic) or not said_whole(analyzer, text, topic)]
    assert wrong == []


def everyday(analyzer, topic: str) -> bool:
    """Whether a named topic is an everyday thing: its head is one, or it is a compound of one ("the school photos")."""
    words = topic.lower().split()
    jab_topics = analyzer.advisor.lexicon.category_of_jab_topic
    return words[-1] in jab_topics or len(words) > 2 and words[-2] in jab_topics


@pytest.mark.parametrize(
    "text, topic",
    [
        ("I'd go over the pension letters with you again but you'd need a picture book.", "the pension letters"),
        ("Sure, a grown woman can't work the washing machine. Stunning.", "the washing machine"),
        ("Watching you try to fix the garden gate is better than telly.", "the garden gate"),
    ],
)
def test_a_compound_of_an_everyday_thing_is_named_whole(analyzer, text, topic):
    rewrite = rewrite_for(analyzer, text, "contempt")
    assert named_topic(analyzer, rewrite) == topic, rewrite


@pytest.mark.parametrize(
    "text",
    [
        "Bravo, the dog needs walking and you're asleep.",  # "needs" is the verb, not a noun of "the dog needs"
        "lovely, my texts past midnight are a crime now",  # "past" is no noun
        "Your 'laundry system' from the golf club. Genius.",  # the scare-quoted thing is the joke; the club is not it
    ],
)
def test_a_misread_or_scare_quoted_compound_is_not_named(analyzer, text):
    rewrite = rewrite_for(analyzer, text, "contempt")
    assert named_topic(analyzer, rewrite) is None, rewrite


@pytest.mark.parametrize(
    "text, topic",
    [
        ("oh wonderful, more of your expert advice on the car insurance", "the car insurance"),
        ("Please, do share your vast knowledge of the boiler with us all.", "the boiler"),
        ("oh great, another lecture on debt from the king of impulse buys", "debt"),
    ],
)
def test_a_jab_at_the_partners_knowledge_names_what_it_is_about(analyzer, text, topic):
    rewrite = rewrite_for(analyzer, text, "contempt")
    assert rewrite.startswith(f"I see it differently when it comes to {topic},"), rewrite
    assert "vast" not in rewrite and "expert" not in rewrite, rewrite


@pytest.mark.parametrize(
    "text, topic",
    [
        ("imagine being 26 and not knowing how a washing machine works lmao", "the washing machine"),  # "works": its verb
        ("👏👏 another parking ticket, you should frame this one next to the other four", "the parking ticket"),
        ("listening to you talk about budgeting is like listening to a toddler explain the stock market", "budgeting"),
        ("Your 'apology' was the funniest thing I've read all week.", "your apology"),  # scare-quoted, and what is mocked
    ],
)
def test_a_thing_added_asked_about_or_scare_quoted_is_named(analyzer, text, topic):
    rewrite = rewrite_for(analyzer, text, "contempt")
    assert named_topic(analyzer, rewrite) == topic, rewrite


def test_a_fault_after_a_comma_is_what_the_jab_is_about(analyzer):
    rewrite = rewrite_for(analyzer, "aiyo so clever, locked urself out again", "contempt")
    assert "locking yourself out" in rewrite, rewrite


@pytest.mark.parametrize(
    "text, said",
    [
        ("Oh look who's decided to be a dad this week.", "more involved with the kids"),  # a role
        ("wow a whole text back within 6 hours, I'm honoured 🙄", "a quick reply"),  # a slow reply
        ("wow such a gentleman, let me walk home alone at night. truly chivalry is alive", "walking home alone"),
        ("Real mature, storming off to the shed to sulk with the lawnmower", "storm off"),  # not "the shed"
        ("ok mr emotional intelligence, please tell me more about how I'm 'dysregulated'", "called 'dysregulated'"),
    ],
)
def test_what_a_jab_mocks_is_said_in_the_writers_words(analyzer, text, said):
    rewrite = rewrite_for(analyzer, text, "contempt")
    assert said in rewrite, rewrite


@pytest.mark.parametrize(
    "text, topic",
    [
        ("Such a generous present, a fiver voucher. Don't bankrupt yourself.", "the present"),  # without the jab's praise
        ("imagine needing a spreadsheet to remember your own anniversary", "our anniversary"),  # the couple's
    ],
)
def test_a_named_thing_is_said_without_the_jabs_slant(analyzer, text, topic):
    rewrite = rewrite_for(analyzer, text, "contempt")
    assert named_topic(analyzer, rewrite) == topic, rewrite


@pytest.mark.parametrize(
    "text, said",
    [
        ("Ah yes, the famous 'I'll get to it' from the man whose to-do list has its own zip code.", "put off"),
        ("Look who finally remembered he has a grandmother. Should we throw you a parade?", "for the family"),
        ("oh so now u remember u have a gf, how touching", "I've missed you"),
    ],
)
def test_a_put_off_or_family_remembered_at_last_is_said_plainly(analyzer, text, said):
    rewrite = rewrite_for(analyzer, text, "contempt")
    assert said in rewrite, rewrite


def test_what_someone_remembered_is_no_family_without_a_family_word(analyzer):
    rewrite = rewrite_for(analyzer, "Wow. You remembered she has a doctor's appointment. I'm genuinely shocked.", "contempt")
    assert "family" not in rewrite, rewrite


def test_a_figure_of_a_low_bar_names_no_floor(analyzer):
    rewrite = rewrite_for(analyzer, "Honestly the bar was on the floor and you've brought a shovel", "contempt")
    assert "floor" not in rewrite, rewrite


@pytest.mark.parametrize(
    "text, said",
    [
        ("Congrats, you've flaked on literally every plan this year. Impressive consistency tbh", "plans fall through"),  # a habit
        ("'i'll be there in 5' 😂😂 sure babe. sure", "left waiting"),  # an arrival time quoted back
    ],
)
def test_a_mocked_habit_or_promise_is_said_in_the_writers_words(analyzer, text, said):
    rewrite = rewrite_for(analyzer, text, "contempt")
    assert said in rewrite, rewrite


@pytest.mark.parametrize(
    "text, running_to_mum",
    [
        ("Go ahead, call your mommy and tell her what mean old me said.", True),
        ("You're pathetic, you know that? Always running to your mother.", True),
        ("loser. go cry to ur mummy", False),  # a taunt, not a complaint that the partner runs to her
    ],
)
def test_running_to_a_mother_is_said_plainly_but_a_taunt_is_not_read_as_it(analyzer, text, running_to_mum):
    rewrite = rewrite_for(analyzer, text, "contempt")
    assert ("goes to your mum first" in rewrite) == running_to_mum, rewrite
