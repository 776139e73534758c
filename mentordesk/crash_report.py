"""What to tell the mentor when something goes wrong, and a crash report safe to share.

Known store errors (the file is locked, the disk is full, the file is read-only or damaged, and
the store's own ``StoreError`` refusals) become a ``KnownProblem``: what happened and what to do.
Anything else is a bug, described by ``build_report``.

What a report leaves out, and why: frame locals are never included (they hold notes being
saved); an exception's message is replaced by its type (``ValueError: [message withheld]``)
because code quotes what it was handling, including note text, except for a short list of
exceptions whose messages Python builds from code (attribute and argument names, counts) when
the interpreter raised them (not a ``raise`` statement, which can word anything), and SQLite's
messages; even there a quoted part that is not a plain name is blanked. An
``OSError`` keeps its error code and the system's text, not the file name. ``add_note`` notes
are left out. Source lines of frames are kept: they are code. No Qt here.
"""

from __future__ import annotations

import errno
import platform
import re
import sys
import traceback
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from mentordesk import __version__

WITHHELD = "[message withheld: it could quote your data]"
_MAX_MESSAGE = 300
# Built-in exceptions whose messages Python itself words from names, types and counts.
_CODE_WORDED = (
    AttributeError,
    NameError,
    ImportError,
    RecursionError,
    ZeroDivisionError,
    IndexError,
    TypeError,
)
_QUOTED = re.compile(r"'([^']*)'|\"([^\"]*)\"")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.]{0,79}")
_MAX_CHAIN = 5
_SQLITE_DRIVERS = ("sqlite3", "sqlcipher3")


@dataclass(frozen=True, slots=True)
class KnownProblem:
    """A failure with a known cause: ``what`` happened and what to ``do``."""

    title: str
    what: str
    do: str


def _sqlite_error(exc: BaseException) -> bool:
    """The standard module's errors and SQLCipher's own classes (see DESIGN.md's traps),
    known by their module's name: no database driver is imported here."""
    return any(cls.__module__.split(".")[0] in _SQLITE_DRIVERS for cls in type(exc).__mro__)


def _sqlite_problem(exc: BaseException) -> KnownProblem | None:
    name = str(getattr(exc, "sqlite_errorname", "") or "")
    text = str(exc).casefold()
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "database is locked" in text:
        return KnownProblem(
            "The database is busy",
            "Another program is holding the database file, so MentorDesk could not save.",
            "Close other MentorDesk windows and any program that might have the file open"
            " (a sync tool, a backup program), then try again.",
        )
    if name.startswith("SQLITE_FULL") or "disk is full" in text:
        return _disk_full()
    if name.startswith("SQLITE_READONLY") or "readonly database" in text:
        return KnownProblem(
            "The database cannot be written",
            "MentorDesk may read the database file but not change it.",
            "Check that you may write to the file and its folder (permissions, a read-only"
            " drive or share), then start MentorDesk again.",
        )
    corrupt = ("malformed", "file is not a database", "database corrupt")
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or any(c in text for c in corrupt):
        return KnownProblem(
            "The database is damaged",
            "SQLite reports that the database file is damaged.",
            "Quit MentorDesk and restore the newest backup (File ▸ Backups or"
            " `mentordesk restore`). The damaged file is kept so nothing else is lost.",
        )
    if name.startswith("SQLITE_IOERR") or "disk i/o error" in text:
        return KnownProblem(
            "The disk could not be read or written",
            "The operating system reported an error while MentorDesk used the database file.",
            "Check that the disk or drive is still connected and has free space, then start"
            " MentorDesk again; restore a backup if the problem stays.",
        )
    return None


def _disk_full() -> KnownProblem:
    return KnownProblem(
        "The disk is full",
        "There is no space left to save your changes.",
        "Free some disk space (empty the bin, remove large files), then try again. What was"
        " saved before stays safe.",
    )


def known_problem(exc: BaseException) -> KnownProblem | None:
    """A ``KnownProblem`` for ``exc`` or an exception it was raised from, else None."""
    from mentordesk.services.errors import StoreError

    for link in _chain(exc):
        if isinstance(link, StoreError):
            return KnownProblem(_store_title(link), link.message, _store_advice(link))
        if _sqlite_error(link):
            found = _sqlite_problem(link)
            if found is not None:
                return found
        if isinstance(link, OSError) and link.errno in (errno.ENOSPC, errno.EDQUOT):
            return _disk_full()
    return None


def _store_title(exc: BaseException) -> str:
    from mentordesk.services.errors import (
        BadDatabasePath,
        DatabaseCorrupt,
        DatabaseInUse,
        DatabaseUnreadable,
        NewerDatabaseError,
        NotAMentorDeskDatabase,
    )

    titles: dict[type[BaseException], str] = {
        DatabaseInUse: "MentorDesk is already open",
        DatabaseCorrupt: "The database is damaged",
        DatabaseUnreadable: "The database cannot be read",
        NewerDatabaseError: "The database needs a newer MentorDesk",
        NotAMentorDeskDatabase: "This is not a MentorDesk database",
        BadDatabasePath: "The database cannot be found",
    }
    for cls in type(exc).__mro__:
        if cls in titles:
            return titles[cls]
    return "A problem with the database"


def _store_advice(exc: BaseException) -> str:
    from mentordesk.services.errors import DatabaseCorrupt, DatabaseUnreadable

    if isinstance(exc, DatabaseCorrupt):
        return "Restore the newest backup (File ▸ Backups or `mentordesk restore`)."
    if isinstance(exc, DatabaseUnreadable):
        return "Check the file's permissions and that its drive is connected."
    return "The message above says what to do."


def _chain(exc: BaseException) -> list[BaseException]:
    """The exception, then what it was raised from or during, newest first; no loops."""
    seen: list[BaseException] = []
    link: BaseException | None = exc
    while link is not None and len(seen) < _MAX_CHAIN and all(link is not s for s in seen):
        seen.append(link)
        link = link.__cause__ or (None if link.__suppress_context__ else link.__context__)
    return seen


# -- the report -------------------------------------------------------------------------------


def safe_message(exc: BaseException) -> str:
    """What a report may say about ``exc`` besides its type (see the module's docstring)."""
    from mentordesk.domain.errors import ValidationError

    if isinstance(exc, ValidationError):
        return f"(field {exc.field}) {WITHHELD}"
    if isinstance(exc, OSError) and exc.errno is not None:
        code = errno.errorcode.get(exc.errno, str(exc.errno))
        return f"[Errno {exc.errno} {code}] {exc.strerror or ''}".rstrip()
    if _sqlite_error(exc):
        name = getattr(exc, "sqlite_errorname", None)
        text = _blank_quotes(str(exc))
        return f"{name}: {text}" if name else text
    if _worded_by_python(exc):
        return _blank_quotes(str(exc))
    return WITHHELD if str(exc) else ""


def _worded_by_python(exc: BaseException) -> bool:
    """A built-in exception the interpreter raised (not a ``raise`` in code, which can word
    its message from anything)."""
    if not (isinstance(exc, _CODE_WORDED) and type(exc).__module__ == "builtins"):
        return False
    frames = traceback.extract_tb(exc.__traceback__)
    line = frames[-1].line if frames else None
    # Without the source (a frozen build) nobody can tell: withhold.
    return bool(line) and not str(line).lstrip().startswith("raise")


def _blank_quotes(text: str) -> str:
    def keep_names(match: re.Match[str]) -> str:
        inner = match.group(1) if match.group(1) is not None else match.group(2)
        quote = "'" if match.group(1) is not None else '"'
        return match.group(0) if _NAME.fullmatch(inner) else f"{quote}…{quote}"

    text = _QUOTED.sub(keep_names, text)
    return text if len(text) <= _MAX_MESSAGE else text[:_MAX_MESSAGE] + "…"


def _type_name(exc: BaseException) -> str:
    cls = type(exc)
    module = cls.__module__
    return cls.__qualname__ if module == "builtins" else f"{module}.{cls.__qualname__}"


def _short_path(filename: str) -> str:
    home = str(Path.home())
    return "~" + filename[len(home) :] if home and filename.startswith(home) else filename


def _format_one(exc: BaseException) -> list[str]:
    lines = []
    frames = traceback.extract_tb(exc.__traceback__)
    if frames:
        lines.append("Traceback (most recent call last):\n")
        for frame in frames:
            where = _short_path(frame.filename)
            lines.append(f'  File "{where}", line {frame.lineno}, in {frame.name}\n')
            if frame.line:
                lines.append(f"    {frame.line.strip()}\n")
    message = safe_message(exc)
    lines.append(f"{_type_name(exc)}: {message}\n" if message else f"{_type_name(exc)}\n")
    return lines


def safe_traceback(exc: BaseException) -> str:
    """The traceback of ``exc`` and the exceptions it was raised from or during, oldest first,
    with messages reduced as ``safe_message`` says and no frame locals."""
    ordered = list(reversed(_chain(exc)))
    parts: list[str] = []
    for older, link in zip([None, *ordered], ordered, strict=False):
        if older is not None:
            parts.append(
                "\nThe above exception was the direct cause of the following exception:\n\n"
                if link.__cause__ is older
                else "\nDuring handling of the above exception, another exception occurred:\n\n"
            )
        parts.extend(_format_one(link))
    return "".join(parts)


def qt_versions() -> str:
    """Qt's and PySide6's versions when Qt is loaded (read, never imported, here)."""
    pyside = sys.modules.get("PySide6")
    core = sys.modules.get("PySide6.QtCore")
    if pyside is None or core is None:
        return "not loaded"
    return f"{core.qVersion()} (PySide6 {getattr(pyside, '__version__', '?')})"


def sqlite_version() -> str:
    """SQLite's version when the store has loaded it (read, never imported, here)."""
    driver = sys.modules.get("sqlite3")
    return str(driver.sqlite_version) if driver is not None else "not loaded"


def build_report(
    exc: BaseException,
    *,
    log_file: Path | None = None,
    now: datetime | None = None,
) -> str:
    """A plain-text report to paste into a bug report: versions, platform, the safe traceback."""
    when = (now or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M:%S %Z")
    header = [
        "MentorDesk crash report",
        f"Version: {__version__}",
        f"Python: {platform.python_version()} ({platform.python_implementation()})",
        f"Qt: {qt_versions()}",
        f"SQLite: {sqlite_version()}",
        f"Platform: {platform.platform()}",
        f"Time: {when}",
        f"Log file: {_short_path(str(log_file)) if log_file else 'none'}",
        "",
        "Messages that could quote your data are withheld; frame variables are not included.",
        "",
    ]
    return "\n".join(header) + "\n" + safe_traceback(exc)


def exception_from(
    exc_type: type[BaseException],
    value: BaseException | None,
    tb: TracebackType | None,
) -> BaseException:
    """The exception object ``sys.excepthook`` was given (it may be handed only a type)."""
    if value is None:
        value = exc_type()
    if tb is not None and value.__traceback__ is None:
        value = value.with_traceback(tb)
    return value
