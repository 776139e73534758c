"""What the mentor typed in a notes search box: the words to look for, and the filters.

``mentee:priya``, ``mentee:"Priya N"``, ``before:2026-10-01`` and ``after:2026-09-01`` may
stand anywhere in the text; the rest are the words (``"quoted phrases"`` and ``care*``
prefixes kept as typed) that go to the full-text index. A filter that cannot be read is
left out and explained in ``errors``, never raised: the box is searched on every pause in
typing, so half-typed filters are normal.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from mentordesk.domain.date_window import FIRST_YEAR, LAST_YEAR, clamp_day, in_window

#: Around each matched word in a snippet. Control characters never typed into a note, so the
#: UI can tell them from the text (and never has to parse the note as markup).
MATCH_START = "\x02"
MATCH_END = "\x03"

FILTER_KEYS = ("mentee", "before", "after")
_EXAMPLES = {"mentee": "mentee:priya", "before": "before:2026-10-01", "after": "after:2026-09-01"}

# One token at a time: a filter (its value quoted or up to the next space), a "phrase"
# (its closing quote may still be coming), or a word. A key only counts at a token's start.
_TOKEN = re.compile(
    r'(?P<key>(?i:mentee|before|after)):(?P<value>"[^"]*"?|\S*)|"[^"]*"?|\S+',
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
# Fixed English names: calendar.month_name follows the locale, which Qt sets from the system.
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")  # fmt: skip


@dataclass(slots=True, frozen=True)
class SearchQuery:
    #: The words for the full-text index, filters removed. A trailing space means the last
    #: word is finished; without one it is still being typed (searched as a prefix).
    terms: str = ""
    #: A piece of a mentee's name (any case), or None.
    mentee: str | None = None
    #: Notes written before this day (the day itself excluded), in the mentor's zone.
    before: date | None = None
    #: Notes written on this day or later, in the mentor's zone.
    after: date | None = None
    #: One sentence per filter that could not be used, naming it and the fix.
    errors: tuple[str, ...] = ()

    @property
    def has_terms(self) -> bool:
        return bool(self.terms.strip())

    @property
    def has_filters(self) -> bool:
        return self.mentee is not None or self.before is not None or self.after is not None


def parse_search(text: str) -> SearchQuery:
    """Splits ``text`` into words and filters; never raises."""
    errors: list[str] = []
    # A pasted NUL reaches SQLite as the end of the string (OperationalError); other
    # control characters are never in a note's words either.
    cleaned = _CONTROL.sub("", text)
    if cleaned != text:
        errors.append("Control characters in the search were left out.")
        text = cleaned
    terms: list[str] = []
    found: dict[str, list[str]] = {key: [] for key in FILTER_KEYS}
    last_is_term = False
    for token in _TOKEN.finditer(text):
        key = token.group("key")
        if key is None:
            # An unclosed "phrase runs to the end, spaces and all: they only end it.
            terms.append(token.group().rstrip())
            last_is_term = True
        else:
            found[key.lower()].append(token.group("value"))
            last_is_term = False
    mentee = _mentee(found["mentee"], errors)
    before = _day("before", found["before"], errors)
    after = _day("after", found["after"], errors)
    if before is not None and after is not None and after >= before:
        errors.append(
            f"after:{after.isoformat()} is not earlier than before:{before.isoformat()}, "
            "so no note can match — swap the two dates."
        )
    joined = " ".join(terms)
    # The last word is finished when something follows it: a filter, or a space.
    if joined and (not last_is_term or text[-1:].isspace()):
        joined += " "
    return SearchQuery(joined, mentee, before, after, tuple(errors))


def _unquote(value: str) -> str:
    return value[1:].removesuffix('"') if value.startswith('"') else value


def _one(key: str, values: list[str], errors: list[str]) -> str | None:
    """The last value given for ``key`` (a second one is a mistake worth saying)."""
    if not values:
        return None
    if len(values) > 1:
        errors.append(f"Use one {key}: filter at a time — using {key}:{values[-1]}.")
    return _unquote(values[-1]).strip()


def _mentee(values: list[str], errors: list[str]) -> str | None:
    name = _one("mentee", values, errors)
    if name == "":
        errors.append('Type a name after mentee:, e.g. mentee:priya or mentee:"Priya N".')
        return None
    return name


def _day(key: str, values: list[str], errors: list[str]) -> date | None:
    raw = _one(key, values, errors)
    if raw is None:
        return None
    fix = f"write it as {key}:YYYY-MM-DD, e.g. {_EXAMPLES[key]}."
    if raw == "":
        errors.append(f"Type a date after {key}: as YYYY-MM-DD, e.g. {_EXAMPLES[key]}.")
        return None
    shape = _DATE.fullmatch(raw)
    if shape is None:
        errors.append(f"“{key}:{raw}” is not a date — {fix}")
        return None
    year, month, day = (int(part) for part in shape.groups())
    try:
        found = date(year, month, day)
    except ValueError:
        if not 1 <= month <= 12:
            reason = f"there is no month {month}"
        else:
            reason = f"{_MONTHS[month - 1]} {year} has no day {day}"
        errors.append(f"“{key}:{raw}” is not a date ({reason}) — {fix}")
        return None
    if not in_window(found):
        # A bound, not a meeting: clamped, so date arithmetic near year 1 never overflows.
        clamped = clamp_day(found)
        errors.append(f"“{key}:{raw}” is outside {FIRST_YEAR}–{LAST_YEAR} — using {clamped}.")
        return clamped
    return found


def fold_name(text: str) -> str:
    """A name for matching: any case, accents ignored (``inês`` finds ``Ines``)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def name_matcher(fragment: str) -> Callable[[str], bool]:
    """Whether a name holds ``fragment`` (any case, accents ignored)."""
    folded = fold_name(fragment)

    def matches(name: str) -> bool:
        # Most names are ASCII: casefold alone folds them, ~10x faster than decomposing.
        return folded in (name.casefold() if name.isascii() else fold_name(name))

    return matches


def marked_runs(text: str) -> list[tuple[str, bool]]:
    """A snippet as (text, is_match) runs; stray or unbalanced markers are tolerated."""
    runs: list[tuple[str, bool]] = []
    bold = False
    for part in re.split(f"([{MATCH_START}{MATCH_END}])", text):
        if part == MATCH_START:
            bold = True
        elif part == MATCH_END:
            bold = False
        elif part:
            if runs and runs[-1][1] == bold:
                runs[-1] = (runs[-1][0] + part, bold)
            else:
                runs.append((part, bold))
    return runs


def unmarked(text: str) -> str:
    return text.replace(MATCH_START, "").replace(MATCH_END, "")
