"""The rules of the record forms: feedback, wins, resources and action items.

Each ``clean_*`` returns a cleaned copy or raises ``ValidationError`` naming the form's field,
so the window shows the message beside it and the CLI prints it (exit 2). A record born from
a tagged note line keeps its text on one line: the form's text is written back into the note.
"""

from __future__ import annotations

import re
from dataclasses import replace
from urllib.parse import unquote, urlsplit

from mentordesk.domain.errors import ValidationError
from mentordesk.domain.models import ActionItem, Feedback, Resource, Win
from mentordesk.domain.validation import validate_name, validate_text

#: Longest text of a record (a feedback's "what happened" may be a paragraph or two).
MAX_TEXT = 4000
#: Longest text of a record born from a note line (it is written back into that line).
MAX_TITLE = 300
_MAILTO = re.compile(r"^[^@\s/]+@[^@\s/]+\.[^@\s/.]{2,}$")


def validate_resource_link(text: str, field: str = "url") -> str:
    """An http(s) address, a ``mailto:`` address or a ``file:`` URL of a file the mentor picked."""
    cleaned = text.strip()
    if not cleaned:
        raise ValidationError(
            field, "Link is empty — paste a web address (https://…) or choose a file."
        )
    parts = urlsplit(cleaned)
    scheme = parts.scheme.lower()
    if scheme in ("http", "https") and parts.netloc and not any(c.isspace() for c in cleaned):
        return cleaned
    if scheme == "mailto" and _MAILTO.match(unquote(parts.path)):
        return cleaned
    if scheme == "file" and parts.netloc in ("", "localhost") and parts.path.startswith("/"):
        return cleaned
    raise ValidationError(
        field,
        f"Link '{cleaned}' is not a web address, e-mail or file — start it with https://"
        " or mailto:, or pick a file.",
    )


def _one_line(text: str, field: str, label: str, note_id: int | None) -> str:
    if note_id is not None and "\n" in text.strip():
        raise ValidationError(
            field, f"{label} came from a line of a note and stays one line — remove the breaks."
        )
    limit = MAX_TITLE if note_id is not None else MAX_TEXT
    if len(text.strip()) > limit:
        raise ValidationError(field, f"{label} is longer than {limit} characters — shorten it.")
    return text.strip() if note_id is None else " ".join(text.split())


def clean_feedback(fb: Feedback) -> Feedback:
    body = validate_text(fb.body, "body", "Feedback")
    body = _one_line(body, "body", "Feedback", fb.note_id)
    return replace(
        fb,
        body=body,
        why_it_matters=_one_line(fb.why_it_matters, "why_it_matters", "Why it matters", None),
        suggested_action=_one_line(
            fb.suggested_action, "suggested_action", "Suggested action", None
        ),
    )


def clean_win(win: Win) -> Win:
    # validate_name keeps a title on one line and under 200 characters.
    return replace(win, title=validate_name(win.title, "title", "Win"))


def clean_resource(res: Resource) -> Resource:
    return replace(
        res,
        title=validate_name(res.title, "title", "Resource title"),
        url=validate_resource_link(res.url),
        notes=_one_line(res.notes, "notes", "Note", None),
    )


def clean_action(item: ActionItem) -> ActionItem:
    text = validate_text(item.text, "text", "Action item")
    return replace(item, text=_one_line(text, "text", "Action item", item.note_id))
