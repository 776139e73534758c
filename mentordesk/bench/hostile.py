"""Hostile input figures: what a pasted log or a hostile calendar file costs.

A 1 MB note of one repeated word: FTS5's snippet() is quadratic in such a note (3.4 s at
100 KB, 228 s at 800 KB), so long notes get a bounded excerpt; this keeps it measured.
Built in a temporary file of its own, not the large database (a few ms to set up).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from mentordesk.bench.context import Context
from mentordesk.bench.registry import Row, group, time_ms
from mentordesk.domain.models import Mentee, Note
from mentordesk.services import Workspace

NOTE_BYTES = 1024 * 1024
WORD = "error "


@group("hostile", "a 1 MB note of one word: the search snippet (pure cost of the excerpt)")
def hostile(ctx: Context) -> list[Row]:
    runs = ctx.runs_or(10)
    with tempfile.TemporaryDirectory() as folder, Workspace.open(Path(folder) / "h.db") as ws:
        mentee = ws.save_mentee(Mentee(name="Bench", time_zone="UTC"))
        body = WORD * (NOTE_BYTES // len(WORD))
        note = ws.save_note(Note(mentee.id or 0, body, "pasted log"))
        ids = [note.id or 0]
        samples = time_ms(lambda: ws.note_search.snippets(ids, "error"), runs)
    return [
        Row(
            "snippet_1mb_note_ms",
            "Search: the snippet of a 1 MB note of one repeated word",
            "ms",
            samples,
            50.0,
            f"{NOTE_BYTES // 1024} KB of '{WORD.strip()}', searched for '{WORD.strip()}'",
        )
    ]
