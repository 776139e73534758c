"""Goals from the command line: ``goals`` lists a mentee's goals and milestones with progress;
``goal add``, ``milestone add`` and ``milestone done`` write through the same goal service as
the Roadmap page (a completion adds the mentee's win there too); ``goal templates`` lists the
roadmap templates and ``goal from-template`` applies one (``cli/goal_templates.py``)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from datetime import date

from mentordesk.cli.dates import day_option as _day
from mentordesk.cli.encryption import open_workspace
from mentordesk.cli.errors import EXIT_OK, exit_on_error
from mentordesk.cli.goal_templates import cmd_goal_from_template, cmd_goal_templates
from mentordesk.domain.models import Goal, Milestone
from mentordesk.domain.progress import GoalProgress


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _as_json(progress: GoalProgress, today: date) -> dict[str, object]:
    goal = progress.goal
    return {
        "id": goal.id,
        "title": goal.title,
        "status": goal.status.value,
        "start": _iso(goal.start_date),
        "target": _iso(goal.target_date),
        "revisit": _iso(goal.revisit_date),
        "progress": progress.percent,
        "success_criteria": goal.success_criteria,
        "include_in_summaries": goal.shareable,
        "to_revisit": progress.revisit_reason(today),
        "milestones": [
            {
                "id": m.id,
                "title": m.title,
                "status": m.status.value,
                "due": _iso(m.due_date),
                "done_on": _iso(m.done_on),
            }
            for m in progress.milestones
        ],
    }


def cmd_goals(args: argparse.Namespace) -> int:
    today = date.today()
    with exit_on_error(), open_workspace(args, readonly=True) as workspace:
        mentee = workspace.find_mentee(args.mentee)
        goals = workspace.roadmap.progress(mentee.id or 0)
    if args.json:
        print(json.dumps([_as_json(p, today) for p in goals], indent=2, ensure_ascii=False))
        return EXIT_OK
    if not goals:
        print(f"{mentee.name} has no goals yet — add one with: mentordesk goal add")
    for progress in goals:
        goal = progress.goal
        facts = [goal.status.value.replace("_", " "), f"{progress.percent}%"]
        facts += [f"target {goal.target_date}"] if goal.target_date else []
        facts += [f"revisit {goal.revisit_date}"] if goal.revisit_date else []
        print(f"[{goal.id}] {goal.title} — {', '.join(facts)}")
        for m in progress.milestones:
            when = f" (due {m.due_date})" if m.due_date else ""
            done = f" (done {m.done_on})" if m.done_on else ""
            print(f"    [{m.id}] {m.status.value:<11} {m.title}{done or when}")
    return EXIT_OK


def cmd_goal_add(args: argparse.Namespace) -> int:
    start, target = _day(args.start, "--start"), _day(args.target, "--target")
    revisit = _day(args.revisit, "--revisit")
    with exit_on_error(), open_workspace(args) as workspace:
        mentee = workspace.find_mentee(args.mentee)
        goal = Goal(mentee.id or 0, args.title, start_date=start, target_date=target,
                    revisit_date=revisit)  # fmt: skip
        added = workspace.roadmap.add_goal(goal)
    print(added.id)
    return EXIT_OK


def cmd_milestone_add(args: argparse.Namespace) -> int:
    due = _day(args.due, "--due")
    with exit_on_error(), open_workspace(args) as workspace:
        added = workspace.roadmap.add_milestone(Milestone(args.goal, args.title, due_date=due))
    print(added.id)
    return EXIT_OK


def cmd_milestone_done(args: argparse.Namespace) -> int:
    on = _day(args.on, "--on") or date.today()
    with exit_on_error(), open_workspace(args) as workspace:
        done = workspace.roadmap.complete_milestone(args.id, on)
    print(f"milestone {done.id} done on {done.done_on} — a win was added for the mentee")
    return EXIT_OK


def _subcommand(args: argparse.Namespace) -> int:
    return SUBCOMMANDS[(args.command, args.action)](args)


SUBCOMMANDS: dict[tuple[str, str], Callable[[argparse.Namespace], int]] = {
    ("goal", "add"): cmd_goal_add,
    ("goal", "templates"): cmd_goal_templates,
    ("goal", "from-template"): cmd_goal_from_template,
    ("milestone", "add"): cmd_milestone_add,
    ("milestone", "done"): cmd_milestone_done,
}

COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "goals": cmd_goals,
    "goal": _subcommand,
    "milestone": _subcommand,
}
