"""Who is speaking: complaining, defending themselves, venting about someone else, and where.

The antidote depends on the writer's position, not only on the flag. Taking
responsibility is the antidote for a writer who deflects blame; offered to a
writer who is complaining ("Why are you so lazy? You didn't even bother",
which the model may also flag as defensive), it would make the complainer
apologise for the other person's behaviour. So an apology is only written when
the message itself shows the writer defending themselves: a defensiveness cue,
or a phrase from ``resources/suggest/voice.json``; and not when the defence is
a grievance about a habit of the partner's, with no doing of the writer's own
granted ("not my fault, you always leave everything to me"). A withdrawal's situation
(late at night, at work, walking out, a topic refused, mid-argument) picks a
break that fits it.
"""

from __future__ import annotations

from dataclasses import dataclass

from nlp.suggest.lexicon import Lexicon, PhraseSet
from nlp.suggest.phrases import PhraseGrammar
from nlp.suggest.reading import Message

COMPLAINING = "complaining"
DEFLECTING = "deflecting"
VENTING = "venting"  # about someone outside the conversation: no partner's behaviour to talk about


@dataclass(frozen=True, slots=True)
class Voice:
    stance: str
    deflection: str | None  # how the writer defends themselves: "victim", "minimising", "counter", "excuse"
    situation: str | None  # where a withdrawal happens, when stonewalling is flagged


class VoiceReader:
    def __init__(self, lexicon: Lexicon, grammar: PhraseGrammar):
        data = lexicon.voice
        self.grammar = grammar
        self.outsiders = frozenset(data["outsiders"])
        self.reports_of_asking = frozenset(data["reports_of_asking"])
        self.own_contributions = PhraseSet(data["own_contributions"])
        self.fault_verbs = frozenset(lexicon.templates["defensiveness"]["fault_verbs"])
        self.admission_openers = frozenset(lexicon.templates["defensiveness"]["admission_openers"])
        self.mirror_words = frozenset().union(*lexicon.templates["defensiveness"]["mirror_words"].values())
        self.quote_marks = frozenset(lexicon.words["quote_marks"])
        self.deflection_rules = frozenset(data["deflection_rules"])
        self.grievance_rules = frozenset(data["grievance_rules"])
        self.everyday_excuses = PhraseSet([p for e in lexicon.templates["defensiveness"]["known_excuses"] for p in e["phrases"]])
        self.kinds = [(name, frozenset(kind["rules"]), PhraseSet(kind["phrases"])) for name, kind in data["kinds"].items()]
        self.situations = data["situations"]
        self.situation_phrases = {s["name"]: PhraseSet(s.get("phrases", ())) for s in self.situations}
        # The situations' word lists as sets, made once: a withdrawal's situation is looked up on every such message.
        self.situation_sets = {
            s["name"]: {key: frozenset(s.get(key, ())) for key in ("words", "rules", "only_words", "not_with_rules", "not_before")}
            for s in self.situations
        }
        self.topic_words = frozenset(next(s["words"] for s in self.situations if s["name"] == "topic"))
        self.second_person = frozenset(lexicon.words["subject_you"]) | frozenset(lexicon.words["second_person_words"])

    def read(self, message: Message, rules: set[str], flagged: list[str]) -> Voice:
        """``flagged`` strongest first: when contempt outweighs defensiveness, the writer is mocking, not defending."""
        keys, quoted = self._split_quotes(message)
        situation = self.situation(message, rules) if "stonewalling" in flagged else None
        mocking = "contempt" in flagged and "defensiveness" in flagged and flagged.index("contempt") < flagged.index("defensiveness")
        # Quoting the partner's own words ("'i was gonna clean it' yeah and i was gonna be a billionaire") is mockery.
        if "defensiveness" in flagged and not mocking and "i" not in quoted:
            kind = self._deflection(message, keys, rules, complaint_first=flagged[0] == "criticism")
            if kind and not (kind == "excuse" and "criticism" in flagged and self._fair_grievance(message, rules)):
                return Voice(DEFLECTING, kind, situation)
        complains = {"criticism", "contempt"} & set(flagged)
        if complains and not message.behaviours and self._about_someone_else(message):
            return Voice(VENTING, None, situation)
        return Voice(COMPLAINING, None, situation)

    def situation(self, message: Message, rules: set[str]) -> str:
        words = [w.key for w in message.words if any(c.isalnum() for c in w.key)]
        present = set(words)
        for situation in self.situations:
            sets = self.situation_sets[situation["name"]]
            if "until_words" in situation:
                if self.return_time_said(message):
                    return situation["name"]
                continue
            if "only_words" in situation:
                fits = 0 < len(words) <= situation["max_words"] and present <= sets["only_words"]
                if fits and not rules & sets["not_with_rules"]:
                    return situation["name"]
                continue
            if (
                rules & sets["rules"]
                or self._has_word(words, present, sets["words"], situation.get("words_not_after", {}))
                or self._has_phrase(words, self.situation_phrases[situation["name"]], sets["not_before"])
            ):
                return situation["name"]
        return "argument"

    @staticmethod
    def _has_word(words: list[str], present: set[str], listed: frozenset[str], not_after: dict[str, list[str]]) -> bool:
        """Whether one of the ``listed`` words is there, not right after a word that says otherwise ("last night")."""
        found = present & listed
        return any(
            any(word == key and (i == 0 or words[i - 1] not in not_after.get(key, ())) for i, word in enumerate(words))
            for key in found
        )

    @staticmethod
    def _has_phrase(words: list[str], phrases: PhraseSet, not_before: frozenset[str]) -> bool:
        """Whether one of ``phrases`` is there, not right before a word that limits it ("don't message me again about
        this" asks for no messages on one topic, not for no contact at all)."""
        for i in phrases.positions(words):
            after = i + len(phrases.at(words, i))
            if after >= len(words) or words[after] not in not_before:
                return True
        return False

    def agreement_said_as(self, message: Message) -> str:
        """The acknowledgement a curt reply made ('yep' -> 'Yes'), to keep it in the rewrite."""
        said_as = self.situations[0]["said_as"]
        return next((said_as[w.key] for w in message.words if w.key in said_as), "OK")

    def return_time_said(self, message: Message) -> str:
        """The time the writer gave for coming back ('till Monday' -> 'Monday'), or '' when none."""
        own_time = next(s for s in self.situations if s["name"] == "own_time")
        keys = message.keys
        for i, key in enumerate(keys[:-1]):
            if key in own_time["until_words"]:
                after = keys[i + 2] if keys[i + 1] in ("the", "next") and i + 2 < len(keys) else keys[i + 1]
                if after in own_time["said_as"]:
                    return own_time["said_as"][after]
        return ""

    def _split_quotes(self, message: Message) -> tuple[list[str], set[str]]:
        """The words outside quotation marks, and the set of words inside them (when the marks pair up)."""
        marks = [i for i, w in enumerate(message.words) if w.key in self.quote_marks]
        if not marks or len(marks) % 2:
            return message.keys, set()
        outside, inside, quoting = [], set(), False
        for w in message.words:
            if w.key in self.quote_marks:
                quoting = not quoting
            elif quoting:
                inside.add(w.key)
            else:
                outside.append(w.key)
        return outside, inside

    def _about_someone_else(self, message: Message) -> bool:
        """No 'you' anywhere, and an outsider named: "Southern Rail are a joke", not "ok genius" or "the guy who ..."."""
        keys = {w.key for w in message.words}
        if self.second_person & keys:
            return False
        return any(phrase.head in self.outsiders for phrase in self.grammar.topics(message.sentences))

    def _deflection(self, message: Message, keys: list[str], rules: set[str], complaint_first: bool) -> str | None:
        """The first kind of self-defence the message shows, or None when the writer is not defending themselves."""
        for name, kind_rules, phrases in self.kinds:
            if rules & kind_rules or phrases.found_in(keys):
                return name
        if not complaint_first and (self._turns_own_doing_back(message) or self._mirrors_accusation(message)):
            return "counter"
        return "excuse" if rules & self.deflection_rules or self._speaks_of_own_doing(keys, complaint_first) else None

    def _fair_grievance(self, message: Message, rules: set[str]) -> bool:
        """'How was I meant to know? You never tell me anything until the night before': the writer wards off blame by
        naming a habit of the partner's, and grants no doing of their own (one asked about is not granted).

        The complaint is the message: said as an I-statement it keeps the writer's point, where an apology would make
        them say sorry for the partner's habit. A writer who grants a doing of their own ("I was late because you
        always ...", "I was going to fix it, but ...") or gives an everyday excuse still owns their part.
        """
        if not rules & self.grievance_rules or not any(b.form == "action" for b in message.behaviours):
            return False
        if self.everyday_excuses.found_in(message.keys):
            return False  # "I was at WORK": the writer explains what they did, and owns its cost
        words = message.words
        asked = {after.start for before, after in zip(words, words[1:]) if before.key in message.reader.auxiliaries}
        return not any((meant or not b.negative) and b.start not in asked for b, meant in message.speaker_behaviours)

    def _turns_own_doing_back(self, message: Message) -> bool:
        """'yes i forgot but u forgot my bday': the partner did the fault the writer did, so the writer counter-attacks.

        Only a fault ("forgot", "missed"): what was said or done ("I told you Monday, you told me Friday", "i did the
        card ... like u did something") is cited, not turned back; and only one the writer grants ("yes i forgot"), not
        one they deny ("who said I was ignoring the doctor?").
        """
        starts = message.starts_after(self.admission_openers) | self._plain_statement_starts(message)
        own = {b.head for b, intended in message.speaker_behaviours if b.form == "action" and b.past and not intended and b.start in starts}
        return any(b.form == "action" and b.past and b.head in own & self.fault_verbs for b in message.behaviours)

    @staticmethod
    def _plain_statement_starts(message: Message) -> set[int]:
        """Where each sentence that is no question starts: "i forgot ONE thing." grants the fault as plainly as "yes i
        forgot" does, where "I forgot? ..." asks about it."""
        return {s[0].start for s in message.sentences if s and s[-1].key != "?"}

    def _mirrors_accusation(self, message: Message) -> bool:
        """'U left the door unlocked on friday too': the partner did what the writer is accused of, so the writer
        counter-attacks ('too', 'either': the mirror words the rewrite owns as the writer's own doing)."""
        return any(
            b.form == "action" and b.past and not self.mirror_words.isdisjoint(w.key for w in b.complement)
            for b in message.behaviours
        )

    def _speaks_of_own_doing(self, keys: list[str], complaint_first: bool) -> bool:
        """'I was late', 'i didnt even do anything': the writer as the subject, not asking the partner for something.

        ``complaint_first``: criticism is the stronger flag, and what the writer lists having done for both ("u had
        ONE job, i did the card, the dinner booking and the cake") backs the complaint rather than defends them.
        """
        return any(
            key == "i"
            and i + 1 < len(keys)
            and keys[i + 1] not in self.reports_of_asking
            and keys[i + 1].isalpha()
            and not (complaint_first and self.own_contributions.at(keys, i + 1))
            for i, key in enumerate(keys)
        )
