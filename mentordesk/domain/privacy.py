"""What of a note may reach the mentee: never a private note, never a ``## Private`` section.

A private section starts at a heading whose text begins with the word "private" (any case:
``## Private``, ``## PRIVATE — not for Maya``, or ``Private`` underlined with ``---``) and
runs to the next ``#`` heading of the same or a higher level (for ``## Private``: the next
``#`` or ``##`` heading). When unsure, more stays private, never less:
- a heading inside a fenced code block never ends a section (a ``# comment`` in pasted
  shell code would otherwise publish the rest), but a private heading anywhere starts one;
- only ``#`` headings end a section: a ``---`` line is as often a rule as a heading.

Lines are split on "\\n" only (a trailing "\\r" is kept with its line), which is how a
``QTextDocument`` numbers its blocks, so line numbers agree with the editor's.
"""

from __future__ import annotations

import re

from mentordesk.domain.models import Note

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*\r?$")
_SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)[ \t]*\r?$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_PRIVATE = re.compile(r"private\b", re.IGNORECASE)
# A paragraph line that a setext underline can turn into a heading (not a list, quote...).
_NOT_PARAGRAPH = re.compile(r"^\s*(?:$|[-*+>#]|\d+[.)]\s|`{3}|~{3})")


def _is_private_title(text: str) -> bool:
    return _PRIVATE.match(text.strip().lstrip("*_").strip()) is not None


def private_lines(body: str) -> list[bool]:
    """For each line of ``body`` (split on "\\n"), whether it lies in a private section."""
    lines = body.split("\n")
    marks = [False] * len(lines)
    if "private" not in body.lower():
        return marks  # most notes: no section can be private
    level = 0  # of the open private section's heading; 0: none open
    fence: str | None = None
    for i, line in enumerate(lines):
        atx = _ATX.match(line)
        in_code = fence is not None
        fence_mark = _FENCE.match(line)
        if fence_mark:
            mark = fence_mark.group(1)
            if fence is None:
                fence = mark
            elif mark[0] == fence[0] and len(mark) >= len(fence) and not line.strip()[len(mark) :]:
                fence = None
        if level and atx and not in_code and len(atx.group(1)) <= level:
            level = 0
        if not level:
            if atx and _is_private_title(atx.group(2) or ""):
                level = len(atx.group(1))
            elif i + 1 < len(lines) and not _NOT_PARAGRAPH.match(line):
                underline = _SETEXT_UNDERLINE.match(lines[i + 1])
                if underline and _is_private_title(line):
                    level = 1 if underline.group(1).startswith("=") else 2
        marks[i] = level > 0
    return marks


def shareable_body(body: str) -> str:
    """``body`` without its private sections (their headings included)."""
    lines = body.split("\n")
    marks = private_lines(body)
    if not any(marks):
        return body
    return "\n".join(line for line, private in zip(lines, marks, strict=True) if not private)


def shareable_text(note: Note) -> str:
    """What of the note's body may be shared: nothing of a private note."""
    if not note.shareable:
        return ""
    return shareable_body(note.body)
