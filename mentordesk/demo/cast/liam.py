"""Liam, Adelaide: a senior engineer working towards staff (influence, writing)."""

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

_LINK = "https://meet.example.com/liam-sam"

LIAM = MenteeSpec(
    mentee=Mentee(
        name="Liam Nguyen",
        time_zone="Australia/Adelaide",
        pronouns="he/him",
        organisation="Southgate Freight",
        role="Senior Software Engineer, Platform",
        hours=WorkingHours(time(8, 0), time(18, 0), (1, 2, 3, 4, 5)),
        channels=(
            Channel("email", "liam.nguyen@example.com.au"),
            Channel("video", _LINK),
            Channel("chat", "@liamn on Mastodon"),
        ),
        background=(
            "Ten years in logistics software; senior engineer on the platform team for the "
            "last three. Led the Kubernetes migration that cut deploy times from an hour to "
            "eight minutes. Known as the person who fixes things at 2 a.m., which he would "
            "like to stop being known for."
        ),
        interests=(
            "Developer experience, build systems, writing, cycling the Adelaide Hills, "
            "restoring an old Vespa."
        ),
        expectations=(
            "Wants to reach staff engineer within eighteen months. Knows he needs more "
            "influence across teams and better written communication; wants a mentor who has "
            "been through a staff promotion and will push back on him."
        ),
        cadence_days=28,
        tags=("staff engineer", "writing", "influence"),
    ),
    goals=(
        GoalSpec(
            title="Write and land a cross-team technical strategy",
            description=(
                "A written build-and-deploy strategy for the next two years, reviewed by the "
                "four product teams and adopted by engineering leadership."
            ),
            status=GoalStatus.IN_PROGRESS,
            start=-120,
            target=90,
            revisit=20,
            milestones=(
                MilestoneSpec("Interview each team about deploy pain", DONE, -90, -85),
                MilestoneSpec("First draft of the strategy doc", DONE, -50, -47),
                MilestoneSpec("Review round with the four tech leads", DOING, 15),
                MilestoneSpec("Present to engineering leadership", TODO, 60),
            ),
        ),
        GoalSpec(
            title="Hand over incident response so he is not the hero",
            description="A rota and runbooks so incidents no longer need Liam specifically.",
            status=GoalStatus.DONE,
            start=-150,
            target=-40,
            milestones=(
                MilestoneSpec("Write runbooks for the top five alerts", DONE, -110, -112),
                MilestoneSpec("Pair on-call with two engineers", DONE, -80, -75),
                MilestoneSpec("A full month without being paged", DONE, -40, -42),
            ),
        ),
        GoalSpec(
            title="Build a staff promotion case",
            description="A brag document and sponsor, with evidence of scope beyond his team.",
            status=GoalStatus.IN_PROGRESS,
            start=-100,
            target=300,
            revisit=25,
            milestones=(
                MilestoneSpec("Start a brag document", DONE, -95, -96),
                MilestoneSpec("Ask his director to name a sponsor", DOING, 30),
                MilestoneSpec("Mentor two engineers outside his team", TODO, 150),
            ),
        ),
    ),
    meetings=(
        MeetingSpec(
            key="intro",
            title="Introductory session",
            days=-155,
            at=time(8, 0),
            minutes=60,
            zone="Europe/Berlin",
            location=_LINK,
        ),
        MeetingSpec(
            key="series",
            title="Monthly staff-track session",
            days=-150,
            at=time(8, 0),
            minutes=50,
            rrule="FREQ=MONTHLY;BYDAY=1TU",
            zone="Europe/Berlin",
            location=_LINK,
            missed=(4,),
        ),
        MeetingSpec(
            key="writing",
            title="Writing workshop: the strategy doc",
            days=-48,
            at=time(16, 0),
            minutes=90,
            location=_LINK,
        ),
    ),
    notes=(
        NoteSpec(
            title="Intro: the 2 a.m. fixer",
            meeting="intro",
            body=(
                "Liam is the go-to person for incidents and resents it a little. Staff is the "
                "goal, but first he needs to stop being indispensable in the wrong way.\n\n"
                "Expectations: push back on him; he says he responds well to being challenged."
            ),
            shareable=True,
        ),
        NoteSpec(
            title="Strategy doc: too much how, not enough why",
            meeting="writing",
            body=(
                "The draft is twelve pages of proposed tooling. The teams he interviewed "
                "will not see their problems in it. Restructured:\n\n"
                "1. What we heard (quotes from each team)\n"
                "2. The three problems worth solving\n"
                "3. Principles\n"
                "4. Only then: the proposal, with what it costs each team\n\n"
                "A strategy is a decision about what *not* to do — add a section for that."
            ),
            shareable=True,
            actions=(ActionSpec("Add a 'what we will not do' section", MENTEE, -35, -36),),
        ),
        NoteSpec(
            title="Review round and finding a sponsor",
            meeting="series",
            occurrence=1,
            body=(
                "Two of four tech leads have commented; the payments lead has not opened it. "
                "Suggested a 20-minute walkthrough instead of waiting.\n\n"
                "On sponsorship: his director is supportive but vague. Practised the ask: "
                "*'Who at the staff level would you put forward to speak for my work?'*"
            ),
            shareable=False,
            actions=(
                ActionSpec("Book a walkthrough with the payments tech lead", MENTEE, due=7),
                ActionSpec("Send Liam two examples of strategy documents", MENTOR, due=-4, done=-4),
            ),
        ),
    ),
    feedback=(
        FeedbackSpec(
            TO_MENTEE,
            "The restructured strategy doc is persuasive: the quotes from each team make the "
            "problems undeniable. Your summary still runs long — aim for five sentences.",
            -30,
        ),
        FeedbackSpec(
            FROM_MENTEE,
            "Monthly works. The 8 a.m. Berlin slot is 3:30 p.m. for me in our winter but 5:30 "
            "p.m. in our summer, when both clocks have changed — fine, just flagging it.",
            -60,
        ),
    ),
    wins=(
        WinSpec("A full month of incidents handled without him", -42, goal=1),
        WinSpec("Two tech leads endorsed the strategy doc", -10, goal=0),
    ),
    resources=(
        ResourceSpec(
            "The Staff Engineer's Path (Tanya Reilly)",
            "https://www.oreilly.com/library/view/the-staff-engineers/9781098118723/",
            ResourceKind.BOOK,
            goal=2,
        ),
        ResourceSpec(
            "StaffEng: Staff archetypes",
            "https://staffeng.com/guides/staff-archetypes/",
            ResourceKind.ARTICLE,
            goal=2,
        ),
        ResourceSpec(
            "Julia Evans: Get your work recognized — write a brag document",
            "https://jvns.ca/blog/brag-documents/",
            ResourceKind.ARTICLE,
            goal=2,
        ),
        ResourceSpec(
            "Will Larson: Writing an engineering strategy",
            "https://lethain.com/eng-strategies/",
            ResourceKind.ARTICLE,
            goal=0,
        ),
    ),
)
