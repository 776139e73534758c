"""Today's seven lists: what each is, and how they sit in two columns that fold.

The left column holds what is about people and time (meetings, check-ins, who has nothing
booked, goals to revisit), the right one what was written (action items, notes, wins). Each
list folds to its title, which carries its count; Alt+1…Alt+7 jump into a list (unfolding
it), and the page's Today menu names them all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFrame, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from mentordesk.ui.models.today import (
    ActionModel,
    CheckInModel,
    ClockedModel,
    GoalRevisitModel,
    NoNextSessionModel,
    RecentNotesModel,
    RecentWinModel,
    UpcomingModel,
)
from mentordesk.ui.widgets.folding_section import FoldingSection


@dataclass(frozen=True, slots=True)
class SectionSpec:
    title: str
    empty: str
    model: type[ClockedModel]
    place: int  # its place on screen: 1-4 down the left column, 5-7 down the right


#: In the order of ``TodayPage.sections`` (the first five are the page's older lists).
SPECS = (
    SectionSpec("Next meetings", "No meetings in the next two weeks.", UpcomingModel, 1),
    SectionSpec("Check-ins due", "Nobody is due a check-in in the next few days.",
                CheckInModel, 2),
    SectionSpec("Open action items", "No open action items — all done.", ActionModel, 5),
    SectionSpec("Recent notes", "No notes yet. Notes you take in a meeting show up here.",
                RecentNotesModel, 6),
    SectionSpec("Goals to revisit",
                "No goal is due a look: revisit dates ahead, progress on track.",
                GoalRevisitModel, 4),
    SectionSpec("No next session booked", "No active mentee is without a session booked.",
                NoNextSessionModel, 3),
    SectionSpec("Recent wins", "No wins in the last two weeks — yet.", RecentWinModel, 7),
)  # fmt: skip
LEFT_COLUMN = 4


def proxy_of(model: ClockedModel, parent: QWidget) -> QSortFilterProxyModel:
    # A few dozen rows each: the proxy's filter is cheap here (see DESIGN's lists rule).
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setFilterKeyColumn(-1)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    return proxy


def build_sections(
    parent: QWidget,
) -> tuple[list[ClockedModel], list[QSortFilterProxyModel], list[FoldingSection]]:
    models = [spec.model(parent) for spec in SPECS]
    proxies = [proxy_of(m, parent) for m in models]
    sections = [
        FoldingSection(spec.title, spec.empty, proxy, model.stretch_column, parent)
        for spec, proxy, model in zip(SPECS, proxies, models, strict=True)
    ]
    return models, proxies, sections


def on_screen(sections: list[FoldingSection]) -> list[FoldingSection]:
    """The sections in their places: down the left column, then down the right."""
    return [s for _, s in sorted(zip((spec.place for spec in SPECS), sections, strict=True))]


def columns(parent: QWidget, sections: list[FoldingSection]) -> QWidget:
    """Two columns, the left a little wider (its lists have more columns)."""
    placed = on_screen(sections)
    lists = QWidget(parent)
    row = QHBoxLayout(lists)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(18)
    for part, stretch in ((placed[:LEFT_COLUMN], 3), (placed[LEFT_COLUMN:], 2)):
        column = QVBoxLayout()
        column.setSpacing(10)
        for section in part:
            column.addWidget(section, 1)
        column.addStretch(0)  # what the lists do not need stays below them
        row.addLayout(column, stretch)
    # Tab goes down the left column, then down the right: each title, then its list.
    chain: list[QWidget] = []
    for section in placed:
        if section.toggle is not None:
            chain.append(section.toggle)
        chain.append(section.view)
    for first, second in pairwise(chain):
        QWidget.setTabOrder(first, second)
    # Narrower than both columns need (a 720 px window): scroll rather than widen the window.
    area = QScrollArea(parent)
    area.setObjectName("todayLists")
    area.setWidget(lists)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return area


def go_to_actions(parent: QWidget, sections: list[FoldingSection]) -> list[QAction]:
    """Alt+1…Alt+7 in screen order: into that list (unfolded), from anywhere on the page."""
    actions = []
    for number, section in enumerate(on_screen(sections), start=1):
        action = QAction(f"&{number} {section.title}", parent)
        action.setShortcut(QKeySequence(f"Alt+{number}"))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _=False, s=section: s.focus_list())
        parent.addAction(action)
        actions.append(action)
    return actions


class FoldingLists:
    """The page's Today menu (go to a list, fold or unfold them all) and the folds kept."""

    sections: list[FoldingSection]

    def build_menu(self) -> None:
        page: QWidget = self  # type: ignore[assignment]
        self.go_to = go_to_actions(page, self.sections)
        self.fold_all_action = self._fold_action(page, "&Fold All Lists", True)
        self.unfold_all_action = self._fold_action(page, "&Unfold All Lists", False)

    def _fold_action(self, page: QWidget, text: str, folded: bool) -> QAction:
        action = QAction(text, page)
        action.triggered.connect(lambda _=False: self.fold_all(folded))
        return action

    def fold_all(self, folded: bool) -> None:
        for section in self.sections:
            section.set_folded(folded)

    def menu_actions(self) -> list[QAction | None]:
        """The window's Today menu (None: a separator)."""
        return [*self.go_to, None, self.fold_all_action, self.unfold_all_action]

    def saved_choices(self) -> dict[str, object]:
        folded = [str(i) for i, s in enumerate(self.sections) if s.folded]
        return {"folded": ",".join(folded)}

    def restore_choices(self, read: Callable[[str], object]) -> None:
        folded = read("folded")
        if isinstance(folded, str):
            marked = {int(i) for i in folded.split(",") if i.isdigit()}
            for i, section in enumerate(self.sections):
                section.set_folded(i in marked)
