"""Reading what the mentor types in the notes search box: words, phrases, prefixes, filters."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mentordesk.domain.search_query import (
    MATCH_END,
    MATCH_START,
    SearchQuery,
    marked_runs,
    name_matcher,
    parse_search,
    unmarked,
)


def test_plain_words_go_to_the_index_as_typed() -> None:
    assert parse_search("care") == SearchQuery("care")
    # The last word is still being typed (a prefix) until a space follows it.
    assert parse_search("career growth ").terms == "career growth "
    assert parse_search("  care*  plan").terms == "care* plan"
    assert parse_search('"with the" team').terms == '"with the" team'


@pytest.mark.parametrize(
    ("text", "terms", "mentee"),
    [
        ("mentee:priya care", "care", "priya"),
        ("care mentee:priya", "care ", "priya"),  # a filter after a word finishes the word
        ('mentee:"Priya N" career', "career", "Priya N"),
        ('"on call" mentee:"Priya N" plan', '"on call" plan', "Priya N"),
        ("Mentee:Lena", "", "Lena"),
        ('mentee:"Priya N', "", "Priya N"),  # the closing quote is still to come
    ],
)
def test_mentee_filter_anywhere(text: str, terms: str, mentee: str) -> None:
    query = parse_search(text)
    assert (query.terms, query.mentee, query.errors) == (terms, mentee, ())


def test_date_filters() -> None:
    query = parse_search("after:2026-09-01 retro before:2026-10-01")
    assert query == SearchQuery("retro ", None, date(2026, 10, 1), date(2026, 9, 1))
    assert query.has_filters and query.has_terms
    assert parse_search("before:2026-9-1").before == date(2026, 9, 1)
    assert not parse_search("retro").has_filters


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "before:2026-13-01 care",
            "“before:2026-13-01” is not a date (there is no month 13) — write it as "
            "before:YYYY-MM-DD, e.g. before:2026-10-01.",
        ),
        (
            "after:2026-02-30",
            "“after:2026-02-30” is not a date (February 2026 has no day 30) — write it as "
            "after:YYYY-MM-DD, e.g. after:2026-09-01.",
        ),
        (
            "before:yesterday",
            "“before:yesterday” is not a date — write it as before:YYYY-MM-DD, "
            "e.g. before:2026-10-01.",
        ),
        ("after: care", "Type a date after after: as YYYY-MM-DD, e.g. after:2026-09-01."),
        ("mentee:", 'Type a name after mentee:, e.g. mentee:priya or mentee:"Priya N".'),
        ("mentee:a mentee:b", "Use one mentee: filter at a time — using mentee:b."),
        (
            "after:2026-10-01 before:2026-09-01",
            "after:2026-10-01 is not earlier than before:2026-09-01, so no note can match — "
            "swap the two dates.",
        ),
    ],
)
def test_a_filter_that_cannot_be_read_is_explained_not_raised(text: str, expected: str) -> None:
    assert parse_search(text).errors == (expected,)


def test_a_bad_filter_is_left_out_and_the_words_still_count() -> None:
    query = parse_search("before:2026-13-01 care")
    assert (query.terms, query.before, query.has_filters) == ("care", None, False)


def test_other_colons_and_quoted_filters_are_words() -> None:
    assert parse_search("http://example.com note:x").terms == "http://example.com note:x"
    quoted = parse_search('"ask mentee:priya" ')
    assert (quoted.terms, quoted.mentee) == ('"ask mentee:priya" ', None)
    assert parse_search("xmentee:priya").mentee is None


def test_names_match_in_any_case_and_without_accents() -> None:
    assert name_matcher("ines")("Inês Fernandes")
    assert name_matcher("INÊS")("Ines Fernandes")
    assert name_matcher("priya n")("Priya Natarajan")
    assert not name_matcher("lena")("Priya Natarajan")


def test_marked_snippets_split_into_runs() -> None:
    text = f"…a {MATCH_START}care{MATCH_END}ful {MATCH_START}plan{MATCH_END}"
    assert marked_runs(text) == [("…a ", False), ("care", True), ("ful ", False), ("plan", True)]
    assert unmarked(text) == "…a careful plan"
    # Unbalanced markers (a snippet cut in a link) bold to the end, never fail.
    assert marked_runs(f"x{MATCH_START}y") == [("x", False), ("y", True)]
    assert marked_runs(f"{MATCH_END}z") == [("z", False)]


# -- properties -------------------------------------------------------------------------------

# Text made of the pieces that matter to the parser, so filters and quotes meet often.
_TEXT = st.lists(
    st.sampled_from([*'ab :"-*2016\t\n', "mentee:", "before:", "after:", "é", "2026-09-01"]),
    max_size=24,
).map("".join)
_WORD = st.from_regex(r"[a-z]{1,8}\*?", fullmatch=True)
_FILTER = st.sampled_from(
    ["mentee:priya", 'mentee:"Priya N"', "before:2026-10-01", "after:2026-09-01", "after:2026-2-30"]
)


@given(st.text(max_size=80) | _TEXT)
def test_any_text_parses_and_its_terms_hold_no_filter(text: str) -> None:
    query = parse_search(text)
    again = parse_search(query.terms)
    assert again.terms == query.terms
    assert not again.has_filters and not again.errors


@given(st.lists(_WORD | _FILTER, max_size=8), st.booleans())
def test_filters_are_removed_from_the_words(tokens: list[str], trailing_space: bool) -> None:
    text = " ".join(tokens) + (" " if trailing_space else "")
    query = parse_search(text)
    words = [t for t in tokens if ":" not in t]
    assert query.terms.split() == words
    assert ":" not in query.terms
    if words:
        # The last word stays a prefix only when nothing was typed after it.
        finished = trailing_space or tokens[-1] != words[-1]
        assert query.terms.endswith(" ") == finished
    assert (query.mentee is not None) == any(t.startswith("mentee:") for t in tokens)
