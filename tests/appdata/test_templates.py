"""Note templates: seeded into the mentor's config folder once, theirs to edit from then on."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

from mentordesk.appdata.templates import (
    SkippedTemplate,
    list_templates,
    reset_template,
    shipped_folder,
    template_folder,
)

ROOT = Path(__file__).resolve().parents[2]
SHIPPED_KEYS = {"intro-session", "check-in", "feedback-session", "goal-review"}


@pytest.fixture
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    return home


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    """A copy of the shipped templates that a test may add to, as a newer release would."""
    copy = tmp_path / "shipped"
    shutil.copytree(shipped_folder(), copy)
    return copy


def test_first_use_seeds_the_shipped_templates_into_the_config_folder(config_home: Path) -> None:
    templates = list_templates()

    assert template_folder() == config_home / "MentorDesk" / "templates"
    assert {t.key for t in templates} == SHIPPED_KEYS
    assert {t.title for t in templates} == {
        "Introductory session",
        "Check-in",
        "Feedback session",
        "Goal review",
    }
    for t in templates:
        assert t.path.parent == template_folder()
        assert t.body == (shipped_folder() / t.path.name).read_text(encoding="utf-8")


def test_shipped_templates_give_practical_prompts() -> None:
    for key in SHIPPED_KEYS:
        body = (shipped_folder() / f"{key}.md").read_text(encoding="utf-8")
        lines = body.splitlines()
        assert lines[0].startswith("# ")
        assert "## Private" in lines, key
        assert any(line.startswith("- [ ] @") for line in lines), key
        # Tags would turn a prompt into a win or a feedback entry the moment it is inserted.
        assert not any(tag in body for tag in ("#win", "#feedback", "#fb-me")), key
    intro = (shipped_folder() / "intro-session.md").read_text(encoding="utf-8")
    for heading in ("## Background", "## Interests", "## Expectations", "## Goals"):
        assert heading in intro


def test_the_mentors_edits_are_kept(config_home: Path) -> None:
    first = {t.key: t for t in list_templates()}
    edited = "# Check-in, my way\n\n## Wins\n- \n"
    first["check-in"].path.write_text(edited, encoding="utf-8")

    again = {t.key: t for t in list_templates()}

    assert again["check-in"].body == edited
    assert again["check-in"].title == "Check-in, my way"


def test_a_deleted_template_stays_deleted_until_reset(config_home: Path) -> None:
    first = {t.key: t for t in list_templates()}
    first["goal-review"].path.unlink()

    assert "goal-review" not in {t.key for t in list_templates()}

    restored = reset_template("goal-review")
    assert restored.title == "Goal review"
    assert "goal-review" in {t.key for t in list_templates()}


def test_reset_replaces_an_edit_with_the_shipped_wording(config_home: Path) -> None:
    check_in = next(t for t in list_templates() if t.key == "check-in")
    check_in.path.write_text("# Mine\n", encoding="utf-8")

    reset_template("check-in")

    expected = (shipped_folder() / "check-in.md").read_text(encoding="utf-8")
    assert check_in.path.read_text(encoding="utf-8") == expected
    with pytest.raises(LookupError, match="not one of the templates"):
        reset_template("../../etc/passwd")


def test_a_new_shipped_template_appears_beside_the_mentors_own(
    config_home: Path, shipped: Path
) -> None:
    list_templates(shipped=shipped)
    own = template_folder() / "career-conversation.md"
    own.write_text("# Career conversation\n\n## Where next\n", encoding="utf-8")
    (shipped / "mid-point.md").write_text("# Mid-point review\n\n## So far\n", encoding="utf-8")

    titles = [t.title for t in list_templates(shipped=shipped)]

    assert titles == sorted(titles, key=str.casefold)
    assert "Mid-point review" in titles
    assert "Career conversation" in titles


def test_an_untouched_template_takes_a_newer_shipped_wording_an_edited_one_does_not(
    config_home: Path, shipped: Path
) -> None:
    list_templates(shipped=shipped)
    edited = template_folder() / "check-in.md"
    edited.write_text("# Check-in\n\nmy own\n", encoding="utf-8")
    (shipped / "check-in.md").write_text("# Check-in\n\nnew wording\n", encoding="utf-8")
    (shipped / "goal-review.md").write_text("# Goal review\n\nnew wording\n", encoding="utf-8")

    by_key = {t.key: t for t in list_templates(shipped=shipped)}

    assert by_key["check-in"].body == "# Check-in\n\nmy own\n"
    assert by_key["goal-review"].body == "# Goal review\n\nnew wording\n"


def test_a_file_the_mentor_made_before_we_shipped_one_of_that_name_is_kept(
    config_home: Path, shipped: Path
) -> None:
    list_templates(shipped=shipped)
    mine = template_folder() / "mid-point.md"
    mine.write_text("# My mid-point\n", encoding="utf-8")
    (shipped / "mid-point.md").write_text("# Mid-point review\n", encoding="utf-8")

    list_templates(shipped=shipped)
    (shipped / "mid-point.md").write_text("# Mid-point review, reworded\n", encoding="utf-8")
    list_templates(shipped=shipped)

    assert mine.read_text(encoding="utf-8") == "# My mid-point\n"


def test_a_file_that_is_not_utf8_is_skipped_with_a_reason(config_home: Path) -> None:
    list_templates()
    broken = template_folder() / "latin1.md"
    broken.write_bytes("# Réunion\n\nNotes en français\n".encode("latin-1"))
    (template_folder() / "blank.md").write_text("  \n", encoding="utf-8")
    problems: list[SkippedTemplate] = []

    templates = list_templates(problems=problems)

    assert {t.key for t in templates} == SHIPPED_KEYS
    reasons = {p.path.name: p.reason for p in problems}
    assert "not UTF-8" in reasons["latin1.md"]
    assert reasons["blank.md"] == "empty"


def test_windows_line_endings_and_a_byte_order_mark_are_read_cleanly(config_home: Path) -> None:
    list_templates()
    (template_folder() / "notepad.md").write_bytes(b"\xef\xbb\xbf# From Notepad\r\n\r\n- a\r\n")

    notepad = next(t for t in list_templates() if t.key == "notepad")

    assert notepad.title == "From Notepad"
    assert notepad.body == "# From Notepad\n\n- a\n"


def test_a_template_without_a_heading_is_titled_from_its_file_name(config_home: Path) -> None:
    list_templates()
    (template_folder() / "quick-notes.md").write_text("- what:\n- next:\n", encoding="utf-8")

    assert "Quick notes" in {t.title for t in list_templates()}


def test_the_shipped_templates_are_packaged() -> None:
    """The wheel carries resources/templates/ beside the package, where shipped_folder looks."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["mentordesk"]
    package = ROOT / "mentordesk"
    packaged = {p.resolve() for pattern in patterns for p in package.glob(pattern)}
    shipped = set(shipped_folder().glob("*.md"))
    assert shipped
    assert shipped <= packaged
