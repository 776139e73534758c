"""Options many commands share: the database (``--db``, ``--passphrase-file``) and how a
mentee is named on the command line."""

from __future__ import annotations

import argparse

MENTEE_HELP = "a mentee's id, name, or the start of one name (any case, accents optional)"


def db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="database file (default: $MENTORDESK_DB, else the user data folder)",
    )


def store_options(parser: argparse.ArgumentParser) -> None:
    """``--db`` and, for an encrypted file without a usable keyring, ``--passphrase-file``."""
    db_option(parser)
    parser.add_argument(
        "--passphrase-file",
        metavar="FILE",
        help="for an encrypted database: a file holding its passphrase or recovery key"
        " (never type a passphrase on the command line)",
    )
