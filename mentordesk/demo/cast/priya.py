"""Priya, Bengaluru: backend engineer preparing for senior interviews (system design)."""

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

PRIYA = MenteeSpec(
    mentee=Mentee(
        name="Priya Raman",
        time_zone="Asia/Kolkata",
        pronouns="she/her",
        organisation="Ledgerline Payments",
        role="Backend Engineer II",
        hours=WorkingHours(time(10, 0), time(19, 0), (1, 2, 3, 4, 5)),
        channels=(
            Channel("email", "priya.raman@example.in"),
            Channel("video", "https://meet.example.com/priya-sam"),
            Channel("chat", "@priya.r on the Rust India Slack"),
        ),
        background=(
            "Four years at Ledgerline, mostly on the settlement service (Kotlin, Postgres, "
            "Kafka). Before that a two-year stint at a Bengaluru agency building Django apps. "
            "Computer science degree from PES University. Quietly carries the on-call "
            "rotation for her team and is the person others ask about Kafka consumer lag."
        ),
        interests=(
            "Distributed systems, payments reconciliation, Rust on the side, Carnatic music. "
            "Reads engineering blogs on the commute and wants to write one of her own."
        ),
        expectations=(
            "Wants a sparring partner for system design interviews and honest feedback on "
            "whether she is 'senior enough'. Hopes to move to a senior role within nine "
            "months, ideally at a company with a stronger platform culture. Prefers direct "
            "feedback and written follow-ups after each session."
        ),
        cadence_days=14,
        tags=("interviews", "system design", "backend"),
    ),
    goals=(
        GoalSpec(
            title="Pass senior-level system design interviews",
            description=(
                "Be able to drive a 45-minute design interview: clarify requirements, size "
                "the problem, propose a design, and discuss trade-offs without prompting."
            ),
            status=GoalStatus.IN_PROGRESS,
            start=-70,
            target=80,
            revisit=9,
            milestones=(
                MilestoneSpec("Work through the core chapters of DDIA", DONE, -40, -43),
                MilestoneSpec("Three timed mock interviews with written feedback", DOING, 20),
                MilestoneSpec("Build a personal checklist for capacity estimates", DONE, -20, -18),
                MilestoneSpec("Mock interview with an outside engineer", TODO, 45),
                MilestoneSpec("Apply to three shortlisted companies", TODO, 70),
            ),
        ),
        GoalSpec(
            title="Lead the settlement service's move to event sourcing",
            description=(
                "Own the design doc and the rollout plan, so the promotion case has a "
                "project she led end to end rather than contributed to."
            ),
            status=GoalStatus.AT_RISK,
            start=-55,
            target=60,
            revisit=5,
            milestones=(
                MilestoneSpec("Draft the design doc", DONE, -30, -27),
                MilestoneSpec("Get sign-off from the payments architecture review", DOING, 6),
                MilestoneSpec("Shadow-write events in production for two weeks", TODO, 35),
            ),
        ),
        GoalSpec(
            title="Publish two engineering blog posts",
            description="Write up the Kafka consumer-lag investigation and one lighter post.",
            status=GoalStatus.NOT_STARTED,
            start=10,
            target=100,
            revisit=30,
            milestones=(
                MilestoneSpec("Outline the consumer-lag post", TODO, 25),
                MilestoneSpec("Get a review from the company's tech blog editor", TODO, 50),
            ),
        ),
    ),
    meetings=(
        MeetingSpec(
            key="intro",
            title="Introductory session",
            days=-72,
            at=time(14, 30),
            minutes=60,
            location="https://meet.example.com/priya-sam",
        ),
        MeetingSpec(
            key="series",
            title="Fortnightly check-in",
            days=-60,
            at=time(14, 30),
            rrule="FREQ=WEEKLY;INTERVAL=2;BYDAY=TU",
            location="https://meet.example.com/priya-sam",
            missed=(3,),
        ),
        MeetingSpec(
            key="mock",
            title="Mock interview: design a payment ledger",
            days=3,
            at=time(11, 0),
            minutes=60,
            zone="Europe/Berlin",
            location="https://meet.example.com/priya-sam",
        ),
    ),
    notes=(
        NoteSpec(
            title="Intro: where Priya wants to be in a year",
            meeting="intro",
            body=(
                "## Background\n"
                "Four years on settlements at Ledgerline. Knows Kafka and Postgres deeply, "
                "less confident about anything customer-facing.\n\n"
                "## What she wants\n"
                "- A senior role within ~9 months, ideally on a platform team\n"
                "- Practice for system design rounds: she froze on 'design a URL shortener' "
                "in a screen last spring\n"
                "- Honest read on whether her current scope is senior\n\n"
                "## Agreed\n"
                "Fortnightly calls, Tuesdays her afternoon. Written recap after each call."
            ),
            shareable=True,
        ),
        NoteSpec(
            title="Capacity estimates are the weak spot",
            meeting="series",
            occurrence=2,
            body=(
                "Ran a short whiteboard on a notification service. The component design was "
                "solid; the numbers were not. She guessed storage without writing down QPS or "
                "message size first.\n\n"
                "**Suggestion:** keep a one-page cheat sheet (powers of two, latency numbers, "
                "rough per-node throughput) and always size before drawing boxes.\n\n"
                "She mentioned her manager hinted the event-sourcing project could be hers."
            ),
            shareable=True,
            actions=(
                ActionSpec("Write a one-page estimates cheat sheet", MENTEE, due=-22, done=-18),
                ActionSpec("Send Priya the 'latency numbers' article", MENTOR, due=-25, done=-25),
            ),
        ),
        NoteSpec(
            title="Design doc review and the architecture board",
            meeting="series",
            occurrence=1,
            body=(
                "Read her event-sourcing design doc before the call. Strong problem statement, "
                "but the rollback plan is one sentence. The architecture review is in a week "
                "and the board always asks 'how do we get out of this?'.\n\n"
                "- Add a section on dual writes and how to stop them safely\n"
                "- Name an owner for the replay tooling\n"
                "- Pre-wire the two most sceptical reviewers 1:1 before the meeting\n\n"
                "She is worried about the timeline slipping because a teammate moved teams. "
                "Marked the goal at risk together; better to say so now than after the review."
            ),
            actions=(
                ActionSpec("Add a rollback section to the design doc", MENTEE, due=4),
                ActionSpec("Book 1:1s with two architecture reviewers", MENTEE, due=2),
                ActionSpec("Ask an ex-colleague to run an outside mock interview", MENTOR, due=10),
            ),
        ),
        NoteSpec(
            title="Private: promotion conversation",
            meeting="series",
            occurrence=1,
            body=(
                "She shared that her manager said promotion is 'not this cycle' without "
                "reasons. Encouraged her to ask for the gap in writing. Not for the summary."
            ),
            shareable=False,
        ),
    ),
    feedback=(
        FeedbackSpec(
            TO_MENTEE,
            "Your trade-off discussion on the ledger design was excellent: you named the "
            "consistency cost before I asked. Next time, size the problem first — two "
            "minutes of numbers would have saved the detour.",
            -15,
        ),
        FeedbackSpec(
            FROM_MENTEE,
            "The written recaps are the most useful part. I'd like more time on mock "
            "interviews and less on reading lists.",
            -14,
        ),
    ),
    wins=(
        WinSpec("Design doc for event sourcing shared with the whole org", -27, goal=1),
        WinSpec("Finished a mock interview with time to spare for deep dives", -15, goal=0),
    ),
    resources=(
        ResourceSpec(
            "Designing Data-Intensive Applications (Kleppmann)",
            "https://dataintensive.net/",
            ResourceKind.BOOK,
            "Chapters 5, 7 and 11 first.",
            goal=0,
        ),
        ResourceSpec(
            "Latency numbers every programmer should know",
            "https://gist.github.com/jboner/2841832",
            ResourceKind.ARTICLE,
            "For the estimates cheat sheet.",
            goal=0,
        ),
        ResourceSpec(
            "Martin Fowler: Event Sourcing",
            "https://martinfowler.com/eaaDev/EventSourcing.html",
            ResourceKind.ARTICLE,
            goal=1,
        ),
    ),
)
