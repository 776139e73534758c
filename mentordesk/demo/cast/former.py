"""Two mentees who are not active: Rohan (paused) and Jordan (alumni)."""

from __future__ import annotations

from datetime import time

from mentordesk.demo.plan import (
    DONE,
    FROM_MENTEE,
    MENTOR,
    TO_MENTEE,
    TODO,
    ActionSpec,
    FeedbackSpec,
    GoalSpec,
    MeetingSpec,
    MenteeSpec,
    MilestoneSpec,
    NoteSpec,
    ResourceSpec,
    WinSpec,
)
from mentordesk.domain.models import (
    Channel,
    GoalStatus,
    Mentee,
    MenteeStatus,
    ResourceKind,
    WorkingHours,
)

ROHAN = MenteeSpec(
    mentee=Mentee(
        name="Rohan Mehta",
        time_zone="Asia/Kolkata",
        pronouns="he/him",
        organisation="Kitepath (seed-stage startup)",
        role="Co-founder & CTO",
        hours=WorkingHours(time(11, 0), time(20, 0), (1, 2, 3, 4, 5, 6)),
        channels=(Channel("email", "rohan.mehta@example.in"), Channel("phone", "+91 98765 43210")),
        background=(
            "Former SRE at a large e-commerce company; co-founded a travel-planning startup "
            "eighteen months ago. Team of four engineers."
        ),
        interests="Hiring, reliability on a budget, founder well-being.",
        expectations="Help with first engineering hires and with not burning out.",
        cadence_days=21,
        status=MenteeStatus.PAUSED,
        tags=("founder", "hiring"),
    ),
    goals=(
        GoalSpec(
            title="Hire the first senior engineer",
            description="A structured interview loop and a clear offer within the runway.",
            status=GoalStatus.IN_PROGRESS,
            start=-110,
            target=30,
            revisit=40,
            milestones=(
                MilestoneSpec("Write the role scorecard", DONE, -95, -96),
                MilestoneSpec("Design a take-home under three hours", DONE, -80, -78),
                MilestoneSpec("Make an offer", TODO, 30),
            ),
        ),
    ),
    meetings=(
        MeetingSpec("intro", "Introductory session", -112, time(15, 30), 60),
        MeetingSpec("hiring", "Hiring loop review", -85, time(15, 30)),
        MeetingSpec("pause", "Check-in before the pause", -60, time(15, 30)),
    ),
    notes=(
        NoteSpec(
            title="Pausing for the fundraise",
            meeting="pause",
            body=(
                "Rohan is pausing our sessions for two months while they raise their seed "
                "extension. Hiring is on hold until the round closes.\n\n"
                "Agreed he will email when the round is done; no check-in reminders until then."
            ),
            shareable=True,
        ),
    ),
    feedback=(
        FeedbackSpec(
            FROM_MENTEE,
            "The scorecard exercise changed how we hire. Thank you for being flexible about "
            "the pause.",
            -60,
        ),
    ),
    resources=(
        ResourceSpec(
            "An Elegant Puzzle (Will Larson)",
            "https://lethain.com/elegant-puzzle/",
            ResourceKind.BOOK,
            "The hiring chapter.",
            goal=0,
        ),
    ),
)

JORDAN = MenteeSpec(
    mentee=Mentee(
        name="Jordan Ellis",
        time_zone="America/Los_Angeles",
        pronouns="they/them",
        organisation="Brightline Robotics",
        role="Senior Software Engineer",
        hours=WorkingHours(time(9, 0), time(17, 0), (1, 2, 3, 4, 5)),
        channels=(Channel("email", "jordan.ellis@example.com"),),
        background=(
            "Embedded and robotics software; joined the programme as a mid-level engineer "
            "aiming for senior, and was promoted last quarter."
        ),
        interests="Robotics, real-time systems, mentoring new graduates.",
        expectations="Reach senior and learn to mentor others. Both done.",
        cadence_days=28,
        status=MenteeStatus.ALUMNI,
        tags=("alumni", "promotion"),
    ),
    goals=(
        GoalSpec(
            title="Promotion to senior engineer",
            description="Evidence of ownership and of raising the team's bar.",
            status=GoalStatus.DONE,
            start=-330,
            target=-100,
            milestones=(
                MilestoneSpec("Own the motion-planning rewrite", DONE, -200, -190),
                MilestoneSpec("Mentor a new graduate for a quarter", DONE, -140, -135),
                MilestoneSpec("Promotion packet submitted", DONE, -110, -112),
            ),
        ),
    ),
    meetings=(MeetingSpec("wrap", "Wrap-up session", -95, time(9, 0), 60),),
    notes=(
        NoteSpec(
            title="Wrap-up: promoted",
            meeting="wrap",
            body=(
                "Jordan was promoted to senior. We looked back at the year: the rewrite, the "
                "graduate they mentored, and how their design reviews changed from defending "
                "to inviting critique.\n\n"
                "They will mentor two new graduates next quarter. Open door for the future."
            ),
            shareable=True,
            actions=(ActionSpec("Send Jordan the mentoring starter kit", MENTOR, -90, -92),),
        ),
    ),
    feedback=(
        FeedbackSpec(
            TO_MENTEE,
            "Your growth in design reviews was the clearest signal of seniority this year. "
            "Keep inviting critique early.",
            -95,
        ),
        FeedbackSpec(
            FROM_MENTEE,
            "The monthly rhythm and the written goals made a year of growth visible. I'll "
            "miss our calls.",
            -94,
        ),
    ),
    wins=(WinSpec("Promoted to senior software engineer", -100, goal=0),),
)
