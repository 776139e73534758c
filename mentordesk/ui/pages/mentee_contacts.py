"""Contacts on the Mentees page: Log Contact… (dashboard button, the list's context menu),
and a logged contact's Edit… and Delete… links on the dashboard. Deleting asks first and
can be undone (Edit ▸ Undo follows the page's ``undo_stack``)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Protocol
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, QPoint, Qt, SignalInstance
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QMenu, QMessageBox, QTableView, QWidget

from mentordesk.domain.contacts import Contact
from mentordesk.services import Workspace
from mentordesk.ui.dialogs.confirm import confirm
from mentordesk.ui.pages.mentee_detail import MenteeDetail

#: Log Contact… everywhere it is offered (the Edit menu, the list's menu, the tooltips).
LOG_CONTACT_KEYS = QKeySequence("Ctrl+Shift+K")


class _Page(Protocol):
    """What of the Mentees page this uses (a Protocol: the page imports this module)."""

    workspace: Workspace
    detail: MenteeDetail
    status_message: SignalInstance
    call_requested: SignalInstance
    note_requested: SignalInstance

    def _clock(self) -> datetime: ...
    def edit_mentee(self, mentee_id: int) -> QWidget | None: ...


class _DeleteContact(QUndoCommand):
    """Deletes a logged contact; undo puts it back (with a new id, remembered for redo)."""

    def __init__(self, workspace: Workspace, contact: Contact) -> None:
        super().__init__(f"Delete Contact of {contact.at:%d %b}")
        self.workspace = workspace
        self.contact = contact

    def redo(self) -> None:
        self.workspace.contacts.delete(self.contact.id or 0)

    def undo(self) -> None:
        self.contact = self.workspace.contacts.restore(self.contact)


class _EditContact(QUndoCommand):
    """An edit the dialog saved; undo puts the contact back as it was (redo: as edited)."""

    def __init__(self, workspace: Workspace, before: Contact, after: Contact) -> None:
        super().__init__(f"Edit Contact of {before.at:%d %b}")
        self.workspace = workspace
        self.before, self.after = before, after
        self._saved = True  # pushed once the dialog has saved it

    def redo(self) -> None:
        if self._saved:
            self._saved = False
            return
        self.workspace.contacts.update(self.after, self.after.at)

    def undo(self) -> None:
        # The time it had is put back as it was, even one the form would now refuse.
        self.workspace.contacts.update(self.before, self.before.at)


class MenteeContacts(QObject):
    def __init__(self, page: _Page, view: QTableView, key_at: Callable[[int], object]) -> None:
        super().__init__(view)
        self.page = page
        self.view = view
        self._key_at = key_at
        self.dialog: QWidget | None = None
        self.menu: QMenu | None = None
        self.undo_stack = QUndoStack(self)
        page.detail.contact_requested.connect(self.log_contact)
        page.detail.contact_edit_requested.connect(self.edit_contact)
        page.detail.contact_delete_requested.connect(self.confirm_delete)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self.context_menu)

    @property
    def _zone(self) -> ZoneInfo:
        return self.page.workspace.mentor_zone()

    def log_contact(self, mentee_id: int) -> QWidget:
        return self._open(mentee_id, None)

    def edit_contact(self, contact_id: int) -> QWidget | None:
        try:
            contact = self.page.workspace.contacts.get(contact_id)
        except KeyError:
            self.page.status_message.emit("That contact was deleted meanwhile.")
            return None
        return self._open(contact.mentee_id, contact)

    def _open(self, mentee_id: int, contact: Contact | None) -> QWidget:
        from mentordesk.ui.dialogs.contact import ContactDialog

        dialog = ContactDialog(
            self.page.workspace,
            mentee_id,
            contact,
            clock=self.page._clock,
            parent=self.view.window(),
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._saved)
        if contact is not None:
            dialog.saved.connect(
                lambda after: self.undo_stack.push(
                    _EditContact(self.page.workspace, contact, after)
                )
            )
        self.dialog = dialog
        dialog.open()
        return dialog

    def _saved(self, contact: Contact) -> None:
        self.dialog = None
        workspace = self.page.workspace
        mentee = workspace.mentee(contact.mentee_id)
        due = workspace.mentee_dashboard(contact.mentee_id, self.page._clock()).check_in.due_on
        self.page.status_message.emit(
            f"{contact.channel.label} with {mentee.name} on"
            f" {contact.at.astimezone(self._zone):%a %d %b %H:%M} saved; next check-in"
            f" {due:%a %d %b}."
        )

    def confirm_delete(self, contact_id: int) -> QMessageBox | None:
        try:
            contact = self.page.workspace.contacts.get(contact_id)
        except KeyError:
            return None
        when = contact.at.astimezone(self._zone)
        what = f"the {contact.channel.label.lower()} contact of {when:%a %d %b %H:%M}"
        summary = f" (“{contact.summary}”)" if contact.summary else ""

        def delete() -> None:
            self.undo_stack.push(_DeleteContact(self.page.workspace, contact))
            self.page.status_message.emit(f"Deleted {what} — Edit ▸ Undo puts it back.")

        return confirm(
            self.view.window(),
            "Delete contact",
            f"Delete {what}{summary}? The last contact and the next check-in move back.",
            "Delete",
            delete,
        )

    def context_menu(self, position: QPoint) -> QMenu | None:
        index = self.view.indexAt(position)
        key = self._key_at(index.row()) if index.isValid() else None
        if not isinstance(key, int):
            return None
        menu = QMenu(self.view)
        log = QAction("Log &Contact…", menu)
        log.setShortcut(LOG_CONTACT_KEYS)
        log.triggered.connect(lambda: self.log_contact(key))
        menu.addAction(log)
        for text, slot in (
            ("Start &Call", lambda: self.page.call_requested.emit(key, 0, None)),
            ("New &Note…", lambda: self.page.note_requested.emit(key, 0)),
            ("&Edit…", lambda: self.page.edit_mentee(key)),
        ):
            action = QAction(text, menu)
            action.triggered.connect(slot)
            menu.addAction(action)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.menu = menu
        menu.popup(self.view.viewport().mapToGlobal(position))
        return menu
