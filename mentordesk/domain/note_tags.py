"""Lines of a note that become items: ``- [ ]`` action items, ``#win``, ``#feedback``, ``#fb-me``.

The patterns match the editor's highlighting (ui/widgets/markdown_highlighter.py), so what
the mentor sees marked is what becomes an item:
- ``- [ ] text`` (also ``*``/``+`` bullets, indented or not) is an action item, ``- [x]`` a done
  one; ``@me`` gives it to the mentor, ``@them`` to the mentee (mentor when neither), and
  ``due:2027-01-15`` a due date (a date that does not exist stays in the text, no due date);
- otherwise a line with the tag ``#win`` is a win, ``#feedback`` feedback to the mentee and
  ``#fb-me`` feedback from the mentee (the first of them on the line decides). Tags are whole
  words and case-sensitive: ``#winter`` and ``#Win`` are not tags.

An item's text is its line without the checkbox, tags, owner and due tokens, a leading list
bullet and any call timestamp (``[12:34]``, wherever Ctrl+T put it), whitespace-normalised; a
line left with no text is not an item yet (the mentor is still typing it). Parsing never raises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from mentordesk.domain.models import Owner
from mentordesk.domain.privacy import private_lines

TagKind = Literal["action", "win", "feedback_to", "feedback_from"]
TAG_KINDS: tuple[TagKind, ...] = ("action", "win", "feedback_to", "feedback_from")

_CHECKBOX = re.compile(r"^\s*[-*+]\s+\[([ xX])\]")
_TAG = re.compile(r"(?<![\w#-])#(win|feedback|fb-me)(?![\w-])")
_PERSON = re.compile(r"(?<![\w@])@(me|them)(?![\w-])")
_DUE = re.compile(r"(?<![\w-])due:(\d{4}-\d{2}-\d{2})(?![\w-])")
_LEAD = re.compile(r"^\s*(?:(?:[-*+]|\d+[.)])\s+)?")
_STAMP = re.compile(r"\[\d{1,2}:\d{2}(?::\d{2})?\]")
_KIND_OF_TAG: dict[str, TagKind] = {
    "win": "win",
    "feedback": "feedback_to",
    "fb-me": "feedback_from",
}


@dataclass(frozen=True, slots=True)
class TaggedLine:
    kind: TagKind
    text: str
    owner: Owner
    due: date | None
    #: 0-based, as QTextDocument numbers its blocks.
    line_no: int
    raw: str
    done: bool = False
    #: Under a ``## Private`` heading: the item is never shared on its own.
    private: bool = False

    @property
    def key(self) -> tuple[str, str]:
        """What identifies the line's item across edits elsewhere in the note."""
        return (self.kind, self.text)

    @property
    def state(self) -> tuple[object, ...]:
        """Everything the line says about its item."""
        return (self.kind, self.text, self.owner, self.due, self.done, self.private)


def _parse_due(text: str) -> tuple[date | None, str]:
    """The first real due date, and the text without every real ``due:`` token."""
    found: date | None = None

    def drop(match: re.Match[str]) -> str:
        nonlocal found
        try:
            value = date.fromisoformat(match.group(1))
        except ValueError:
            return match.group(0)  # due:2027-02-30 is not a date: leave it for the mentor
        found = found or value
        return " "

    if "due:" not in text:
        return None, text
    rest = _DUE.sub(drop, text)
    return found, rest


def parse_line(line: str, line_no: int = 0, private: bool = False) -> TaggedLine | None:
    """The item a single line makes, or None."""
    raw = line
    box = _CHECKBOX.match(line)
    owner = Owner.MENTOR
    due: date | None = None
    done = False
    if box:
        kind: TagKind = "action"
        done = box.group(1) != " "
        rest = line[box.end() :]
        people = _PERSON.findall(rest) if "@" in rest else None
        if people:
            owner = Owner.MENTEE if people[0] == "them" else Owner.MENTOR
            rest = _PERSON.sub(" ", rest)
        due, rest = _parse_due(rest)
    else:
        tag = _TAG.search(line)
        if tag is None:
            return None
        kind = _KIND_OF_TAG[tag.group(1)]
        rest = line
    if "#" in rest:
        rest = _TAG.sub(" ", rest)
    if "[" in rest:
        rest = _STAMP.sub(" ", rest)
    rest = _LEAD.sub("", rest, count=1)
    text = " ".join(rest.split())
    if not text:
        return None
    return TaggedLine(kind, text, owner, due, line_no, raw.rstrip("\r"), done, private)


def parse_tagged_lines(body: str) -> list[TaggedLine]:
    """Every line of ``body`` that makes an item, in document order."""
    if "[" not in body and "#" not in body:
        return []  # most notes have no tags: skip the line walk
    lines = body.split("\n")
    marks = private_lines(body)
    found: list[TaggedLine] = []
    for i, line in enumerate(lines):
        if "[" not in line and "#" not in line:
            continue
        item = parse_line(line, i, marks[i])
        if item is not None:
            found.append(item)
    return found
