"""What an introductory session's note says for the profile and the roadmap.

The intro template (``resources/templates/intro-session.md``) asks its questions as
``- Prompt:`` lines under ``## Background``, ``## Interests``, ``## Expectations`` and
``## Goals we agreed on``. After the call, the answered lines of the first three go into the
mentee's profile fields of those names, and each goal line becomes a goal. A prompt left
unanswered is left out; so is everything under other headings (Next steps, Private).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Profile field -> the heading word that starts its section.
PROFILE_PARTS = (("background", "Background"), ("interests", "Interests"),
                 ("expectations", "Expectations"))  # fmt: skip
_GOALS = "goals"
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_STAMP = re.compile(r"^\[\d{1,2}:\d{2}\]\s*")  # call mode's Ctrl+T time stamp
_MARKER = re.compile(r"^(?:[-*+]\s+(?:\[[ xX]\]\s+)?|\d+[.)]\s+)")
_LONE_MARKER = re.compile(r"[-*+]|\d+[.)]|(?:[-*+]\s*)?\[[ xX]\]")
_GOAL_PROMPT = re.compile(r"^goal\s*\d*\s*:\s*", re.IGNORECASE)
_DONE_WHEN = re.compile(r"^how (?:we|you|they) (?:will )?know", re.IGNORECASE)
#: A goal's title is at most this long (``validate_goal``'s limit, with room to spare).
MAX_GOAL_TITLE = 200


@dataclass(frozen=True, slots=True)
class IntroGoal:
    title: str
    success_criteria: str = ""


@dataclass(frozen=True, slots=True)
class IntroNotes:
    """The answered lines of each section, one text per profile field, and the goals."""

    background: str = ""
    interests: str = ""
    expectations: str = ""
    goals: tuple[IntroGoal, ...] = ()

    def profile(self) -> dict[str, str]:
        """The profile fields with something to copy, in the template's order."""
        texts = {field: getattr(self, field) for field, _ in PROFILE_PARTS}
        return {field: text for field, text in texts.items() if text}

    @property
    def empty(self) -> bool:
        return not self.profile() and not self.goals


def _section_of(heading: str) -> str | None:
    first = heading.strip().split(maxsplit=1)
    word = first[0].casefold().rstrip(":") if first else ""
    for field, name in PROFILE_PARTS:
        if word == name.casefold():
            return field
    return _GOALS if word in (_GOALS, "goal") else None


def _bare(line: str) -> str:
    """A line without its stamp and list marker ("" for a marker alone)."""
    text = _STAMP.sub("", line.strip())
    if _LONE_MARKER.fullmatch(text):
        return ""
    return _STAMP.sub("", _MARKER.sub("", text, count=1)).strip()


def _answered(line: str) -> str:
    """A line without its list marker and stamp; "" for a prompt with no answer yet."""
    text = _bare(line)
    return "" if text.endswith(":") else text


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def parse_intro(body: str) -> IntroNotes:
    """The note's intro sections; ``IntroNotes().empty`` when it has none answered."""
    sections: dict[str, list[str]] = {}
    current: str | None = None
    for line in body.splitlines():
        heading = _HEADING.match(line)
        if heading:
            current = _section_of(heading.group(1))
            if current is not None:
                sections.setdefault(current, [])
            continue
        if current is not None and line.strip():
            sections[current].append(line.rstrip())
    texts = {
        field: "\n".join(t for t in map(_answered, sections.get(field, [])) if t)
        for field, _ in PROFILE_PARTS
    }
    return IntroNotes(**texts, goals=_goals(sections.get(_GOALS, [])))


def _goals(lines: list[str]) -> tuple[IntroGoal, ...]:
    """Each line at the section's own indent is a goal ("Goal:" prompts unwrapped); under
    it, an answered "How we will know it is done:" line is its success criteria."""
    if not lines:
        return ()
    top = min(_indent(line) for line in lines)
    goals: list[IntroGoal] = []
    pending: IntroGoal | None = None
    for line in lines:
        if _indent(line) == top:
            if pending is not None and pending.title:
                goals.append(pending)
            title = _GOAL_PROMPT.sub("", _bare(line)).strip()
            pending = IntroGoal(title[:MAX_GOAL_TITLE] if not title.endswith(":") else "")
            continue
        answer = _answered(line)
        if pending is not None and _DONE_WHEN.match(answer):
            criteria = answer.split(":", 1)[1].strip() if ":" in answer else ""
            if criteria:
                pending = IntroGoal(pending.title, criteria)
    if pending is not None and pending.title:
        goals.append(pending)
    return tuple(goals)


def merged(before: str, copied: str) -> str:
    """The profile field after the copy: what it held stays, the copy goes below it (once)."""
    if not copied or copied in before:
        return before
    if not before.strip():
        return copied
    return f"{before.rstrip()}\n\n{copied}"
