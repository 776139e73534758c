"""The rotating log in the platformdirs log folder: private, and never a word of a note.

The rule is that code never hands note text, passphrases, keys or recovery keys to a logger:
log ids, counts, paths and sizes. ``PrivacyFilter`` is the safety net behind that rule, not
the rule itself: it replaces domain records (a ``Note`` passed as an argument) by their kind
and id, blanks anything that looks like a key, passphrase or recovery key, and formats
tracebacks with exception messages withheld (``crash_report.safe_traceback``), because an
exception's message can quote whatever the code was handling.

Only the ``mentordesk`` logger writes here: third-party libraries' debug output stays out.
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import is_dataclass
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType
from typing import Any

from mentordesk.appdata.paths import APP_NAME, ensure_private_dir

LOGGER = "mentordesk"
LOG_FILE = "mentordesk.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
DATE_FORMAT = "%Y-%m-%dT%H:%M:%S%z"

_REDACTED = "[redacted]"
# Secrets by shape: "passphrase=..." style assignments, SQLCipher's x'...' keys, long hex runs
# (a 256-bit key), dash-grouped codes (a recovery key), and long mixed-case base64 runs.
_ASSIGNMENT = re.compile(
    r"(?i)(\w*(?:pass(?:word|phrase)|secret|token|key))(\s*[=:]\s*)(\"[^\"]*\"|'[^']*'|\S+)"
)
_SHAPES = (
    re.compile(r"(?i)x'[0-9a-f]{16,}'"),
    re.compile(r"\b[0-9A-Fa-f]{32,}\b"),
    re.compile(r"\b[A-Za-z0-9]{4,8}(?:-[A-Za-z0-9]{4,8}){3,}\b"),
)
_TOKEN = re.compile(r"(?<![\w/.-])[A-Za-z0-9+/_-]{32,}={0,2}(?![\w/.-])")
_DOMAIN_MODULE = "mentordesk.domain."


def log_dir() -> Path:
    from platformdirs import user_log_dir

    return Path(user_log_dir(APP_NAME, appauthor=False))


def _token(match: re.Match[str]) -> str:
    # Random base64 mixes cases and digits; names of things (a migration) do not.
    text = match.group(0)
    mixed = any(c.isupper() for c in text) and any(c.islower() for c in text)
    return _REDACTED if mixed and any(c.isdigit() for c in text) else text


def scrub(text: str) -> str:
    """``text`` with anything shaped like a secret replaced."""
    text = _ASSIGNMENT.sub(lambda m: f"{m.group(1)}{m.group(2)}{_REDACTED}", text)
    for pattern in _SHAPES:
        text = pattern.sub(_REDACTED, text)
    return _TOKEN.sub(_token, text)


def _describe(value: object) -> object:
    """A domain record as its kind and id: its fields hold what the mentor wrote."""
    domain = type(value).__module__.startswith(_DOMAIN_MODULE)
    if domain and is_dataclass(value) and not isinstance(value, type):
        ident = getattr(value, "id", None)
        name = type(value).__name__
        return f"<{name} {ident}>" if ident is not None else f"<{name}>"
    if isinstance(value, (bytes, bytearray, memoryview)):
        return f"<{len(value)} bytes>"
    return value


class PrivacyFilter(logging.Filter):
    """Rewrites each record before it is written; keeps every record (a log line that says
    *something* happened is worth more than silence)."""

    def filter(self, record: logging.LogRecord) -> bool:
        args: Any = record.args
        if isinstance(args, dict):
            args = {k: _describe(v) for k, v in args.items()}
        elif isinstance(args, tuple):
            args = tuple(_describe(a) for a in args)
        try:
            record.args = args
            message = record.getMessage()
        except (TypeError, ValueError):
            message = f"{record.msg!s} (arguments dropped: the format did not match them)"
        record.msg = scrub(message)
        record.args = None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = _safe_exc_text(record.exc_info)
            record.exc_info = None
        if record.stack_info:
            record.stack_info = scrub(record.stack_info)
        return True


def _safe_exc_text(
    exc_info: tuple[type[BaseException], BaseException, TracebackType | None]
    | tuple[None, None, None],
) -> str:
    from mentordesk.crash_report import safe_traceback

    _, exc, _ = exc_info
    return safe_traceback(exc).rstrip("\n") if exc is not None else ""


class PrivateRotatingFileHandler(RotatingFileHandler):
    """Creates every file it opens 0600, whatever the umask (rotation opens a new file)."""

    def _open(self):  # type: ignore[no-untyped-def]  # the base class leaves it untyped
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        if os.name == "posix" and os.fstat(fd).st_mode & 0o077:
            os.fchmod(fd, 0o600)
        return os.fdopen(fd, "a", encoding=self.encoding, errors=self.errors)


def _private_folder(folder: Path) -> None:
    ensure_private_dir(folder)
    if os.name == "posix" and folder.stat().st_mode & 0o077:
        folder.chmod(0o700)


def setup_logging(level: int = logging.INFO, *, folder: Path | None = None) -> Path:
    """Starts (or restarts, at a new level) the log; returns the log file's path.

    ``folder`` defaults to platformdirs' user log folder; it is made 0700, the files 0600.
    """
    folder = folder or log_dir()
    _private_folder(folder)
    path = folder / LOG_FILE
    shutdown_logging()
    handler = PrivateRotatingFileHandler(
        path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter(FORMAT, DATE_FORMAT))
    handler.addFilter(PrivacyFilter())
    for old in folder.glob(f"{LOG_FILE}*"):
        if os.name == "posix" and old.stat().st_mode & 0o077:
            old.chmod(0o600)
    logger = logging.getLogger(LOGGER)
    logger.addHandler(handler)
    logger.setLevel(level)
    return path


def current_log_file() -> Path | None:
    """The file the log is written to, or None before ``setup_logging``."""
    for handler in logging.getLogger(LOGGER).handlers:
        if isinstance(handler, PrivateRotatingFileHandler):
            return Path(handler.baseFilename)
    return None


def shutdown_logging() -> None:
    """Closes the log file (tests; a second ``setup_logging`` replaces the first)."""
    logger = logging.getLogger(LOGGER)
    for handler in list(logger.handlers):
        if isinstance(handler, PrivateRotatingFileHandler):
            logger.removeHandler(handler)
            handler.close()
