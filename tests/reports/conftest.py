"""Reports need a QGuiApplication (fonts); pytest-qt's ``qapp`` provides one."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _gui(qapp: object) -> None:
    """Every report test runs with Qt's application object, as the window and CLI do."""
