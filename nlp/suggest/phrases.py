"""Which words of a message may be said back: whole noun and verb phrases, nothing else.

A rewrite that quotes the message is only as good as the piece it quotes.
Without a parser, a clause tail ("how my day"), a texting spelling ("its gross")
or a half-finished object is easy to copy by mistake, so this module only
accepts a phrase it can build entirely from the closed word lists in
``resources/suggest/phrases.json``: a determiner, modifiers and a known noun (or
a name), object pronouns, prepositional phrases and a few adverbs after a verb
the lexicon can inflect. The phrase must end where the clause ends or at a word
that starts a new one ("when", "because", "and" before something that is not a
noun phrase); otherwise it is not recognised and the caller uses a topic or a
generic sentence instead.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterator, Sequence

from nlp.suggest.lexicon import Lexicon, PhraseSet
from nlp.suggest.reading import Word

MAX_WORDS = 12  # a longer quote reads as a paste, not a message


@dataclass(frozen=True, slots=True)
class Phrase:
    """A recognised phrase: its words as they will be written, and what it says."""

    words: tuple[str, ...]
    attached: tuple[bool, ...]  # written with no space before it ("'s")
    head: str  # the noun a noun phrase is about, or the verb of a verb phrase
    has_object: bool = False  # a verb phrase with a concrete object or place
    open_head: bool = False  # a noun phrase whose head is no listed noun ("the parking ticket"): see open_noun_phrases

    def text(self) -> str:
        return "".join(w if glued or not i else f" {w}" for i, (w, glued) in enumerate(zip(self.words, self.attached)))


@dataclass(frozen=True, slots=True)
class RelativeObjects:
    """The closed lists a thing named by what its doer does with it is recognised from (``relative_objects``)."""

    heads: frozenset[str]
    subjects: frozenset[str]
    said_as: str


@dataclass(frozen=True, slots=True)
class SetClause:
    """A clause a behaviour may keep, one word from each slot ("when you say you will"; ``set_clauses``)."""

    slots: tuple[frozenset[str], ...]
    said_as: str  # with {0}, {1} ... the words found in the slots

    def said_at(self, toks: Sequence[Word], i: int) -> str | None:
        keys = [w.key for w in toks[i : i + len(self.slots)]]
        if len(keys) < len(self.slots) or any(key not in slot for key, slot in zip(keys, self.slots)):
            return None
        return self.said_as.format(*keys)


@dataclass(frozen=True, slots=True)
class EmbeddedClauses:
    """The closed lists a reported clause is recognised from (``embedded_clauses`` in phrases.json)."""

    verbs: frozenset[str]
    starters: frozenset[str]
    without_starter: frozenset[str]
    starter_added: str
    subjects: frozenset[str]
    subject_determiners: frozenset[str]
    verb_forms: frozenset[str]
    present_be: frozenset[str]
    predicates: frozenset[str]
    request_tense: dict[str, str]


@dataclass(frozen=True, slots=True)
class _SentenceReading:
    """What ``PhraseGrammar.topic_words`` finds in one sentence whatever the cut ranges, kept for the next ask."""

    sentence: Sequence[Word]  # the sentence itself, so a kept reading is never taken for another at the same id
    toks: list[Word]  # cleaned
    figurative: set[int]
    noun_phrase_at: dict[int, tuple[int, str] | None]  # filled as positions are asked for


class PhraseGrammar:
    def __init__(self, lexicon: Lexicon):
        data = lexicon.phrases_data
        words = lexicon.words

        def word_set(name: str) -> frozenset[str]:
            return frozenset(data[name])

        self.nouns = word_set("nouns") | frozenset(lexicon.category_of_jab_topic)
        self.modifiers = word_set("modifiers")
        self.mass_nouns = word_set("mass_nouns")
        self.bare_nouns = word_set("plurals") | self.mass_nouns
        self.vague_nouns = word_set("vague_nouns")
        self.not_topics = word_set("not_topics") | self.vague_nouns
        self.never = word_set("never_copied") | frozenset(lexicon.category_of_trait) | frozenset(words["absolutes"])
        self.determiners = word_set("determiners")
        self.request_determiners: dict[str, str] = data["request_determiners"]
        self.object_pronouns = word_set("object_pronouns")
        self.vague_objects = word_set("vague_objects")
        self.reflexives: dict[str, str] = data["reflexives"]
        self.said_as: dict[str, str] = data["said_as"]
        self.prepositions = word_set("prepositions")
        self.particles = word_set("particles")
        self.preposition_phrases = [tuple(p) for p in data["preposition_phrases"]]
        self.preposition_phrase_starts = frozenset(p[0] for p in self.preposition_phrases)
        self.adverbs = word_set("adverbs")
        self.adverb_phrases = [tuple(p) for p in data["adverb_phrases"]]
        self.past_time = word_set("past_time_words")
        self.request_time = word_set("request_time_words")
        self.past_time_phrases = [tuple(p) for p in data["past_time_phrases"]]
        self.safe_cuts = word_set("safe_cuts")
        self.restricting_cuts = word_set("restricting_cuts")
        self.infinitive_verbs = word_set("infinitive_verbs")
        self.clause_verbs = word_set("clause_verbs")
        self.not_said_back = word_set("verbs_not_said_back")
        self.comparison_words = word_set("comparison_words")
        self.comparison_links = word_set("comparison_links")
        clauses = data["embedded_clauses"]
        self.clause_objects = EmbeddedClauses(
            verbs=frozenset(clauses["verbs"]),
            starters=frozenset(clauses["starters"]),
            without_starter=frozenset(clauses["without_starter"]),
            starter_added=clauses["starter_added"],
            subjects=frozenset(clauses["subjects"]),
            subject_determiners=frozenset(clauses["subject_determiners"]),
            verb_forms=frozenset(clauses["verb_forms"]),
            present_be=frozenset(clauses["present_be"]),
            predicates=frozenset(clauses["predicates"]),
            request_tense=clauses["request_tense"],
        )
        relatives = data["relative_objects"]
        self.relative_objects = RelativeObjects(
            heads=frozenset(relatives["heads"]), subjects=frozenset(relatives["subjects"]), said_as=relatives["said_as"]
        )
        self.set_clauses = [
            SetClause(tuple(frozenset(slot) for slot in clause["slots"]), clause["said_as"]) for clause in data["set_clauses"]
        ]
        self.set_clause_starters = frozenset(word for clause in self.set_clauses for word in clause.slots[0])
        self.to_object_verbs = word_set("to_object_verbs")
        self.phrasal_alone = frozenset(tuple(pair) for pair in data["phrasal_verbs_alone"])
        self.owners = word_set("owners")
        self.people = frozenset(lexicon.templates["people"])
        self.unmarked_owners = self.people | self.owners | word_set("unmarked_owners")
        self.joining_words = word_set("joining_words")
        self.known_bases = lexicon.known_bases
        self.max_modifiers = data["max_modifiers"]
        opened = data["open_noun_phrases"]
        self.open_determiners = frozenset(opened["determiners"])
        self.open_max_words = opened["max_words"]
        self.closed_class = frozenset(opened["closed_class"])
        self.person_endings = tuple(opened["person_endings"])
        self.figurative_heads = frozenset(opened["figurative_heads"])
        self.open_ends = (
            self.prepositions
            | self.safe_cuts
            | self.restricting_cuts
            | self.adverbs
            | frozenset(opened["time_adverbs"])
            | frozenset(opened["auxiliaries"])
        )
        self.texting = frozenset(lexicon.texting)
        self.lexicon = lexicon
        self.known_verbs = lexicon.known_bases
        self.verb_after_noun_after = frozenset(data["verb_after_noun_after"])
        self.shared_nouns = frozenset(data["shared_nouns"])
        self.context_determiners = frozenset(data["context_determiners"])
        self.holidays = frozenset(data["holidays"])
        self.answer_verbs = frozenset(data["answers"]["verbs"])
        self.answer_words = frozenset(data["answers"]["words"])
        self.fine_alone = frozenset(lexicon.templates["verbs_fine_alone"])
        self.quote_marks = frozenset(words["quote_marks"])
        self.skipped = frozenset(words["dropped_words"]) | self.quote_marks
        self.possessive_marks = self.quote_marks & frozenset(("'", "’"))
        self.skipped_phrases = PhraseSet(lexicon.phrases("absolute_phrases"))  # "a single one of"
        self.figurative_phrases = PhraseSet(lexicon.phrases("figurative_phrases"))  # "get with the program"
        figures = words["figures_of_everything"]  # "why is everything a crisis"
        self.figure_leads, self.figure_links = frozenset(figures["leads"]), frozenset(figures["links"])
        self.all_caps_kept = frozenset(words["all_caps_kept"])
        self.swaps: dict[str, dict[str, str]] = {"third_person": words["third_person_swaps"], "first_person": words["first_person_swaps"]}
        self.writer_roles = word_set("writer_roles")

    # -- public ----------------------------------------------------------------

    def clean(self, words: Sequence[Word], cut_ranges=()) -> list[Word]:
        """The words without fillers, absolutes and quote marks; stops at a span that must not be quoted."""
        keys = [w.key for w in words]
        kept: list[Word] = []
        skipped, phrase_starts = self.skipped, self.skipped_phrases.by_first_word
        i = 0
        while i < len(words):
            word = words[i]
            if cut_ranges and any(start <= word.start < end for start, end in cut_ranges):
                break
            phrase = self.skipped_phrases.at(keys, i) if word.key in phrase_starts else None
            if phrase:
                i += len(phrase)
                continue
            if kept and self._possessive_mark(words, i):  # "the kids' routines": the apostrophe is the owner's
                kept[-1] = kept[-1]._replace(display=kept[-1].display + "'")
            elif not (word.key in skipped or word.display in skipped):
                kept.append(word)
            i += 1
        return kept

    def _possessive_mark(self, words: Sequence[Word], i: int) -> bool:
        """Whether the quote mark at ``i`` is a plural's possessive ("the kids' routines"), not a closing quote
        ("you said 'whenever suits' then left"): typed onto a word in "s", a word after it, and no quote open before."""
        word = words[i]
        if word.key not in self.possessive_marks or not word.attached or i + 1 >= len(words) or i == 0:
            return False
        before, after = words[i - 1], words[i + 1]
        return before.key.endswith("s") and not after.attached and after.key[:1].isalpha() and not self._inside_quote(words[:i])

    def _inside_quote(self, words: Sequence[Word]) -> bool:
        """Whether a quotation opened in ``words`` is still open at their end: an opening mark follows a space, a
        closing one is typed onto the word it ends ("'whenever suits'"); one typed on with none open is no quote."""
        opened = 0
        for word in words:
            if word.key in self.quote_marks:
                if not word.attached:
                    opened += 1
                elif opened:
                    opened -= 1
        return opened > 0

    def verb_phrase(
        self,
        verb: str,
        words: Sequence[Word],
        *,
        negative: bool = True,
        request: bool = False,
        swap: str = "",
        cut_ranges=(),
        alone_ok: bool = False,
        judging_ok: bool = False,
    ) -> Phrase | None:
        """``verb`` and its object, particles and adjuncts, when all of it is recognised.

        ``words`` is the rest of the clause after the verb; ``negative`` says the
        behaviour is something not done, which may be cut before "when". In a
        ``request`` a past time ("yesterday") is left out and "any" becomes "some".
        ``alone_ok``: the phrase is said with its subject ("the car breaking down"), so a verb that needs no object
        may go without one. ``judging_ok``: the words around it already say the verb is no judgement ("how to use the
        calendar"), so a verb of ``verbs_not_said_back`` may be said.
        """
        if verb not in self.known_verbs or verb in self.not_said_back and not judging_ok:
            return None
        toks = self.clean(words, cut_ranges)
        end, has_object, starter_at = self._verb_rest(verb, toks, 0)
        if end is None or not self._ends_clause(toks, end, negative):
            return None
        if not has_object and (verb not in self.fine_alone and not alone_ok or verb in self.clause_verbs):
            return None  # "you never ask": ask what? a verb that takes a clause needs its object
        if self.figurative_phrases.found_in([w.key for w in toks[:end]]):
            return None  # "have the emotional range of a parking meter": a figure, no doing to say back
        kept = self._said_pieces(toks[:end])
        if starter_at is not None:  # "tell me ur running late" -> "tell me when you're running late"
            at = kept[starter_at]
            added = self.clause_objects.starter_added
            kept.insert(starter_at, Word(added, added, False, at.start, at.start))
        if request:
            kept = self._in_request_tense(self._without_time(kept))
        return self._render([verb], kept, request, swap, head=verb, has_object=has_object)

    def complement(self, words: Sequence[Word], *, swap: str = "", cut_ranges=()) -> Phrase | None:
        """Adjuncts alone ("for dinner", "on your phone"), after a state word: all recognised, or None."""
        toks = self.clean(words, cut_ranges)
        end = self._adjuncts(toks, 0)
        if not self._ends_clause(toks, end, restricted_ok=False):
            return None
        return self._render([], toks[:end], False, swap, head="")

    def noun_phrase_at(self, words: Sequence[Word], i: int) -> Phrase | None:
        """The noun phrase starting at word ``i`` of the cleaned ``words``, as it could be named, or None."""
        found = self._noun_phrase(list(words), i)
        return self._topic_phrase(list(words[i : found[0]]), found[1]) if found else None

    def topics(self, sentences: Sequence[Sequence[Word]], cut_ranges=(), as_written: bool = False) -> Iterator[Phrase]:
        """Every noun phrase of the message, in order, as it could be named: 'the rent', 'your mum'.

        Found as they are asked for: most callers want only the first that fits.

        Unless ``as_written``, a determiner that would not make sense out of context ("his", "a") becomes "the".
        """
        for words, head in self.topic_words(sentences, cut_ranges):
            yield self.as_written(words, head) if as_written else self.named(words, head)

    def topic_words(
        self,
        sentences: Sequence[Sequence[Word]],
        cut_ranges=(),
        not_after: PhraseSet | None = None,
        readings: dict[int, "_SentenceReading"] | None = None,
    ) -> Iterator[tuple[list[Word], str]]:
        """The words and head noun of each noun phrase ``topics`` gives, for a caller that needs it both ways.

        ``not_after``: leave out a noun phrase right after one of these phrases ("at the window").
        ``readings``: where to keep what does not depend on the cut ranges, for a caller that asks about the
        same sentences several times (``Message.readings``).
        """
        for sentence in sentences:
            reading = self._reading(sentence, readings)
            toks, figurative, found_at = reading.toks, reading.figurative, reading.noun_phrase_at
            placed: set[int] = set()
            cuts = [k for k, w in enumerate(toks) if any(start <= w.start < end for start, end in cut_ranges)] if cut_ranges else []
            if not_after is not None:
                keys = [w.key for w in toks]
                placed = {j + len(lead) for j in range(len(keys)) if (lead := not_after.at(keys, j))}
            i = 0
            while i < len(toks):
                if i in figurative or any(start <= toks[i].start < end for start, end in cut_ranges):
                    i += 1
                    continue
                np_ = found_at[i] if i in found_at else found_at.setdefault(i, self._noun_phrase(toks, i))
                cut_at = next((k for k in cuts if k > i), None) if cuts else None
                if cut_at is not None and (np_[0] > cut_at if np_ else toks[i].key in self.determiners):
                    np_ = self._before_cut(toks, i, cut_at) or np_
                if np_ is None:
                    i += 1
                    continue
                end, head = np_
                hyphened = end < len(toks) and toks[end].key == "-" and toks[end].attached  # "the half" of "the half-term"
                if i in placed or hyphened:  # "at the school gates": no part of it either ("gates")
                    i = end
                    continue
                inside = any(start <= w.start < stop for w in toks[i:end] for start, stop in cut_ranges)
                compared = self._compared_at(toks, i)
                if not inside and not compared and head not in self.vague_nouns:
                    yield toks[i:end], head
                i = end

    def _compared_at(self, toks: list[Word], i: int) -> bool:
        """Whether the noun phrase at ``i`` is what something is likened to: "lazy like a cat", "like it's your job"."""
        before = i - 1 if i > 0 and toks[i - 1].key in self.comparison_links else i
        return before > 0 and toks[before - 1].key in self.comparison_words

    def _before_cut(self, toks: list[Word], i: int, cut_at: int) -> tuple[int, str] | None:
        """The noun phrase from ``i`` that a cut ends ("the budget" of "nice job with the budget genius", where the
        vocative jab is cut), if the words before the cut are a whole one."""
        found = self._noun_phrase(toks[:cut_at], i)
        return found if found is not None and found[0] == cut_at else None

    def _reading(self, sentence: Sequence[Word], readings: dict[int, "_SentenceReading"] | None) -> "_SentenceReading":
        kept = readings.get(id(sentence)) if readings is not None else None
        if kept is not None and kept.sentence is sentence:
            return kept
        toks = self.clean(sentence, ())
        reading = _SentenceReading(sentence, toks, self._figurative_positions(toks), {})
        if readings is not None:
            readings[id(sentence)] = reading
        return reading

    def named(self, words: list[Word], head: str) -> Phrase:
        """A noun phrase of ``topic_words`` as it could be named: 'the rent'."""
        return self._topic_phrase(words, head)

    def as_written(self, words: list[Word], head: str) -> Phrase:
        """A noun phrase of ``topic_words`` with its own determiner ("a fever"), or as named when it cannot be said so."""
        return self._render([], words, False, "", head) or self._topic_phrase(words, head)

    def _figurative_positions(self, toks: Sequence[Word]) -> set[int]:
        """Where an idiom stands ("get with the program", "drop the ball"): its nouns are no topic to name."""
        keys = [w.key for w in toks]
        found: set[int] = set()
        for i in range(len(keys)):
            phrase = self.figurative_phrases.at(keys, i)
            if phrase is not None:
                found.update(range(i, i + len(phrase)))
            if keys[i] in self.figure_leads:
                found.update(self._figure_of_everything(toks, keys, i + 1))
        return found

    def _figure_of_everything(self, toks: Sequence[Word], keys: list[str], i: int) -> range:
        """The noun phrase that "everything" is called after it ("a competition" of "everything has to be a
        competition"): a figure for how someone reacts, not a thing that happened."""
        while i < len(keys) and keys[i] in self.figure_links:
            i += 1
        if i + 1 >= len(keys) or keys[i] not in ("a", "an"):
            return range(0)
        found = self._noun_phrase(list(toks), i)
        return range(i, found[0] if found else i + 2)

    def reported_question_at(self, words: Sequence[Word], i: int) -> Phrase | None:
        """A whole reported question starting at word ``i`` of the cleaned ``words`` ("where I was"), or None."""
        toks = list(words)
        if i >= len(toks) or toks[i].key not in self.clause_objects.starters:
            return None
        found = self._embedded_clause(toks, i, starter_optional=False)
        if found is None or not self._ends_clause(toks, found[0], restricted_ok=False):
            return None
        return self._render([], toks[i : found[0]], False, "", head=toks[i].key)

    # -- grammar ---------------------------------------------------------------

    def _verb_rest(self, verb: str, toks: list[Word], i: int) -> tuple[int | None, bool, int | None]:
        """Where the verb's phrase ends, whether it has a concrete object, and where a reported clause needs a starter.

        The end is None when a part is not recognised.
        """
        n = len(toks)
        start, i = i, self._particle(toks, i)
        phrasal = i > start and (verb, toks[start].key) in self.phrasal_alone  # "show up", "pick up"
        has_object = False
        obj = self._object(toks, i)
        if obj is None and verb in self.answer_verbs and i < n and toks[i].key in self.answer_words:
            obj = (i + 1, True)  # "said yes to your sister"
        if (obj is None or obj[1] is False) and verb in self.clause_objects.verbs:  # "ask how my day was"
            clause = self._embedded_clause(toks, obj[0] if obj else i, verb in self.clause_objects.without_starter)
            if clause is not None:
                return clause[0], True, clause[1]
        if obj is not None:
            i, concrete = obj
            has_object = concrete
            if concrete is False and verb in self.clause_verbs:
                second = self._noun_phrase(toks, i)  # "tell me the plan"
                about = self._adjuncts(toks, i) if i < n and toks[i].key in ("about", "of") else i
                if second is None and about == i:
                    return None, False, None  # "tell me" + a clause: the clause can't be quoted
                i, has_object = (second[0] if second else about), True  # or "tell you about the money"
            elif concrete is False:
                second = self._noun_phrase(toks, i)  # "hand them a bag of sweets"
                if second is not None:
                    i = second[0]
                has_object = True
            i = self._particle(toks, i)  # "pick the kids up"
        if i < n and toks[i].key == "to" and verb in self.infinitive_verbs and i + 1 < n:
            inner = toks[i + 1].key
            if inner in self.known_verbs and inner not in self.not_said_back:
                end, inner_object, starter_at = self._verb_rest(inner, toks, i + 2)
                if end is None:
                    return None, False, None
                return end, inner_object or inner in self.fine_alone, starter_at
        before = i
        i = self._adjuncts(toks, i)
        to_object = verb in self.to_object_verbs and i > before and toks[before].key == "to"  # "get to the laundry"
        if obj is None and (i > before and verb in self.fine_alone or to_object or phrasal):
            has_object = True  # "listen to me", "help with the dishes", "show up"
        if obj is not None and obj[1] is None:  # a vague "it" needs a place: "leave it in the sink"
            if i == before:
                return None, False, None
            has_object = True
        return i, has_object, None

    def _embedded_clause(self, toks: list[Word], i: int, starter_optional: bool) -> tuple[int, int | None] | None:
        """A reported clause at ``i`` built only from the ``embedded_clauses`` lists: its end, and where 'when' goes.

        'ask how my day was', 'ask if i was ok', 'tell me ur running late' (a texted "ur" the reader spelled
        out as "you're" is its subject and verb at once); anything else is not recognised.
        """
        lists, n = self.clause_objects, len(toks)
        if i >= n:
            return None
        j, starter_at = i, None
        if toks[j].key in lists.starters:
            j += 1
        elif starter_optional:
            starter_at = i
        else:
            return None
        if j >= n:
            return None
        verb_form = None
        if toks[j].display.lower() == "you're":
            j, verb_form = j + 1, "are"
        elif toks[j].key in lists.subjects:
            j += 1
        elif toks[j].key in lists.subject_determiners and (subject := self._noun_phrase(toks, j)) is not None:
            j = subject[0]
        else:
            return None
        if verb_form is None:
            if j >= n or toks[j].key not in lists.verb_forms:
                return None
            verb_form, j = toks[j].key, j + 1
        if starter_at is not None and verb_form not in lists.present_be:
            return None  # "you never told me the party was off": without a starter, only "you're ..." is safe
        while j < n and (toks[j].key in lists.predicates or toks[j].key in self.adverbs):
            j += 1
        return self._adjuncts(toks, j), starter_at

    def _object(self, toks: list[Word], i: int) -> tuple[int, bool | None] | None:
        """An object at ``i``: (end, True) for a noun phrase, False for a pronoun, None-valued for a vague 'it'."""
        if i >= len(toks):
            return None
        if self._relative_verb(toks, i) is not None:  # "something you finished"
            return i + 3, True
        found = self._noun_phrase(toks, i)  # first, so "her birthday" is not "her" + "birthday"
        if found is not None:
            return found[0], found[1] not in self.vague_nouns
        key = toks[i].key
        if key in self.object_pronouns or key in self.reflexives:
            return i + 1, False
        if key in self.vague_objects:
            return i + 1, None
        return None

    def _relative_verb(self, toks: list[Word], i: int) -> str | None:
        """The base verb of a thing named by what its doer does with it ("something you finished" -> "finish"), or None.

        Only a head word, a subject and a verb said back, with nothing after the verb in its clause.
        """
        lists = self.relative_objects
        if i + 2 >= len(toks) or toks[i].key not in lists.heads or toks[i + 1].key not in lists.subjects:
            return None
        base = self._base_form(toks[i + 2].key)
        if base is None or base in self.not_said_back or not self._ends_clause(toks, i + 3, restricted_ok=True):
            return None
        return base

    def _base_form(self, form: str) -> str | None:
        """A verb's base from any form it was typed in ("finished", "borrows", "start"), or None when unknown."""
        lexicon = self.lexicon
        if form in self.known_verbs:
            return form
        if form in lexicon.base_of_form:
            return lexicon.base_of_form[form]
        base = lexicon.base_of_third(form) if form.endswith("s") else None
        return base if base in self.known_verbs else None

    def _set_clause_at(self, toks: Sequence[Word], i: int) -> SetClause | None:
        """The set clause ("when you say you will", ``set_clauses``) that starts at word ``i``, or None."""
        if i >= len(toks) or toks[i].key not in self.set_clause_starters:
            return None
        return next((clause for clause in self.set_clauses if clause.said_at(toks, i) is not None), None)

    def _said_pieces(self, toks: list[Word]) -> list[Word]:
        """The words of a recognised phrase with its set pieces said as a rewrite says them.

        "something you finished" -> "what you finish"; "when he says he'll" -> "when you say you will".
        """
        said: list[Word] = []
        i = 0
        while i < len(toks):
            word = toks[i]
            base = self._relative_verb(toks, i)
            if base is not None:
                head = self.relative_objects.said_as
                verb = toks[i + 2]
                said += [word._replace(key=head, display=head), toks[i + 1], verb._replace(key=base, display=base)]
                i += 3
                continue
            clause = self._set_clause_at(toks, i)
            if clause is not None:
                end = i + len(clause.slots)
                text = clause.said_at(toks, i)
                said.append(Word(text, text, False, word.start, toks[end - 1].end))
                i = end
                continue
            said.append(word)
            i += 1
        return said

    def _noun_phrase(self, toks: list[Word], i: int) -> tuple[int, str] | None:
        n = len(toks)
        if i >= n:
            return None
        listed = self._listed_noun_phrase(toks, i)
        if listed is None and toks[i].key in self.open_determiners:
            open_end = self._open_noun_phrase(toks, i)  # "your physio exercises"
            if open_end is not None:
                return open_end, toks[open_end - 1].key
        return listed

    def _open_noun_phrase(self, toks: list[Word], i: int) -> int | None:
        """Where a determiner-led phrase with a word outside the noun lists ends ("your gym bag"), or None.

        Recognised only when tightly bounded (``open_noun_phrases``): a possessive or article determiner, 1 to 3
        lowercase words that may belong to a noun phrase, then the clause's end or a closed-class word that ends one.
        """
        first = toks[i]
        if first.display.lower() != first.key:
            return None  # "ur" read as "you're" starts a clause
        n = len(toks)
        end = i + 1
        while end < n and not self._ends_open_phrase(toks[end]):
            if end - i > self.open_max_words or not (self._open_word(toks[end]) or self._gerund_modifier(toks, i, end)):
                return None
            end += 1
        if end == i + 1 or end - i - 1 > self.open_max_words:
            return None
        words = toks[i + 1 : end]
        if all(w.key in self.nouns or w.key in self.modifiers for w in words):
            return None  # all listed: the listed reading says what it is
        head = words[-1].key
        if head in self.modifiers and head not in self.nouns or head.endswith(self.person_endings) or head in self.figurative_heads:
            return None  # "the dog hungry": no noun at the end; "your therapist": a person; "use your brain"
        if len(words) > 1 and head.endswith("ing"):
            return None  # "the strimmer running": a verb after its subject
        if any(_third_person_like(w.key) and w.key not in self.nouns for w in words[:-1]):
            return None  # "that involves commitment": an -s word before the end is a verb
        if len(words) > 1 and _third_person_like(head) and head not in self.nouns and not _third_person_like(words[-2].key):
            return None  # "the hoover exists": an -s word after a singular word is a verb
        return end

    def _gerund_modifier(self, toks: list[Word], i: int, at: int) -> bool:
        """Whether the -ing word at ``at`` names the kind of the listed noun that ends the phrase after it, right after
        the determiner at ``i`` ("the downsizing plan", "your cleaning rota"); not a verb after its subject ("the kids
        eating dinner")."""
        word, n = toks[at], len(toks)
        if at != i + 1 or not word.key.endswith("ing") or word.display != word.key or not word.key.isalpha():
            return False
        return at + 1 < n and toks[at + 1].key in self.nouns and (at + 2 == n or self._ends_open_phrase(toks[at + 2]))

    def _ends_open_phrase(self, word: Word) -> bool:
        return word.key in self.open_ends or not any(c.isalnum() for c in word.key)

    def _open_word(self, word: Word) -> bool:
        """Whether a word may stand in an unlisted noun phrase: lowercase, of no closed class, no verb form or judgement."""
        key = word.key
        if word.attached or not key.isalpha() or len(key) < 3 or word.display != key:
            return False
        if key in self.closed_class or key in self.never or key in self.texting or key.endswith("ly"):
            return False
        if not any(c in "aeiouy" for c in key):
            return False  # "msgs", "txt": a texting abbreviation
        if key in self.nouns or key in self.modifiers:
            return True
        return not self._verb_form(key)

    def _verb_form(self, key: str) -> bool:
        """A form of a listed verb ("broke", "fixes", "parking") or a past that looks like one ("escalated")."""
        lexicon = self.lexicon
        if key in self.known_verbs or key in lexicon.base_of_form or key.endswith(("ed", "ing")):
            return True
        return key.endswith("s") and lexicon.base_of_third(key) in self.known_verbs

    def _listed_noun_phrase(self, toks: list[Word], i: int) -> tuple[int, str] | None:
        """A noun phrase built only from the listed words (and names)."""
        n = len(toks)
        start = i
        first = toks[i]
        # "ur running late": a 'your' the reader spelled out as "you're" starts a clause, not a noun phrase
        determined = (first.key in self.determiners and first.display.lower() in self.determiners) or first.key.isdigit()
        if determined:
            i += 1
        modifiers, head, end = 0, "", None
        before_owned: tuple[int, str] | None = None
        while i < n:
            word = toks[i]
            key = word.key
            if key in self.never:
                return None
            owner = key in self.owners and i + 1 < n and toks[i + 1].key == "'s" and toks[i + 1].attached  # "my mum's"
            if head and self._verb_after_noun(toks, start, head, key):
                break  # "how a washing machine works": the noun's own verb ends the phrase
            if self._is_name(word) or key in self.nouns or owner:
                if head in self.vague_nouns:
                    return None  # "the one cleaning": a vague noun only heads a phrase
                head, end = key, i + 1
                if i + 1 < n and toks[i + 1].key == "'s" and toks[i + 1].attached:  # "Nana's house"
                    if any(w.key not in self.modifiers for w in toks[start + determined : i]):
                        return None  # "skip Ava's game": what comes before the owner must belong to it
                    if not (key in self.people or self._is_name(word)):  # "the kitchen's a mess", "the dog's lonely"; not "your dad's will"
                        before_owned = (end, head)  # where it ends if no noun is owned: the 's is "is"
                    i += 2
                    determined, head, end = True, "", None
                    continue
            elif key in self.modifiers and modifiers < self.max_modifiers:
                modifiers += 1
            else:
                break
            i += 1
        if before_owned is not None and (end is None or head in self.modifiers and end == before_owned[0] + 2):
            end, head = before_owned  # "the formula's wrong": one word that may be an adjective is said of it
        if end is None:
            return None
        # "that Poppy can't ...": a determiner before a name is something else; "the Seder" is a capitalised noun
        capitalised_noun = first.key == "the" and toks[end - 1].key in self.nouns
        if determined and start < end - 1 and not capitalised_noun and all(self._is_name(w) for w in toks[start + 1 : end]):
            return None
        if not determined and not (head in self.bare_nouns or self._is_name(toks[end - 1])):
            return None  # a bare singular noun ("take dish") is more likely a misread
        if not determined and any(w.key not in self.modifiers for w in toks[start : end - 1]):
            return None  # "host Christmas": without a determiner, only adjectives may come before the noun
        if end < n and toks[end].key == "of":  # "a bag of sweets", "the rest of the food"
            tail = self._noun_phrase(toks, end + 1)
            if tail is not None:
                end = tail[0]
                head = head if head not in self.vague_nouns else tail[1]
        if end < n and toks[end].key in ("and", "or"):  # "the dishes and the bins"
            other = self._noun_phrase(toks, end + 1)
            if other is not None and other[1] not in self.vague_nouns:  # not "... and the fact she'd had chips"
                end = other[0]
        return end, head

    def _verb_after_noun(self, toks: list[Word], start: int, noun: str, key: str) -> bool:
        """Whether ``key`` after the singular noun ``noun`` is its verb, in a phrase that opens a reported question
        ("how a washing machine works", "how money works"), not a second noun of a compound ("the phone calls")."""
        asked = start > 0 and toks[start - 1].key in self.verb_after_noun_after
        return asked and _third_person_like(key) and key[:-1] in self.known_verbs and noun in self.nouns and not _third_person_like(noun)

    def _particle(self, toks: list[Word], i: int) -> int:
        """'up' in "pick up the kids" or "pick them up"; 'in' or 'on' before a noun phrase is a preposition instead."""
        if i >= len(toks) or toks[i].key not in self.particles:
            return i
        lead = self._preposition_at(toks, i)
        if lead and self._noun_phrase(toks, i + lead) is not None:
            return i
        return i + 1

    def _preposition_at(self, toks: list[Word], i: int) -> int:
        """How many words the preposition at ``i`` has ("in front of": 3, "with": 1), or 0 when there is none."""
        if i >= len(toks):
            return 0
        key = toks[i].key
        if key in self.preposition_phrase_starts:
            keys = tuple(w.key for w in toks[i : i + 3])
            phrase = next((p for p in self.preposition_phrases if keys[: len(p)] == p), None)
            if phrase:
                return len(phrase)
        return int(key in self.prepositions)

    def _adjuncts(self, toks: list[Word], i: int) -> int:
        """Prepositional phrases and adverbs, as many as are recognised."""
        n = len(toks)
        while i < n:
            keys = [w.key for w in toks[i : i + 3]]
            phrase = next((p for p in self.adverb_phrases + self.past_time_phrases if tuple(keys[: len(p)]) == p), None)
            if phrase:
                i += len(phrase)
                continue
            clause = self._set_clause_at(toks, i)  # "when you say you will"
            if clause is not None:
                i += len(clause.slots)
                continue
            key = toks[i].key
            lead = self._preposition_at(toks, i)
            if lead and i + lead < n:
                target = toks[i + lead].key
                if target in self.object_pronouns or target in self.reflexives:
                    i += lead + 1
                    continue
                found = self._noun_phrase(toks, i + lead)
                if found is not None:
                    i = found[0]
                    continue
            if key in self.adverbs or key in self.past_time or key in self.particles:
                i += 1
                continue
            break
        return i

    def _ends_clause(self, toks: list[Word], end: int, restricted_ok: bool) -> bool:
        if end >= len(toks):
            return True
        key = toks[end].key
        if key == "-" and toks[end].attached:
            return False  # a hyphen inside a word ("mother-in-law"), not a dash between clauses
        return key in self.safe_cuts or (restricted_ok and key in self.restricting_cuts)

    def names_a_thing(self, phrase: Phrase) -> bool:
        """Whether a noun phrase's head is a noun: a listed one, or the head of a bounded unlisted phrase."""
        return phrase.head in self.nouns or phrase.open_head

    def _is_name(self, word: Word) -> bool:
        """A capitalised word mid-sentence: a name such as "Jason" or "Mum" (shouting is lowered by the reader)."""
        text = word.display
        return len(text) > 1 and text[0].isupper() and (text[1:].islower() or text in self.all_caps_kept) and text.isalpha()

    # -- writing ---------------------------------------------------------------

    def _in_request_tense(self, toks: list[Word]) -> list[Word]:
        """'ask if I was ok' asked for next time: 'ask if I am ok'."""
        tense = self.clause_objects.request_tense
        return [
            w._replace(display=tense[w.key], attached=tense[w.key].startswith("'")) if w.key in tense and i and toks[i - 1].key == "i" else w
            for i, w in enumerate(toks)
        ]

    def _without_time(self, toks: list[Word]) -> list[Word]:
        """A request up to its first time word: the template says when ("tonight", "next time")."""
        keys = [w.key for w in toks]
        for i, key in enumerate(keys):
            if key in self.request_time or any(tuple(keys[i : i + len(p)]) == p for p in self.past_time_phrases):
                return toks[:i]
        return toks

    def _render(
        self, lead: list[str], toks: list[Word], request: bool, swap: str, head: str, has_object: bool = False
    ) -> Phrase | None:
        """The words as a rewrite writes them; ``swap`` names the persons turned round to speak to the partner."""
        if len(lead) + len(toks) > MAX_WORDS:
            return None
        swaps = self.swaps.get(swap, {})
        words, attached = list(lead), [False] * len(lead)
        for word in toks:
            text = swaps.get(word.key) or self.reflexives.get(word.key) or self.said_as.get(word.key) or word.display
            if request:
                text = self.request_determiners.get(word.key, text)
            if word.key == "'s":
                text = "'s"
            words.append(text)
            attached.append(word.attached and (word.key == "'s" or text.startswith("'")))  # "you're", "I'm"
        open_head = bool(toks) and toks[-1].key == head and head not in self.nouns and self._open_word(toks[-1])
        return Phrase(tuple(words), tuple(attached), head, has_object, open_head)

    def _topic_phrase(self, toks: list[Word], head: str) -> Phrase:
        """A noun phrase as a topic: 'his'/'her'/'their' (whose?) become 'the'; 'you' and 'your' stay."""
        keys = [w.key for w in toks]
        if len(keys) > 3 and keys[0] in ("his", "her", "their") and keys[1] in self.writer_roles and keys[2] == "'s":
            # "what kind of person forgets their gf's birthday": the girlfriend is the one writing
            return self._owned_as("my", toks[3:], head)
        owner_end = next((i for i in (2, 3) if i + 1 < len(keys) and keys[i] == "'s" and keys[i - 1] in self.people), None)
        if keys[0] in ("his", "her", "their") and owner_end is not None:
            # "forgets her own grandson's birthday": whose it is cannot be said from here ("the grandson's birthday")
            return self._owned_as("the", toks[owner_end + 1 :], head)
        unmarked = self._unmarked_owner_end(keys, toks)
        if unmarked is not None and keys[: unmarked - 1] in ([], ["the"]):
            # "the kids homework": the kids' (a texter's "the kids" are several)
            toks = toks[: unmarked - 1] + [toks[unmarked - 1]._replace(display=toks[unmarked - 1].display + "'")] + toks[unmarked:]
        elif unmarked is not None:
            # "my cousins wedding": one cousin's or several? Not copied without its apostrophe, nor guessed: "the wedding"
            return self._owned_as("the", toks[unmarked:], head)
        phrase = self._render([], toks, False, "", head)
        words = list(phrase.words)
        if words and words[0] in self.context_determiners:
            words[0] = "the"
        elif words == ["your", head] and head in self.shared_nouns:
            words[0] = "our"  # "remember your own anniversary": the couple's
        if len(words) == 2 and words[0] == "the" and head in self.holidays:
            words, attached = words[1:], phrase.attached[1:]  # "the Christmas do" read without its "do": "Christmas"
            return Phrase(tuple(words), attached, head, open_head=phrase.open_head)
        return Phrase(tuple(words), phrase.attached, head, open_head=phrase.open_head)

    def _owned_as(self, determiner: str, owned: list[Word], head: str) -> Phrase:
        """The thing ``owned`` after an owner it cannot be said back with, opened by ``determiner`` instead ("my"
        birthday for "their gf's birthday", "the" wedding for "my cousins wedding")."""
        rest = self._render([], owned, False, "", head)
        return Phrase((determiner,) + rest.words, (False,) + rest.attached, head, open_head=rest.open_head)

    def _unmarked_owner_end(self, keys: list[str], toks: list[Word]) -> int | None:
        """Where the thing starts after an owner written in texting style, without its apostrophe ("my cousins
        wedding", "ur sisters car"): a person's word in "s" with a noun of the phrase after it. Not before a word that
        may be a verb ("the boys stay up") or one that joins ("the kids and the money")."""
        for i, key in enumerate(keys[:-1]):
            after = keys[i + 1]
            joins = after in self.prepositions or after in self.joining_words or not after[:1].isalpha()
            if after == "'s" or joins or after in self.known_bases or toks[i].display.endswith("'"):
                continue
            if key.endswith("s") and not key.endswith("ss") and key[:-1] in self.unmarked_owners:
                return i + 1
        return None


def _third_person_like(word: str) -> bool:
    return word.endswith("s") and not word.endswith("ss")
