"""Reading a chat message without a parser: who does what, in which tense.

Only spaCy's blank English tokenizer is available, so there are no part-of-speech
tags or dependencies. Complaints in chat are short and formulaic, though: "you
(always|never|don't|didn't) VERB the rest", "you're so TRAIT with X", "why can't
you VERB", "what kind of person VERBs". Word order, token norms (which already
turn "u" into "you" and "didnt" into "did" + "not") and the closed word lists in
``resources/suggest/words.json`` recover enough to say the behaviour back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import NamedTuple

from spacy.attrs import IDX, LENGTH, NORM, ORTH, SPACY
from spacy.tokens import Doc

from nlp.suggest.lexicon import Lexicon, PhraseSet

_ELONGATED = re.compile(r"(\w)\1{2,}")
_MEMO_LIMIT = 100_000  # distinct word forms remembered; bounds memory on endless streams
_WORD_ATTRS = [ORTH, NORM, SPACY, IDX, LENGTH]

Phrase = tuple[str, ...]


class Word(NamedTuple):
    """One word of a sentence. A named tuple, not a dataclass: a message makes one per token, and this is cheaper."""

    key: str  # the norm ("u" -> "you", "nt" -> "not"); the grammar works on this
    display: str  # how to write the word back: texting forms spelled out, shouting lowered
    attached: bool  # typed with no space before it, like "n't" in "don't"
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Behaviour:
    """One thing someone did (or didn't do), as read from a clause."""

    form: str  # "action", "state", "trait" or "burden" (the speaker doing it alone)
    negative: bool
    past: bool
    head: str  # base verb, state word or trait word
    typed_past: str | None  # the past form as the sender wrote it, reused when saying it back
    complement: tuple[Word, ...]
    start: int  # character span of the clause, to prefer the one a cue points at
    end: int
    # Whose words are turned round to speak to the partner: "third_person" ("what kind of person forgets their ...":
    # "their" means "your"), "first_person" ("at least I pay back what I borrow": the writer's words, of the partner).
    swap: str = ""


@dataclass
class Message:
    """A message read once: its sentences, and the behaviours in them when first asked for."""

    reader: "Reader"
    sentences: list[list[Word]]
    words: list[Word] = field(init=False)
    # Noun phrases by how they were looked for (``Rewriter.noun_phrases``): several rules ask for them.
    noun_phrases: dict = field(default_factory=dict, init=False, repr=False)
    # Each sentence's cleaned words and noun phrases (``PhraseGrammar.topic_words``), whatever the cut ranges.
    readings: dict = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self):
        self.words = [word for sentence in self.sentences for word in sentence]

    @cached_property
    def keys(self) -> list[str]:
        """Each word's key, in order: what word lists and phrase sets are matched against. Read only."""
        return [word.key for word in self.words]

    @cached_property
    def behaviours(self) -> list[Behaviour]:
        return [b for sentence in self.sentences for b in self.reader.behaviours(sentence)]

    @cached_property
    def speaker_behaviours(self) -> list[tuple[Behaviour, bool]]:
        return [found for sentence in self.sentences for found in self.reader.speaker_behaviours(sentence)]

    def starts_after(self, openers: frozenset[str]) -> set[int]:
        """Where each word right after one of ``openers`` starts, commas passed over: what "yes, I forgot" grants."""
        words = [w for w in self.words if w.key != ","]
        return {word.start for before, word in zip(words, words[1:]) if before.key in openers}


class Reader:
    """Turns a Doc into sentences of ``Word`` and finds behaviours in them."""

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        words = lexicon.words
        def word_set(name: str) -> frozenset[str]:
            return frozenset(words[name])

        self.spelling_keys = word_set("spelling_keys")
        self.subject_you = word_set("subject_you")
        self.you_are_spellings = word_set("you_are_spellings")
        self.after_your_means_you_are = word_set("after_your_means_you_are")
        self.before_you_means_object = word_set("before_you_means_object")
        self.not_a_verb_after_you = word_set("not_a_verb_after_you")
        self.filler_verbs_after_you = word_set("filler_verbs_after_you")
        self.phrasal_objects = frozenset(words["phrasal_after_you"]["objects"])
        self.phrasal_particles = frozenset(words["phrasal_after_you"]["particles"])
        self.joined_doing_links = word_set("joined_doing_links")
        self.negative_inversions = [tuple(p) for p in words["negative_inversions"]]
        self.vague_complements = word_set("vague_complements")
        self.negators = word_set("negators")
        self.chain_adverbs = word_set("chain_adverbs")
        self.habitual_verbs = word_set("habitual_verbs")
        self.main_verb_auxiliaries = word_set("main_verb_auxiliaries")
        self.object_starters = word_set("object_starters")
        self.wh_words = word_set("wh_words")
        self.subject_pronouns = word_set("subject_pronouns")
        self.new_subjects = word_set("new_subjects")
        self.clause_linkers = word_set("clause_linkers")
        self.clause_taking_verbs = word_set("clause_taking_verbs")
        self.clause_breaks = word_set("clause_breaks")
        self.break_before_pronoun = word_set("break_before_pronoun")
        self.break_before_auxiliary = word_set("break_before_auxiliary")
        self.breaks_after_first_word = word_set("breaks_after_first_word")
        self.sentence_ends = word_set("sentence_ends")
        self.quote_marks = word_set("quote_marks")
        self.all_caps_kept = word_set("all_caps_kept")
        self.trait_lead_ins = word_set("trait_lead_ins")
        self.negating_lead_ins = word_set("negating_lead_ins")
        self.inability_words = word_set("inability_words")
        self.auxiliaries: dict[str, str] = words["auxiliaries"]
        self.attached_forms: dict[str, str] = words["attached_forms"]
        self.break_exceptions = {word: frozenset(after) for word, after in words["break_exceptions"].items()}
        self.openers_by_first_word: dict[str, list[tuple[Phrase, str, bool]]] = {}
        for opener in words["openers"]:
            entry = (tuple(opener["words"]), opener["kind"], opener.get("opens_clause", False))
            self.openers_by_first_word.setdefault(opener["words"][0], []).append(entry)
        self._boundaries: dict[int, bool] = {}  # orth -> ends a sentence; memoised, see sentences()
        self._written: dict[tuple[int, int, bool, bool], tuple[str, str]] = {}  # -> (key, display); see sentences()
        self.negating_phrases = PhraseSet(lexicon.phrases("negating_phrases"))
        self.unmet_obligations = PhraseSet(lexicon.phrases("unmet_obligation_phrases"))
        self.absolute_phrases = PhraseSet(lexicon.phrases("absolute_phrases"))
        self.skip_phrases = PhraseSet(lexicon.phrases("skip_phrases"))
        self.verbs_before_objects = frozenset(tuple(p) for p in lexicon.phrases("verbs_before_objects"))
        self.not_needed_phrases = PhraseSet(lexicon.phrases("not_needed_phrases"))
        self.one_who = PhraseSet(lexicon.phrases("one_who"))
        self.denial_lead_ins = lexicon.phrases("denial_lead_ins")
        self.comparison_lead_ins = PhraseSet(lexicon.phrases("comparison_lead_ins"))
        self.compared_subjects: dict[str, str] = words["compared_subjects"]
        self.intentions = PhraseSet(lexicon.templates["defensiveness"]["intention_words"])
        self.traits = frozenset(lexicon.category_of_trait)
        self.denied_virtues = frozenset(lexicon.category_of_denied_virtue)
        self.states = frozenset(lexicon.category_of_state)

    # -- words and sentences -------------------------------------------------

    def read(self, doc: Doc) -> Message:
        return Message(self, self.sentences(doc))

    def sentences(self, doc: Doc) -> list[list[Word]]:
        """The message as sentences of words; emoji, newlines and end marks split them.

        Read from the doc's attribute arrays, with each word form's key and display
        remembered: a Token object per word would cost more than the rest of the loop.
        """
        sentences: list[list[Word]] = []
        current: list[Word] = []
        boundaries, remembered, you_are = self._boundaries, self._written, self.you_are_spellings
        attached = False  # the previous token had no space after it
        for i, (orth, norm, spaced, start, length) in enumerate(doc.to_array(_WORD_ATTRS).tolist()):
            boundary = boundaries.get(orth)
            if boundary is None:
                boundary = self._boundary(orth, doc, i)
            if boundary and not _joins_a_word(doc, doc[i]):
                if current:
                    sentences.append(current)
                current = []
            else:
                written = (orth, norm, attached, not current)
                key_and_display = remembered.get(written)
                if key_and_display is None:
                    token = doc[i]
                    key_and_display = self._key(token), self._display(token, attached, not current)
                    if len(remembered) < _MEMO_LIMIT:
                        remembered[written] = key_and_display
                word = Word(*key_and_display, attached, start, start + length)
                if current and current[-1].key in you_are and self._means_you_are(current[-1], word):
                    current[-1] = current[-1]._replace(display="you're")
                current.append(word)
            attached = not spaced
        if current:
            sentences.append(current)
        return sentences

    def _boundary(self, orth: int, doc: Doc, i: int) -> bool:
        """Whether token ``i`` (a word form not yet remembered) ends a sentence: end marks, emoji and line breaks do;
        commas and quotes stay inside it. The answer is remembered by word form."""
        token = doc[i]
        text = token.text
        boundary = token.is_space or text in self.sentence_ends or not (
            any(c.isalnum() for c in text) or text in self.quote_marks or text in self.clause_breaks
        )
        if len(self._boundaries) < _MEMO_LIMIT:
            self._boundaries[orth] = boundary
        return boundary

    def _means_you_are(self, previous: Word, word: Word) -> bool:
        """'ur running late', 'your so rude': the texting 'your' that stands for 'you're'."""
        return previous.key in self.you_are_spellings and (
            word.key in self.after_your_means_you_are or word.key in self.traits or word.key.endswith("ing")
        )

    def _key(self, token) -> str:
        lower = token.lower_
        return lower if lower in self.spelling_keys else token.norm_

    def _display(self, token, attached: bool, sentence_start: bool) -> str:
        text, lower = token.text, token.lower_
        if attached and lower in self.attached_forms:
            return self.attached_forms[lower]
        if lower in self.lexicon.texting and not attached:
            return self.lexicon.texting[lower]
        if _ELONGATED.search(lower):
            return token.norm_
        if lower == "i":
            return "I"
        if text.isupper() and len(text) > 1:
            return text if text in self.all_caps_kept else lower
        if text[:1].isupper() and not sentence_start:
            return text
        return lower

    # -- behaviours ----------------------------------------------------------

    def behaviours(self, sentence: list[Word]) -> list[Behaviour]:
        """Every behaviour whose doer is the partner (or, for a burden, the speaker alone)."""
        keys = [w.key for w in sentence]
        found = []
        for i in range(len(sentence)):
            behaviour = self._opener_at(sentence, keys, i) or self._subject_at(sentence, keys, i) or self._compared_at(sentence, keys, i)
            if behaviour is not None:
                if any(tuple(keys[max(i - len(p), 0) : i]) == p for p in self.denial_lead_ins):
                    # "it's not like you've planned a date night": not done; "not like you've never missed one": done
                    behaviour = replace(behaviour, negative=not behaviour.negative, past=True)
                found.append(behaviour)
                joined = self._joined_doing(sentence, keys, i, behaviour)
                if joined is not None:
                    found.append(joined)
        return found

    def _joined_doing(self, sentence, keys, i: int, first: Behaviour) -> Behaviour | None:
        """A second doing of the same subject after "and" that opens with a negation or an absolute ("u borrow stuff
        and just never give it back"): read like the first, from that word on. A bare "and" + verb is left alone, as
        the word after it may as well start a noun ("and dishes")."""
        n = len(sentence)
        for k in range(i + 1, n):
            if sentence[k].start > first.end:
                return None
            if keys[k] not in self.joined_doing_links:
                continue
            j = k + 1
            while j < n and not self._negates_at(keys, j):
                if not (keys[j] in self.chain_adverbs or self.skip_phrases.at(keys, j)):
                    return None
                j += len(self.skip_phrases.at(keys, j) or (keys[j],))
            return self._predicate(sentence, keys, j, k + 1) if j < n else None
        return None

    def speaker_behaviours(self, sentence: list[Word]) -> list[tuple[Behaviour, bool]]:
        """What the speaker says they did, each with whether it was only meant ("I was going to ...")."""
        keys = [w.key for w in sentence]
        found = []
        for i, key in enumerate(keys):
            if key != "i":
                continue
            j = i + 1
            while j < len(keys) and keys[j] in self.chain_adverbs:
                j += 1
            intention = self.intentions.at(keys, j) if j < len(keys) else None
            asked = i > 0 and keys[i - 1] in self.auxiliaries  # "how was I meant to ...": an excuse, not a plan
            if intention and not asked:
                behaviour = self._predicate(sentence, keys, j + len(intention), i)
                if behaviour is not None and behaviour.form == "action":
                    found.append((behaviour, True))
                continue
            behaviour = self._predicate(sentence, keys, i + 1, i, speaker=True)
            if behaviour is not None:
                if any(tuple(keys[max(i - len(p), 0) : i]) == p for p in self.denial_lead_ins):
                    behaviour = replace(behaviour, negative=True, past=True)  # "it's not like I was ignoring you"
                found.append((behaviour, False))
        return found

    def complement(self, sentence: list[Word], j: int, verb: str = "") -> tuple[Word, ...]:
        """The rest of a clause from ``j``: up to a clause break or where a new clause starts.

        After a verb like "tell" or "know" a whole clause may follow ("you never
        told me the party was off"), so "was" does not end the complement there.
        """
        takes_clause = verb in self.clause_taking_verbs
        keys = [w.key for w in sentence]
        end, n = j, len(sentence)
        while end < n:
            key = keys[end]
            following = keys[end + 1] if end + 1 < n else None
            if key in self.clause_breaks and following not in self.break_exceptions.get(key, ()):
                break
            if key in self.break_before_pronoun and following in self.subject_pronouns:
                break
            if key in self.break_before_auxiliary and (following in self.auxiliaries or following in self.negators):
                break
            if end > j and key in self.breaks_after_first_word and not takes_clause and keys[end - 1] not in self.subject_pronouns:
                break
            if end > j and key in self.subject_you and following in self.negators:
                break
            if key in self.new_subjects and end > 0 and keys[end - 1] not in self.clause_linkers and not takes_clause:
                if not (end > j and self._takes_a_clause(keys[end - 1])):  # "turns up when he says he will" goes on
                    break
            end += 1
        return tuple(sentence[j:end])

    def _takes_a_clause(self, form: str) -> bool:
        """Whether the verb form is one that a reported clause follows ("says", "said", "knew")."""
        lexicon = self.lexicon
        base = lexicon.base_of_form.get(form) or (lexicon.base_of_third(form) if form.endswith("s") else form)
        return form in self.clause_taking_verbs or base in self.clause_taking_verbs

    def _opener_at(self, sentence, keys, i) -> Behaviour | None:
        for words, kind, opens_clause in self.openers_by_first_word.get(keys[i], ()):
            if tuple(keys[i : i + len(words)]) != words or opens_clause and i > 0 and keys[i - 1] != ",":
                continue
            after = i + len(words)
            if kind == "negative":
                return self._predicate(sentence, keys, after, i, negative=True)
            if kind == "burden":
                return self._predicate(sentence, keys, after, i, burden=True)
            if kind == "plain":  # "what is it with you and (never) answering ..."
                return self._predicate(sentence, keys, after, i)
            for j in range(after, min(after + 4, len(sentence))):  # "what kind of (grown) man" VERBs
                key = keys[j]
                if key in self.auxiliaries or (key.endswith("s") and len(key) > 3 and key not in self.traits):
                    return self._predicate(sentence, keys, j, i, third_person=True, swap="third_person")
        return None

    def _compared_at(self, sentence, keys, i) -> Behaviour | None:
        """'at least he pays back what he borrows', 'he at least ...', 'At least I show up when I say I will': what the
        partner does not do, said as a present habit of someone held up to them."""
        lead = self.comparison_lead_ins.at(keys, i)
        if lead and i + len(lead) < len(keys) and keys[i + len(lead)] in self.compared_subjects:
            subject = keys[i + len(lead)]
        elif keys[i] in self.compared_subjects and i + 1 < len(keys) and (lead := self.comparison_lead_ins.at(keys, i + 1)):
            subject = keys[i]
        else:
            return None
        swap = self.compared_subjects[subject]
        third_person = swap == "third_person"
        verb_at = i + len(lead) + 1
        typed = keys[verb_at] if verb_at < len(keys) else ""
        if third_person and not typed.endswith("s") or not third_person and typed not in self.lexicon.known_bases:
            return None  # only a present habit: "at least I tried" is a defence, not a comparison
        found = self._predicate(sentence, keys, verb_at, i, third_person=third_person, swap=swap)
        if found is None or found.form != "action" or found.negative or found.past:
            return None
        return replace(found, negative=True)

    def _subject_at(self, sentence, keys, i) -> Behaviour | None:
        key = keys[i]
        if key in self.subject_you:
            if i > 0 and keys[i - 1] in self.before_you_means_object:
                return None
            if inverted := self._inverted_auxiliaries(keys, i):
                return self._predicate(sentence, keys, i + 1, i - len(inverted), leading=inverted)
            negated = self._negatively_inverted(keys, i)  # the auxiliary and a "not" the sentence opened with
            return self._predicate(sentence, keys, i + 1, i - 1 if negated else i, leading=negated)
        if key in self.you_are_spellings and i + 1 < len(keys):
            following = keys[i + 1]
            if following in self.after_your_means_you_are or following in self.traits:
                return self._predicate(sentence, keys, i + 1, i, leading=["are"])
        return None

    def _negatively_inverted(self, keys, i) -> list[str]:
        """'not once in 3 yrs have u asked': the auxiliary before the subject, and the negation the sentence opened
        with; [] where the sentence does not open so, or a subject or a comma comes between."""
        opener = next((p for p in self.negative_inversions if tuple(keys[: len(p)]) == p), None)
        if opener is None or i < len(opener) + 1 or keys[i - 1] not in self.auxiliaries:
            return []
        between = keys[len(opener) : i - 1]
        if not self.subject_pronouns.isdisjoint(between) or not all(key.isalnum() for key in between):
            return []  # "never mind, did you get it?": the opener is a clause of its own
        return [keys[i - 1], "not"]

    def _inverted_auxiliaries(self, keys, i) -> list[str]:
        """'why can't you', 'did you even': auxiliaries before the subject of a question."""
        j = i - 1
        while j >= 0 and i - j <= 3 and (keys[j] in self.auxiliaries or keys[j] in self.negators):
            j -= 1
        if j == i - 1 or (j >= 0 and keys[j] not in self.wh_words):
            return []
        return keys[j + 1 : i]

    def _predicate(
        self,
        sentence,
        keys,
        j: int,
        clause_start: int,
        *,
        leading: list[str] | None = None,
        negative: bool = False,
        burden: bool = False,
        third_person: bool = False,
        swap: str = "",
        speaker: bool = False,
    ) -> Behaviour | None:
        state = {"negative": negative, "past": False, "be": False, "have": False}
        for key in leading or []:
            self._auxiliary(key, state)
        n = len(sentence)
        while j < n:
            phrase = self.negating_phrases.at(keys, j)
            if phrase:
                state["negative"], j = True, j + len(phrase)
                continue
            phrase = None if speaker or state["negative"] else self.unmet_obligations.at(keys, j)
            if phrase and state["be"]:  # "you were supposed to wake me up": the waking, not done
                state["negative"], state["be"], j = True, False, j + len(phrase)
                continue
            if state["negative"] and self.not_needed_phrases.at(keys, j):
                return None  # "you don't need to go out": not something left undone
            phrase = self.skip_phrases.at(keys, j) or self.absolute_phrases.at(keys, j)
            if phrase in self.verbs_before_objects and j + len(phrase) < n and keys[j + len(phrase)] in self.object_starters:
                break  # "you never get to the laundry": "get" is the verb, its object follows "to"
            if phrase:
                j += len(phrase)
                continue
            key = keys[j]
            if key in self.auxiliaries:
                if key in self.main_verb_auxiliaries and j + 1 < n and self._starts_an_object(keys[j + 1], key):
                    break  # "I only had two slices", "I was going to do the dishes": the verb itself
                self._auxiliary(key, state)
            elif key in self.negators:
                state["negative"] = True
            elif not (key in self.chain_adverbs or key in self.quote_marks):
                break
            j += 1
        if j >= n:
            return None
        start = sentence[clause_start].start
        if state["be"] and not burden:
            return self._be_predicate(sentence, keys, j, start, state["negative"], state["past"], speaker)
        head = keys[j]
        if not head.isalpha() or head in self.subject_pronouns:
            return None
        if head in self.not_a_verb_after_you and not (state["negative"] and self._phrasal_verb_at(keys, j)):
            return None
        if head in self.habitual_verbs and j + 1 < n and keys[j + 1].endswith("ing"):
            j += 1
            head = keys[j]
        base, typed_past, is_past = self._verb(head, state["past"], state["have"], third_person)
        complement = self.complement(sentence, j + 1, base or "")
        if base is None or (head in self.filler_verbs_after_you and all(w.key in self.vague_complements for w in complement)):
            return None
        end = (complement[-1] if complement else sentence[j]).end
        form = "burden" if burden else "action"
        return Behaviour(form, state["negative"], is_past, base, typed_past, complement, start, end, swap)

    def _negates_at(self, keys, j: int) -> bool:
        return keys[j] in self.negators or bool(self.absolute_phrases.at(keys, j))

    def _phrasal_verb_at(self, keys, j: int) -> bool:
        """Whether a known verb at ``j`` is followed by an object pronoun and a particle ("back me up"); only read so
        when negated ("you never back me up"): "you'd back me up with your parents" is a promise, said back better
        by the rules for those."""
        return (
            keys[j] in self.lexicon.known_bases
            and j + 2 < len(keys)
            and keys[j + 1] in self.phrasal_objects
            and keys[j + 2] in self.phrasal_particles
        )

    def _starts_an_object(self, key: str, auxiliary: str) -> bool:
        """Whether ``key`` after "do"/"have" begins its object rather than continuing a verb group."""
        if key in self.object_starters:
            return True
        if auxiliary in ("have", "has", "had"):  # "have been", "had forgotten", "have to": still an auxiliary
            return not (
                key in self.lexicon.base_of_form
                or key.endswith(("ed", "en"))
                or key in self.auxiliaries
                or key in ("not", "never", "got", "to")
                or key in self.chain_adverbs
            )
        return False

    def _auxiliary(self, key: str, state: dict) -> None:
        if key in self.negators:
            state["negative"] = True
            return
        kind = self.auxiliaries.get(key)
        if kind in ("past", "be_past", "have_past"):
            state["past"] = True
        if kind in ("be", "be_past"):
            state["be"] = True
        if kind in ("have", "have_past"):
            state["have"] = True

    def _verb(self, head: str, past: bool, have: bool, third_person: bool) -> tuple[str | None, str | None, bool]:
        """Base form, typed past form, and whether the clause is in the past."""
        lexicon = self.lexicon
        if head.endswith("ing") and head in lexicon.base_of_form:
            return lexicon.base_of_form[head], None, past
        if have:  # "you've never once stood up for me": a perfect, said back as a habit
            base = lexicon.base_of_form.get(head) or (head if head in lexicon.known_bases else None)
            return base, None, past
        if third_person and head.endswith("s") and not head.endswith("ss"):
            return self.lexicon.base_of_third(head), None, past
        if past:  # after "did"
            return head, None, True
        if head not in lexicon.known_bases and head in lexicon.base_of_form:
            return lexicon.base_of_form[head], head, True
        if head.endswith("ed") and head not in lexicon.known_bases:
            return None, None, True  # an unknown past form: its base can't be spelled safely
        return head, None, False

    def _be_predicate(self, sentence, keys, j, start, negative, past, speaker) -> Behaviour | None:
        n = len(sentence)
        head = keys[j]
        if head.endswith("ing") and head in self.lexicon.base_of_form:
            complement = self.complement(sentence, j + 1)
            end = (complement[-1] if complement else sentence[j]).end
            return Behaviour("action", negative, past, self.lexicon.base_of_form[head], None, complement, start, end)
        phrase = self.one_who.at(keys, j)
        if phrase:
            # "I'm not the one who ..." points at the partner: not something the speaker did
            return None if speaker else self._predicate(sentence, keys, j + len(phrase), j, third_person=True)
        k = j
        while k < n and k < j + 5 and (keys[k] in self.trait_lead_ins or keys[k] in self.chain_adverbs):
            negative = negative or keys[k] in self.negating_lead_ins
            k += 1
        if k < n and (keys[k] in self.traits or (negative and keys[k] in self.denied_virtues)):
            if keys[k] in self.inability_words and k + 2 < n and keys[k + 1] == "of":
                return self._predicate(sentence, keys, k + 2, j, negative=True)  # "incapable of saying no"
            complement = self.complement(sentence, k + 1)
            end = (complement[-1] if complement else sentence[k]).end
            return Behaviour("trait", negative, past, keys[k], None, complement, start, end)
        if head not in self.states:
            return None  # "you're a ...", "you're revolting": a label, not a behaviour to talk about
        complement = self.complement(sentence, j + 1)
        end = (complement[-1] if complement else sentence[j]).end
        return Behaviour("state", negative, past, sentence[j].display, None, complement, start, end)


def _joins_a_word(doc: Doc, token) -> bool:
    """A hyphen inside a word ("mother-in-law"): kept, so no phrase ends at "mother" as if the sentence did."""
    if token.text != "-" or token.i == 0 or token.i + 1 >= len(doc) or token.whitespace_:
        return False
    before, after = doc[token.i - 1], doc[token.i + 1]
    return not before.whitespace_ and before.text[-1:].isalnum() and after.text[:1].isalnum()
