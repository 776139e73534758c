"""Service-level figures: the data behind Today and a mentee's dashboard, and note search.

These call ``Workspace`` as the pages do, without Qt, so they show the store's share alone.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

from mentordesk.bench.context import BenchError, Context
from mentordesk.bench.registry import Row, group, time_ms
from mentordesk.domain.search_query import name_matcher
from mentordesk.services import Workspace
from mentordesk.services.changes import Changes, Kind

_WORD = re.compile(r"[^\W\d_]+")
_TOKEN = re.compile(r"[^\W_]+")
_SAMPLE_NOTES = 300
_RARE_CANDIDATES = 40


def mentee_ids(workspace: Workspace) -> list[int]:
    ids = [m.id for m in workspace.list_mentees() if m.id is not None]
    if not ids:
        raise BenchError("the benchmark database has no mentees")
    return ids


@group("loads", "Today page and mentee dashboard data loads (service calls)")
def loads(ctx: Context) -> list[Row]:
    workspace = ctx.workspace()
    runs = ctx.runs_or(50)
    ids = mentee_ids(workspace)
    picks = iter([ctx.rng.choice(ids) for _ in range(runs + 1)])
    counts = ctx.counts()
    size = f"{counts.get('mentees', 0):,} mentees, {counts.get('notes', 0):,} notes"
    return [
        Row(
            "today_load_ms",
            "Today page data load (workspace.today())",
            "ms",
            time_ms(workspace.today, runs),
            5.0,
            size,
        ),
        Row(
            "today_agenda_ms",
            "Today page data load, all seven lists (workspace.agenda.today())",
            "ms",
            time_ms(lambda: workspace.agenda.today(), runs),
            5.0,
            size,
        ),
        Row(
            "today_agenda_after_meeting_change_ms",
            "Today's seven lists after a change to anyone's meetings (first sessions read again)",
            "ms",
            time_ms(lambda: _after_meetings_changed(workspace), runs),
            None,
            size,
        ),
        Row(
            "dashboard_load_ms",
            "Mentee dashboard data load (random mentee)",
            "ms",
            time_ms(lambda: workspace.mentee_dashboard(next(picks)), runs),
            5.0,
            size,
        ),
    ]


def _after_meetings_changed(workspace: Workspace) -> None:
    # What a change reported for no one mentee in particular (an import, a zone update) costs.
    workspace.changes.report(Changes.of(Kind.MEETINGS))
    workspace.agenda.today()


@dataclass(slots=True, frozen=True)
class SearchCase:
    key: str
    label: str
    #: As typed in the search box: a last word without a trailing space is a prefix.
    query: str
    matches: int


def _matches(workspace: Workspace, query: str) -> int:
    return len(workspace.note_ids(search=query))


def search_cases(workspace: Workspace, ctx: Context) -> list[SearchCase]:
    """Terms picked from the notes themselves, so they fit whatever text the demo writes."""
    all_ids = workspace.note_ids()
    if not all_ids:
        raise BenchError("the benchmark database has no notes")
    sample = ctx.rng.sample(all_ids, min(_SAMPLE_NOTES, len(all_ids)))
    words: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    for note_id in sample:
        note = workspace.note(note_id)
        text = f"{note.title}\n{note.body}".casefold()
        words.update({w for w in _WORD.findall(text) if len(w) >= 4})
        tokens = _TOKEN.findall(text)
        pairs.update(
            {
                (a, b)
                for a, b in pairwise(tokens)
                if len(a) >= 3 and len(b) >= 3 and a.isalpha() and b.isalpha()
            }
        )
    if not words or not pairs:
        raise BenchError("the sampled notes have no words to search for")

    # A trailing space ends a word: searched as the word, not as a prefix.
    common_counts = {w: _matches(workspace, w + " ") for w, _ in words.most_common(5)}
    common = max(common_counts, key=lambda w: (common_counts[w], w))
    singles = sorted(w for w, n in words.items() if n == 1 and len(w) >= 5)
    picked = ctx.rng.sample(singles, min(_RARE_CANDIDATES, len(singles))) or [common]
    rare_counts = {w: _matches(workspace, w + " ") for w in picked}
    rare = min(rare_counts, key=lambda w: (rare_counts[w] or 10**9, w))
    first, second = pairs.most_common(1)[0][0]
    phrase = f'"{first} {second}"'

    cases = [
        SearchCase("rare_word", f"rare word '{rare}'", rare + " ", rare_counts[rare]),
        SearchCase("common_word", f"common word '{common}'", common + " ", common_counts[common]),
        SearchCase(
            "common_word_typed", f"'{common}' as typed (a {len(common)}-letter prefix)", common, 0
        ),
        SearchCase("phrase", f"phrase {phrase}", phrase, 0),
        SearchCase("prefix_2", f"2-letter prefix '{common[:2]}'", common[:2], 0),
        SearchCase("prefix_3", f"3-letter prefix '{common[:3]}'", common[:3], 0),
    ]
    return [
        SearchCase(c.key, c.label, c.query, c.matches or _matches(workspace, c.query))
        for c in cases
    ]


def filtered_cases(workspace: Workspace, cases: list[SearchCase]) -> list[SearchCase]:
    """Searches with filters, picked from the data without the shared random numbers (the
    lists group draws its own words after this group)."""
    by_key = {c.key: c for c in cases}
    common, rare = by_key["common_word"].query, by_key["rare_word"].query
    newest_first = workspace.note_ids()
    one = workspace.mentee(workspace.note(newest_first[0]).mentee_id).name
    names = [m.name for m in workspace.list_mentees()]
    firsts = Counter(name.split()[0] for name in names)
    first = max(firsts, key=lambda name: (firsts[name], name))
    sharing = sum(map(name_matcher(first), names))  # as the filter reads it: a name's part
    # The day one note in ten was written on or after, or earlier to keep the rare word's note.
    days = [
        when.date()
        for i in (newest_first[len(newest_first) // 10], *workspace.note_ids(rare)[:1])
        if (when := workspace.note(i).created_at) is not None
    ]
    day = min(days).isoformat()
    picked = [
        SearchCase(
            "mentee_common",
            f"'mentee:\"{one}\" {common.strip()}' (one mentee + a common word)",
            f'mentee:"{one}" {common}',
            0,
        ),
        SearchCase(
            "first_name_common",
            f"'mentee:{first.lower()} {common.strip()}' ({sharing} mentees + a common word)",
            f"mentee:{first.lower()} {common}",
            0,
        ),
        SearchCase(
            "after_rare",
            f"'after:{day} {rare.strip()}' (after: + a rare word)",
            f"after:{day} {rare}",
            0,
        ),
    ]
    return [SearchCase(c.key, c.label, c.query, _matches(workspace, c.query)) for c in picked]


@group("search", "full-text search over the notes: first 50 results")
def search(ctx: Context) -> list[Row]:
    workspace = ctx.workspace()
    runs = ctx.runs_or(20)
    total = ctx.counts().get("notes", 0)
    rows: list[Row] = []
    cases = search_cases(workspace, ctx)
    for case in [*cases, *filtered_cases(workspace, cases)]:
        samples = time_ms(lambda q=case.query: workspace.search_notes(q, limit=50), runs)
        rows.append(
            Row(
                f"search_{case.key}_ms",
                f"Search: {case.label}",
                "ms",
                samples,
                30.0,
                f"{case.matches:,} of {total:,} notes match",
            )
        )
    return rows
