"""Private text never reaches anything meant for the mentee."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mentordesk.domain.models import Note
from mentordesk.domain.privacy import private_lines, shareable_body, shareable_text

CANARY = "CANARY-7f3e"


def test_a_private_section_is_dropped_with_its_heading_up_to_the_next_heading() -> None:
    body = (
        "# Call with Maya\nGoals went well.\n## Private\n"
        f"{CANARY} she may leave.\n### Why\n{CANARY} the manager.\n## Next steps\nShip it.\n"
    )
    shared = shareable_body(body)
    assert CANARY not in shared
    assert "Private" not in shared
    assert shared == "# Call with Maya\nGoals went well.\n## Next steps\nShip it.\n"


def test_private_runs_to_the_end_when_no_heading_follows() -> None:
    assert shareable_body(f"Intro\n## private\n{CANARY}\n\n- [ ] {CANARY}") == "Intro"


def test_the_heading_is_matched_in_any_case_and_with_more_words() -> None:
    for heading in ("## PRIVATE", "## Private notes", "##   private  ##", "## **Private**"):
        assert CANARY not in shareable_body(f"{heading}\n{CANARY}\n# Next\n")


def test_privately_or_a_level_three_private_heading_keep_their_own_scope() -> None:
    assert shareable_body("## Privately owned firms\nkept\n") == "## Privately owned firms\nkept\n"
    body = f"## Notes\nshared\n### Private\n{CANARY}\n### More\nshared too\n"
    assert shareable_body(body) == "## Notes\nshared\n### More\nshared too\n"


def test_a_heading_inside_a_code_fence_does_not_end_the_private_section() -> None:
    body = f"## Private\n```sh\n# a shell comment\n{CANARY}\n```\n{CANARY}\n## Shared\nok\n"
    assert shareable_body(body) == "## Shared\nok\n"


def test_an_underlined_private_heading_starts_a_section() -> None:
    body = f"Private\n-------\n{CANARY}\n# Next\nok"
    assert shareable_body(body) == "# Next\nok"


def test_a_private_note_shares_nothing_and_a_shareable_one_only_its_public_part() -> None:
    private = Note(1, "Everything here is between us", shareable=False)
    assert shareable_text(private) == ""
    shared = Note(1, f"Plan\n## Private\n{CANARY}", shareable=True)
    assert shareable_text(shared) == "Plan"


_LINE = st.sampled_from(
    ["text", "## Private", "## Other", "# Top", "### Private", "```", "Private", "---", ""]
)


@given(st.lists(_LINE, max_size=20), st.integers(min_value=0, max_value=20))
def test_a_canary_in_a_private_section_never_survives(lines: list[str], at: int) -> None:
    at = min(at, len(lines))
    lines.insert(at, "## Private")
    lines.insert(at + 1, CANARY)
    assert CANARY not in shareable_body("\n".join(lines))


@given(st.text())
def test_any_text_has_one_mark_per_line_and_sharing_only_removes_lines(body: str) -> None:
    marks = private_lines(body)
    assert len(marks) == len(body.split("\n"))
    kept = [line for line, p in zip(body.split("\n"), marks, strict=True) if not p]
    assert shareable_body(body) == "\n".join(kept)
