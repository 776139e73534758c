"""Roadmap templates: a familiar shape of mentorship ("First 90 days in a new role") as goals
with success criteria and milestones whose dates are offsets from a start date the mentor
picks when applying it.

An offset is written ``+N`` and a unit: ``d`` days, ``w`` weeks, ``m`` calendar months
(``+0d`` is the start itself). Months keep the day of the month and stop at a month's end:
``+1m`` from 31 January is 28 (or 29) February, from 30 November is 30 December. A template
is plain data (``to_data`` / ``parse_template``): the files are JSON, read and written by
``appdata/roadmap_templates.py``.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from mentordesk.domain.errors import ValidationError
from mentordesk.domain.models import Goal, GoalStatus, Milestone, MilestoneStatus
from mentordesk.domain.progress import GoalProgress

_OFFSET = re.compile(r"^\+?(\d{1,4})\s*([dwm])$")
_UNITS = {"d": "days", "w": "weeks", "m": "months"}
#: More than this is a typo, not a plan (ten years).
_MAX_DAYS = 3660
_TITLE_LENGTH = 120


@dataclass(frozen=True, slots=True)
class Offset:
    amount: int
    unit: str  # "d", "w" or "m"

    def __str__(self) -> str:
        return f"+{self.amount}{self.unit}"

    def resolve(self, start: date) -> date:
        if self.unit == "d":
            return start + timedelta(days=self.amount)
        if self.unit == "w":
            return start + timedelta(weeks=self.amount)
        months = start.month - 1 + self.amount
        year, month = start.year + months // 12, months % 12 + 1
        return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def parse_offset(text: object, field: str) -> Offset | None:
    """``"+3w"`` → Offset(3, "w"); None or "" → None (no date)."""
    if text is None or text == "":
        return None
    match = _OFFSET.match(str(text).strip().lower())
    if match is None:
        raise ValidationError(
            field,
            f"{field}: {text!r} is not an offset — write +N and d, w or m, e.g. +2w or +3m.",
        )
    offset = Offset(int(match.group(1)), match.group(2))
    days = offset.amount * {"d": 1, "w": 7, "m": 31}[offset.unit]
    if days > _MAX_DAYS:
        raise ValidationError(field, f"{field}: {text} is more than ten years from the start.")
    return offset


@dataclass(frozen=True, slots=True)
class TemplateMilestone:
    title: str
    due: Offset | None = None


@dataclass(frozen=True, slots=True)
class TemplateGoal:
    title: str
    success_criteria: str = ""
    description: str = ""
    start: Offset | None = None
    target: Offset | None = None
    milestones: tuple[TemplateMilestone, ...] = ()


@dataclass(frozen=True, slots=True)
class RoadmapTemplate:
    key: str  # the file name without ".json": stable, what the CLI may name it by
    title: str
    description: str
    goals: tuple[TemplateGoal, ...]
    #: Comes with MentorDesk (cannot be deleted); else the mentor saved it.
    shipped: bool = False


def _text(raw: dict[str, object], name: str, where: str, required: bool = False) -> str:
    value = raw.get(name, "")
    if not isinstance(value, str):
        raise ValidationError(where, f"{where}: “{name}” must be text.")
    value = value.strip()
    if required and not value:
        raise ValidationError(where, f"{where}: “{name}” is missing — every {where} needs one.")
    return value


def parse_template(key: str, data: object, shipped: bool = False) -> RoadmapTemplate:
    """The template in ``data`` (a JSON object), or a ValidationError naming what is wrong."""
    if not isinstance(data, dict):
        raise ValidationError("template", "A roadmap template is a JSON object with “goals”.")
    title = _text(data, "title", "template", required=True)
    raw_goals = data.get("goals")
    if not isinstance(raw_goals, list) or not raw_goals:
        raise ValidationError("template", "The template has no “goals” list — add at least one.")
    goals = []
    for number, raw in enumerate(raw_goals, start=1):
        where = f"goal {number}"
        if not isinstance(raw, dict):
            raise ValidationError(where, f"{where}: each goal is an object with a “title”.")
        raw_steps = raw.get("milestones", [])
        if not isinstance(raw_steps, list):
            raise ValidationError(where, f"{where}: “milestones” must be a list.")
        steps = []
        for sub, step in enumerate(raw_steps, start=1):
            place = f"{where} milestone {sub}"
            if not isinstance(step, dict):
                raise ValidationError(place, f"{place}: each milestone has a “title”.")
            steps.append(
                TemplateMilestone(
                    _text(step, "title", place, True), parse_offset(step.get("due"), place)
                )
            )
        goal = TemplateGoal(
            _text(raw, "title", where, required=True),
            _text(raw, "success_criteria", where),
            _text(raw, "description", where),
            parse_offset(raw.get("start"), f"{where} start"),
            parse_offset(raw.get("target"), f"{where} target"),
            tuple(steps),
        )
        if (
            goal.start
            and goal.target
            and goal.start.resolve(date(2001, 1, 31)) > (goal.target.resolve(date(2001, 1, 31)))
        ):
            raise ValidationError(where, f"{where}: its target comes before its start.")
        goals.append(goal)
    return RoadmapTemplate(
        key, title, _text(data, "description", "template"), tuple(goals), shipped
    )


def to_data(template: RoadmapTemplate) -> dict[str, object]:
    """The JSON object ``parse_template`` reads back."""

    def offset(value: Offset | None) -> str | None:
        return None if value is None else str(value)

    return {
        "title": template.title,
        "description": template.description,
        "goals": [
            {
                "title": g.title,
                "success_criteria": g.success_criteria,
                "description": g.description,
                "start": offset(g.start),
                "target": offset(g.target),
                "milestones": [{"title": m.title, "due": offset(m.due)} for m in g.milestones],
            }
            for g in template.goals
        ],
    }


def _date(offset: Offset | None, start: date) -> date | None:
    if offset is None:
        return None
    try:
        return offset.resolve(start)
    except (OverflowError, ValueError):  # past year 9999
        raise ValidationError(
            "start",
            f"{start:%d %b %Y} is too far ahead for this template — choose an earlier start.",
        ) from None


def resolve(template: RoadmapTemplate, mentee_id: int, start: date) -> list[GoalProgress]:
    """The template's goals for ``mentee_id`` with every date worked out from ``start``
    (not saved: ids are None). What the preview shows and what applying adds."""
    found = []
    for g in template.goals:
        goal = Goal(
            mentee_id,
            g.title,
            description=g.description,
            start_date=_date(g.start, start),
            target_date=_date(g.target, start),
            success_criteria=g.success_criteria,
        )
        steps = [Milestone(0, m.title, due_date=_date(m.due, start)) for m in g.milestones]
        found.append(GoalProgress(goal, steps))
    return found


def _days_after(day: date | None, start: date) -> Offset | None:
    return None if day is None else Offset((day - start).days, "d")


def from_roadmap(key: str, title: str, goals: list[GoalProgress]) -> RoadmapTemplate:
    """A mentee's roadmap as a template: the plan, not its history — dropped goals and
    milestones are left out, statuses start afresh, and every date becomes days after the
    earliest one (so applying it on that date gives the same roadmap back)."""
    title = title.strip()
    if not title:
        raise ValidationError("title", "Give the template a name, e.g. “Career switch”.")
    if len(title) > _TITLE_LENGTH:
        raise ValidationError("title", f"Keep the name under {_TITLE_LENGTH} characters.")
    kept = [p for p in goals if p.goal.status is not GoalStatus.DROPPED]
    if not kept:
        raise ValidationError("template", "This roadmap has no goals to make a template of.")
    days = [d for p in kept for d in (p.goal.start_date, p.goal.target_date) if d is not None]
    days += [m.due_date for p in kept for m in p.milestones if m.due_date is not None]
    start = min(days, default=date(2000, 1, 1))  # no dates: no offsets either
    return RoadmapTemplate(
        key,
        title,
        "",
        tuple(
            TemplateGoal(
                p.goal.title,
                p.goal.success_criteria,
                p.goal.description,
                _days_after(p.goal.start_date, start),
                _days_after(p.goal.target_date, start),
                tuple(
                    TemplateMilestone(m.title, _days_after(m.due_date, start))
                    for m in p.milestones
                    if m.status is not MilestoneStatus.DROPPED
                ),
            )
            for p in kept
        ),
    )


def describe(offset: Offset | None) -> str:
    """ "+3w" as "3 weeks after the start", for the preview's tooltips."""
    if offset is None:
        return "no date"
    if offset.amount == 0:
        return "on the start date"
    unit = _UNITS[offset.unit]
    return f"{offset.amount} {unit[:-1] if offset.amount == 1 else unit} after the start"
