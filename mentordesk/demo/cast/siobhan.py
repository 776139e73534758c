"""Siobhan, St. John's: a data analyst moving into data engineering (check-in overdue)."""

from __future__ import annotations

from datetime import time

from mentordesk.demo.plan import (
    DOING,
    DONE,
    FROM_MENTEE,
    MENTEE,
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
    ResourceKind,
    WorkingHours,
)

_LINK = "https://teams.example.com/l/siobhan-sam"
_BERLIN = "Europe/Berlin"

SIOBHAN = MenteeSpec(
    mentee=Mentee(
        name="Siobhan Walsh",
        time_zone="America/St_Johns",
        pronouns="she/her",
        organisation="North Atlantic Fisheries Co-op",
        role="Senior Data Analyst",
        hours=WorkingHours(time(8, 0), time(16, 0), (1, 2, 3, 4, 5)),
        channels=(
            Channel("email", "s.walsh@example.ca"),
            Channel("video", _LINK),
        ),
        background=(
            "Six years of SQL, dashboards and Excel models for a fisheries co-operative. "
            "Built the co-op's first automated catch report in Python after the analyst "
            "before her left. MSc in statistics from Memorial University."
        ),
        interests=(
            "Data pipelines, data quality, open government data, ocean science, rowing in "
            "the Royal St. John's Regatta."
        ),
        expectations=(
            "Wants to move from analysis to data engineering without leaving Newfoundland. "
            "Looking for a plan to learn the tooling (dbt, orchestration, cloud warehouses) "
            "and for help deciding between a remote role and growing the role at the co-op."
        ),
        cadence_days=21,
        tags=("data engineering", "career change", "remote work"),
    ),
    goals=(
        GoalSpec(
            title="Move the catch reports to a tested dbt project",
            description=(
                "Replace the nightly Python script with dbt models, tests and documentation, "
                "so the pipeline is a portfolio piece and easier to hand over."
            ),
            status=GoalStatus.IN_PROGRESS,
            start=-60,
            target=30,
            revisit=-2,
            milestones=(
                MilestoneSpec("Finish the dbt Fundamentals course", DONE, -45, -44),
                MilestoneSpec("Model the three core tables with tests", DONE, -25, -26),
                MilestoneSpec("Schedule the project with an orchestrator", DOING, 5),
                MilestoneSpec("Write the hand-over documentation", TODO, 25),
            ),
        ),
        GoalSpec(
            title="Decide: remote data engineering role or grow the co-op role",
            description="Lay out both options with pay, learning and life trade-offs.",
            status=GoalStatus.NOT_STARTED,
            start=0,
            target=45,
            revisit=10,
            milestones=(
                MilestoneSpec("Talk to two remote data engineers about their week", TODO, 20),
                MilestoneSpec("Ask the co-op director about a data engineering title", TODO, 30),
            ),
        ),
        GoalSpec(
            title="Learn Spark",
            description="Dropped for now: the co-op's data fits in Postgres for years.",
            status=GoalStatus.DROPPED,
            start=-60,
            target=-10,
            milestones=(MilestoneSpec("Work through Spark: The Definitive Guide", TODO, -10),),
        ),
    ),
    meetings=(
        MeetingSpec(
            "intro", "Introductory session", -63, time(15, 0), 60, zone=_BERLIN, location=_LINK
        ),
        MeetingSpec("dbt", "dbt project review", -42, time(15, 0), zone=_BERLIN, location=_LINK),
        MeetingSpec("last", "Check-in", -27, time(15, 0), zone=_BERLIN, location=_LINK),
    ),
    notes=(
        NoteSpec(
            title="Intro: analyst to data engineer",
            meeting="intro",
            body=(
                "Siobhan is already doing data engineering without the title: she owns the "
                "only pipeline the co-op has. She wants the skills to be visible and "
                "transferable.\n\n"
                "Agreed to drop Spark from her list — the co-op's data fits comfortably in "
                "Postgres, and dbt plus an orchestrator is the more useful story."
            ),
            shareable=True,
        ),
        NoteSpec(
            title="dbt models look good",
            meeting="dbt",
            body=(
                "Walked through her models. Good naming and staging layers. Two suggestions:\n\n"
                "- Add `unique` and `not_null` tests on the vessel keys — the old script "
                "silently double-counted a boat in March\n"
                "- Document the sources with the co-op's own terms, not the database's"
            ),
            shareable=True,
            actions=(ActionSpec("Add key tests to the vessel models", MENTEE, -30, -31),),
        ),
        NoteSpec(
            title="Remote or stay?",
            meeting="last",
            body=(
                "She got a recruiter message for a remote role in Toronto. Tempted, but "
                "worried about being the only person on Newfoundland time. We will lay out "
                "the options properly next session.\n\n"
                "*Private:* she is also caring for her father; flexibility matters more than "
                "salary right now."
            ),
            actions=(ActionSpec("Introduce Siobhan to two remote data engineers", MENTOR, due=3),),
        ),
    ),
    feedback=(
        FeedbackSpec(
            TO_MENTEE,
            "Your dbt project is already better documented than most I see at larger "
            "companies. Put it on your CV as the migration you led, with the numbers.",
            -42,
        ),
        FeedbackSpec(
            FROM_MENTEE,
            "It helped that you asked what I actually want rather than what the market "
            "wants. Three weeks between sessions is about right for me.",
            -27,
        ),
    ),
    wins=(WinSpec("dbt models in production with tests passing", -26, goal=0),),
    resources=(
        ResourceSpec(
            "dbt Learn: dbt Fundamentals",
            "https://learn.getdbt.com/courses/dbt-fundamentals",
            ResourceKind.COURSE,
            goal=0,
        ),
        ResourceSpec(
            "Data Engineering Zoomcamp",
            "https://github.com/DataTalksClub/data-engineering-zoomcamp",
            ResourceKind.COURSE,
            "Free; the orchestration module.",
            goal=0,
        ),
        ResourceSpec(
            "The Log: what every software engineer should know about real-time data",
            "https://engineering.linkedin.com/distributed-systems/"
            "log-what-every-software-engineer-should-know-about-real-time-datas-unifying",
            ResourceKind.ARTICLE,
        ),
    ),
)
