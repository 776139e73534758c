"""Imports run downhill: the UI never touches SQL, the store and domain never touch Qt."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "mentordesk"


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _violations(folder: str, forbidden: tuple[str, ...]) -> list[str]:
    found = []
    for path in sorted((PACKAGE / folder).rglob("*.py")):
        for name in _imports(path):
            if any(name == f or name.startswith(f + ".") for f in forbidden):
                found.append(f"{path.relative_to(PACKAGE.parent)} imports {name}")
    return found


@pytest.mark.parametrize(
    ("folder", "forbidden"),
    [
        ("ui", ("sqlite3", "sqlite_utils", "mentordesk.store")),
        ("store", ("PySide6", "mentordesk.ui", "mentordesk.services", "qasync")),
        ("domain", ("PySide6", "sqlite3", "sqlite_utils", "mentordesk.store", "mentordesk.ui")),
        ("planner", ("PySide6", "sqlite3", "sqlite_utils", "mentordesk.store", "mentordesk.ui")),
    ],
)
def test_layers_import_only_downhill(folder: str, forbidden: tuple[str, ...]) -> None:
    assert _violations(folder, forbidden) == []


def test_the_check_itself_catches_a_forbidden_import(tmp_path: Path) -> None:
    sample = tmp_path / "bad.py"
    sample.write_text("import sqlite3\nfrom mentordesk.store.database import Database\n")
    assert _imports(sample) == {"sqlite3", "mentordesk.store.database"}


def test_only_the_store_touches_a_connection() -> None:
    """SQL lives in mentordesk/store: nothing else reaches for a connection object."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.is_relative_to(PACKAGE / "store"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if any(isinstance(n, ast.Attribute) and n.attr == "conn" for n in ast.walk(tree)):
            found.append(str(path.relative_to(PACKAGE.parent)))
    assert found == []
