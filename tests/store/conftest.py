from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from mentordesk.services import Workspace


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "mentor.db"


@pytest.fixture
def workspace(db_path: Path) -> Iterator[Workspace]:
    with Workspace.open(db_path) as ws:
        yield ws
