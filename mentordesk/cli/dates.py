"""A date given on the command line: ``YYYY-MM-DD``, or a message naming the option (exit 2)."""

from __future__ import annotations

from datetime import date

from mentordesk.cli.errors import EXIT_BAD_INPUT, CommandFailed


def day_option(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise CommandFailed(
            f"{option} {text!r} is not a date — write it as YYYY-MM-DD, e.g. 2027-03-01.",
            EXIT_BAD_INPUT,
        ) from None
