"""The contact rule on a big practice: what logging (and deleting) a contact costs, each one
running the derived query that recomputes the mentee's last contact from every source (held
occurrences and contacts, schema m010), and Today's data load once contacts are many.

Today's own figure includes its goals to revisit, which the contacts do not touch; the
check-ins row is the contact rule's share of it.

The contacts are added for the run and deleted afterwards, so the cached database is left
with the same rows (and the same derived values) as before.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

from mentordesk.bench.context import Context
from mentordesk.bench.data import mentee_ids
from mentordesk.bench.registry import Row, group, time_ms
from mentordesk.domain.contacts import LOGGABLE

#: Logged contacts spread over the practice while Today is timed.
SPREAD = 2_000
TODAY_TARGET = 5.0
#: A write with synchronous=FULL is a disk flush or two: a generous bound, not the floor.
WRITE_TARGET = 30.0


@contextmanager
def _spread_contacts(ctx: Context, now: datetime) -> Iterator[int]:
    ws = ctx.workspace()
    ids = mentee_ids(ws)
    added: list[int] = []
    try:
        with ws.db.transaction():  # one commit: the setup is not what is measured
            for i in range(SPREAD):
                contact = ws.contacts.log(
                    ctx.rng.choice(ids),
                    LOGGABLE[i % len(LOGGABLE)],
                    f"bench contact {i}",
                    now - timedelta(hours=ctx.rng.randrange(24 * 120)),
                    now,
                )
                added.append(contact.id or 0)
        yield len(added)
    finally:
        with ws.db.transaction():
            for contact_id in added:
                ws.contacts.delete(contact_id)


@group("contacts", "Contact rule: log/delete a contact (derived last contact), Today with many")
def contacts(ctx: Context) -> list[Row]:
    ws = ctx.workspace()
    runs = ctx.runs_or(50)
    ids = mentee_ids(ws)
    now = datetime.now(UTC)
    picks = iter([ctx.rng.choice(ids) for _ in range(runs + 1)])

    def log_and_delete() -> None:
        logged = ws.contacts.log(next(picks), LOGGABLE[0], "bench", now - timedelta(days=1), now)
        ws.contacts.delete(logged.id or 0)

    counts = ctx.counts()
    size = f"{counts.get('mentees', 0):,} mentees, {counts.get('meetings', 0):,} meetings"
    rows = [
        Row(
            "contact_log_delete_ms",
            "Log then delete a contact (2 commits, last contact derived twice)",
            "ms",
            time_ms(log_and_delete, runs),
            WRITE_TARGET,
            size,
        )
    ]
    with _spread_contacts(ctx, now) as spread:
        rows.append(
            Row(
                "check_ins_with_contacts_ms",
                "Check-ins due (the derived next check-in) with logged contacts",
                "ms",
                time_ms(lambda: ws.overview.check_ins(now.date()), runs),
                1.0,
                f"{size}, {spread:,} contacts",
            )
        )
        rows.append(
            Row(
                "today_with_contacts_ms",
                "Today page data load with logged contacts",
                "ms",
                time_ms(lambda: ws.today(now), runs),
                TODAY_TARGET,
                f"{size}, {spread:,} contacts",
            )
        )
    return rows
