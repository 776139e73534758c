"""Regression test for the PySide6 6.12.0 + Python 3.11 "None refcount" trap (DESIGN.md).

On that combination every empty value Qt hands to Python drops a reference to ``None`` and the
interpreter aborts after a few thousand calls ("Fatal Python error: none_dealloc"). The calls
run in a child interpreter so that an abort fails this test (with its return code) instead of
killing the whole test session.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

MARKER = "NONE-TRAP-OK"
MIN_CALLS = 20_000

_CHILD_TEMPLATE = textwrap.dedent(
    """
    import gc
    import sys

    from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt

    ROWS, COLS = 500, 4


    class SparseModel(QAbstractTableModel):
        # Returns None for almost every (cell, role): each one is an empty value crossing
        # between Qt and Python.
        calls = 0

        def rowCount(self, parent=QModelIndex()):
            return 0 if parent.isValid() else ROWS

        def columnCount(self, parent=QModelIndex()):
            return 0 if parent.isValid() else COLS

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            SparseModel.calls += 1
            if role == Qt.ItemDataRole.DisplayRole and index.column() == 0 and index.row() % 3:
                return f"row {(index.row() * 7919) % 1000:04d}"
            return None

        def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
            return None


    model = SparseModel()
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)

    gc.collect()
    refs_before = sys.getrefcount(None)

    # Qt -> Python -> Qt -> Python: the proxy forwards to the Python data() and hands the
    # empty QVariant back to Python as None.
    roles = [
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.DisplayRole,
    ]
    empties = 0
    for i in range(__MIN_CALLS__):
        index = proxy.index(i % ROWS, 1 + i % (COLS - 1))
        value = proxy.data(index, roles[i % len(roles)])
        assert value is None, value
        empties += 1
        proxy.headerData(i % COLS, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)

    # Sorting calls data() from C++ for every comparison; columns 1-3 are all empty and
    # column 0 is one-third empty.
    for column in range(COLS):
        proxy.sort(column, Qt.SortOrder.AscendingOrder)
        proxy.sort(column, Qt.SortOrder.DescendingOrder)

    gc.collect()
    lost = refs_before - sys.getrefcount(None)
    # A correct binding keeps the count steady; the broken one loses one per empty value.
    if lost > 1000:
        print(f"None lost {lost} references over {SparseModel.calls} data() calls")
        sys.exit(3)
    print("__MARKER__", SparseModel.calls, empties, lost)
    """
)
CHILD_CODE = _CHILD_TEMPLATE.replace("__MIN_CALLS__", str(MIN_CALLS)).replace("__MARKER__", MARKER)


def test_empty_values_through_proxy_model_do_not_corrupt_none() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", CHILD_CODE],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    detail = f"rc={result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    assert result.returncode == 0, detail
    lines = [line for line in result.stdout.splitlines() if line.startswith(MARKER)]
    assert lines, detail
    _, data_calls, empties, _lost = lines[-1].split()
    assert int(empties) >= MIN_CALLS, detail
    assert int(data_calls) >= MIN_CALLS, detail


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal on Python 3.12+")
def test_pyside_612_not_installed_on_python_311() -> None:
    import PySide6

    major, minor = PySide6.__version_info__[:2]
    assert (major, minor) != (6, 12), (
        f"PySide6 {PySide6.__version__} on Python {sys.version.split()[0]} aborts the "
        "interpreter (DESIGN.md, Known traps); pin PySide6-Essentials<6.12 for Python<3.12"
    )
