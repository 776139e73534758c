"""``mentordesk goal templates`` lists the roadmap templates (shipped and the mentor's own);
``mentordesk goal from-template NAME --mentee … [--start DATE]`` adds one's goals and
milestones to a mentee's roadmap, dated from the start (through the same service as the
window's New Roadmap from Template…)."""

from __future__ import annotations

import argparse
import json
import sys

from mentordesk.cli.dates import day_option
from mentordesk.cli.encryption import open_workspace
from mentordesk.cli.errors import EXIT_OK, exit_on_error
from mentordesk.domain.roadmap_template import RoadmapTemplate
from mentordesk.services.roadmap_templates import RoadmapTemplates


def _span(template: RoadmapTemplate) -> str:
    steps = sum(len(g.milestones) for g in template.goals)
    return f"{len(template.goals)} goals, {steps} milestones"


def cmd_goal_templates(args: argparse.Namespace) -> int:
    with exit_on_error():
        service = RoadmapTemplates(None)
        found = service.available()
    if args.json:
        listed = [
            {"key": t.key, "title": t.title, "yours": not t.shipped, "goals": len(t.goals),
             "milestones": sum(len(g.milestones) for g in t.goals),
             "description": t.description}
            for t in found
        ]  # fmt: skip
        print(json.dumps(listed, indent=2, ensure_ascii=False))
    else:
        width = max((len(t.key) for t in found), default=0)
        for template in found:
            whose = "" if template.shipped else " (yours)"
            print(f"{template.key:<{width}}  {template.title}{whose} — {_span(template)}")
        print(
            "\nApply one with: mentordesk goal from-template NAME --mentee NAME"
            " [--start YYYY-MM-DD]"
        )
    for path, why in service.problems:
        print(f"Skipped {path}: {why}", file=sys.stderr)
    return EXIT_OK


def cmd_goal_from_template(args: argparse.Namespace) -> int:
    start = day_option(args.start, "--start")
    with exit_on_error(), open_workspace(args) as workspace:
        service = RoadmapTemplates(workspace.roadmap)
        template = service.find(args.name)
        mentee = workspace.find_mentee(args.mentee)
        start = start or workspace.roadmap.mentor.today()
        ids = service.apply(template, int(mentee.id or 0), start)
    print(
        f"Added {len(ids)} goals from “{template.title}” to {mentee.name}'s roadmap,"
        f" dated from {start.isoformat()} (goal ids {', '.join(map(str, ids))})."
    )
    return EXIT_OK
