"""Mentees, goals and the small records of the large data set, made from word lists."""

from __future__ import annotations

import random
import unicodedata
from datetime import UTC, date, datetime, time, timedelta

import mentordesk.demo.words as words
from mentordesk.demo.large_meetings import Held
from mentordesk.demo.large_text import NoteText
from mentordesk.domain.models import (
    ActionItem,
    Channel,
    Feedback,
    FeedbackDirection,
    Goal,
    GoalStatus,
    Mentee,
    MenteeStatus,
    Milestone,
    MilestoneStatus,
    Note,
    Owner,
    Resource,
    ResourceKind,
    Win,
    WorkingHours,
)

_STATUSES = (MenteeStatus.ACTIVE,) * 17 + (MenteeStatus.PAUSED,) * 2 + (MenteeStatus.ALUMNI,)
_GOAL_STATUSES = (
    (GoalStatus.IN_PROGRESS,) * 8 + (GoalStatus.NOT_STARTED,) * 3 + (GoalStatus.AT_RISK,) * 2
    + (GoalStatus.DONE,) * 6 + (GoalStatus.DROPPED,)
)  # fmt: skip
_HISTORY_DAYS = 1000


def _ascii(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in plain.lower() if c.isalnum())


def _names(rng: random.Random, count: int) -> list[tuple[str, str]]:
    pairs = [(f, s) for f in words.FIRST_NAMES for s in words.LAST_NAMES]
    rng.shuffle(pairs)
    return [pairs[i % len(pairs)] for i in range(count)]


def make_mentees(rng: random.Random, count: int, now: datetime) -> list[Mentee]:
    result: list[Mentee] = []
    for i, (first, last) in enumerate(_names(rng, count)):
        # Past the name list's size, a number keeps every name findable.
        name = f"{first} {last}" + (f" {i // 3600 + 1}" if i >= 3600 else "")
        email = f"{_ascii(first)}.{_ascii(last)}{i}@example.com"
        begin = rng.choice((8, 9, 9, 10))
        skill, other = rng.sample(words.SKILLS, 2)
        created = now - timedelta(days=rng.randint(30, _HISTORY_DAYS), minutes=rng.randint(0, 900))
        result.append(
            Mentee(
                name=name,
                time_zone=rng.choice(words.ZONES),
                pronouns=rng.choice(("she/her", "he/him", "they/them", "")),
                organisation=rng.choice(words.ORGANISATIONS),
                role=rng.choice(words.ROLES),
                hours=WorkingHours(time(begin), time(begin + rng.choice((8, 9))), (1, 2, 3, 4, 5)),
                channels=(Channel("email", email),
                          Channel("video", f"https://meet.example.com/m{i}")),
                background=f"{rng.choice(words.ROLES)} for {rng.randint(1, 12)} years; strong "
                f"in {skill}.",
                interests=f"{skill.capitalize()}, {other}.",
                expectations=f"Wants to get better at {other} and to {rng.choice(words.VERBS)} "
                f"a {rng.choice(words.ARTIFACTS)} with confidence.",
                cadence_days=rng.choice((7, 14, 14, 21, 28)),
                status=rng.choice(_STATUSES),
                tags=tuple(rng.sample(words.TAGS, rng.randint(1, 3))),
                created_at=created,
                updated_at=created,
            )
        )  # fmt: skip
    return result


def make_goals(rng: random.Random, mentee_ids: list[int], count: int, today: date) -> list[Goal]:
    positions: dict[int, int] = {}
    result: list[Goal] = []
    for _ in range(count):
        mentee_id = rng.choice(mentee_ids)
        position = positions.get(mentee_id, 0)
        positions[mentee_id] = position + 1
        status = rng.choice(_GOAL_STATUSES)
        start = today + timedelta(days=rng.randint(-900, 30))
        open_ = status not in (GoalStatus.DONE, GoalStatus.DROPPED)
        result.append(
            Goal(mentee_id, rng.choice(words.GOALS),
                 f"Focus on {rng.choice(words.SKILLS)}; agreed in a check-in.", status, start,
                 start + timedelta(days=rng.randint(30, 300)),
                 today + timedelta(days=rng.randint(-10, 60)) if open_ else None, position)
        )  # fmt: skip
    return result


def make_milestones(
    rng: random.Random, goals: list[Goal], goal_ids: list[int], count: int
) -> list[Milestone]:
    per_goal = [count // len(goals)] * len(goals)
    for i in rng.sample(range(len(goals)), count % len(goals)):
        per_goal[i] += 1
    result: list[Milestone] = []
    for goal, goal_id, n in zip(goals, goal_ids, per_goal, strict=True):
        start, target = goal.start_date or date.today(), goal.target_date or date.today()
        done = n if goal.status is GoalStatus.DONE else rng.randint(0, n)
        if goal.status is GoalStatus.NOT_STARTED:
            done = 0
        titles = rng.sample(words.MILESTONES, len(words.MILESTONES))
        for k in range(n):
            title = titles[k % len(titles)]
            due = start + (target - start) * (k + 1) / n
            status = MilestoneStatus.DONE if k < done else MilestoneStatus.TODO
            if k == done and goal.status is GoalStatus.IN_PROGRESS:
                status = MilestoneStatus.IN_PROGRESS
            done_on = due + timedelta(days=rng.randint(-5, 5)) if k < done else None
            result.append(Milestone(goal_id, title, status, due, done_on, k))
    return result


def make_notes(
    rng: random.Random, text: NoteText, mentee_ids: list[int], held: list[Held], count: int,
    now: datetime,
) -> list[Note]:  # fmt: skip
    result: list[Note] = []
    for title, body in text.many(count):
        if held and rng.random() < 0.5:
            after = rng.choice(held)
            mentee_id, meeting_id, written = after.mentee_id, after.meeting_id, after.ended
        else:
            mentee_id, meeting_id = rng.choice(mentee_ids), None
            written = now - timedelta(minutes=rng.randint(30, _HISTORY_DAYS * 24 * 60))
        result.append(Note(mentee_id, body, title, rng.random() < 0.4, meeting_id,
                           created_at=written, updated_at=written))  # fmt: skip
    return result


def make_actions(
    rng: random.Random, notes: list[Note], note_ids: list[int], count: int, now: datetime
) -> list[ActionItem]:
    result: list[ActionItem] = []
    for _ in range(count):
        i = rng.randrange(len(notes))
        created = notes[i].created_at or now
        due = created.date() + timedelta(days=rng.randint(3, 21)) if rng.random() < 0.7 else None
        finished = created + timedelta(days=rng.randint(1, 20), hours=rng.randint(0, 8))
        done = finished if finished < now and rng.random() < 0.8 else None
        owner = Owner.MENTEE if rng.random() < 0.6 else Owner.MENTOR
        result.append(ActionItem(notes[i].mentee_id, rng.choice(words.ACTIONS), owner, due,
                                 done, note_ids[i], created_at=created))  # fmt: skip
    return result


def make_feedback(
    rng: random.Random, mentee_ids: list[int], count: int, today: date
) -> list[Feedback]:
    result: list[Feedback] = []
    for _ in range(count):
        to_mentee = rng.random() < 0.55
        direction = FeedbackDirection.TO_MENTEE if to_mentee else FeedbackDirection.FROM_MENTEE
        body = rng.choice(words.FEEDBACK_TO if to_mentee else words.FEEDBACK_FROM)
        when = today - timedelta(days=rng.randint(0, _HISTORY_DAYS))
        result.append(Feedback(rng.choice(mentee_ids), direction, body, when))
    return result


def make_wins(
    rng: random.Random, goals: list[Goal], goal_ids: list[int], count: int, today: date
) -> list[Win]:
    result: list[Win] = []
    for _ in range(count):
        i = rng.randrange(len(goals))
        when = today - timedelta(days=rng.randint(0, _HISTORY_DAYS))
        title = f"{rng.choice(words.WINS)} — {goals[i].title.lower()}"
        result.append(Win(goals[i].mentee_id, title, when, goal_ids[i]))
    return result


def make_resources(rng: random.Random, mentee_ids: list[int], count: int) -> list[Resource]:
    result: list[Resource] = []
    for _ in range(count):
        title, url, kind = rng.choice(words.RESOURCES)
        note = f"For {rng.choice(words.SKILLS)}." if rng.random() < 0.5 else ""
        result.append(Resource(title, url, ResourceKind(kind), rng.choice(mentee_ids), None, note))
    return result


def utc_now(now: datetime | None) -> datetime:
    return (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
