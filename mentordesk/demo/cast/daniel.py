"""Daniel, London: a first-time engineering manager learning to lead his old team."""

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

DANIEL = MenteeSpec(
    mentee=Mentee(
        name="Daniel Okafor",
        time_zone="Europe/London",
        pronouns="he/him",
        organisation="Hearthwise Energy",
        role="Engineering Manager, Customer Platform",
        hours=WorkingHours(time(8, 30), time(17, 30), (1, 2, 3, 4, 5)),
        channels=(
            Channel("email", "daniel.okafor@example.co.uk"),
            Channel("video", "https://zoom.example.com/j/4408123"),
            Channel("phone", "+44 7700 900412"),
        ),
        background=(
            "Seven years as a backend engineer, the last three as tech lead of the team he now "
            "manages. Promoted to engineering manager four months ago after his manager left. "
            "Six direct reports, two of whom were his peers, one in Lisbon."
        ),
        interests=(
            "Team health, sustainable on-call, coaching. Runs a five-a-side football team and "
            "says it taught him more about feedback than any course."
        ),
        expectations=(
            "Wants help letting go of the keyboard, running useful one-to-ones and having "
            "hard conversations without damaging friendships. Asked for frameworks he can "
            "try the next day, not theory."
        ),
        cadence_days=14,
        tags=("management", "leading a team", "feedback"),
    ),
    goals=(
        GoalSpec(
            title="Run one-to-ones that the team finds useful",
            description=(
                "Move one-to-ones from status updates to growth and blockers; measure with a "
                "two-question pulse survey after six weeks."
            ),
            status=GoalStatus.IN_PROGRESS,
            start=-84,
            target=20,
            revisit=6,
            milestones=(
                MilestoneSpec("Shared one-to-one doc per report", DONE, -70, -68),
                MilestoneSpec("Ask each report what they want from one-to-ones", DONE, -60, -57),
                MilestoneSpec("Run the pulse survey", DOING, 7),
                MilestoneSpec("Review results with Sam and adjust", TODO, 20),
            ),
        ),
        GoalSpec(
            title="Stop being the team's bottleneck on code review",
            description="Spend under four hours a week coding; delegate review ownership.",
            status=GoalStatus.IN_PROGRESS,
            start=-56,
            target=35,
            revisit=12,
            milestones=(
                MilestoneSpec("Track where the week goes for two weeks", DONE, -42, -41),
                MilestoneSpec("Name review owners for each service", DONE, -28, -30),
                MilestoneSpec("Remove himself as required reviewer", DOING, 10),
            ),
        ),
        GoalSpec(
            title="Have the overdue performance conversation with Marcus",
            description=(
                "A kind, specific conversation about missed commitments, with a written "
                "follow-up and a 30-day check."
            ),
            status=GoalStatus.DONE,
            start=-40,
            target=-10,
            milestones=(
                MilestoneSpec("Write down three concrete examples", DONE, -30, -31),
                MilestoneSpec("Rehearse the opening with Sam", DONE, -26, -26),
                MilestoneSpec("Hold the conversation and send the follow-up", DONE, -20, -19),
            ),
        ),
    ),
    meetings=(
        MeetingSpec(
            key="intro",
            title="Introductory session",
            days=-86,
            at=time(16, 0),
            minutes=60,
            location="https://zoom.example.com/j/4408123",
        ),
        MeetingSpec(
            key="series",
            title="Fortnightly management check-in",
            days=-84,
            at=time(16, 0),
            rrule="FREQ=WEEKLY;INTERVAL=2;BYDAY=TH",
            location="https://zoom.example.com/j/4408123",
        ),
        MeetingSpec(
            key="rehearsal",
            title="Rehearse the conversation with Marcus",
            days=-26,
            at=time(12, 30),
            minutes=30,
            location="Phone",
        ),
    ),
    notes=(
        NoteSpec(
            title="Intro: new manager, old team",
            meeting="intro",
            body=(
                "Daniel was promoted after his manager left; two of his reports were his peers "
                "a few months ago. He still takes the hardest tickets 'because it is faster'.\n\n"
                "## Expectations\n"
                "- Practical tools he can try the next day\n"
                "- Someone outside the company to think out loud with\n\n"
                "## First experiments\n"
                "1. Keep a time log for two weeks\n"
                "2. Ask each report what they want from one-to-ones"
            ),
            shareable=True,
        ),
        NoteSpec(
            title="Preparing for the conversation with Marcus",
            meeting="rehearsal",
            body=(
                "Rehearsed the opening twice. First attempt buried the point under three "
                "minutes of praise. Second attempt: *'I want to talk about the last three "
                "sprint commitments; here is what I saw, I would like to hear your side.'* "
                "Much better.\n\n"
                "Reminded him the goal is a shared plan, not a verdict."
            ),
            shareable=False,
        ),
        NoteSpec(
            title="The conversation went well; now delegation",
            meeting="series",
            occurrence=2,
            body=(
                "Marcus took it better than expected and proposed his own plan. Daniel sent "
                "the written follow-up the same day.\n\n"
                "Turned to code review: he is on every pull request as required reviewer. The "
                "time log shows ~11 hours a week reviewing. We mapped services to owners."
            ),
            shareable=True,
            actions=(
                ActionSpec("Announce review owners in the team channel", MENTEE, -12, -11),
                ActionSpec("Share Lara Hogan's one-to-one questions", MENTOR, -13, -13),
            ),
        ),
        NoteSpec(
            title="Pulse survey design",
            meeting="series",
            occurrence=1,
            body=(
                "Drafted the two questions together:\n\n"
                "1. *How useful were our one-to-ones in the last month?* (1–5)\n"
                "2. *What should we do more or less of?*\n\n"
                "He worries people will be polite. Suggested making it anonymous and sharing "
                "the raw results with the team, including the bad ones."
            ),
            shareable=True,
            actions=(ActionSpec("Send the anonymous pulse survey", MENTEE, due=5),),
        ),
    ),
    feedback=(
        FeedbackSpec(
            TO_MENTEE,
            "You handled the conversation with Marcus with real care: specific examples, "
            "then listening. Keep that order. Watch the habit of offering solutions before "
            "he has finished describing the problem.",
            -18,
        ),
        FeedbackSpec(
            FROM_MENTEE,
            "The rehearsal call was exactly what I needed. Could we keep 10 minutes at the "
            "end of each session for whatever came up that week?",
            -17,
        ),
    ),
    wins=(
        WinSpec("Held the performance conversation and agreed a plan", -19, goal=2),
        WinSpec("Went a full week without being the blocking reviewer", -5, goal=1),
    ),
    resources=(
        ResourceSpec(
            "The Manager's Path (Camille Fournier)",
            "https://www.oreilly.com/library/view/the-managers-path/9781491973882/",
            ResourceKind.BOOK,
            "Chapter 4 on managing people.",
        ),
        ResourceSpec(
            "Lara Hogan: Questions for our first 1:1",
            "https://larahogan.me/blog/first-one-on-one-questions/",
            ResourceKind.ARTICLE,
            goal=0,
        ),
        ResourceSpec(
            "Radical Candor podcast",
            "https://www.radicalcandor.com/podcast/",
            ResourceKind.PODCAST,
            "The episodes on giving feedback to former peers.",
            goal=2,
        ),
    ),
)
