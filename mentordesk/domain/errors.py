"""The one error type for input a mentor can fix."""

from __future__ import annotations


class ValidationError(ValueError):
    """Bad input: names the field and says how to fix it.

    The UI shows ``message`` beside ``field``; the CLI prints it and exits 2.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message

    def __str__(self) -> str:
        return self.message
