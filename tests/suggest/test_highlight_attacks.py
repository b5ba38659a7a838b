"""Global attacks the model's words miss (``nlp.suggest.highlight_attacks``): shown instead of those words."""

from __future__ import annotations

import pytest
import srsly
from spacy.matcher import Matcher

from nlp.suggest.highlight_attacks import ATTACK_RULE, HIGHLIGHT_ATTACKS_PATH

from .conftest import cue_on


@pytest.fixture(scope="module")
def attacks(analyzer):
    return analyzer.advisor.attacks


@pytest.mark.parametrize(
    "text, model_words, pattern, attack",
    [
        ("we were an hour late to the wedding. you have no sense of time", "hour late", "criticism", "no sense of"),
        ("Did you look at the calendar? You're only interested in your own plans.", "calendar", "criticism", "only interested in"),
        ("the key is under the mat like always...found it yet dunce", "the mat", "contempt", "dunce"),
        ("Lovely dinner you cooked there, your highness", "dinner", "contempt", "your highness"),
        ("SLUT. THAT'S WHAT YOU ARE", "WHAT YOU ARE", "contempt", "SLUT"),
        # A counter-attack is the defence, not the aside after it.
        ("fine I was late, but you missed the whole recital and I never said a word", "I never said a word", "defensiveness",
         "but you missed"),
        # The excuse is the defence, not the fact it excuses.
        ("He begged for sweets at the till, I was not going to fight with a toddler", "He begged for sweets", "defensiveness",
         "I was not going to fight"),
        # A verdict on the whole person, not the I-statement before it.
        ("I've tried to be calm about this. u r not a real adult when it comes to money", "I've tried to be calm", "criticism",
         "u r not a real adult"),
        # The protest that the blame lands on the writer, not the list of what they did.
        ("i washed up, i walked the dog. why is everything always mine", "i washed up, i walked the dog", "defensiveness",
         "why is everything always mine"),
        # The charge against the person, not the elaboration or the circumstance beside it.
        ("u clearly dont care. not about the bins, not about the car", "not about the car", "criticism", "u clearly dont care"),
        ("you are impossible to talk to whenever money comes up", "whenever money comes up", "criticism",
         "you are impossible to talk"),
        # An emphatic denial, not the excuse after it.
        ("I DID pay the gas bill. the bank must have lost it", "the bank must have lost it", "defensiveness", "I DID pay"),
        # The blame shifted back, not the account of what happened before it.
        ("Your brother started shouting first. If anybody should say sorry it's him", "Your brother started shouting first",
         "defensiveness", "If anybody should say sorry"),
        # The sneer at the partner, not the plan the writer withdraws from.
        ("you wouldn't know a deadline if it hit you in the face. enjoy the meeting alone", "the meeting alone", "contempt",
         "wouldn't know a deadline if it hit you"),
    ],
)
def test_an_attack_replaces_model_words_that_miss_it(attacks, lang, text, model_words, pattern, attack):
    shown = attacks.instead_of_model_words(lang(text), text, [cue_on(text, model_words, pattern)], (pattern,))
    assert [(c.text, c.pattern, c.rule) for c in shown] == [(attack, pattern, ATTACK_RULE)]


def test_reassurance_is_no_verdict(attacks, lang):
    text = "I was upset yesterday. You're not a bad person, we just got it wrong"
    cues = [cue_on(text, "I was upset yesterday", "criticism")]
    assert attacks.instead_of_model_words(lang(text), text, cues, ("criticism",)) == cues


def test_a_rule_cue_keeps_its_pattern_as_it_is(attacks, lang):
    text = "You never ring back, you have no sense of time"
    cues = [cue_on(text, "You never", "criticism", "criticism.you_always"), cue_on(text, "ring back", "criticism")]
    assert attacks.instead_of_model_words(lang(text), text, cues, ("criticism",)) == cues


def test_an_attack_of_an_unflagged_pattern_is_not_shown(attacks, lang):
    text = "found it yet dunce, it was under the mat"
    cues = [cue_on(text, "under the mat", "criticism")]
    assert attacks.instead_of_model_words(lang(text), text, cues, ("criticism",)) == cues


def test_an_attack_is_shown_as_its_clause_end_to_end(analyzer):
    """Through the analyzer: the attack, grown to its clause, is the highlight instead of the harmless words."""
    text = "u have no sense of time at all. 20 mins late n not one text"
    analysis = analyzer.analyze(text)
    assert "criticism" in analysis.flagged_patterns
    assert [(h.text, h.pattern) for h in analysis.highlights] == [("u have no sense of time at all", "criticism")]


def test_attacks_file_is_well_formed(lang):
    entries = list(srsly.read_jsonl(HIGHLIGHT_ATTACKS_PATH))
    assert entries and all({"label", "id", "pattern"} <= set(entry) <= {"label", "id", "pattern", "beside"} for entry in entries)
    matcher = Matcher(lang.vocab)
    for entry in entries:
        assert entry["label"] in {"criticism", "contempt", "defensiveness", "stonewalling"}
        matcher.add(entry["id"], [entry["pattern"]])  # raises on a malformed pattern


def test_a_verdict_on_the_partner_is_shown_beside_a_rule_cue(attacks, lang):
    """'You are so stingy' is the attack; the rule cue on the behaviour stays beside it."""
    text = "You are so stingy. You've skipped every round at the pub this month."
    behaviour = cue_on(text, "every round", "criticism", "criticism.every_single_time")
    shown = attacks.instead_of_model_words(lang(text), text, [behaviour], ("criticism",))
    assert shown == [behaviour, cue_on(text, "You are so stingy", "criticism", ATTACK_RULE)]


@pytest.mark.parametrize("text", ["you're so sweet, you remembered every birthday", "u r so tired after every night shift"])
def test_a_kind_or_neutral_so_is_no_verdict(attacks, lang, text):
    cue = cue_on(text, "every", "criticism", "criticism.every_single_time")
    assert attacks.instead_of_model_words(lang(text), text, [cue], ("criticism",)) == [cue]


def test_a_defence_of_a_right_is_shown_beside_the_excuse_over_model_words(attacks, lang):
    """'i'm allowed to' is the defence beside the excuse 'i was busy': it takes over the model words on it."""
    text = "i was busy ok, i'm allowed to have plans"
    excuse = cue_on(text, "i was busy", "defensiveness", "defensiveness.excuse")
    shown = attacks.instead_of_model_words(lang(text), text, [excuse, cue_on(text, "allowed to", "defensiveness")], ("defensiveness",))
    assert shown == [excuse, cue_on(text, "i'm allowed to", "defensiveness", ATTACK_RULE)]


def test_a_verdict_is_grown_beside_a_rule_cue_in_its_clause(analyzer):
    """A verdict in the clause of a rule cue of its pattern is still shown: the clause holds both."""
    shown = [h.text for h in analyzer.analyze("i was busy ok, i'm allowed to have plans").highlights]
    assert any("i'm allowed to have plans" in words for words in shown)


def test_going_to_bed_after_a_jab_is_a_withdrawal_beside_it(attacks, lang):
    """"I'm off to bed" after a jab leaves the talk: it is shown as withdrawal, not as part of the mockery."""
    text = "Adorable. I'm off to bed."
    jab = cue_on(text, "Adorable", "contempt", "contempt.rule")
    shown = attacks.instead_of_model_words(lang(text), text, [jab], ("contempt", "stonewalling"))
    assert shown == [jab, cue_on(text, "I'm off to bed", "stonewalling", ATTACK_RULE)]


@pytest.mark.parametrize(
    "text, pattern, attack",
    [
        # The verdict, not the setup (train sheet seed48).
        ("You nag me about my phone and then scroll for hours. You're such a hypocrite.", "criticism", "You're such a hypocrite"),
        ("You never once asked about my day. You just don't think about anyone but yourself.", "criticism",
         "You just don't think about anyone but yourself"),
        ("My, my, what an active imagination you have! Have you considered a career writing Hollywood movie scripts! "
         "I think you have talent for that.", "contempt",
         "what an active imagination you have"),
        ("I work two jobs and pay every bill and it's still never good enough", "defensiveness", "still never good enough"),
    ],
)
def test_attacks_found_end_to_end(analyzer, text, pattern, attack):
    """Through the analyzer: the attack is shown (in its clause), whatever else the flag's words were. At the most
    sensitive level, so that what is pinned is the highlight, not on which side of a threshold a fit puts the message."""
    assert any(h.pattern == pattern and attack in h.text for h in analyzer.at("high").analyze(text).highlights)


def test_a_skill_called_bad_is_an_attack(attacks, lang):
    text = "quit the game, your reading skills are horrible"
    shown = attacks.instead_of_model_words(lang(text), text, [cue_on(text, "quit the game", "criticism")], ("criticism",))
    assert [(c.text, c.rule) for c in shown] == [("your reading skills are horrible", ATTACK_RULE)]


def test_a_scare_quoted_word_said_to_the_reader_is_the_jab(analyzer):
    """Not the third party described before it (train sheet seed48): the scare quotes aimed at the reader."""
    text = "It’s more like a bunch of vaguely veiled racists and sexists and MAGAtards. Unless that’s what you consider “good.”"
    assert any(h.pattern == "contempt" and "you consider “good" in h.text for h in analyzer.analyze(text).highlights)


@pytest.mark.parametrize(
    "text, pattern, attack",
    [
        # The verdict asked as a question, not the consequence after it (train sheet seed49).
        ("why are you so careless with money, do you want us to lose the house", "criticism", "why are you so careless"),
        # The refusal, not the topic it changes to.
        ("can we not. did you order the wipes or not", "stonewalling", "can we not"),
    ],
)
def test_attacks_a_question_verdict_and_a_refusal_end_to_end(analyzer, text, pattern, attack):
    assert any(h.pattern == pattern and h.text.startswith(attack) for h in analyzer.analyze(text).highlights)


@pytest.mark.parametrize(
    "text, pattern, attack",
    [
        # The counter-jab, where the model words found only a fragment of the defence (train sheet seed50).
        ("Oh please, like you've never forgotten a thing in your life. Get off your high horse.", "contempt",
         "Get off your high horse"),
        # The mockery around a scare-quoted word, not the word alone.
        ("I think it's hilarious you guys think this will \"help\" Chris", "contempt", "I think it's hilarious you guys think"),
        # The denial, not a neutral fact of the excuse.
        ("I did not 'forget' Ma's birthday. I ordered the cake on Monday, the bakery called me on Thursday to say "
         "their oven was broken, and by then I was already in Mombasa for the conference.", "defensiveness",
         "I did not 'forget' Ma's birthday"),
    ],
)
def test_attacks_a_counter_jab_mockery_and_a_denial_end_to_end(analyzer, text, pattern, attack):
    assert any(h.pattern == pattern and h.text.startswith(attack) for h in analyzer.analyze(text).highlights)


@pytest.mark.parametrize(
    "text, pattern, attack",
    [
        # The label after the charge, not the charge cut before its object (train sheet seed51).
        ("u never call ur mother, such a selfish son", "criticism", "u never call ur mother, such a selfish son"),
        # The refusal to justify, not "to justify" alone.
        ("i dont have to justify myself to u. end", "defensiveness", "i dont have to justify myself"),
    ],
)
def test_attacks_a_trailing_label_and_a_refusal_to_justify_end_to_end(analyzer, text, pattern, attack):
    assert any(h.pattern == pattern and h.text.startswith(attack) for h in analyzer.analyze(text).highlights)


def test_attacks_a_label_after_a_full_stop_is_not_taken(analyzer):
    """Only after a comma does "such a ... son" name the person the clause before accuses."""
    text = "every time i need you you're 'busy'. so busy. such an important man 🙄"
    assert not any(h.text.startswith("busy. such") for h in analyzer.analyze(text).highlights)


@pytest.mark.parametrize(
    "text, model_words, pattern, attack",
    [
        # The charge against the person, not the account of how long it has been seen (train sheet seed54).
        ("you use people till they're empty, everyone at work says so", "everyone at work", "criticism", "you use people"),
        ("u always manipulate everyone around u and I've seen it for ages", "for ages", "criticism", "u always manipulate everyone"),
        # The closing of the talk, not the logistics before it (seed54).
        ("Muting the group now. We're done here.", "Muting", "stonewalling", "We're done here"),
        ("ok. im done talking", "ok", "stonewalling", "im done talking"),
    ],
)
def test_a_charge_or_a_closing_replaces_model_words_that_miss_it(attacks, lang, text, model_words, pattern, attack):
    shown = attacks.instead_of_model_words(lang(text), text, [cue_on(text, model_words, pattern)], (pattern,))
    assert [(c.text, c.pattern, c.rule) for c in shown] == [(attack, pattern, ATTACK_RULE)]


def test_a_mock_announcement_is_shown_beside_a_rule_cue(analyzer):
    """"Alert the media" after a sarcastic opener is the mockery of what was done, shown next to the opener."""
    shown = {(c.text, c.pattern) for c in analyzer.analyze("Oh wow. You put the bins out. Somebody call the papers.").cues}
    assert ("Somebody call the papers", "contempt") in shown


@pytest.mark.parametrize(
    "text, model_words, attack",
    [
        # A verdict on the partner with an intensifier other than "so" is the character attack (train sheet seed56).
        ("You are extremely rude, and it's sad that you teach kids", "sad", "You are extremely rude"),
        ("u r really selfish and I'm tired of it", "tired", "u r really selfish"),
    ],
)
def test_an_intensified_verdict_is_criticism_shown_beside_other_words(attacks, lang, text, model_words, attack):
    shown = attacks.instead_of_model_words(lang(text), text, [cue_on(text, model_words, "contempt")], ("criticism", "contempt"))
    assert (attack, "criticism", ATTACK_RULE) in [(c.text, c.pattern, c.rule) for c in shown]
    assert (model_words, "contempt") in [(c.text, c.pattern) for c in shown]


@pytest.mark.parametrize("text", ["you are really going to love this", "you're very welcome", "you are totally right"])
def test_an_intensified_word_that_is_no_verdict_is_not_an_attack(attacks, lang, text):
    assert attacks.instead_of_model_words(lang(text), text, [cue_on(text, "you", "criticism")], ("criticism",))[0].rule != ATTACK_RULE


def test_a_fragment_inside_another_patterns_phrase_is_not_shown(analyzer):
    """"not wasting" (contempt's model words) lies inside the withdrawal's phrase: no contempt fragment is shown there."""
    analysis = analyzer.analyze("You're a selfish, childish man and I'm not wasting another minute on you. Goodbye.")
    assert not any(h.pattern == "contempt" and "wasting" in h.text for h in analysis.highlights)
    assert {c.pattern for c in analysis.cues} == set(analysis.flagged_patterns)
