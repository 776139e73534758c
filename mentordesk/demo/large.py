"""The large benchmark database: thousands of mentees' worth of history, written in bulk.

Full size is 2,000 mentees and 200,000 notes (the size PRODUCT.md's "opens in well
under a second on a big history" is measured on); ``scale`` shrinks every count
alike for tests. Deterministic for a given ``now``, ``scale`` and ``seed``.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from datetime import datetime
from zoneinfo import ZoneInfo

from mentordesk.demo.cast import MENTOR_SETTINGS
from mentordesk.demo.large_meetings import make_meetings, past_occurrences
from mentordesk.demo.large_records import (
    make_actions,
    make_feedback,
    make_goals,
    make_mentees,
    make_milestones,
    make_notes,
    make_resources,
    make_wins,
    utc_now,
)
from mentordesk.demo.large_text import NoteText
from mentordesk.planner.recurrence import last_occurrence
from mentordesk.services import Workspace
from mentordesk.store.bulk import BulkWriter

SEED = 20_240


@dataclass(frozen=True, slots=True)
class LargeSizes:
    mentees: int = 2_000
    goals: int = 20_000
    milestones: int = 100_000
    meetings: int = 50_000
    notes: int = 200_000
    actions: int = 20_000
    feedback: int = 10_000
    wins: int = 10_000
    resources: int = 5_000

    def scaled(self, scale: float) -> LargeSizes:
        return replace(
            self, **{f.name: max(1, round(getattr(self, f.name) * scale)) for f in fields(self)}
        )


def write_large(
    workspace: Workspace,
    now: datetime | None = None,
    scale: float = 1.0,
    progress: Callable[[str], None] | None = None,
    seed: int = SEED,
) -> dict[str, int]:
    """Fills ``workspace`` (normally a new file) with the benchmark data set.

    Returns how many rows each table received.
    """
    say = progress or (lambda _message: None)
    sizes = LargeSizes().scaled(scale)
    moment = utc_now(now)
    today = moment.astimezone(ZoneInfo(MENTOR_SETTINGS.time_zone)).date()
    rng = random.Random(seed)
    writer = BulkWriter(workspace.db, last_occurrence, say)
    begun = time.perf_counter()
    written: dict[str, int] = {}

    workspace.save_settings(MENTOR_SETTINGS)
    mentees = make_mentees(rng, sizes.mentees, moment)
    mentee_ids = writer.add_mentees(mentees)
    goals = make_goals(rng, mentee_ids, sizes.goals, today)
    goal_ids = writer.add_goals(goals, moment)
    written["milestones"] = writer.add_milestones(
        make_milestones(rng, goals, goal_ids, sizes.milestones)
    )
    meetings = make_meetings(rng, mentees, mentee_ids, sizes.meetings, moment,
                             MENTOR_SETTINGS.time_zone)  # fmt: skip
    meeting_ids = writer.add_meetings(meetings, moment)
    records, held = past_occurrences(rng, meetings, meeting_ids, moment)
    written["meeting_occurrences"] = writer.add_occurrences(records)

    say(f"notes: writing {sizes.notes:,} notes…")
    notes = make_notes(rng, NoteText(rng), mentee_ids, held, sizes.notes, moment)
    note_ids = writer.add_notes(notes)
    written["action_items"] = writer.add_actions(
        make_actions(rng, notes, note_ids, sizes.actions, moment)
    )
    written["feedback"] = writer.add_feedback(
        make_feedback(rng, mentee_ids, sizes.feedback, today), moment
    )
    written["wins"] = writer.add_wins(make_wins(rng, goals, goal_ids, sizes.wins, today), moment)
    written["resources"] = writer.add_resources(
        make_resources(rng, mentee_ids, sizes.resources), moment
    )
    written.update(mentees=len(mentee_ids), goals=len(goal_ids), meetings=len(meeting_ids),
                   notes=len(note_ids))  # fmt: skip
    say(f"done in {time.perf_counter() - begun:.1f} s")
    return written
