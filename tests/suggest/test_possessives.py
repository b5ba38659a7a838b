"""A possessive said back keeps its apostrophe, or is not said back (issue 18, round 18ak): "the kids' routines",
never "the kids routines"; a texter's "my cousins wedding" (one cousin's or several?) is named "the wedding".

The messages are written for these tests, not taken from the data.
"""

from __future__ import annotations

import pytest

from tests.suggest.conftest import rewrite_for


def topics(reader, grammar, lang, text):
    return [p.text() for p in grammar.topics(reader.sentences(lang(text)))]


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("You're so careless with the boys' football kit", "the boys' football kit"),
        ("you never check the girls’ homework", "the girls' homework"),
        ("you're useless with the kids lunches", "the kids' lunches"),  # a texter's "the kids" are several
        ("you said 'fine' and then ignored the twins' bedtimes", "the twins' bedtimes"),  # after a closed quotation
        ('you said "fine" and then ignored the twins\' bedtimes', "the twins' bedtimes"),
    ],
)
def test_a_plurals_possessive_keeps_its_apostrophe(reader, grammar, lang, text, topic):
    assert topic in topics(reader, grammar, lang, text)


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("u scratched my sisters car again", "the car"),
        ("you ruined ur brothers birthday party", "the birthday party"),
        ("you forgot my cousins wedding", "the wedding"),
    ],
)
def test_an_owner_without_its_apostrophe_is_not_copied(reader, grammar, lang, text, topic):
    assert topic in topics(reader, grammar, lang, text)


@pytest.mark.parametrize(
    ("text", "made_up"),
    [
        ("you said 'whenever suits' and then got angry", "suits'"),  # a closing quote, not a possessive
        ("you always forget the kids and the dog", "kids'"),  # two things, not the kids' dog
        ("you let the boys stay up till midnight", "boys'"),  # "stay" is what the boys do
    ],
)
def test_no_possessive_is_made_up(reader, grammar, lang, text, made_up):
    said = topics(reader, grammar, lang, text)
    assert not any(made_up in t for t in said), said


def test_a_rewrite_keeps_the_possessive_apostrophe(analyzer):
    rewrite = rewrite_for(analyzer, "You're hopeless with the twins' bedtimes, I can't leave you with them", "criticism")
    assert "the twins' bedtimes" in rewrite, rewrite
