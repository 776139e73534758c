"""`mentordesk overlap` and `mentordesk occurrences`, run as a user runs them."""

from __future__ import annotations

import json

from tests.cli_runner import mentordesk


def test_overlap_json_and_human_output() -> None:
    people = ["--person", "America/New_York@09:00-17:00@Mon-Fri"]
    people += ["--person", "Asia/Kathmandu@07:00-21:00"]
    result = mentordesk("overlap", *people, "--date", "2026-03-09", "--json")
    assert result.returncode == 0, result.stderr
    windows = json.loads(result.stdout)
    assert windows and {w["level"] for w in windows} <= {"work", "day"}
    first = windows[0]
    assert set(first) == {"start", "end", "level", "local"}
    assert first["start"].endswith("Z")
    assert set(first["local"]) == {"America/New_York", "Asia/Kathmandu"}
    assert first["local"]["Asia/Kathmandu"].endswith("+05:45")
    human = mentordesk("overlap", *people, "--date", "2026-03-09")
    lines = human.stdout.splitlines()
    assert len(lines) == len(windows)
    # New York's evening is Kathmandu's next morning.
    assert any("(+1 day)" in line and "Asia/Kathmandu" in line for line in lines)


def test_overlap_refuses_bad_input_without_a_traceback() -> None:
    night = mentordesk(
        "overlap", "--person", "America/Los_Angeles@22:00-06:00", "--date", "2026-03-09"
    )
    assert night.returncode == 2 and "cross midnight" in night.stderr
    typo = mentordesk("overlap", "--person", "Asia/Kathmndu@09:00-17:00", "--date", "2026-03-09")
    assert typo.returncode == 2 and "did you mean Asia/Kathmandu" in typo.stderr
    bad_date = mentordesk("overlap", "--person", "UTC@09:00-17:00", "--date", "9 March")
    assert bad_date.returncode == 2 and "YYYY-MM-DD" in bad_date.stderr
    for result in (night, typo, bad_date):
        assert "Traceback" not in result.stderr and result.stdout == ""


def test_occurrences_json_flags_drift() -> None:
    result = mentordesk(
        "occurrences",
        "--start",
        "2026-03-02 09:00",
        "--zone",
        "America/New_York",
        "--rrule",
        "FREQ=WEEKLY;COUNT=5",
        "--show",
        "Europe/London",
        "--json",
    )
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert len(rows) == 5
    assert rows[0]["utc"] == "2026-03-02T14:00:00Z"
    assert rows[1]["local"] == {
        "America/New_York": "2026-03-09T09:00-04:00",
        "Europe/London": "2026-03-09T13:00+00:00",
    }
    assert [r["moved_for"] for r in rows] == [[], *[["Europe/London"]] * 3, []]


def test_occurrences_limit_and_gap_note() -> None:
    endless = mentordesk(
        "occurrences", "--start", "2026-01-04 09:00", "--zone", "UTC", "--rrule", "FREQ=WEEKLY"
    )
    assert endless.returncode == 0 and len(endless.stdout.splitlines()) == 52
    moved = mentordesk(
        "occurrences",
        "--start",
        "2026-03-01 02:30",
        "--zone",
        "America/New_York",
        "--rrule",
        "FREQ=WEEKLY;COUNT=3",
        "--limit",
        "2",
        "--json",
    )
    rows = json.loads(moved.stdout)
    assert len(rows) == 3  # COUNT wins over --limit
    assert rows[1]["local"]["America/New_York"] == "2026-03-08T03:30-04:00"
    assert rows[1]["moved_for"] == ["America/New_York"] and "moved forward" in rows[1]["note"]


def test_occurrences_refuses_gap_fold_and_unknown_zone() -> None:
    base = ["occurrences", "--zone", "America/New_York", "--rrule", "FREQ=WEEKLY;COUNT=3"]
    gap = mentordesk(*base, "--start", "2026-03-08 02:30")
    assert gap.returncode == 2
    assert "does not exist" in gap.stderr and "choose 01:30 or 03:30" in gap.stderr
    fold = mentordesk(*base, "--start", "2026-11-01 01:30")
    assert fold.returncode == 2
    assert "UTC-04:00" in fold.stderr and "UTC-05:00" in fold.stderr and "--fold" in fold.stderr
    chosen = mentordesk(*base, "--start", "2026-11-01 01:30", "--fold", "1", "--json")
    assert json.loads(chosen.stdout)[0]["utc"] == "2026-11-01T06:30:00Z"
    zone = mentordesk(
        "occurrences",
        "--start",
        "2026-03-02 09:00",
        "--zone",
        "Europe/Londn",
        "--rrule",
        "FREQ=WEEKLY",
    )
    assert zone.returncode == 2 and "did you mean Europe/London" in zone.stderr
    rule = mentordesk(
        "occurrences", "--start", "2026-03-02 09:00", "--zone", "UTC", "--rrule", "FREQ=HOURLY"
    )
    assert rule.returncode == 2 and "daily at most" in rule.stderr
    for result in (gap, fold, zone, rule):
        assert "Traceback" not in result.stderr


def test_help_shows_the_defaults() -> None:
    overlap = " ".join(mentordesk("overlap", "--help").stdout.split())
    assert "days to cover (default: 1)" in overlap
    assert "15, 30 or 60 (default: 15)" in overlap
    occurrences = " ".join(mentordesk("occurrences", "--help").stdout.split())
    assert "(default: 52)" in occurrences
