"""Say a flagged message again the healthy way, keeping what it is about.

Each pattern has its antidote (see the labelling guide): a complaint becomes a
gentle start-up ("I feel ... when ... Could you ...?"); contempt names the
feeling and need under the jab, or thanks the partner for an effort it mocked
(unless it mocks it as trivial or owed); a writer who deflects blame takes
responsibility for their own part; a withdrawal asks for a break with a time
to come back that fits the situation.
Who is speaking decides which of these applies (``voice.VoiceReader``).

Words of the message are only said back as a whole noun or verb phrase that
``phrases.PhraseGrammar`` recognised; when there is none, a sentence about the
topic, the kind of behaviour or the pattern is used instead. All sentences are
templates from ``resources/suggest/templates.json``.

Every method returns candidates, most specific first, each marked whether it
says something about this very message or is a generic fallback. The Advisor
keeps the first one the model itself no longer flags.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, replace
from typing import Iterator, Sequence

from spacy.lang.en.stop_words import STOP_WORDS

from nlp.suggest.lexicon import Lexicon, PhraseSet, PlaceLeadIns, category_lookup
from nlp.suggest.phrases import Phrase, PhraseGrammar
from nlp.suggest.reading import Behaviour, Message, Word
from nlp.suggest.voice import Voice, VoiceReader

Candidate = tuple[str, bool]  # (rewrite, specific to this message)
ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")  # "70th": a day that comes once
NEGATOR_REACH = 4  # "nobody else's husband spends": how far before a compared verb a negator still belongs to its subject


@dataclass(frozen=True, slots=True)
class MockedDoing:
    """The partner's doing a jab is about, and how the jab treats it.

    ``treated``: "praised" (an effort mocked as praise: "congrats on emptying the dishwasher"), "welcomed" (a doing
    mocked as late: "look who finally showed up"), "mocked" (a behaviour jabbed at: "must be nice to sleep till noon"),
    "insulted" (a doing said next to name-calling: "idiot, u told my mum") or "attempted" (a past attempt mocked as
    failed: "bless, you tried to do the seating plan").
    """

    verb: str
    rest: str  # the words after the verb, as said back: "the dishwasher", "until noon"
    treated: str


@dataclass(frozen=True)
class JabWords:
    """The word lists of ``templates.json`` (``contempt``) that find and say back what a jab mocks."""

    doing_lead_ins: PhraseSet
    treated_after: dict[tuple[str, ...], str]  # lead-in -> how the doing after it is treated
    lead_in_skips: frozenset[str]
    effort_adverbs: frozenset[str]
    unwrapped_verbs: frozenset[str]
    not_mocked_verbs: frozenset[str]
    never_thanked: frozenset[str]
    welcome_verbs: frozenset[str]
    thanked_alone: frozenset[str]  # "you vacuumed": an effort said well with nothing after it
    faults_said_alone: frozenset[str]  # "of course you forgot": a fault said whole with nothing after it
    fault_counts: frozenset[str]  # "you forgot again": the jab's count, not part of the fault
    person_told_verbs: frozenset[str]  # "u told my mum??": said by whom it was told to
    person_told_determiners: frozenset[str]
    behaviour_kinds: dict[str, dict]  # verb -> its kind's feeling and need
    not_done_after: frozenset[str]  # "without looking at your phone"
    going_on_verbs: frozenset[str]  # "do carry on explaining"
    measure_phrases: PhraseSet
    intensifiers: frozenset[str]
    measure_prepositions: frozenset[str]
    measure_skips: frozenset[str]
    counts: frozenset[str]  # number words and time nouns: "for three hours", "within the hour"
    placing_words: frozenset[str]  # particles and prepositions: "showing up", "hanging up on me"
    auxiliaries: frozenset[str]  # "did", "was": not a doing said without its subject
    his_words: frozenset[str]  # said of the partner in the third person: "his desk" -> "your desk"
    your_words: frozenset[str]  # ... unless the sentence speaks to them
    how_to_said_back: frozenset[str]  # "working out how to use the calendar": said back after how_to_after words
    attempt_verbs: frozenset[str]  # "you tried to fix the boiler": a past attempt, mocked as failed
    failed_attempts: frozenset[str]  # "tried" before an infinitive: the doing did not come off in the writer's eyes
    # words and/or phrases naming what a jab mocks (None: not given) -> the sentence about it
    mocked_subjects: tuple[tuple[frozenset[str] | None, PhraseSet | None, str], ...]

    @classmethod
    def load(cls, templates: dict, grammar_words: dict, grammar: PhraseGrammar) -> "JabWords":
        contempt = templates["contempt"]
        lead_ins = {tuple(words): treated for treated, phrases in contempt["doing_lead_ins"].items() for words in phrases}
        kinds = {verb: kind for kind in contempt["behaviour_kinds"].values() for verb in kind["verbs"]}
        measures = contempt["measures"]
        return cls(
            doing_lead_ins=PhraseSet(list(lead_ins)),
            treated_after=lead_ins,
            lead_in_skips=frozenset(contempt["lead_in_skips"]),
            effort_adverbs=frozenset(contempt["effort_adverbs"]),
            unwrapped_verbs=frozenset(contempt["unwrapped_verbs"]),
            not_mocked_verbs=frozenset(contempt["not_mocked_verbs"]),
            never_thanked=frozenset(contempt["never_thanked"]),
            welcome_verbs=frozenset(contempt["welcome_verbs"]),
            thanked_alone=frozenset(contempt["thanked_alone"]),
            faults_said_alone=frozenset(contempt["faults_said_alone"]),
            fault_counts=frozenset(contempt["fault_counts"]),
            person_told_verbs=frozenset(contempt["person_told_verbs"]),
            person_told_determiners=frozenset(contempt["person_told_determiners"]),
            behaviour_kinds=kinds,
            not_done_after=frozenset(contempt["gerund_not_after"]) | grammar.comparison_words,  # "like talking to a wall"
            going_on_verbs=frozenset(contempt["going_on_verbs"]),
            measure_phrases=PhraseSet([tuple(p) for p in measures["phrases"]]),
            intensifiers=frozenset(contempt["intensifiers"]),
            measure_prepositions=frozenset(measures["prepositions"]),
            measure_skips=frozenset(measures["skips"]),
            counts=frozenset(measures["counts"]),
            placing_words=grammar.particles | grammar.prepositions,
            auxiliaries=frozenset(grammar_words["auxiliaries"]),
            his_words=frozenset(contempt["of_them_words"]),
            your_words=frozenset(contempt["partner_words"]),
            how_to_said_back=frozenset(contempt["how_to_verbs_said_back"]),
            attempt_verbs=frozenset(contempt["attempt_verbs"]),
            failed_attempts=frozenset(contempt["failed_attempt_forms"]),
            mocked_subjects=tuple(
                (
                    frozenset(s["words"]) if "words" in s else None,
                    PhraseSet([tuple(p) for p in s["phrases"]]) if "phrases" in s else None,
                    s["text"],
                )
                for s in contempt["mocked_subjects"]
            ),
        )


@dataclass(frozen=True)
class ExpectedEfforts:
    """The word lists of ``templates.json`` (``contempt.expected_efforts``) that tell an effort a jab mocks as trivial
    or owed ("a gold star for paying your own phone bill", "wow u washed one plate") from one worth thanks."""

    signs: PhraseSet
    one_not_after: frozenset[str]  # "nice one": no count
    one_not_before: frozenset[str]  # "one of", "the one who"
    measure_words: frozenset[str]  # "one plate", "your own bill": left out of the doing said back
    unnamed_memory_heads: frozenset[str]  # "remembering my name": not said back as something to remember unprompted
    real_effort_verbs: frozenset[str]
    named: dict[str, str]  # category -> sentence naming the doing
    plain: dict[str, str]  # category (or "default") -> sentence without it

    @classmethod
    def load(cls, contempt: dict) -> "ExpectedEfforts":
        e = contempt["expected_efforts"]
        return cls(
            signs=PhraseSet([tuple(p) for p in e["signs"]]),
            one_not_after=frozenset(e["one_not_after"]),
            one_not_before=frozenset(e["one_not_before"]),
            measure_words=frozenset(e["measure_words"]),
            unnamed_memory_heads=frozenset(e["unnamed_memory_heads"]),
            real_effort_verbs=frozenset(e["real_effort_verbs"]),
            named=e["named"],
            plain=e["plain"],
        )

    def belittled(self, keys: list[str]) -> bool:
        """Whether a jab's words make the effort it mocks small or owed: "your own", "one plate", "want a medal?"."""
        for i in self.signs.positions(keys):
            if keys[i] != "one":
                return True
            word_before = keys[i - 1] if i else ""
            word_after = keys[i + 1] if i + 1 < len(keys) else ""
            if word_before not in self.one_not_after and word_after not in self.one_not_before:
                return True
        return False


class Rewriter:
    def __init__(self, lexicon: Lexicon, grammar: PhraseGrammar, voices: VoiceReader):
        self.lexicon = lexicon
        self.grammar = grammar
        self.voices = voices
        words, templates = lexicon.words, lexicon.templates
        self.templates = templates
        self.categories: dict[str, dict] = templates["categories"]
        self.phrase_asks = {
            name: [(PhraseSet(entry["phrases"]), entry["ask"]) for entry in c.get("phrase_asks", ())] for name, c in self.categories.items()
        }
        self.light_verbs = frozenset(templates["light_verbs"])
        self.trait_prepositions = [tuple(p) for p in templates["trait_topic_lead_ins"]]
        self.trait_topic_ends = frozenset(templates["trait_topic_ends"])
        self.topic_nouns = lexicon.category_of_topic
        self.jab_topics = lexicon.category_of_jab_topic
        self.jab = JabWords.load(templates, words, grammar)
        self.expected_efforts = ExpectedEfforts.load(templates["contempt"])
        self.not_topics_alone = frozenset(templates["not_topics_alone"])
        self.quote_marks = frozenset(words["quote_marks"])
        self.demonstrative_subjects = frozenset(words["demonstrative_subjects"])
        self.subject_pronouns = frozenset(words["subject_pronouns"])
        self.list_determiners = frozenset(words["list_determiners"])
        self.label_lead_ins = [tuple(p) for p in templates["contempt"]["label_lead_ins"]]
        self.praise_words = frozenset(templates["contempt"]["praise_words"])
        self.chain_adverbs = frozenset(words["chain_adverbs"])
        self.people = frozenset(templates["people"])
        self.named_people = self.people | frozenset(templates["criticism"]["any_topic"]["people_too"])
        self.when_words = frozenset(words["when_words"])
        self.absolutes = frozenset(words["absolutes"])
        self.definite = frozenset(templates["criticism"]["any_topic"]["determiners"])
        self.habits = templates["criticism"]["habits"]["entries"]
        self.one_off_words = frozenset(templates["criticism"]["one_off_words"])
        self.occasions = frozenset(templates["criticism"]["occasions"])
        self.listed_verbs = frozenset(templates["criticism"]["listed_verbs"])
        self.deadline_lead_ins = [tuple(p) for p in templates["criticism"]["deadline"]["lead_ins"]]
        self.deadline_times = frozenset(templates["criticism"]["deadline"]["time_words"])
        compared = templates["criticism"]["compared"]
        self.compared_markers = PhraseSet([tuple(p) for p in compared["markers"]])
        self.compared_skips = frozenset(compared["subject_skips"])
        self.compared_not_doings = frozenset(compared["not_doings"])
        self.compared_others = frozenset(compared["others_words"])
        self.compared_cuts = frozenset(compared["cuts"]) | self.grammar.prepositions
        self.compared_negators = frozenset(compared["negators"])
        self.own_things: dict = templates["criticism"]["own_things"]
        self.care_traits = frozenset(self.own_things["traits"])
        self.not_things = frozenset(self.own_things["not_things"])
        self.worry_group = category_lookup(templates["criticism"]["any_topic"]["worry_nouns"])
        self.worry_asks: dict[str, str] = templates["criticism"]["any_topic"]["worry_asks"]
        self.place_lead_ins = PlaceLeadIns(
            templates["criticism"]["any_topic"]["place_lead_ins"], templates["criticism"]["any_topic"]["not_place_after"]
        )
        self.wrong_states: dict[str, str] = templates["criticism"]["any_topic"]["wrong_states"]
        self.excuses = frozenset(templates["defensiveness"]["excuse_words"])
        self.meant_excuse_verbs = frozenset(templates["defensiveness"]["meant_excuse_verbs"])
        self.fault_verbs = frozenset(templates["defensiveness"]["fault_verbs"])
        self.denied_alone_verbs: dict[str, str] = templates["defensiveness"]["denied_alone_verbs"]
        self.wonder_words = frozenset(templates["criticism"]["wonder_words"])  # "how u even pass ur exams"
        self.admission_rules = frozenset(templates["defensiveness"]["admission_rules"])
        self.admission_openers = frozenset(templates["defensiveness"]["admission_openers"])
        self.admission_turns = frozenset(templates["defensiveness"]["admission_turns"])
        self.granted_min_words = templates["defensiveness"]["granted_min_words"]
        self.state_promises: dict[str, str] = templates["defensiveness"]["state_promises"]
        self.defended_lead_ins = frozenset(templates["defensiveness"]["defended_lead_ins"])
        self.fault_denials = [tuple(p) for p in templates["defensiveness"]["fault_denials"]]
        self.due_words = frozenset(templates["defensiveness"]["said_would_due_words"])
        self.said_would_lead_ins = [tuple(p) for p in templates["defensiveness"]["said_would_lead_ins"]]
        self.decision_nouns = frozenset(templates["defensiveness"]["decision_nouns"])
        self.uninvolved = PhraseSet(templates["defensiveness"]["uninvolved_phrases"])
        self.own_doing_denials = [tuple(p) for p in templates["defensiveness"]["own_doing_denials"]]
        self.known_excuses = [
            (excuse["text"], PhraseSet(excuse["phrases"]), PhraseSet(excuse.get("own_phrases", ())))
            for excuse in templates["defensiveness"]["known_excuses"]
        ]
        self.own_excuse_reach: int = templates["defensiveness"]["own_excuse_reach"]
        self.outside_causes = PhraseSet(templates["defensiveness"]["outside_causes"])
        # "I had it in my phone for the 14th": a reminder the writer already had is no promise for this category
        self.noted = {name: PhraseSet(c["noted_phrases"]) for name, c in self.categories.items() if "noted_phrases" in c}
        self.practical_categories = frozenset(templates["defensiveness"]["practical_categories"])
        self.worry_things = frozenset(templates["defensiveness"]["worry"]["things"])
        self.worried_groups = frozenset(templates["defensiveness"]["worry"]["worry_noun_groups"])
        self.fault_clause_skips = frozenset(templates["defensiveness"]["fault_clause_skips"])
        self.clause_subject_pronouns: dict[str, str] = templates["defensiveness"]["clause_subject_pronouns"]
        self.clause_be_forms = frozenset(templates["defensiveness"]["clause_be_forms"])
        self.clause_modals = frozenset(templates["defensiveness"]["clause_modals"])
        self.ability_modals = frozenset(templates["defensiveness"]["ability_modals"])
        self.be_predicates = frozenset(templates["defensiveness"]["be_predicates"])
        self.unaware_lead_ins = [tuple(p) for p in templates["defensiveness"]["unaware_lead_ins"]]
        self.unaware_skips = frozenset(templates["defensiveness"]["unaware_skips"])
        self.no_time_lead_ins = [tuple(p) for p in templates["defensiveness"]["no_time_lead_ins"]]
        self.played_down_words = frozenset(templates["defensiveness"]["played_down_words"])
        self.insisted_words = frozenset(templates["defensiveness"]["insisted_words"])
        self.insisted_said_verbs = frozenset(templates["defensiveness"]["insisted_said_verbs"])
        self.unreal_lead_ins = [tuple(p) for p in templates["defensiveness"]["unreal_lead_ins"]]
        self.shrugged_lead_ins = [tuple(p) for p in templates["defensiveness"]["shrugged_lead_ins"]]
        self.state_followers: dict[str, dict[str, str]] = templates["state_followers"]
        self.negators = frozenset(words["negators"])
        self.conditional_lead_ins = [tuple(p) for p in templates["defensiveness"]["conditional_lead_ins"]]
        self.good_outcomes = PhraseSet(templates["defensiveness"]["good_outcomes"])
        self.contribution_count: int = templates["defensiveness"]["contribution_count"]
        self.harmless_verbs = frozenset(templates["defensiveness"]["harmless_verbs"])
        self.news_articles = frozenset(templates["defensiveness"]["news_articles"])
        self.partner_possessives = frozenset(templates["defensiveness"]["partner_possessives"])
        self.defended_infinitive_after = frozenset(templates["defensiveness"]["defended_infinitive_after"])
        self.excuse_clause_openers = frozenset(templates["defensiveness"]["excuse_clause_openers"])
        self.not_the_topic_after = frozenset(templates["defensiveness"]["not_the_topic_after"])
        self.blamed_conditions = frozenset(templates["defensiveness"]["blamed_conditions"])
        self.meant_news_verbs = frozenset(templates["defensiveness"]["meant_news_verbs"])
        self.plan_days = frozenset(templates["defensiveness"]["plan_days"])
        self.plan_day_lead_ins = frozenset(templates["defensiveness"]["plan_day_lead_ins"])
        self.plan_time_words = frozenset(templates["defensiveness"]["plan_time_words"])
        self.manner_words = frozenset(templates["defensiveness"]["manner_words"])
        self.manner_prepositions = frozenset(templates["defensiveness"]["manner_prepositions"])
        self.denial_lead_ins = PhraseSet(templates["not_the_topic"]["lead_ins"])
        self.list_nouns = frozenset(templates["not_the_topic"]["list_nouns"])
        self.like_yours = PhraseSet(templates["not_the_topic"]["like_yours"])
        self.than_you = PhraseSet(templates["not_the_topic"]["than_you"])
        self.comparison_starts = frozenset(self.like_yours.by_first_word) | frozenset(self.than_you.by_first_word)
        self.mirror_words = {polarity: frozenset(found) for polarity, found in templates["defensiveness"]["mirror_words"].items()}
        self.expertise_nouns = frozenset(templates["contempt"]["expertise_nouns"])
        self.expertise_prepositions = frozenset(templates["contempt"]["expertise_prepositions"])
        self.compared_verb_forms = frozenset(templates["not_the_topic"]["compared_verb_forms"])
        self.skipped_openers = frozenset(templates["not_the_topic"]["compared_openers_skipped"])
        self.topic_over = frozenset(templates["stonewalling"]["topic_over_situations"])
        self.topic_joiners = frozenset(templates["stonewalling"]["topic_joiners"])
        self.refused_by_name = frozenset(templates["stonewalling"]["refused_by_name"])
        self.not_tonight = frozenset(templates["stonewalling"]["not_tonight_words"])
        self.not_later = PhraseSet(templates["stonewalling"]["not_later_phrases"])
        self.given_up_lead_ins = [tuple(p) for p in templates["stonewalling"]["given_up_lead_ins"]]
        self.raised_lead_ins = PhraseSet(templates["criticism"]["raised_lead_ins"])
        self.raised_skips = frozenset(templates["criticism"]["raised_skips"])
        self.handed_over_verbs = frozenset(templates["stonewalling"]["handed_over_verbs"])
        self.handed_over_openers = frozenset(templates["stonewalling"]["handed_over_openers"])
        self.handed_over_particles = frozenset(templates["stonewalling"]["handed_over_particles"])
        self.left_to_partner_lead_ins = [tuple(p) for p in templates["stonewalling"]["left_to_partner_lead_ins"]]
        self.not_left_to_partner = frozenset(templates["stonewalling"]["not_left_to_partner"])
        self.topic_forms: dict[str, str] = templates["stonewalling"]["topic_forms"]
        self.owned_doing_determiners = frozenset(templates["stonewalling"]["owned_doing_determiners"])
        self.put_off_lead_ins = [tuple(p) for p in templates["stonewalling"]["put_off_lead_ins"]]
        self.put_off_situations = frozenset(templates["stonewalling"]["put_off_situations"])

    def not_the_topic(self, message: Message) -> list[tuple[int, int]]:
        """Character ranges of things the message says the problem is not ("it's never about the dishes or the rent")
        or lists as the partner's excuses ("always an excuse. the train, the client, the boss."), and a doing the
        partner managed (``_managed``: "how u even pass ur exams"): said back in a fixed sentence, they name the opposite
        of what the writer means."""
        ranges = self._held_up_against(message)
        ranges += [(b.start, b.end) for b in message.behaviours if self._managed(message, b)]
        for at, sentence in enumerate(message.sentences):
            keys = [w.key for w in sentence]
            for i, key in enumerate(keys):
                lead = self.denial_lead_ins.at(keys, i) if key in self.denial_lead_ins.by_first_word else None
                if lead:
                    ranges += self._up_to_clause_end(sentence, i, i + len(lead))
                elif key in self.list_nouns and i and keys[i - 1] in self.grammar.determiners:
                    if i == len(sentence) - 1 and at + 1 < len(message.sentences):
                        listed = message.sentences[at + 1]
                        if not any(self._past_form(w.key) for w in listed):
                            ranges.append((listed[0].start, listed[-1].end))
                    elif i + 1 < len(sentence) and keys[i + 1] in self.grammar.determiners:
                        ranges += self._up_to_clause_end(sentence, i, i + 1)
        return ranges

    def _held_up_against(self, message: Message) -> list[tuple[int, int]]:
        """Character ranges of things a message holds up against the partner (``_about_comparisons``): part of the
        comparison, not what the complaint is about."""
        ranges = []
        for sentence in message.sentences:
            keys = [w.key for w in sentence]
            if self.comparison_starts.isdisjoint(keys):
                continue
            for i in range(len(keys)):
                like = self.like_yours.at(keys, i) if keys[i] in self.like_yours.by_first_word else None
                than = self.than_you.at(keys, i) if keys[i] in self.than_you.by_first_word else None
                if not (like or than):
                    continue
                start = max((j + 1 for j in range(i) if keys[j] == "," or keys[j] in self.grammar.safe_cuts), default=0)
                start += next((j for j, key in enumerate(keys[start:i]) if key not in self.skipped_openers), i - start)
                if than and keys[start:start + 1] == ["you"]:
                    continue  # "you care more about the caravan than ...": what the partner puts first
                end = i if like else next((j for j in range(start, i) if self._verb_form(keys[j])), start)
                if end > start:
                    ranges.append((sentence[start].start, sentence[end - 1].end))
        return ranges

    def _verb_form(self, key: str) -> bool:
        """Whether ``key`` reads as a clause's verb: a be, have, do or modal form, a past, or a known verb with -s."""
        return key in self.compared_verb_forms or self._past_form(key) or key.endswith("s") and key[:-1] in self.lexicon.known_bases

    def _up_to_clause_end(self, sentence: list[Word], start: int, after: int) -> list[tuple[int, int]]:
        """From word ``start`` to the word before the first comma or past verb after word ``after``."""
        rest = sentence[after:]
        end = next((j for j, w in enumerate(rest) if w.key == "," or self._past_form(w.key)), len(rest))
        return [(sentence[start].start, rest[end - 1].end)] if end else []

    def _past_form(self, key: str) -> bool:
        """Whether ``key`` is a verb's past or participle form ("paid", "forgot", "gone"), not its -ing form."""
        base = self.lexicon.base_of_form.get(key)
        return base is not None and base != key and not key.endswith("ing")

    # -- complaints: criticism -------------------------------------------------

    def criticism(self, message: Message, cue_ranges: Sequence[tuple[int, int]], cut_ranges) -> list[Candidate]:
        doings = [b for b in message.behaviours if not self._no_complaint(message, b)]
        ranked = sorted(enumerate(doings), key=lambda item: (-_overlaps(item[1], cue_ranges), item[0]))
        topic = self.topic(message, cut_ranges)
        keys = message.keys
        candidates = self._listed_doings(message) + self._asked_not_done(message, cut_ranges)
        candidates += self._promised_not_done(message, cut_ranges)
        candidates += self._compared_doings(message, cut_ranges)
        trait = self.lexicon.trait_phrases.first_in(message.sentences)
        # a character word is said about the thing it was said over, everyday topic or not ("careless, lost the keys")
        said_of_a_trait = trait or any(b.form == "trait" for _, b in ranked[:3])
        trait_topic = topic or (self._trait_thing(message, cut_ranges, trait) if said_of_a_trait else None)
        if trait_topic and trait_topic.words[0] != "my" and self._one_of_a_list(message, trait_topic):
            trait_topic = None  # "negative about everything. The new church, the new neighbors, ...": not the church
        # a habit from the list, in words written for it ("you flake on every plan", "you never finish anything you start")
        candidates += [(text, True) for _, b in ranked if (text := self._habit_text(b))]
        candidates += [(text, True) for verb, words in self._subjectless_doings(message) if (text := self._habit_of(verb, words, False))]
        criticism = self.templates["criticism"]
        topic_text, raised = None, False
        if topic:
            category = self.topic_nouns.get(topic.head)
            settings = self.categories.get(category or "", {})
            feeling = settings.get("feeling", criticism["default_feeling"]["present_negative"])
            raised = self._raised_by_writer(message, topic)  # "I try to talk about the loan, you change the subject"
            ask = criticism["raised_ask"] if raised else self._topic_ask(message, settings)
            ask = ask.format(it=_pronoun(topic.text()), topic=topic.text())
            opening = settings.get("topic_opening", criticism["topic_opening"])
            topic_text = _sentences(opening.format(feeling=feeling, topic=topic.text()), ask)
        if raised:  # what the complaint is about, ahead of the doing that keeps it from being talked over
            candidates.append((topic_text, True))
        candidates += [(text, True) for _, b in ranked[:3] if (text := self._gentle_start_up(b, cut_ranges, trait_topic, keys))]
        if topic_text and not raised:
            candidates.append((topic_text, True))
        if trait:
            candidates.append((self._trait_text(trait, trait_topic, keys), True))
        deadline = self._deadline_text(message)
        if deadline:
            candidates.append((deadline, True))
        named = self.any_topic(message, cut_ranges) or self.named_thing(message, cut_ranges, unplaced=True)
        named = named or self.bare_mass_thing(message, cut_ranges)
        # any other thing the message names: "your job", "the hearing aids"; not "two grand", "another planet"
        if named and named != topic and named.words[0] in self.definite:
            candidates.append((self._named_thing_text(message, named), True))
        categories = [self._category(b) for _, b in ranked]
        category = next((c for c in categories if c), None)
        if category:
            candidates.append((self._category_text(category, keys), False))
        occasion = self.occasion(message, cut_ranges, own=True)
        if occasion:  # "you weren't exactly a saint at the reunion yourself"
            candidates.append((criticism["last_resort_about"].format(topic=occasion.text()), True))
        candidates.append((criticism["last_resort"], False))
        return candidates

    def _raised_by_writer(self, message: Message, topic: Phrase) -> bool:
        """Whether the writer says they try to bring the topic up ("every time I try to talk about the loan"): then
        the partner's doing only keeps it from being talked over, and the topic is what the complaint is about."""
        said = [w.lower() for w in topic.words]
        for sentence in message.sentences:
            keys = [w.key for w in sentence]
            for i, key in enumerate(keys):
                if key != "i":
                    continue
                at = i + 1
                while at < len(keys) and keys[at] in self.raised_skips:
                    at += 1
                lead = self.raised_lead_ins.at(keys, at) if at < len(keys) else None
                if lead is not None and self._names_at(keys, at + len(lead), said):
                    return True
        return False

    def _names_at(self, keys: list[str], at: int, said: list[str]) -> bool:
        """Whether the words from ``at`` are the topic as named ("the loan"), its determiner read as any ("our loan")."""
        if keys[at : at + len(said)] == said:
            return True
        rest = said[1:] if said and said[0] in self.grammar.determiners else said
        return bool(rest) and at < len(keys) and keys[at] in self.grammar.determiners and keys[at + 1 : at + 1 + len(rest)] == rest

    def _no_complaint(self, message: Message, b: Behaviour) -> bool:
        """Whether a doing of the partner's is no fault to complain of, however the message jeers at it: a good deed of
        theirs in scare quotes ("tell me again how you're 'working on yourself'"; a fault quoted, "you 'forgot'", is
        still one), or what they managed, wondered at (``_managed``).

        "I feel frustrated when you work on yourself" would hang the writer's feeling on a good doing.
        """
        at = self._blameless_verb_at(message, b)
        if at is None:
            return False
        keys = message.keys
        quoted = sum(key in self.quote_marks for key in keys[:at]) % 2 and any(key in self.quote_marks for key in keys[at:])
        return bool(quoted) or self._wondered_at(message, b, at)

    def _managed(self, message: Message, b: Behaviour) -> bool:
        """A doing wondered at after "how" ("how u even pass ur exams"): something the partner managed, mocked; neither
        it nor what it was done to is the complaint. Not a fault wondered at ("how do you even lose your keys")."""
        at = self._blameless_verb_at(message, b)
        return at is not None and self._wondered_at(message, b, at)

    def _blameless_verb_at(self, message: Message, b: Behaviour) -> int | None:
        """Where the verb of ``b`` stands among the message's words, when ``b`` is a doing that is no fault in itself
        (not negated, not one of ``fault_verbs``); else None."""
        if b.form != "action" or b.negative or b.head in self.fault_verbs:
            return None
        return self._verb_at(message, b)

    def _wondered_at(self, message: Message, b: Behaviour, at: int) -> bool:
        """Whether the doing whose verb stands at word ``at`` has "how" among the two words before it and one of
        ``wonder_words`` before its verb ("how u even pass")."""
        before = [w.key for w in message.words if w.end <= b.start][-2:]
        return "how" in before and any(w.key in self.wonder_words and w.start >= b.start for w in message.words[:at])

    def _verb_at(self, message: Message, b: Behaviour) -> int | None:
        """Where the verb of ``b`` stands among the message's words."""
        return next((k for k, w in enumerate(message.words) if b.start <= w.start < b.end and self._said_as(w.key, b.head)), None)

    def _said_as(self, key: str, head: str) -> bool:
        """Whether the word ``key`` is a form of the verb ``head`` ("working" of "work")."""
        return key == head or self.lexicon.base_of_form.get(key) == head or key.removesuffix("s") == head

    def _topic_ask(self, message: Message, settings: dict) -> str:
        """The ask of a topic's category, unless the message says what it does not fit: a reminder fits a birthday
        forgotten, not one the partner ruined ("spoiled_verbs", "spoiled_ask")."""
        spoiled = settings.get("spoiled_verbs", ())
        if any(self.lexicon.base_of_form.get(w.key, w.key.removesuffix("s")) in spoiled for w in message.words):
            return settings["spoiled_ask"]
        return settings.get("topic_ask", settings.get("ask", self.templates["criticism"]["topic_ask"]))

    def _deadline_text(self, message: Message) -> str | None:
        """'it had to be done today', 'the form needed to be in by Friday': the thing that was due, or "it"."""
        deadline = self.templates["criticism"]["deadline"]
        for sentence in message.sentences:
            keys = [w.key for w in sentence]
            for lead, at in _first_ends(self.deadline_lead_ins, keys):
                if self.deadline_times.isdisjoint(keys[at:]):
                    continue
                start = at - len(lead)
                thing = next(
                    (p for j in range(max(0, start - 4), start) if (p := self.grammar.noun_phrase_at(sentence, j)) and j + len(p.words) == start),
                    None,
                )
                whole = thing is not None and thing.words[0].lower() in self.definite and self.grammar.names_a_thing(thing)
                text = thing.text() if whole else "it"
                it = _pronoun(text) if whole else "it"
                return deadline["text"].format(thing=text, it=it)
        return None

    def _asked_not_done(self, message: Message, cut_ranges) -> list[Candidate]:
        """'I asked you to make the lunches and you didn't even bother': the request that was let down."""
        if not any(b.negative for b in message.behaviours):
            return []
        template = self.templates["criticism"]["asked_not_done"]
        found = []
        for b, intended in message.speaker_behaviours:
            keys = [w.key for w in b.complement]
            if intended or b.head not in template["asking_verbs"] or keys[:2] != ["you", "to"] or len(keys) < 3:
                continue
            verb = self.lexicon.base_of_form.get(keys[2], keys[2])
            said = self.grammar.verb_phrase(verb, b.complement[3:], cut_ranges=cut_ranges)
            asked = self.grammar.verb_phrase(verb, b.complement[3:], request=True, cut_ranges=cut_ranges)
            if said is None or asked is None or not said.has_object:
                continue
            settings = self.categories.get(self.lexicon.category_of_verb.get(verb) or "", {})
            feeling = settings.get("feeling", self.templates["criticism"]["default_feeling"]["past_negative"])
            opening = template["opening"].format(feeling=feeling, behaviour=said.text())
            found.append((_sentences(opening, template["ask"].format(request=asked.text())), True))
        return found

    def _promised_not_done(self, message: Message, cut_ranges) -> list[Candidate]:
        """'you said you'd book the dentist and you didn't': the promise that was let down, said as past, and asked for
        again; not as a habit ("when you book the dentist"), which would name the opposite of the complaint."""
        template = self.templates["criticism"]["promised_not_done"]
        found = []
        for b in message.behaviours:
            keys = [w.key for w in b.complement]
            if b.negative or b.head not in template["promise_verbs"] or keys[:1] != ["you"] or len(keys) < 3:
                continue
            if keys[1] not in template["modals"] or self.negators.isdisjoint(w.key for w in message.words if w.start >= b.end):
                continue  # "you said you'd call" and nothing says it did not happen
            verb = keys[2]
            said = self.grammar.verb_phrase(verb, b.complement[3:], cut_ranges=cut_ranges)
            asked = self.grammar.verb_phrase(verb, b.complement[3:], request=True, cut_ranges=cut_ranges)
            if said is None or asked is None or not said.has_object:
                continue
            opening = template["opening"].format(behaviour=said.text())
            if self._one_off(said) or not self.occasions.isdisjoint(w.lower() for w in said.words[1:]):
                ask = template["ask_one_off"]  # "come to the recital": it is past
            else:
                ask = template["ask"].format(request=asked.text())
            found.append((_sentences(opening, ask), True))
        return found

    def _listed_doings(self, message: Message) -> list[Candidate]:
        """'u forgot my birthday, u forgot our anniversary, u forgot my mum's name': a list of one past slip (``listed_verbs``),
        said as the kind of doing it is, not narrowed to its first item; not "you told your brother before you told me"."""
        doings = {
            (b.head, tuple(w.key for w in b.complement))
            for b in message.behaviours
            if b.form == "action" and b.past and b.head in self.listed_verbs
        }
        heads = [head for head, complement in doings if complement and not any(
            b.negative for b in message.behaviours if b.head == head
        )]
        listed = next((head for head in dict.fromkeys(heads) if heads.count(head) > 1), None)
        category = self.lexicon.category_of_verb.get(listed) if listed else None
        return [(self._category_text(category, message.keys), True)] if category else []

    def _compared_doings(self, message: Message, cut_ranges) -> list[Candidate]:
        """'why can't you be more like Priya? she pays on the 1st': what the other person does, asked of the partner.

        Each way of saying it, longest first ("pay on the 1st", then shorter ones), so a cut is tried where the longer
        one would not pass the checks; where none is recognised, the kind of doing it is ("cooks" -> sharing the jobs).
        Not "nobody else's husband spends every Saturday at the club": what others do not do is not asked for.
        """
        compared = self.templates["criticism"]["compared"]
        if not self.compared_markers.found_in(message.keys):
            return []
        for sentence in message.sentences:
            keys = [w.key for w in sentence]
            for i in range(1, len(keys)):
                base = self._compared_verb(sentence, i)
                if base is None or not self.compared_negators.isdisjoint(keys[max(0, i - NEGATOR_REACH) : i]):
                    continue
                words = _up_to_punctuation(sentence[i + 1 :])
                if base in self.jab.unwrapped_verbs and [w.key for w in words[:1]] == ["to"] and len(words) > 1:
                    base, words = words[1].key, words[2:]  # "other people's boyfriends manage to text back"
                said = list(self._compared_requests(base, words, cut_ranges))
                found = [(compared["text"].format(request=text), True) for text in said]
                category = None if said else self.lexicon.category_of_verb.get(base)
                if category:  # the kind of doing: after anything the message says of the partner's own doing
                    found.append((self._category_text(category, message.keys), False))
                return found  # the first doing held up; a later one is mostly a concession ("and he works nights")
        return []

    def _compared_verb(self, sentence: list[Word], at: int) -> str | None:
        """The base of a present verb whose subject is someone else ("she pays", "other people's boyfriends manage")."""
        keys = [w.key for w in sentence]
        subject = at - 1
        while subject > 0 and keys[subject] in self.compared_skips:
            subject -= 1
        who = keys[subject]
        if keys[at].endswith("s") and self._someone_else(sentence[subject]):
            base = self.lexicon.base_of_third(keys[at])
        elif who.endswith("s") and who[:-1] in self.named_people:
            base = keys[at]
        else:
            return None
        return base if base in self.grammar.known_verbs and base not in self.compared_not_doings else None

    def _someone_else(self, word: Word) -> bool:
        """He, she, a person word ("my sister's husband") or a name ("Ravi visits Amma"): not the partner or the writer."""
        return word.key in ("he", "she") or self._named_other(word)

    def _named_other(self, word: Word) -> bool:
        """A person word or a name: "husband", "Linda"."""
        key = word.key
        return key in self.named_people or word.display[:1].isupper() and key.isalpha() and key not in STOP_WORDS

    def _compared_requests(self, verb: str, words: list[Word], cut_ranges) -> Iterator[str]:
        """The other person's doing as asked of the partner, longest first, never with words about that person."""
        ends = [len(words)] + [i for i in range(len(words) - 1, 0, -1) if words[i].key in self.compared_cuts]
        said_before = set()
        for end in ends:
            if any(self._named_other(w) for w in words[:end]):  # "plans trips with Linda": Dave's partner, not the writer
                continue
            said = self.grammar.verb_phrase(verb, words[:end], negative=False, request=True, cut_ranges=cut_ranges)
            if said is None or not self.compared_others.isdisjoint(w.lower() for w in said.words):
                continue
            text = said.text()
            if text not in said_before:
                said_before.add(text)
                yield text

    def _gentle_start_up(self, b: Behaviour, cut_ranges, topic: Phrase | None, keys: list[str]) -> str | None:
        """``keys``: the message's words, which pick a trait's plain ask (``_category_text``)."""
        if b.form == "trait":
            return self._trait_text(b.head, self._trait_topic(b, cut_ranges) or topic, keys)
        tense = "past" if b.past else "present"
        key = f"{tense}_negative" if b.negative else tense
        criticism = self.templates["criticism"]
        category = self._category(b)
        settings = self.categories.get(category or "", {})
        if b.form == "state":
            rest = self.grammar.complement(b.complement, swap=b.swap, cut_ranges=cut_ranges)
            if rest is None:
                return None
            complement = f" {rest.text()}" if rest.words else ""
            behaviour = criticism["behaviour"]["state"][key].format(state=b.head, complement=complement)
            ask = self.templates["state_asks"].get(b.head.lower()) or settings.get("ask") or criticism["ask"]["default_present"]
            feeling = settings.get("feeling") or criticism["default_feeling"][key]
            opening = criticism["opening"][tense].format(feeling=feeling, behaviour=behaviour)
            return _sentences(opening, ask.format(it="it", topic="it"))
        said = self.grammar.verb_phrase(
            b.head, b.complement, negative=b.negative, swap=b.swap, cut_ranges=cut_ranges
        )
        if said is None:
            return None
        asked = self.grammar.verb_phrase(
            b.head, b.complement, negative=b.negative, request=True, swap=b.swap, cut_ranges=cut_ranges
        )
        complement = _rest(said)
        frame = self.templates["frames"].get(b.head, {}).get(key, {}) if b.form == "action" else {}
        if not complement and "complement_default" in frame:
            complement = frame["complement_default"]
        feeling = criticism["burden_feeling"] if b.form == "burden" else settings.get("feeling") or criticism["default_feeling"][key]
        behaviour = self._behaviour_text(b, key, complement, frame, said)
        if behaviour is None:
            return None
        opening = criticism["opening"][tense].format(feeling=frame.get("feeling", feeling), behaviour=behaviour)
        ask = self._ask(b, key, _rest(asked) if asked else complement, frame, settings, said)
        return _sentences(opening, ask)

    def _behaviour_text(self, b: Behaviour, key: str, complement: str, frame: dict, said: Phrase) -> str | None:
        if "behaviour" in frame:
            parts = self._frame_parts(said, frame)
            if parts:
                obj, place = parts
                category = next((self.topic_nouns[w] for w in obj.split() if w in self.topic_nouns), None)
                verbs = frame.get("object_verbs", {})
                return frame["behaviour"].format(
                    object=obj,
                    place=place,
                    be="are" if _plural(obj) else "is",
                    do=verbs.get(category or "", verbs.get("default")),
                )
        past = b.typed_past if b.typed_past and b.typed_past in self.lexicon.base_of_form else None
        past = past or self.lexicon.past_of_base.get(b.head)
        if key == "past" and past is None:
            return None
        forms = self.templates["criticism"]["behaviour"][b.form]
        return forms[key].format(base=b.head, past=past, state=b.head, complement=complement)

    def _frame_parts(self, said: Phrase, frame: dict) -> tuple[str, str] | None:
        """The thing and the place a frame talks about: 'your socks around' -> ('socks', 'around')."""
        words = list(said.words[1:])
        place_starts = frame.get("place_starts", ())
        split = next((i for i, w in enumerate(words) if w in place_starts), len(words))
        object_words, place_words = words[:split], words[split:]
        while object_words and object_words[0] in frame.get("object_strip", ()):
            object_words.pop(0)
        obj = " ".join(object_words) or frame.get("object_default", "")
        if not obj or obj in self.grammar.object_pronouns or obj in self.grammar.vague_objects:
            return None
        if obj.split()[0] in frame.get("object_prefix_words", ()):
            obj = f"everything {obj}"
        place = " ".join(place_words) or frame.get("place_default", "")
        return obj, place

    def _ask(self, b: Behaviour, key: str, request: str, frame: dict, settings: dict, said: Phrase) -> str:
        asks = self.templates["criticism"]["ask"]
        parts = self._frame_parts(said, frame) if "behaviour" in frame else None
        if "behaviour" in frame and parts is None:
            frame = {}
        # "you forget birthdays" -> "a reminder for them"
        it = _pronoun(parts[0]) if parts else _pronoun(said.text()) if said.has_object else "it"
        if frame.get("place_asks") and parts:
            place = next((w for w in parts[1].split() if w in frame["place_asks"]), None)
            if place:
                return frame["place_asks"][place].format(it=it)
        if frame.get("one_off_ask") and self._one_off(said):  # "you forgot Dad's 70th": no reminder for it
            return frame["one_off_ask"]
        says_when = not self.when_words.isdisjoint(request.split())  # "show up when you say you will": no "next time"
        time = f" {settings['time']}" if settings.get("time") and not says_when else ""
        if "ask" in frame:
            return frame["ask"].format(complement=request, it=it, time=time)
        if b.form == "burden":
            return asks["burden"]
        if key.endswith("negative"):
            criticism = self.templates["criticism"]
            # "you didn't call the landlord yesterday" asked as "call the landlord" repeats it all the same; so does a bare
            # verb that reads as an order when asked for ("you never apologise" -> "Could you apologise?")
            echoed = bool(request) and _rest(said).startswith(request) and len(said.words) >= criticism["echo_min_words"]
            bare = set(request.split()) <= set(criticism["bare_objects"])
            echoed = echoed or bare and b.head in criticism["echoed_when_bare"]
            return (criticism["echo_asks"] if echoed else asks)[key].format(base=b.head, complement=request, time=time)
        if key.startswith("past"):
            return asks["past"]
        return settings.get("ask", asks["default_present"]).format(it=it, topic="it")

    def _one_off(self, said: Phrase) -> bool:
        """Whether the phrase names a day that does not come round again: "your daughter's graduation", "Dad's 70th"."""
        return any(w.lower() in self.one_off_words or ORDINAL.fullmatch(w.lower()) for w in said.words[1:])

    def _category(self, b: Behaviour) -> str | None:
        lexicon = self.lexicon
        topic = next((lexicon.category_of_topic[w.key] for w in b.complement if w.key in lexicon.category_of_topic), None)
        if b.form == "state":
            following = self.state_followers.get(b.head.lower(), {})
            followed = following.get(b.complement[0].key) if b.complement else None  # "never on time"
            return followed or lexicon.category_of_state.get(b.head.lower()) or topic
        if b.form == "trait":
            return lexicon.category_of_trait.get(b.head) or lexicon.category_of_denied_virtue.get(b.head)
        verb = self._phrasal_category(b) or lexicon.category_of_verb.get(b.head)
        claimed = [w.key for w in b.complement[:2]]
        if len(claimed) == 2 and claimed[0] in self.grammar.reflexives and claimed[1] in ("a", "an"):
            verb = None  # "call yourself a parent": what the partner claims to be, not a call
        if b.head in self.light_verbs:
            return topic or verb
        return verb or topic

    def _phrasal_category(self, b: Behaviour) -> str | None:
        """The category of a verb said with only its particle ("you never show up", "pick up when I call")."""
        words = list(b.complement)
        category = self.lexicon.category_of_phrasal_verb.get((b.head, words[0].key)) if words else None
        return category if category and self.grammar.noun_phrase_at(words, 1) is None else None

    def _trait_text(self, trait: str, topic: Phrase | None, keys: list[str]) -> str:
        lexicon = self.lexicon
        category = lexicon.category_of_trait.get(trait) or lexicon.category_of_denied_virtue.get(trait) or "consideration"
        if topic is None or topic.head in self.not_topics_alone:
            return self._category_text(category, keys)
        settings = self.categories[category]
        if _says_twice(settings["trait_ask"], topic.head):
            return self._category_text(category, keys)  # not "make a plan for plans"
        openings = self.templates["criticism"]["trait_opening"]
        # "careless with the dog's meds": worry, not being let down; "negative about my career change": not "we handle"
        kind = "worry" if self._worried_about(topic) else "mine" if topic.words[0].lower() == "my" else "topic"
        gets = "get" if _plural(topic.text()) else "gets"
        opening = openings[kind].format(feeling=settings["feeling"], topic=topic.text(), gets=gets)
        if kind == "worry":
            ask = self.worry_asks.get(self.worry_group[topic.head], settings["trait_ask"])
        else:
            ask = self.own_things["ask"] if kind == "mine" and self._taken_care_of(trait, topic) else settings["trait_ask"]
        return _sentences(opening, ask.format(it=_pronoun(topic.text())))

    def _trait_thing(self, message: Message, cut_ranges, trait: str | None) -> Phrase | None:
        """The thing a character complaint names, when it names no everyday topic: known, not a place, not "six weeks",
        not people ("how we handle the kids"). After a word about care ("careless"), a thing of the writer's own comes
        first: "you're so careless, my hoodie came back with a burn hole" is about the hoodie, not the hole."""
        own = self.named_thing(message, cut_ranges, unplaced=True, own=True) if trait in self.care_traits else None
        thing = own if own is not None and self._taken_care_of(trait, own) else None
        thing = thing or self.named_thing(message, cut_ranges, known_only=True, unplaced=True)
        if thing is None or thing.words[0] not in self.definite or any(w.lower() in self.named_people for w in thing.words):
            return None
        return thing

    def _taken_care_of(self, trait: str | None, thing: Phrase) -> bool:
        """A thing of the writer's that a word about care ("careless") asks to be taken more care of: "my hoodie", not
        "my feelings"."""
        return trait in self.care_traits and thing.words[0].lower() == "my" and thing.head not in self.not_things

    def _habit_text(self, b: Behaviour) -> str | None:
        """A habit named by a verb whose own words are not safe to say back: 'you flake on every plan'.

        Said in the writer's words from the habit list, with a positive request for what would help instead. A job
        the writer says falls to them alone ("y is it always me who has to apologise") is matched only by the entries
        marked burden, which are not the partner's doings.
        """
        if b.form not in ("action", "burden"):
            return None
        return self._habit_of(b.head, b.complement, b.negative, burden=b.form == "burden")

    def _habit_of(self, verb: str, words: Sequence[Word], negative: bool, burden: bool = False) -> str | None:
        order = [w.key for w in words]
        keys = set(order)
        for habit in self.habits:
            named = habit.get("burden", False) == burden
            named = named and keys.issuperset(habit["words"]) and keys.isdisjoint(habit.get("unless", ()))
            named = named and ("any_phrases" not in habit or any(_first_ends([tuple(p) for p in habit["any_phrases"]], order)))
            if verb in habit["verbs"] and habit["negative"] == negative and named:
                opening = self.templates["criticism"]["habit_opening"].format(feeling=habit["feeling"], when=habit["when"])
                return _sentences(opening, habit["ask"])
        return None

    def _subjectless_doings(self, message: Message) -> Iterator[tuple[str, list[Word]]]:
        """A doing said without its subject, opening a clause ("Making it all about yourself again") or after an
        absolute ("typical u, always blaming others"): its verb and the words after it."""
        absolutes = self.absolutes
        for sentence in message.sentences:
            keys = [w.key for w in sentence]
            for i, key in enumerate(keys):
                opens = i == 0 or not keys[i - 1].isalpha() or keys[i - 1] in absolutes
                base = self.lexicon.base_of_form.get(key) if key.endswith("ing") and opens else None
                if base:
                    yield base, _up_to_punctuation(sentence[i + 1 :])

    def _named_thing_text(self, message: Message, named: Phrase) -> str:
        """A sentence about a thing the message names but no recognised behaviour says well.

        Worry, not hurt, about someone's health, a pet or a child; a request to put the thing right when its own
        sentence says what is wrong with it ("the PE kit came back unwashed"); a neutral sentence about a person;
        otherwise a plain sentence about it.
        """
        any_topic = self.templates["criticism"]["any_topic"]
        topic, it = named.text(), _pronoun(named.text())
        if self._worried_about(named):
            ask = self.worry_asks.get(self.worry_group[named.head], any_topic["worry_ask"])
            return _sentences(any_topic["worry_opening"].format(topic=topic), ask.format(it=it))
        if any(w.lower() in self.named_people for w in named.words):  # not "frustrated about your mother"
            return _sentences(any_topic["person_opening"].format(topic=topic), any_topic["person_ask"])
        done = self._wrong_state(message, named)
        if done:
            plural = it == "them"
            ask = any_topic["put_right_ask"].format(they="they" if plural else "it", get="get" if plural else "gets", done=done)
            return _sentences(any_topic["put_right_opening"].format(topic=topic), ask)
        return _sentences(any_topic["opening"].format(topic=topic), any_topic["ask"].format(it=it))

    def _worried_about(self, thing: Phrase) -> bool:
        """Someone's health, a pet or safety, but not the writer's own ("my dog died" is grief, not worry)."""
        return thing.head in self.worry_group and thing.words[0].lower() != "my"

    def _wrong_state(self, message: Message, named: Phrase) -> str | None:
        """What putting the thing right means, from a state word just after it in its sentence: 'unwashed' -> 'washed'."""
        for sentence in message.sentences:
            keys = [w.key for w in sentence]
            if named.head not in keys:
                continue
            after = keys[keys.index(named.head) + 1 :][: self.templates["criticism"]["any_topic"]["state_within"]]
            return next((self.wrong_states[k] for k in after if k in self.wrong_states), None)
        return None

    def _category_text(self, category: str, keys: Sequence[str] = ()) -> str:
        """The kind of complaint said plainly; a message with one of the category's ask phrases (in ``keys``, its words)
        gets that phrase's ask: "flaky", "on time" ask for a heads-up, not to share out the jobs."""
        settings = self.categories[category]
        ask = next((ask for phrases, ask in self.phrase_asks[category] if phrases.found_in(list(keys))), None)
        return self._plain_text(category, ask or settings.get("trait_plain_ask", settings["ask"]))

    def _plain_text(self, category: str, ask: str) -> str:
        settings = self.categories[category]
        opening = self.templates["criticism"]["trait_opening"]["plain"].format(
            feeling=settings["feeling"], trait_when=settings["trait_when"]
        )
        return _sentences(opening, ask.format(it="it"))

    def _trait_topic(self, b: Behaviour, cut_ranges) -> Phrase | None:
        """'with money' / 'when it comes to homework' after a trait word: the noun phrase, when recognised."""
        keys = [w.key for w in b.complement]
        lead = next((p for p in self.trait_prepositions if tuple(keys[: len(p)]) == p), None)
        if not lead:
            return None
        rest = self.grammar.clean(b.complement[len(lead) :], cut_ranges)
        found = self.grammar.noun_phrase_at(rest, 0)
        if found is None:
            return None
        # "so stubborn about the hearing aids that you'd rather ...": the phrase, without the clause after it
        whole = len(found.words) == len(rest) or rest[len(found.words)].key in self.trait_topic_ends
        return found if whole else None

    # -- complaints: contempt --------------------------------------------------

    def contempt(self, message: Message, rules: set[str], cut_ranges) -> list[Candidate]:
        templates = self.templates["contempt"]
        candidates: list[Candidate] = []
        mocks_an_effort = bool(rules & set(templates["effort_rules"]))
        kind = next((templates["kind_of_rule"][r] for r in sorted(rules) if r in templates["kind_of_rule"]), "sarcasm")
        for b in message.behaviours:
            # "wow, you actually opened a message": thank them for it (a typed past, not a question's "did you ...");
            # a fault is no effort ("well done, u forgot the tickets"), but what the jab is about, praised or not
            # ("idiot. u locked me out"); without praise, any other doing may be either ("you emptied the dishwasher")
            typed = not b.negative and b.typed_past is not None
            reported = b.negative and b.past  # a plain report: "you didn't even text"
            if b.form != "action" or not (typed or reported):
                continue
            if typed:
                told = self._person_told(b, cut_ranges)
                if told:
                    candidates.append((templates["told_person"].format(person=told), True))
                candidates += self._typed_doing(message, b.head, b.complement, mocks_an_effort, cut_ranges, kind)
                continue
            said = self.grammar.verb_phrase(b.head, b.complement, negative=b.negative, cut_ranges=cut_ranges)
            if said is None or not said.has_object:
                continue
            behaviour = self.templates["criticism"]["behaviour"]["action"]["past_negative"].format(
                base=b.head, complement=_rest(said)
            )
            need = self.categories.get(self._category(b) or "", {}).get("need", templates["default_need"])
            text = templates["with_behaviour"].format(feeling=templates["default_feeling"], behaviour=behaviour, need=need)
            candidates.append((text, True))
        for verb, words in self._subjectless_pasts(message):  # "What a hero. Picked up milk."
            candidates += self._typed_doing(message, verb, words, mocks_an_effort, cut_ranges, kind)
        helped = self._belittled_help(message)  # flagged as contempt, so the thanks were not meant
        if helped and self.expected_efforts.belittled(message.keys):  # "was one Pinterest board"
            candidates.append((self.expected_efforts.plain["default"], True))
        elif helped:
            candidates.append((templates["appreciation"].format(behaviour=helped), True))
        label = self._quoted_label(message)
        if label:
            candidates.append((templates["quoted_label"].format(label=label), True))
        disputed = self._mocked_expertise(message)
        if disputed:
            candidates.append((templates["expertise_text"].format(topic=disputed), True))
        mocked = self.mocked_behaviour(message, cut_ranges)
        if mocked:
            candidates.append((mocked, True))
        # a habit from the list, in words written for it, whoever mocks it ("congrats, you've flaked on every plan")
        candidates += [(text, True) for b in message.behaviours if (text := self._habit_text(b))][:1]
        # only an everyday thing ("the shared calendar", "the pub"): a jab's other nouns are mostly part of the joke;
        # one the jab puts in scare quotes ("your 'apology'") is what it mocks, though its cue is cut elsewhere
        topic_cuts = [cut for cut in cut_ranges if not self._quoted_cut(message, cut)]
        topic = self.topic(message, topic_cuts, nouns=self.jab_topics, whole=True)
        kind_word = topic.head if topic else None
        if topic is None:  # "the seating plan": a compound of a word that says little alone, of the kind of its first
            topic = self._compound_topic(message, cut_ranges)
            kind_word = topic.words[-2].lower() if topic else None
        keys = message.keys  # what the jab mocks ("you're tired?", "chef"), before the joke's nouns
        mocked_subjects = [text for words, phrases, text in self.jab.mocked_subjects if _mentions_subject(words, phrases, keys)]
        candidates += [(text, True) for text in mocked_subjects[:1]]
        if topic:
            need = self.categories[self.jab_topics[kind_word]]["need"]
            said = self._without_praise(topic).text()
            candidates += [(text.format(topic=said, need=need), True) for text in _rotated(templates["with_topic"][kind], message)]
        trait = self.lexicon.trait_phrases.first_in(message.sentences)
        if trait:
            settings = self.categories[self.lexicon.category_of_trait[trait]]
            text = templates["with_category"].format(
                feeling=settings["feeling"], trait_when=settings["trait_when"], need=settings["need"]
            )
            candidates.append((text, True))
        generic = templates["generic"]
        others = [text for name in generic if name != kind for text in generic[name]]
        candidates.extend((text, False) for text in _rotated(generic[kind], message) + others)
        return candidates

    def _compound_topic(self, message: Message, cut_ranges) -> Phrase | None:
        """An everyday thing named by a compound whose first word is an everyday topic noun: one whose last word says
        little alone ("the seating plan", "the screen time") or any other listed noun ("the school photos", "the
        laundry basket"); said whole, so never part of a longer phrase. A last word that may be a verb ("the bill
        split", "a text back") is no noun of the compound."""
        for phrase in self._phrases(message, cut_ranges, known_only=True, whole=True):
            words = [w.lower() for w in phrase.words]
            if len(words) < 3 or words[-2] not in self.jab_topics or self._vague(phrase):
                continue
            verb = phrase.head in self.lexicon.known_bases or phrase.head in self.lexicon.base_of_form
            listed = phrase.head in self.grammar.nouns and not phrase.open_head and not verb
            if phrase.head in self.not_topics_alone:
                return phrase
            if not listed or self._verb_misread(phrase) or phrase.head in self.grammar.modifiers:
                continue  # "the dog needs", "my texts past": a verb or an adverb read as the compound's last noun
            if self._scare_quoted(message, phrase):
                return None  # "your 'investment tips' from the golf club": the jab's own word, and what it mocks
            return phrase
        return None

    def _without_praise(self, phrase: Phrase) -> Phrase:
        """A thing a jab names, without the praise it puts on it: "the generous present" -> "the present"."""
        kept = [(w, glued) for w, glued in zip(phrase.words, phrase.attached) if w.lower() not in self.praise_words]
        if len(kept) == len(phrase.words):
            return phrase
        return replace(phrase, words=tuple(w for w, _ in kept), attached=tuple(g for _, g in kept))

    def _quoted_label(self, message: Message) -> str | None:
        """The words the writer says they were labelled with, in scare quotes after "I'm" ("how I'm 'dysregulated'")."""
        templates = self.templates["contempt"]
        for sentence in message.sentences:
            keys = [w.key for w in sentence]
            for _, at in _first_ends(self.label_lead_ins, keys):
                if at >= len(keys) or keys[at] not in self.quote_marks:
                    continue
                close = next((i for i in range(at + 1, len(keys)) if keys[i] in self.quote_marks), None)
                words = sentence[at + 1 : close] if close else []
                if 0 < len(words) <= templates["label_max_words"] and all(w.key.isalpha() for w in words):
                    return " ".join(w.display for w in words)
        return None

    def _quoted_cut(self, message: Message, cut: tuple[int, int]) -> bool:
        """Whether a cut range is a span in quote marks ("'apology'"): a scare-quote cue."""
        inside = [w.key for w in message.words if cut[0] <= w.start and w.end <= cut[1]]
        return len(inside) > 2 and inside[0] in self.quote_marks and inside[-1] in self.quote_marks

    def _scare_quoted(self, message: Message, phrase: Phrase) -> bool:
        """Whether a named thing is said inside quote marks in the message ("your 'laundry system'")."""
        keys = message.keys
        words = [w.lower() for w in phrase.words]
        words = words[1:] if words[0] in self.grammar.determiners else words
        for i in range(len(keys) - len(words) + 1):
            if keys[i : i + len(words)] == words and sum(key in self.quote_marks for key in keys[:i]) % 2:
                return True
        return False

    def _person_told(self, b: Behaviour, cut_ranges) -> str | None:
        """Whom the partner told what the writer shared ("u told my mum??" -> "my mum"), or None.

        "tell" otherwise needs what was told, so the grammar says no "told my mum"; only a person of the writer's own,
        with nothing else in the clause, is a confidence passed on ("you told me you'd call" is not).
        """
        if b.head not in self.jab.person_told_verbs:
            return None
        words = self._in_clause(b.complement)
        if len(self.grammar.clean(words, cut_ranges)) != len(words) or len(words) != 2:
            return None
        owner, person = words
        if owner.key in self.jab.person_told_determiners and person.key in self.people:
            return f"{owner.display.lower()} {person.display.lower()}"
        return None

    def _typed_doing(
        self, message: Message, verb: str, words: Sequence[Word], mocks_an_effort: bool, cut_ranges, kind: str
    ) -> list[Candidate]:
        """A doing the partner did, as typed ("you emptied the dishwasher"): thanked for where the jab mocks it as praise,
        but not one they only tried ("you tried to do the seating plan": what the writer thinks of how it turned out);
        a fault ("well done, u forgot the tickets", "idiot. u locked me out") said back either way; next to name-calling
        with no praise ("u dumb cow, u told my mum??"), the doing is what hurt, whatever its verb; otherwise, without
        praise, any other doing may be an effort or a fault, so it is left alone."""
        treated = "praised" if mocks_an_effort else "mocked"
        keys = [w.key for w in words]
        if verb in self.jab.attempt_verbs and keys[:1] == ["to"] and len(keys) > 1 and keys[1] in self.grammar.known_verbs:
            verb, words, treated = keys[1], words[2:], "attempted"  # "you tried to fix the boiler": it did not come off
        doing = self._partner_doing(verb, words, cut_ranges, treated, bare_ok=mocks_an_effort)
        insulted = kind == "insult" and not mocks_an_effort
        if doing is None or not (mocks_an_effort or insulted or doing.verb in self.jab.never_thanked):
            return []
        if insulted and doing.verb not in self.jab.behaviour_kinds:
            doing = replace(doing, treated="insulted")
        text = self._doing_text(doing, message)
        return [(text, True)] if text else []

    def _subjectless_pasts(self, message: Message) -> Iterator[tuple[str, list[Word]]]:
        """A sentence of a jab that opens with a typed past and no subject ("Paid the light bill one time"): the
        partner's doing, the jab's subject said before it ("What a hero."); or such a clause after a comma, with no
        subject before it in its sentence ("so clever, locked urself out again")."""
        for n, sentence in enumerate(message.sentences):
            keys = [w.key for w in sentence]
            starts = [0] if n else []
            starts += [i for i, key in enumerate(keys) if i and keys[i - 1] == "," and self.subject_pronouns.isdisjoint(keys[:i])]
            for i in starts:
                if self._past_form(keys[i]) and keys[i] not in self.jab.auxiliaries:
                    yield self.lexicon.base_of_form[keys[i]], sentence[i + 1 :]

    def mocked_behaviour(self, message: Message, cut_ranges) -> str | None:
        """A sentence about the partner's doing a jab mocks (``_mocked_doing``), or None."""
        doing = self._mocked_doing(message, cut_ranges)
        return self._doing_text(doing, message) if doing else None

    def _mocked_doing(self, message: Message, cut_ranges) -> MockedDoing | None:
        """The partner's doing a jab mocks, as a recognised verb phrase: "sitting on the couch", "sleeping until noon".

        Read from a gerund ("a hard day of sitting on the couch"), an infinitive after a mocking word ("too important
        to do a school run"), or whatever follows a mocking lead-in ("must be nice to sleep", "nice of you to finally
        show up", "look who finally woke up"). The nouns of a jab ("poor baby") are part of the joke; the behaviour is
        what the writer is upset about. Not from a sentence about the writer's own doing or someone else's.
        """
        templates = self.templates["contempt"]
        attempts = self.jab.attempt_verbs
        lead_ins = frozenset(templates["mocked_infinitive_after"]) | attempts
        subjects: dict[str, str] = templates["subject_words"]
        be_forms = frozenset(templates["be_forms"])
        gerund_after = self.grammar.prepositions | frozenset(templates["gerund_after"]) | self.jab.effort_adverbs
        for sentence in message.sentences:
            keys = [w.key for w in sentence]
            subject = None
            for i, key in enumerate(keys):
                lead = self.jab.doing_lead_ins.at(keys, i)
                if lead is not None:
                    doing = self._doing_after_lead_in(sentence, keys, i + len(lead), self.jab.treated_after[lead], cut_ranges)
                    if doing is not None:
                        return doing
                subject = subjects.get(key, subject)
                # "I'm sick of doing everything", "the present is still sitting in my basket": not the partner's doing
                if subject not in ("partner", None) or subject is None and not be_forms.isdisjoint(keys[:i]):
                    continue
                # "cute when you try to do the taxes", but not the order "do try to keep up"
                infinitive = key in self.grammar.known_verbs and i >= 2 and keys[i - 1] == "to" and keys[i - 2] in lead_ins
                infinitive = infinitive and (keys[i - 2] not in attempts or subject == "partner")
                # a gerund opens its clause ("Big man, yelling at ...") or follows a preposition ("a hard day of sitting");
                # after a noun it belongs to someone else ("your mum doing your laundry"), after "without" it was not done
                opens = i == 0 or not keys[i - 1].isalpha()
                gerund = key.endswith("ing") and (opens or keys[i - 1] in gerund_after)
                gerund = gerund and (i == 0 or keys[i - 1] not in self.jab.not_done_after)
                base = key if infinitive else self.lexicon.base_of_form.get(key) if gerund else None
                if base is None:
                    continue
                before = [k for k in keys[:i] if k.isalpha() and k not in self.jab.effort_adverbs]
                # "congrats on emptying the dishwasher", "cute when you try to do the taxes": an effort, mocked;
                # "do carry on explaining" goes on with it
                praised = bool(before) and before[-1] in templates["praise_before_effort"] or infinitive and keys[i - 2] in attempts
                praised = praised and not (len(before) > 1 and before[-2] in self.jab.going_on_verbs)
                # "a long day sitting at his desk", said of the partner: "your desk"
                of_them = subject is None and not self.jab.his_words.isdisjoint(keys) and self.jab.your_words.isdisjoint(keys)
                treated = "praised" if praised else "mocked"
                if infinitive and keys[i - 2] in self.jab.failed_attempts:
                    treated = "attempted"  # "you tried to fix the boiler": it did not come off, so no thanks for it
                doing = self._partner_doing(base, sentence[i + 1 :], cut_ranges, treated, of_them, bare_ok=opens or praised)
                if doing is not None:
                    return doing
        return None

    def _doing_after_lead_in(self, sentence: list[Word], keys: list[str], at: int, treated: str, cut_ranges) -> MockedDoing | None:
        """The doing right after a mocking lead-in: "to sleep till noon", "to finally show up", "(look who) woke up".

        After "look who" only a past form counts: "look who's talking" is an idiom, not something done.
        """
        skips = self.jab.lead_in_skips | self.jab.effort_adverbs
        infinitive = False
        while at < len(keys) and keys[at] in skips:
            infinitive = infinitive or keys[at] == "to"
            at += 1
        if at >= len(keys):
            return None
        key = keys[at]
        if treated == "welcomed_past":
            base = self.lexicon.base_of_form.get(key)
            if infinitive or base is None or key.endswith("ing"):
                return None
            treated = "welcomed"
        elif infinitive:
            base = key if key in self.grammar.known_verbs else None
        else:
            base = self.lexicon.base_of_form.get(key) if key.endswith("ing") else None
        if base is None:
            return None
        return self._partner_doing(base, sentence[at + 1 :], cut_ranges, treated)

    def _partner_doing(
        self, verb: str, words: Sequence[Word], cut_ranges, treated: str, of_them: bool = False, bare_ok: bool = True
    ) -> MockedDoing | None:
        """The partner's doing from its verb and the words after it, when all of it is recognised.

        "managed to reply" is replying; "working out how to use the calendar" keeps its "out how to". The measure a
        jab puts on an effort ("for a whole hour", "within 6 hours", "all by yourself") is left out; on a behaviour it
        is kept when it can be ("ghosting me for two weeks"), as is a clock time ending it ("till noon", "at 2pm").
        """
        templates = self.templates["contempt"]
        words = self._in_clause(words)
        keys = [w.key for w in words]
        if verb in self.jab.unwrapped_verbs and keys[:1] == ["to"] and len(keys) > 1 and keys[1] in self.grammar.known_verbs:
            verb, words, keys = keys[1], words[2:], keys[2:]  # "you managed to reply": the replying is the doing
        how_to = next((tuple(p) for p in templates["how_to_after"].get(verb, ()) if tuple(keys[: len(p)]) == tuple(p)), ())
        inner = verb
        if how_to:
            if len(keys) <= len(how_to) or keys[len(how_to)] not in self.grammar.known_verbs:
                return None
            inner = keys[len(how_to)]
            words, keys = words[len(how_to) + 1 :], keys[len(how_to) + 1 :]
        if verb in self.jab.not_mocked_verbs or inner in self.jab.not_mocked_verbs:
            return None
        measured = words[: self._measure_at(keys)]
        tries = [words, measured] if treated == "mocked" and len(measured) < len(words) else [measured]
        for tried in tries:
            judging_ok = bool(how_to) and inner in self.jab.how_to_said_back
            rest = self._said_after(inner, tried, cut_ranges, treated, of_them, bare_ok, judging_ok)
            if rest is not None:
                return MockedDoing(verb, " ".join(([*how_to, inner] if how_to else []) + rest), treated)
        return None

    def _said_after(
        self, verb: str, words: list[Word], cut_ranges, treated: str, of_them: bool, bare_ok: bool, judging_ok: bool = False
    ) -> list[str] | None:
        """The words a doing says after its verb, or None when they are not all recognised or say too little.

        Nothing after the verb says too little for a behaviour ("sleeping"), but not for an effort of
        ``thanked_alone`` ("you vacuumed"); unless ``bare_ok``, a doing with no object says too little too ("a week
        of moving in" is seldom the partner's alone).
        """
        # "a whole sandwich": the jab's emphasis, not the doing
        words = [w for w in words if w.key not in self.jab.intensifiers]
        if verb in self.jab.faults_said_alone and all(w.key in self.jab.fault_counts for w in words):
            return []  # "of course you forgot", "u forgot again??": a fault is whole alone
        clock = self._clock_time(words)
        if clock:
            words = words[: clock[0]]
        if len(words) == 1 and words[0].key in self.grammar.particles:
            said = Phrase((verb, words[0].key), (False, False), verb)  # "show up": a phrasal verb, whatever else it takes
        else:
            swap = "third_person" if of_them else ""
            said = self.grammar.verb_phrase(
                verb, words, negative=False, swap=swap, cut_ranges=cut_ranges, alone_ok=True, judging_ok=judging_ok
            )
        if said is None or "you" in said.words[1:] and not of_them:  # not "coming from you"
            return None
        rest = [self.templates["contempt"]["effort_word_swaps"].get(w.lower(), w) for w in _rest(said).split()]
        if not rest and not clock:
            return [] if treated not in ("mocked", "attempted") and verb in self.jab.thanked_alone else None
        if rest and all(w.lower() in self.grammar.reflexives.values() for w in rest):
            return None  # "congrats, u played urself": an idiom, not an effort
        if rest and not said.has_object and not (bare_ok and (clock or not self.jab.placing_words.isdisjoint(rest))):
            return None  # "replying again": only an adverb
        return rest + ([clock[1]] if clock else [])

    def _in_clause(self, words: Sequence[Word]) -> list[Word]:
        """The words up to the clause's first punctuation mark ("show up, only 2 hours late" -> "show up"); a hyphen
        inside a word ("mother-in-law") and quote marks do not end it."""
        for i, word in enumerate(words):
            inside = word.key == "-" and word.attached or word.key in self.grammar.skipped
            if not inside and not any(c.isalnum() for c in word.key):
                return list(words[:i])
        return list(words)

    def _measure_at(self, keys: list[str]) -> int:
        """Where the measure a jab puts on a doing starts ("for a whole hour", "all by yourself"), or the end."""
        for i, key in enumerate(keys):
            if self.jab.measure_phrases.at(keys, i):
                return i
            if key in self.jab.measure_prepositions:
                after = [k for k in keys[i + 1 : i + 4] if k not in self.jab.measure_skips]
                if after and (after[0].isdigit() or after[0] in self.jab.counts):
                    return i
        return len(keys)

    def _clock_time(self, words: list[Word]) -> tuple[int, str] | None:
        """A clock time ending the doing, where it starts and as said back: "till noon" -> "until noon", "at 2pm"."""
        templates = self.templates["contempt"]["clock_times"]
        keys = [w.key for w in words]
        for i, key in enumerate(keys[:-1]):
            if key not in templates["lead_ins"]:
                continue
            end = i + 2
            if keys[i + 1].isdigit():
                if end < len(keys) and keys[end] in templates["day_halves"]:
                    end += 1  # "2 p.m."
            elif keys[i + 1] not in templates["times"]:
                continue
            if end < len(keys) and keys[end] not in self.grammar.safe_cuts and keys[end] not in templates["ends_before"]:
                continue
            said = [self.grammar.said_as.get(key, key)] + [w.display for w in words[i + 1 : end]]
            return i, " ".join(said[:2]) + "".join(said[2:])  # "at 2pm"
        return None

    def _doing_text(self, doing: MockedDoing, message: Message) -> str | None:
        """Thanks for an effort; gladness for a doing welcomed late ("look who finally showed up"); the writer's own
        feeling and need under an effort mocked as trivial or owed (``_expected_effort_text``); otherwise the
        writer's feeling and need about the behaviour, or a plain request to talk about it."""
        templates = self.templates["contempt"]
        past = self.lexicon.past_of_base.get(doing.verb)
        rest = f" {doing.rest}" if doing.rest else ""
        thanked = doing.verb not in self.jab.never_thanked
        if doing.treated == "welcomed" and thanked and past and doing.verb in self.jab.welcome_verbs:
            return templates["welcomed"].format(behaviour=f"{past}{rest}")
        if doing.treated in ("praised", "welcomed") and thanked:
            keys = message.keys
            if doing.verb not in self.expected_efforts.real_effort_verbs and self.expected_efforts.belittled(keys):
                return self._expected_effort_text(doing, keys)
            return templates["appreciation"].format(behaviour=f"{self.lexicon.ing_of(doing.verb)}{rest}")
        if doing.treated == "attempted":
            thing = doing.verb in templates["attempt_thing_verbs"] and doing.rest
            return templates["attempted"].format(behaviour=doing.rest if thing else f"{self.lexicon.ing_of(doing.verb)}{rest}")
        if doing.treated == "insulted" and past:
            return templates["with_insulted"].format(behaviour=f"{past}{rest}")
        kind = self.jab.behaviour_kinds.get(doing.verb)
        if kind and past:
            text = _rotated(templates["with_mocked_kind"], message)[0]
            return text.format(feeling=kind["feeling"], behaviour=f"{past}{rest}", need=kind["need"])
        return templates["with_mocked"].format(behaviour=f"{self.lexicon.ing_of(doing.verb)}{rest}")

    def _expected_effort_text(self, doing: MockedDoing, keys: list[str]) -> str | None:
        """The writer's feeling and need under an effort mocked as trivial or owed, by the kind of doing: a chore or a
        thing to remember named when it is said back whole ("I'd love it if remembering my birthday came without a
        reminder"), else a line of its kind; None for a doing of no kind ("finding the dishwasher" is the jab's joke)."""
        efforts = self.expected_efforts
        rest = doing.rest.split()
        verb = rest[1] if rest[:1] == ["to"] and len(rest) > 1 else doing.verb  # "remembered to call": a call
        category = self.lexicon.category_of_verb.get(verb)
        if verb in self.light_verbs:  # "took the bins out", "did the dishes": the kind of what was done, by its head
            # noun ("paid your own phone bill" is a bill, not a call)
            head = next((w.lower() for w in reversed(rest) if w.lower() not in self.grammar.particles), "")
            category = self.jab_topics.get(head, category)
        if category is None:
            return None
        whole = efforts.measure_words.isdisjoint(keys)  # "one plate" is said back as "the plate"
        thing = rest[-1:] != [] and verb == doing.verb and rest[-1].lower() not in efforts.unnamed_memory_heads
        if category in efforts.named and whole and (category != "memory" or thing):
            said = f"{self.lexicon.ing_of(doing.verb)} {doing.rest}".strip()
            return efforts.named[category].format(behaviour=said)
        return efforts.plain.get(category, efforts.plain["default"])

    def _mocked_expertise(self, message: Message) -> str | None:
        """The thing a jab at the partner's knowledge is about ("your vast knowledge of the boiler"), or None."""
        nouns, prepositions = self.expertise_nouns, self.expertise_prepositions
        for sentence in message.sentences:
            if nouns.isdisjoint(w.key for w in sentence):
                continue
            kept = self.grammar.clean(sentence)
            keys = [w.key for w in kept]
            for i in range(len(keys) - 2):
                if keys[i] in nouns and keys[i + 1] in prepositions:
                    found = self.grammar.noun_phrase_at(kept, i + 2)
                    if found is not None and self.grammar.names_a_thing(found) and found.head not in self.grammar.not_topics:
                        return found.text()
        return None

    def _belittled_help(self, message: Message) -> str | None:
        """An effort named as a noun and belittled ("thanks for your 'help' with the packing"): "your help with the packing"."""
        templates = self.templates["contempt"]
        efforts, lead_ins = frozenset(templates["effort_nouns"]), frozenset(templates["effort_noun_lead_ins"])
        for sentence in message.sentences:
            kept = self.grammar.clean(sentence)  # without the scare quotes
            keys = [w.key for w in kept]
            for i in range(1, len(keys) - 2):
                if keys[i - 1] == "your" and keys[i] in efforts and keys[i + 1] in lead_ins:
                    found = self.grammar.noun_phrase_at(kept, i + 2)
                    if found is not None and self.grammar.names_a_thing(found) and found.head not in self.grammar.not_topics:
                        return f"your {keys[i]} {keys[i + 1]} {found.text()}"
        return None

    def venting(self, message: Message, cut_ranges) -> list[Candidate]:
        """Mockery of someone outside the conversation: say the frustration, and ask to be heard."""
        templates = self.templates["venting"]
        topic = self.topic(message, cut_ranges) or self.named_thing(message, cut_ranges)  # "the trains", "the council"
        specific = [(templates["with_topic"].format(topic=topic.text()), True)] if topic else []
        return specific + [(templates["plain"], False)]

    # -- deflecting: defensiveness ---------------------------------------------

    def defensiveness(self, message: Message, voice: Voice, rules: set[str], cut_ranges) -> list[Candidate]:
        """Take responsibility for the writer's own part: what they did, meant to do, or were accused of.

        An action is owned only when it is a fault ("I forgot the groceries") or
        admitted ("yes I bought the kayak, but ..."): "I dropped him off" is not
        something to apologise for.
        """
        templates = self.templates["defensiveness"]
        # "I only yelled bc u wouldnt stop filming me": the excuse's nouns are not what the partner is upset about
        topic_cuts = [*cut_ranges, *self._excuse_clauses(message)]
        topic = self.topic(message, topic_cuts)
        kind = voice.deflection or "excuse"
        # "the seating plan": say what it is about, but a counter-attack's topic is the partner's doing, not the writer's
        # part, and a writer feeling criticised names only what they did ("I finally mow the lawn")
        defended = self._defended(message, cut_ranges)
        if kind == "counter" and defended and defended.split()[0] in self.partner_possessives:
            kind = "excuse"  # "You have a point about your shift overrunning" concedes the partner's own doing
        # "I DID take the trash out. The truck just didn't come": the thing done ("the trash"), not the truck, not the doing
        if defended or kind == "victim" or self._insists(message):
            named = defended or _text(self._own_doing(message, topic_cuts))
        else:
            # "he had a temperature", "a party on a Sunday": a thing first brought up with "a" is news, not what the
            # partner is upset about ("it's a scratch on the bumper" plays down what they are upset about)
            # "I was at the hospital", "stuff in the sink": where something happened is not what the partner is upset about
            known = kind != "minimising"
            shared = self.topic(message, topic_cuts, known_only=known, unplaced=True)
            thing = self.named_thing(message, topic_cuts, known_only=known, unplaced=True) if kind != "counter" else None
            named = _text(shared or thing)
        if not named and kind != "counter":  # "I never said I wouldn't go to your reunion"
            named = _text(self.occasion(message, topic_cuts, answering_back=False))
        about = f" about {named}" if named else ""
        topic_category = self.topic_nouns.get(topic.head) if topic else None
        category = self._promising(topic_category)
        if kind == "excuse" and named and self._someone_elses_decision(named):
            kind = "others_decision"  # "it's Dad's decision": not the writer's part to apologise for
        elif kind == "excuse" and self.uninvolved.found_in(message.keys):
            kind = "others_decision"  # "I wasn't even home when the pot burnt": no part of theirs either
        elif kind == "excuse" and defended and not defended.startswith("me ") and defended == self._denied_fault(message, cut_ranges):
            kind = "others_fault"  # "not my fault the train broke down": only the defensive reply is the writer's part
        elif kind == "excuse" and category:
            kind = "excuse_with_promise"  # a promise that fits what it was about: "I'll check with you before I spend"
        elif kind == "excuse" and named and topic_category in self.practical_categories:
            kind = "excuse_practical"  # a chore or a booking: a next step, not "what was it like for you?"
        elif kind == "excuse" and named and self._worrying(named):
            kind = "excuse_worry"  # "I DID check the straps": the partner was worried, not through something hard
        outside = self.outside_causes.found_in(message.keys)  # "the bus didn't come": no reminder
        promise = self._outside_or(self._fitting_promise(category, message) if category else "", outside)
        said_by_kind = _rotated(templates["kinds"][kind], message)
        it = _pronoun(named) if named else "it"
        by_kind = [(variant.format(about_topic=about, promise=promise, it=it), bool(named)) for variant in said_by_kind]
        unnamed = [(variant.format(about_topic="", promise=promise, it="it"), False) for variant in said_by_kind] if named else []
        owned = self.known_excuses_of(message)
        promised = self._promise_not_kept(message, cut_ranges)
        if promised:  # "i SAID i'd pay you back": the promise owned as not kept yet
            owned.append((templates["said_would"].format(behaviour=promised), True))
        for b, intended in message.speaker_behaviours:
            state = b.head.lower()
            if b.form == "state" and state in self.state_promises and not intended:  # "I was late because ..."
                template = templates["denied_state"] if b.negative else templates["own_state"]
                owned.append((template.format(state=state, promise=self.state_promises[state]), True))
                continue
            person = self._manner_towards(b) if not intended else None
            if person:  # "i was just being nice to her"
                owned += [(variant.format(person=person), True) for variant in _rotated(templates["manner"], message)]
                continue
            if b.form != "action" or b.head in self.excuses and not (intended and b.head in self.meant_excuse_verbs):
                continue
            if not b.negative and (self._imagined(message, b) or not intended and self._no_fault(message, b)):
                continue  # "acting like I burned the kitchen down", "I DID hang the washing out"
            complement = self._before_excuse(b.complement)
            kept, planned = self._planned_day(complement) if intended else (complement, "")
            if planned and self.grammar.verb_phrase(b.head, kept, negative=True, cut_ranges=cut_ranges) is not None:
                complement = kept  # "pay u back friday"; "pay it on Friday" is said whole, as before
            else:
                planned = ""
            excused = len(complement) < len(b.complement) or self._excuse_follows(message, b)  # "i forgot cos ..."
            said = self.grammar.verb_phrase(b.head, complement, negative=True, cut_ranges=cut_ranges)
            past = self.lexicon.past_of_base.get(b.head)
            # "i forgot cos u gave me 10 things", "i only yelled bc ...": a fault owned with nothing after it
            owned_alone = excused and b.head in self.fault_verbs and (said is not None or not complement)
            # "I wasn't flirting", "i didn't ignore you": denied, with no object or only the partner
            only_partner = all(w.key == "you" for w in complement)
            denied_alone = b.negative and only_partner and b.head in self.denied_alone_verbs
            if b.negative and b.past and not complement and self._shrugged(message, b):  # "so what if i didnt reply"
                owned += [(variant.format(clause=f"didn't {b.head}"), True) for variant in _rotated(templates["excused_action"], message)]
                continue
            if not (owned_alone or denied_alone) and (said is None or not said.has_object and not intended):
                continue
            rest = _rest(said) if said is not None else "".join(f" {w.key}" for w in complement if denied_alone)
            if past and b.past and owned_alone and not rest:
                owned += [(variant.format(clause=past), True) for variant in _rotated(templates["excused_action"], message)]
            elif intended:
                meant = self.grammar.verb_phrase(b.head, complement, negative=True, request=True, cut_ranges=cut_ranges)
                if planned:  # "i was gonna pay u back friday": the plan kept, with its day
                    owned.append((templates["planned_action"].format(behaviour=(meant or said).text(), time=planned), True))
                    continue
                template = templates["meant_news"] if b.head in self.meant_news_verbs else templates["intended_action"]
                owned.append((template.format(behaviour=(meant or said).text()), True))
            elif past and b.past and (b.negative or b.head in self.fault_verbs or rules & self.admission_rules or self._granted(message, b)):
                template = templates["denied_action"] if b.negative else templates["own_action"]
                promise = self.denied_alone_verbs[b.head] if denied_alone else self._outside_or(self._promise_for(b, topic, message), outside)
                owned.append((template.format(clause=f"{past}{rest}", promise=promise), True))
            elif past and b.past and (excused or self._played_down(message, b)):  # "I only moved your papers"
                owned += [(variant.format(clause=f"{past}{rest}"), True) for variant in _rotated(templates["excused_action"], message)]
        # "I didn't exactly have time to text": own not texting, without the excuse, before the thing it was about
        no_time_for = self._no_time_for(message, cut_ranges)
        not_done = [(variant.format(clause=f"didn't {no_time_for}"), True) for variant in _rotated(templates["excused_action"], message)] if no_time_for else []
        if kind == "counter":
            owned += self._mirrored(message, topic, cut_ranges, habits=defended is None)
        said = self._insisted_said(message)
        if said:  # "I did ask you!": the asking kept, only how clearly it was said owned
            owned.insert(0, (templates["insisted_said"].format(said=said), True))
        unaware = self._unaware_of(message, cut_ranges)
        if unaware:  # "how was I supposed to know your sister was coming": own not knowing it
            owned.insert(0, (templates["unaware"].format(thing=unaware), True))
        granted = self._granted_fault(message, cut_ranges) if kind == "counter" else None
        countered = self._countered(message, cut_ranges, granted) if kind == "counter" else []
        if voice.deflection in ("victim", "minimising"):
            return not_done + by_kind + owned + countered + unnamed
        if granted and countered:  # "yes i forgot but u forgot my bday": own it, and keep the partner's doing for later
            return not_done + countered + owned + by_kind + unnamed
        # a counter-attack's named thing is the partner's doing: "You've got a point about my birthday" concedes it
        return not_done + owned + (countered + by_kind if countered else by_kind) + unnamed

    def _promise_not_kept(self, message: Message, cut_ranges) -> str | None:
        """What the writer insists they said they would do, not yet done: "i SAID i'd pay you back" -> "pay you back".

        Only a doing with a concrete object; not one the clause gives a time for ("i said i'd do it tomorrow", "by the
        end of the month": it may not be due yet), one the writer goes on to excuse ("... but you took the car") nor
        one the writer says they did ("... and i did the laundry").
        """
        done = {b.head for b, meant in message.speaker_behaviours if not meant and not b.negative and b.past}
        for kept, keys, at in self._after_lead_ins(message, cut_ranges, self.said_would_lead_ins):
            clause = _up_to_punctuation(kept[at + 1 :])
            base = keys[at] if at < len(keys) else ""
            timed = any(w.key in self.plan_days or w.key in self.grammar.request_time or w.key in self.due_words for w in clause)
            turned = not self.admission_turns.isdisjoint(keys[at:])  # "... but you took the car": an excuse, answered as one
            if base not in self.grammar.known_verbs or base in done or timed or turned:
                continue
            said = self.grammar.verb_phrase(base, clause, negative=True, cut_ranges=cut_ranges)
            if said is not None and said.has_object:
                return said.text()
        return None

    def _someone_elses_decision(self, named: str) -> bool:
        """Whether a named thing is a decision the message gives to someone other than the writer: "Dad's decision"."""
        words = named.split()
        owned = any(w.endswith("'s") for w in words[:-1]) and words[0].lower() != "my"
        return owned and words[-1].lower() in self.decision_nouns

    def _planned_day(self, complement: Sequence[Word]) -> tuple[Sequence[Word], str]:
        """What was meant, without the day it was planned for, and that day as said back ("on Friday"); "" if none.

        A time said by what comes first ("after my shower", ``plan_time_words``) is a plan's day too: "next time I'll
        walk him after my shower straight away" would say it twice over.
        """
        keys = [w.key for w in complement]
        at = next((i for i, key in enumerate(keys) if key in self.plan_days), None)
        if at is None:
            nouns = self.grammar.determiners | self.grammar.nouns  # "after my shower", not "once I got home"
            timed = (i for i, key in enumerate(keys[:-1]) if i > 0 and key in self.plan_time_words and keys[i + 1] in nouns)
            at = next(timed, None)
            if at is None:
                return complement, ""
            return complement[:at], " ".join(w.display for w in _up_to_punctuation(list(complement[at:])))
        start = at
        while start > 0 and keys[start - 1] in self.plan_day_lead_ins:
            start -= 1
        weekday = {key for key in self.plan_days if key.endswith("day")}
        day = [w.display.capitalize() if w.key in weekday else w.display for w in _up_to_punctuation(list(complement[start:]))]
        if start == at and keys[at] in weekday:
            day.insert(0, "on")  # "friday" -> "on Friday"
        return complement[:start], " ".join(day)

    def known_excuses_of(self, message: Message) -> list[Candidate]:
        """The everyday excuses the message gives ("my phone died"), each owned with what it cost the partner."""
        keys = message.keys
        return [(excuse, True) for excuse, phrases, own in self.known_excuses if phrases.found_in(keys) or self._said_of_writer(own, keys)]

    def _said_of_writer(self, phrases: PhraseSet, keys: list[str]) -> bool:
        """Whether one of ``phrases`` is said of the writer: "i" among the few words before it, and no "you" after
        that "i" ("i was only 20 min late", not "u were 1 hour late")."""
        for i in phrases.positions(keys):
            before = keys[max(0, i - self.own_excuse_reach) : i]
            if "i" in before and "you" not in before[len(before) - before[::-1].index("i") :]:
                return True
        return False

    def _granted(self, message: Message, b: Behaviour) -> bool:
        """Whether the writer grants their own doing before a 'but': "yes I raised my voice, but you pushed me"."""
        if b.start not in message.starts_after(self.admission_openers):
            return False
        return any(w.key in self.admission_turns for w in message.words if w.start >= b.start)

    def _mirrored(self, message: Message, topic: Phrase | None, cut_ranges, habits: bool) -> list[Candidate]:
        """'well u didn't text me either': own not texting, as "You're right that I didn't text you"; 'you left the
        porch light on all week too': own leaving it on, as "You're right that I left the porch light on".

        ``habits``: a habit mirrored ("YOU never help with Mum either") is owned too, as "... that I don't help with
        Mum"; not when the message says what the accusation was about ("don't lecture me about the dishes").
        """
        templates = self.templates["defensiveness"]
        swaps = self.lexicon.words["first_person_swaps"]
        found = []
        for b in message.behaviours:
            keys = [w.key for w in b.complement]
            mirror = self.mirror_words["negative" if b.negative else "positive"]
            at = next((i for i, key in enumerate(keys) if key in mirror), None)
            if b.form != "action" or not (b.past or habits and b.negative) or at is None:
                continue
            said = self.grammar.verb_phrase(b.head, b.complement[:at], negative=True, cut_ranges=cut_ranges)
            if said is None:  # "you didn't text me all day yesterday either": the doing, without the measure put on it
                said = self.grammar.verb_phrase(b.head, b.complement[: self._timed_at(keys[:at])], negative=True, cut_ranges=cut_ranges)
            if said is None or not said.has_object:
                continue
            turned = " ".join(swaps.get(w.lower(), w) for w in _rest(said).split())
            if b.negative:
                negated = "didn't" if b.past else "don't"  # "well YOU never help with Mum either"
                clause = f"{negated} {b.head} {turned}".rstrip()
            else:
                clause = f"{self.lexicon.past_of_base[b.head]} {turned}".rstrip()
            found.append((templates["own_action"].format(clause=clause, promise=self._promise_for(b, topic, message)), True))
        return found

    def _countered(self, message: Message, cut_ranges, granted: str | None = None) -> list[Candidate]:
        """The partner's own past doing a counter-attack names ("ur the one who left me on read first"), said back as
        what hurt the writer, to come back to later (``countered``); after the writer's own fault, when they
        ``granted`` it ("yes i forgot but ...": ``countered_owned``)."""
        templates = self.templates["defensiveness"]
        found = []
        mirror = frozenset().union(*self.mirror_words.values())
        for b in message.behaviours:
            past = self.lexicon.past_of_base.get(b.head)
            keys = [w.key for w in b.complement]
            if b.form != "action" or not b.past or past is None or not mirror.isdisjoint(keys):
                continue  # "it's not like u were texting me either": mirrored, owned as the writer's own (``_mirrored``)
            if self._after_lead_in(message, b, self.unreal_lead_ins + self.conditional_lead_ins):
                continue  # "maybe if you'd answered your phone": what the partner did not do
            said = self.grammar.verb_phrase(b.head, b.complement[: self._timed_at(keys)], negative=b.negative, cut_ranges=cut_ranges)
            if said is None or not said.has_object:
                continue
            doing = f"didn't {b.head}{_rest(said)}" if b.negative else f"{past}{_rest(said)}"
            said_back = _rotated(templates["countered_owned" if granted else "countered"], message)
            found += [(variant.format(behaviour=doing, clause=granted), True) for variant in said_back]
        return found

    def _granted_fault(self, message: Message, cut_ranges) -> str | None:
        """The writer's own fault, granted before a 'but' ("yes i forgot, but u ..."), as said back ("forgot"), or None."""
        for b, intended in message.speaker_behaviours:
            past = self.lexicon.past_of_base.get(b.head)
            if intended or b.form != "action" or not b.past or b.negative or past is None or b.head not in self.fault_verbs:
                continue
            if not self._granted(message, b):
                continue
            if not b.complement:
                return past
            said = self.grammar.verb_phrase(b.head, b.complement, negative=True, cut_ranges=cut_ranges)
            if said is not None and said.has_object:
                return f"{past}{_rest(said)}"
        return None

    def _timed_at(self, keys: list[str]) -> int:
        """Where the time or measure a counter-attack puts on a doing starts ("all day", "yesterday", "last week"), or
        what it says was not done with it ("booked the cruise without asking me": the doing is booking the cruise); or
        the end."""
        timed = self.grammar.past_time | self.grammar.request_time | self.jab.not_done_after
        return min(self._measure_at(keys), next((i for i, key in enumerate(keys) if key in timed), len(keys)))

    def _worrying(self, named: str) -> bool:
        """Whether a thing is one a partner worries about (pills, a car seat's straps), not a pet: said with "what was
        the hardest bit for you?", it would treat the worry as an ordeal."""
        head = named.split()[-1].lower()
        return head in self.worry_things or self.worry_group.get(head) in self.worried_groups

    def _defended(self, message: Message, cut_ranges) -> str | None:
        """What the writer defends, which is what the partner is upset about, said as a phrase that fits after 'about'.

        "not my fault your mom showed up two hours early" -> "your mom showing up two hours early";
        "I only turned my hearing aids down" -> "turning my hearing aids down"; "so controlling about the thermostat" -> "the
        thermostat".
        """
        return (
            self._played_down_doing(message)
            or self._denied_fault(message, cut_ranges)
            or self._denied_own_doing(message, cut_ranges)
            or self._permitted_doing(message, cut_ranges)
            or self._defended_thing(message, cut_ranges)
        )

    def _denied_fault(self, message: Message, cut_ranges) -> str | None:
        """The clause after "not my fault", as a noun phrase and an -ing verb phrase: "your standup overrunning".

        When the verb is not said back ("your mum doesn't like the seating plan"), its object is: "the seating plan".
        """
        grammar = self.grammar
        for kept, keys, at in self._after_lead_ins(message, cut_ranges, self.fault_denials):
            while at < len(keys) and keys[at] in self.fault_clause_skips:
                at += 1
            subject = self._subject_at(kept, at)
            if subject is None:
                continue
            doing = self._doing(subject, kept, keys, at + len(subject.words))
            if doing is not None:
                return doing
            if subject.words[0].lower() in self.clause_subject_pronouns.values():
                continue  # "he hates the seating plan": who the pronoun means is not said
            clause = _up_to_punctuation(kept[at + len(subject.words) :])
            for j in range(len(clause)):
                thing = grammar.noun_phrase_at(clause, j)
                if thing is not None and grammar.names_a_thing(thing) and not self._names_a_person_or_nothing(thing):
                    return thing.text()
        return None

    def _denied_own_doing(self, message: Message, cut_ranges) -> str | None:
        """The writer's own doing they deny is the problem, which is what the partner is upset about, as "me" and an
        -ing verb phrase: "The problem isn't me forgetting" -> "me forgetting"."""
        for kept, keys, at in self._after_lead_ins(message, cut_ranges, self.own_doing_denials):
            base = self.lexicon.base_of_form.get(keys[at]) if at < len(keys) and keys[at].endswith("ing") else None
            after = _up_to_punctuation(kept[at + 1 :])
            said = self.grammar.verb_phrase(base, after, alone_ok=True) if base else None
            if said is not None or base in self.fault_verbs and not after:  # a fault is whole alone: "me forgetting"
                return f"me {self.lexicon.ing_of(base)}{_rest(said) if said else ''}"
        return None

    def _unaware_of(self, message: Message, cut_ranges) -> str | None:
        """What the writer says they could not have known, as a thing: "your sister coming", "the costume day"."""
        grammar = self.grammar
        for kept, keys, at in self._after_lead_ins(message, cut_ranges, self.unaware_lead_ins):
            while at < len(keys) and keys[at] in self.unaware_skips:
                at += 1
            subject = self._subject_at(kept, at)
            if subject is None:
                continue
            doing = self._doing(subject, kept, keys, at + len(subject.words))
            if doing is not None:
                return doing
            # "nobody told me about the costume day"; "nobody told me the function was at 5": the thing, not when it was
            after = _up_to_punctuation(kept[at + len(subject.words) :])
            whole = not after or after[0].key in self.clause_be_forms
            if whole and grammar.names_a_thing(subject) and not self._names_a_person_or_nothing(subject):
                return subject.text()
        return None

    def _no_time_for(self, message: Message, cut_ranges) -> str | None:
        """What the writer says they had no time or chance to do, as a recognised verb phrase: "text", "call your mum"."""
        for kept, keys, at in self._after_lead_ins(message, cut_ranges, self.no_time_lead_ins):
            if at < len(keys):
                said = self.grammar.verb_phrase(keys[at], _up_to_punctuation(kept[at + 1 :]), negative=True, cut_ranges=cut_ranges, alone_ok=True)
                if said is not None:
                    return said.text()
        return None

    def _doing(self, subject: Phrase, kept: list[Word], keys: list[str], verb_at: int) -> str | None:
        """A clause said as what its subject did, from where its verb starts; None unless every word is recognised.

        "didn't fix the boiler" -> "the landlord not fixing the boiler"; "was coming" -> "your sister coming"; "would
        bounce" -> "the check bouncing"; "was late" -> "the bus being late" (only a word of ``be_predicates``).
        """
        grammar, lexicon = self.grammar, self.lexicon
        if verb_at >= len(keys):
            return None
        unable = keys[verb_at] in self.ability_modals and keys[verb_at + 1 : verb_at + 2] == ["not"]
        if unable:  # "Grandad can't eat prawns" -> "Grandad not being able to eat prawns"
            base = keys[verb_at + 2] if verb_at + 2 < len(keys) else ""
            said = grammar.verb_phrase(base, _up_to_punctuation(kept[verb_at + 3 :]), alone_ok=True) if base in grammar.known_verbs else None
            return f"{subject.text()} not being able to {said.text()}" if said is not None else None
        negative = keys[verb_at] in ("do", "does", "did") and keys[verb_at + 1 : verb_at + 2] == ["not"]
        verb_at += 2 if negative else 0
        if not negative and keys[verb_at] in self.clause_modals:
            verb_at += 1  # "the check would bounce"
        elif not negative and keys[verb_at] in self.clause_be_forms and verb_at + 1 < len(keys):
            after = keys[verb_at + 1]
            if after in self.be_predicates and len(_up_to_punctuation(kept[verb_at + 2 :])) == 0:
                return f"{subject.text()} being {kept[verb_at + 1].display}"
            if not (after.endswith("ing") and after in lexicon.base_of_form):
                return None
            verb_at += 1  # "your sister was coming"
        if verb_at >= len(keys):
            return None
        word = keys[verb_at]
        base = lexicon.base_of_form.get(word)
        if (negative or keys[verb_at - 1] in self.clause_modals or base is None) and word in grammar.known_verbs:
            base = word  # "didn't fix", "would bounce", "the kids prefer": the base form itself
        if base is None and word.endswith("s") and word[:-1] in grammar.known_verbs:
            base = word[:-1]  # "your brother hates"
        clause = _up_to_punctuation(kept[verb_at + 1 :])
        said = grammar.verb_phrase(base, clause, negative=False, alone_ok=True) if base else None
        if said is None:
            return None
        return f"{subject.text()} {'not ' if negative else ''}{lexicon.ing_of(base)}{_rest(said)}"

    def _subject_at(self, words: list[Word], at: int) -> Phrase | None:
        """Who or what a clause is about: a noun phrase ("the dentist"), a person ("your mom") or a pronoun said as
        an object ("he" -> "him"), not a vague word."""
        found = self.grammar.noun_phrase_at(words, at)
        if found is not None:
            return None if found.head in self.grammar.not_topics else found
        pair = words[at : at + 2]
        if len(pair) == 2 and pair[0].key in self.grammar.determiners and pair[1].key in self.people:
            return Phrase(tuple(w.display for w in pair), (False, False), pair[1].key)
        if pair and pair[0].key in self.people and pair[0].display[:1].isupper():  # "Grandad", "Mum": a name
            return Phrase((pair[0].display,), (False,), pair[0].key)
        if pair and pair[0].key in self.clause_subject_pronouns:
            return Phrase((self.clause_subject_pronouns[pair[0].key],), (False,), pair[0].key)
        return None

    def _names_a_person_or_nothing(self, phrase: Phrase) -> bool:
        """"your mum", "the time", "the plan": not a thing the partner can be upset about ("the seating plan" is)."""
        return self._vague(phrase) or any(w.lower() in self.people for w in phrase.words)

    def _vague(self, phrase: Phrase) -> bool:
        """Whether the phrase names nothing in particular: "the one", "the plan", "the right time", "an hour late".

        A word that says little alone (``not_topics_alone``) says something after a noun ("the screen time", "the
        seating plan") or a participle ("the missed call"), not after an adjective or a vague word.
        """
        words, head, grammar = phrase.words, phrase.head, self.grammar
        if head not in self.not_topics_alone:
            return head in grammar.not_topics
        before = words[-2].lower() if len(words) > 2 else ""
        return before in grammar.not_topics or not (before in grammar.nouns or before.endswith("ed"))

    def _played_down_doing(self, message: Message) -> str | None:
        """What the writer plays down ("I only turned my hearing aids down"), as an -ing verb phrase.

        Not what they insist they did ("I did call your dad back"): the partner is upset about something else then.
        """
        for b, intended in message.speaker_behaviours:
            if b.form != "action" or b.negative or intended or not self._played_down(message, b):
                continue
            said = self.grammar.verb_phrase(b.head, self._before_excuse(b.complement))
            # "texting you" says nothing the partner does not know, and reads as if they had done it
            if said is not None and said.has_object and self.grammar.object_pronouns.isdisjoint(said.words[1:]):
                return f"{self.lexicon.ing_of(b.head)}{_rest(said)}"
        return None

    def _insists(self, message: Message) -> bool:
        """Whether the writer insists they did something: "I did call your dad back", "I DID clean the bathroom"."""
        return any(
            b.form == "action" and not b.negative and not intended and self._before_verb(message, b) & self.insisted_words
            for b, intended in message.speaker_behaviours
        )

    def _insisted_said(self, message: Message) -> str | None:
        """What the writer insists they said to the partner, as its past ("asked"): "I did ask you!", "I DID tell you".

        Only when what was said is not (the partner alone, or nothing): "I did tell you I might be late" names what the
        partner is upset about, which the other rules own."""
        for b, intended in message.speaker_behaviours:
            if b.form != "action" or b.negative or intended or b.head not in self.insisted_said_verbs:
                continue
            said_to = _up_to_punctuation(list(b.complement))
            if all(w.key == "you" for w in said_to) and self._before_verb(message, b) & self.insisted_words:
                return self.lexicon.past_of_base.get(b.head)
        return None

    def _imagined(self, message: Message, b: Behaviour) -> bool:
        """A doing the partner only imagines: "acting like I burned the kitchen down", "u act like i was trying to burn the
        place down"; not "forgive me if I forgot the milk"."""
        return self._after_lead_in(message, b, self.unreal_lead_ins)

    def _shrugged(self, message: Message, b: Behaviour) -> bool:
        """A doing not done that the writer shrugs off ("so what if i didnt reply"): admitted, when whole alone."""
        return b.head in self.grammar.fine_alone and self._after_lead_in(message, b, self.shrugged_lead_ins)

    def _after_lead_in(self, message: Message, b: Behaviour, lead_ins: Sequence[tuple[str, ...]]) -> bool:
        """Whether the clause of ``b`` comes straight after one of ``lead_ins`` ("like", "if")."""
        before = tuple(w.key for w in message.words if w.end <= b.start and any(c.isalnum() for c in w.key))
        return any(before[-len(lead) :] == lead for lead in lead_ins)

    def _no_fault(self, message: Message, b: Behaviour) -> bool:
        """Whether a doing of the writer's is no fault to own (``_about_not_owned`` in templates.json): insisted on,
        said to correct a denial, beside one that went well or a list of what the writer did right.

        Taking responsibility is for the writer's part in what went wrong; owning a good deed or something the
        partner only imagines reads as sarcasm.
        """
        if self._before_verb(message, b) & self.insisted_words:
            return True
        doings = [d for d, meant in message.speaker_behaviours if d.form == "action" and not meant]
        done = [d for d in doings if not d.negative]
        if any(self.good_outcomes.found_in([w.key for w in d.complement]) for d in done):
            return True  # "I booked the table in March, I confirmed twice"
        corrected = any(d.head == b.head and d.negative and d.start < b.start for d in doings)
        others = sum(1 for d in done if d is not b and d.past and d.head not in self.fault_verbs)
        return corrected or others >= self.contribution_count

    def _before_verb(self, message: Message, b: Behaviour) -> set[str]:
        """The words right before the behaviour's verb: "only" of "I only turned my hearing aids down"."""
        keys = [w.key for w in message.words if b.start <= w.start < b.end]
        return {k for k, n in zip(keys, keys[1:]) if self.lexicon.base_of_form.get(n, n) == b.head}

    def _played_down(self, message: Message, b: Behaviour) -> bool:
        """'I only repeated what your sister said': a doing played down, unless it is harmless in itself ("I only asked").

        An answer is a decision, not mere words: "I only said yes to your sister" is what the partner is upset about.
        """
        answered = b.complement[:1] and b.complement[0].key in self.grammar.answer_words
        harmless = b.head in self.harmless_verbs and not answered
        return bool(self._before_verb(message, b) & self.played_down_words) and not harmless

    def _before_excuse(self, words: Sequence[Word]) -> Sequence[Word]:
        """The words up to an excuse for them: "went" of "went bcos u said u didnt mind"."""
        return next((words[:i] for i, w in enumerate(words) if w.key in self.excuse_clause_openers), words)

    def _excuse_follows(self, message: Message, b: Behaviour) -> bool:
        """Whether an excuse opener comes right after the behaviour's clause: "i forgot | cos u gave me 10 things"."""
        after = next((w for w in message.words if w.start >= b.end), None)
        return after is not None and after.key in self.excuse_clause_openers

    def _excuse_clauses(self, message: Message) -> list[tuple[int, int]]:
        """Character ranges from each excuse ("because", "bc"), condition after a main clause ("... if your son
        would answer his own emails") or turn after what the writer grants ("Yes the kitchen's a mess, but I've had
        meetings since 8") to the end of its sentence."""
        return [
            (word.start, sentence[-1].end)
            for sentence in message.sentences
            for i, word in enumerate(sentence)
            if word.key in self.not_the_topic_after
            or i > 0 and word.key in self.blamed_conditions
            or word.key in self.admission_turns and self._grants_before(sentence[:i])
        ]

    def _grants_before(self, words: Sequence[Word]) -> bool:
        """Whether the words open with an admission and grant something ("Yes I forgot", not "Okay," alone)."""
        said = [w for w in words[1:] if w.key[:1].isalnum()]
        return bool(words) and words[0].key in self.admission_openers and len(said) >= self.granted_min_words

    def _manner_towards(self, b: Behaviour) -> str | None:
        """Who the writer was being friendly with ("being nice to her" -> "her"), when it is an object pronoun."""
        words = b.complement
        if b.head != "be" or len(words) != 3 or words[0].key not in self.manner_words or words[1].key not in self.manner_prepositions:
            return None
        who = words[2].key
        return who if who in self.clause_subject_pronouns.values() else None

    def _permitted_doing(self, message: Message, cut_ranges) -> str | None:
        """What the writer says they needed no permission for: "permission to buy a lawnmower" -> "buying a lawnmower"."""
        grammar = self.grammar
        for kept, keys in self._clean_sentences(message, cut_ranges):
            for i in range(len(keys) - 2):
                if keys[i] in self.defended_infinitive_after and keys[i + 1] == "to" and keys[i + 2] in grammar.known_verbs:
                    said = grammar.verb_phrase(keys[i + 2], kept[i + 3 :], negative=False)
                    if said is not None and said.has_object:
                        return f"{self.lexicon.ing_of(keys[i + 2])}{_rest(said)}"
        return None

    def _defended_thing(self, message: Message, cut_ranges) -> str | None:
        """A concrete thing right after "about" or "over": "so controlling about the thermostat", "a go at me over one missed call"."""
        grammar = self.grammar
        for sentence in message.sentences:
            kept = grammar.clean(sentence)  # the jab before it is not quoted, but does not hide it: checked below
            for i, word in enumerate(kept[:-1]):
                found = grammar.noun_phrase_at(kept, i + 1) if word.key in self.defended_lead_ins else None
                if not found or not grammar.names_a_thing(found) or self._names_a_person_or_nothing(found):
                    continue
                quoted = kept[i + 1 : i + 1 + len(found.words)]
                cut = any(start <= w.start < end for w in quoted for start, end in cut_ranges)
                if found.words[0] in grammar.determiners and not cut:
                    return found.text()
        return None

    def _own_doing(self, message: Message, cut_ranges) -> Phrase | None:
        """The thing the writer says they did something with: "I finally mow the lawn" -> "the lawn"; not where they did
        it ("I did ask in the chat")."""
        for b, intended in message.speaker_behaviours:
            if b.form == "action" and not intended:
                words = self.grammar.topic_words([list(b.complement)], cut_ranges, not_after=self.place_lead_ins)
                found = next((self.grammar.as_written(*pair) for pair in words), None)
                # "the lawn", not "your call": what the partner owns is what the partner is upset about
                if found and found.words[0] in self.definite - {"your"} and found.head not in self.grammar.not_topics:
                    return found
        return None

    def _promise_for(self, b: Behaviour, topic: Phrase | None, message: Message) -> str:
        category = self._promising(self._category(b) or (self.topic_nouns.get(topic.head) if topic else None))
        return self._fitting_promise(category, message) if category else self.templates["defensiveness"]["default_promise"]

    def _fitting_promise(self, category: str, message: Message) -> str:
        """The category's promise, unless the message says what it does not fit: a bill missed is a slip of memory,
        not spending ("slip_words", "slip_promise"), so "I'll check with you before I spend" would answer the wrong
        fault; a date the writer had in their phone needed no reminder ("noted_phrases", "noted_promise")."""
        settings = self.categories[category]
        if category in self.noted and self.noted[category].found_in(message.keys):
            return settings["noted_promise"]
        slipped = not frozenset(settings.get("slip_words", ())).isdisjoint(w.key for w in message.words)
        return settings["slip_promise"] if slipped else settings["promise"]

    def _outside_or(self, promise: str, outside: bool) -> str:
        """The promise, or, for a slip put down to an outside cause, a promise to let the partner know sooner."""
        return self.templates["defensiveness"]["outside_cause_promise"] if outside and promise else promise

    def _promising(self, category: str | None) -> str | None:
        """The category, if its promise fits whatever the message said about it ("I'll check with you before I spend")."""
        return category if category in self.templates["defensiveness"]["promise_categories"] else None

    # -- withdrawing: stonewalling ---------------------------------------------

    def stonewalling(self, message: Message, voice: Voice, cut_ranges) -> list[Candidate]:
        situations = self.templates["stonewalling"]["situations"]
        situation = voice.situation or "argument"
        # a refused topic ("not discussing your mother tonight") is said back, whatever else the situation is
        topic = None
        if situation in self.topic_over:
            topic = self._talk_topic(message, cut_ranges) or self._handed_over(message, cut_ranges) or self._left_to_partner(message, cut_ranges)
        if topic is not None:
            # the topic comes back at the time the situation allows: tomorrow after bedtime, later after no contact
            timed = self._refused_time_form(message, "topic", situations)
            own = self._refused_time_form(message, situation, situations)
            refused = timed == "topic_no_time" or timed != "topic" and own == situation  # "not tonight" said at work
            situation = timed if refused else self.topic_forms.get(own, timed)
        elif situation == "topic":
            situation = "argument"
        put_off = self._put_off(message, cut_ranges) if situation in self.put_off_situations else None
        if put_off is not None:
            situation = "put_off"
        situation = self._refused_time_form(message, situation, situations)
        word = self.voices.agreement_said_as(message) if situation == "agreement" else ""
        time = self.voices.return_time_said(message) if situation == "own_time" else ""
        texts = [
            t.format(topic=topic.text() if topic else "", word=word, time=time, behaviour=put_off)
            for t in _rotated(situations[situation], message)
        ]
        fallback = [(t, False) for t in situations["argument"] if t not in texts]
        return [(t, True) for t in texts] + fallback

    def _put_off(self, message: Message, cut_ranges) -> str | None:
        """What the writer calls off ("dont bother coming over"), as an -ing verb phrase asked for: "coming over"."""
        grammar = self.grammar
        for kept, keys, at in self._after_lead_ins(message, cut_ranges, self.put_off_lead_ins):
            if at >= len(keys) or not keys[at].endswith("ing"):
                continue
            base = self.lexicon.base_of_form.get(keys[at])
            said = grammar.verb_phrase(base, _up_to_punctuation(kept[at + 1 :]), negative=False, request=True) if base else None
            if said is not None:
                return f"{self.lexicon.ing_of(base)}{_rest(said)}"
        return None

    def pause_sentence(self, message: Message, voice: Voice) -> str:
        appended = self.templates["stonewalling"]["appended"]
        time = self.voices.return_time_said(message) if voice.situation == "own_time" else ""
        situation = voice.situation if voice.situation in appended else "default"
        return appended[self._refused_time_form(message, situation, appended)].format(time=time)

    def unechoed_pause(self, statements: str, pause_sentence: str) -> str:
        """``pause_sentence`` with an opening that does not say the statements' feeling again."""
        for opening, stand_in in self.templates["stonewalling"]["echoed_openings"].items():
            feeling = opening.split()[-1].lower()
            if pause_sentence.startswith(opening) and feeling in re.findall(r"[a-z']+", statements.lower()):
                return stand_in + pause_sentence.removeprefix(opening)
        return pause_sentence

    def _refused_time_form(self, message: Message, situation: str, texts: dict) -> str:
        """The form of ``situation`` whose return time the message does not refuse: "not tonight" is offered
        tomorrow, "not tonight or tomorrow" no time at all; the situation itself where it has no such form."""
        keys = message.keys
        if self.not_later.found_in(keys) and f"{situation}_no_time" in texts:
            return f"{situation}_no_time"
        if not self.not_tonight.isdisjoint(keys) and f"{situation}_not_tonight" in texts:
            return f"{situation}_not_tonight"
        return situation

    def _talk_topic(self, message: Message, cut_ranges) -> Phrase | None:
        """What the writer refuses to talk about: the noun phrase or reported question right after 'about' or 'discuss'.

        "not answering any more questions about where I was" -> "where I was"; "do whatever you want with the
        thermostat" -> "the thermostat".
        """
        words = self.voices.topic_words
        for kept, keys in self._clean_sentences(message, cut_ranges):
            for i, word in enumerate(kept[:-1]):
                given_up = any(tuple(keys[i + 1 - len(p) : i + 1]) == p for p in self.given_up_lead_ins)
                if word.key in words or given_up:
                    found = self.grammar.noun_phrase_at(kept, i + 1) or self._owned_doing_at(kept, i + 1)
                    if found is not None:
                        after = kept[i + 1 + len(found.words) : i + 2 + len(found.words)]
                        found = self._main_topic(found, listed=bool(after) and after[0].key in self.topic_joiners)
                    else:
                        found = self.grammar.reported_question_at(kept, i + 1) or self._asked_about_topic(kept, i + 1)
                    if found is not None and self._refusable(found):
                        return found
        return None

    def _asked_about_topic(self, words: list[Word], i: int) -> Phrase | None:
        """An everyday topic inside a reported question the grammar cannot say whole ("about where we spend
        Christmas" -> "Christmas"), up to the clause's end; never a person."""
        if i >= len(words) or words[i].key not in self.grammar.clause_objects.starters:
            return None
        for j in range(i + 1, len(words)):
            if not any(c.isalnum() for c in words[j].key):
                break
            found = self.grammar.noun_phrase_at(words, j)
            if found is not None and found.head in self.topic_nouns and not any(w.lower() in self.named_people for w in found.words):
                return found
        return None

    def _handed_over(self, message: Message, cut_ranges) -> Phrase | None:
        """What a withdrawal hands over to the partner ("Sort Christmas without me", "fine, have the party"): the
        object of a ``handed_over_verbs`` verb said as an order, when it is an everyday topic or a thing named with a
        determiner the partner knows ("the", "your", "our"); never a person or a vague word.

        Said back, the break is about what the message is about; a verb that does something else ("I'm watching the
        game") is no hand-over.
        """
        grammar = self.grammar
        for kept, keys in self._clean_sentences(message, cut_ranges):
            at = next((i for i, key in enumerate(keys) if key not in self.handed_over_openers), len(keys))
            if at >= len(keys) or keys[at] not in self.handed_over_verbs:
                continue
            at += 1 + (at + 1 < len(keys) and keys[at + 1] in self.handed_over_particles)
            found = grammar.noun_phrase_at(kept, at)
            if found is None or any(w.lower() in self.named_people for w in found.words) or self._vague(found):
                continue
            first = found.words[0].lower()
            known = found.head in self.topic_nouns and len(found.words) == 1 or first in self.definite and first != "my"
            if known and grammar.names_a_thing(found) and found.head not in self.not_topics_alone and not self._verb_misread(found):
                return found
        return None

    def _left_to_partner(self, message: Message, cut_ranges) -> Phrase | None:
        """An event a withdrawal leaves to the partner ("Do whatever, it's your wedding", "Go to your party"): an
        everyday topic noun with "your" after a ``left_to_partner_lead_ins`` lead-in that opens a clause; never a
        choice or the partner's own money ("it's your call"), which names nothing to come back to."""
        for kept, keys in self._clean_sentences(message, cut_ranges):
            for lead_in in self.left_to_partner_lead_ins:
                for at in range(len(keys) - len(lead_in)):
                    opens = at == 0 or keys[at - 1] in self.handed_over_openers
                    if not opens or tuple(keys[at : at + len(lead_in)]) != lead_in:
                        continue
                    start = at + len(lead_in) - 1
                    found = self.grammar.noun_phrase_at(kept, start) or self._owned_noun_at(kept, start)
                    if found is not None and found.head in self.topic_nouns and found.head not in self.not_left_to_partner:
                        return found
        return None

    def _owned_noun_at(self, words: list[Word], i: int) -> Phrase | None:
        """A possessive and a lone noun that ends the clause, which the reader took for "you're" and a verb ("it's
        your wedding" read as "you're wedding")."""
        ends = i + 2 == len(words) or i + 2 < len(words) and not any(c.isalnum() for c in words[i + 2].key)
        if not ends or words[i].key not in self.owned_doing_determiners or words[i + 1].key not in self.grammar.nouns:
            return None
        return Phrase((words[i].key, words[i + 1].key), (False, False), words[i + 1].key)

    def _owned_doing_at(self, words: list[Word], i: int) -> Phrase | None:
        """A possessive and a lone -ing form that ends the clause ("my driving", "your drinking"): a doing named as a
        thing, what "not going to talk about my driving" refuses."""
        if i + 1 >= len(words) or words[i].key not in self.owned_doing_determiners:
            return None
        doing = words[i + 1]
        ends = i + 2 == len(words) or not any(c.isalnum() for c in words[i + 2].key)
        base = self.lexicon.base_of_form.get(doing.key)
        if not ends or doing.display != doing.key or base is None or self.lexicon.ing_of(base) != doing.key:
            return None
        return Phrase((words[i].key, doing.key), (False, False), doing.key)

    def _refusable(self, found: Phrase) -> bool:
        """Whether a phrase after 'about' names a topic: not "this week after week", but "the seating plan" and, said
        with a determiner, a word too vague for a complaint's topic ("messages about the house")."""
        if found.head in self.refused_by_name and found.words[0].lower() in self.definite:
            return True
        if found.words[0].lower() in self.definite and any(w.lower() in self.topic_nouns for w in found.words[1:-1]):
            return True  # "the money thing"
        return found.head not in self.grammar.not_topics or not self._vague(found)

    def _main_topic(self, found: Phrase, listed: bool) -> Phrase | None:
        """A list of topics as it was said when each item is a whole noun phrase (a determiner, or an everyday topic
        noun: "the maintenance or your mother", "rent or the cat"); else its first item if that is one; a list read
        from mid-sentence ("hearts or cholesterol") is no topic to say back. ``listed``: the phrase is the first item of
        a list the grammar did not read whole."""
        lowered = [w.lower() for w in found.words]
        joins = [i for i, w in enumerate(lowered) if w in self.topic_joiners] or ([len(lowered)] if listed else [])
        if not joins:
            return found
        starts, ends = [0] + [i + 1 for i in joins], joins + [len(lowered)]
        whole = [s < e and (lowered[s] in self.grammar.determiners or lowered[e - 1] in self.topic_nouns) for s, e in zip(starts, ends)]
        if all(whole):
            return found
        if not whole[0]:
            return None
        return Phrase(found.words[: ends[0]], found.attached[: ends[0]], lowered[ends[0] - 1])

    # -- shared ----------------------------------------------------------------

    def _clean_sentences(self, message: Message, cut_ranges) -> Iterator[tuple[list[Word], list[str]]]:
        """Each sentence without fillers and absolutes (``PhraseGrammar.clean``), with its words' keys."""
        for sentence in message.sentences:
            kept = self.grammar.clean(sentence, cut_ranges)
            yield kept, [w.key for w in kept]

    def _after_lead_ins(
        self, message: Message, cut_ranges, lead_ins: Sequence[tuple[str, ...]]
    ) -> Iterator[tuple[list[Word], list[str], int]]:
        """For each clean sentence and each lead-in it holds, in the lead-ins' order: its words, keys, and where the
        lead-in first ends ("not my fault" -> the index of the word after it)."""
        for kept, keys in self._clean_sentences(message, cut_ranges):
            for _, at in _first_ends(lead_ins, keys):
                yield kept, keys, at

    def generic_sentences(self) -> list[str]:
        """Every rewrite that says nothing about the message itself: the last candidates of each pattern."""
        templates = self.templates
        generic = [templates["criticism"]["last_resort"], templates["venting"]["plain"]]
        generic += [text for texts in templates["contempt"]["generic"].values() for text in texts]
        situations = templates["stonewalling"]["situations"]
        generic += situations["argument"] + situations["argument_not_tonight"] + situations["argument_no_time"]
        generic += [self._category_text(category) for category in self.categories]
        generic += [  # each plain ask a message's words pick ("flaky": a heads-up) is as generic
            self._plain_text(category, ask)
            for category, asks in self.phrase_asks.items()
            for _, ask in asks
        ]
        kinds = templates["defensiveness"]["kinds"]
        generic += [variant.format(about_topic="") for variant in kinds["excuse"] + kinds["excuse_practical"]]
        return generic

    def any_topic(self, message: Message, cut_ranges) -> Phrase | None:
        """The first concrete thing a complained-of behaviour is about, with its determiner ("your job", "the kids").

        Only the first noun phrase of one of the partner's behaviours, where the complaint is; never a time, a
        name, a vague word or a place it happened ("at the door", "in the dark").
        """
        grammar = self.grammar
        placed = None
        for b in message.behaviours:
            found = next(iter(grammar.topic_words([list(b.complement)], cut_ranges)), None)
            if found is None:
                continue
            first = grammar.as_written(*found)
            concrete = grammar.names_a_thing(first) and first.head not in grammar.not_topics
            if concrete and first.words[0] in self.definite and not self._verb_misread(first):
                placed = self._placed_starts(message) if placed is None else placed
                if found[0][0].start not in placed:  # "on your phone": the state word is the place
                    return first
        return None

    def _placed_starts(self, message: Message) -> frozenset[int]:
        """Where a word right after a place preposition ("at", "out of") starts; fillers ("just") are read past."""
        keys, starts = [], []
        for word in message.words:
            if word.key not in self.grammar.skipped:
                keys.append(word.key)
                starts.append(word.start)
        leads = ((i, self.place_lead_ins.at(keys, i)) for i in range(len(keys)))
        return frozenset(starts[i + len(lead)] for i, lead in leads if lead and i + len(lead) < len(keys))

    def named_thing(
        self, message: Message, cut_ranges, known_only: bool = False, unplaced: bool = False, own: bool = False
    ) -> Phrase | None:
        """Any concrete thing the message names ("the seating plan", "the school run"), everyday topic or not.

        Said back only where a sentence would otherwise say nothing about the message at all. ``known_only``: not a
        thing the message brings up as news ("a party"); ``unplaced``: not where something happened ("at the station");
        ``own``: only a thing of the writer's ("my hoodie").
        """
        grammar = self.grammar
        unlisted = None  # "the parking ticket": said only when the message names no listed thing
        for phrase in self._phrases(message, cut_ranges, known_only, unplaced):
            # a determiner shows a noun, not a verb misread as one ("helps", "care"); "my robe" is the writer's, not
            # what the partner is upset about, unless that is what is asked for; a person ("your dad") is not a topic
            determined = len(phrase.words) > 1 and phrase.words[0] in grammar.determiners and (phrase.words[0] == "my") == own
            named_person = any(w.lower() in self.people for w in phrase.words)
            if determined and not named_person and grammar.names_a_thing(phrase) and not self._vague(phrase) and not self._verb_misread(phrase):
                if not phrase.open_head:
                    return phrase
                unlisted = unlisted or phrase
        return unlisted

    def bare_mass_thing(self, message: Message, cut_ranges) -> Phrase | None:
        """A thing one of the partner's doings names by a lone mass noun with no determiner ("when you sign up for
        overtime"), said as "the overtime"; for a criticism that names no thing with a determiner.

        Only a listed mass noun (``mass_nouns``) that is the first noun phrase of the doing, and never one that may be
        a verb ("care", "work"), a person ("nana"), an occasion or time ("church", "weekends") or no topic ("time").
        """
        grammar, lexicon = self.grammar, self.lexicon
        for b in message.behaviours:
            found = next(iter(grammar.topic_words([list(b.complement)], cut_ranges)), None)
            if found is None or len(found[0]) != 1:
                continue
            word = found[0][0].key
            verb = word in lexicon.known_bases or word in lexicon.base_of_form
            person = word in self.people or word in self.named_people
            if word in grammar.mass_nouns and not verb and not person and word not in self.occasions and word not in grammar.not_topics:
                return Phrase(("the", word), (False, False), word)
        return None

    def occasion(self, message: Message, cut_ranges, own: bool = False, answering_back: bool = True) -> Phrase | None:
        """The first occasion the message names with its own determiner ("the party", "your reunion"; ``occasions``).

        For a fallback sentence that would otherwise name nothing. Unlike other things, an occasion may follow a
        place word: "late to my graduation", "at the meeting" say which event it was, not where something lay. Never
        bare ("upset about dinner"), brought up as news ("not a wedding"), someone's ("ur cousins wedding"), or, unless
        ``own``, the writer's ("my party"); unless ``answering_back``, not where the partner did something ("u had four
        drinks at ur work party"): a deflection that answers back is not about that occasion.
        """
        grammar = self.grammar
        for words, head in self.noun_phrases(message, cut_ranges, unplaced=False):
            first = words[0].key
            if head not in self.occasions or first not in grammar.determiners or first in self.news_articles:
                continue
            named = grammar.named(words, head)
            kept = named.words[0] in self.definite and (own or named.words[0] != "my")
            someones = any(w.lower() in self.named_people or w.lower().removesuffix("s") in self.named_people for w in named.words)
            if kept and not someones and not self._vague(named) and (answering_back or not self._partner_before(message, words[0])):
                return named
        return None

    def _partner_before(self, message: Message, word: Word) -> bool:
        """Whether "you" is a subject earlier in the word's sentence ("u had like four drinks at ..."): a verb form
        right after it, unlike "I embarrassed you at the meeting"."""
        sentence = next(s for s in message.sentences if any(w.start == word.start for w in s))
        keys = [w.key for w in sentence if w.end <= word.start and w.key not in self.grammar.skipped]
        return any(key == "you" and after in self.lexicon.base_of_form for key, after in zip(keys, keys[1:]))

    def _verb_misread(self, phrase: Phrase) -> bool:
        """"the roof needs replacing", "the dishwasher breaks", "good intentions count": a noun and the verb after it,
        read as one compound.

        Said back as a noun phrase these garble the sentence; a real compound of this shape ("the phone calls") is
        rare enough to lose.
        """
        words = [w.lower() for w in phrase.words]
        bases, nouns = self.lexicon.known_bases, self.grammar.nouns
        return any(
            before in nouns and (word.endswith("s") and word[:-1] in bases and not _plural(before) or word in bases and _plural(before))
            for before, word in zip(words[1:], words[2:])
        )

    def topic(
        self,
        message: Message,
        cut_ranges,
        known_only: bool = False,
        nouns: dict[str, str] | None = None,
        whole: bool = False,
        unplaced: bool = False,
    ) -> Phrase | None:
        """The first everyday thing the message is about, as a recognised noun phrase: 'the dishes', 'your mum'.

        ``known_only``: not a thing the message brings up as news ("a party"); ``nouns``: the everyday things that
        count (default: the topic nouns); ``whole``: only a phrase ``_said_whole``; ``unplaced``: not where something
        happened ("in the sink").
        """
        nouns = self.topic_nouns if nouns is None else nouns
        for phrase in self._phrases(message, cut_ranges, known_only, unplaced, whole=whole):
            if phrase.head in nouns and phrase.head not in self.not_topics_alone:
                return phrase
        return None

    def _phrases(
        self, message: Message, cut_ranges, known_only: bool, unplaced: bool = False, whole: bool = False
    ) -> Iterator[Phrase]:
        """The message's noun phrases as they could be named; ``known_only``: without a bare noun brought up with "a";
        ``unplaced``: without one after a place preposition; ``whole``: only those ``_said_whole``.

        "a fever", "a choice" are news; "a Gruffalo outfit" says what the thing is, and may be what the partner means.
        "at the station", "out of my hands": where or how something happened, seldom what the complaint is about.
        """
        grammar = self.grammar
        for words, head in self.noun_phrases(message, cut_ranges, unplaced):
            if self._asked_subject(message, words[0]):
                continue
            if known_only:
                written = grammar.as_written(words, head)
                if len(written.words) <= 2 and written.words[0].lower() in self.news_articles and not self._defined_by_doer(message, words):
                    continue
            named = grammar.named(words, head)
            if not whole or self._said_whole(message, words, named):
                yield named

    def _defined_by_doer(self, message: Message, words: list[Word]) -> bool:
        """Whether a thing brought up with "a" is a known one, told apart by who did what with it: "a raid you scheduled
        yourself" is the raid both know of, not news."""
        sentence = next((s for s in message.sentences if words[-1] in s), [])
        after = [w for w in sentence if w.start >= words[-1].end][:2]
        if len(after) < 2 or after[0].key not in self.grammar.relative_objects.subjects or after[1].key in self.jab.auxiliaries:
            return False  # "picking a fight?? i was ...": no clause of the thing's own
        base = self.lexicon.base_of_form.get(after[1].key)
        return base is not None and self.lexicon.past_of_base.get(base) == after[1].key  # a past: "you scheduled"

    def _one_of_a_list(self, message: Message, thing: Phrase) -> bool:
        """Whether a thing is one of a list of examples ("The beach is too crowded, the restaurant's too loud, my
        friends are too much"; "The gutters, the lawn, the basement"): said in a sentence with two or more commas each
        followed by a determiner. A character word is about all of them, not the first."""
        for sentence in message.sentences:
            keys = [w.key for w in sentence]
            listed = sum(key == "," and after in self.list_determiners for key, after in zip(keys, keys[1:]))
            if listed >= 2 and thing.head in keys:
                return True
        return False

    def _asked_subject(self, message: Message, first: Word) -> bool:
        """Whether a phrase opens with "that" or "this" asked about by an auxiliary before it ("how does that even
        work"): a question's subject and verb, not a thing named."""
        if first.key not in self.demonstrative_subjects:
            return False
        sentence = next(s for s in message.sentences if any(w.start == first.start for w in s))
        before = [w.key for w in sentence if w.end <= first.start and w.key not in self.chain_adverbs]
        return bool(before) and before[-1] in self.jab.auxiliaries

    def _said_whole(self, message: Message, words: list[Word], named: Phrase) -> bool:
        """Whether a noun phrase names the thing without the words around it.

        Not a count ("three extra guests", "£200 family lunch": only "the", "your", "my", "our" or "a" said as "the"),
        and not a bare noun that ends a longer phrase the grammar could not read ("lunch" of "the packed lunch",
        "shoes" of "school shoes", "flowers" of "petrol station flowers").
        """
        grammar = self.grammar
        first = words[0].key
        if first in grammar.determiners or first.isdigit():
            return named.words[0] in self.definite
        sentence = next(s for s in message.sentences if any(w.start == words[0].start for w in s))
        before = [w.key for w in sentence if w.end <= words[0].start and w.key not in grammar.skipped][-2:]
        if not before or not before[-1][:1].isalnum():
            return True
        if before[-1] in self.lexicon.base_of_form:  # "taking money", but not "the packed lunch"
            return len(before) < 2 or before[0] not in grammar.determiners
        # "my nan texts": a person before it makes it a verb
        kept_apart = (grammar.nouns, grammar.modifiers, grammar.determiners, self.people)
        return not (any(before[-1] in words for words in kept_apart) or before[-1].isdigit())

    def noun_phrases(self, message: Message, cut_ranges, unplaced: bool) -> list[tuple[list[Word], str]]:
        """``PhraseGrammar.topic_words`` of the message, found once per message and way of looking.

        One rewrite asks for a message's topic several times (a topic, else a named
        thing, else any thing), each time with the same cut ranges.
        """
        key = (tuple(cut_ranges), unplaced)
        found = message.noun_phrases.get(key)
        if found is None:
            not_after = self.place_lead_ins if unplaced else None
            found = message.noun_phrases[key] = list(
                self.grammar.topic_words(message.sentences, cut_ranges, not_after, readings=message.readings)
            )
        return found


def _overlaps(b: Behaviour, ranges) -> bool:
    return any(start < b.end and b.start < end for start, end in ranges)


def _first_ends(phrases: Sequence[tuple[str, ...]], keys: list[str]) -> Iterator[tuple[tuple[str, ...], int]]:
    """Each of ``phrases`` the words ``keys`` hold, in the phrases' order, with where it first ends (the index after
    it). The words are indexed once, so each phrase is tried only where it could start."""
    starts: dict[str, list[int]] = {}
    for i, key in enumerate(keys):
        starts.setdefault(key, []).append(i)
    for phrase in phrases:
        n = len(phrase)
        at = next((i + n for i in starts.get(phrase[0], ()) if tuple(keys[i : i + n]) == phrase), None)
        if at is not None:
            yield phrase, at


def _mentions_subject(words: frozenset[str] | None, phrases: PhraseSet | None, keys: list[str]) -> bool:
    """Whether ``keys`` hold one of ``words`` and one of ``phrases``, of those that are given."""
    return (words is None or not words.isdisjoint(keys)) and (phrases is None or phrases.found_in(keys))


def _up_to_punctuation(words: list[Word]) -> list[Word]:
    """The words of one clause: "picking me up, I'll walk" -> "picking me up"."""
    return words[: next((j for j, w in enumerate(words) if not any(c.isalnum() for c in w.key)), len(words))]


def _text(phrase: Phrase | None) -> str | None:
    return phrase.text() if phrase else None


def _rest(phrase: Phrase) -> str:
    """A verb phrase without its verb, with its leading space: ' the dishes tonight'."""
    text = phrase.text()
    head, _, rest = text.partition(" ")
    return f" {rest}" if rest else ""


def _rotated(variants: list[str], message: Message) -> list[str]:
    """The variants, starting from one picked by the message's words: varied across messages, stable for one."""
    start = zlib.crc32(" ".join(w.key for w in message.words).encode("utf-8")) % len(variants)
    return variants[start:] + variants[:start]


def _pronoun(noun_phrase: str) -> str:
    """What refers back to the phrase: 'the birthdays' -> 'them', 'the birthday and the payment' -> 'them'."""
    return "them" if _plural(noun_phrase) or " and " in noun_phrase else "it"


def _plural(noun_phrase: str) -> bool:
    last = noun_phrase.split()[-1]
    return last.endswith("s") and not last.endswith("ss")


def _says_twice(template: str, noun: str) -> bool:
    """Whether the template already holds the noun (singular or plural), so filling it in would repeat it."""
    words = {w.strip("?.,").lower() for w in template.split()}
    return noun.lower().removesuffix("s") in {w.removesuffix("s") for w in words}


def _sentences(*parts: str) -> str:
    return " ".join(part[:1].upper() + part[1:] for part in parts if part)
