"""The services the window and the command line share: no Qt, no SQL of their own.

``Workspace`` is the front object that opens a database and builds the focused services;
it is imported lazily so that importing one service (or a dataclass) stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mentordesk.services.workspace import (
        SEARCH_LIST_LIMIT,
        MeetingListing,
        MenteeDashboard,
        StoreError,
        Workspace,
    )

__all__ = ["SEARCH_LIST_LIMIT", "MeetingListing", "MenteeDashboard", "StoreError", "Workspace"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from mentordesk.services import workspace

        return getattr(workspace, name)
    raise AttributeError(f"module 'mentordesk.services' has no attribute {name!r}")
