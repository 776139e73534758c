"""Channels in the mentee dialog (a table of kind and value) and on the dashboard, where each
opens in its app — mailto:, tel:, a web or chat link — or is copied to the clipboard."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication
from pytestqt.qtbot import QtBot

from mentordesk.domain.models import Channel, Mentee
from mentordesk.services import Workspace
from mentordesk.ui.dialogs.mentee_dialog import MenteeDialog
from mentordesk.ui.pages.mentee_detail import MenteeDetail

NOW = datetime(2026, 12, 6, 10, 0, tzinfo=UTC)


class _Opened(QObject):
    """Stands in for the desktop's mail, phone and browser handlers."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url.toString())


@pytest.fixture
def opened() -> Iterator[_Opened]:
    handler = _Opened()
    schemes = ("mailto", "tel", "https", "tg")
    for scheme in schemes:
        QDesktopServices.setUrlHandler(scheme, handler, "open")
    yield handler
    for scheme in schemes:
        QDesktopServices.unsetUrlHandler(scheme)


def test_channels_are_rows_to_add_check_and_remove(qtbot: QtBot, workspace: Workspace) -> None:
    dialog = MenteeDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.name_edit, "Ravi Kumar")
    qtbot.keyClicks(dialog.zone_edit, "Asia/Kolkata")
    editor = dialog.channel_editor
    qtbot.keyClicks(editor.rows[0].value_edit, "ravi@example.org")

    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    phone = editor.rows[1]
    assert phone.kind() == "phone"
    assert dialog.focusWidget() is phone.value_edit  # ready to type into
    qtbot.keyClicks(phone.value_edit, "call me")
    assert "Channel 2 (Phone): 'call me' is not a phone number" in dialog.channels_error.text()
    assert not dialog.save_button.isEnabled()
    phone.value_edit.clear()
    qtbot.keyClicks(phone.value_edit, "+91 98765 43210")
    assert not dialog.channels_error.isVisible() and dialog.save_button.isEnabled()

    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    video = editor.rows[2]
    assert video.kind() == "video"
    qtbot.keyClicks(video.value_edit, "meet.example.com/ravi")
    assert "should start with https://" in dialog.channels_error.text()
    qtbot.mouseClick(video.remove_button, Qt.MouseButton.LeftButton)
    assert len(editor.rows) == 2 and dialog.save_button.isEnabled()

    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    chat = editor.rows[2]
    chat.kind_combo.setCurrentIndex(chat.kind_combo.findData("chat"))
    qtbot.keyClicks(chat.value_edit, "@ravi_k on Telegram")
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)  # left blank: dropped
    # Tab goes from the tags through the rows in order, then Add, then the background.
    chain, widget = [], dialog.tags_edit.nextInFocusChain()
    while widget is not dialog.background_edit:
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisible():
            chain.append(widget)
        widget = widget.nextInFocusChain()
    rows = [(r.kind_combo, r.value_edit, r.remove_button) for r in editor.rows]
    assert chain == [w for row in rows for w in row] + [editor.add_button]
    editor.setFocus()  # what the label's Alt+C does: into the first value
    assert dialog.focusWidget() is editor.rows[0].value_edit
    dialog.save()

    saved = workspace.mentee(dialog.saved_mentee.id or 0 if dialog.saved_mentee else 0)
    assert saved.channels == (
        Channel("email", "ravi@example.org"),
        Channel("phone", "+91 98765 43210"),
        Channel("chat", "@ravi_k on Telegram"),
    )
    assert saved.email == "ravi@example.org"


def _click_text(qtbot: QtBot, detail: MenteeDetail, text: str) -> None:
    browser = detail.browser
    cursor = browser.document().find(text)
    assert not cursor.isNull(), text
    point = browser.cursorRect(cursor).center()
    point.setX(point.x() - 4)  # inside the link, not after its last letter
    qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=point)


def test_each_channel_on_the_dashboard_opens_or_is_copied(
    qtbot: QtBot, workspace: Workspace, opened: _Opened
) -> None:
    ravi = workspace.save_mentee(
        Mentee(
            "Ravi Kumar",
            "Asia/Kolkata",
            channels=(
                Channel("email", "ravi@example.org"),
                Channel("phone", "+91 98765 43210"),
                Channel("video", "https://meet.example.com/ravi"),
                Channel("chat", "@ravi_k on Telegram"),
                Channel("chat", "@ravi on the PyCon Slack"),
            ),
        )
    )
    detail = MenteeDetail()
    qtbot.addWidget(detail)
    detail.resize(900, 700)
    detail.show()
    detail.show_dashboard(workspace.mentee_dashboard(ravi.id or 0, NOW), NOW, ZoneInfo("UTC"))
    qtbot.waitExposed(detail)

    for text in ("ravi@example.org", "+91 98765 43210", "meet.example.com/ravi", "@ravi_k on"):
        _click_text(qtbot, detail, text)
    assert opened.urls == [
        "mailto:ravi@example.org",
        "tel:+919876543210",
        "https://meet.example.com/ravi",
        "tg://resolve?domain=ravi_k",
    ]
    assert "click to copy" in detail.html()
    _click_text(qtbot, detail, "@ravi on the PyCon Slack")
    assert len(opened.urls) == 4
    assert QGuiApplication.clipboard().text() == "@ravi on the PyCon Slack"
    assert detail.channel_message.startswith("Copied “@ravi on the PyCon Slack”")
