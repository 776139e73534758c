"""Maya, Los Angeles: a frontend developer switching to product design (overdue check-in)."""

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

_LINK = "https://meet.example.com/maya-sam"

MAYA = MenteeSpec(
    mentee=Mentee(
        name="Maya Chen",
        time_zone="America/Los_Angeles",
        pronouns="she/they",
        organisation="Tidepool Health",
        role="Frontend Engineer",
        hours=WorkingHours(time(8, 0), time(16, 30), (1, 2, 3, 4, 5)),
        channels=(
            Channel("email", "maya@mayachen.example"),
            Channel("video", _LINK),
            Channel("chat", "maya.chen on Discord (ADPList server)"),
        ),
        background=(
            "Five years of React and TypeScript, three at Tidepool building the patient "
            "scheduling app. Self-taught in Figma; redesigned the clinic onboarding flow on "
            "her own time and the product team shipped most of it. Art school dropout, "
            "which she mentions a little too apologetically."
        ),
        interests=(
            "Interaction design, accessibility, design systems, ceramics. Follows the "
            "Config talks every year and sketches UI ideas in a paper notebook."
        ),
        expectations=(
            "Wants to move into a product design role within a year, ideally at Tidepool. "
            "Needs help building a portfolio that shows process, not just polished screens, "
            "and practising design critiques."
        ),
        cadence_days=14,
        tags=("career change", "product design", "portfolio"),
    ),
    goals=(
        GoalSpec(
            title="Build a product design portfolio with three case studies",
            description=(
                "Each case study shows the problem, research, options considered, the "
                "decision and the outcome — with honest notes on what she would change."
            ),
            status=GoalStatus.IN_PROGRESS,
            start=-75,
            target=45,
            revisit=3,
            milestones=(
                MilestoneSpec("Case study 1: clinic onboarding redesign", DONE, -35, -33),
                MilestoneSpec("Case study 2: appointment reminders", DOING, 8),
                MilestoneSpec("Case study 3: an accessibility audit", TODO, 30),
                MilestoneSpec("Portfolio review with two working designers", TODO, 40),
            ),
        ),
        GoalSpec(
            title="Run user research on a real feature",
            description="Plan and run five interviews for the reminders feature with the PM.",
            status=GoalStatus.IN_PROGRESS,
            start=-40,
            target=15,
            revisit=4,
            milestones=(
                MilestoneSpec("Write the interview guide", DONE, -28, -27),
                MilestoneSpec("Recruit five patients through the clinic partners", DONE, -20, -22),
                MilestoneSpec("Synthesise findings into a one-page summary", DOING, 6),
            ),
        ),
        GoalSpec(
            title="Get a transfer conversation on the calendar",
            description="Talk to the head of design about an internal move.",
            status=GoalStatus.NOT_STARTED,
            start=14,
            target=60,
            revisit=14,
            milestones=(MilestoneSpec("Ask her manager for an introduction", TODO, 20),),
        ),
    ),
    meetings=(
        MeetingSpec(
            key="intro",
            title="Introductory session",
            days=-76,
            at=time(8, 30),
            minutes=60,
            location=_LINK,
        ),
        MeetingSpec(
            "crit1", "Portfolio critique: onboarding case study", -47, time(8, 30), location=_LINK
        ),
        MeetingSpec("research", "Research plan review", -33, time(8, 30), location=_LINK),
        MeetingSpec("last", "Check-in", -19, time(8, 30), location=_LINK),
        MeetingSpec(
            "next", "Portfolio critique: reminders case study", 4, time(8, 30), location=_LINK
        ),
    ),
    notes=(
        NoteSpec(
            title="Intro: from frontend to product design",
            meeting="intro",
            body=(
                "Maya has been doing design work unofficially for two years. The onboarding "
                "redesign she did on weekends shipped, and clinic drop-off fell noticeably.\n\n"
                "## Worries\n"
                "- No formal design education\n"
                "- Her portfolio is screenshots, not stories\n\n"
                "## Plan\n"
                "Three case studies over the next quarter, then a transfer conversation."
            ),
            shareable=True,
        ),
        NoteSpec(
            title="Critique: the onboarding case study",
            meeting="crit1",
            body=(
                "The case study opens with the final screens. Reordered it together:\n\n"
                "1. The problem, with the drop-off numbers\n"
                "2. What she tried first and why it failed\n"
                "3. The decision and its trade-offs\n"
                "4. Outcome and what she would do differently\n\n"
                "Her writing is clear; she undersells her own reasoning. Cut the apologies."
            ),
            shareable=True,
        ),
        NoteSpec(
            title="Research plan for reminders",
            meeting="research",
            body=(
                "Reviewed the interview guide. Too many leading questions (*'Would you like "
                "a text reminder?'*). Rewrote three as open prompts about the last missed "
                "appointment. She will pair with the PM on recruiting."
            ),
            shareable=True,
            actions=(ActionSpec("Rewrite the leading questions", MENTEE, -30, -29),),
        ),
        NoteSpec(
            title="Interviews done, synthesis stalled",
            meeting="last",
            body=(
                "All five interviews done. She has 40 pages of notes and no time to synthesise "
                "because of a release crunch. Suggested affinity mapping in one 90-minute "
                "block rather than waiting for a free day.\n\n"
                "Next session in two weeks — we have slipped past that, follow up."
            ),
            actions=(
                ActionSpec("Block 90 minutes for affinity mapping", MENTEE, due=-5),
                ActionSpec(
                    "Introduce Maya to a senior designer for a portfolio review", MENTOR, due=12
                ),
            ),
        ),
    ),
    feedback=(
        FeedbackSpec(
            TO_MENTEE,
            "The onboarding case study now reads like a designer's story. The section on the "
            "option you rejected is the strongest part — every case study should have one.",
            -33,
        ),
        FeedbackSpec(
            FROM_MENTEE,
            "Mornings at 8:30 are hard with school drop-off. Could we try 9:00 my time when "
            "it works for you?",
            -19,
        ),
    ),
    wins=(
        WinSpec("First case study published on her portfolio site", -33, goal=0),
        WinSpec("Ran five user interviews on her own", -21, goal=1),
    ),
    resources=(
        ResourceSpec(
            "Google UX Design Professional Certificate",
            "https://www.coursera.org/professional-certificates/google-ux-design",
            ResourceKind.COURSE,
            "Only the research and case-study modules.",
            goal=0,
        ),
        ResourceSpec(
            "Laws of UX",
            "https://lawsofux.com/",
            ResourceKind.ARTICLE,
        ),
        ResourceSpec(
            "Design Details podcast",
            "https://designdetails.fm/",
            ResourceKind.PODCAST,
        ),
        ResourceSpec(
            "Nielsen Norman Group: affinity diagramming",
            "https://www.nngroup.com/articles/affinity-diagram/",
            ResourceKind.ARTICLE,
            goal=1,
        ),
    ),
)
