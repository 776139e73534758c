"""The note reading pane's text: lines as the mentor wrote them, and the searched words.

Markdown joins consecutive lines into one paragraph and lets a plain line continue the list
item above it; a note is typed line by line during a call (a ``#feedback`` line under a
``- [ ]`` item is its own line), so the reader keeps each line: a hard break at every line
end inside a paragraph, and a blank line after a list item that a plain line follows. Fenced
code stays as written.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from mentordesk.domain.search_query import parse_search
from mentordesk.domain.search_terms import match_spans, search_terms

_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s")
_HEADING = re.compile(r"^\s{0,3}#{1,6}(?:\s|$)")
_FENCE = re.compile(r"^\s{0,3}(?:```|~~~)")


def reading_markdown(body: str) -> str:
    lines = body.split("\n")
    out: list[str] = []
    fenced = False
    for i, line in enumerate(lines):
        following = lines[i + 1] if i + 1 < len(lines) else ""
        if _FENCE.match(line):
            fenced = not fenced
        if fenced or _FENCE.match(line) or not line.strip() or not following.strip():
            out.append(line)
        elif _LIST_ITEM.match(line) and not _LIST_ITEM.match(following):
            # An indented line continues the item on purpose; a plain one is a new line.
            out.append(line if following[:1].isspace() else line + "\n")
        elif _HEADING.match(line) or _FENCE.match(following):
            out.append(line)
        else:
            out.append(line.rstrip() + "  ")  # a Markdown hard break: the line ends here
    return "\n".join(out)


def match_spans_utf16(text: str, search: str, limit: int) -> list[tuple[int, int]]:
    """Where to mark the words searched (filters left out) in ``text``, a document's plain
    text, as the index found them: (start, end) in the document's positions (UTF-16 units)."""
    spans = match_spans(text, search_terms(parse_search(search).terms), limit)
    if text.isascii() or not spans:
        return spans
    # Qt counts a character outside the BMP (an emoji) as two positions, Python as one.
    wide = [i for i, c in enumerate(text) if ord(c) > 0xFFFF]
    return [
        (start + bisect_left(wide, start), end + bisect_left(wide, end)) for start, end in spans
    ]
