"""The "Template" menu of the call window and the notes editor.

The menu re-reads the templates folder each time it opens, so a template the mentor edits
in their own editor is in the menu (and inserted) as they saved it, without a restart.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QMenu, QWidget

from mentordesk.appdata.templates import SkippedTemplate, Template, list_templates, template_folder

OPEN_FOLDER_TEXT = "Open Templates Folder"


def template_menu(parent: QWidget, on_chosen: Callable[[Template], None]) -> QMenu:
    """A menu of the mentor's templates; choosing one calls ``on_chosen`` with it."""
    menu = QMenu("&Template", parent)
    menu.setObjectName("template_menu")
    menu.setToolTipsVisible(True)
    menu.aboutToShow.connect(lambda: _fill(menu, on_chosen))
    _fill(menu, on_chosen)  # filled now too, so shortcuts and tests find the actions
    return menu


def _fill(menu: QMenu, on_chosen: Callable[[Template], None]) -> None:
    menu.clear()
    problems: list[SkippedTemplate] = []
    try:
        templates = list_templates(problems=problems)
    except OSError as exc:
        templates = []
        _note(menu, "Templates folder unavailable", f"{template_folder()}: {exc.strerror or exc}")
    for template in templates:
        action = menu.addAction(template.title.replace("&", "&&"))
        action.setToolTip(f"Insert the “{template.title}” template ({template.path.name})")
        action.setData(template.key)
        # Bind the template now: the loop variable would otherwise be the last one.
        action.triggered.connect(lambda _checked=False, t=template: on_chosen(t))
    if not templates and not problems:
        _note(menu, "No templates", "Add Markdown (.md) files to the templates folder")
    for problem in problems:
        _note(menu, f"{problem.path.name} (skipped)", problem.reason)
    menu.addSeparator()
    folder = menu.addAction(OPEN_FOLDER_TEXT)
    folder.setObjectName("open_templates_folder")
    folder.setToolTip(f"Edit or add templates in {template_folder()}")
    folder.triggered.connect(_open_folder)


def _note(menu: QMenu, text: str, tooltip: str) -> QAction:
    action = menu.addAction(text.replace("&", "&&"))
    action.setEnabled(False)
    action.setToolTip(tooltip)
    return action


def _open_folder() -> None:
    folder = template_folder()
    folder.mkdir(parents=True, exist_ok=True)
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
