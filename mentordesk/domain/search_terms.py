"""The words of a notes search, read one way for the full-text index and for the marks in the
opened note, so that what is marked is what was found.

The index (FTS5, ``unicode61 remove_diacritics 2``) ignores case and accents, matches a
finished word whole and the word still being typed (or one ending in ``*``) as a prefix, and
a "quoted phrase" as consecutive words; every term is quoted, so ``AND`` or ``NEAR`` typed by
the mentor are words like any other.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_TOKEN = re.compile(r'"[^"]*"?|\S+')
# unicode61's token characters: letters and digits (Python's \w adds the underscore).
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class SearchTerm:
    #: As given to the index: one word, or the words of a phrase.
    text: str
    #: The last word matches the start of a word ("plan" finds "planning").
    prefix: bool

    @property
    def tokens(self) -> list[str]:
        """The words as the index reads them: letters and digits, anything else between
        (``c++`` is ``c``; ``don't`` is ``don`` then ``t``), without case or accents."""
        return _WORD.findall(fold_chars(self.text))


def search_terms(terms: str) -> list[SearchTerm]:
    """The terms of ``SearchQuery.terms`` (filters already taken out); a trailing space means
    the last word is finished."""
    found: list[SearchTerm] = []
    tokens = _TOKEN.findall(terms)
    for i, token in enumerate(tokens):
        is_phrase = token.startswith('"')
        text = token.strip('"').replace('"', "")
        if not text.strip():
            continue
        typing = i == len(tokens) - 1 and not is_phrase and not terms.endswith(" ")
        prefix = text.endswith("*") or typing
        text = text.rstrip("*")
        if text:
            # A one-letter prefix would match most of the index: it is searched whole.
            found.append(SearchTerm(text, prefix and len(text) >= 2))
    return found


def fold_chars(text: str) -> str:
    """``text`` without case or accents, one character for one (positions stay valid)."""
    if text.isascii():
        return text.lower()
    return "".join(_fold_char(c) for c in text)


def _fold_char(char: str) -> str:
    if char.isascii():
        return char.lower()
    base = unicodedata.normalize("NFD", char)[0].lower()
    return base if len(base) == 1 else char


def match_spans(text: str, terms: list[SearchTerm], limit: int = 200) -> list[tuple[int, int]]:
    """Where each term occurs in ``text`` as the index would match it, in order of position
    (at most ``limit`` of them): (start, end) indexes into ``text``."""
    folded = fold_chars(text)
    spans: list[tuple[int, int]] = []
    for term in terms:
        tokens = term.tokens
        if not tokens:
            continue
        body = r"[\W_]+".join(re.escape(token) for token in tokens)
        end = "" if term.prefix else r"(?![^\W_])"
        for match in re.finditer(rf"(?<![^\W_]){body}{end}", folded):
            if len(spans) >= limit:
                break
            spans.append(match.span())
    return sorted(spans)
