"""Aarav, Kathmandu: a junior developer preparing his first conference talk."""

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

_LINK = "https://meet.example.com/aarav-sam"

AARAV = MenteeSpec(
    mentee=Mentee(
        name="Aarav Shrestha",
        time_zone="Asia/Kathmandu",
        pronouns="he/him",
        organisation="Himal Labs (remote)",
        role="Software Engineer",
        hours=WorkingHours(time(10, 0), time(18, 0), (7, 1, 2, 3, 4)),
        channels=(
            Channel("email", "aarav.shrestha@example.com.np"),
            Channel("video", _LINK),
            Channel("chat", "@aarav on the PyCon Nepal Discord"),
        ),
        background=(
            "Eighteen months into his first job at a remote-first startup building logistics "
            "software in Python and Go. Maintains a small open-source library for parsing "
            "Nepali dates that a few hundred projects depend on."
        ),
        interests=(
            "Open source, Python packaging, calendars and time zones (fittingly, he lives at "
            "UTC+05:45), trekking, photography."
        ),
        expectations=(
            "His talk on the Nepali calendar library was accepted at a regional Python "
            "conference and he is terrified. Wants help structuring the talk and practising "
            "delivery, and later advice on growing as an open-source maintainer."
        ),
        cadence_days=7,
        tags=("public speaking", "open source", "early career"),
    ),
    goals=(
        GoalSpec(
            title="Deliver a confident 25-minute conference talk",
            description=(
                "'Why calendars are hard: lessons from parsing Bikram Sambat dates' — a clear "
                "story, a live demo that cannot fail, and time for questions."
            ),
            status=GoalStatus.IN_PROGRESS,
            start=-28,
            target=40,
            revisit=2,
            milestones=(
                MilestoneSpec("One-sentence thesis and outline", DONE, -21, -21),
                MilestoneSpec("First full draft of the slides", DONE, -10, -9),
                MilestoneSpec("Three timed run-throughs with feedback", DOING, 14),
                MilestoneSpec("Record the demo as a fallback video", TODO, 25),
                MilestoneSpec("Give the talk", TODO, 40),
            ),
        ),
        GoalSpec(
            title="Grow the library's contributor base",
            description="Get two regular contributors so he is not the only maintainer.",
            status=GoalStatus.NOT_STARTED,
            start=30,
            target=150,
            revisit=45,
            milestones=(
                MilestoneSpec("Write CONTRIBUTING.md and label good first issues", TODO, 50),
                MilestoneSpec("Run a contributor sprint at the conference", TODO, 40),
            ),
        ),
    ),
    meetings=(
        MeetingSpec(
            key="intro",
            title="Introductory session",
            days=-30,
            at=time(13, 45),
            minutes=60,
            location=_LINK,
        ),
        MeetingSpec(
            key="series",
            title="Talk prep (weekly until the conference)",
            days=-24,
            at=time(13, 45),
            minutes=40,
            rrule="FREQ=WEEKLY;BYDAY=WE;COUNT=8",
            location=_LINK,
        ),
    ),
    notes=(
        NoteSpec(
            title="Intro: the talk got accepted",
            meeting="intro",
            body=(
                "Aarav's talk was accepted last week. He has never spoken to more than ten "
                "people. The library is genuinely interesting: the Bikram Sambat calendar has "
                "month lengths that are published, not computed.\n\n"
                "Agreed weekly sessions until the conference, then back to monthly."
            ),
            shareable=True,
        ),
        NoteSpec(
            title="Finding the story",
            meeting="series",
            occurrence=2,
            body=(
                "His outline was a tour of the API. Asked: *what should people remember a "
                "week later?* Answer: 'never compute a calendar you can look up'. That is the "
                "talk.\n\n"
                "- Open with the bug report that started it all\n"
                "- Three surprises, one demo, one lesson\n"
                "- Cut the packaging section; it is a different talk"
            ),
            shareable=True,
        ),
        NoteSpec(
            title="First run-through",
            meeting="series",
            occurrence=1,
            body=(
                "Timed at 34 minutes for a 25-minute slot. He rushes the slides he is nervous "
                "about and lingers on code. Pacing exercise: one idea per slide, pause after "
                "each surprise. The live demo depends on conference Wi-Fi — record a fallback."
            ),
            shareable=True,
            actions=(
                ActionSpec("Cut the talk to 25 minutes and re-time it", MENTEE, due=6),
                ActionSpec("Find a local meetup for a practice run", MENTOR, due=9),
            ),
        ),
    ),
    actions=(ActionSpec("Read speaking.io's section on nerves", MENTEE, -14, -12, created=-21),),
    feedback=(
        FeedbackSpec(
            TO_MENTEE,
            "The opening story about the bug report is gripping — you sounded like yourself. "
            "Slow down on the three slides where you apologise for the code; they are fine.",
            -3,
        ),
        FeedbackSpec(
            FROM_MENTEE,
            "Weekly sessions are keeping me honest. I'd love one session where you play a "
            "difficult audience member during Q&A.",
            -3,
        ),
    ),
    wins=(
        WinSpec("Talk accepted at the regional Python conference", -32, goal=0),
        WinSpec("Complete slide draft finished a day early", -9, goal=0),
    ),
    resources=(
        ResourceSpec(
            "speaking.io — thoughts on public speaking (Zach Holman)",
            "https://speaking.io/",
            ResourceKind.ARTICLE,
            goal=0,
        ),
        ResourceSpec(
            "How to Speak — Patrick Winston (MIT OpenCourseWare)",
            "https://www.youtube.com/watch?v=Unzc731iCUY",
            ResourceKind.VIDEO,
            "The part on how to start a talk.",
            goal=0,
        ),
        ResourceSpec(
            "Open Source Guides: Building welcoming communities",
            "https://opensource.guide/building-community/",
            ResourceKind.ARTICLE,
            goal=1,
        ),
    ),
)
