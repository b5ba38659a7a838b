"""The suggestion word lists and templates, read once from ``resources/suggest``.

Everything language-specific the rewriter knows lives in those JSON files, so a
reviewer can fix a feeling word or add a verb without reading code; this module
only turns them into the lookup tables the code needs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from nlp.pipeline.normalizer import DEFAULT_LEXICON

SUGGEST_RESOURCES = Path(__file__).resolve().parent.parent / "resources" / "suggest"


@dataclass(frozen=True)
class Lexicon:
    words: dict
    verbs: dict
    templates: dict
    phrases_data: dict  # what may be quoted from a message (phrases.json)
    voice: dict  # who is speaking and where (voice.json)
    antidotes: dict
    positives: dict
    texting: dict[str, str]
    base_of_form: dict[str, str]  # past, participle and -ing forms -> base
    past_of_base: dict[str, str]
    participle_of_base: dict[str, str]
    known_bases: frozenset[str]
    category_of_verb: dict[str, str]
    category_of_phrasal_verb: dict[tuple[str, str], str]  # ("show", "up") -> "reliability"
    category_of_topic: dict[str, str]
    category_of_jab_topic: dict[str, str]  # what a contempt rewrite may name: the topics and everyday things jabs are about
    category_of_trait: dict[str, str]
    trait_phrases: "TraitPhrases"  # the trait words and phrases as the reader's words hold them ("self-centred", "my way or no way")
    category_of_denied_virtue: dict[str, str]
    category_of_state: dict[str, str]
    evidence_markers: dict[str, frozenset[str]]  # each pattern's marker words and pairs (evidence_words.json)

    def phrases(self, name: str) -> list[tuple[str, ...]]:
        return [tuple(words) for words in self.words[name]]

    def ing_of(self, base: str) -> str:
        return _ing(base, self.verbs)

    def base_of_third(self, form: str) -> str:
        """The base of a third-person form, spelled by rule: 'borrows' -> 'borrow', 'fixes' -> 'fix', 'has' -> 'have'."""
        third = self.verbs["third_person"]
        if form in third:
            return third[form]
        for ending, replacement in (("ies", "y"), ("ches", "ch"), ("shes", "sh"), ("sses", "ss"), ("xes", "x"), ("oes", "o")):
            if form.endswith(ending):
                return form[: -len(ending)] + replacement
        return form[:-1]


class PhraseSet:
    """Phrases looked up by their first word, longest first: every flagged message is checked against hundreds of them."""

    def __init__(self, phrases):
        self.by_first_word: dict[str, list[tuple[str, ...]]] = {}
        for phrase in sorted((tuple(p) for p in phrases), key=len, reverse=True):
            self.by_first_word.setdefault(phrase[0], []).append(phrase)

    def at(self, keys: list[str], i: int) -> tuple[str, ...] | None:
        """The longest phrase of the set that the words ``keys`` hold from word ``i``, or None."""
        for phrase in self.by_first_word.get(keys[i], ()):
            if tuple(keys[i : i + len(phrase)]) == phrase:
                return phrase
        return None

    def positions(self, keys: list[str]):
        """The indices of ``keys`` where one of the phrases starts, in order (lazily: most callers stop at the first)."""
        first = self.by_first_word
        return (i for i, key in enumerate(keys) if key in first and self.at(keys, i) is not None)

    def found_in(self, keys: list[str]) -> bool:
        """Whether the words ``keys`` hold any of the phrases anywhere."""
        return next(self.positions(keys), None) is not None


class PlaceLeadIns(PhraseSet):
    """Place prepositions ("at", "out of"), except where the word before makes one no place: "get to the laundry"."""

    def __init__(self, phrases, not_after: dict[str, list[str]]):
        super().__init__(phrases)
        self.not_after = {lead: frozenset(words) for lead, words in not_after.items()}

    def at(self, keys: list[str], i: int) -> tuple[str, ...] | None:
        lead = super().at(keys, i)
        if lead is not None and i and keys[i - 1] in self.not_after.get(keys[i], ()):
            return None
        return lead


class TraitPhrases:
    """The character words and habit phrases of ``traits``, found in a message's words.

    spaCy splits "self-centred" into "self", "-", "centred", and a habit such as "my way or no way" is several words,
    so each entry is looked up as a phrase, hyphens left out on both sides ("two faced" is "two-faced").
    """

    def __init__(self, entries):
        self.entry_of = {tuple(_trait_words(entry)): entry for entry in entries}
        self.phrases = PhraseSet(self.entry_of)

    def first_in(self, sentences) -> str | None:
        """The trait entry named first in ``sentences`` (lists of words with a ``key``), or None."""
        for sentence in sentences:
            keys = [w.key for w in sentence if w.key != "-"]
            for i in range(len(keys)):
                found = self.phrases.at(keys, i)
                if found is not None:
                    return self.entry_of[found]
        return None


def _trait_words(entry: str) -> list[str]:
    return entry.replace("-", " ").split()


def load_lexicon(directory: Path = SUGGEST_RESOURCES) -> Lexicon:
    def read(name: str) -> dict:
        return json.loads((directory / name).read_text(encoding="utf-8"))

    words, verbs, templates = read("words.json"), read("verbs.json"), read("templates.json")
    texting = json.loads(Path(DEFAULT_LEXICON).read_text(encoding="utf-8"))["words"]
    past_of_base, participle_of_base = _inflect(verbs)
    base_of_form: dict[str, str] = {}
    for base in past_of_base:
        for form in (past_of_base[base], participle_of_base[base], _ing(base, verbs)):
            base_of_form.setdefault(form, base)
    base_of_form.update(verbs["irregular_variants"])
    category_of_topic = category_lookup(templates["topic_categories"])
    category_of_trait = category_lookup(templates["traits"])
    return Lexicon(
        words=words,
        verbs=verbs,
        templates=templates,
        phrases_data=read("phrases.json"),
        voice=read("voice.json"),
        antidotes=read("antidotes.json"),
        positives=read("positives.json"),
        texting=texting,
        base_of_form=base_of_form,
        past_of_base=past_of_base,
        participle_of_base=participle_of_base,
        known_bases=frozenset(past_of_base),
        category_of_verb=category_lookup(templates["verb_categories"]),
        category_of_phrasal_verb={
            tuple(pair): category for category, pairs in templates["phrasal_verb_categories"].items() for pair in pairs
        },
        category_of_topic=category_of_topic,
        category_of_jab_topic={
            noun: category
            for noun, category in {**category_lookup(templates["contempt"]["topic_categories"]), **category_of_topic}.items()
            if noun not in templates["contempt"]["scene_nouns"]
        },
        category_of_trait=category_of_trait,
        trait_phrases=TraitPhrases(category_of_trait),
        category_of_denied_virtue=category_lookup(templates["virtues_when_denied"]),
        category_of_state=category_lookup(templates["states"]),
        evidence_markers={
            pattern: frozenset(tokens) for pattern, tokens in read("evidence_words.json")["markers"].items()
        },
    )


def category_lookup(groups: dict[str, list[str]]) -> dict[str, str]:
    """Word -> category; a word listed twice keeps its first category."""
    lookup: dict[str, str] = {}
    for category, members in groups.items():
        for word in members:
            lookup.setdefault(word, category)
    return lookup


def _inflect(verbs: dict) -> tuple[dict[str, str], dict[str, str]]:
    past = {base: forms[0] for base, forms in verbs["irregular"].items()}
    participle = {base: forms[1] for base, forms in verbs["irregular"].items()}
    doubling = set(verbs["doubling"])
    for base in verbs["regular"]:
        if base in past:
            continue
        if base in doubling:
            form = base + base[-1] + "ed"
        elif base.endswith("e"):
            form = base + "d"
        elif base.endswith("y") and base[-2] not in "aeiou":
            form = base[:-1] + "ied"
        else:
            form = base + "ed"
        past[base] = participle[base] = form
    return past, participle


def _ing(base: str, verbs: dict) -> str:
    if base in verbs["doubling"]:
        return base + base[-1] + "ing"
    if base.endswith("ie"):
        return base[:-2] + "ying"
    if base.endswith("e") and base not in verbs["verbs_ending_in_e_not_dropped"]:
        return base[:-1] + "ing"
    return base + "ing"
