"""The spaCy side: texting norms and the cue rules, each with a hit and a near miss."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

from nlp.pipeline import CUES_KEY, cue_matches
from nlp.pipeline.cues import DEFAULT_PATTERNS_DIR

PATTERN_FILES = ("criticism", "contempt", "defensiveness", "stonewalling")


@pytest.mark.parametrize(
    "text,norms",
    [
        ("u never listen", ["you", "never", "listen"]),
        ("Ur SO selfish", ["your", "so", "selfish"]),
        ("im sooo tired", ["i", "am", "so", "tired"]),
        ("whyyy r u like this", ["why", "are", "you", "like", "this"]),
        ("that was coool", ["that", "was", "cool"]),
        ("hahahaha stop", ["haha", "stop"]),
        ("pleeease dont", ["please", "do", "not"]),
    ],
)
def test_normalizer_maps_texting_forms_to_words(lang, text, norms):
    assert [token.norm_ for token in lang(text)] == norms


def test_normalizer_keeps_text_and_offsets(lang):
    text = "u r sooo  late!!!"
    doc = lang(text)
    assert doc.text == text
    assert all(text[t.idx : t.idx + len(t.text)] == t.text for t in doc)


@pytest.mark.parametrize(
    "text,tokens",
    [
        ("Stupid.its not", ["Stupid", ".", "its", "not"]),
        ("a wife.dont demand it,i am", ["a", "wife", ".", "dont", "demand", "it", ",", "i", "am"]),
        ("great.bye", ["great", ".", "bye"]),
        # Left whole: abbreviations, numbers, links and addresses.
        ("e.g. U.S. 3.5", ["e.g.", "U.S.", "3.5"]),
        ("www.example.com/a me@example.com", ["www.example.com/a", "me@example.com"]),
    ],
)
def test_tokenizer_splits_sentences_glued_without_a_space(lang, text, tokens):
    assert [token.text for token in lang(text)] == tokens


def test_components_work_from_plain_spacy():
    import nlp.pipeline  # noqa: F401  (registers the factories)

    lang = spacy.blank("en")
    lang.add_pipe("horsemen_normalizer")
    lang.add_pipe("horsemen_cues", config={"spans_key": "mine"})
    doc = lang("whatever")
    assert [s.id_ for s in doc.spans["mine"]] == ["stonewalling.whatever"]


# rule id -> (a message that must trigger it, a near miss that must not)
RULE_EXAMPLES = {
    "criticism.you_always": ("you ALWAYS leave the lights on", "I always leave a light on for you"),
    "criticism.you_never_ever": ("u dont ever ask how my day was", "you don't have to ask"),
    "criticism.every_single_time": ("every single time we go out it's the same", "every so often we eat out"),
    "criticism.once_again": ("late once again. typical", "once we get there, text me"),
    "criticism.character_word": ("you're so selfish", "my brother is selfish"),
    "criticism.what_is_wrong_with_you": ("what is wrong with you", "what is wrong with the car"),
    "criticism.why_cant_you": ("why can't you just put it away", "why can we not go on Friday"),
    "criticism.how_can_you": ("how can you be so careless", "how can we fix it"),
    "criticism.problem_with_you": ("the problem with you is you don't care", "the problem with the boiler is back"),
    "criticism.comparison": ("why can't you be more like your sister", "I like your sister"),
    "criticism.what_kind_of_person": ("what kind of parent forgets pickup", "what kind of cake do you want"),
    "criticism.only_think_of_yourself": ("all you care about is your phone", "all of us care about you"),
    "criticism.cant_rely_on_you": ("I can't rely on you for anything", "you can rely on me"),
    "criticism.you_and_your": ("you and your stupid excuses", "you and me tonight?"),
    "criticism.blaming_question": ("why are you like this", "why are you up so early"),
    "contempt.insult": ("you're an idiot", "you're an angel"),
    "contempt.disgust": ("you make me sick", "you make me laugh"),
    "contempt.mock_praise": ("want a medal for that?", "want a muffin?"),
    "contempt.sarcastic_opener": ("oh great, another excuse", "great, see you there"),
    "contempt.condescension": ("let me explain this slowly", "let me know"),
    "contempt.mockery": ("boo hoo, poor you", "boo, that's a shame"),
    "contempt.eye_roll_emoji": ("sure you were 🙄", "sure you were 😊"),
    "contempt.scare_quotes": ('you were "busy"', "you were busy"),
    "contempt.superiority": ("I'm not your maid", "I'm not your type?"),
    "defensiveness.not_my_fault": ("it's not my fault the bins weren't out", "it's not your fault"),
    "defensiveness.i_was_going_to": ("i was gonna do it later", "i was at the gym"),
    "defensiveness.excuse": ("I had no choice", "I had no idea, thanks for telling me"),
    "defensiveness.counter_attack": ("well you never call me either", "well, see you soon"),
    "defensiveness.yes_but": ("yeah but you were late too", "yeah sounds good"),
    "defensiveness.minimising": ("you're overreacting", "you're overqualified"),
    "defensiveness.denial": ("that's not true", "that's so true"),
    "defensiveness.victim": ("I can never do anything right", "I can never sleep on planes"),
    "stonewalling.whatever": ("whatever", "what ever happened to Dan?"),
    "curt.reply": ("k.", "ok see you at 7"),
    "stonewalling.im_done": ("I'm done", "all done at work, heading home"),
    "stonewalling.not_talking": ("I'm not talking about this", "I'm not talking about the movie, I mean the book"),
    "stonewalling.leave_me_alone": ("leave me alone", "leave me a slice"),
    "stonewalling.dont_care": ("do what you want", "do you want tea"),
    "stonewalling.forget_it": ("forget it", "don't forget the milk"),
    "stonewalling.leaving": ("talk to the hand", "talk to you later"),
    "leaving.bedtime": ("I'm going to bed", "I'm going to the shops"),
}


def rule_ids() -> set[str]:
    ids = set()
    for name in PATTERN_FILES:
        for line in (Path(DEFAULT_PATTERNS_DIR) / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            ids.add(json.loads(line)["id"])
    return ids


def test_every_pattern_rule_has_examples():
    assert rule_ids() == set(RULE_EXAMPLES)


@pytest.mark.parametrize("rule", sorted(RULE_EXAMPLES))
def test_cue_rule_fires_on_its_example_and_not_on_its_near_miss(lang, rule):
    hit, miss = RULE_EXAMPLES[rule]
    assert rule in rules_fired(lang, hit), hit
    assert rule not in rules_fired(lang, miss), miss


def rules_fired(lang, text: str) -> set[str]:
    doc = lang(text)
    return {span.id_ for span in doc.spans[CUES_KEY]}


def test_cue_spans_carry_pattern_label_and_offsets(lang):
    text = "Oh wow. You NEVER help 🙄"
    doc = lang(text)
    found = {(s.label_, text[s.start_char : s.end_char]) for s in doc.spans[CUES_KEY]}
    assert ("criticism", "You NEVER") in found
    assert ("contempt", "🙄") in found


def test_find_gives_the_cues_the_component_puts_in_doc_spans(lang):
    """The analyzer reads cues through ``CueRuler.find``; spaCy users read ``doc.spans``: both must agree."""
    ruler = lang.get_pipe("horsemen_cues")
    texts = [text for pair in RULE_EXAMPLES.values() for text in pair]
    texts += ["Oh wow. You NEVER help 🙄", "whatever whatever", "u always. ALWAYS.", ""]
    for text in texts:
        doc = lang(text)
        assert ruler.find(doc) == cue_matches(doc), text
        assert all(text[c.start_char : c.end_char] == doc[c.start : c.end].text for c in cue_matches(doc))
