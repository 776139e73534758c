"""Which paper a report is printed on: A4, or US Letter where the system's paper setting says.

``LC_PAPER`` decides (as glibc's own ``locale`` does), not ``QLocale.measurementSystem()``,
which says Imperial for en_GB, whose paper is A4.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from enum import StrEnum


class Paper(StrEnum):
    A4 = "a4"
    LETTER = "letter"

    @property
    def label(self) -> str:
        return "A4" if self is Paper.A4 else "US Letter"


#: Territories whose paper is US Letter (glibc's LC_PAPER data: 216 x 279 mm).
LETTER_TERRITORIES = frozenset({"US", "CA", "MX", "PR", "PH", "CL", "CO", "VE", "CR", "GT",
                                "NI", "PA", "SV", "DO", "BZ"})  # fmt: skip


def paper_from_locale(name: str) -> Paper | None:
    """The paper of a locale name such as ``en_US.UTF-8`` or ``es_MX@euro``; None when the
    name names no territory (``C``, ``POSIX``, ``en``)."""
    base = name.split(".", 1)[0].split("@", 1)[0]
    if "_" not in base:
        return None
    return Paper.LETTER if base.rsplit("_", 1)[1].upper() in LETTER_TERRITORIES else Paper.A4


def preferred_paper(saved: str, environ: Mapping[str, str] | None = None) -> Paper:
    """The paper the mentor chose last (``saved``), else the system's."""
    try:
        return Paper(saved)
    except ValueError:
        return system_paper(environ)


def system_paper(environ: Mapping[str, str] | None = None) -> Paper:
    """The system's paper: ``LC_ALL``, else ``LC_PAPER``, else ``LANG`` (POSIX precedence);
    A4 when none names a territory (most of the world's paper)."""
    env = os.environ if environ is None else environ
    for variable in ("LC_ALL", "LC_PAPER", "LANG"):
        value = env.get(variable, "")
        if value:
            return paper_from_locale(value) or Paper.A4
    return Paper.A4
