"""A criticism rewrite keeps the complaint's topic as a whole noun phrase, said from the writer's side."""

from __future__ import annotations


def criticism_rewrite(analyzer, text: str) -> str:
    rewrite = analyzer.analyze_as_flagged(text, ["criticism"]).rewrite
    assert rewrite is not None
    return rewrite


def test_a_trait_topic_is_kept_without_the_clause_after_it(analyzer):
    text = "You are so stubborn about the hearing aids that you'd rather have the whole family shouting at you."
    rewrite = criticism_rewrite(analyzer, text)
    assert "the hearing aids" in rewrite and "rather" not in rewrite, rewrite


def test_the_partners_partner_is_the_writer(analyzer):
    rewrite = criticism_rewrite(analyzer, "what kind of person forgets their gf's birthday when it's on their profile")
    assert "my birthday" in rewrite and "girlfriend" not in rewrite, rewrite


def test_an_absolute_before_the_object_is_left_out_and_the_object_kept(analyzer):
    rewrite = criticism_rewrite(analyzer, "you never once backed a single one of my plans for the garden")
    assert "my plans for the garden" in rewrite and "single" not in rewrite and "one of" not in rewrite, rewrite
