"""A bounded excerpt around the first match in a long note, instead of FTS5's snippet().

snippet() scores every window of the note and is quadratic in the note's length when a
word repeats (a pasted log of one word: 3.4 s at 100 KB, 228 s at 800 KB). Notes over
SNIPPET_MAX_CHARS get this instead: the first match within the first EXCERPT_SCAN_CHARS,
found by a regular expression, with a few words either side. No SQL here.
"""

from __future__ import annotations

import re
import unicodedata

from mentordesk.domain.search_query import MATCH_END, MATCH_START

SNIPPET_MAX_CHARS = 16 * 1024
EXCERPT_SCAN_CHARS = 64 * 1024
_TERM = re.compile(r'"([^"]+)"(\*?)')
_WORD = re.compile(r"\w+")


def _fold(text: str) -> str:
    """Lower case without accents: what the index's unicode61 tokenizer matches on. NFKD
    keeps 'é' as 'e' plus a mark, so dropping marks keeps positions close enough."""
    return "".join(
        c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c)
    )


def _pattern(fts_match: str) -> re.Pattern[str] | None:
    """One expression for the quoted terms of an FTS5 MATCH string (``fts_query``)."""
    alternatives = []
    for phrase, prefix in _TERM.findall(fts_match):
        words = [re.escape(_fold(w)) for w in _WORD.findall(phrase)]
        if words:
            tail = r"\w*" if prefix else r"\b"
            alternatives.append(r"\b" + r"\W+".join(words) + tail)
    return re.compile("|".join(alternatives)) if alternatives else None


def excerpt(text: str, fts_match: str, words: int = 16) -> str:
    """About ``words`` words of ``text`` around its first match, marked as snippet() marks
    one; the note's opening words when the first EXCERPT_SCAN_CHARS hold no match."""
    head = text[:EXCERPT_SCAN_CHARS]
    pattern = _pattern(fts_match)
    # Folding may change lengths (ligatures); positions are then found in the folded text.
    folded = _fold(head)
    source = head if len(folded) == len(head) else folded
    found = pattern.search(folded) if pattern else None
    if found is None:
        opening = source[:400].split()
        return " ".join(opening[:words]) + ("…" if len(opening) > words else "")
    start, end = found.span()
    before = source[max(0, start - 200) : start].split()[-(words // 2) :]
    after = source[end : end + 200].split()[: words // 2]
    left = "…" if start > 0 and len(before) == words // 2 else ""
    right = "…" if end < len(text) else ""
    marked = MATCH_START + source[start:end] + MATCH_END
    return left + " ".join([*before, marked, *after]) + right
