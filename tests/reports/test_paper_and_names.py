"""The paper a report defaults to, and the file names reports get."""

from __future__ import annotations

from datetime import date

import pytest

from mentordesk.reports.filenames import MAX_BYTES, safe_stem, summary_file_name
from mentordesk.reports.paper import Paper, preferred_paper, system_paper


@pytest.mark.parametrize(
    ("environ", "paper"),
    [
        ({"LC_PAPER": "en_US.UTF-8", "LANG": "en_GB.UTF-8"}, Paper.LETTER),
        ({"LC_PAPER": "en_GB.UTF-8"}, Paper.A4),  # Imperial measures, but A4 paper
        ({"LANG": "es_MX@euro"}, Paper.LETTER),
        ({"LC_ALL": "de_DE.UTF-8", "LC_PAPER": "en_US.UTF-8"}, Paper.A4),
        ({"LANG": "C.UTF-8"}, Paper.A4),
        ({}, Paper.A4),
    ],
)
def test_paper_follows_lc_paper(environ: dict[str, str], paper: Paper) -> None:
    assert system_paper(environ) is paper


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("Zoë Øster", "Zoë Øster"),
        ("../../etc/passwd", "etc passwd"),
        ("a/b\\c:d*e?f", "a b c d e f"),
        ("CON", "mentee CON"),
        ("lpt1.txt", "mentee lpt1.txt"),
        ("...", "mentee"),
        ("  tab\tand\nnew line ", "tab and new line"),
        ("a..b", "a.b"),
    ],
)
def test_safe_stems(name: str, stem: str) -> None:
    assert safe_stem(name) == stem


def test_long_names_are_clipped_on_a_character() -> None:
    stem = safe_stem("张" * 200)
    assert len(stem.encode()) <= MAX_BYTES and set(stem) == {"张"}


def test_summary_file_name() -> None:
    name = summary_file_name("张伟/../x", date(2026, 11, 1), date(2026, 11, 30))
    assert name == "张伟 . x - progress 2026-11-01 to 2026-11-30.pdf"
    assert "/" not in name


def test_the_mentors_choice_wins_over_the_system() -> None:
    us = {"LC_PAPER": "en_US.UTF-8"}
    assert preferred_paper("a4", us) is Paper.A4
    assert preferred_paper("", us) is Paper.LETTER
    assert preferred_paper("tabloid", us) is Paper.LETTER  # an unknown saved value
