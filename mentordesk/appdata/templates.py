"""Note templates: Markdown files the mentor can edit, seeded from the ones MentorDesk ships.

The shipped templates live in ``mentordesk/resources/templates/`` (package data, as the icons);
the mentor's copies live in ``templates/`` in the user config folder, and those are what the
app reads. A record of what was seeded (``.seeded.json``, the hash of each file as written)
lets a newer MentorDesk add templates and refresh the ones the mentor never touched, while a
template the mentor edited is never overwritten and one they deleted stays deleted.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from mentordesk.appdata.paths import APP_NAME, ensure_private_dir, write_private_file

log = logging.getLogger(__name__)

SUFFIX = ".md"
_MANIFEST = ".seeded.json"


@dataclass(frozen=True, slots=True)
class Template:
    key: str  # the file name without ".md"; stable, used by reset_template
    title: str  # the first "# " heading, or a title made from the key
    path: Path
    body: str  # the whole file, newlines normalised to "\n"


@dataclass(frozen=True, slots=True)
class SkippedTemplate:
    """A file in the templates folder that could not be used, and why (for the menu)."""

    path: Path
    reason: str


def shipped_folder() -> Path:
    """``mentordesk/resources/templates``: package data, like the icons."""
    return Path(str(files("mentordesk") / "resources" / "templates"))


def template_folder() -> Path:
    """The mentor's own templates (not created here; ``list_templates`` does that)."""
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False)) / "templates"


def list_templates(
    *,
    folder: Path | None = None,
    shipped: Path | None = None,
    problems: list[SkippedTemplate] | None = None,
) -> list[Template]:
    """The mentor's templates sorted by title, after seeding any new shipped ones.

    Files that cannot be read are left out; pass ``problems`` to learn which and why.
    """
    folder = folder or template_folder()
    shipped = shipped or shipped_folder()
    _seed(folder, shipped)
    templates: list[Template] = []
    for path in sorted(folder.glob(f"*{SUFFIX}")):
        if path.name.startswith("."):
            continue
        result = _read(path)
        if isinstance(result, SkippedTemplate):
            log.info("Template %s skipped: %s", path.name, result.reason)
            if problems is not None:
                problems.append(result)
        else:
            templates.append(result)
    templates.sort(key=lambda t: (t.title.casefold(), t.key))
    return templates


def reset_template(
    key: str, *, folder: Path | None = None, shipped: Path | None = None
) -> Template:
    """Puts back the shipped version of ``key``, replacing the mentor's edits."""
    folder = folder or template_folder()
    shipped = shipped or shipped_folder()
    source = shipped / f"{key}{SUFFIX}"
    if key not in _shipped_keys(shipped):
        raise LookupError(f"“{key}” is not one of the templates MentorDesk comes with.")
    data = source.read_bytes()
    ensure_private_dir(folder)
    _write(folder / source.name, data)
    manifest = _load_manifest(folder)
    manifest[key] = _digest(data)
    _save_manifest(folder, manifest)
    result = _read(folder / source.name)
    if isinstance(result, SkippedTemplate):
        raise ValueError(f"The shipped template {source.name} is unusable: {result.reason}")
    return result


# -- inside ----------------------------------------------------------------------------------


def _shipped_keys(shipped: Path) -> set[str]:
    if not shipped.is_dir():
        return set()
    return {p.stem for p in shipped.glob(f"*{SUFFIX}") if not p.name.startswith(".")}


def _seed(folder: Path, shipped: Path) -> None:
    ensure_private_dir(folder)
    manifest = _load_manifest(folder)
    changed = False
    for key in sorted(_shipped_keys(shipped)):
        try:
            data = (shipped / f"{key}{SUFFIX}").read_bytes()
        except OSError as exc:
            log.warning("Shipped template %s unreadable: %s", key, exc)
            continue
        target = folder / f"{key}{SUFFIX}"
        digest = _digest(data)
        if key not in manifest:
            # A file the mentor made under the same name before we shipped one is theirs:
            # remember the shipped hash so it is never taken for an untouched copy.
            if not target.exists():
                _write(target, data)
            manifest[key] = digest
            changed = True
        elif target.exists() and manifest[key] != digest and _file_digest(target) == manifest[key]:
            _write(target, data)  # untouched since we wrote it: take the newer wording
            manifest[key] = digest
            changed = True
    if changed:
        _save_manifest(folder, manifest)


def _read(path: Path) -> Template | SkippedTemplate:
    try:
        data = path.read_bytes()
    except OSError as exc:
        return SkippedTemplate(path, f"cannot be read ({exc.strerror or exc})")
    try:
        # utf-8-sig: Notepad and some other editors start UTF-8 files with a byte-order mark.
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return SkippedTemplate(path, "not UTF-8 text — save it as UTF-8 to use it")
    body = text.replace("\r\n", "\n").replace("\r", "\n")
    if not body.strip():
        return SkippedTemplate(path, "empty")
    return Template(path.stem, _title(body, path.stem), path, body)


def _title(body: str, key: str) -> str:
    for line in body.splitlines():
        if line.startswith("# ") and line[2:].strip():
            return line[2:].strip()
    return key.replace("-", " ").replace("_", " ").strip().capitalize() or key


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _file_digest(path: Path) -> str | None:
    try:
        return _digest(path.read_bytes())
    except OSError:
        return None


def _load_manifest(folder: Path) -> dict[str, str]:
    # A lost or damaged record only means missing files are seeded again; existing files
    # are never overwritten on that path, so no edit can be lost.
    try:
        raw = json.loads((folder / _MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(raw, dict):
        return {}
    return {str(k): str(v) for k, v in raw.items()}


def _save_manifest(folder: Path, manifest: dict[str, str]) -> None:
    text = json.dumps(manifest, indent=1, sort_keys=True) + "\n"
    _write(folder / _MANIFEST, text.encode("utf-8"))


def _write(path: Path, data: bytes) -> None:
    """Whole or not at all (synced, renamed into place): a crash never leaves half a template."""
    write_private_file(path, data)
