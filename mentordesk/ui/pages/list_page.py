"""A page that is a list beside a detail view of its selected row (Mentees, Meetings, Notes)."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QWidget

from mentordesk.ui.formatting import plural
from mentordesk.ui.models.filtered import FilteredListModel
from mentordesk.ui.models.list_base import KeyedTableModel
from mentordesk.ui.pages.base import Page
from mentordesk.ui.widgets.list_pane import ListPane, split_list_and_detail


class ListPage(Page):
    """``setup()`` sets ``model`` and calls ``make_list``, then sets ``detail`` and calls
    ``place_detail``; typing in the search box calls ``_search``, a new selection ``_show``.

    ``_search`` and ``_update_empty_text`` as given here suit a ``FilteredListModel``.
    """

    #: One of what the list holds ("meeting"), as in "2 of 5 meetings match".
    noun = ""
    #: What the list says while it holds nothing at all.
    empty_text = ""

    model: KeyedTableModel
    pane: ListPane
    detail: QWidget
    splitter: QSplitter

    def make_list(
        self,
        placeholder: str,
        widths: Sequence[int],
        stretch_column: int | None,
        hidden: Sequence[int] = (),
    ) -> ListPane:
        """The list half showing ``model``, named after the page for screen readers;
        ``hidden`` columns start hidden (View ▸ Columns shows them)."""
        self.pane = ListPane(
            self.model,
            placeholder,
            widths=widths,
            stretch_column=stretch_column,
            parent=self,
            hidden=hidden,
        )
        self.pane.view.setAccessibleName(self.title)
        self.pane.search_changed.connect(self._search)
        self.pane.current_changed.connect(self._show)
        return self.pane

    def place_detail(self, name: str, sizes: tuple[int, int]) -> None:
        """Puts ``detail`` beside the list, in a splitter the window saves as ``name``."""
        self.splitter = split_list_and_detail(self, self.pane, self.detail, name, sizes)

    # -- Page ------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.pane.focus_search()

    def saved_choices(self) -> dict[str, object]:
        hidden = self.pane.hidden_columns()
        return {**super().saved_choices(), "hidden_columns": ",".join(map(str, hidden)) or "-"}

    def restore_choices(self, read: Callable[[str], object]) -> None:
        super().restore_choices(read)
        saved = read("hidden_columns")
        if isinstance(saved, str) and saved:
            columns = [int(part) for part in saved.split(",") if part.isdigit()]
            self.pane.set_hidden_columns(columns)

    def select_and_focus(self, key: int) -> bool:
        """Shows the row of ``key`` (clearing a filter that hides it) with the list focused;
        False if there is no such row."""
        if self.model.row_of(key) < 0 and self.pane.search_text():
            self.pane.search_edit.clear()
            self._search("")
        found = self.pane.select_key(key)
        if found:
            self.pane.view.setFocus(Qt.FocusReason.OtherFocusReason)
        return found

    # -- behaviour -----------------------------------------------------------------------

    def _filtered(self) -> FilteredListModel[object]:
        model = self.model
        assert isinstance(model, FilteredListModel), "override _search for this model"
        return model

    def _search(self, text: str) -> None:
        model = self._filtered()
        model.set_search(text)
        self._update_empty_text()
        if text:
            shown, total = model.rowCount(), model.total()
            self.status_message.emit(f"{shown} of {plural(total, self.noun)} match “{text}”")

    def _update_empty_text(self) -> None:
        model = self._filtered()
        if model.total() == 0:
            self.pane.set_empty_text(self.empty_text)
        else:
            self.pane.set_empty_text(f"No {self.noun}s match “{model.search}”.")
        if self.pane.current_key() is None:
            self._show(None)

    def _show(self, key: Hashable | None) -> None:
        """Shows the row of ``key`` in the detail view (None: nothing is selected)."""
        raise NotImplementedError
