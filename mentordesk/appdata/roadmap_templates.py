"""Roadmap template files: the ones MentorDesk ships (package data,
``mentordesk/resources/roadmap_templates/*.json``) and the mentor's own, saved from a
mentee's roadmap into ``roadmap-templates/`` in the user data folder (beside the database's
default place, not in the database: a template is the mentor's, for every file they open).

Only the files: reading them into raw JSON values and writing or deleting the mentor's. What a
template means is ``domain/roadmap_template.py``.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from mentordesk.appdata.paths import data_dir, ensure_private_dir, write_private_file

SUFFIX = ".json"
#: The biggest file read: a template is a few kilobytes; anything past this is not one.
MAX_BYTES = 256 * 1024


@dataclass(frozen=True, slots=True)
class TemplateFile:
    key: str
    path: Path
    shipped: bool
    #: The parsed JSON, or None when the file could not be read (``problem`` says why).
    data: object = None
    problem: str = ""


def shipped_folder() -> Path:
    return Path(str(files("mentordesk") / "resources" / "roadmap_templates"))


def user_folder() -> Path:
    return data_dir() / "roadmap-templates"


def _read(path: Path, shipped: bool) -> TemplateFile:
    try:
        if path.stat().st_size > MAX_BYTES:
            return TemplateFile(path.stem, path, shipped, problem="too large to be a template")
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except OSError as exc:
        return TemplateFile(path.stem, path, shipped, problem=f"cannot be read ({exc.strerror})")
    except UnicodeDecodeError:
        return TemplateFile(path.stem, path, shipped, problem="not UTF-8 text")
    except ValueError as exc:
        return TemplateFile(path.stem, path, shipped, problem=f"not valid JSON ({exc})")
    return TemplateFile(path.stem, path, shipped, data)


def read_all(folder: Path | None = None, shipped: Path | None = None) -> list[TemplateFile]:
    """The shipped files, then the mentor's (a missing folder has none)."""
    found = []
    for where, is_shipped in (
        (shipped or shipped_folder(), True),
        (folder or user_folder(), False),
    ):
        if where.is_dir():
            paths = sorted(p for p in where.glob(f"*{SUFFIX}") if not p.name.startswith("."))
            found += [_read(p, is_shipped) for p in paths]
    return found


def key_for(title: str) -> str:
    """A file name from a title: "Career switch (EM)" → "career-switch-em"."""
    plain = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    key = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:60]
    return key or "template"


def write_user(key: str, data: object, folder: Path | None = None) -> Path:
    """Writes the mentor's template whole (0600 in a 0700 folder; a crash keeps the old)."""
    folder = folder or user_folder()
    ensure_private_dir(folder)
    target = folder / f"{key}{SUFFIX}"
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    write_private_file(target, text.encode("utf-8"))
    return target


def delete_user(key: str, folder: Path | None = None) -> None:
    (folder or user_folder()).joinpath(f"{key}{SUFFIX}").unlink()
