"""The note reading pane's text: lines as the mentor wrote them, and the searched words.

Markdown joins consecutive lines into one paragraph and lets a plain line continue the list
item above it; a note is typed line by line during a call (a ``#feedback`` line under a
``- [ ]`` item is its own line), so the reader keeps each line: a hard break at every line
end inside a paragraph, and a blank line after a list item that a plain line follows. Fenced
code stays as written.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QRegularExpression

from mentordesk.domain.search_query import parse_search

_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s")
_HEADING = re.compile(r"^\s{0,3}#{1,6}(?:\s|$)")
_FENCE = re.compile(r"^\s{0,3}(?:```|~~~)")
_TERM = re.compile(r'"([^"]*)"?|(\S+)')


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


def match_patterns(search: str) -> list[QRegularExpression]:
    """What to mark in the opened note for the words searched (filters left out): each word
    where a word begins (the index matches prefixes as the mentor types), a phrase as one."""
    terms = parse_search(search).terms
    found: list[QRegularExpression] = []
    for match in _TERM.finditer(terms):
        words = (match.group(1) if match.group(1) is not None else match.group(2)).split()
        words = [w.strip("*()^") for w in words if w.upper() not in ("AND", "OR", "NOT")]
        words = [w for w in words if w]
        if words:
            body = r"\s+".join(QRegularExpression.escape(w) for w in words)
            found.append(
                QRegularExpression(
                    rf"\b{body}", QRegularExpression.PatternOption.CaseInsensitiveOption
                )
            )
    return found
