"""The Mentees list: every mentee, filtered and sorted in plain Python.

At 2,000 mentees a Python filter takes ~0.3 ms and a sort ~1 ms, against 6-28 ms for the
same through SQL (LIKE + ORDER BY rebuilds every Mentee), so the page loads the list once per
refresh and this model narrows and orders it as the mentor types or clicks a header.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from mentordesk.domain.models import Mentee, MenteeStatus
from mentordesk.domain.views import CheckIn
from mentordesk.ui.formatting import due_phrase, safe_zone, short_date
from mentordesk.ui.models.filtered import FilteredListModel

NAME, LOCAL_TIME, ZONE, ORGANISATION, STATUS, CHECK_IN = range(6)

_STATUS_ORDER = {MenteeStatus.ACTIVE: 0, MenteeStatus.PAUSED: 1, MenteeStatus.ALUMNI: 2}


def organisation_role(mentee: Mentee) -> str:
    return " · ".join(part for part in (mentee.organisation, mentee.role) if part.strip())


def zone_place(zone: str) -> str:
    """'America/Los_Angeles' -> 'Los Angeles': the place a zone is named after, which is
    what fits a column (the whole name is in the tooltip and the dashboard)."""
    return zone.rsplit("/", 1)[-1].replace("_", " ")


def utc_offset_text(offset: timedelta | None) -> str:
    if offset is None:
        return "UTC"
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "−"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


class MenteesModel(FilteredListModel[Mentee]):
    headers = ("Name", "Local time", "Place", "Org · role", "Status", "Next check-in")
    sortable = frozenset(range(6))

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._check_ins: dict[int, CheckIn] = {}

    # -- API ------------------------------------------------------------------------

    def set_mentees(
        self,
        mentees: Sequence[Mentee],
        check_ins: dict[int, CheckIn],
        now: datetime,
        zone: ZoneInfo,
    ) -> None:
        self.beginResetModel()
        self._check_ins = dict(check_ins)
        self.take(mentees, now, zone)
        self.endResetModel()

    def set_clock(self, now: datetime, zone: ZoneInfo) -> None:
        """Moves the clock on: the local times change, and at midnight the due texts."""
        self.now, self.zone = now.astimezone(zone), zone
        self.forget_cells()
        if self._rows:
            self.dataChanged.emit(
                self.index(0, LOCAL_TIME), self.index(len(self._rows) - 1, CHECK_IN)
            )

    def mentee_at(self, row: int) -> Mentee:
        return self._rows[row]

    def check_in_of(self, mentee_id: int) -> CheckIn | None:
        return self._check_ins.get(mentee_id)

    # -- KeyedTableModel ---------------------------------------------------------------

    def row_id(self, row: Mentee) -> int | None:
        return row.id

    def haystack(self, row: Mentee) -> str:
        parts = (row.name, row.organisation, row.role, row.time_zone, row.email,
                 row.pronouns, str(row.status), *row.tags)  # fmt: skip
        return "\n".join(parts).casefold()

    def mentee_id_at(self, row: int) -> int:
        return self._rows[row].id or -1

    def cells(self, row: int) -> tuple[str, ...]:
        mentee = self._rows[row]
        tz = safe_zone(mentee.time_zone)
        local = f"{self.now.astimezone(tz):%a %H:%M}" if tz else "unknown zone"
        return (
            mentee.name,
            local,
            zone_place(mentee.time_zone),
            organisation_role(mentee),
            mentee.status.value.capitalize(),
            self._check_in_text(mentee),
        )

    def tooltip(self, row: int, column: int) -> str:
        mentee = self._rows[row]
        if column in (LOCAL_TIME, ZONE):
            tz = safe_zone(mentee.time_zone)
            if tz is None:
                return f"'{mentee.time_zone}' is not in this computer's time-zone database."
            local = self.now.astimezone(tz)
            hours = mentee.hours
            working = local.isoweekday() in hours.days and hours.start <= local.time() < hours.end
            state = "in working hours" if working else "outside working hours"
            return (
                f"{local:%A %H:%M} in {mentee.time_zone} ({utc_offset_text(local.utcoffset())})"
                f" — {state}"
            )
        if column == CHECK_IN:
            check = self._check_ins.get(mentee.id or -1)
            if check is None:
                return ""
            last = "never" if check.last_contact is None else short_date(
                check.last_contact.astimezone(self.zone).date(), self.now.date()
            )  # fmt: skip
            return (
                f"Last contact: {last} · every {mentee.cadence_days} days"
                f" · next due {short_date(check.due_on, self.now.date())}"
            )
        return self.cell(row, column)

    def bold(self, row: int, column: int) -> bool:
        if column != CHECK_IN:
            return False
        mentee = self._rows[row]
        check = self._check_ins.get(mentee.id or -1)
        return mentee.status is MenteeStatus.ACTIVE and check is not None and check.is_overdue

    # -- inside ---------------------------------------------------------------------------

    def _check_in_text(self, mentee: Mentee) -> str:
        if mentee.status is not MenteeStatus.ACTIVE:
            return f"— ({mentee.status.value})"
        check = self._check_ins.get(mentee.id or -1)
        if check is None:
            return ""
        return due_phrase(check.days_overdue)

    def sort_key(self) -> Callable[[Mentee], tuple[Any, ...]]:
        column = self.sort_column
        if column == LOCAL_TIME:
            offsets: dict[str, float] = {}
            for name in {m.time_zone for m in self._all}:
                tz = safe_zone(name)
                offset = self.now.astimezone(tz).utcoffset() if tz else None
                offsets[name] = offset.total_seconds() if offset is not None else 0.0
            return lambda m: (offsets.get(m.time_zone, 0.0), m.name.casefold())
        if column == ZONE:
            # By the place shown, so the column reads in order.
            return lambda m: (zone_place(m.time_zone).casefold(), m.name.casefold())
        if column == ORGANISATION:
            return lambda m: (m.organisation.casefold(), m.role.casefold(), m.name.casefold())
        if column == STATUS:
            return lambda m: (_STATUS_ORDER.get(m.status, 9), m.name.casefold())
        if column == CHECK_IN:
            far = self.now.date() + timedelta(days=100_000)

            def due(m: Mentee) -> tuple[Any, ...]:
                check = self._check_ins.get(m.id or -1)
                active = m.status is MenteeStatus.ACTIVE and check is not None
                when = check.due_on if active and check is not None else far
                return (not active, when, m.name.casefold())

            return due
        return lambda m: (m.name.casefold(), m.id or 0)
