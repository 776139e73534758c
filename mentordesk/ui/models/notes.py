"""The Notes list: ids only, with display rows fetched in blocks when the view asks for them.

At 200,000 notes the ids come back from SQL in ~70 ms; a block of 200 rows in ~1.5 ms. The
view asks only for visible rows, so scrolling touches a few blocks, and a bounded cache keeps
memory flat however far the mentor scrolls.

While a search has words, the Excerpt column shows each note's words around the matches
instead (SNIPPET_ROLE keeps the markers around matched words for the delegate that bolds
them). Snippets cost ~0.2 ms a note, so they are fetched only for the rows the view asks for,
a few rows at a time.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QModelIndex, Qt

from mentordesk.domain.search_query import parse_search, unmarked
from mentordesk.domain.views import NoteSummary
from mentordesk.ui.formatting import note_title, plain_excerpt, short_date
from mentordesk.ui.models.list_base import Index, KeyedTableModel

DATE, MENTEE, TITLE, EXCERPT, PRIVACY = range(5)
BLOCK = 200
MAX_BLOCKS = 64
#: Rows whose snippets one fetch brings, from the row the view asked for: a few queries fill
#: a screen, and a screen asks for few rows past its bottom.
SNIPPET_WINDOW = 12
#: The Excerpt cell's snippet with its matched words between the search_query markers
#: ("" when there is none to show).
SNIPPET_ROLE = Qt.ItemDataRole.UserRole + 21
_SNIPPET = int(SNIPPET_ROLE)

#: Column -> the sort the services know (``Workspace.note_ids(sort=...)``).
SORT_KEYS = {DATE: "created", MENTEE: "mentee", TITLE: "title"}

IdsQuery = Callable[[str, int | None, str, bool], list[int]]
SummariesQuery = Callable[[list[int]], list[NoteSummary]]
SnippetsQuery = Callable[[list[int], str], dict[int, str]]


class _Row:
    """A fetched note; its cell texts are made when the view first shows it."""

    __slots__ = ("snippet", "summary", "texts")

    def __init__(self, summary: NoteSummary) -> None:
        self.summary = summary
        self.texts: tuple[str, ...] | None = None
        #: None until fetched; "" when the note has none (its excerpt shows instead).
        self.snippet: str | None = None


class NotesModel(KeyedTableModel):
    headers = ("Date", "Mentee", "Title", "Excerpt", "Privacy")
    sortable = frozenset(SORT_KEYS)

    def __init__(
        self,
        ids: IdsQuery,
        summaries: SummariesQuery,
        parent: Any = None,
        snippets: SnippetsQuery | None = None,
    ) -> None:
        super().__init__(parent)
        self._query_ids = ids
        self._query_summaries = summaries
        self._query_snippets = snippets
        self._with_snippets = False
        self._ids: list[int] = []
        self._blocks: OrderedDict[int, dict[int, _Row]] = OrderedDict()
        self.search = ""
        self.mentee_id: int | None = None
        self.sort_column = DATE
        self.sort_order = Qt.SortOrder.DescendingOrder
        self.now = datetime.now(UTC)
        self.zone = ZoneInfo("UTC")

    # -- API ------------------------------------------------------------------------

    def load(
        self,
        search: str | None = None,
        now: datetime | None = None,
        zone: ZoneInfo | None = None,
    ) -> None:
        """Re-queries the ids (with a new search text if given) and forgets fetched rows."""
        self.beginResetModel()
        if search is not None:
            self.search = search.strip()
        if zone is not None:
            self.zone = zone
        if now is not None:
            self.now = now.astimezone(self.zone)
        self.rearrange()
        self.endResetModel()

    def set_search(self, text: str) -> None:
        if text.strip() != self.search:
            self.load(text)

    def ids(self) -> Sequence[int]:
        return tuple(self._ids)

    def fetched_count(self) -> int:
        """How many rows are in the cache (for tests and the benchmarks)."""
        return sum(len(block) for block in self._blocks.values())

    def snippet_count(self) -> int:
        """How many cached rows have their snippet fetched (for tests)."""
        return sum(
            row.snippet is not None for block in self._blocks.values() for row in block.values()
        )

    def snippet_at(self, row: int) -> str:
        """The row's snippet with match markers, fetched if need be ("" when none)."""
        if not self._with_snippets:
            return ""
        entry = self._entry(row)
        if entry is None:
            return ""
        if entry.snippet is None:
            self._fetch_snippets(row)
        return entry.snippet or ""

    def refresh_notes(self, note_ids: frozenset[int]) -> bool:
        """Re-reads these notes' rows where they are fetched (an autosave changed their text)
        and redraws them; False when one of them is not in the list at all (it must be
        reloaded). Costs one small query, not a reload of every id."""
        listed = [i for i in note_ids if any(i in block for block in self._blocks.values())]
        if len(listed) < len(note_ids) and not all(i in self._ids for i in note_ids):
            return False
        for number, block in self._blocks.items():
            found = [i for i in listed if i in block]
            if not found:
                continue
            for summary in self._query_summaries(found):
                block[summary.id] = _Row(summary)
            first = number * BLOCK
            ids = self._ids[first : first + BLOCK]
            rows = [first + ids.index(i) for i in found]
            last_column = self.columnCount() - 1
            self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), last_column))
        return True

    def summary_at(self, row: int) -> NoteSummary | None:
        entry = self._entry(row)
        return entry.summary if entry else None

    # -- KeyedTableModel ---------------------------------------------------------------

    def key_at(self, row: int) -> Hashable:
        return self._ids[row]

    def row_of(self, key: Hashable) -> int:
        try:
            return self._ids.index(key)  # type: ignore[arg-type]
        except ValueError:
            return -1

    def cell(self, row: int, column: int) -> str:
        # Texts live in the block cache, not the base class's unbounded one.
        entry = self._entry(row)
        if entry is None:
            return "(deleted)" if column == TITLE else ""
        if entry.texts is None:
            entry.texts = self._texts(entry.summary)
        if column == EXCERPT and self._with_snippets:
            snippet = self.snippet_at(row)
            if snippet:
                return unmarked(snippet)
        return entry.texts[column]

    def data(self, index: Index, role: int = 0) -> Any:
        if role == _SNIPPET:
            return self.snippet_at(index.row()) if index.column() == EXCERPT else ""
        return super().data(index, role)

    def tooltip(self, row: int, column: int) -> str:
        entry = self._entry(row)
        if entry is None:
            return ""
        summary = entry.summary
        if column == PRIVACY:
            return (
                "Shareable: may go into the progress summary"
                if summary.shareable
                else "Private: never leaves this computer"
            )
        if column == DATE:
            created = summary.created_at.astimezone(self.zone)
            updated = summary.updated_at.astimezone(self.zone)
            text = f"Written {created:%A %d %B %Y, %H:%M}"
            if updated - created > timedelta(minutes=1):
                text += f" · edited {updated:%d %b %Y, %H:%M}"
            return text
        return self.cell(row, column)

    def mentee_id_at(self, row: int) -> int:
        entry = self._entry(row)
        return entry.summary.mentee_id if entry else -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    # -- inside ---------------------------------------------------------------------------

    def rearrange(self) -> None:
        """Queries the ids in the current search, mentee and order; forgets fetched rows."""
        self._blocks.clear()
        self._with_snippets = (
            self._query_snippets is not None and parse_search(self.search).has_terms
        )
        descending = self.sort_order == Qt.SortOrder.DescendingOrder
        self._ids = self._query_ids(
            self.search, self.mentee_id, SORT_KEYS[self.sort_column], descending
        )

    def _entry(self, row: int) -> _Row | None:
        if not 0 <= row < len(self._ids):
            return None
        number = row // BLOCK
        block = self._blocks.get(number)
        if block is None:
            block = self._fetch(number)
        else:
            self._blocks.move_to_end(number)
        return block.get(self._ids[row])

    def _fetch(self, number: int) -> dict[int, _Row]:
        ids = self._ids[number * BLOCK : (number + 1) * BLOCK]
        block = {s.id: _Row(s) for s in self._query_summaries(ids)}
        self._blocks[number] = block
        while len(self._blocks) > MAX_BLOCKS:
            self._blocks.popitem(last=False)
        return block

    def _fetch_snippets(self, row: int) -> None:
        if self._query_snippets is None:
            return
        wanted: dict[int, _Row] = {}
        for number in range(row, min(row + SNIPPET_WINDOW, len(self._ids))):
            entry = self._entry(number)
            if entry is not None and entry.snippet is None:
                wanted[self._ids[number]] = entry
        found = self._query_snippets(list(wanted), self.search)
        for key, entry in wanted.items():
            entry.snippet = plain_excerpt(found.get(key, ""))

    def _texts(self, note: NoteSummary) -> tuple[str, ...]:
        created = note.created_at.astimezone(self.zone)
        return (
            f"{short_date(created.date(), self.now.date())}, {created:%H:%M}",
            note.mentee_name,
            note_title(note.title, note.excerpt),
            plain_excerpt(note.excerpt),
            "Shareable" if note.shareable else "Private",
        )
