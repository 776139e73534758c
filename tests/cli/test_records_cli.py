"""`mentordesk feedback add`, `win add`, `resource add`, `action done|reopen`, run as a user
runs them; what they write is read back through the service the window uses."""

from __future__ import annotations

from pathlib import Path

from mentordesk.domain.models import FeedbackDirection, Mentee, ResourceKind
from mentordesk.services import Workspace
from tests.cli_runner import mentordesk


def _desk(tmp_path: Path) -> tuple[str, int]:
    db = tmp_path / "desk.sqlite"
    with Workspace.open(db) as ws:
        maya = ws.save_mentee(Mentee("Maya Cohen", "Europe/London")).id or 0
        ws.save_mentee(Mentee("José Álvarez", "Europe/Madrid"))
        ws.save_mentee(Mentee("Joss Whitfield", "Europe/London"))
    return str(db), maya


def test_feedback_wins_and_resources_round_trip(tmp_path: Path) -> None:
    db, maya = _desk(tmp_path)
    to = mentordesk("feedback", "add", "--db", db, "--mentee", "maya", "--text", "Clear demo",
                    "--why", "The VP was there", "--suggest", "Lead with the number",
                    "--on", "2026-11-03")  # fmt: skip
    assert to.returncode == 0, to.stderr
    back = mentordesk("feedback", "add", "--db", db, "--mentee", "jose", "--direction", "from",
                      "--text", "The pairing helps")  # fmt: skip
    assert back.returncode == 0, back.stderr
    win = mentordesk("win", "add", "--db", db, "--mentee", "Maya Cohen", "--text", "Talk accepted",
                     "--in-summaries", "no")  # fmt: skip
    assert win.returncode == 0, win.stderr
    reading = tmp_path / "Reading list.pdf"
    reading.write_bytes(b"%PDF-1.4\n")
    res = mentordesk("resource", "add", "--db", db, "--mentee", str(maya), "--title", "Reading",
                     "--url", str(reading), "--kind", "book")  # fmt: skip
    assert res.returncode == 0, res.stderr
    with Workspace.open(db) as ws:
        fb = ws.records.feedback_entry(int(to.stdout))
        assert (fb.mentee_id, fb.body, fb.why_it_matters, fb.suggested_action) == (
            maya, "Clear demo", "The VP was there", "Lead with the number"
        )  # fmt: skip
        assert fb.given_on.isoformat() == "2026-11-03" and fb.shareable
        # Feedback from the mentee stays out of summaries unless said otherwise.
        received = ws.records.feedback_entry(int(back.stdout))
        assert (received.direction, received.shareable) == (FeedbackDirection.FROM_MENTEE, False)
        assert ws.records.win(int(win.stdout)).shareable is False
        resource = ws.records.resource(int(res.stdout))
        assert resource.url == reading.resolve().as_uri() and resource.kind is ResourceKind.BOOK
        assert resource.shared_on is not None and resource.shareable


def test_an_action_is_ticked_and_reopened_with_its_note_line(tmp_path: Path) -> None:
    db, maya = _desk(tmp_path)
    with Workspace.open(db) as ws:
        note = ws.start_note(maya, body="- [ ] Send the CV @them")
        [item] = ws.mentee_dashboard(maya).actions
    done = mentordesk("action", "done", "--db", db, str(item.id))
    assert done.returncode == 0, done.stderr
    assert "Send the CV" in done.stdout
    with Workspace.open(db) as ws:
        assert not ws.records.action(item.id or 0).is_open
        assert ws.note(note.id or 0).body == "- [x] Send the CV @them"
    reopen = mentordesk("action", "reopen", "--db", db, str(item.id))
    assert reopen.returncode == 0, reopen.stderr
    with Workspace.open(db) as ws:
        assert ws.records.action(item.id or 0).is_open
        assert ws.note(note.id or 0).body == "- [ ] Send the CV @them"


def test_bad_input_exits_2_with_a_message_naming_the_fix(tmp_path: Path) -> None:
    db, _ = _desk(tmp_path)
    cases = [
        (["resource", "add", "--mentee", "Maya", "--title", "x", "--url", "staffeng.com"],
         "start it with https:// or mailto:, or pick a file"),
        (["win", "add", "--mentee", "Maya", "--text", "x", "--on", "2026-02-30"],
         "--on '2026-02-30' is not a date"),
        (["win", "add", "--mentee", "Maya", "--text", "x", "--goal", "99"],
         "--goal 99 is not one of Maya Cohen's goals"),
        (["feedback", "add", "--mentee", "Maya", "--text", "   "], "Feedback is empty"),
        (["feedback", "add", "--mentee", "Nobody", "--text", "x"], "Nobody"),
        (["win", "add", "--mentee", "Jo", "--text", "x"], "Joss Whitfield"),
        (["action", "done", "404"], "No action item has id 404."),
    ]  # fmt: skip
    for args, message in cases:
        result = mentordesk(*args[:2], "--db", db, *args[2:])
        assert result.returncode == 2, (args, result.stderr)
        assert message in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.stderr
    with Workspace.open(db) as ws:
        assert ws.wins.recent() == [] and ws.resources.for_mentee(1) == []
