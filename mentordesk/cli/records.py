"""Records from the command line: ``feedback add``, ``win add``, ``resource add`` (each prints
the new record's id) and ``action done|reopen ID``. They write through the same record service
as the forms: the same validation, the same "Include in summaries" default (on, except for
feedback from the mentee), and an action from a ``- [ ]`` note line ticks that line too."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from mentordesk.cli.dates import day_option
from mentordesk.cli.encryption import open_workspace
from mentordesk.cli.errors import EXIT_BAD_INPUT, EXIT_OK, CommandFailed, exit_on_error
from mentordesk.domain.models import (
    Feedback,
    FeedbackDirection,
    Mentee,
    Resource,
    ResourceKind,
    Win,
)
from mentordesk.services import Workspace

_DIRECTIONS = {"to": FeedbackDirection.TO_MENTEE, "from": FeedbackDirection.FROM_MENTEE}


def _included(args: argparse.Namespace, default: bool) -> bool:
    return default if args.in_summaries is None else args.in_summaries == "yes"


def _goal(workspace: Workspace, mentee: Mentee, goal_id: int | None) -> int | None:
    if goal_id is None:
        return None
    goals = {p.goal.id: p.goal.title for p in workspace.roadmap.progress(mentee.id or 0)}
    if goal_id not in goals:
        raise CommandFailed(
            f"--goal {goal_id} is not one of {mentee.name}'s goals — list them with"
            f" `mentordesk goals --mentee {mentee.id}`.",
            EXIT_BAD_INPUT,
        )
    return goal_id


def _link(text: str) -> str:
    """A path to an existing file becomes its file: URL; anything else is checked as a link."""
    candidate = Path(text).expanduser()
    if "://" not in text and not text.startswith("mailto:") and candidate.is_file():
        return candidate.resolve().as_uri()
    return text


def cmd_feedback_add(args: argparse.Namespace) -> int:
    direction = _DIRECTIONS[args.direction]
    on = day_option(args.on, "--on")
    shared = _included(args, direction is FeedbackDirection.TO_MENTEE)
    with exit_on_error(), open_workspace(args) as workspace:
        mentee = workspace.find_mentee(args.mentee)
        added = workspace.records.add_feedback(
            Feedback(mentee.id or 0, direction, args.text, on or workspace.mentor.today(),
                     why_it_matters=args.why,
                     suggested_action=args.suggest, shareable=shared)
        )  # fmt: skip
    print(added.id)
    return EXIT_OK


def cmd_win_add(args: argparse.Namespace) -> int:
    on = day_option(args.on, "--on")
    with exit_on_error(), open_workspace(args) as workspace:
        mentee = workspace.find_mentee(args.mentee)
        goal = _goal(workspace, mentee, args.goal)
        on = on or workspace.mentor.today()
        win = Win(mentee.id or 0, args.text, on, goal, shareable=_included(args, True))
        added = workspace.records.add_win(win)
    print(added.id)
    return EXIT_OK


def cmd_resource_add(args: argparse.Namespace) -> int:
    shared_on = day_option(args.shared_on, "--shared-on")
    with exit_on_error(), open_workspace(args) as workspace:
        mentee = workspace.find_mentee(args.mentee)
        goal = _goal(workspace, mentee, args.goal)
        added = workspace.records.add_resource(
            Resource(args.title, _link(args.url), ResourceKind(args.kind), mentee.id, goal,
                     args.note, shared_on=shared_on or workspace.mentor.today(),
                     shareable=_included(args, True))
        )  # fmt: skip
    print(added.id)
    return EXIT_OK


def cmd_action(args: argparse.Namespace) -> int:
    done = args.action == "done"
    with exit_on_error(), open_workspace(args) as workspace:
        try:
            item = workspace.records.action(args.id)
        except KeyError:
            raise CommandFailed(f"No action item has id {args.id}.", EXIT_BAD_INPUT) from None
        workspace.records.set_action_done(args.id, done)
    state = "done" if done else "open again"
    print(f"action {args.id} ({item.text}) is {state}")
    return EXIT_OK


def _subcommand(args: argparse.Namespace) -> int:
    return SUBCOMMANDS[(args.command, args.action)](args)


SUBCOMMANDS: dict[tuple[str, str], Callable[[argparse.Namespace], int]] = {
    ("feedback", "add"): cmd_feedback_add,
    ("win", "add"): cmd_win_add,
    ("resource", "add"): cmd_resource_add,
    ("action", "done"): cmd_action,
    ("action", "reopen"): cmd_action,
}

COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    name: _subcommand for name in ("feedback", "win", "resource", "action")
}
