"""The small demo's mentor and mentees: one believable mentoring practice."""

from __future__ import annotations

from datetime import time

from mentordesk.demo.cast.aarav import AARAV
from mentordesk.demo.cast.daniel import DANIEL
from mentordesk.demo.cast.former import JORDAN, ROHAN
from mentordesk.demo.cast.liam import LIAM
from mentordesk.demo.cast.maya import MAYA
from mentordesk.demo.cast.priya import PRIYA
from mentordesk.demo.cast.siobhan import SIOBHAN
from mentordesk.demo.plan import MenteeSpec
from mentordesk.domain.models import Settings, WorkingHours

MENTOR_SETTINGS = Settings(
    mentor_name="Sam Rivera",
    time_zone="Europe/Berlin",
    hours=WorkingHours(time(8, 0), time(18, 0), (1, 2, 3, 4, 5)),
)

CAST: tuple[MenteeSpec, ...] = (PRIYA, DANIEL, MAYA, AARAV, SIOBHAN, LIAM, ROHAN, JORDAN)
