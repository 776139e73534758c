"""Writing a record's new text, owner, due date or tick back into the note line it came from.

A record born from a tagged line (``note_tags.py``) is edited in its form or ticked on Today;
the line changes with it, so the note keeps saying what the record says and the next save of
the note does not change the record back. The edit is as small as it can be: the checkbox
character, the ``@me``/``@them`` and ``due:`` tokens, and the text where it stands in the line.
When the text cannot be found as typed (it spans a token, say), the line is rebuilt as its
lead (indent, bullet, checkbox, a call timestamp), the new text, then the line's own tokens.
The result is checked by parsing it back: a line that would not say what the form says
raises ``ValidationError`` (a text that holds a tag, for instance), and nothing is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from mentordesk.domain.errors import ValidationError
from mentordesk.domain.models import Owner
from mentordesk.domain.note_tags import TaggedLine, parse_line

_CHECKBOX = re.compile(r"^(\s*[-*+]\s+\[)([ xX])(\])")
_PERSON = re.compile(r"(?<![\w@])@(me|them)(?![\w-])")
_DUE = re.compile(r"(?<![\w-])due:(\d{4}-\d{2}-\d{2})(?![\w-])")
_TOKENS = re.compile(
    r"(?<![\w#-])#(?:win|feedback|fb-me)(?![\w-])"
    r"|(?<![\w@])@(?:me|them)(?![\w-])"
    r"|(?<![\w-])due:\d{4}-\d{2}-\d{2}(?![\w-])"
)
_LEAD = re.compile(
    r"^(\s*(?:[-*+]\s+\[[ xX]\]\s*|(?:[-*+]|\d+[.)])\s+)?)(\[\d{1,2}:\d{2}(?::\d{2})?\]\s*)?"
)


@dataclass(frozen=True, slots=True)
class LineChange:
    """What the record now says; None for what stays as the line has it."""

    text: str | None = None
    owner: Owner | None = None
    #: A new due date; ``clear_due`` removes the line's.
    due: date | None = None
    clear_due: bool = False
    done: bool | None = None


def _real_due(match: re.Match[str]) -> bool:
    try:
        date.fromisoformat(match.group(1))
    except ValueError:
        return False
    return True


def _set_done(line: str, done: bool) -> str:
    box = _CHECKBOX.match(line)
    if box is None:
        return line
    mark = box.group(2)
    if (mark != " ") == done:
        return line
    return line[: box.start(2)] + ("x" if done else " ") + line[box.end(2) :]


def _set_owner(line: str, owner: Owner) -> str:
    token = "@them" if owner is Owner.MENTEE else "@me"
    found = _PERSON.search(line)
    if found is not None:
        return line[: found.start()] + token + line[found.end() :]
    return line.rstrip() + " " + token


def _set_due(line: str, due: date | None) -> str:
    found = next((m for m in _DUE.finditer(line) if _real_due(m)), None)
    if found is None:
        return line if due is None else line.rstrip() + f" due:{due.isoformat()}"
    if due is not None:
        return line[: found.start()] + f"due:{due.isoformat()}" + line[found.end() :]
    before, after = line[: found.start()].rstrip(), line[found.end() :]
    return before + after if after.startswith(" ") or not after else before + " " + after


def _set_text(line: str, old: str, new: str) -> str:
    if line.count(old) == 1:
        return line.replace(old, new, 1)
    lead = _LEAD.match(line)
    head = lead.group(0) if lead else ""
    tokens = " ".join(m.group(0) for m in _TOKENS.finditer(line[len(head) :]))
    return f"{head}{new} {tokens}".rstrip() if tokens else f"{head}{new}"


def rewrite_line(line: str, change: LineChange) -> str:
    """``line`` saying what ``change`` says; ValidationError when it cannot."""
    parsed = parse_line(line)
    if parsed is None:
        raise ValidationError("text", "The note line this record came from is no longer tagged.")
    rewritten = line
    if change.done is not None and parsed.kind == "action":
        rewritten = _set_done(rewritten, change.done)
    if change.owner is not None and parsed.kind == "action" and change.owner != parsed.owner:
        rewritten = _set_owner(rewritten, change.owner)
    if parsed.kind == "action" and (change.clear_due or change.due is not None):
        wanted = None if change.clear_due else change.due
        if wanted != parsed.due:
            rewritten = _set_due(rewritten, wanted)
    text = " ".join(change.text.split()) if change.text is not None else parsed.text
    if text != parsed.text:
        rewritten = _set_text(rewritten, parsed.text, text)
    _check(rewritten, parsed, change, text)
    return rewritten


def _check(rewritten: str, parsed: TaggedLine, change: LineChange, text: str) -> None:
    again = parse_line(rewritten)
    expected_due = None if change.clear_due else (change.due or parsed.due)
    ok = (
        again is not None
        and again.kind == parsed.kind
        and again.text == text
        and (parsed.kind != "action" or (
            again.owner == (change.owner or parsed.owner)
            and again.due == expected_due
            and again.done == (parsed.done if change.done is None else change.done)
        ))
    )  # fmt: skip
    if not ok:
        raise ValidationError(
            "text",
            "This text cannot be written back into its note line as typed — leave out tags"
            " (#win, #feedback, #fb-me), @me/@them, due: dates and [12:34] times.",
        )
