"""Vocabulary for the large data set: mentoring-ish phrases to build notes and records from.

Notes are assembled from sentences rendered once from these templates (so words
have realistic, uneven frequencies), plus one sentence naming a project codename
drawn from a long-tailed distribution: a few codenames are everywhere, most
appear in only one or two notes — the rare words that full-text search must find.
"""

from __future__ import annotations

SKILLS = (
    "public speaking", "system design", "stakeholder management", "code review",
    "estimation", "delegation", "hiring", "incident response", "roadmap planning",
    "user research", "prototyping", "negotiation", "technical writing", "giving feedback",
    "time management", "career planning", "product thinking", "data modelling",
    "observability", "accessibility", "performance tuning", "interviewing", "facilitation",
    "prioritisation", "coaching", "architecture reviews", "pairing", "testing strategy",
    "budgeting", "storytelling", "conflict resolution", "design critique", "mentoring",
)  # fmt: skip

ARTIFACTS = (
    "design doc", "RFC", "promotion packet", "portfolio", "conference talk", "roadmap",
    "postmortem", "interview loop", "team charter", "onboarding guide", "case study",
    "migration plan", "quarterly plan", "brag document", "CV", "strategy memo",
    "runbook", "research summary", "demo", "proposal", "retrospective", "hiring scorecard",
)  # fmt: skip

PEOPLE = (
    "their manager", "the skip-level", "the tech lead", "the product manager",
    "a senior designer", "the new hire", "the staff engineer", "the recruiter", "the team",
    "the director", "a peer on another team", "the architecture group", "the customer",
)  # fmt: skip

VERBS = (
    "draft", "review", "rehearse", "present", "outline", "revise", "share", "finish",
    "ship", "pitch", "simplify", "test", "document", "reshape", "shorten",
)  # fmt: skip

WHEN = (
    "by Friday", "before the next session", "this sprint", "by the end of the month",
    "next week", "over the next two weeks", "before the offsite", "after the release",
)  # fmt: skip

FEELINGS = (
    "more confident", "a bit stuck", "energised", "overwhelmed", "optimistic",
    "frustrated", "calmer", "motivated", "uncertain", "proud", "tired but positive",
)  # fmt: skip

SENTENCES = (
    "We talked about {skill} and how it shows up in the {artifact}.",
    "Wants to {verb} the {artifact} {when}.",
    "Agreed next step: {verb} the {artifact} with {person} {when}.",
    "Feeling {feeling} about {skill} after the last review.",
    "Steady improvement in {skill}; the {artifact} is nearly there.",
    "Suggested a short reading list on {skill} to discuss next time.",
    "Asked {person} for specific feedback on the {artifact}.",
    "Practised the opening of the {artifact} twice; the second attempt was much clearer.",
    "The main blocker is time: {skill} keeps losing to urgent work.",
    "We role-played a conversation with {person} about {skill}.",
    "Noticed a pattern: she apologises before sharing the {artifact}. Worth naming.",
    "He underestimates how much {skill} he already does; write the examples down.",
    "They want more visibility with {person}; the {artifact} is a good vehicle.",
    "Reviewed the goals; {skill} moves up, the {artifact} can wait.",
    "Good energy today, {feeling}, and clear about what comes next.",
    "Discussed how to say no to {person} without damaging the relationship.",
    "The feedback from {person} on the {artifact} was mostly about structure.",
    "Celebrated a small win: the {artifact} landed well with {person}.",
    "Talked through a hard week; {feeling}, but still committed to {skill}.",
    "Will pair on {skill} with {person} {when}.",
    "Mapped out the next quarter: {skill} first, then the {artifact}.",
    "Shared an example {artifact} from a previous mentee, anonymised.",
    "Checked in on the milestone for the {artifact}; it slipped a week, which is fine.",
    "Encouraged writing the {artifact} before the meeting, not after.",
    "Spent most of the hour on {skill}; it matters more than the title right now.",
    "Their {artifact} needs a clearer ask at the top; readers stop after a page.",
    "Told a story about a time {person} pushed back and what changed afterwards.",
    "Reflected on the last month: {feeling}, with real movement on {skill}.",
    "Brainstormed ways to get reps in {skill} without waiting for a big project.",
    "Will send two good examples of a {artifact} {when}.",
    "The {artifact} went out; {person} replied with three thoughtful questions.",
    "Worried that {skill} is not valued on the team; suggested raising it with {person}.",
    "Set a small experiment: one hour a week of {skill}, tracked in the brag document.",
    "Practised answering hard questions about the {artifact} from {person}.",
    "We agreed the {artifact} is good enough to share; polishing further is avoidance.",
    "Looked at how senior people on the team approach {skill} and what to borrow.",
)  # fmt: skip

RARE = (
    "Mentioned the {code} project again; ownership is still unclear.",
    "The {code} rollout is the best story for the promotion case.",
    "Asked about {code}: the migration is paused until {person} decides.",
    "Side note: the {code} incident review went better than expected.",
    "Will compare {code} with the previous approach {when}.",
    "Pointed them at the {code} retrospective as a model to follow.",
)  # fmt: skip

TITLES = (
    "Check-in", "Fortnightly check-in", "Goal review", "Mock interview debrief",
    "Career conversation", "Portfolio review", "Talk rehearsal", "Quarterly look back",
    "Feedback session", "Planning the next quarter", "Promotion prep", "Weekly sync",
    "Design review practice", "Hiring loop prep", "Notes after the offsite",
)  # fmt: skip

SYLLABLES = (
    "ka", "lo", "ri", "ven", "tar", "mis", "dor", "el", "an", "sol", "bri", "quen", "zar",
    "fen", "lu", "mar", "tho", "vel", "nor", "ix", "ae", "ul", "ron", "sa", "pe", "gil",
    "cor", "da", "wyn", "ost", "bel", "kri",
)  # fmt: skip

FIRST_NAMES = (
    "Aisha", "Ben", "Carmen", "Dmitri", "Elif", "Farah", "Gabriel", "Hana", "Ibrahim",
    "Jana", "Kofi", "Lena", "Mateo", "Nadia", "Oscar", "Priyanka", "Quentin", "Rosa",
    "Sanjay", "Tara", "Umar", "Valeria", "Wei", "Ximena", "Yusuf", "Zoe", "Amara", "Bruno",
    "Chiara", "Diego", "Emeka", "Freya", "Goran", "Helena", "Ines", "Jonas", "Keiko",
    "Lucas", "Mei", "Nikhil", "Olga", "Pablo", "Ravi", "Sara", "Tomasz", "Uma", "Victor",
    "Wanjiru", "Yara", "Zain", "Anika", "Callum", "Deepa", "Eamon", "Fatima", "Hugo",
    "Isla", "Jasper", "Kavya", "Leila",
)  # fmt: skip

LAST_NAMES = (
    "Adeyemi", "Bergström", "Castillo", "Dubois", "Eriksen", "Fernandes", "García",
    "Haddad", "Ivanova", "Jansen", "Kowalski", "Lindqvist", "Moreau", "Nakamura",
    "Okonkwo", "Petrov", "Quinn", "Rossi", "Sato", "Thompson", "Ueda", "Varga", "Wong",
    "Xu", "Yilmaz", "Zhang", "Abbott", "Bhatt", "Costa", "Dimitrov", "Evans", "Fischer",
    "Gupta", "Hughes", "Iyer", "Jovanović", "Kim", "Lopez", "Murphy", "Novak", "O'Brien",
    "Pereira", "Rahman", "Schmidt", "Tan", "Usman", "Vasquez", "Walsh", "Yamada", "Zhou",
    "Acharya", "Brennan", "Chaudhry", "Daniels", "Ekström", "Fofanah", "Gonzalez",
    "Horvat", "Ismail", "Joshi",
)  # fmt: skip

ZONES = (
    "America/Los_Angeles", "America/St_Johns", "Europe/London", "Asia/Kolkata",
    "Asia/Kathmandu", "Australia/Adelaide", "America/New_York", "America/Chicago",
    "America/Sao_Paulo", "America/Mexico_City", "Europe/Berlin", "Europe/Madrid",
    "Europe/Warsaw", "Africa/Lagos", "Africa/Nairobi", "Asia/Dubai", "Asia/Singapore",
    "Asia/Tokyo", "Asia/Manila", "Australia/Sydney", "Pacific/Auckland", "America/Toronto",
)  # fmt: skip

ORGANISATIONS = (
    "Northwind Logistics", "Bluefin Analytics", "Cedar Health", "Orbital Payments",
    "Lumen Learning Labs", "Harbor Robotics", "Tessellate Design", "Greenleaf Energy",
    "Atlas Mobility", "Kestrel Security", "Marigold Retail", "Quarry Data",
    "Fieldnote Media", "Saltmarsh Games", "Pinecone Civic Tech", "Riverbend Insurance",
)  # fmt: skip

ROLES = (
    "Software Engineer", "Senior Software Engineer", "Engineering Manager",
    "Product Designer", "Data Analyst", "Data Engineer", "Product Manager", "Tech Lead",
    "Site Reliability Engineer", "UX Researcher", "Frontend Engineer", "Staff Engineer",
)  # fmt: skip

TAGS = (
    "interviews", "leadership", "career change", "public speaking", "writing",
    "management", "product design", "promotion", "early career", "open source", "data",
)  # fmt: skip

GOALS = (
    "Prepare for system design interviews", "Give a first conference talk",
    "Lead a cross-team project", "Move into product design", "Build a design portfolio",
    "Become a confident code reviewer", "Run better one-to-ones", "Reach senior engineer",
    "Write a technical strategy", "Learn to delegate", "Publish a blog series",
    "Improve estimation accuracy", "Hand over on-call heroics", "Switch to data engineering",
    "Find a sponsor for promotion", "Grow an open-source community", "Hire two engineers",
    "Speak up in architecture reviews", "Negotiate a raise", "Lead a team offsite",
)  # fmt: skip

MILESTONES = (
    "Draft the outline", "First full draft", "Review with a peer", "Timed rehearsal",
    "Share with the manager", "Collect written feedback", "Ship the first version",
    "Three mock interviews", "Write the retrospective", "Present to the team",
    "Read the recommended book", "Pair on a real example", "Update the brag document",
    "Book the follow-up conversation", "Publish it",
)  # fmt: skip

ACTIONS = (
    "Send the draft to the tech lead", "Book a mock interview", "Share the reading list",
    "Update the brag document", "Ask for written feedback", "Time the talk end to end",
    "Write the one-page summary", "Introduce them to a designer in the network",
    "Block two hours for deep work", "Review the case study", "Schedule the skip-level",
    "Post the question in the team channel", "Rewrite the opening paragraph",
)  # fmt: skip

FEEDBACK_TO = (
    "Your structure was much clearer this time; lead with the decision next time.",
    "Great preparation. Slow down on the parts you are nervous about.",
    "You named the trade-offs before being asked — that is exactly the senior signal.",
    "The document is strong; cut the first page, the reader needs the ask sooner.",
    "You listened well in the role-play. Try one more question before offering advice.",
)  # fmt: skip

FEEDBACK_FROM = (
    "The written recaps after each session help me a lot.",
    "I would like more practice and less reading.",
    "Sessions feel rushed at the end; could we keep ten minutes for open questions?",
    "Thank you for pushing back on my plan — it was the right call.",
    "The mock interviews are the most valuable part of our sessions.",
)  # fmt: skip

WINS = (
    "Promoted", "Talk accepted", "Design doc approved", "Shipped the migration",
    "First solo incident handled calmly", "Case study published", "Offer received",
    "Led the planning meeting", "Positive feedback from the director", "Blog post published",
)  # fmt: skip

RESOURCES = (
    ("Designing Data-Intensive Applications", "https://dataintensive.net/", "book"),
    ("The Manager's Path", "https://www.oreilly.com/library/view/the-managers-path/"
     "9781491973882/", "book"),
    ("speaking.io", "https://speaking.io/", "article"),
    ("StaffEng guides", "https://staffeng.com/guides/", "article"),
    ("Julia Evans: brag documents", "https://jvns.ca/blog/brag-documents/", "article"),
    ("How to Speak (MIT OCW)", "https://www.youtube.com/watch?v=Unzc731iCUY", "video"),
    ("Soft Skills Engineering", "https://softskills.audio/", "podcast"),
    ("Google UX Design Certificate",
     "https://www.coursera.org/professional-certificates/google-ux-design", "course"),
    ("Laws of UX", "https://lawsofux.com/", "article"),
    ("Refactoring UI", "https://www.refactoringui.com/", "book"),
    ("Docs for Developers", "https://docsfordevelopers.com/", "book"),
    ("The Pragmatic Engineer", "https://newsletter.pragmaticengineer.com/", "article"),
)  # fmt: skip

MEETING_TITLES = (
    "Check-in", "Fortnightly check-in", "Goal review", "Mock interview",
    "Career conversation", "Portfolio review", "Talk rehearsal", "Introductory session",
    "Quarterly retrospective", "Design review practice",
)  # fmt: skip

SERIES_RULES = (
    "FREQ=WEEKLY;INTERVAL=2;COUNT={n}", "FREQ=WEEKLY;COUNT={n}",
    "FREQ=MONTHLY;BYDAY=1TU;COUNT={n}", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH;COUNT={n}",
)  # fmt: skip
