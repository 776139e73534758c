"""Choosing a folder (to move the database into, to export into): one chooser, opened with
``open()`` by its caller, deleted when closed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QWidget


def folder_chooser(parent: QWidget, title: str, start: Path, accept_text: str) -> QFileDialog:
    """A folder-only chooser on ``start``, its accept button saying ``accept_text``; not
    opened yet, so that the caller connects ``fileSelected`` first."""
    chooser = QFileDialog(parent, title, str(start))
    chooser.setFileMode(QFileDialog.FileMode.Directory)
    chooser.setOption(QFileDialog.Option.ShowDirsOnly, True)
    chooser.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    chooser.setLabelText(QFileDialog.DialogLabel.Accept, accept_text)
    chooser.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return chooser
