"""What makes a rewrite acceptable, in one place for the Advisor, the tests and the coverage report.

A rewrite must read as a sentence a person would send (``text_problems``: no
unfilled slot, no doubled word, no sentence ending on "the" or "and", no
"how my day?" fragment, no texting spelling), must not be flagged when analysed
again, must not keep an absolute ("always", "never") or an insult, must speak
from the speaker ("I feel ...", "You're right that I ...", "I'm feeling ...")
and, for criticism, should still be about the same thing: at least one content
word of the complaint survives (the coverage report counts the ones that fall
back to a generic sentence instead).
"""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from nlp.results import Analysis
from nlp.suggest.lexicon import Lexicon

_I_STATEMENT = re.compile(r"\bI(?:'m| feel| felt| need| want| can|'d like|'d love|'d rather|'ll| would like)\b")
_SLOT = re.compile(r"[{}]")
_DOUBLED = re.compile(r"\b(\w+)\s+\1\b", re.IGNORECASE)
_SENTENCE = re.compile(r"[^.?!;]+[.?!;]?")
_FRAGMENT = re.compile(r"\b(?:how|what|where|why|who|whether)\s+(?:my|your|our|the|his|her|their)\s+\w+\s*[?.!]")
# "how my day was", "where you are": a reported question may end on its verb.
_REPORTED_QUESTION = re.compile(
    r"\b(?:how|what|where|if|whether)\s+(?:I|you|we|he|she|they|(?:my|your|our|the)(?:\s+\w+){1,3})\s+(?:is|are|was|were)\s*[?.!;]?$"
)
_LOOSE_ITS = re.compile(r"\bits\s+(?!own\b)\w+\s*[?.!,]|\band its\b")
# Texting forms that are also plain English words, so a rewrite may use them.
_ENGLISH = frozenset({"ok", "okay", "haha", "lol", "d", "ll", "m", "ve", "wo", "ya"})
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
_WHO = frozenset({"person", "people", "man", "woman", "guy", "human", "type", "kind", "sort"})
_REPLIES = frozenset({"cool", "ok", "okay", "fine", "great", "yeah", "yep", "nope", "whatever", "lol", "wow"})


def rewrite_problems(original: Analysis, rewritten: Analysis, lexicon: Lexicon) -> list[str]:
    """Every way ``rewritten`` (the analysis of ``original.rewrite``) falls short; empty when it is fine."""
    rewrite = original.rewrite or ""
    problems = text_problems(rewrite, lexicon)
    if rewritten.flagged:
        problems.append(f"still flagged: {', '.join(rewritten.flagged_patterns)}")
    words = {w.lower() for w in _WORD.findall(rewrite)}
    absolutes = words & set(lexicon.words["absolutes"])
    if absolutes:
        problems.append(f"absolute left: {', '.join(sorted(absolutes))}")
    insults = [c.text for c in rewritten.cues if c.pattern == "contempt" and c.rule != "model.words"]
    if insults or words & set(lexicon.category_of_trait):
        problems.append("insult or character word left")
    if not _I_STATEMENT.search(rewrite):
        problems.append("no I-statement")
    if "criticism" in original.flagged_patterns:
        kept = content_words(original.text, lexicon)
        if kept and not kept & content_words(rewrite, lexicon):
            problems.append("criticism rewrite lost the topic")
    return problems


def text_problems(text: str, lexicon: Lexicon) -> list[str]:
    """Every way ``text`` fails to read as a finished message; empty when it reads well."""
    problems = []
    if _SLOT.search(text):
        problems.append("unfilled slot")
    doubled = _DOUBLED.search(text)
    if doubled:
        problems.append(f"doubled word: {doubled.group(1)}")
    dangling = lexicon.words["dangling_endings"]
    for sentence in _SENTENCE.findall(text):
        words = _WORD.findall(sentence)
        if not words:
            continue
        if words[-1].lower() in dangling and not _REPORTED_QUESTION.search(sentence.strip()):
            problems.append(f"sentence ends on '{words[-1]}'")
        if not sentence.strip()[-1:] in (".", "?", "!", ";"):
            problems.append("unfinished sentence")
    if _FRAGMENT.search(text) or _LOOSE_ITS.search(text):
        problems.append("clause fragment")
    texting = {word for word in map(str.lower, _WORD.findall(text)) if word in lexicon.texting and word not in _ENGLISH}
    if texting:
        problems.append(f"texting spelling: {', '.join(sorted(texting))}")
    return problems


def content_words(text: str, lexicon: Lexicon) -> set[str]:
    """Base forms of the words that carry what a message is about."""
    ignored = (
        (STOP_WORDS - lexicon.known_bases)  # "call", "give", "take" are stop words but also what someone did
        | set(lexicon.words["absolutes"])
        | set(lexicon.words["dropped_words"])
        | set(lexicon.category_of_trait)
        | set(lexicon.category_of_denied_virtue)  # "a reliable person", "a good husband": who, not what
        | set(lexicon.texting)
        | _WHO
        | _REPLIES
    )
    found = set()
    for word in _WORD.findall(text.lower()):
        word = lexicon.texting.get(word, word)
        base = lexicon.base_of_form.get(word, word)
        if len(word) < 3 or word in ignored or base in ignored:
            continue
        found.add(base.removesuffix("s") if len(base) > 3 else base)
    return found
