"""The words of a notes search, read one way for the index and for the marks."""

from __future__ import annotations

from mentordesk.domain.search_terms import SearchTerm, fold_chars, match_spans, search_terms


def test_the_last_word_is_a_prefix_while_it_is_being_typed() -> None:
    assert search_terms("ledger pla") == [SearchTerm("ledger", False), SearchTerm("pla", True)]
    assert search_terms("ledger pla ") == [SearchTerm("ledger", False), SearchTerm("pla", False)]
    assert search_terms('care* "live critique" x') == [
        SearchTerm("care", True),
        SearchTerm("live critique", False),
        SearchTerm("x", False),  # one letter: never a prefix
    ]
    assert search_terms('"" * AND') == [SearchTerm("AND", True)]


def test_folding_keeps_every_position() -> None:
    for text in ("Zoë Øster", "İstanbul", "straße", "Nguyễn 🎉 x"):
        assert len(fold_chars(text)) == len(text)
    assert fold_chars("Zoë ÉCOLE") == "zoe ecole"


def test_marks_follow_the_index_rules() -> None:
    text = "Planning the plan with Zoë; c++ plans."
    spans = match_spans(text, search_terms("plan "))
    assert [text[a:b] for a, b in spans] == ["plan"]  # a finished word, whole
    spans = match_spans(text, search_terms("plan"))
    assert [text[a:b] for a, b in spans] == ["Plan", "plan", "plan"]  # being typed: prefix
    assert [text[a:b] for a, b in match_spans(text, search_terms("zoe "))] == ["Zoë"]
    spans = match_spans(text, search_terms('"the plan" '))
    assert [text[a:b] for a, b in spans] == ["the plan"]
    assert match_spans(text, search_terms("lan ")) == []  # never inside a word
