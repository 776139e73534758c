"""What an installed MentorDesk carries: one version everywhere, valid desktop metadata, and
icons and templates inside the package (found from an installed wheel, not the source tree)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from mentordesk import __version__
from mentordesk.cli import run
from mentordesk.ui.resources import APP_ID

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
DESKTOP = PACKAGING / f"{APP_ID}.desktop"
METAINFO = PACKAGING / f"{APP_ID}.metainfo.xml"


def _newest_release() -> ET.Element:
    releases = ET.parse(METAINFO).getroot().findall("./releases/release")
    assert releases, "the metainfo lists no release"
    return releases[0]


def test_one_version_everywhere(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        run(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == f"MentorDesk {__version__}"
    assert _newest_release().get("version") == __version__


def test_one_application_id() -> None:
    desktop = DESKTOP.read_text(encoding="utf-8")
    assert f"Icon={APP_ID}\n" in desktop
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == DESKTOP.name


@pytest.mark.skipif(not shutil.which("desktop-file-validate"), reason="desktop-file-utils")
def test_the_desktop_file_validates() -> None:
    done = subprocess.run(
        ["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stdout + done.stderr) == (0, "")


@pytest.mark.skipif(not shutil.which("appstreamcli"), reason="appstream")
def test_the_metainfo_validates() -> None:
    done = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(METAINFO)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.skipif(not shutil.which("appstream-util"), reason="appstream-util")
def test_the_metainfo_validates_with_appstream_glib_too() -> None:
    done = subprocess.run(
        ["appstream-util", "validate-relax", "--nonet", str(METAINFO)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.slow
def test_an_installed_wheel_carries_its_icons_and_templates(tmp_path: Path) -> None:
    env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    pip = [sys.executable, "-m", "pip"]
    subprocess.run(
        [*pip, "wheel", "--no-deps", "-q", "-w", str(tmp_path / "dist"), str(ROOT)],
        check=True,
        env=env,
    )
    (wheel,) = (tmp_path / "dist").glob("mentordesk-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert not [n for n in names if n.startswith("resources/")], "a stray top-level folder"
    for needed in ("mentordesk.svg", "mentordesk-symbolic.svg", "mentordesk-512.png"):
        assert f"mentordesk/resources/icons/{needed}" in names

    # Installed into a venv of its own, away from the source tree, the package finds them.
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [*pip, "--python", str(python), "install", "--no-deps", "-q", str(wheel)],
        check=True,
        env=env,
    )
    probe = (
        "from importlib.resources import files\n"
        "from mentordesk.appdata.templates import shipped_folder\n"
        "from mentordesk.appdata import roadmap_templates\n"
        "import mentordesk\n"
        "print(mentordesk.__file__)\n"
        "print(sorted(p.name for p in shipped_folder().glob('*.md')))\n"
        "print((files('mentordesk') / 'resources' / 'icons' / 'mentordesk.svg').is_file())\n"
        "print(sorted(p.name for p in roadmap_templates.shipped_folder().glob('*.json')))\n"
    )
    done = subprocess.run(
        [str(python), "-c", probe], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    where, templates, icon, roadmaps = done.stdout.splitlines()
    assert str(venv) in where  # not the source tree
    assert "intro-session.md" in templates
    assert icon == "True"
    assert "career-switch.json" in roadmaps and "first-90-days.json" in roadmaps
