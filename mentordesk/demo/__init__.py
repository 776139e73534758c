"""Demo data: a small believable mentoring practice, and a large benchmark database."""

from __future__ import annotations

from mentordesk.demo.files import write_demo_file
from mentordesk.demo.large import LargeSizes, write_large
from mentordesk.demo.small import seed_demo

__all__ = ["LargeSizes", "seed_demo", "write_demo_file", "write_large"]
