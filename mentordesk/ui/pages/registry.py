"""The pages of the main window, in sidebar order, imported only when first shown.

Importing a page module creates the Qt enums and classes it uses (~40 ms for the
three list pages here), and start-up only needs the page it opens on. Adding a
page is adding a ``PageSpec`` line.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from mentordesk.ui.pages.base import Page


@dataclass(frozen=True, slots=True)
class PageSpec:
    """What the sidebar needs to list a page without importing it."""

    module: str
    name: str  # the class name
    title: str
    icon_name: str

    def load(self) -> type[Page]:
        cls = getattr(importlib.import_module(self.module), self.name)
        if not (isinstance(cls, type) and issubclass(cls, Page)):
            raise TypeError(f"{self.module}.{self.name} is not a Page")
        return cls


#: A page given as a spec (lazy) or as a class (e.g. in tests).
PageEntry = PageSpec | type[Page]

PAGES: tuple[PageEntry, ...] = (
    PageSpec("mentordesk.ui.pages.today", "TodayPage", "Today", "go-home"),
    PageSpec("mentordesk.ui.pages.mentees", "MenteesPage", "Mentees", "system-users"),
    PageSpec("mentordesk.ui.pages.roadmap", "RoadmapPage", "Roadmap", "view-list-tree"),
    PageSpec("mentordesk.ui.pages.meetings", "MeetingsPage", "Meetings", "x-office-calendar"),
    PageSpec("mentordesk.ui.pages.planner", "PlannerPage", "Planner", "appointment-new"),
    PageSpec("mentordesk.ui.pages.notes", "NotesPage", "Notes", "accessories-text-editor"),
)


def load_page(entry: PageEntry) -> type[Page]:
    return entry.load() if isinstance(entry, PageSpec) else entry


def page_name(entry: PageEntry) -> str:
    """The page's class name, without importing it."""
    return entry.name if isinstance(entry, PageSpec) else entry.__name__
