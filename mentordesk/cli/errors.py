"""From an error to the command's exit code: the one place that says what a failed command
prints and how it exits.

Exit codes: 0 ok, 1 failed or unhealthy, 2 bad input (the domain's message, no traceback),
3 database locked or unreadable. A ``StoreError`` carries its own ``exit_code``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mentordesk.appdata.keystore import KeyringUnavailable
from mentordesk.domain.errors import ValidationError
from mentordesk.services.errors import StoreError

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT, EXIT_LOCKED = 0, 1, 2, 3


class CommandFailed(Exception):
    """Ends a command: ``run`` prints ``mentordesk: MESSAGE`` on stderr and exits ``code``."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def input_file(name: str) -> Path:
    """The file a command reads, named on its command line; bad input (2) when it is not one."""
    path = Path(name).expanduser()
    if not path.is_file():
        raise CommandFailed(f"{path} does not exist or is not a file.", EXIT_BAD_INPUT)
    return path


@contextmanager
def exit_on_error(*, writing: Path | None = None) -> Iterator[None]:
    """Turns the errors a mentor can act on into ``CommandFailed``: a store refusal (its own
    exit code), bad input (2), a keyring that cannot keep a key (1) and, for a command that
    writes ``writing``, a file-system error (1). Anything else is a bug and propagates."""
    try:
        yield
    except StoreError as exc:
        raise CommandFailed(exc.message, exc.exit_code) from None
    except ValidationError as exc:
        raise CommandFailed(exc.message, EXIT_BAD_INPUT) from None
    except KeyringUnavailable as exc:
        raise CommandFailed(exc.message, EXIT_FAILED) from None
    except OSError as exc:
        if writing is None:
            raise
        raise CommandFailed(f"cannot write {writing}: {exc.strerror or exc}", EXIT_FAILED) from None
