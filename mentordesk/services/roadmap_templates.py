"""Roadmap templates for the window and the command line: the shipped and the mentor's own,
previewed against a start date, applied as new goals (one transaction, through the goal
service, so the change reaches every page), saved from a mentee's roadmap, deleted.

A file that cannot be used is left out of the list and named in ``problems`` (the dialog and
``goal templates`` say which and why); it never stops the others from loading.
"""

from __future__ import annotations

import contextlib
from datetime import date
from pathlib import Path

from mentordesk.appdata import roadmap_templates as files
from mentordesk.domain.errors import ValidationError
from mentordesk.domain.progress import GoalProgress
from mentordesk.domain.roadmap_template import (
    RoadmapTemplate,
    from_roadmap,
    parse_template,
    resolve,
    to_data,
)
from mentordesk.domain.search_query import fold_name
from mentordesk.services.goals import GoalService

__all__ = ["RoadmapTemplate", "RoadmapTemplates"]


def _folded(text: str) -> str:
    return fold_name(text).strip()


class RoadmapTemplates:
    def __init__(
        self, goals: GoalService | None, folder: Path | None = None, shipped: Path | None = None
    ) -> None:
        #: None for listing only (``goal templates`` opens no database).
        self._goals = goals
        self.folder = folder or files.user_folder()
        self.shipped = shipped or files.shipped_folder()
        #: Files left out on the last ``available()``: (path, why).
        self.problems: list[tuple[Path, str]] = []

    @property
    def goals(self) -> GoalService:
        assert self._goals is not None, "built for listing only"
        return self._goals

    def available(self) -> list[RoadmapTemplate]:
        """The shipped templates, then the mentor's, each group by title."""
        found, self.problems = [], []
        for file in files.read_all(self.folder, self.shipped):
            if file.problem:
                self.problems.append((file.path, file.problem))
                continue
            try:
                found.append(parse_template(file.key, file.data, file.shipped))
            except ValidationError as exc:
                self.problems.append((file.path, exc.message))
        return sorted(found, key=lambda t: (not t.shipped, t.title.casefold()))

    def find(self, name: str) -> RoadmapTemplate:
        """By key or title, exactly (any case, accents optional), else a unique start of one."""
        templates = self.available()
        wanted = _folded(name)
        for template in templates:
            if wanted in (_folded(template.key), _folded(template.title)):
                return template
        starts = [
            t for t in templates if _folded(t.title).startswith(wanted) or t.key.startswith(wanted)
        ]
        if len(starts) == 1 and wanted:
            return starts[0]
        names = ", ".join(f"“{t.title}”" for t in (starts or templates))
        if len(starts) > 1:
            raise ValidationError("template", f"“{name}” could be any of {names} — say which.")
        raise ValidationError(
            "template", f"No roadmap template is called “{name}” — the templates: {names}."
        )

    def preview(self, template: RoadmapTemplate, mentee_id: int, start: date) -> list[GoalProgress]:
        return resolve(template, mentee_id, start)

    def apply(
        self, template: RoadmapTemplate, mentee_id: int, start: date, today: date | None = None
    ) -> list[int]:
        """Adds the template's goals after the mentee's own; returns their ids."""
        return self.goals.add_goals(resolve(template, mentee_id, start), today)

    def save_from_mentee(
        self, mentee_id: int, title: str, replace: bool = False
    ) -> RoadmapTemplate:
        """The mentee's roadmap as a new template of the mentor's. A name already taken is
        refused (a shipped one always; the mentor's own unless ``replace``). Two names that
        make the same file name ("Career: switch", "Career switch?") get files of their own."""
        goals = self.goals.progress(mentee_id)
        existing = self.available()
        key = ""
        for other in existing:
            if _folded(other.title) != _folded(title.strip()):
                continue
            if other.shipped or not replace:
                whose = "comes with MentorDesk" if other.shipped else "is already yours"
                raise ValidationError(
                    "title", f"A template called “{other.title}” {whose} — choose another name."
                )
            key = other.key  # replacing: the same file
        if not key:
            taken = {t.key for t in existing}
            key = base = files.key_for(title)
            number = 2
            while key in taken:
                key, number = f"{base}-{number}", number + 1
        template = from_roadmap(key, title, goals)
        files.write_user(key, to_data(template), self.folder)
        return template

    def delete(self, template: RoadmapTemplate) -> None:
        if template.shipped:
            raise ValidationError(
                "template", f"“{template.title}” comes with MentorDesk and cannot be deleted."
            )
        with contextlib.suppress(FileNotFoundError):  # already gone: what was asked is done
            files.delete_user(template.key, self.folder)
