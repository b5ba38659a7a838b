"""Highlights that say something alone: model words and lone markers shown as their clause.

A reviewer who did not write the rules read model words as fragments ("you're the
least" of "you're the least reliable person in this family", "be trusted", "met"
of "I've met houseplants with more initiative than you") and lone markers as
sincere ("Wow", "oh wow", "Aww", "lol ok", "Mr"): the words moved the model, but
what a person needs to see is the clause they belong to. So evidence that is not
a complete phrase (``model.words``, ``model.phrase``, and a rule cue that says
nothing alone: only interjections, pronouns and fillers such as "ok but", "oh
please", "because of you", or a marker listed in
``resources/suggest/highlight_clauses.json``) is shown as the clause that holds it:

- the text between sentence ends, semicolons and line breaks (an ellipsis before a word or two that finish the
  thought is a pause, not an end: "too much... SUBTLETY"); a clause longer
  than ``MAX_WORDS`` is cut at commas and conjunctions into pieces, and the pieces
  around the evidence are kept while they fit (then at most ``MAX_WORDS`` words
  around the evidence);
- without leading fillers ("honestly", "so", "and") and vocatives ("Mate,",
  "Honestly Nathan,"), trailing punctuation, a trailing vocative (", Ngozi") or
  dangling function words, but with the quotation marks of a quotation it holds;
- once per clause and pattern; a clause that holds a complete rule cue of its
  pattern shows that cue instead (a model word next to the cue stays, it reads
  as part of it); a clause never swallows another pattern's complete cue;
- a clause of model words that carries too little of its own pattern's decision
  goes to the flagged pattern with the larger share of the decision in it
  (``ModelEvidence.token_shares``), as long as every flagged pattern keeps a
  highlight (two such clauses trade patterns where that is what keeps every one);
  where two patterns claim one clause, each may keep its side of the comma,
  conjunction or "if" between their evidence ("I did nothing wrong" | "I'm done
  talking about it");
- a piece that says nothing alone is no clause: a long clause keeps the words
  around it rather than "excuse me," alone, a last sentence such as "sure." is
  read with the one before, and a highlight that still says nothing gives way to
  its pattern's other highlights or to the clause that carries its pattern best.

A rule cue that stops on a word that opens what follows is shown to the end of
its phrase: a verb needing its complement ("I won't be", "i already said", "u r
always"), a pronoun, auxiliary, "to", "if", "like", possessive, preposition or an
adjective before its noun ("maybe if you", "I was going to", "your little"), or
"only" and the verb it restricts ("You only ever call"); so are model words shown
as they are beside a cue of their pattern ("let me" after "wow such a gentleman,").
An absolute that opens a criticism is complete
("You never", "why do you ALWAYS"); one that quantifies a verb is shown with it. A
cue from "even" is shown with the comparison it opens ("even the cat listens to me
more than you do"), a conditional counter-attack to its main clause, and a run of one-word
sentences from "every" ("every. single. morning.") with the sentence it quantifies.
Praise alone ("Congrats", "👏", "parade") is
shown as its clause: the mockery is what it praises, and an ironic opener ("cute that
you think", "must be nice") is shown with the rest of its sentence, as a highlight in a sentence opened by a
verdict frame ("The problem is", "The fact that") is shown as that sentence. A rule cue that says only how
often or opens a question ("not once", "every time", "who leaves") is shown, once every
other highlight is placed, with the rest of its clause, over another pattern's highlight inside it where that pattern
keeps one ("every time i need you you're 'busy'"); a defence that stops right
before "because" with its excuse. A clause that runs to its
sentence's end keeps its last word ("than it is"); one cut short does not end on
a word that opens what it cut off. A highlight a word or two short of its clause's
end takes the words that finish its phrase ("You disgust me", "dumb cow").

Last, a highlight is shown under the flagged pattern its words clearly mark ("that's rich"
is mockery, whatever rule found it), and highlights of two patterns that touch with no break
between them are one phrase, shown once ("You're a spoiled brat", not "You're a spoiled" |
"brat"), for the pattern its markers or its strongest rule cue say; a pattern that would lose
its last highlight this way is shown on its best clause elsewhere, else nothing moves. An attack on the
partner shown only as model words that name no one ("it's the kids who end up paying for it") is shown as the clause of
its sentence that names the partner and carries clearly more of it ("You'd forget your head if it wasn't screwed on").

Presentation only: nothing here feeds the model.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from itertools import product
from math import prod
from pathlib import Path

import numpy as np
import srsly
from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LENGTH, LOWER, ORTH, SPACY
from spacy.tokens import Doc, Span

from nlp.features import QUOTE_MARKS
from nlp.results import JOINABLE_GAP, Cue
from nlp.suggest.evidence import MIN_SHARE, PHRASE_RULE, WORDS_RULE, has_word_character
from nlp.suggest.highlight_attacks import ATTACK_RULE

HIGHLIGHT_CLAUSES_PATH = Path(__file__).resolve().parent.parent / "resources" / "suggest" / "highlight_clauses.json"
# A clause longer than this is cut at commas and conjunctions; a highlight stays readable at a glance.
MAX_WORDS = 12
# A conditional and its main clause are one thought ("I'd have X if you had Y"): read whole up to this many words.
MAX_CONDITIONAL_WORDS = 18
# A contrast with no verb of its own is one complaint in two halves, each a clause's length ("how is it you can remember
# every All Blacks score since 1987" | "but not that I had a hospital appointment today"): read whole up to this many words.
MAX_CONTRAST_WORDS = 22
# How many tokens either side of a cue its clause is looked for in. A shown clause
# keeps at most MAX_WORDS words around its cue, so only a run-on message with no
# sentence end (pasted text, a wall of words) reaches this; without it, each of
# its cues would scan the whole message.
CLAUSE_REACH = 10 * MAX_WORDS
# An ironic opener's sentence is one jab, read whole up to this many words ("Bless. You tried to set a boundary and it
# came out as a tantrum"); a longer one is cut as a clause is.
MAX_MOCKERY_WORDS = 16
# A verdict frame's sentence is one complaint, read whole up to this many words ("The fact that you even felt like i would
# do it to hurt you shows you really don't know me at all"); a longer one is left as it was grown.
MAX_VERDICT_WORDS = 22
QUOTED_WORDS = 3  # "'too busy'", "“self control”": a quotation this short is a scare-quoted phrase, shown whole
OPEN_TAIL_GAP = 2  # "you've always" | "been a" | "coward": words between an open highlight and the other pattern's it stops before
AFTERTHOUGHT_WORDS = 3  # "Even the pharmacist.": a sentence this short from "even" adds to the one before
MOCK_TITLE_WORDS = 4  # "such a gentleman", "what a true hero": a mock title before a comma, not a clause of its own
INSULT_MODIFIERS = 3  # "a walking talking joke", "such an absolute idiot": words between an article and its insult
POSSESSIVE_GAP = 2  # "my sweet summer child": adjectives between a possessive and the name it is said with
SUPERLATIVE_TRAIT_WORDS = 2  # "the most forgetful" takes "self absorbed person": the trait's words before its noun
PRECEDING_CHARACTERS = 10  # enough of the text before a highlight to hold the word before it ("you're", "like")
LIST_ITEMS = 2  # items after the first that open alike make a list, read whole as a conditional is
SHORT_SIDE_WORDS = 2  # model words beside a verdict on the partner this short say it again ("genuinely embarrassing")
NEGATED_GAP = 2  # words between a negative subject and a highlight it turns round ("nobody made" | "a big deal")
SHORT_TAIL = 3  # words a capped clause keeps rather than cutting them off
HARD_BREAK_CHARACTERS = frozenset(".!?…;")
WORD_HYPHENS = frozenset("-‐‑")  # between two letters with no space, part of one written word
# Words two patterns share are one pattern's "clearly" when they carry this many times more of its decision than of the
# other's; about as much, they stay with the pattern whose evidence found them.
CLEARLY_MORE = 2.0
MAX_EXCHANGES = 256  # ways of giving clauses to patterns tried at most, where clauses trade patterns (``_exchanged``)
# A clause of model words gives way to another clause of the message carrying this many times its share of the pattern.
READ_BEST = 1.5
MIN_ELSEWHERE_WORDS = 3  # a pattern shown elsewhere gets a clause of its own, or a whole sentence ("me??")
EXCUSE_LOOKAHEAD = 9  # characters after a defence that hold " because" or a shorter opener
ALTERNATIVE_WORDS = 3  # "or at all", "or any night": an alternative this short finishes the highlight before it
ECHO_WORDS = 4  # "Of course you are.": a sentence this short after a jab answers it, and is read with it
HOLLOW_WORDS = 2  # "Oh nice.": a longer sentence says something of its own
HOLLOW_CHARACTERS = 16  # and at most this many characters ("Bravo. Truly")
PRAISE_CHARACTERS = 24  # "Wow, nice article.": an interjection, hollow praise and the one thing praised
SENTENCE_ENDS = "?.!"
PUNCHLINE_WORDS = 2  # "too much... SUBTLETY.": the words after a pause that finish its clause rather than start one
RESTRICTED_WORDS = 3  # "only" and at most two words after it leave open what it restricts ("only ever call")
NOUN_PHRASE_LEAD = 3  # a topic's noun phrase starts at most this many words before it ("your own dirty" dishes)
TOPIC_LEAD_IN_WORDS = 3  # "to" or "in" and at most two words after it, left before a topic, go with it ("to pick up")


@dataclass(frozen=True)
class ClauseWords:
    says_nothing_alone: frozenset[str]  # interjections, pronouns, fillers: "oh please", "ok but", "me", "because of you"
    lone_markers: frozenset[tuple[str, ...]]  # other rule cues that need their sentence ("oh look", "Mr", "your call")
    # Rule cues that say only how often or open a question ("not once", "every time", "who leaves"): "you have not
    # once rung" is the criticism. A sentence of their own ("Not once.") echoes the one before and stays as it is.
    bare_cues: frozenset[tuple[str, ...]]
    whenever_phrases: frozenset[tuple[str, ...]]  # "every time": like "if", its clause runs to the end of the main clause
    superlatives: frozenset[str]  # "most", "least": the trait after them runs on to the noun that completes it
    alternative_openers: frozenset[str]  # "or": a short alternative after a highlight that ends its sentence is part of it
    afterwords: frozenset[tuple[str, ...]]  # "Indefinitely.", "Or not.": a short sentence that says how long the one before lasts
    verbless_contrasts: frozenset[tuple[str, ...]]  # "but not": what it contrasts is in the clause before it
    mock_praise: frozenset[tuple[str, ...]]  # praise alone reads as sincere ("Congrats", "👏", "parade"): its clause is the mockery
    hollow_openers: frozenset[str]  # "Mm hm.", "Classic.", "Cute.": a sentence of these alone says nothing; the next one jabs
    labels: frozenset[tuple[str, ...]]  # "Typical you.": says that something is typical; the next sentence says what
    sign_offs: frozenset[tuple[str, ...]]  # "bye", "goodnight": a withdrawal whose reason is the sentence before
    afterthoughts: frozenset[tuple[str, ...]]  # "even": a short sentence from it adds to the charge before it
    withdrawal_patterns: frozenset[str]  # patterns whose sign-off is shown with the sentence before it
    courtesies: frozenset[tuple[str, ...]]  # "Thank you.": a sentence before a sign-off that is no reason for it
    degree_words: frozenset[str]  # "enough": "nothing I do is good" | "enough for you" cut off its measure
    partner_subordinators: frozenset[str]  # "when" of "when you grow up": what follows is no command but the jab's clause
    sarcastic_tags: frozenset[tuple[str, ...]]  # ", sure": a sentence ending on one is one sarcastic jab
    counter_attack_openers: frozenset[tuple[str, ...]]  # "but you": a defence's clause after it is the counter-attack's tail
    ironic_openers: frozenset[tuple[str, ...]]  # "cute that", "must be nice": the mockery is the rest of their sentence
    jab_patterns: frozenset[str]  # patterns whose hollow opener is shown with the sentence after it
    sting_patterns: frozenset[str]  # patterns whose opening half before a comma is shown with the sting on the partner after it
    follow_up_questions: frozenset[tuple[str, ...]]  # "from what", "since when": a question that finishes the mocking one before
    dares: frozenset[tuple[str, ...]]  # "don't you dare": right before a highlight, what makes it an attack
    # "what kind of man", "how do you manage to", "go ahead": of any pattern, the attack is the rest of their sentence
    lead_ins: frozenset[tuple[str, ...]]
    # "the problem", "the fact that": opening a sentence, they announce a complaint that is the whole rest of it
    verdict_frames: frozenset[tuple[str, ...]]
    insult_leads: frozenset[tuple[str, ...]]  # "such a": "baby" alone reads as endearment, "such a baby" as the insult
    excusing_patterns: frozenset[str]  # patterns whose highlight runs on into the excuse after it ("... because I was at work")
    excuse_openers: frozenset[str]  # "because", "cos": where the excuse starts
    blame_openers: frozenset[str]  # "from", "after": where the excuse starts when what follows names the partner
    completing_nouns: frozenset[str]  # "guy" of "the bad guy": a highlight stopping before one takes it
    tail_fillers: frozenset[str]  # "tbh", "lah", "then": words after a highlight that finish no phrase of it
    clause_subjects: frozenset[str]  # "it", "that": with a word after them, a clause of their own ("it's suffocating")
    leading_fillers: frozenset[str]  # a clause does not start on "honestly", "so" or "and"
    filler_verbs: frozenset[str]  # ... nor on "look" or "listen" as a filler ("look, ..."), but does with their object
    filler_verb_objects: frozenset[str]  # ... which these open ("look at you", "listen to yourself")
    vocatives: frozenset[str]  # "mate", "babe": who is addressed, not what is wrong
    soft_breaks: frozenset[str]  # where a long clause may be cut: commas and conjunctions
    dangling: frozenset[str]  # a clause does not end on "the" or "with" (but may on "it": "hear it")
    particles: frozenset[str]  # "in", "on": a clause may end on them ("weighing in"), a clause cut short may not ("on a clown")
    open_endings: frozenset[str]  # a rule cue does not stop on a verb that needs its complement ("I won't be", "i already said")
    open_adverbs: frozenset[str]  # ... nor on such a verb and an adverb ("u r always")
    intensifiers: frozenset[str]  # "so" after an absolute is no conjunction: "always so needy" is one phrase
    concessions: frozenset[tuple[str, ...]]  # "Yes I came home late" grants; the defence is after "but"
    concession_turns: frozenset[str]
    withheld_offers: frozenset[tuple[str, ...]]  # "I'd explain why" only sets up the jab after "but" ("I doubt you'd keep up")
    intensified_words: frozenset[str]  # "so" before one of these intensifies it anywhere: "worked SO well last time"
    # "but" after these means "except": "anyone but yourself" is one phrase, the accusation's object
    exceptive_after: frozenset[str]
    exceptive_conjunctions: frozenset[str]
    pairing_conjunctions: frozenset[str]  # "and" of "off Mum and Dad,": joins two words, opens no clause
    binding_adverbs: frozenset[str]  # "when" after these is bound to the verb: "check out right when things get hard"
    # A cue stopping before these has not named its complement: "you're incapable" | "of switching off"
    complement_openers: frozenset[str]
    absolutes: frozenset[str]  # nor on an absolute before the verb it quantifies ("You always" make me out to be ...)
    noun_phrase_starts: frozenset[str]  # where a topic's noun phrase starts ("the", "your" of "your mother's opinion")
    not_topics_after_absolutes: frozenset[str]  # topic words that are no object after an absolute ("all the time")
    not_after_absolutes: frozenset[str]  # no verb of "you": the absolute quantifies nothing after it ("you constantly isn't")
    topic_lead_ins: frozenset[str]  # a few words before the topic from these on go with it ("to pick up" the kids, "in front of")
    asked_questions: frozenset[tuple[str, ...]]  # ... nor a topic in the question asked: "never asked how my mother's surgery went"
    infinitive_takers: frozenset[str]  # ... but not "to" after these: "have to ruin" is the behaviour ("y do u always have to ruin my bday")
    conditional_openers: frozenset[str]  # "if": the clause it opens ends where the main clause starts
    main_clause_auxiliaries: frozenset[str]  # ... a subject and one of these ("I wouldn't", "we'd")
    openers: frozenset[str]  # nor on a word that opens what follows ("maybe if you", "I was going to", "your little")
    complement_takers: frozenset[str]  # a long clause is not cut at a conjunction after these ("is n how it works")
    restrictive_adverbs: frozenset[str]  # "only" leaves open what it restricts ("You only ever call")
    restricted_clauses: frozenset[str]  # ... which may be a clause of its own ("when you need something")
    subject_pronouns: frozenset[str]  # after an object pronoun, a new clause ("with you you told your mom")
    object_pronouns: frozenset[str]
    possessives: frozenset[str]  # a one-word rule cue after "my" or "your" is shown with them ("my inner child")
    emphatic_quantifiers: frozenset[str]  # "every. single. morning." quantifies what the next sentence says
    comparison_subjects: frozenset[str]  # a rule cue from "even" ("even the cat") is the subject of its comparison
    stranding_words: frozenset[str]  # a highlight right after a modal or negation is shown from its subject ("You'll")
    stranding_adverbs: frozenset[str]  # ... past these between ("it's not even" | "a big deal")
    negative_subjects: frozenset[str]  # "nobody": a clause subject that turns round what follows it ("nobody made" | "a big deal")
    negated_subjects: frozenset[str]  # a cue from "n't" is shown from its word and this subject ("It wasn't my fault")
    copulas: frozenset[str]  # a verdict right after one of these is shown from its subject when that names the partner
    addressees: frozenset[str]  # the words that name the partner ("you", "your", "ur")
    asides: frozenset[tuple[str, ...]]  # "calm down": the minimising is the rest of its sentence
    addressing_patterns: frozenset[str]  # patterns whose attack names the partner: model words naming no one give way
    appositive_openers: frozenset[str]  # ... unless they name the partner again ("a grown man who ...")
    comparisons: frozenset[str]  # "like" of "like you always do": what follows is the second half of a comparison
    standing_verbs: frozenset[str]  # ... when it ends on a verb standing for the one compared ("do")
    elision_conjunctions: frozenset[str]  # "and", "but": an elided clause after one repeats the one before, as after a comma
    # Pattern -> words that are clearly its marker whatever rule found them ("that's rich" is mockery, not a defence);
    # in order: a highlight holding markers of two patterns is the first one's ("you never fail to disappoint").
    pattern_markers: dict[str, tuple[tuple[str, ...], ...]]
    # Rules whose cue says whose one phrase is, strongest first ("jerk" of "You're a selfish jerk" is name-calling).
    deciding_rules: tuple[str, ...]

    @classmethod
    def load(cls, path: Path = HIGHLIGHT_CLAUSES_PATH) -> "ClauseWords":
        data = srsly.read_json(path)
        return cls(
            says_nothing_alone=frozenset(data["says_nothing_alone"]),
            lone_markers=frozenset(tuple(marker.split()) for marker in data["lone_markers"]),
            bare_cues=frozenset(tuple(cue.split()) for cue in data["bare_cues"]),
            whenever_phrases=frozenset(tuple(phrase.split()) for phrase in data["whenever_phrases"]),
            superlatives=frozenset(data["superlatives"]),
            alternative_openers=frozenset(data["alternative_openers"]),
            afterwords=frozenset(tuple(afterword.split()) for afterword in data["afterwords"]),
            verbless_contrasts=frozenset(tuple(phrase.split()) for phrase in data["verbless_contrasts"]),
            mock_praise=frozenset(tuple(praise.split()) for praise in data["mock_praise"]),
            hollow_openers=frozenset(data["hollow_openers"]) | frozenset(data["says_nothing_alone"]),
            labels=frozenset(tuple(label.split()) for label in data["labels"]),
            sign_offs=frozenset(tuple(sign_off.split()) for sign_off in data["sign_offs"]),
            afterthoughts=frozenset(tuple(opener.split()) for opener in data["afterthoughts"]),
            withdrawal_patterns=frozenset(data["withdrawal_patterns"]),
            courtesies=frozenset(tuple(courtesy.split()) for courtesy in data["courtesies"]),
            degree_words=frozenset(data["degree_words"]),
            partner_subordinators=frozenset(data["partner_subordinators"]),
            sarcastic_tags=frozenset(tuple(tag.split()) for tag in data["sarcastic_tags"]),
            counter_attack_openers=frozenset(tuple(opener.split()) for opener in data["counter_attack_openers"]),
            ironic_openers=frozenset(tuple(opener.split()) for opener in data["ironic_openers"]),
            jab_patterns=frozenset(data["jab_patterns"]),
            sting_patterns=frozenset(data["sting_patterns"]),
            follow_up_questions=frozenset(tuple(question.split()) for question in data["follow_up_questions"]),
            dares=frozenset(tuple(dare.split()) for dare in data["dares"]),
            lead_ins=frozenset(tuple(lead_in.split()) for lead_in in data["lead_ins"]),
            verdict_frames=frozenset(tuple(frame.split()) for frame in data["verdict_frames"]),
            insult_leads=frozenset(tuple(lead.split()) for lead in data["insult_leads"]),
            excusing_patterns=frozenset(data["excusing_patterns"]),
            excuse_openers=frozenset(data["excuse_openers"]),
            blame_openers=frozenset(data["blame_openers"]),
            completing_nouns=frozenset(data["completing_nouns"]),
            tail_fillers=frozenset(data["tail_fillers"]),
            clause_subjects=frozenset(data["clause_subjects"]),
            leading_fillers=frozenset(data["leading_fillers"]),
            filler_verbs=frozenset(data["filler_verbs"]),
            filler_verb_objects=frozenset(data["filler_verb_objects"]),
            vocatives=frozenset(data["vocatives"]),
            soft_breaks=frozenset(data["soft_breaks"]),
            dangling=frozenset(data["trailing_function_words"]),
            particles=frozenset(data["particles"]),
            open_endings=frozenset(data["open_endings"]),
            open_adverbs=frozenset(data["open_adverbs"]),
            intensifiers=frozenset(data["intensifiers"]),
            intensified_words=frozenset(data["intensified_words"]),
            concessions=frozenset(tuple(c.split()) for c in data["concessions"]),
            concession_turns=frozenset(data["concession_turns"]),
            withheld_offers=frozenset(tuple(o.split()) for o in data["withheld_offers"]),
            exceptive_after=frozenset(data["exceptive_after"]),
            exceptive_conjunctions=frozenset(data["exceptive_conjunctions"]),
            pairing_conjunctions=frozenset(data["pairing_conjunctions"]),
            binding_adverbs=frozenset(data["binding_adverbs"]),
            complement_openers=frozenset(data["complement_openers"]),
            absolutes=frozenset(data["absolutes"]),
            noun_phrase_starts=frozenset(data["noun_phrase_starts"]),
            not_topics_after_absolutes=frozenset(data["not_topics_after_absolutes"]),
            not_after_absolutes=frozenset(data["not_after_absolutes"]),
            topic_lead_ins=frozenset(data["topic_lead_ins"]),
            infinitive_takers=frozenset(data["infinitive_takers"]),
            asked_questions=frozenset(tuple(asked.split()) for asked in data["asked_questions"]),
            conditional_openers=frozenset(data["conditional_openers"]),
            main_clause_auxiliaries=frozenset(data["main_clause_auxiliaries"]),
            # A word a clause does not end on, or a verb that needs its complement, opens what follows too.
            openers=frozenset(data["openers"]) | frozenset(data["trailing_function_words"]) | frozenset(data["open_endings"])
            | frozenset(data["open_nouns"]),
            complement_takers=frozenset(data["open_endings"]),
            restrictive_adverbs=frozenset(data["restrictive_adverbs"]),
            restricted_clauses=frozenset(data["restricted_clauses"]),
            subject_pronouns=frozenset(data["subject_pronouns"]),
            object_pronouns=frozenset(data["object_pronouns"]),
            possessives=frozenset(data["possessives"]),
            stranding_words=frozenset(data["stranding_words"]),
            stranding_adverbs=frozenset(data["stranding_adverbs"]),
            negative_subjects=frozenset(data["negative_subjects"]),
            negated_subjects=frozenset(data["negated_subjects"]),
            copulas=frozenset(data["copulas"]),
            addressees=frozenset(data["addressees"]),
            asides=frozenset(tuple(aside.split()) for aside in data["asides"]),
            addressing_patterns=frozenset(data["addressing_patterns"]),
            appositive_openers=frozenset(data["appositive_openers"]),
            comparisons=frozenset(data["comparisons"]),
            standing_verbs=frozenset(data["standing_verbs"]),
            elision_conjunctions=frozenset(data["elision_conjunctions"]),
            emphatic_quantifiers=frozenset(data["emphatic_quantifiers"]),
            comparison_subjects=frozenset(data["comparison_subjects"]),
            # An ironic opener announces mockery: it marks the jab patterns as their own markers do.
            pattern_markers={
                pattern: tuple(tuple(marker.split()) for marker in markers + (data["ironic_openers"] if pattern in data["jab_patterns"] else []))
                for pattern, markers in data["pattern_markers"].items()
            },
            deciding_rules=tuple(data["deciding_rules"]),
        )


class ClauseGrower:
    def __init__(self, words: ClauseWords, topics: frozenset[str] = frozenset()):
        """``topics``: what messages are about ("dishes", "kids": what a rewrite keeps), never shown after an absolute."""
        self.words = words
        self.topics = topics - words.not_topics_after_absolutes
        self.bare_starts = frozenset(cue[0] for cue in words.bare_cues)  # the first words of bare cues
        self.lead_starts = frozenset(lead[0] for lead in words.insult_leads)  # "such" of "such a"
        # Phrases whose clause is read whole, as a conditional's is: "every time", and a contrast with no verb of its own
        # ("keep track of every shift swap on the whole crew but not our anniversary").
        self.whole_phrases = words.whenever_phrases | words.verbless_contrasts
        self.whole_starts = frozenset(phrase[0] for phrase in self.whole_phrases)
        self.unfinishing = words.vocatives | words.leading_fillers | words.tail_fillers  # words that finish no phrase
        # A subject, or a verb after what was its subject ("you constantly" | "isn't helping"), starts a clause of its own.
        self.new_predicates = words.subject_pronouns | words.not_after_absolutes
        # Where one phrase stops and another clause starts: a conjunction, comma, "if" or a new subject.
        self.clause_openers = words.soft_breaks | words.subject_pronouns | words.conditional_openers
        self.marker_words = [frozenset(marker) for markers in words.pattern_markers.values() for marker in markers]
        self.jab_openers = words.ironic_openers | words.lead_ins
        # What stands between a stranded highlight and its clause ("it's not even" | "a big deal"), and the words that
        # show the clause has a subject of its own (``_with_stranded_subjects``).
        self.stranding_run = words.stranding_words | words.stranding_adverbs
        self.any_subjects = words.subject_pronouns | words.negated_subjects | words.clause_subjects | words.addressees
        # The first words of what says nothing alone (``_says_nothing``).
        self.nothing_starts = (
            words.says_nothing_alone | words.vocatives | {marker[0] for marker in words.lone_markers | words.mock_praise}
        )
        # Words a name for someone ends before: a function word, conjunction, filler or new subject ("such a baby" | "when").
        self.name_ends = (
            words.dangling | words.particles | words.soft_breaks | words.tail_fillers | words.clause_subjects | words.subject_pronouns
        )
        # What a name for someone is said with ("my inner child", "such a baby"), by its last word.
        self.noun_leads: dict[str, list[tuple[str, ...]]] = {}
        for lead in sorted({(possessive,) for possessive in words.possessives} | words.insult_leads):
            self.noun_leads.setdefault(lead[-1], []).append(lead)
        self.opener_starts = frozenset(opener[0] for opener in self.jab_openers)
        self.verdict_nouns = frozenset(frame[1] for frame in words.verdict_frames)  # "problem", "fact": rarer than "the"
        self.asides_at_ends = words.leading_fillers & words.tail_fillers  # "honestly", "tbh": fillers either end of a sentence
        self.sentence_openers = words.leading_fillers | words.says_nothing_alone  # "And the problem is", "ok the fact that"
        # What a subject shown with its verdict does not start on: fillers and interjections ("honestly", "lol"), not its
        # pronoun; and a vocative or tag right before a word for the partner ("mate" | "ur a muppet", "machan" | "u r a
        # clown"; not "mum" of "mum says", nor "as" of "as usual").
        self.subject_openers = self.sentence_openers - words.subject_pronouns - words.addressees
        self.address_tags = (words.vocatives | words.tail_fillers) - words.subject_pronouns - words.addressees
        self.aside_starts = frozenset(aside[0] for aside in words.asides)
        self.subject_ends = tuple(words.copulas | words.comparisons)  # how a word ends before a verdict or comparison
        self.partner_subjects = words.addressees & words.subject_pronouns  # "you", "u": the partner as a clause's subject

    def grow(self, doc: Doc, text: str, cues: list[Cue], shares: dict[str, list[float]]) -> list[Cue]:
        """``cues`` with model words and lone markers shown as their clause; complete rule cues unchanged.

        ``shares`` holds each token's share of each flagged pattern's decision (``ModelEvidence.token_shares``).
        """
        written = _WrittenWords(doc)
        cues = self._own_words(doc, text, written, self._as_written(doc, text, cues), shares)
        cues = self._with_possessors(doc, text, written, _one_pattern_per_span(doc, cues, shares))
        closed = self._close_phrases(doc, text, written, cues, shares)
        # A closed phrase stands for no more than itself: a clause around it is kept. An absolute shown with its
        # behaviour still stands for its clause ("You never clean" of "... the bathroom when it's your week"), as a trait
        # shown with its complement does ("i'm out" of this).
        absolutes = {
            (c.start, c.pattern, c.rule) for c in cues
            if c.rule not in (WORDS_RULE, PHRASE_RULE) and (self._quantifies(doc, span := _span(doc, c)) or self._complement_follows(doc, span))
        }
        extended = {c for c in set(closed) - set(cues) if (c.start, c.pattern, c.rule) not in absolutes}
        cues = closed
        grows = [self._growable(doc, cue) for cue in cues]
        growable = [cue for cue, grown in zip(cues, grows) if grown]
        if not growable:
            return self._finished(doc, text, written, cues, shares)
        complete = [cue for cue, grown in zip(cues, grows) if not grown]
        clauses: list[Cue] = []  # one per clause and pattern
        origins: list[list[Cue]] = []  # the evidence each clause was grown from
        kept: list[Cue] = []  # evidence shown as it is: next to a complete cue of its pattern, or with no room to grow
        for cue in growable:
            clause = self._clause(doc, text, cue, [c for c in complete if c.pattern != cue.pattern], written)
            same = [c for c in complete if clause is not None and c.pattern == cue.pattern and _overlaps(c, clause)]
            if clause is None:
                kept.append(cue)
            elif same and not extended.intersection(same) and not self._praises(doc, cue) and cue.rule != ATTACK_RULE:
                if any(_touches(text, cue, c) and not _within(cue, c) for c in same):
                    kept.append(self._closed(doc, text, written, cue, cues))
            else:
                grown = replace(cue, start=clause.start, end=clause.end, text=clause.text, rule=_rule(cue))
                _add(clauses, origins, grown, [cue], text)
        shown = complete + kept
        best: list[Cue] = []
        best_origins: list[list[Cue]] = []
        for clause, origin in zip(_to_best_pattern(doc, text, clauses, shown, shares), origins):
            _add(best, best_origins, clause, origin, text)
        clauses = self._one_pattern_each(doc, text, written, best, best_origins, shown, shares)
        return self._finished(doc, text, written, self._saying_something(doc, text, written, shown + clauses, shares), shares)

    def _finished(self, doc: Doc, text: str, written: _WrittenWords, cues: list[Cue], shares: dict[str, list[float]]) -> list[Cue]:
        """The highlights with bare cues shown as their clause, defences with their excuse, hollow openers with the jab
        after them, and each with the noun that completes its phrase ("the bad guy") or the last words of its clause
        ("You disgust me"), around the others; then each under the pattern its words mark, one phrase under one."""
        cues = self._with_closed_quotes(doc, text, written, self._names_with_their_leads(doc, text, written, cues))
        cues = self._without_side_facts(doc, text, written, self._with_stranded_subjects(doc, text, written, self._with_subjects(doc, text, written, self._with_articles(doc, text, written, self._with_insulted_nouns(doc, text, written, cues)))))
        shown = self._over_other_patterns(doc, text, written, self._bare_clauses(doc, text, written, cues), shares)
        shown = self._with_excuses(doc, text, written, self._after_concessions(doc, text, written, shown))
        shown = self._with_jabs(doc, text, written, self._with_their_sentence(doc, text, written, shown))
        shown = self._with_what_is_left(doc, text, written, self._with_what_is_labelled(doc, text, written, shown))
        shown = self._with_what_they_add_to(doc, text, written, shown)
        shown = self._without_echoes(doc, text, shown)
        shown = self._with_partner_clauses(doc, text, written, self._with_measures(doc, text, written, shown))
        shown = self._with_verdicts(doc, text, written, self._with_mockery(doc, text, written, shown))
        shown = self._with_counter_attacks(doc, text, written, self._with_sarcastic_tags(doc, text, written, shown))
        shown = self._with_clause_ends(doc, text, written, self._with_completing_nouns(doc, text, written, shown))
        shown = self._with_elided_clauses(doc, text, written, shown)
        shown = self._with_alternatives(doc, text, written, self._with_afterwords(doc, text, written, shown))
        shown = self._with_stings(doc, text, written, self._with_follow_ups(doc, text, written, shown))
        shown = self._with_gestured_words(doc, text, written, self._with_dares(doc, text, written, shown))
        if len(shares) >= 2:  # with one flagged pattern, every highlight is its own
            shown = self._whole_phrases(doc, text, written, self._under_their_markers(doc, text, written, shown, shares), shares)
        return self._without_open_tails(doc, text, self._where_read_best(doc, text, written, shown, shares))

    def _without_open_tails(self, doc: Doc, text: str, cues: list[Cue]) -> list[Cue]:
        """Without a highlight left open (``_left_open``) right before another pattern's highlight, where a highlight of
        its own pattern ends just before it: the two would be shown as one, ending on words that open what the other
        pattern shows, a word or two on ("You've always been selfish, you've always" | "been a coward", "Look who's suddenly an expert
        on grandparenting. Funny how" | "you never bothered"). The highlight before says the charge; the tail only
        repeats its opening."""
        if len(cues) < 3:
            return cues  # it takes a highlight before, the open one and another pattern's after
        dropped: set[int] = set()
        for k, cue in enumerate(cues):
            span = _span(doc, cue)
            if span is None or span.end >= len(doc) or not self._left_open(doc, span):
                continue
            before = any(j not in dropped and o.pattern == cue.pattern and o.end <= cue.start and _touches(text, o, cue) for j, o in enumerate(cues))
            between = doc[span.end : span.end + OPEN_TAIL_GAP + 1]
            blocked = any(
                o.pattern != cue.pattern and cue.end <= o.start and not any(t.is_punct for t in between if t.idx < o.start)
                and sum(t.idx < o.start and not t.is_space for t in between) <= OPEN_TAIL_GAP
                and any(t.idx >= o.start for t in between)
                for o in cues
            )
            if before and blocked:
                dropped.add(k)
        return [cue for k, cue in enumerate(cues) if k not in dropped]

    def _under_their_markers(self, doc: Doc, text: str, written: _WrittenWords, cues: list[Cue], shares: dict[str, list[float]]) -> list[Cue]:
        """A highlight whose words clearly mark another flagged pattern is shown under it ("That's rich" is mockery, however
        a counter-attack rule found it), as long as its own pattern keeps a highlight (``_keeping``). Moved all at once
        where that keeps every pattern: "Yeah ok Mom" (mockery) and "Enjoy your little lecture by yourself" (a
        withdrawal) trade patterns, where either move alone would leave one pattern with nothing."""
        present = written.present
        if not any(marker <= present for marker in self.marker_words):
            return cues  # read from the words first: most messages hold no marker
        marked = [None if (span := _span(doc, cue)) is None else self._marked(span, shares) for cue in cues]
        together = [replace(c, pattern=p) if p is not None else c for c, p in zip(cues, marked)]
        if {c.pattern for c in together} >= {c.pattern for c in cues}:
            return together  # every move at once: a mocking opener and a refusal that trade places keep both patterns
        result = list(cues)
        for cue, pattern in zip(cues, marked):
            if pattern is None or pattern == cue.pattern:
                continue
            moved = [replace(c, pattern=pattern) if c is cue else c for c in result]
            result = self._keeping(doc, text, written, moved, {cue.pattern}, shares) or result
        return result

    def _whole_phrases(self, doc: Doc, text: str, written: _WrittenWords, cues: list[Cue], shares: dict[str, list[float]]) -> list[Cue]:
        """Highlights of different patterns that touch with no break between them (``_continues``) are one phrase, shown
        once: "You're a selfish" | "jerk" is one insult, "u always make" | "it sound worse" one accusation.

        The phrase goes to the pattern its words mark (``_phrase_pattern``); a pattern that loses its
        only highlight to it is shown where it is read best instead (``_keeping``), failing that the phrase stays split.
        """
        chains: list[list[Cue]] = []
        for cue in sorted(cues, key=lambda c: (c.start, -c.end)):
            if chains and self._continues(doc, text, chains[-1], cue):
                chains[-1].append(cue)
            else:
                chains.append([cue])
        result = list(cues)
        for chain in chains:
            if len({c.pattern for c in chain}) < 2:
                continue
            start, end = min(c.start for c in chain), max(c.end for c in chain)
            chain += [c for c in result if start <= c.start and c.end <= end and not any(c is link for link in chain)]  # shown by it
            patterns = {c.pattern for c in chain}
            keeper = min(chain, key=self._rule_rank)
            phrase = replace(keeper, start=start, end=end, text=text[start:end])
            phrase = replace(phrase, pattern=self._phrase_pattern(doc, phrase, chain, shares))
            pattern = phrase.pattern
            keeper = min((c for c in chain if c.pattern == pattern), key=self._rule_rank)
            phrase = replace(phrase, rule=keeper.rule)
            rest = [c for c in result if not any(c is link for link in chain)]
            if any(c.rule in self.words.deciding_rules and not any(o.pattern == c.pattern for o in rest) for c in chain if c.pattern != pattern):
                continue  # words that clearly mark their pattern ("whatever" of "whatever genius") are not given up for others
            result = self._keeping(doc, text, written, rest + [phrase], patterns - {pattern}, shares, apart_from=[phrase]) or result
        return result

    def _continues(self, doc: Doc, text: str, chain: list[Cue], cue: Cue) -> bool:
        """Whether ``cue`` goes on with the phrase ``chain`` ends with: right after it, past a space with no comma,
        sentence end, conjunction, new subject or gesture ("🙄") between. Overlapping highlights are not joined: each
        pattern keeps its own words of them (``nlp.results.highlights``)."""
        last = max(chain, key=lambda c: c.end)
        gap = text[last.end : cue.start]
        if self._paired(doc, last, cue, gap):
            return True  # "selfish" | "n proud of it": a lone word and what is paired with it are one phrase
        if cue.start < last.end or len(gap) > JOINABLE_GAP or not gap.isspace() or "\n" in gap:
            return False
        if not (text[last.end - 1].isalnum() and text[cue.start].isalnum()):
            return False  # "u." | "bye", "🙄" | "whatever"
        before, after = _span(doc, last), _span(doc, cue)
        breaks = self.clause_openers
        return before is not None and after is not None and doc[before.end - 1].lower_ not in breaks and doc[after.start].lower_ not in breaks

    def _paired(self, doc: Doc, last: Cue, cue: Cue, gap: str) -> bool:
        """Whether a highlight of one word (``last``) is followed, across ``gap``, by a pairing conjunction alone ("and",
        "n") and then ``cue`` with no subject of its own: "proud of it" alone reads as praise, "selfish n proud of it" as
        the jab; "rude and I'm done" is two clauses."""
        words = gap.split()
        if len(words) != 1 or words[0].lower() not in self.words.pairing_conjunctions or not gap[:1].isspace() or not gap[-1:].isspace():
            return False
        span, after = _span(doc, last), _span(doc, cue)
        return span is not None and after is not None and len(span) == 1 and span[0].is_alpha and after[0].lower_ not in self.any_subjects

    def _phrase_pattern(self, doc: Doc, phrase: Cue, chain: list[Cue], shares: dict[str, list[float]]) -> str:
        """Whose one phrase (``chain`` joined) is: the flagged pattern its words mark; else the pattern of its strongest
        rule cue (``deciding_rules``: an insult over the trait it names, a rule cue over model words); else the one with
        the larger share of it."""
        span = _span(doc, phrase)
        marked = None if span is None else self._marked(span, shares)
        if marked is not None:
            return marked
        best = min(self._rule_rank(c) for c in chain)
        candidates = {c.pattern for c in chain if self._rule_rank(c) == best}
        return max(sorted(candidates), key=lambda p: _share(doc, replace(phrase, pattern=p), shares))

    def _rule_rank(self, cue: Cue) -> int:
        """A deciding rule by its place in ``deciding_rules``, then any other rule cue, then model words."""
        rules = self.words.deciding_rules
        if cue.rule in rules:
            return rules.index(cue.rule)
        return len(rules) + (cue.rule in (WORDS_RULE, PHRASE_RULE))

    def _marked(self, span, shares: dict[str, list[float]]) -> str | None:
        """The first flagged pattern (in ``pattern_markers`` order) whose marker ``span``'s words hold."""
        words = _words(span)
        present = set(words)  # a marker's first word must be there: most markers are ruled out without a scan
        for pattern, markers in self.words.pattern_markers.items():
            if pattern in shares and any(marker[0] in present and _holds(words, marker) for marker in markers):
                return pattern
        return None

    def _keeping(
        self, doc: Doc, text: str, written: _WrittenWords, cues: list[Cue], patterns: set[str], shares: dict[str, list[float]],
        apart_from: list[Cue] = (),
    ) -> list[Cue] | None:
        """``cues`` with a highlight for each of ``patterns`` that lost its last one: the clause that carries it best
        (``_elsewhere``), not the rest of ``apart_from``'s clause; None when one of them has none."""
        result = list(cues)
        for pattern in sorted(patterns):
            if any(c.pattern == pattern for c in result):
                continue
            elsewhere = self._elsewhere(doc, text, written, pattern, result, shares, apart_from=apart_from)
            if elsewhere is None:
                return None
            result.append(elsewhere)
        return result

    def _without_side_facts(self, doc: Doc, text: str, written: _WrittenWords, cues: list[Cue]) -> list[Cue]:
        """Without model words that name no one where their pattern shows a verdict on the partner (``_verdict``).

        Beside "You're a terrible communicator", "the kids end up stuck in the middle" is its consequence, and beside
        "you're disgusting.", "the litter box hasn't been touched in a WEEK" the topic: a reader takes either for the
        attack. One or two words say the verdict again ("genuinely embarrassing", ``SHORT_SIDE_WORDS``) and a noun
        phrase from "a" names the partner again ("a grown man gagging at one diaper"): they stay. Model words that go on
        with the verdict's phrase (no sentence end, conjunction or new subject between:
        "you're lazy" | "about everything") are part of it and stay. Only for ``addressing_patterns`` (criticism,
        contempt), whose attack is on the person.
        """
        if len(cues) < 2 or self.words.addressees.isdisjoint(written.present):
            return cues  # read from the words first: a verdict on the partner names them
        verdicts = [c for c in cues if c.pattern in self.words.addressing_patterns and self._verdict(doc, c)]
        if not verdicts:
            return cues
        addressees = self.words.addressees
        result = []
        for cue in cues:
            own = [v for v in verdicts if v.pattern == cue.pattern and v is not cue]
            if own and cue.rule in (WORDS_RULE, PHRASE_RULE) and not any(self._continues(doc, text, [v], cue) for v in own):
                words = () if (span := _span(doc, cue)) is None else _words(span)
                if len(words) > SHORT_SIDE_WORDS and addressees.isdisjoint(words) and words[0] not in self.words.appositive_openers:
                    continue
            result.append(cue)
        return result

    def _verdict(self, doc: Doc, cue: Cue) -> bool:
        """Whether ``cue`` opens with a verdict on the partner: "you're", "you are", "u r", "ur" and what they are."""
        span = _span(doc, cue)
        words = () if span is None else _words(span)[:3]
        if len(words) < 2:
            return False
        if words[0] in self.partner_subjects:
            return words[1] in self.words.copulas
        return words[0] in self.words.copulas and words[0] in self.words.addressees  # "ur lazy"

    def _with_closed_quotes(self, doc: Doc, text: str, written: _WrittenWords, cues: list[Cue]) -> list[Cue]:
        """A highlight that stops inside quote marks it opened runs on to the closing mark: the quotes are the sneer
        ("you're 'exhausted" reads as concern; "you're 'exhausted.'" mocks). Up to ``MAX_WORDS`` words and only where no
        other highlight is in the words taken. A highlight inside a short quotation is shown as all of it, with its marks
        (``_quotation_around``)."""
        if QUOTE_MARKS.isdisjoint(written.present):
            return cues  # read from the words first: most messages hold no quote mark of their own (an apostrophe in "you're" is none)
        result = list(cues)
        for k, cue in enumerate(cues):
            span = _span(doc, cue)
            if span is None:
                continue
            marks = sum(t.text in QUOTE_MARKS for t in span)
            if marks == 0 and (quoted := self._quotation_around(doc, span)) is not None:
                first, end = doc[quoted[0]].idx, doc[quoted[1] - 1].idx + len(doc[quoted[1] - 1].text)
                if not _in_the_way(cues, cue, first, end):
                    result[k] = _grown(cue, text, start=first, end=end)
                continue
            if marks % 2 == 0:
                continue
            close = next((i for i in range(span.end, len(doc)) if doc[i].text in QUOTE_MARKS), None)
            if close is None or written.count(span.start, close) > MAX_WORDS:
                continue
            end = doc[close].idx + len(doc[close].text)
            if _in_the_way(cues, cue, cue.end, end):
                continue
            result[k] = _grown(cue, text, end=end)
        return result

    @staticmethod
    def _quotation_around(doc: Doc, span) -> tuple[int, int] | None:
        """The tokens of a short quotation that holds ``span`` inside its marks, with them: a scare-quoted phrase is one
        sneer ("'too busy'", "“self control”"), a word of it alone ("busy", "self") reads as the writer's own word."""
        before = next((i for i in range(span.start - 1, max(span.start - 1 - QUOTED_WORDS, -1), -1) if doc[i].text in QUOTE_MARKS or doc[i].is_punct), None)
        after = next((i for i in range(span.end, min(span.end + QUOTED_WORDS, len(doc))) if doc[i].text in QUOTE_MARKS or doc[i].is_punct), None)
        if before is None or after is None or doc[before].text not in QUOTE_MARKS or doc[after].text not in QUOTE_MARKS:
            return None
        if after - before - 1 > QUOTED_WORDS:
            return None
        return before, after + 1

    def _with_insulted_nouns(self, doc: Doc, text: str, written: _WrittenWords, cues: list[Cue]) -> list[Cue]:
        """A one-word insult after "a" before the noun phrase it describes, or before "as"/"like" and the thing it is
        compared to, is shown with it: "pathetic" of "you're a pathetic excuse for a father" and "dumb" of "dumb as a box of
        rocks" read as a mood word; the noun phrase carries the insult. From an article before it ("a pathetic ...")
        so that the subject it is said of can follow (``_with_subjects``); to the end of its phrase, up to
        ``MAX_WORDS`` words, where no other highlight is in the words taken."""
        lowers = written.lowers
        result = list(cues)
        for k, cue, span in self._one_word_insults(doc, cues):
            if span[0].is_stop or span.end + 1 >= len(doc) or not span[0].whitespace_:
                continue
            compared = lowers[span.end] in self.words.comparisons and lowers[span.end + 1] in self.words.appositive_openers
            article = span.start > 0 and lowers[span.start - 1] in self.words.appositive_openers
            if not compared and not (article and self._before_its_noun(written, span.end) and lowers[span.end] not in self.unfinishing):
                continue  # "a pathetic excuse for ...", not "pathetic honestly" or "a loser lol"
            limit = min((doc.char_span(o.start, o.end, alignment_mode="expand").start for o in cues if o.start >= cue.end), default=len(doc))
            right = self._phrase_end(doc, written, span.start, span.end + 1, limit)
            _, right = self._trim(doc, span.start, right, span.start, span.end)
            if right <= span.end + (1 if compared else 0) or (right == span.end + 1 and lowers[span.end] in self.words.says_nothing_alone):
                continue  # "a loser" | "lol"
            left = span.start - 1 if article else span.start
            if article and left > 0 and (lowers[left - 1], lowers[left]) in self.words.insult_leads:
                left -= 1  # "What a pathetic excuse for a birthday present"
            start, end = doc[left].idx, doc[right - 1].idx + len(doc[right - 1].text)
            if _in_the_way(cues, cue, start, end):
                continue
            result[k] = _grown(cue, text, start, end)
        return result

    def _one_word_insults(self, doc: Doc, cues: list[Cue]) -> Iterator[tuple[int, Cue, Span]]:
        """Each rule cue of one word for a pattern aimed at the partner ("joke", "pathetic"), with its place and span:
        alone, such a word reads as a topic or a mood, so the phrase it belongs to is what is shown."""
        for k, cue in enumerate(cues):
            if cue.rule in (WORDS_RULE, PHRASE_RULE) or cue.pattern not in self.words.addressing_patterns or not cue.text[:1].isalpha():
                continue
            span = _span(doc, cue)
            if span is not None and len(span) == 1:
                yield k, cue, span

    def _with_articles(self, doc: Doc, text: str, written: _WrittenWords, cues: list[Cue]) -> list[Cue]:
        """A one-word insult that ends its noun phrase is shown from the article that opens it, with the words between
        ("a walking talking joke", "such an idiot"); after a copula its subject then follows (``_with_subjects``: "u r
        a joke"). The bare noun reads as a topic ("joke"), the phrase as the verdict on someone. Only where no other
        highlight is in the words taken."""
        if self.words.appositive_openers.isdisjoint(written.present):
            return cues  # read from the words first: most messages hold no article
        lowers = written.lowers
        result = list(cues)
        for k, cue, span in self._one_word_insults(doc, cues):
            if span.start == 0 or self._before_its_noun(written, span.end):
                continue  # "a joke book": the noun goes on
            left = span.start - 1
            while left > span.start - 1 - INSULT_MODIFIERS and left > 0 and doc[left].is_alpha and lowers[left] not in self.words.appositive_openers and not doc[left].is_stop:
                left -= 1
            if lowers[left] not in self.words.appositive_openers:
                continue
            if left > 0 and (lowers[left - 1], lowers[left]) in self.words.insult_leads:
                left -= 1
            if _in_the_way(cues, cue, doc[left].idx, cue.end):
                continue
            result[k] = _grown(cue, text, start=doc[left].idx)
        return result

    def _with_subjects(self, doc: Doc, text: str, written: _WrittenWords, cues: list[Cue]) -> list[Cue]:
        """A highlight that starts after the subject it is said of is shown from the start of its clause.

        "disgusting" of "you're disgusting" and "embarrassing to watch" of "the way you grovel to your parents is
        embarrassing to watch" do not say whom the verdict is on: after a copula (``copulas``) whose subject names the
        partner, the subject goes with it. "you always do" of "you'll only lie like you always do" is the second half
        of a comparison (``_compares_back``): the clause it compares goes with it. Taken up to ``MAX_WORDS`` words and
        only where no other highlight is in the words taken.
        """
        present = written.present
        if self.words.copulas.isdisjoint(present) and self.words.comparisons.isdisjoint(present):
            return cues  # read from the words first: most messages hold neither
        lowers, hard = written.lowers, written.hard_breaks
        result = list(cues)
        for k, cue in enumerate(cues):
            written_before = text[max(0, cue.start - PRECEDING_CHARACTERS) : cue.start].split()
            if not written_before or not written_before[-1].lower().endswith(self.subject_ends):
                continue  # read from the characters first: most highlights follow no copula or "like"
            span = _span(doc, cue)
            if span is None or span.start == 0:
                continue
            before = span.start - 1
            copula = lowers[before] in self.words.copulas
            if not copula and not self._compares_back(lowers, before, span.end):
                continue
            left = before
            while left > 0 and not hard[left - 1] and lowers[left - 1] not in self.words.soft_breaks:
                left -= 1
            while left < before and (doc[left].is_punct or doc[left].is_space or self._opens_a_subject(doc, lowers, left)):
                left += 1
            partner = next((i for i in range(left, before + 1) if lowers[i] in self.words.addressees), None)
            if partner is not None and any(lowers[i] in self.words.subject_pronouns for i in range(left, partner)):
                # "I think" | "you're overreacting", "i need you" | "you're 'busy'": the verdict's subject is the last
                # "you", not who reports it
                left = max((i for i in range(partner, before + 1) if lowers[i] in self.partner_subjects), default=partner)
            subject = range(left, before + 1) if copula else range(left, before)
            if not subject or (copula and self.words.addressees.isdisjoint(lowers[i] for i in subject)):
                continue
            if written.count(left, span.end) > MAX_WORDS:
                continue
            first = doc[left].idx
            if _in_the_way(result, cue, first, cue.start):
                continue
            result[k] = _grown(cue, text, start=first)
        return result

    def _opens_a_subject(self, doc: Doc, lowers: list[str], i: int) -> bool:
        """Whether word ``i`` only leads into the subject: a filler, or a vocative or tag a word for the partner follows."""
        if lowers[i] in self.subject_openers:
            return True
        if lowers[i] not in self.address_tags:
            return False
        after = next((j for j in range(i + 1, len(doc)) if not (doc[j].is_punct or doc[j].is_space)), None)
        return after is not None and lowers[after] in self.words.addressees

    def _with_stranded_subjects(self, doc: Doc, text: str, written: _WrittenWords, cues: list[Cue]) -> list[Cue]:
        """A highlight that starts right after a modal or a negation (``stranding_words``) is shown from the start of
        its clause.

        Cut there, it has lost its subject or the word that turns it round: "do what you want regardless" of "You'll do
        what you want regardless" reads as a command, "a big deal" of "it's not even a big deal" says the opposite,
        "cook an egg" of "even he could cook an egg" says nothing. Taken where the clause before it holds a subject, up
        to ``MAX_WORDS`` words and only where no other highlight is in the words taken. A negative subject opening the
        clause a word or two before it (``negative_subjects``) turns it round the same way: "nobody made" | "a big deal".
        """
        words = self.words
        present = written.present
        if words.stranding_words.isdisjoint(present) and words.negative_subjects.isdisjoint(present):
            return cues  # read from the words first: most messages hold no modal or negation
        lowers, hard = written.lowers, written.hard_breaks
        result = list(cues)
        for k, cue in enumerate(cues):
            span = _span(doc, cue)
            if span is None or span.start == 0 or lowers[span.start] in words.soft_breaks or doc[span.start].is_punct:
                continue
            before = span.start
            while before > 0 and lowers[before - 1] in words.stranding_adverbs:
                before -= 1
            stranded = before > 0 and lowers[before - 1] in words.stranding_words
            while stranded and before > 0 and lowers[before - 1] in self.stranding_run:
                before -= 1
            left = before
            while left > 0 and not hard[left - 1] and lowers[left - 1] not in words.soft_breaks and not doc[left - 1].is_punct:
                left -= 1
            if not stranded:
                if lowers[left] not in words.negative_subjects or not 0 < written.count(left + 1, span.start) <= NEGATED_GAP:
                    continue
            else:
                while left < before and self._opens_a_subject(doc, lowers, left) and lowers[left] not in self.any_subjects:
                    left += 1
                if self.any_subjects.isdisjoint(lowers[left:before]):
                    continue
            if written.count(left, span.end) > MAX_WORDS:
                continue
            first = doc[left].idx
            if _in_the_way(result, cue, first, cue.start):
                continue
            result[k] = _grown(cue, text, start=first)
        return result

    def _with_their_sentence(self, doc: Doc, text: str, written: _WrittenWords, cues: list[Cue]) -> list[Cue]:
        """An aside ("calm down", "relax") shown alone is shown as its sentence: telling someone to calm down is what
        they read as dismissal, but what minimises is what it is said with ("it was one text, calm down"). Taken up to
        ``MAX_WORDS`` words and only where no other highlight is in the sentence; an aside that is a sentence alone is
        shown with the sentence before it ("it was one text. calm down"), or, where that is another highlight, that
        highlight is shown with it ("You're 17....calm down", ``_with_aside_after``)."""
        present = written.present
        if self.aside_starts.isdisjoint(present) or not any(present.issuperset(aside) for aside in self.words.asides):
            return cues  # read from the words first: most messages hold no aside
        result = list(cues)
        for k, cue in enumerate(cues):
            span = _span(doc, cue)
            if span is None:
                continue
            if _words(span) not in self.words.asides:
                result[k] = self._with_aside_after(doc, text, written, cue, span, result)
                continue
            start, end = written.sentence_start(span.start), written.sentence_end(span.end)
            if written.count(start, end) == written.count(span.start, span.end):
                start = written.sentence_before(start)[0]  # "You're 40. Relax.": the aside alone is said to the one before
            if written.count(start, end) > MAX_WORDS or written.count(start, end) == written.count(span.start, span.end):
                continue
            start, end = self._trim(doc, start, end, span.start, span.end)
            first, stop = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
            if _in_the_way(result, cue, first, stop):
                continue
            result[k] = _grown(cue, text, first, stop)
        return result

    def _with_aside_after(self, doc: Doc, text: str, written: _WrittenWords, cue: Cue, span, cues: list[Cue]) -> Cue:
        """``cue`` with the aside that is the next sentence alone, where ``cue`` ends its own sentence: "You're 17" is a
        fact, "You're 17....calm down" the put-down."""
        sentence_end = written.sentence_end(span.end)
        if any(not (t.is_punct or t.is_space) for t in doc[span.end : sentence_end]):
            return cue
        start, end = written.sentence_after(sentence_end)
        if start >= end or _words(doc[start:end]) not in self.words.asides:
            return cue
        stop = doc[end - 1].idx + len(doc[end - 1].text)
        if _in_the_way(cues, cue, cue.end, stop):
            return cue
        return _grown(cue, text, end=stop)

    def _with_elided_clauses(self, doc: Doc, text: str, written: _WrittenWords, cues: list[Cue]) -> list[Cue]:
        """A highlight that is only a subject, an adverb or two and a verb standing for the one before ("u always have",
        "you always do") after a comma or a conjunction (``elision_conjunctions``) is shown with the clause before it,
        which it repeats: "u avoid every hard conversation, u always have" and "u just dont prioritize me and u never
        have" are one charge each, "u always have" alone says nothing. Up to ``MAX_WORDS`` words, back to the sentence's
        start or the comma before, where no other highlight is in it."""
        lowers = written.lowers
        result = list(cues)
        for k, cue in enumerate(cues):
            cue = result[k] = self._with_standing_verb(doc, text, written, cue)
            last = cue.text.rsplit(maxsplit=1)[-1:]
            if not last or last[0].lower() not in self.words.standing_verbs:
                continue  # read from the characters first: most highlights end on no such verb
            span = _span(doc, cue)
            if span is None or len(span) < 2 or span.start < 2 or lowers[span.start] not in self.words.subject_pronouns:
                continue
            if lowers[span.end - 1] not in self.words.standing_verbs or not all(t in self.words.open_adverbs for t in lowers[span.start + 1 : span.end - 1]):
                continue
            rest = doc[span.end : max(span.end, written.sentence_end(span.start))]
            if written.hard_breaks[span.start - 1] and not any(c.isalnum() for t in rest for c in t.text):
                # A sentence that is only the elided clause ("You always do 🙄") repeats the clause that ends the one before.
                start, end = written.sentence_before(span.start)
                start = next((i + 1 for i in range(end - 1, start - 1, -1) if lowers[i] in (",", ";")), start)
                if start >= end or written.count(start, span.end) > MAX_WORDS:
                    continue
                start, _ = self._trim(doc, start, end, start, end)
                if start < end and not _in_the_way(result, cue, doc[start].idx, cue.start):
                    result[k] = _grown(cue, text, start=doc[start].idx)
                continue
            comma = span.start - 1
            if lowers[comma] in self.words.elision_conjunctions and lowers[comma - 1] == ",":
                comma -= 1  # ", and u never have"
            if (lowers[comma] != "," and lowers[comma] not in self.words.elision_conjunctions) or (span.end < len(doc) and not written.hard_breaks[span.end] and lowers[span.end] not in (",", ";")):
                continue  # "you always have to ..." goes on; only an elided verb ends its clause
            start = written.sentence_start(comma)
            start = next((i + 1 for i in range(comma - 1, start - 1, -1) if lowers[i] in (",", ";")), start)
            if start >= comma or written.count(start, span.end) > MAX_WORDS:
                continue
            start, _ = self._trim(doc, start, comma, start, comma)
            first = doc[start].idx
            if _in_the_way(result, cue, first, cue.start):
                continue
            result[k] = _grown(cue, text, start=first)
        return result

    def _with_standing_verb(self, doc: Doc, text: str, written: _WrittenWords, cue: Cue) -> Cue:
        """An absolute ("You always") with the verb standing for another after it, where that ends its sentence: "You
        always do" is one clause, the verb the one it repeats."""
        span = _span(doc, cue)
        if span is None or span.end >= len(doc) or written.lowers[span.end] not in self.words.standing_verbs:
            return cue
        lowers = written.lowers
        if lowers[span.start] not in self.words.subject_pronouns or not all(t in self.words.open_adverbs for t in lowers[span.start + 1 : span.end]):
            return cue
        if span.end + 1 < len(doc) and any(c.isalnum() for c in doc[span.end + 1].text):
            return cue  # "You always do this" goes on
        return _grown(cue, text, end=doc[span.end].idx + len(doc[span.end].text))

    def _compares_back(self, lowers: list[str], before: int, end: int) -> bool:
        """Whether tokens ``before + 1`` to ``end`` are a comparison's second half: "like" or "as", a subject, and a
        verb standing for the one compared at the end ("like you always do")."""
        words = self.words
        return lowers[before] in words.comparisons and lowers[before + 1] in words.subject_pronouns and lowers[end - 1] in words.standing_verbs

    def _with_mockery(self, doc: Doc, text: str, written: _WrittenWords, cues: list[Cue]) -> list[Cue]:
        """A jab that opens with an ironic opener, or any highlight that opens with a lead-in, and stops inside its
        sentence runs on to the sentence's end.

        "Cute that you think", "Must be nice", "bless your heart" or "Look who finally" only
        announce the mockery; "cute that you think you get a vote", "must be nice to sleep
        till noon", "bless your heart, you tried" are it. So do "What kind of man" and "how do you manage to": the
        attack is "forgets his own daughter's birthday", "be this clueless". A sentence longer than
        ``MAX_MOCKERY_WORDS`` is cut as a clause is; it is taken only where no other highlight is in it, model words
        of its own pattern aside (``_part_of_jab``).
        """
        present = written.present
        if self.opener_starts.isdisjoint(present):
            return cues  # read from the words first: most messages hold no opener
        held = frozenset(opener for opener in self.jab_openers if opener[0] in present and present.issuperset(opener))
        if not held:
            return cues  # a highlight can only open with an opener whose words are all in the message
        lead_ins = held & self.words.lead_ins
        result = list(cues)
        for k, cue in enumerate(cues):
            openers = held if cue.pattern in self.words.jab_patterns else lead_ins
            if not openers:
                continue
            span = _span(doc, cue)
            if span is None or not self._opens_with(span, openers):
                continue
            right = written.sentence_end(span.end)
            if written.count(span.end, right) == 0:
                continue
            rest_start, rest_end = doc[span.end].idx, doc[right - 1].idx + len(doc[right - 1].text)
            if any(other.start < rest_end and rest_start < other.end for other in cues if not self._part_of_jab(other, cue)):
                continue
            left = written.sentence_before(span.end)[0] if written.hard_breaks[span.start : span.end].count(True) else span.start
            left = max(left, span.start)  # "Bless." is a sentence before: the words are counted in the sentence it opens
            if written.count(left, right) > MAX_MOCKERY_WORDS:
                _, right = self._fit(doc, written, left, right, left, span.end)
            _, right = self._trim(doc, left, right, left, span.end)
            if right > span.end:
                stop = doc[right - 1].idx + len(doc[right - 1].text)
                result[k] = _grown(cue, text, end=stop)
        return result

    @staticmethod
    def _part_of_jab(other: Cue, cue: Cue) -> bool:
        """Whether ``other`` is no highlight apart from the jab ``cue`` opens: the model words of its pattern that only
        point into it ("remembered" of "Oh look who's finally" | "remembered they have a mother")."""
        return other is cue or (other.pattern == cue.pattern and other.rule == WORDS_RULE)

    def _with_verdicts(self, doc: Doc, text: str, written: _WrittenWords, cues: list[Cue]) -> list[Cue]:
        """A highlight inside a sentence that opens with a verdict frame is shown as that sentence.

        "The problem is", "Your problem is" and "The fact that" only announce the complaint, and the complaint is the
        rest of the sentence, past its commas and conjunctions: "you think your pension is your money and mine is
        ours", "you agree to things in the moment and then treat them as optional". Cut at the conjunction, it is
        no double standard and no broken promise. Taken only where no other highlight is in the sentence and it has
        at most ``MAX_VERDICT_WORDS`` words.
        """
        if self.verdict_nouns.isdisjoint(written.present):
            return cues  # read from the words first: most messages hold no frame
        hard, lowers, blank = written.hard_breaks, written.lowers, written.punct_or_space
        result = list(cues)
        for k, cue in enumerate(cues):
            span = _span(doc, cue)
            if span is None or any(hard[span.start : span.end]):
                continue
            start, end = written.sentence_start(span.start), written.sentence_end(span.end)
            while start < span.start and (blank[start] or lowers[start] in self.sentence_openers):
                start += 1
            if not any(tuple(lowers[start : start + len(frame)]) == frame for frame in self.words.verdict_frames):
                continue
            result[k] = self._as_whole_sentence(doc, text, written, result, k, start, end)
        return result

    def _with_sarcastic_tags(self, doc: Doc, text: str, written: _WrittenWords, cues: list[Cue]) -> list[Cue]:
        """A jab in a sentence that ends on a sarcastic tag after a comma (", sure"; ``sarcastic_tags``) is shown as that
        sentence: the tag turns the whole of it round, so "I'll take relationship advice from the guy whose last
        situationship blocked him" cut mid-clause, or without its "sure", reads as a plain statement. Taken only where no
        other highlight is in the sentence and it has at most ``MAX_VERDICT_WORDS`` words."""
        if all(tag[-1] not in written.present for tag in self.words.sarcastic_tags):
            return cues  # read from the words first: most messages hold no tag
        result = list(cues)
        for k, cue in enumerate(cues):
            span = _span(doc, cue)
            if cue.pattern not in self.words.jab_patterns or span is None or any(written.hard_breaks[span.start : span.end]):
                continue
            start, end = written.sentence_start(span.start), written.sentence_end(span.end)
            words_end = end
            while words_end > start and (doc[words_end - 1].is_punct or doc[words_end - 1].is_space):
                words_end -= 1
            tag = next((t for t in self.words.sarcastic_tags if _words(doc[words_end - len(t) : words_end]) == t), None)
            if tag is None or words_end - len(tag) < 1 or doc[words_end - len(tag) - 1].text != ",":
                continue
            result[k] = self._as_whole_sentence(doc, text, written, result, k, start, end)
        return result

    def _with_counter_attacks(self, doc: Doc, text: str, written: _WrittenWords, cues: list[Cue]) -> list[Cue]:
        """A defence highlight that goes on from a counter-attack earlier in its sentence ("but you forget my mother's
        name day" | "and nobody is making drama about it") is shown from it: the tail alone is a fact, the turn on the
        partner is the defence. From the nearest ``counter_attack_openers`` before it, up to ``MAX_CONDITIONAL_WORDS``
        words, only where no other highlight is in between."""
        if not any(written.present.issuperset(opener) for opener in self.words.counter_attack_openers):
            return cues  # read from the words first: an opener is found only where all its words are ("but" and "you")
        lowers = tuple(written.lowers)
        result = list(cues)
        for k, cue in enumerate(cues):
            if cue.pattern not in self.words.excusing_patterns:
                continue
            span = _span(doc, cue)
            if span is None:
                continue
            start = written.sentence_start(span.start)
            opener = next(
                (i for i in range(span.start - 1, start - 1, -1) if any(lowers[i : i + len(o)] == o for o in self.words.counter_attack_openers)),
                None,
            )
            if opener is None or written.count(opener, span.end) > MAX_CONDITIONAL_WORDS:
                continue
            left, _ = self._trim(doc, opener, span.end, span.start, span.end)
            first = doc[left].idx
            if left >= span.start or _in_the_way(cues, cue, first, cue.start):
                continue
            result[k] = _grown(cue, text, start=first)
        return result

    def _as_whole_sentence(self, doc: Doc, text: str, written: _WrittenWords, cues: list[Cue], k: int, start: int, end: int) -> Cue:
        """Highlight ``k`` shown as tokens ``start`` to ``end``, past fillers and trailing punctuation, where that has
        at most ``MAX_VERDICT_WORDS`` words and no other highlight is in it; else as it was."""
        cue, span = cues[k], _span(doc, cues[k])
        if written.count(start, end) > MAX_VERDICT_WORDS:
            return cue
        _, end = self._trim(doc, start, end, start, span.end)
        first, stop = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
        if (first, stop) == (cue.start, cue.end) or any(other.start < stop and first < other.end for other in cues if other is not cue):
            return cue
        first, stop = min(first, cue.start), max(stop, cue.end)
        return _grown(cue, text, first, stop)

    def _opens_with(self, span, openers: frozenset[tuple[str, ...]]) -> bool:
        """Whether ``span`` starts with one of ``openers`` ("cute that", "oh look who"), after an interjection or two."""
        words = _words(span)
        for skip in range(min(3, len(words))):
            if any(words[skip : skip + len(opener)] == opener for opener in openers):
                return True
            if words[skip] not in self.words.says_nothing_alone:
                break
        return False

    def _with_afterwords(self, doc: Doc, text: str, written: _WrittenWords, cues: list[Cue]) -> list[Cue]:
        """A highlight that ends its sentence takes a short sentence after it that says how long, how often or whether
        at all, or dares the partner to answer it (``afterwords``): "Taking space" is a break, "Taking space.
        Indefinitely." the shutdown, "Talk later. Or not." the brush-off, "Name one time. I'll wait." the sneer."""
        if all(afterword[0] not in written.present for afterword in self.words.afterwords):
            return cues  # read from the words first: most messages hold none
        result = list(cues)
        for k, cue in enumerate(cues):
            if not _hard_break_text(text[cue.end : cue.end + 1]):
                continue  # read from the characters first: most highlights do not end their sentence
            span = _span(doc, cue)
            if span is None or span.end >= len(doc) or not written.hard_breaks[span.end]:
                continue
            start, end = written.sentence_after(span.end)
            if start >= end or tuple(written.lowers[start:end]) not in self.words.afterwords:
                continue
            stop = doc[end - 1].idx + len(doc[end - 1].text)
            if _in_the_way(cues, cue, cue.end, stop):
                continue
            result[k] = replace(cue, end=stop, text=text[cue.start : stop])
        return result

    def _with_alternatives(self, doc: Doc, text: str, written: _WrittenWords, cues: list[Cue]) -> list[Cue]:
        """A highlight right before "or" and at most ``ALTERNATIVE_WORDS`` words that end its sentence takes them
        (``alternative_openers``; a tail filler after them stays out): "not having this conversation over text" reads as
        asking to talk in person, "... over text or at all" is the refusal; "tonight or any night" widens it."""
        if self.words.alternative_openers.isdisjoint(written.present):
            return cues  # read from the words first: most messages hold none
        result = list(cues)
        for k, cue in enumerate(cues):
            span = _span(doc, cue)
            if span is None or span.end + 1 >= len(doc) or written.lowers[span.end] not in self.words.alternative_openers:
                continue
            end = written.sentence_end(span.end)
            while end > span.end + 1 and (written.punct_or_space[end - 1] or written.lowers[end - 1] in self.words.tail_fillers):
                end -= 1
            if not 0 < written.count(span.end + 1, end) <= ALTERNATIVE_WORDS or any(written.punct_or_space[span.end + 1 : end]):
                continue
            stop = doc[end - 1].idx + len(doc[end - 1].text)
            if _in_the_way(cues, cue, cue.end, stop):
                continue
            result[k] = _grown(cue, text, end=stop)
        return result

    def _with_stings(self, doc: Doc, text: str, written: _WrittenWords, cues: list[Cue]) -> list[Cue]:
        """A highlight that opens its sentence and stops at a comma is shown with the rest of the sentence where that
        turns on the partner: "Let me explain the budget slowly" is an offer until ", since numbers seem to be so hard
        for you", "You always have a reason" half a charge without ", and the reason is always you", an excuse ("i was
        tired la") a fact without the counter-accusation after it (", u think i purposely dont want to call?").

        Only for ``sting_patterns``, in a sentence of at most ``MAX_CONDITIONAL_WORDS`` words whose rest names the
        partner (``addressees``) and holds no other highlight. A highlight that ends on the partner already says whom
        it is about: "what is wrong with you" is the verdict, ", you left the gate open" the fact it is about; only a
        conjunction after it ("..., since you evidently cannot manage it") still opens the sting. A defence's ", because
        you ..." is a jab of another pattern (``_with_excuses``).
        """
        if self.words.addressees.isdisjoint(written.present) or "," not in written.present:
            return cues  # read from the words first: most messages hold no such sentence
        result = list(cues)
        for k, cue in enumerate(cues):
            if cue.pattern not in self.words.sting_patterns:
                continue
            span = _span(doc, cue)
            if span is None:
                continue
            comma = span.end
            while comma < len(doc) and written.lowers[comma] in self.words.tail_fillers:
                comma += 1  # "i was tired la, ..."
            if comma + 1 >= len(doc) or doc[comma].text != ",":
                continue
            start, end = written.sentence_start(span.start), written.sentence_end(span.end)
            if (
                self._trim(doc, start, span.end, span.start, span.end)[0] < span.start
                or written.count(start, end) > MAX_CONDITIONAL_WORDS
                or (written.lowers[span.end - 1] in self.words.addressees and written.lowers[comma + 1] not in self.words.soft_breaks)
                or self.words.addressees.isdisjoint(written.lowers[comma + 1 : end])
                or (cue.pattern in self.words.excusing_patterns and written.lowers[comma + 1] in self.words.excuse_openers)
            ):
                continue
            _, right = self._trim(doc, span.start, end, span.start, span.end)
            stop = doc[right - 1].idx + len(doc[right - 1].text)
            if right <= comma + 1 or _in_the_way(cues, cue, cue.end, stop):
                continue
            result[k] = _grown(cue, text, end=stop)
        return result

    def _with_dares(self, doc: Doc, text: str, written: _WrittenWords, cues: list[Cue]) -> list[Cue]:
        """A highlight right after a dare (``dares``: "don't you dare", "how dare you") is shown from it: "blame me for
        the IRS letter" reads as a neutral phrase, "Don't you dare blame me for the IRS letter" is the defence."""
        if not any(written.present.issuperset(dare) for dare in self.words.dares):
            return cues  # read from the words first: most messages hold no dare
        lowers = tuple(written.lowers)
        result = list(cues)
        for k, cue in enumerate(cues):
            span = _span(doc, cue)
            if span is None:
                continue
            dare = next((d for d in self.words.dares if lowers[max(span.start - len(d), 0) : span.start] == d), None)
            if dare is None:
                continue
            first = doc[span.start - len(dare)].idx
            if _in_the_way(cues, cue, first, cue.start):
                continue
            result[k] = replace(cue, start=first, text=text[first : cue.end])
        return result

    def _with_gestured_words(self, doc: Doc, text: str, written: _WrittenWords, cues: list[Cue]) -> list[Cue]:
        """A gesture shown alone ("🙄", "😏") is shown with the words it is rolled at: "🙄" alone says only that
        something is mocked, "because you're the perfect parent 🙄" what. The words are the piece of its sentence right
        before it, back to a comma, dash or sentence end, up to ``MAX_WORDS`` words, only where no other highlight is in
        them. A gesture that is a sentence alone after its jab ("Of course you are. 🙄") is rolled at the sentence before
        it (``_rolled_at_sentences``); one that opens a sentence with words after it stays as it is. A highlight of its
        own pattern inside those words is shown by it ("useless" of "so useless by Monday 🙄")."""
        result = list(cues)
        absorbed: set[int] = set()
        for k, cue in enumerate(cues):
            if cue.pattern not in self.words.jab_patterns or has_word_character(cue.text):
                continue
            span = _span(doc, cue)
            if span is None:
                continue
            left = span.start
            while left > 0 and not (written.hard_breaks[left - 1] or (doc[left - 1].is_punct and doc[left - 1].lower_ in self.words.soft_breaks)):
                left -= 1
            if written.count(left, span.start) == 0 and written.hard_breaks[left - 1 if left else 0]:
                left = self._rolled_at_sentences(written, left, span.end)
            if written.count(left, span.start) > MAX_WORDS or written.count(left, span.start) == 0:
                continue
            left = self._with_mock_title(doc, written, left)
            left, _ = self._trim(doc, left, span.end, span.start, span.end)
            if left > 0 and doc[left - 1].text in QUOTE_MARKS and sum(t.text in QUOTE_MARKS for t in doc[left : span.start]) % 2:
                left -= 1  # "'babe' 🙄" keeps its opening quotation mark
            left = self._past_other_patterns(doc, cue, cues, left, span.start)
            first = doc[left].idx
            if left >= span.start or not has_word_character(text[first : cue.start]) or any(
                other is not cue and other.start < cue.start and first < other.end and not self._gestured_at(other, cue, first)
                for other in cues
            ):
                continue
            result[k] = _grown(cue, text, start=first)
            absorbed.update(id(other) for other in cues if other is not cue and other.pattern == cue.pattern and first <= other.start and other.end <= cue.start)
        return [cue for cue in result if id(cue) not in absorbed]

    def _past_other_patterns(self, doc: Doc, gesture: Cue, cues: list[Cue], left: int, right: int) -> int:
        """Where the words a gesture is rolled at start when another pattern's highlight ends inside them right before a
        comma or conjunction: after it ("so holy on Sunday" | "and so useless by Monday 🙄"); else ``left``."""
        ends = [o.end for o in cues if o.pattern != gesture.pattern and doc[left].idx < o.end <= gesture.start]
        if not ends:
            return left
        after = doc.char_span(max(ends), gesture.start, alignment_mode="contract")
        if after is None or not after.start < right or doc[after.start].lower_ not in self.words.soft_breaks:
            return left
        start = after.start + 1
        while start < right and (doc[start].is_punct or doc[start].is_space):
            start += 1  # "and" | "so useless": an intensifier after the conjunction is part of what is rolled at
        return start

    def _rolled_at_sentences(self, written: _WrittenWords, left: int, end: int) -> int:
        """Where the words start that a gesture standing alone as the last sentence of its run (tokens ``left`` to
        ``end``) is rolled at: the sentence before it, and the one before that when the nearer one only answers it in at
        most ``ECHO_WORDS`` words ("Sure, you're the victim here. Of course you are. 🙄"); ``left`` when the gesture has
        words after it in its sentence or no sentence before it."""
        if left == 0 or written.count(end, written.sentence_end(end)):
            return left  # "🙄 whatever you say": the gesture opens its jab
        start, stop = written.sentence_before(left)
        if written.count(start, stop) <= ECHO_WORDS and start > 0:
            earlier, _ = written.sentence_before(start)
            if written.count(earlier, stop) <= MAX_WORDS:
                start = earlier
        return start

    @staticmethod
    def _gestured_at(other: Cue, gesture: Cue, first: int) -> bool:
        """Whether ``other`` is a highlight of the gesture's pattern inside the words it is rolled at ("so touched" of
        "I'm so touched 💅", "useless" of "so useless by Monday 🙄"): it reads as part of them, not as a highlight of its
        own in the way."""
        return other.pattern == gesture.pattern and first <= other.start

    def _with_mock_title(self, doc: Doc, written: _WrittenWords, left: int) -> int:
        """Where the words a gesture is rolled at start right after a comma, the sentence's start if what opens it
        before the comma is a mock title ("such a gentleman", "what a hero"; ``insult_leads`` and at most
        ``MOCK_TITLE_WORDS`` words): "letting me pay for my own dinner 🙄" is a fact, the title is the mockery; so is an
        interjection that says nothing alone ("wow, I'm so touched 💅")."""
        if left == 0 or doc[left - 1].text != ",":
            return left
        start = written.sentence_start(left - 1)
        lowers = tuple(written.lowers[start : left - 1])
        if any(lowers[: len(lead)] == lead for lead in self.words.insult_leads) and written.count(start, left - 1) <= MOCK_TITLE_WORDS:
            return start
        if start < left - 1 and self._says_nothing(doc[start : left - 1]):
            return start  # "wow," | "I'm so touched 💅": the interjection is the tone the gesture is rolled in
        return left

    def _with_follow_ups(self, doc: Doc, text: str, written: _WrittenWords, cues: list[Cue]) -> list[Cue]:
        """A jab that is a question shown with the question after it that finishes it (``follow_up_questions``): "oh
        you're tired?" reads as concern until "from what exactly, lifting the remote?". The follow-up is taken up to
        ``MAX_WORDS`` words and only where no other highlight is in it; the message's last one may go without its "?"
        ("shall I ring the local paper")."""
        starts = {question[0] for question in self.words.follow_up_questions}
        if starts.isdisjoint(written.present):
            return cues  # read from the words first: most messages hold none
        result = list(cues)
        for k, cue in enumerate(cues):
            if cue.pattern in self.words.jab_patterns and (asked := self._question_before_follow_up(doc, written, cue)) is not None:
                if not _in_the_way(cues, cue, asked, cue.start):
                    result[k] = _grown(cue, text, start=asked)
                continue
            quoted = cue.text.rstrip("".join(QUOTE_MARKS))
            if cue.pattern not in self.words.jab_patterns or not (text[cue.end : cue.end + 1] or "x") in SENTENCE_ENDS and not (
                quoted != cue.text and quoted[-1:] in SENTENCE_ENDS
            ):
                continue  # not a question or statement ended, quotes and all ("you're 'exhausted.'")
            span = _span(doc, cue)
            if span is None or span.end >= len(doc):
                continue
            start, end = written.sentence_after(span.end)
            words = tuple(written.lowers[start:end])
            if (
                start >= end
                or (end < len(doc) and doc[end].text != "?")
                or written.count(start, end) > MAX_WORDS
                or not self._opens_follow_up(words)
            ):
                continue
            _, right = self._trim(doc, start, end, start, start + 1)
            stop = doc[right - 1].idx + len(doc[right - 1].text)
            if _in_the_way(cues, cue, cue.end, stop):
                continue
            result[k] = _grown(cue, text, end=stop)
        return result

    def _opens_follow_up(self, words: tuple[str, ...]) -> bool:
        """Whether lower-case ``words`` open with a follow-up question (``follow_up_questions``: "from what", "shall i")."""
        return any(words[: len(question)] == question for question in self.words.follow_up_questions)

    def _question_before_follow_up(self, doc: Doc, written: _WrittenWords, cue: Cue) -> int | None:
        """Where the question a follow-up highlight finishes starts, when the highlight is that follow-up: the evidence
        can sit on "shall I ring the local paper" alone, and "oh you emptied the dishwasher?" before it is the other
        half of the jab. None when the highlight opens no follow-up or no short question stands right before it."""
        span = _span(doc, cue)
        if span is None or span.start == 0 or not written.hard_breaks[span.start - 1]:
            return None
        words = tuple(written.lowers[span.start : span.end])
        if not self._opens_follow_up(words):
            return None
        start, end = written.sentence_before(span.start)
        if start >= end or end >= len(doc) or doc[end].text != "?" or written.count(start, end) > MAX_WORDS:
            return None
        return doc[start].idx

    def _with_clause_ends(self, doc: Doc, text: str, written: _WrittenWords, cues: list[Cue]) -> list[Cue]:
        """A highlight that stops a word or two before its clause ends takes them: "You disgust" | "me", "oh look who
        finally" | "woke up", "cute that u think ur opinion" | "matters here" were half a jab.

        The clause ends at a sentence end, line break, comma or conjunction, and the words are taken only where they
        finish the phrase: not a new subject or its verb ("not my fault" | "she's upset"), the topic (what the rewrite
        keeps, as is the noun phrase after an absolute's behaviour), or only fillers, vocatives and names ("tbh",
        "mate", "Liam"); and only where no other highlight holds them or would join them across a break.
        """
        result = []
        for cue in cues:
            span = _span(doc, cue)
            end = self._clause_end_after(doc, written, span, cue.pattern, cues) if span is not None else None
            if end is not None:
                last = doc[end - 1]
                stop = last.idx + len(last.text)
                cue = replace(cue, end=stop, text=text[cue.start : stop])
            result.append(cue)
        return result

    def _clause_end_after(self, doc: Doc, written: _WrittenWords, span, pattern: str, cues: list[Cue]) -> int | None:
        """Where the clause ``span`` stops short of ends, if only words finishing its phrase lie between; else None."""
        first = span.end
        if first >= len(doc) or not doc[first - 1].whitespace_ or not has_word_character(doc[first - 1].text):
            return None
        words, hard, apart, message_lowers = self.words, written.hard_breaks, written.punct_or_space, written.lowers
        end = first
        while end < len(doc) and not (hard[end] or apart[end] or message_lowers[end] in words.soft_breaks):
            end += 1
            if written.count(first, end) >= SHORT_TAIL:
                return None
        if end < len(doc) and not (hard[end] or self._cuts(doc, end)):
            return None  # a quotation mark or a dash inside a word ("in-laws") ends no clause
        cut_short = end < len(doc) and doc[end].is_alpha  # at a conjunction
        lowers = message_lowers[first:end]
        if not lowers or lowers[0] in self.new_predicates or not self.topics.isdisjoint(lowers):
            return None
        if lowers[0] in words.clause_subjects and written.count(first, end) > 1:
            return None  # "you're so controlling" | "it's suffocating" is a clause of its own; "hear" | "it" is not
        if lowers[0] in words.noun_phrase_starts and any(t.lower_ in words.absolutes for t in span):
            return None  # the object an absolute's behaviour is about is the topic: "y do u always have to ruin" | "my bday"
        # The phrase ends before a filler, vocative or name ("idiot" | "la u", "loser behavior" | "tbh"), and one cut
        # short does not end on a word that opens what it cut off ("you were impossible in" | "Rome").
        end = next((i for i in range(first, end) if doc[i].lower_ in self.unfinishing), end)
        while end > first and not self._finishes(doc[end - 1]) and doc[end - 1].lower_ not in words.dangling:
            end, cut_short = end - 1, True
        while cut_short and end > first and self._opens(doc[end - 1]):
            end -= 1
        if not any(self._finishes(token) for token in doc[first:end]):
            return None
        start, stop = doc[first].idx, doc[end - 1].idx + len(doc[end - 1].text)
        for other in cues:
            if other.start < stop and start < other.end:
                return None
            gap = doc.text[stop : other.start]
            if other.pattern == pattern and other.start >= stop and len(gap) <= JOINABLE_GAP and not has_word_character(gap):
                return None  # it would join the next highlight across the comma or sentence end between them
        return end

    def _finishes(self, token) -> bool:
        """Whether ``token`` can finish a phrase: a word that is no interjection, filler, vocative or name ("ok",
        "tbh", "mate", "Liam"); an object or "this" does ("You disgust me", "I'm finished with this")."""
        lower, words = token.lower_, self.words
        if not has_word_character(token.text) or (token.is_title and lower != "i") or lower in self.unfinishing:
            return False
        return lower not in words.says_nothing_alone or lower in words.object_pronouns or lower in words.noun_phrase_starts

    def _with_completing_nouns(self, doc: Doc, text: str, written: _WrittenWords, cues: list[Cue]) -> list[Cue]:
        """A highlight that ends on a word right before a noun that completes its phrase ("the bad" | "guy") takes it,
        unless another highlight shows that noun."""
        result = []
        superlative = not self.words.superlatives.isdisjoint(written.present)
        for cue in cues:
            span = _span(doc, cue)
            noun = None if span is None else self._completing_noun_after(doc, span, cues, superlative)
            if noun is not None:
                after = doc[noun]
                end = after.idx + len(after.text)
                cue = replace(cue, end=end, text=text[cue.start : end])
            result.append(cue)
        return result

    def _completing_noun_after(self, doc: Doc, span, cues: list[Cue], superlative: bool) -> int | None:
        """The completing noun ``span`` stops before: right after it, or after a superlative's trait at most
        ``SUPERLATIVE_TRAIT_WORDS`` more words on ("the most forgetful" | "self absorbed person")."""
        if span.end < len(doc) and self._completed_by_next(doc, span.end, cues):
            return span.end
        listed = self._listed_noun_after(doc, span, cues)
        if listed is not None:
            return listed
        if not superlative or not any(t.lower_ in self.words.superlatives for t in doc[max(span.start, span.end - 2) : span.end]):
            return None
        for i in range(span.end, min(span.end + SUPERLATIVE_TRAIT_WORDS + 1, len(doc))):
            if self._completed_by_next(doc, i, cues):
                return i
            if not (doc[i].is_alpha or doc[i].text == "-") or doc[i].lower_ in self.words.soft_breaks:
                return None
        return None

    def _listed_noun_after(self, doc: Doc, span, cues: list[Cue]) -> int | None:
        """The completing noun after a list of traits that ``span`` opens after an article: "You're a selfish" | ", childish,
        lazy man" is one insult, cut at the comma it stops mid-list. A filler or vocative ends the list ("a liar, honestly
        man")."""
        if len(span) < 2 or span[-2].lower_ not in self.words.appositive_openers or not span[-1].is_alpha:
            return None
        i = span.end
        while i + 2 < len(doc) and doc[i].text in (",", "and") and doc[i + 1].is_alpha and doc[i + 1].lower_ not in self.unfinishing:
            if self._completed_by_next(doc, i + 2, cues):
                return i + 2
            i += 2
        return None

    def _completed_by_next(self, doc: Doc, i: int, cues: list[Cue]) -> bool:
        """Whether token ``i`` is a completing noun right after a word and a space, and no highlight holds it."""
        noun, last = doc[i], doc[i - 1]
        start, end = noun.idx, noun.idx + len(noun.text)
        return (
            noun.lower_ in self.words.completing_nouns
            and last.is_alpha
            and bool(last.whitespace_)
            and not any(other.start < end and start < other.end for other in cues)
        )

    def _with_measures(self, doc: Doc, text: str, written: _WrittenWords, cues: list[Cue]) -> list[Cue]:
        """A highlight that stops right before a degree word ("enough") takes it, and "for" and whom after it:
        "nothing I do is good" reads as self-pity, "nothing I do is good enough for you" is the defence. Not where
        another highlight holds those words."""
        if self.words.degree_words.isdisjoint(written.present):
            return cues  # read from the words first: most messages hold no degree word
        lowers = written.lowers
        result = list(cues)
        for k, cue in enumerate(cues):
            span = _span(doc, cue)
            if span is None or span.end >= len(doc) or lowers[span.end] not in self.words.degree_words or not doc[span.end - 1].is_alpha:
                continue
            right = span.end + 1
            if right + 1 < len(doc) and lowers[right] == "for" and lowers[right + 1] in self.words.object_pronouns:
                right += 2
            stop = doc[right - 1].idx + len(doc[right - 1].text)
            if _in_the_way(cues, cue, cue.end, stop):
                continue
            result[k] = _grown(cue, text, end=stop)
        return result

    def _with_partner_clauses(self, doc: Doc, text: str, written: _WrittenWords, cues: list[Cue]) -> list[Cue]:
        """A highlight right after a subordinator and the partner as its subject ("when you" | "grow up") is shown as its
        sentence: alone it reads as a command, "Do let me know when you grow up" is the jab. Up to ``MAX_WORDS`` words,
        only where no other highlight is in the sentence."""
        if self.words.partner_subordinators.isdisjoint(written.present) or self.partner_subjects.isdisjoint(written.present):
            return cues  # read from the words first: most messages hold neither
        lowers = written.lowers
        result = list(cues)
        for k, cue in enumerate(cues):
            span = _span(doc, cue)
            if (
                span is None
                or span.start < 2
                or lowers[span.start - 1] not in self.partner_subjects
                or lowers[span.start - 2] not in self.words.partner_subordinators
                or any(written.hard_breaks[span.start : span.end])
            ):
                continue
            start, end = written.sentence_start(span.start), written.sentence_end(span.end)
            end = next((i for i in range(span.end, end) if doc[i].is_punct and doc[i].lower_ in self.words.soft_breaks), end)
            if written.count(start, end) > MAX_WORDS:
                continue
            left, right = self._trim(doc, start, end, span.start - 2, span.end)
            first, stop = doc[left].idx, max(doc[right - 1].idx + len(doc[right - 1].text), cue.end)
            if _in_the_way(cues, cue, first, stop):
                continue
            result[k] = _grown(cue, text, first, stop)
        return result

    def _with_jabs(self, doc: Doc, text: str, written: _WrittenWords, cues: list[Cue]) -> list[Cue]:
        """A hollow opener shown alone ("Mm hm.", "Classic.", "Cute.") grown over the phrase that opens the next sentence.

        "Mm hm." says nothing; "Mm hm. And I'm the Queen of England" is the mockery.
        The opener is a sentence of at most ``HOLLOW_WORDS`` words, or hollow praise of one thing after an interjection
        ("Wow, nice article." | "It must have been very informative in 2011": alone it reads as sincere); the next
        sentence is taken up to its first comma (a longer one to its first conjunction too), and only where no
        highlight is in it already.
        """
        result = list(cues)
        for k, cue in enumerate(cues):
            if cue.pattern not in self.words.jab_patterns or cue.end - cue.start > PRAISE_CHARACTERS:
                continue  # read from the characters first: most highlights are longer than an opener
            span = _span(doc, cue)
            if span is None or not self._sentence(doc, span) or not self._hollow(_words(span), cue.end - cue.start):
                continue
            start, end = written.sentence_after(span.end)
            if start >= end or any(c.end > doc[start].idx and c.start < doc[end - 1].idx + len(doc[end - 1]) for c in cues):
                continue
            right = next((i for i in range(start + 1, end) if doc[i].lower_ in self.words.soft_breaks and not doc[i].is_alpha), end)
            if written.count(start, right) > MAX_WORDS:
                right = self._phrase_end(doc, written, start, start + 1, right)
            _, right = self._trim(doc, start, right, start, start + 1)
            stop = doc[right - 1].idx + len(doc[right - 1].text)
            result[k] = _grown(cue, text, end=stop)
        return result

    def _hollow(self, words: tuple[str, ...], characters: int) -> bool:
        """Whether a sentence of ``words`` says nothing of its own: hollow openers alone ("Mm hm.", "Classic."), or an
        interjection or two, hollow praise and the one thing praised ("Wow, nice article.", "Oh wow, great plan.")."""
        hollow = self.words.hollow_openers
        if len(words) <= HOLLOW_WORDS and characters <= HOLLOW_CHARACTERS:
            return all(w in hollow for w in words)
        nothing = self.words.says_nothing_alone
        praised = words[next((i for i, w in enumerate(words) if w not in nothing), len(words)) :]
        if len(praised) != 2 or len(praised) == len(words):
            return False  # no interjection, or more than praise and its thing ("I'm touched")
        praise, thing = praised
        return praise in hollow and thing.isalpha() and thing not in hollow

    def _with_what_is_labelled(self, doc: Doc, text: str, written: _WrittenWords, cues: list[Cue]) -> list[Cue]:
        """A label shown as a sentence of its own ("Typical you, Declan.") grown over the sentence after it.

        "Typical you" says only that something is typical; "Making it all about yourself again" is what. The label may
        be followed by a name or vocative in its sentence; the next sentence is taken up to ``MAX_WORDS`` words and only
        where no highlight is in it already. A label that opens a sentence going on past it is shown with the rest of
        that sentence instead ("Typical verbal diarrhea from a cucked sheep": "Typical" alone says nothing).
        """
        if not any(written.present.issuperset(label) for label in self.words.labels):
            return cues  # read from the words first: a highlight is a label only where all the label's words are
        result = list(cues)
        for k, cue in enumerate(cues):
            span = _span(doc, cue)
            if span is None or _words(span) not in self.words.labels:
                continue
            end = written.sentence_end(span.end)
            rest = [t for t in doc[span.end : end] if not (t.is_punct or t.is_space)]
            if len(rest) > 1 or any(not (t.is_title or t.lower_ in self.words.vocatives) for t in rest):
                start, right = span.start, end  # the label opens a sentence that says what is typical
                if written.sentence_start(span.start) != span.start or len(rest) < 2:
                    continue  # "that's so typical of you" is said of the rest; "Typical you, pet" names no more
            else:
                start, right = written.sentence_after(end)
            if start >= right or written.count(start, right) > MAX_WORDS:
                continue
            _, right = self._trim(doc, start, right, start, start + 1)
            stop = doc[right - 1].idx + len(doc[right - 1].text)
            if _in_the_way([c for c in cues if not (start == span.start and self._part_of_jab(c, cue))], cue, cue.end, stop):
                continue  # the label's own sentence may hold model words of its pattern: they point into it ("lazy")
            result[k] = _grown(cue, text, end=stop)
        return result

    def _with_what_is_left(self, doc: Doc, text: str, written: _WrittenWords, cues: list[Cue]) -> list[Cue]:
        """A withdrawal shown only as a sign-off sentence ("bye", "goodnight") grown back over the sentence before it.

        "bye" alone is how any chat ends; "i have zero social battery for this. bye" is the shutdown. The sentence
        before is taken up to ``MAX_WORDS`` words and only where no highlight is in it already.
        """
        if all(sign_off[0] not in written.present for sign_off in self.words.sign_offs):
            return cues  # read from the words first: most messages hold no sign-off
        result = list(cues)
        for k, cue in enumerate(cues):
            if cue.pattern not in self.words.withdrawal_patterns:
                continue
            span = _span(doc, cue)
            if span is None or _words(span) not in self.words.sign_offs or not self._sentence(doc, span):
                continue
            start, end = written.sentence_before(span.start)
            if start >= end or written.count(start, end) > MAX_WORDS:
                continue
            left, _ = self._trim(doc, start, span.end, span.start, span.end)
            if written.count(left, end) < 2 or _words(doc[left:end]) in self.words.courtesies | self.words.sign_offs:
                continue  # "ok. bye", "Thank you. good night": no reason said before it
            first = doc[left].idx
            if _in_the_way(cues, cue, first, cue.start):
                continue
            result[k] = _grown(cue, text, start=first)
        return result

    def _with_what_they_add_to(self, doc: Doc, text: str, written: _WrittenWords, cues: list[Cue]) -> list[Cue]:
        """A highlight that is only a short afterthought sentence ("Even the pharmacist.") grown back over the sentence
        it adds to ("You have to have the last word with everybody."): that sentence is the charge, the afterthought
        only widens it. Up to ``MAX_WORDS`` words and only where no highlight is in the sentence before already."""
        if all(opener[0] not in written.present for opener in self.words.afterthoughts):
            return cues  # read from the words first: most messages hold no afterthought opener
        lowers = written.lowers
        result = list(cues)
        for k, cue in enumerate(cues):
            span = _span(doc, cue)
            if span is None or not self._sentence(doc, span) or written.count(span.start, span.end) > AFTERTHOUGHT_WORDS:
                continue
            if not any(tuple(lowers[span.start : span.start + len(opener)]) == opener for opener in self.words.afterthoughts):
                continue
            start, end = written.sentence_before(span.start)
            if start >= end or written.count(start, end) > MAX_WORDS:
                continue
            left, _ = self._trim(doc, start, span.end, span.start, span.end)
            first = doc[left].idx
            if left >= end or _in_the_way(cues, cue, first, cue.start):
                continue
            result[k] = _grown(cue, text, start=first)
        return result

    def _without_echoes(self, doc: Doc, text: str, cues: list[Cue]) -> list[Cue]:
        """Without a bare cue or sign-off that is a sentence alone where its pattern has another highlight to say why.

        "every time" of "you never plan one thing for my days off. I plan all of it. every time" or "Goodnight" of "I
        don't want to talk about your father tonight. Goodnight." explains nothing alone; the criticism or the
        refusal is already shown. Kept where it is its pattern's only highlight, and where it joins the highlight
        before it ("done talking. bye" is shown whole).
        """
        echoes = [
            cue
            for cue in cues
            if (self._bare(doc, cue) or (cue.pattern in self.words.withdrawal_patterns and tuple(cue.text.lower().strip(".!? ").split()) in self.words.sign_offs))
            and (span := _span(doc, cue)) is not None
            and self._sentence(doc, span)
        ]
        if not echoes:
            return cues
        kept = [c for c in cues if not any(c is e for e in echoes)]
        dropped = [
            cue
            for cue in echoes
            if any(c.pattern == cue.pattern for c in kept) and not any(_touches(text, c, cue) for c in kept)
        ]
        return [c for c in cues if not any(c is d for d in dropped)]

    def _bare_clauses(self, doc: Doc, text: str, written: _WrittenWords, cues: list[Cue]) -> list[Cue]:
        """Rule cues that say only how often or open a question, shown as the rest of their clause no other highlight shows.

        "not once" of "you have not once rung to ask" or "who leaves" of "who leaves a
        gate open" is a fragment: the clause is the criticism. It is grown only after
        every other highlight is placed, so it never takes another pattern's words, and
        stays as it is where another pattern's highlight cuts its clause off mid-clause
        ("every time u open ur mouth something" | "dumb"), where its clause holds another
        highlight of its pattern ("You never read" ... ", not once"), or where it is a
        sentence alone ("Not once."). It starts at its own piece of a long clause, after
        the last comma before it. One set off by commas says how often the words
        before it happen ("you leave the gate unlatched, every single time,
        and then ..."): it is shown with them.
        """
        result = list(cues)
        for k, cue in enumerate(cues):
            if not self._bare(doc, cue):
                continue
            others = [c for c in result if c.pattern != cue.pattern]
            clause = self._from_own_piece(doc, text, written, cue, self._clause(doc, text, cue, others, written))
            if clause is not None and clause.start == cue.start:
                clause = self._with_words_before(doc, text, written, cue, others) or clause
            if (
                clause is None
                or self._against(doc, written, clause, others)
                or any(c is not cue and c.pattern == cue.pattern and not self._bare(doc, c) and _overlaps(c, clause) for c in result)
            ):
                continue
            result[k] = replace(cue, start=clause.start, end=clause.end, text=clause.text)
        return result

    def _over_other_patterns(
        self, doc: Doc, text: str, written: _WrittenWords, cues: list[Cue], shares: dict[str, list[float]]
    ) -> list[Cue]:
        """A bare cue still alone because another pattern's highlight sits in its clause, shown as that whole clause.

        "every time" of "every time i need you you're 'busy'" or "as usual" of "You're overreacting about the noise, as
        usual" explains nothing alone, and the other highlight ("you're 'busy'", "You're overreacting") is part of the one
        accusation: the clause is shown once, under the bare cue's pattern. The other pattern keeps a highlight: one of
        its others, else the clause that carries it best elsewhere ("I'm not tiptoeing round my own kitchen",
        ``_keeping``); where it has none, the bare cue stays as it is. A bare cue that is a sentence alone ("Not once.")
        echoes the one before and stays too.
        """
        if len(shares) < 2:
            return cues  # one flagged pattern: no other pattern's highlight is in the way
        result = list(cues)
        for cue in cues:
            if not self._bare(doc, cue) or (span := _span(doc, cue)) is None or self._sentence(doc, span):
                continue
            clause = self._from_own_piece(doc, text, written, cue, self._clause(doc, text, cue, [], written))
            if clause is not None and clause.start == cue.start:
                clause = self._with_words_before(doc, text, written, cue, []) or clause
            if clause is None:
                continue
            inside = [c for c in result if c.pattern != cue.pattern and _overlaps(c, clause)]
            if (
                not inside
                or not all(_within(c, clause) for c in inside)
                or any(c is not cue and c.pattern == cue.pattern and _overlaps(c, clause) for c in result)
            ):
                continue
            grown = replace(cue, start=clause.start, end=clause.end, text=clause.text)
            rest = [grown if c is cue else c for c in result if not any(c is other for other in inside)]
            result = self._keeping(doc, text, written, rest, {c.pattern for c in inside}, shares, apart_from=[grown]) or result
        return result

    def _with_excuses(self, doc: Doc, text: str, written: _WrittenWords, cues: list[Cue]) -> list[Cue]:
        """A defence that stops right before "because" shown with its excuse, up to the next break or highlight.

        "I only missed the call" says what was done; "because I was stuck at work" is
        the justification that makes it a defence. Only an excuse that follows with no
        comma counts: after a comma it is often a jab of its own ("..., because you're
        the perfect parent"). A defence that stops before "from" or "after" (``blame_openers``)
        runs on the same way where what follows names the partner: "I was exhausted" is the
        writer's own state, "from bending around YOUR schedule" the deflection.
        """
        starts: list[int] = []
        result = []
        for cue in cues:
            if cue.pattern not in self.words.excusing_patterns or not self._excuse_follows(text, cue):
                result.append(cue)
                continue
            span = _span(doc, cue)
            opener = doc[span.end].lower_ if span is not None and span.end < len(doc) else ""
            if (
                span is None
                or span.end + 1 >= len(doc)
                or (opener not in self.words.excuse_openers and opener not in self.words.blame_openers)
                or not doc[span.end - 1].whitespace_
            ):
                result.append(cue)
                continue
            starts = starts or sorted(other.start for c in cues if (other := _span(doc, c)) is not None)
            limit = next((s for s in starts if s >= span.end), len(doc))
            right = self._phrase_end(doc, written, span.end, span.end + 1, limit)
            _, right = self._trim(doc, span.start, right, span.start, span.end + 1)
            if opener not in self.words.excuse_openers and self.words.addressees.isdisjoint(written.lowers[span.end + 1 : right]):
                result.append(cue)  # "I was tired from work": the writer's own state, blaming no one
                continue
            end = doc[right - 1].idx + len(doc[right - 1].text)
            result.append(replace(cue, end=end, text=text[cue.start : end]) if right > span.end + 1 else cue)
        return result

    def _after_concessions(self, doc: Doc, text: str, written: _WrittenWords, cues: list[Cue]) -> list[Cue]:
        """A defence that opens with a concession, or a jab that opens with an offer the writer withholds, and stops
        before "but" shown as the clause after "but" instead.

        "Yes I came home late" and "I get that you're upset" grant the partner's point; the
        defence is what the writer says against it ("I was helping my cousin with his car",
        "keeping it to yourself doesn't hurt anyone"). Up to the next break or highlight and
        ``MAX_WORDS`` words, in the same sentence; else the highlight stays. "I'd explain the plan" only sets up the
        jab ("I doubt you'd follow it"): where that is shown already, under the set-up's pattern, the set-up is dropped.
        """
        if self.words.concession_turns.isdisjoint(written.present):
            return cues  # read from the words first: most messages turn on no "but"
        result: list[Cue | None] = list(cues)
        for k, cue in enumerate(cues):
            if (span := _span(doc, cue)) is None:
                continue
            conceded = cue.pattern in self.words.excusing_patterns and self._opens_with(span, self.words.concessions)
            offered = cue.pattern in self.words.jab_patterns and self._opens_with(span, self.words.withheld_offers)
            if not (conceded or offered):
                continue
            turn = span.end
            while turn < len(doc) and (doc[turn].is_punct and doc[turn].text == ","):
                turn += 1
            if turn + 1 >= len(doc) or doc[turn].lower_ not in self.words.concession_turns or written.hard_breaks[turn - 1]:
                continue
            first = turn + 1
            while first < len(doc) and written.punct_or_space[first]:
                first += 1
            if offered and first < len(doc) and any(c is not cue and c.pattern == cue.pattern and c.start == doc[first].idx for c in cues):
                result[k] = None  # the jab is shown already; the set-up adds nothing to it
                continue
            limit = min((s.start for c in cues if c is not cue and (s := _span(doc, c)) is not None and s.start >= first), default=len(doc))
            right = self._phrase_end(doc, written, first, first + 1, limit)
            _, right = self._trim(doc, first, right, first, first + 1)
            if right <= first + 1 or written.count(first, right) > MAX_WORDS:
                continue
            start, end = doc[first].idx, doc[right - 1].idx + len(doc[right - 1].text)
            if _in_the_way(cues, cue, start, end):
                continue
            result[k] = _grown(cue, text, start, end)
        return [c for c in result if c is not None]

    def _excuse_follows(self, text: str, cue: Cue) -> bool:
        """Whether a space and an excuse or blame opener follow ``cue`` in ``text``: read from the characters, as most cues have none."""
        after = text[cue.end : cue.end + EXCUSE_LOOKAHEAD]
        opener = after[1:].split(maxsplit=1)[:1]
        return after[:1] == " " and bool(opener) and (opener[0].lower() in self.words.excuse_openers or opener[0].lower() in self.words.blame_openers)

    def _own_words(self, doc: Doc, text: str, written: _WrittenWords, cues: list[Cue], shares: dict[str, list[float]]) -> list[Cue]:
        """A pattern whose only cues are the very words of another pattern's cues, shown on a clause of its own instead.

        "not my fault" is a deflection (defensiveness) that a withdrawal rule also
        matches; where the message withdraws elsewhere ("... bye"), that clause is the
        stonewalling, however little of the decision it carries, as long as it is apart
        from the shared words (another sentence, or past a comma or conjunction: "you're
        overreacting and I'm going to bed"). Where the shared words carry clearly more
        of this pattern than of the other (``CLEARLY_MORE``), or no such clause exists,
        the pattern keeps them. Where they carry about as much of both, and the other
        found them as its own model words beside other model words, the other keeps
        them: this pattern takes the clause that carries it best anywhere else, even
        the other's other words ("I've done nothing wrong here" stays the denial,
        "Spare me the crocodile tears" is then the withdrawal).
        """
        result = list(cues)
        for pattern in sorted({c.pattern for c in cues}, key=lambda p: min(_share(doc, c, shares) for c in cues if c.pattern == p)):
            own = [c for c in result if c.pattern == pattern]
            twins = [(c, o) for c in own for o in result if o.pattern != pattern and (o.start, o.end) == (c.start, c.end)]
            if not all(any(c is mine for mine, _ in twins) for c in own):
                continue
            if any(c.rule not in (WORDS_RULE, PHRASE_RULE) and o.rule in (WORDS_RULE, PHRASE_RULE) for c, o in twins):
                continue  # a rule cue keeps the words the other pattern only shares ("Why is it always my fault")
            if any(_share(doc, c, shares) > _share(doc, replace(c, pattern=o.pattern), shares) for c, o in twins):
                # A rule cue of the other's is another matter: "It wasn't my fault" stays the other's.
                losers = {o.pattern for _, o in twins}
                swappable = [c for c in result if c.pattern in losers and not any(c is twin for _, twin in twins)]
                if (
                    not swappable
                    or any(c.rule not in (WORDS_RULE, PHRASE_RULE) for c in swappable + [o for _, o in twins])
                    or any(_share(doc, c, shares) > CLEARLY_MORE * _share(doc, replace(c, pattern=o.pattern), shares) for c, o in twins)
                ):
                    continue
                taken = [c for c in result if not any(c is x for x in swappable)]
                elsewhere = self._elsewhere(doc, text, written, pattern, taken, shares, floor=0.0, apart_from=own)
                if elsewhere is not None:
                    result = [c for c in result if c.pattern != pattern and not _overlaps(c, elsewhere)] + [elsewhere]
                continue
            elsewhere = self._elsewhere(doc, text, written, pattern, result, shares, floor=0.0, apart_from=own)
            if elsewhere is not None:
                result = [c for c in result if c.pattern != pattern] + [elsewhere]
        return result

    def _saying_something(self, doc: Doc, text: str, written: _WrittenWords, cues: list[Cue], shares: dict[str, list[float]]) -> list[Cue]:
        """Highlights that still say nothing alone ("lol ok" before another pattern's cue) give way.

        Such a highlight is left out where its pattern has another one apart from it,
        else replaced by the clause that carries its pattern best (``_elsewhere``);
        with neither it stays, so a flagged pattern keeps a highlight.
        """
        spans = [doc.char_span(cue.start, cue.end, alignment_mode="expand") for cue in cues]
        empty = [cue for cue, span in zip(cues, spans) if span is not None and self._says_nothing(span)]
        result = list(cues)
        for cue in empty:
            others = [c for c in result if c is not cue]
            same = [c for c in others if c.pattern == cue.pattern]
            if any(_touches(text, c, cue) and c not in empty for c in same):
                continue  # read as part of it ("aw" + "did someone finally find")
            if same:
                result.remove(cue)
            else:
                elsewhere = self._elsewhere(doc, text, written, cue.pattern, others, shares)
                if elsewhere is not None:
                    result[result.index(cue)] = elsewhere
        return result

    def _where_read_best(self, doc: Doc, text: str, written: _WrittenWords, cues: list[Cue], shares: dict[str, list[float]]) -> list[Cue]:
        """An attack on the partner (``addressing_patterns``) shown only as one clause of model words that names no one
        is shown instead as the clause of its sentence that names the partner and carries clearly more of its decision
        (``READ_BEST``), where there is one.

        The strongest word decides where a clause is grown, but that can be the consequence or the writer's side of the
        sentence: "end up" grows into "it's the kids who end up paying for it", while "You'd forget your head if it
        wasn't screwed on" is the criticism; "i get nothing for hours" is the contrast, "why is it that u can answer the
        group chat in 2 secs" the complaint. Another sentence is another thought ("Irresponsible." stays itself).
        """
        addressees = self.words.addressees
        if addressees.isdisjoint(written.present):
            return cues  # read from the words first: an attack on the partner names them
        result = list(cues)
        for pattern in sorted(shares.keys() & self.words.addressing_patterns):
            own = [c for c in result if c.pattern == pattern]
            if len(own) != 1 or own[0].rule != PHRASE_RULE or (span := _span(doc, own[0])) is None or not addressees.isdisjoint(_words(span)):
                continue
            cue = own[0]
            elsewhere = self._elsewhere(doc, text, written, pattern, [c for c in result if c is not cue], shares)
            if (
                elsewhere is not None
                and not _overlaps(elsewhere, cue)
                and _same_sentence(_hard_breaks(doc), elsewhere, cue)
                and not addressees.isdisjoint(_words(_span(doc, elsewhere)))
                and _share(doc, elsewhere, shares) >= READ_BEST * _share(doc, cue, shares)
            ):
                result[result.index(cue)] = elsewhere
        return result

    def _as_written(self, doc: Doc, text: str, cues: list[Cue]) -> list[Cue]:
        """Cues that start inside a written word, grown back to its start; a negation with its subject.

        A rule matches "n't my fault" inside "wasn't my fault": a highlight never starts
        inside a word, and "It wasn't my fault" is the denial where "wasn't" alone leaves
        open what was not. (One that stops inside a word, "who does" of "who doesn't",
        is left open and closed as such: ``_close_phrases``.)
        """
        grown = []
        for cue in cues:
            span = doc.char_span(cue.start, cue.end, alignment_mode="expand")
            if span is None:
                grown.append(cue)
                continue
            first = span.start
            while first > 0 and _one_word(doc[first - 1], doc[first]):
                first -= 1
            if first < span.start and first > 0 and doc[first - 1].lower_ in self.words.negated_subjects and doc[first - 1].whitespace_:
                first -= 1  # "It wasn't my fault"
            start = min(cue.start, doc[first].idx)
            grown.append(cue if start == cue.start else replace(cue, start=start, text=text[start : cue.end]))
        return grown

    def _with_possessors(self, doc: Doc, text: str, written: _WrittenWords, cues: list[Cue]) -> list[Cue]:
        """A rule cue of one word after a possessive (at most ``POSSESSIVE_GAP`` words between) or "such a" (at most one),
        shown from it.

        "child" of "tell me more about my inner child" reads as a name for a child;
        "my inner child" is the phrase being mocked, as "my sweet summer child" is. "baby" of "Such a baby when you've
        got a cold" reads as endearment; "such a baby" is the insult.
        """
        grown = list(cues)
        for k, cue in enumerate(cues):
            if cue.rule in (WORDS_RULE, PHRASE_RULE) or not cue.text[:1].isalpha():
                continue
            span = doc.char_span(cue.start, cue.end, alignment_mode="expand")
            if span is None or len(span) != 1 or not span[0].is_alpha or span[0].is_stop:
                continue  # a name for someone ("child", "genius"), not "whatever" or an emoji
            # The nearest possessive or "such a" a few words back, with only words between ("my inner child", not
            # "my, child"); the words between a possessive and its name are its adjectives ("my sweet summer child").
            owner = next(
                (
                    i + 1 - len(lead)
                    for i in range(span.start - 1, span.start - 2 - POSSESSIVE_GAP, -1) if i >= 0
                    for lead in self.noun_leads.get(doc[i].lower_, ())
                    if i + 1 >= len(lead) and all(doc[i - j].lower_ == word for j, word in enumerate(reversed(lead)))
                    and (span.start - 1 - i <= 1 or (len(lead) == 1 and not any(t.is_stop for t in doc[i + 1 : span.start])))
                ),
                None,
            )
            if owner is None or not all(t.is_alpha and t.whitespace_ for t in doc[owner : span.start]):
                continue
            if doc[owner].lower_ not in self.words.possessives and (self._before_its_noun(written, span.end) or self._praises(doc, cue)):
                continue  # "such a" names someone ("such a baby"), not an adjective ("such a useless"); praise stays with what it praises
            start = doc[owner].idx
            if any(o is not cue and o.start < cue.start and start < o.end and (o.rule not in (WORDS_RULE, PHRASE_RULE) or o.pattern != cue.pattern) for o in cues):
                continue  # another cue's words; model words of its pattern in it ("you're such") read as part of the name
            grown[k] = replace(cue, start=start, text=text[start : cue.end])
        return grown

    def _names_with_their_leads(self, doc: Doc, text: str, written: _WrittenWords, cues: list[Cue]) -> list[Cue]:
        """A highlight that ends on the start of an insult lead ("ur such", "you're such") right before another pattern's
        one-word name after the lead's article ("a pig") gives those words to the name: "its all abt u n wat u want, ur
        such" is cut mid-insult and "pig" alone names no one; "its all abt u n wat u want" and "ur such a pig" each say
        theirs. Only where the first keeps words of its own."""
        if self.lead_starts.isdisjoint(written.present):
            return cues  # read from the words first: most messages hold no insult lead
        lowers = written.lowers
        result = list(cues)
        for k, cue in enumerate(cues):
            last = cue.text.rsplit(maxsplit=1)[-1:]
            if not last or last[0].lower() not in self.lead_starts:
                continue  # read from the characters first: most highlights end on no insult lead
            span = _span(doc, cue)
            if span is None or len(span) < 2 or lowers[span.end - 1] not in self.lead_starts or span.end + 1 >= len(doc):
                continue
            name = next((j for j, o in enumerate(result) if o.pattern != cue.pattern and (o_span := _span(doc, o)) is not None
                         and len(o_span) == 1 and o_span.start == span.end + 1), None)
            if name is None or (lowers[span.end - 1], lowers[span.end]) not in self.words.insult_leads:
                continue
            left = span.end - 1
            while left > span.start and (lowers[left - 1] in self.words.copulas or lowers[left - 1] in self.words.addressees):
                left -= 1  # "ur such", "you 're such": the name is said of them
            if written.count(span.start, left) < 2:
                continue
            keep_end = left
            while keep_end > span.start and written.punct_or_space[keep_end - 1]:
                keep_end -= 1
            stop = doc[keep_end - 1].idx + len(doc[keep_end - 1].text)
            first = doc[left].idx
            named = result[name]
            result[k] = replace(cue, end=stop, text=text[cue.start : stop])
            result[name] = _grown(named, text, start=first)
        return result

    def _before_its_noun(self, written: _WrittenWords, i: int) -> bool:
        """Whether token ``i`` goes on with the phrase before it: a word that is no function word, filler or new subject
        ("pathetic" | "excuse", not "baby" | "when")."""
        return i < len(written.lowers) and not written.punct_or_space[i] and written.lowers[i] not in self.name_ends

    def _close_phrases(self, doc: Doc, text: str, written: _WrittenWords, cues: list[Cue], shares: dict[str, list[float]]) -> list[Cue]:
        """Rule cues that stop on a word opening what follows (``_left_open``), grown to the end of their phrase.

        "I won't be", "i already said", "u r always", "maybe if you" and "I was going
        to" name the move but not what it is about; "I won't be discussing it again",
        "i already said id fix it", "u r always right" and "I was going to ring the
        garage today" do. The phrase ends at the clause's first comma or conjunction
        (``_breaks``), at another pattern's highlight, or after about ``MAX_WORDS`` words.
        Where the phrase ends on another pattern's model words ("I won't be" +
        "apologising for it"), it is shown once, for the pattern with the larger
        share of it, when the other pattern finds another highlight (``_elsewhere``).
        """
        closed: list[Cue | None] = list(cues)
        for k, cue in enumerate(cues):
            if cue.rule in (WORDS_RULE, PHRASE_RULE):
                continue
            span = doc.char_span(cue.start, cue.end, alignment_mode="expand")
            if span is None:
                continue
            if not self._left_open(doc, span) or self._says_nothing(span):
                continue  # what says nothing alone is shown as its clause ("ok but", "well YOU")
            conditional = any(t.lower_ in self.words.conditional_openers for t in span)
            # "maybe if you" is the counter-attack up to its main clause, whatever model words of another pattern it holds
            # ("so controlling"): they stay that pattern's evidence, inside the phrase. Only a rule cue stops it.
            blocker, limit = self._blocker(doc, cue, [c for c in cues if not conditional or c.rule not in (WORDS_RULE, PHRASE_RULE)])
            if limit < span.end:
                continue  # the words that would close it are another pattern's
            passing = self._passing(doc, span)
            right = self._open_phrase_end(doc, written, span, limit)
            if blocker is not None and right == limit and blocker.rule in (WORDS_RULE, PHRASE_RULE):
                rest = [c for c in cues if c is not cue and c is not blocker]
                further = [o.start for o in rest if o.pattern != cue.pattern and o.start >= blocker.end]
                beyond = doc.char_span(min(further), min(further) + 1, alignment_mode="expand").start if further else len(doc)
                blocker_end = doc.char_span(blocker.start, blocker.end, alignment_mode="expand").end
                whole_end = self._phrase_end(doc, written, span.start, blocker_end, beyond, passing)
                _, whole = self._trim(doc, span.start, whole_end, span.start, span.end)
                # A phrase cut short on the other pattern's word ("video games like" + "a 14 year old") stops before it.
                shared = None if whole < blocker_end else self._shared_phrase(
                    doc, text, written, replace(cue, end=doc[whole - 1].idx + len(doc[whole - 1].text)), blocker, rest, shares
                )
                if shared is not None:
                    closed[k], closed[cues.index(blocker)] = shared
                    phrase = shared[0]
                    rest_ids = {id(c) for c in rest}
                    for j, other in enumerate(closed):  # model words inside the phrase are shown by it
                        if id(other) in rest_ids and other.rule in (WORDS_RULE, PHRASE_RULE) and phrase.start <= other.start and other.end <= phrase.end:
                            closed[j] = None
                    continue
            closed[k] = self._ended(doc, text, cue, span, right)
        return [cue for cue in closed if cue is not None]

    def _closed(self, doc: Doc, text: str, written: _WrittenWords, cue: Cue, cues: list[Cue]) -> Cue:
        """Model words shown as they are, to the end of their phrase if they stop on a word that opens it.

        "let me" beside "wow such a gentleman" is "let me walk home alone at night".
        """
        span = doc.char_span(cue.start, cue.end, alignment_mode="expand")
        if span is None or not self._left_open(doc, span):
            return cue
        _, limit = self._blocker(doc, cue, cues)
        if limit < span.end:
            return cue
        ended = self._ended(doc, text, cue, span, self._open_phrase_end(doc, written, span, limit))
        return replace(ended, rule=_rule(ended)) if ended.end > cue.end else ended  # grown words are a phrase now

    def _blocker(self, doc: Doc, cue: Cue, cues: list[Cue]) -> tuple[Cue | None, int]:
        """The first cue of another pattern that ends after ``cue``, and the token a phrase from ``cue`` stops before."""
        others = [o for o in cues if o.pattern != cue.pattern and o.end > cue.end]
        blocker = min(others, key=lambda o: o.start) if others else None
        return blocker, doc.char_span(blocker.start, blocker.start + 1, alignment_mode="expand").start if blocker else len(doc)

    def _open_phrase_end(self, doc: Doc, written: _WrittenWords, span, limit: int) -> int:
        """The token after the phrase ``span`` leaves open, before ``limit``; after an absolute, before its topic."""
        passing = self._passing(doc, span)
        right = self._phrase_end(doc, written, span.start, span.end, limit, passing)
        if self._quantifies(doc, span):
            right = self._before_topic(doc, span, right)
            return right - 1 if doc[right - 1].lower_ in passing else right  # "wait until" | "the night before": the topic
        if any(t.lower_ in self.words.conditional_openers for t in span):
            return self._before_main_clause(doc, span, right)
        while right > span.end and written.lowers[right - 1] in self.asides_at_ends:
            right -= 1  # "You disgust me" | "honestly": a filler that opens or closes a sentence finishes no phrase
        return right

    def _before_main_clause(self, doc: Doc, span, right: int) -> int:
        """Where the clause "if" opens ends: before the main clause, a subject with a modal ("I wouldn't have").

        "maybe if you weren't so controlling about the thermostat" is the counter-attack;
        "I wouldn't have touched it" is what it excuses.
        """
        words = self.words
        return next(
            (
                i
                for i in range(span.end + 1, right - 1)
                if doc[i].lower_ in words.subject_pronouns and doc[i + 1].lower_ in words.main_clause_auxiliaries
            ),
            right,
        )

    def _quantifies(self, doc: Doc, span) -> bool:
        """Whether ``span`` ends on an absolute with a word after it: the behaviour it quantifies ("You always make ...").

        Not a verb that cannot follow it ("fighting with you constantly isn't helping").
        """
        if span is None or span.end >= len(doc) or doc[span.end - 1].lower_ not in self.words.absolutes:
            return False
        following = doc[span.end]
        return following.is_alpha and following.lower_ not in self.words.not_after_absolutes

    def _before_topic(self, doc: Doc, span, right: int) -> int:
        """Where the phrase an absolute opens ends: before the topic's noun phrase, if one comes before ``right``.

        The topic (the dishes, the kids) is what a rewrite keeps, not what went wrong:
        "You never help with the dishes" is shown as "You never help". An infinitive
        or place that leads into the topic goes with it ("You ALWAYS forget to pick up
        the kids" is "You ALWAYS forget", "taken my side in front of your mother" is
        "taken my side"), but not "to" after a verb that takes it ("y do u always have
        to ruin"). Where only the topic follows, it is what the absolute is about
        and is shown ("u r always on ur phone"), as it is inside a question the behaviour asks ("You never once asked
        how my mother's surgery went").
        """
        starts = (self._topic_phrase_start(doc, span.end, i) for i in range(span.end, right))
        start = next((s for s in starts if s is not None), None)
        if start is None or not any(t.is_alpha and not self._opens(t) for t in doc[span.end : start]):
            return right
        if start > 1 and (doc[start - 2].lower_, doc[start - 1].lower_) in self.words.asked_questions:
            return right  # "never asked how" | "my mother's surgery went": the question is what was not done
        _, right = self._trim(doc, span.start, start, span.start, span.end, particles=False)  # "clean up" the kitchen
        lead_in = next((i for i in range(right - 1, span.end - 1, -1) if doc[i].lower_ in self.words.topic_lead_ins), None)
        if lead_in is None or right - lead_in > TOPIC_LEAD_IN_WORDS or doc[lead_in - 1].lower_ in self.words.infinitive_takers:
            return right
        return lead_in

    def _topic_phrase_start(self, doc: Doc, first: int, i: int) -> int | None:
        """Where the noun phrase of a topic word at token ``i`` starts, from token ``first`` on; None if it is no topic.

        A topic is named with "the" or a possessive ("the dishes", "your mother's opinion"): "text", "late" or "a fight"
        after an absolute are the behaviour ("you never text me back").
        """
        if doc[i].norm_ not in self.topics:
            return None
        for j in range(i - 1, max(first, i - NOUN_PHRASE_LEAD) - 1, -1):
            if doc[j].lower_ in self.words.noun_phrase_starts:
                return j
            if not doc[j].is_alpha or doc[j].lower_ in self.words.dangling:
                return None  # "sat with her for homework": "her" is no possessive of it
        return None

    def _passing(self, doc: Doc, span) -> frozenset[str]:
        """The conjunctions a phrase from ``span`` runs over: what "only" restricts may be a clause ("when you need something"),
        as may the behaviour an absolute quantifies, where the clause follows its verb ("u never think" | "before u speak"):
        cut there, the charge is lost."""
        if self._restricts(doc, span):
            return self.words.restricted_clauses
        after_verb = span.end + 1
        if self._quantifies(doc, span) and after_verb < len(doc) and doc[after_verb].lower_ in self.words.restricted_clauses:
            return frozenset({doc[after_verb].lower_})
        return frozenset()

    def _ended(self, doc: Doc, text: str, cue: Cue, span, right: int) -> Cue:
        """``cue`` to the end of the phrase that stops before token ``right``, without what it cut off.

        An absolute's phrase keeps a particle ("you never clean up" before the topic).
        """
        _, right = self._trim(doc, span.start, right, span.start, span.end, particles=not self._quantifies(doc, span))
        end = doc[right - 1].idx + len(doc[right - 1].text)
        return replace(cue, end=end, text=text[cue.start : end]) if end > cue.end else cue

    def _left_open(self, doc: Doc, span) -> bool:
        """Whether highlighted words stop before the words that carry them, so they are shown to the end of their phrase.

        It ends on a word that opens what follows: a pronoun, an auxiliary, "to",
        "if", "like", a possessive, a preposition or an adjective before its noun
        ("maybe if you", "I was going to", "it's not like I", "your little"); on a
        verb that needs its complement, after an adverb or not ("i never said", "u r
        always", "you can't even"); before "of" ("you're incapable" of what); just after "only" ("You only ever call"); or it is
        the subject of a comparison ("even the cat"). An absolute that opens a
        criticism is complete ("You never", "why do you ALWAYS"), and an object pronoun
        followed by a subject is the end of its clause ("what is wrong with you you told").
        """
        words = self.words
        last = span.end - 1
        if self._quantifies(doc, span) or self._compares(doc, span):
            return True
        if doc[last].lower_ in words.object_pronouns:
            following = next((t for t in doc[span.end :] if not t.is_space), None)
            return following is None or following.lower_ not in words.subject_pronouns
        if self._opens(doc[last]) or self._restricts(doc, span) or self._complement_follows(doc, span):
            return True
        while last > span.start and doc[last].lower_ in words.open_adverbs:
            last -= 1
        return doc[last].lower_ in words.open_endings

    def _complement_follows(self, doc: Doc, span) -> bool:
        """Whether the word right after ``span`` opens its complement ("you're incapable" | "of switching off"): a trait
        without what it is about overstates the charge."""
        return span.end < len(doc) and span[-1].is_alpha and bool(span[-1].whitespace_) and doc[span.end].lower_ in self.words.complement_openers

    def _compares(self, doc: Doc, span) -> bool:
        """Whether ``span`` is the subject of a comparison insult with its predicate after it ("even the cat" listens to me more than you do)."""
        return span.end < len(doc) and span[0].lower_ in self.words.comparison_subjects and doc[span.end].is_alpha

    def _opens(self, token) -> bool:
        """Whether ``token`` opens what follows, as typed or as read ("gonna" is "gon" + "na", read "going to"; "wat")."""
        return token.lower_ in self.words.openers or token.norm_ in self.words.openers

    def _restricts(self, doc: Doc, span) -> bool:
        """Whether ``span`` ends at most two words after "only": what it restricts follows ("u only care")."""
        return any(t.lower_ in self.words.restrictive_adverbs for t in doc[max(span.start, span.end - RESTRICTED_WORDS) : span.end])

    def _phrase_end(self, doc: Doc, written: _WrittenWords, start: int, right: int, limit: int, passing: frozenset[str] = frozenset()) -> int:
        """The token after a phrase from ``right`` on: before ``limit``, a break, or ``MAX_WORDS`` words from ``start``.

        ``passing``: conjunctions that do not break it ("when" after "You only ever call").
        """
        while right < limit and not self._breaks(doc, right, passing) and written.count(start, right + 1) <= MAX_WORDS:
            right += 1
        # A few words left before the break are kept rather than cut off ("when there's something in it for you").
        rest = right
        while rest < limit and not self._breaks(doc, rest, passing) and written.count(right, rest + 1) <= SHORT_TAIL:
            rest += 1
        return rest if rest == limit or self._breaks(doc, rest, passing) else right

    def _plain_breaks(self, doc: Doc, written: "_WrittenWords") -> list[bool]:
        """``_breaks`` with no conjunction passing, for every token of the message."""
        hard, lowers, soft = written.hard_breaks, written.lowers, self.words.soft_breaks  # most tokens are neither
        return written.per_token("breaks", lambda i: hard[i] or (lowers[i] in soft and self._breaks(doc, i, frozenset())))

    def _breaks(self, doc: Doc, i: int, passing: frozenset[str]) -> bool:
        """Whether a phrase ends before token ``i``: a sentence end, a comma or a conjunction not in ``passing``.

        A conjunction right after a word that opens what follows is its complement:
        "so" in "have to be so controlling", "weren't so obsessed", "always so needy" or "you're SO busy"; a dash inside a
        word ("full-time") is no break.
        """
        token = doc[i]
        if self._hard_break(token):
            return True
        if token.lower_ not in self.words.soft_breaks or token.lower_ in passing or (i and not doc[i - 1].whitespace_ and not token.whitespace_):
            return False
        before = doc[i - 1].lower_ if i else ""
        if self._intensifies(doc, i):
            return False
        if before in self.words.exceptive_after and token.lower_ in self.words.exceptive_conjunctions:
            return False  # "anyone but yourself": an exception, not a new clause
        if self._pairs_words(doc, i):
            return False  # "Mum and Dad,": two words of one phrase
        if before in self.words.binding_adverbs and token.lower_ in self.words.restricted_clauses:
            return False  # "right when things get hard": when it happens, not a new clause
        return not token.is_alpha or before not in self.words.openers or before in self.words.object_pronouns

    def _shared_phrase(
        self, doc: Doc, text: str, written: _WrittenWords, cue: Cue, blocker: Cue, rest: list[Cue], shares: dict[str, list[float]]
    ) -> tuple[Cue, Cue | None] | None:
        """A rule cue's closed phrase (``cue``, grown past ``blocker``) shown once, and the other pattern's highlight.

        The pattern with the larger share of the whole phrase keeps it; the other keeps
        its other highlights or finds one elsewhere; None when it would have none.
        """
        phrase = replace(cue, text=text[cue.start : cue.end])
        keeper, loser = sorted((cue, blocker), key=lambda c: -_share(doc, replace(phrase, pattern=c.pattern), shares))
        phrase = replace(phrase, pattern=keeper.pattern, rule=keeper.rule)
        if any(c.pattern == loser.pattern and not (phrase.start <= c.start and c.end <= phrase.end) for c in rest):
            return phrase, None  # its words inside the phrase are shown by it: they do not count
        elsewhere = self._elsewhere(doc, text, written, loser.pattern, [phrase, *rest], shares)
        return None if elsewhere is None else (phrase, elsewhere)

    def _elsewhere(
        self, doc: Doc, text: str, written: _WrittenWords, pattern: str, taken: list[Cue], shares: dict[str, list[float]],
        floor: float = MIN_SHARE, apart_from: list[Cue] = (),
    ) -> Cue | None:
        """The clause outside ``taken`` that carries most of ``pattern``'s decision, if it carries at least ``floor``.

        Where a pattern gives its words up to another, it is shown where it is read
        best instead ("me??" when "you're the one who never plans anything" is criticism).
        ``apart_from``: cues the clause must not run on from (the rest of their sentence with no break between).
        """
        per_token = shares.get(pattern)
        if per_token is None:
            return None
        best, best_share = None, max(floor, np.nextafter(0.0, 1.0))
        tried: set[tuple[int, int]] = set()
        for token in doc:
            start, end = token.idx, token.idx + len(token.text)
            if (
                per_token[token.i] <= 0
                or token.is_punct
                or token.is_space
                or token.lower_ in self.words.dangling
                or any(t.start < end and start < t.end for t in taken)
            ):
                continue
            clause = self._clause(doc, text, Cue(start, end, token.text, pattern, PHRASE_RULE), taken, written)
            if clause is None or (clause.start, clause.end) in tried or any(_overlaps(clause, t) for t in taken):
                continue
            clause_span = doc.char_span(clause.start, clause.end, alignment_mode="expand")
            if written.count(clause_span.start, clause_span.end) < MIN_ELSEWHERE_WORDS and not self._sentence(doc, clause_span):
                continue  # the rest of a clause another highlight took ("to do"), not a clause of its own
            if self._says_nothing(clause_span):
                continue  # "me??" or "lol" is not a clause of its own
            if any(self._runs_on(doc, written, cue, clause_span) for cue in apart_from):
                continue
            tried.add((clause.start, clause.end))
            share = _share(doc, clause, shares)
            if share >= best_share:
                best, best_share = clause, share
        return best

    def _from_own_piece(self, doc: Doc, text: str, written: _WrittenWords, cue: Cue, clause: Cue | None) -> Cue | None:
        """``clause`` from the last comma (or dash, colon) before ``cue`` on: a long clause's pieces before it are other
        thoughts ("about your dad," of "about your dad, and every time you just get stubborn"); a conjunction alone may
        join words, not thoughts ("filthy and starving every time")."""
        span, clause_span = _span(doc, cue), None if clause is None else _span(doc, clause)
        if span is None or clause_span is None:
            return clause
        breaks = self._plain_breaks(doc, written)
        cut = next((i for i in range(span.start - 1, clause_span.start - 1, -1) if breaks[i] and doc[i].is_punct), None)
        if cut is None:
            return clause
        left, _ = self._trim(doc, cut + 1, clause_span.end, span.start, span.end)
        start = doc[left].idx
        return replace(clause, start=start, text=text[start : clause.end])

    def _with_words_before(self, doc: Doc, text: str, written: _WrittenWords, cue: Cue, others: list[Cue]) -> Cue | None:
        """``cue`` set off by a comma before it and a break after it, shown from the start of the clause before the comma."""
        span = _span(doc, cue)
        breaks = self._plain_breaks(doc, written)
        if span is None or span.start < 2 or doc[span.start - 1].text != "," or not (span.end == len(doc) or breaks[span.end]):
            return None
        word = doc[span.start - 2]
        if word.is_punct or word.is_space:
            return None
        lead = self._clause(doc, text, Cue(word.idx, word.idx + len(word.text), word.text, cue.pattern, cue.rule), others, written)
        if lead is None or lead.start >= cue.start:
            return None
        return replace(cue, start=lead.start, text=text[lead.start : cue.end])

    def _against(self, doc: Doc, written: _WrittenWords, clause: Cue, others: list[Cue]) -> bool:
        """Whether another pattern's cue cuts ``clause`` off mid-clause: no break between them."""
        span = _span(doc, clause)
        return span is not None and any(self._runs_on(doc, written, other, span) for other in others)

    def _runs_on(self, doc: Doc, written: _WrittenWords, cue: Cue, span) -> bool:
        """Whether ``span`` continues ``cue``'s clause: no sentence end, line break, comma or conjunction between them."""
        cue_span = _span(doc, cue)
        if cue_span is None:
            return False
        low, high = (cue_span.end, span.start) if cue_span.end <= span.start else (span.end, cue_span.start)
        breaks = self._plain_breaks(doc, written)
        return not any(breaks[i] for i in range(low, high))

    def _one_pattern_each(
        self, doc: Doc, text: str, written: _WrittenWords, clauses: list[Cue], origins: list[list[Cue]], shown: list[Cue],
        shares: dict[str, list[float]],
    ) -> list[Cue]:
        """Overlapping clauses of two patterns: the one with the larger share of the decision there keeps it.

        Where the weaker pattern would be left with no highlight, it is shown where
        it is read best outside the clause (``_elsewhere``); failing that, it keeps the
        clause where the other pattern has another highlight, or each keeps its side of
        the comma or conjunction between their evidence (``_split``); failing that, it is shown
        as the evidence it was grown from ("Oh please" before "like you've never
        forgotten a bill"), and where that evidence lies inside the other's clause,
        both are ("Oh here's" and "Saint"), so each keeps its own.
        """
        result = list(zip(clauses, origins))
        reverted: list[Cue] = []

        def claim(pair: tuple[Cue, list[Cue]]) -> tuple[bool, float]:
            """Model words that are only fillers ("honestly") give no claim to a clause; then the larger share wins.

            A rule cue that says nothing alone ("lol ok") or a title ("Mr") marks its pattern and claims its clause.
            """
            clause, origin = pair
            empty = all(o.rule in (WORDS_RULE, PHRASE_RULE) and (span := _span(doc, o)) is not None and self._only_fillers(_words(span)) for o in origin)
            return not empty, _share(doc, clause, shares)

        for clause, origin in sorted(result, key=claim):
            if (clause, origin) not in result:
                continue
            rivals = [(c, o) for c, o in result if c.pattern != clause.pattern and _overlaps(c, clause)]
            if not any(claim(rival) >= claim((clause, origin)) for rival in rivals):
                continue
            result.remove((clause, origin))
            if not any(c.pattern == clause.pattern for c in shown + reverted + [c for c, _ in result]):
                elsewhere = self._elsewhere(doc, text, written, clause.pattern, shown + reverted + [c for c, _ in result], shares)
                if elsewhere is not None:
                    reverted.append(elsewhere)
                    continue
                if len(rivals) == 1:
                    (rival, rival_origin), = rivals
                    if any(c.pattern == rival.pattern and not _overlaps(c, clause) for c in shown + reverted + [c for c, _ in result]):
                        result[result.index((rival, rival_origin))] = (clause, origin)  # the other is shown elsewhere
                        continue
                    split = self._split(doc, text, written, (clause, origin), (rival, rival_origin))
                    if split is not None:
                        result[result.index((rival, rival_origin))] = (split[1], rival_origin)
                        result.append((split[0], origin))
                        continue
                if any(_overlaps(o, c) for o in origin for c, _ in rivals):
                    opening = self._opening(doc, text, written, clause.pattern, rivals[0][0])
                    if opening is not None:
                        reverted.append(opening)
                        continue
                    # Model words left open are shown to the end of their phrase ("your little essay"), then kept as rule cues
                    # are, where the other pattern keeps the words it was grown from ("not reading").
                    closed = [self._closed(doc, text, written, o, shown) if o.rule in (WORDS_RULE, PHRASE_RULE) else o for o in origin]
                    rest = [self._beside(doc, text, c, closed) for c, _ in rivals]
                    if (
                        all(r is not None for r in rest)
                        and all(o.rule not in (WORDS_RULE, PHRASE_RULE) or c != o for o, c in zip(origin, closed))
                        and all(o.rule not in (WORDS_RULE, PHRASE_RULE) or any(_within(e, r) for e in rival_origin)
                                for o, r, (_, rival_origin) in zip(origin, rest, rivals))
                    ):
                        for (rival, rival_origin), narrower in zip(rivals, rest):
                            result[result.index((rival, rival_origin))] = (narrower, rival_origin)
                        reverted.extend(closed)
                        continue
                    for rival in rivals:
                        result.remove(rival)
                        reverted.extend(rival[1])
                reverted.extend(origin)
        return [c for c, _ in result] + reverted

    def _split(
        self, doc: Doc, text: str, written: _WrittenWords, ours: tuple[Cue, list[Cue]], theirs: tuple[Cue, list[Cue]]
    ) -> tuple[Cue, Cue] | None:
        """Two patterns' overlapping clauses cut at the comma, conjunction or "if" between their evidence: each keeps its side.

        "I did nothing wrong and I'm done talking about it" is a denial and a
        withdrawal; "it was a joke, not talking about it anymore" too; "maybe I'd help
        more" a counter-blame and "if you weren't so controlling" a criticism. Each clause is
        given with the evidence it was grown from; None when their evidence interleaves,
        nothing cuts between it, or a side would say nothing alone.
        """
        (clause, origin), (rival, rival_origin) = ours, theirs
        ranges = [[_span(doc, c) for c in cues] for cues in (origin, rival_origin)]
        outer = [_span(doc, clause), _span(doc, rival)]
        if any(s is None for s in outer) or any(s is None for spans in ranges for s in spans):
            return None
        (low, high), (rival_low, rival_high) = [(min(s.start for s in spans), max(s.end for s in spans)) for spans in ranges]
        if high <= rival_low:
            gap, (first_evidence, first_cue), (second_evidence, second_cue) = range(high, rival_low), ((low, high), clause), ((rival_low, rival_high), rival)
        elif rival_high <= low:
            gap, (first_evidence, first_cue), (second_evidence, second_cue) = range(rival_high, low), ((rival_low, rival_high), rival), ((low, high), clause)
        else:
            return None
        breaks = self._plain_breaks(doc, written)
        cut = next((i for i in reversed(gap) if breaks[i] or doc[i].lower_ in self.words.conditional_openers), None)
        if cut is None:
            return None
        left, right = min(s.start for s in outer), max(s.end for s in outer)
        pieces = []
        for (start, stop), (evidence_start, evidence_end), cue in (
            ((left, cut), first_evidence, first_cue),
            ((cut + 1 if doc[cut].is_punct else cut, right), second_evidence, second_cue),
        ):
            start, stop = self._trim(doc, min(start, evidence_start), max(stop, evidence_end), evidence_start, evidence_end)
            if start >= stop or self._says_nothing(doc[start:stop]):
                return None
            first_char, end_char = doc[start].idx, doc[stop - 1].idx + len(doc[stop - 1].text)
            pieces.append(replace(cue, start=first_char, end=end_char, text=text[first_char:end_char]))
        return (pieces[0], pieces[1]) if first_cue is clause else (pieces[1], pieces[0])

    def _beside(self, doc: Doc, text: str, clause: Cue, evidence: list[Cue]) -> Cue | None:
        """``clause`` without the rule cue ``evidence`` that opens or closes it, if the rest still says something.

        "Oh please" keeps its words and "like you've never forgotten a bill" the rest
        of the clause both were grown to.
        """
        span = doc.char_span(clause.start, clause.end, alignment_mode="expand")
        inner = [doc.char_span(e.start, e.end, alignment_mode="expand") for e in evidence]
        if span is None or any(e is None for e in inner):
            return None
        left, right = span.start, span.end
        if min(e.start for e in inner) <= left:
            left = max(e.end for e in inner)
        elif max(e.end for e in inner) >= right:
            right = min(e.start for e in inner)
        else:
            return None
        while left < right and (doc[left].is_punct or doc[left].is_space):
            left += 1
        if left >= right:
            return None
        left, right = self._trim(doc, left, right, left, left + 1)
        if self._says_nothing(doc[left:right]):
            return None
        start, end = doc[left].idx, doc[right - 1].idx + len(doc[right - 1].text)
        return replace(clause, start=start, end=end, text=text[start:end])

    def _opening(self, doc: Doc, text: str, written: _WrittenWords, pattern: str, clause: Cue) -> Cue | None:
        """The words that open ``clause`` before its first telling one, with what says nothing just before, for ``pattern``.

        "me?? you're the one who never plans anything" is a counter-attack and a
        criticism in one clause: the criticism keeps the clause, the defence is
        its turn ("me?? you're the one who"), where highlights give it the shared
        words. None when nothing is before the clause, or the opening is shorter than
        ``MIN_ELSEWHERE_WORDS`` words or is the whole clause.
        """
        span = doc.char_span(clause.start, clause.end, alignment_mode="expand")
        if span is None:
            return None
        empty = self.words.says_nothing_alone | self.words.dangling
        right = span.start
        while right < span.end and (doc[right].is_punct or doc[right].lower_ in empty):
            right += 1
        left = span.start
        while left > 0 and "\n" not in doc[left - 1].text and (doc[left - 1].is_punct or doc[left - 1].is_space or doc[left - 1].lower_ in empty):
            left -= 1
        while left < right and (doc[left].is_punct or doc[left].is_space):
            left += 1
        if left == span.start or right == span.end or written.count(left, right) < MIN_ELSEWHERE_WORDS:
            return None  # highlights give the shared words to the one that starts first
        start, end = doc[left].idx, doc[right - 1].idx + len(doc[right - 1].text)
        return Cue(start, end, text[start:end], pattern, PHRASE_RULE)

    def _growable(self, doc: Doc, cue: Cue) -> bool:
        if cue.rule in (WORDS_RULE, PHRASE_RULE, ATTACK_RULE):
            return True
        span = doc.char_span(cue.start, cue.end, alignment_mode="expand")
        return span is not None and self._says_nothing(span)

    def _bare(self, doc: Doc, cue: Cue) -> bool:
        """Whether ``cue`` is a rule cue that says only how often or opens a question ("not once", "who leaves")."""
        first = cue.text.split(maxsplit=1)[:1]
        if cue.rule in (WORDS_RULE, PHRASE_RULE) or not first or first[0].lower().rstrip(".!?,") not in self.bare_starts:
            return False  # read from the characters first: most cues are no bare cue
        span = _span(doc, cue)
        return span is not None and _words(span) in self.words.bare_cues

    def _says_nothing(self, tokens) -> bool:
        """Whether these tokens need their sentence: a lone marker, a vocative, or only interjections, pronouns and fillers.

        "oh please", "ok but", "me??" or "because of you" name no behaviour, nor does "sweetheart" of "Keep telling
        yourself that, sweetheart" (the jab is what it is said with); an emoji
        ("🙄") is a gesture and does, but praise alone ("Congrats", "👏", "parade") reads
        as sincere (``_praises``).
        """
        first = next((t.lower_ for t in tokens if not (t.is_punct or t.is_space)), None)
        if first not in self.nothing_starts:
            return False  # read from the first word: most highlights start with one that says something
        words = _words(tokens)
        marker = words
        while len(marker) > 1 and marker[0] in self.words.says_nothing_alone:
            marker = marker[1:]  # "ok hold on" is "hold on"
        if words in self.words.lone_markers or marker in self.words.lone_markers or words in self.words.mock_praise:
            return True
        if len(words) == 1 and words[0] in self.words.vocatives and self._addresses(tokens):
            return True
        return self._only_fillers(words)

    def _addresses(self, tokens) -> bool:
        """Whether a one-word vocative ("sweetheart", "baby") is said to someone, not of something: set off by
        punctuation or the message's start or end ("Keep telling yourself that, sweetheart."), with no determiner or
        possessive before it ("the baby,", "such a fucking baby about")."""
        words = [t for t in tokens if not (t.is_punct or t.is_space)]
        if not words:
            return False
        doc, first, last = tokens.doc, words[0].i, words[-1].i
        before = doc[first - 1] if first else None
        after = doc[last + 1] if last + 1 < len(doc) else None
        if before is not None and before.lower_ in self.words.dangling:
            return False
        return before is None or before.is_punct or after is None or after.is_punct

    def _only_fillers(self, words: tuple[str, ...]) -> bool:
        """Whether ``words`` are only interjections, pronouns and fillers ("oh please", "honestly"), a dangling end aside."""
        while len(words) > 1 and words[-1] in self.words.dangling:
            words = words[:-1]  # a highlight never ends on "were" or "the" ("oh right you were")
        return bool(words) and all(w in self.words.says_nothing_alone for w in words)

    def _praises(self, doc: Doc, cue: Cue) -> bool:
        """Whether ``cue`` is only praise ("Congrats", "👏", "parade").

        The mockery is in what it praises, so its clause is shown even where it holds
        another cue of the pattern ("slow clap for the man who finally learned which
        day the trash runs").
        """
        span = doc.char_span(cue.start, cue.end, alignment_mode="expand")
        return span is not None and _words(span) in self.words.mock_praise

    def _clause(self, doc: Doc, text: str, cue: Cue, others: list[Cue], written: _WrittenWords) -> Cue | None:
        """The clause around ``cue`` (a Cue of the same pattern), or None when another pattern's cue is in the way."""
        span = doc.char_span(cue.start, cue.end, alignment_mode="expand")
        if span is None or any(_overlaps(other, cue) for other in others):
            return None
        first, end = span.start, span.end
        left, right = first, end
        floor, ceiling = max(0, first - CLAUSE_REACH), min(len(doc), end + CLAUSE_REACH)
        hard = written.hard_breaks
        while left > floor and not hard[left - 1]:
            left -= 1
        while right < ceiling and not hard[right]:
            right += 1
        if right < ceiling and _pause(doc[right].text):
            # "too much... SUBTLETY.": a pause before a word or two that end the thought is no sentence end.
            after, stop = written.sentence_after(right)
            if after < stop and written.count(after, stop) <= PUNCHLINE_WORDS and written.count(left, stop) <= MAX_WORDS:
                right = stop
        run_left, run_right = written.one_word_run(left, right)
        # "every. single. morning." is one phrase, a quantifier of what the next sentence says.
        quantifies = (run_left, run_right) != (left, right) and doc[run_left].lower_ in self.words.emphatic_quantifiers
        if quantifies:
            left, right = run_left, run_right
        if (written.count(first, end) == written.count(left, right) and not self._bare(doc, cue)) or quantifies:
            # A marker that is a sentence alone ("Wow.") is read with the next one ("Wow. Groundbreaking."),
            # a last one that says nothing alone with the one before ('so ur "working late" again. sure.').
            after, stop = written.sentence_after(right)
            begin, before = written.sentence_before(left)
            if after < stop and written.count(left, stop) <= MAX_WORDS:
                right = stop
            elif after == len(doc) and begin < before and written.count(begin, right) <= MAX_WORDS and self._says_nothing(doc[first:end]):
                left = begin
        # Another pattern's complete cue stays its own: the clause stops before it, at a comma or conjunction between
        # them if there is one. It starts at the piece of its evidence ("I've explained" | "myself once, I'm not doing
        # it again") and runs up to the other cue's piece ("so holy on Sunday" | "and so useless by Monday").
        breaks = self._plain_breaks(doc, written) if others else []
        for other in others:
            other_span = doc.char_span(other.start, other.end, alignment_mode="expand")
            if other_span is None:
                continue
            if left < other_span.end <= first:
                left = other_span.end
                cut = next((i for i in range(first - 1, left - 1, -1) if breaks[i]), None)
                if cut is not None:
                    left = cut + 1 if doc[cut].is_punct else cut
                elif left < first and self._says_nothing(span):
                    # The other pattern's phrase goes on up to a filler ("you're impossible to talk" | "to when you get
                    # like this"): the rest of that phrase is no clause of this pattern.
                    return None
            elif end <= other_span.start < right:
                right = other_span.start
                right = next((i for i in range(right - 1, end - 1, -1) if breaks[i]), right)
        left, right = self._fit(doc, written, left, right, first, end)
        left, right = self._trim(doc, left, right, first, end)
        start_char, end_char = doc[left].idx, doc[right - 1].idx + len(doc[right - 1].text)
        return Cue(start_char, end_char, text[start_char:end_char], cue.pattern, cue.rule)

    def _fit(self, doc: Doc, written: _WrittenWords, left: int, right: int, first: int, end: int) -> tuple[int, int]:
        """A clause longer than its limit (``_limit``): the pieces around the evidence, then the words around it."""
        if written.count(left, right) <= self._limit(written, left, right):
            return left, right
        lowers, soft = written.lowers, self.words.soft_breaks  # only a comma or conjunction can be a cut
        cut_before = written.per_token("cuts", lambda i: lowers[i] in soft and self._cuts(doc, i))
        cuts = [i for i in range(left, right) if cut_before[i]]
        starts = sorted({left, *(i for i in cuts if doc[i].is_punct is False), *(i + 1 for i in cuts if doc[i].is_punct)})
        starts = [s for s in starts if s < right]
        pieces = [(s, e) for s, e in zip(starts, starts[1:] + [right])]
        inside = [k for k, (s, e) in enumerate(pieces) if s < end and first < e]
        low, high = inside[0], inside[-1]

        def fits(start: int, stop: int) -> bool:
            return written.count(start, stop) <= self._limit(written, start, stop)

        while True:
            if high + 1 < len(pieces) and fits(pieces[low][0], pieces[high + 1][1]):
                high += 1
            elif low > 0 and fits(pieces[low - 1][0], pieces[high][1]):
                low -= 1
            else:
                break
        if self._says_nothing(doc[pieces[low][0] : pieces[high][1]]):
            low, high = 0, len(pieces) - 1  # "excuse me," or ", sure" is no clause: the words around it are
        left, right = pieces[low][0], pieces[high][1]
        if fits(left, right):
            return left, right
        # Still too long: the words around the evidence, rightwards first.
        limit = self._limit(written, left, right)
        start, stop = first, end
        while written.count(start, stop) < limit and (start > left or stop < right):
            if stop < right:
                stop += 1
            if start > left and written.count(start, stop) < limit:
                start -= 1
        while start > left and not written.starts(start) and not doc[start].is_punct:
            start -= 1
        while stop < right and not written.starts(stop) and not doc[stop].is_punct:
            stop += 1
        stop = self._with_infinitive_object(doc, stop, right)
        # A few words left over are kept rather than cut off ("for longer than a week").
        if written.count(stop, right) <= SHORT_TAIL:
            stop = right
        if written.count(left, start) <= SHORT_TAIL:
            start = left
        return start, stop

    def _with_infinitive_object(self, doc: Doc, stop: int, right: int) -> int:
        """``stop``, moved past the object of an infinitive it would cut off ("to set" | "the alarm", "to take" | "a joke"):
        a capped clause that ends on "to" and a verb reads as a fragment; with its object, as the complaint it is.
        The object is a pronoun, or a determiner and the word after it, before ``right``."""
        starts = self.words.noun_phrase_starts | self.words.appositive_openers
        determiner = stop - 1 if stop and doc[stop - 1].lower_ in starts else None
        verb = stop - 1 if determiner is None else stop - 2
        if verb < 1 or doc[verb - 1].lower_ != "to" or not doc[verb].is_alpha or doc[verb].lower_ in starts:
            return stop
        if determiner is not None:
            return stop + 1 if stop < right and doc[stop].is_alpha else stop
        if stop < right and doc[stop].lower_ in self.words.object_pronouns:
            return stop + 1
        if stop + 1 < right and doc[stop].lower_ in starts and doc[stop + 1].is_alpha:
            return stop + 2
        return stop

    def _cuts(self, doc: Doc, i: int) -> bool:
        """Whether a long clause may be cut before token ``i``: a comma or conjunction, not a dash inside a word
        ("self-absorbed"), a conjunction after a verb that needs its complement ("what a calendar is n how it works") nor
        an intensifying "so" (``_intensifies``)."""
        token = doc[i]
        if token.lower_ not in self.words.soft_breaks or (i and not doc[i - 1].whitespace_ and not token.whitespace_):
            return False
        return not (token.is_alpha and i and doc[i - 1].lower_ in self.words.complement_takers) and not self._intensifies(doc, i)

    def _pairs_words(self, doc: Doc, i: int) -> bool:
        """Whether token ``i`` is "and" or "or" between two single words, the second one ending its piece at punctuation or
        the message's end ("You're forever bludging off Mum and Dad, mate"): it joins words, not clauses."""
        if doc[i].lower_ not in self.words.pairing_conjunctions or i == 0 or i + 1 >= len(doc):
            return False
        before, after = doc[i - 1], doc[i + 1]
        ends = i + 2 == len(doc) or doc[i + 2].is_punct
        return ends and before.is_alpha and after.is_alpha and after.lower_ not in self.any_subjects

    def _intensifies(self, doc: Doc, i: int) -> bool:
        """Whether token ``i`` is "so" intensifying what an absolute quantifies ("you're always so negative") or what a
        verdict says ("you're SO busy"), or a degree word after it wherever it stands ("worked SO well last time"): no
        conjunction, unless a subject follows ("it's so i don't cry")."""
        if not i or doc[i].lower_ not in self.words.intensifiers or (i + 1 < len(doc) and doc[i + 1].lower_ in self.words.subject_pronouns):
            return False
        if i + 1 < len(doc) and doc[i + 1].lower_ in self.words.intensified_words:
            return True
        before = doc[i - 1].lower_
        return before in self.words.absolutes or before in self.words.copulas

    def _limit(self, written: "_WrittenWords", start: int, stop: int) -> int:
        """How many words tokens ``start`` to ``stop`` may show: ``MAX_WORDS``, or for a conditional, a clause holding "every
        time" or a contrast with no verb of its own ("but not our anniversary"), with no comma in it, ``MAX_CONDITIONAL_WORDS``;
        ``MAX_CONTRAST_WORDS`` for the contrast: each of its halves is a clause's length.

        "I'd have helped with the dishes if you had asked instead of sighing at the sink" is one counter-blame, and a
        piece of it ("the dishes if you had asked") is none; "every time you open your mouth about money I remember why
        nobody trusts you with it" is one complaint the same way. So is a list whose items open alike (``_lists``):
        "the same with swimming, the same with everything" cut from "It's the same with the dentist" is half of it.
        """
        blank = written.punct_or_space
        while stop > start and blank[stop - 1]:
            stop -= 1  # a piece ends on its comma
        lowers = written.lowers[start:stop]
        opens = not self.words.conditional_openers.isdisjoint(lowers) or (
            not self.whole_starts.isdisjoint(lowers)
            and any(
                tuple(lowers[i : i + len(phrase)]) == phrase
                for i, word in enumerate(lowers)
                if word in self.whole_starts
                for phrase in self.whole_phrases
            )
        )
        conditional = opens and "," not in lowers
        if conditional and self._contrasts(lowers):
            return MAX_CONTRAST_WORDS
        return MAX_CONDITIONAL_WORDS if conditional or _lists(lowers) else MAX_WORDS

    def _contrasts(self, lowers: list[str]) -> bool:
        """Whether ``lowers`` hold a contrast with no verb of its own ("but not one afternoon for your own mother")."""
        words = tuple(lowers)
        return any(_holds(words, phrase) for phrase in self.words.verbless_contrasts)

    def _trim(self, doc: Doc, left: int, right: int, first: int, end: int, particles: bool = True) -> tuple[int, int]:
        """Without leading fillers and vocatives, trailing punctuation, a trailing vocative or filler, or dangling words.

        ``particles``: whether a clause cut short drops a particle it ends on ("on" a clown), as a phrase cut
        before its topic does not ("pick up").
        """
        words = self.words
        after_filler = False
        while left < first:
            token = doc[left]
            if token.is_punct or token.is_space:
                left += 1
            elif token.lower_ in words.leading_fillers and not self._verb_with_object(doc, left):
                left, after_filler = left + 1, True
            elif self._vocative(doc, left, after_filler) and left + 1 < first:
                left += 2 if doc[left + 1].text == "," else 1
            else:
                break
        # A clause that runs to its sentence's end or a comma is whole ("than it is", "i never said i would");
        # one cut short does not stop on a word that opens what it cut off.
        while right > end and (doc[right - 1].is_punct or doc[right - 1].is_space):
            right -= 1
        cut_short = right < len(doc) and not (self._hard_break(doc[right]) or doc[right].is_punct)
        mid_clause = cut_short and doc[right].lower_ not in words.soft_breaks  # "log off" before "when" is whole
        while right > end:
            token = doc[right - 1]
            if token.is_punct or token.is_space:
                right -= 1
            elif cut_short and self._opens(token) and token.lower_ not in words.object_pronouns:
                right -= 1  # "the only time my phone rings from you" keeps "you"
            elif mid_clause and particles and token.lower_ in words.particles:
                right -= 1
            elif right - 2 >= end and doc[right - 2].text == "," and (
                token.is_title or token.lower_ in words.vocatives or token.lower_ in words.leading_fillers
            ):
                right -= 2  # ", Ngozi", ", mate", ", honestly"
            else:
                break
        if right < len(doc) and doc[right].text in QUOTE_MARKS and sum(t.text in QUOTE_MARKS for t in doc[left:right]) % 2:
            right += 1  # "Mr 'let them have the iPad till 11'" keeps its closing quotation mark
        elif left and doc[left - 1].text in QUOTE_MARKS and sum(t.text in QUOTE_MARKS for t in doc[left:right]) % 2:
            left -= 1  # '"Reasonable" and "unreasonable" have been...' keeps its opening one
        return left, right

    def _verb_with_object(self, doc: Doc, i: int) -> bool:
        """Whether token ``i`` is a filler verb used as a verb, with what it points at ("look at you", "listen to yourself")."""
        following = doc[i + 1].lower_ if i + 1 < len(doc) else ""
        return doc[i].lower_ in self.words.filler_verbs and following in self.words.filler_verb_objects

    def _vocative(self, doc: Doc, i: int, after_filler: bool) -> bool:
        """"Mate," anywhere at the start; a name ("Nathan,") only after a filler ("Honestly Nathan,")."""
        token = doc[i]
        followed_by_comma = i + 1 < len(doc) and doc[i + 1].text == ","
        return followed_by_comma and (token.lower_ in self.words.vocatives or (after_filler and token.is_title))

    def _sentence(self, doc: Doc, span) -> bool:
        """Whether ``span`` is a whole sentence: only breaks, punctuation or space around it up to the next break."""
        before = next((t for t in reversed(doc[: span.start]) if not (t.is_punct or t.is_space) or self._hard_break(t)), None)
        after = next((t for t in doc[span.end :] if not (t.is_punct or t.is_space) or self._hard_break(t)), None)
        return all(t is None or self._hard_break(t) for t in (before, after))

    @staticmethod
    def _hard_break(token) -> bool:
        return _hard_break_text(token.text)


def _to_best_pattern(doc: Doc, text: str, clauses: list[Cue], shown: list[Cue], shares: dict[str, list[float]]) -> list[Cue]:
    """A clause of model words goes to the flagged pattern with the larger share of the decision in it.

    Model words can tip one label while their clause reads as another ("I'm not
    the problem here" is a defence, whatever "the problem" did for criticism).
    A clause that carries its own pattern too does not go to a pattern a rule cue
    already shows elsewhere in its sentence: that share is the cue's context
    ("what's the point" after "You never listen" is withdrawal, whatever it added
    to the criticism); next to the cue it reads as part of it ("You've never" +
    "once been late"). A pattern never loses its last highlight this way.
    """
    breaks = _hard_breaks(doc)
    rule_cues = [c for c in shown if c.rule not in (WORDS_RULE, PHRASE_RULE)]
    best = []
    options: list[list[Cue]] = []  # per clause: the patterns it may go to, as that clause, its own first
    for clause in clauses:
        if clause.rule != PHRASE_RULE:
            best.append(clause)
            options.append([clause])
            continue
        said: set[str] = set()
        if _share(doc, clause, shares) >= MIN_SHARE:  # the clause carries its own pattern too
            for c in rule_cues:
                if c.pattern not in said and _same_sentence(breaks, c, clause) and not _touches(text, c, clause):
                    said.add(c.pattern)
        candidates = [p for p in shares if p == clause.pattern or p not in said]
        pattern = max(candidates, key=lambda p: _share(doc, replace(clause, pattern=p), shares))
        best.append(replace(clause, pattern=pattern) if _share(doc, replace(clause, pattern=pattern), shares) >= MIN_SHARE else clause)
        options.append([clause] + [
            moved for p in candidates if p != clause.pattern and _share(doc, moved := replace(clause, pattern=p), shares) >= MIN_SHARE
        ])
    covered = {c.pattern for c in best}

    def kept(pattern: str, moved: Cue) -> bool:
        """Whether ``pattern`` keeps a highlight: a cue inside the moved clause is hidden by it ("not talking about it anymore")."""
        return pattern in covered or any(c.pattern == pattern and not (moved.start <= c.start and c.end <= moved.end) for c in shown)

    kept_best = [b if kept(clause.pattern, b) else clause for clause, b in zip(clauses, best)]
    if all(b is k or _share(doc, k, shares) >= MIN_SHARE for b, k in zip(best, kept_best)):
        return kept_best  # every clause kept back carries its own pattern too
    return _exchanged(doc, clauses, shown, shares, options) or kept_best


def _exchanged(
    doc: Doc, clauses: list[Cue], shown: list[Cue], shares: dict[str, list[float]], options: list[list[Cue]]
) -> list[Cue] | None:
    """The clauses under the patterns that carry most of them together while every pattern keeps a highlight.

    Where a clause kept back under a pattern it hardly carries (less than ``MIN_SHARE``) because its best pattern would
    leave its own with nothing, two clauses may trade: "Oh here we go, another
    essay in the group chat" (mockery) and "I cleaned the bathroom Tuesday, I did the big shop Thursday" (a defence)
    each read as the other's pattern, and moving either alone leaves a pattern bare. None when no trade helps, or
    there are too many ways to try (``MAX_EXCHANGES``).
    """
    if prod(len(choices) for choices in options) > MAX_EXCHANGES:
        return None

    def covered(assigned: tuple[Cue, ...]) -> set[str]:
        """The patterns shown: the clauses', and a cue's not hidden inside a clause of another pattern."""
        return {c.pattern for c in assigned} | {
            c.pattern for c in shown if not any(h.pattern != c.pattern and _within(c, h) for h in assigned)
        }

    needed = covered(tuple(clauses))
    best, best_total = None, None
    for assigned in product(*options):
        if not needed <= covered(assigned):
            continue
        total = sum(_share(doc, c, shares) for c in assigned)
        if best_total is None or total > best_total:
            best, best_total = list(assigned), total
    return best


@lru_cache(maxsize=100_000)
def _hard_break_text(text: str) -> bool:
    """A line break, or sentence-ending punctuation only ("?!", "..."). Remembered: every message asks about its tokens."""
    return (text.isspace() and "\n" in text) or (bool(text) and set(text) <= HARD_BREAK_CHARACTERS)


def _pause(text: str) -> bool:
    """An ellipsis ("...", "…"): a writer trailing off, or pausing before a punchline."""
    return text == "…" or (len(text) >= 2 and set(text) == {"."})


def _hard_breaks(doc: Doc) -> list[tuple[int, int]]:
    """The character spans of a Doc's sentence ends and line breaks, in order, for ``_same_sentence``."""
    strings = doc.vocab.strings
    return [
        (start, start + length)
        for orth, start, length in doc.to_array([ORTH, IDX, LENGTH]).tolist()
        if _hard_break_text(strings[orth])
    ]


def _same_sentence(breaks: list[tuple[int, int]], a: Cue, b: Cue) -> bool:
    """No sentence end or line break (``_hard_breaks`` of their Doc) between ``a`` and ``b``.

    Looked up by bisection: a long message has thousands of cue pairs to ask about.
    """
    first, second = sorted((a, b), key=lambda c: c.start)
    after_first = bisect_left(breaks, (first.end, -1))
    return after_first == len(breaks) or breaks[after_first][1] > second.start


def _lists(lowers: list[str]) -> bool:
    """Whether words (lower case) are a list: after the first, at least ``LIST_ITEMS`` comma-separated items open with the
    same two words ("It's the same with the dentist, the same with swimming, the same with everything")."""
    if lowers.count(",") < LIST_ITEMS - 1:
        return False  # read from the commas first: most clauses are no list
    items, item = [], []
    for word in lowers + [","]:
        if word == ",":
            items.append(tuple(item[:2]))
            item = []
        elif not word.isspace():
            item.append(word)
    openings = [opening for opening in items[1:] if len(opening) == 2]
    return any(openings.count(opening) >= LIST_ITEMS for opening in set(openings))


def _one_pattern_per_span(doc: Doc, cues: list[Cue], shares: dict[str, list[float]]) -> list[Cue]:
    """The same words cued for two patterns ("At least I actually") are shown for the one they explain best.

    A pattern keeps them when they are its only cue.
    """
    result = list(cues)
    for cue in sorted(cues, key=lambda c: _share(doc, c, shares)):
        twins = [c for c in result if (c.start, c.end) == (cue.start, cue.end) and c.pattern != cue.pattern]
        if twins and any(c.pattern == cue.pattern and c is not cue for c in result):
            result.remove(cue)
    return result


def _one_word(token, following) -> bool:
    """Whether two neighbouring tokens are written as one word ("was" + "n't"; not "you" + "?")."""
    return not token.whitespace_ and all(any(c.isalnum() for c in t.text) for t in (token, following))


def _span(doc: Doc, cue: Cue):
    return doc.char_span(cue.start, cue.end, alignment_mode="expand")


def _words(tokens) -> tuple[str, ...]:
    """The words of ``tokens`` in lower case, without punctuation and space."""
    return tuple(t.lower_ for t in tokens if not (t.is_punct or t.is_space))


def _holds(words: tuple[str, ...], marker: tuple[str, ...]) -> bool:
    """Whether ``marker`` occurs in ``words`` as a run of whole words."""
    size = len(marker)
    return any(words[i : i + size] == marker for i in range(len(words) - size + 1))


def _share(doc: Doc, cue: Cue, shares: dict[str, list[float]]) -> float:
    span = doc.char_span(cue.start, cue.end, alignment_mode="expand")
    per_token = shares.get(cue.pattern)
    return sum(per_token[span.start : span.end]) if per_token is not None and span is not None else 0.0


def _add(clauses: list[Cue], origins: list[list[Cue]], clause: Cue, origin: list[Cue], text: str) -> None:
    """One highlight per clause and pattern: a clause overlapping one of its pattern already shown is joined to it."""
    for k, other in enumerate(clauses):
        if other.pattern == clause.pattern and _overlaps(other, clause):
            start, end = min(other.start, clause.start), max(other.end, clause.end)
            clauses[k] = replace(other, start=start, end=end, text=text[start:end])
            origins[k].extend(origin)
            return
    clauses.append(clause)
    origins.append(list(origin))


def _grown(cue: Cue, text: str, start: int | None = None, end: int | None = None) -> Cue:
    """``cue`` shown over ``text[start:end]`` (its own bounds where one is not given), as every step grows a highlight."""
    start = cue.start if start is None else start
    end = cue.end if end is None else end
    return replace(cue, start=start, end=end, text=text[start:end], rule=_rule(cue))


def _rule(cue: Cue) -> str:
    """A model word shown with its clause is ``model.phrase``; a rule cue keeps its rule."""
    return PHRASE_RULE if cue.rule == WORDS_RULE else cue.rule


def _within(a: Cue, b: Cue) -> bool:
    return b.start <= a.start and a.end <= b.end


def _overlaps(a: Cue, b: Cue) -> bool:
    return a.start < b.end and b.start < a.end


def _in_the_way(cues: list[Cue], cue: Cue, start: int, end: int) -> bool:
    """Whether a highlight other than ``cue`` holds any of the text from ``start`` to ``end``: where ``cue`` would grow."""
    return any(other is not cue and other.start < end and start < other.end for other in cues)


def _touches(text: str, a: Cue, b: Cue) -> bool:
    """Overlapping, or with at most a short gap of no letters or digits between (how highlights join)."""
    if _overlaps(a, b):
        return True
    gap = text[min(a.end, b.end) : max(a.start, b.start)]
    return len(gap) <= JOINABLE_GAP and not any(c.isalnum() for c in gap)


class _WrittenWords:
    """One message as clause growing reads it, each table made once, when first needed: a clause is grown, measured
    and cut many times over the same tokens, and most messages need none of it. Written words are counted, not
    tokens ("couldn't" is one)."""

    def __init__(self, doc: Doc):
        self._doc = doc
        self._tables: dict[str, list] = {}

    def per_token(self, name: str, test: Callable[[int], object]) -> list:
        """``test(i)`` for every token ``i``, worked out once per message: a clause is grown and cut many times over
        the same tokens."""
        table = self._tables.get(name)
        if table is None:
            table = self._tables[name] = [test(i) for i in range(len(self._doc))]
        return table

    @cached_property
    def _before(self) -> list[int]:
        """Written words before each token; a hyphen inside a word joins it ("Fifty-two" is one, as "self-absorbed" is)."""
        counts = [0]
        previous_ends = True  # a word starts after a space, punctuation, or nothing
        previous_spaced = True
        # Read from the characters first: most messages hold no hyphen.
        hyphens = [t.text in WORD_HYPHENS for t in self._doc] if not WORD_HYPHENS.isdisjoint(self._doc.text) else None
        for i, (punct, space, spaced) in enumerate(self._kinds):
            counts.append(counts[-1] + (not (punct or space) and previous_ends))
            joins = hyphens is not None and not (spaced or previous_spaced) and hyphens[i]
            previous_ends, previous_spaced = bool(spaced or (punct and not joins) or space), bool(spaced or space)
        return counts

    @cached_property
    def hard_breaks(self) -> list[bool]:
        """Per token, whether it ends a clause outright (``ClauseGrower._hard_break``): clauses are grown token by token."""
        strings = self._doc.vocab.strings
        return [_hard_break_text(strings[orth]) for orth in self._doc.to_array(ORTH).tolist()]

    def one_word_run(self, left: int, right: int) -> tuple[int, int]:
        """A one-word sentence (tokens ``left`` to ``right``) with the one-word sentences around it ("Every. Single. Time.")."""
        if self.count(left, right) != 1:
            return left, right
        while True:
            start, end = self.sentence_before(left)
            if end == left or self.count(start, end) != 1:
                break
            left = start
        while True:
            start, end = self.sentence_after(right)
            if start == right or self.count(start, end) != 1:
                break
            right = end
        return left, right

    def sentence_start(self, i: int) -> int:
        """The first token of the sentence token ``i`` is in: right after the last hard break (a line break included)
        before it."""
        hard = self.hard_breaks
        while i > 0 and not hard[i - 1]:
            i -= 1
        return i

    def sentence_end(self, i: int) -> int:
        """Where the sentence from token ``i`` on ends: the next hard break (a line break included), or the end."""
        hard = self.hard_breaks
        while i < len(hard) and not hard[i]:
            i += 1
        return i

    def sentence_after(self, right: int) -> tuple[int, int]:
        """The sentence after token ``right``: where its words start (past breaks and space) and where it ends."""
        hard, doc = self.hard_breaks, self._doc
        start = right
        while start < len(doc) and (hard[start] or doc[start].is_space):
            start += 1
        end = start
        while end < len(doc) and not hard[end]:
            end += 1
        return start, end

    def sentence_before(self, left: int) -> tuple[int, int]:
        """The sentence before token ``left``: where it starts and where its words end (before breaks and space)."""
        hard, doc = self.hard_breaks, self._doc
        end = left
        while end > 0 and (hard[end - 1] or doc[end - 1].is_space):
            end -= 1
        start = end
        while start > 0 and not hard[start - 1]:
            start -= 1
        return start, end

    @cached_property
    def lowers(self) -> list[str]:
        strings = self._doc.vocab.strings
        return [strings[lower] for lower in self._doc.to_array(LOWER).tolist()]

    @cached_property
    def present(self) -> frozenset[str]:
        """The message's words in lower case, to test membership before scanning."""
        return frozenset(self.lowers)

    @cached_property
    def punct_or_space(self) -> list[bool]:
        return [bool(punct or space) for punct, space, _ in self._kinds]

    @cached_property
    def _kinds(self) -> list[tuple[int, int, int]]:
        """Per token: is punctuation, is space, has a space after it (0 or 1 each)."""
        return self._doc.to_array([IS_PUNCT, IS_SPACE, SPACY]).tolist()

    def count(self, start: int, end: int) -> int:
        """The written words starting in tokens ``start`` to ``end`` (exclusive)."""
        before = self._before
        return max(before[end] - before[start], 0)

    def starts(self, i: int) -> bool:
        """Whether token ``i`` starts a written word."""
        before = self._before
        return before[i + 1] > before[i]
