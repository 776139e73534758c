#!/usr/bin/env bash
# Make sure the Debian/Ubuntu system libraries that Qt (PySide6 wheels) needs are installed.
# See DESIGN.md, "Known traps". Called by `make sysdeps`; safe to run repeatedly.
#
#   PYTHON=python3 packaging/sysdeps.sh
#
# Exit status: 0 when everything is present (or was installed, or this is not Debian),
# 1 when packages are missing and we are not root (the sudo command to run is printed).
set -euo pipefail

PYTHON="${PYTHON:-python3}"

# Qt's "offscreen" platform (tests, CI).
OFFSCREEN_PKGS=(libgl1 libegl1 libfontconfig1 libxkbcommon0 libglib2.0-0 libdbus-1-3)
# Qt's "xcb" platform (a real X screen).
XCB_PKGS=(libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
    libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0)

if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "sysdeps: dpkg not found (not Debian/Ubuntu); skipping the system library check." >&2
    echo "sysdeps: Qt needs OpenGL/EGL, fontconfig, xkbcommon, glib, dbus and the xcb libraries." >&2
    exit 0
fi

# The validators the tests run over the desktop entry and the AppStream metainfo.
CHECK_PKGS=(desktop-file-utils appstream appstream-util)

# Progress summary PDFs: a CJK font, so that names such as 张伟 print (Qt draws with what
# fontconfig offers), and poppler-utils, whose pdftotext/pdffonts/pdftoppm read them back.
REPORT_PKGS=(fonts-noto-cjk poppler-utils)

wanted=("${OFFSCREEN_PKGS[@]}" "${XCB_PKGS[@]}" "${CHECK_PKGS[@]}" "${REPORT_PKGS[@]}")

# Debian's Python ships venv without ensurepip unless python3-venv is installed, so
# `python3 -m venv` may fail even though the module imports. Only relevant when the
# interpreter is Debian's own (a pyenv/uv Python brings its own ensurepip).
if ! "$PYTHON" -m venv --help >/dev/null 2>&1 || ! "$PYTHON" -c 'import ensurepip' >/dev/null 2>&1; then
    wanted+=(python3-venv)
fi

# `dpkg -s` also succeeds for removed packages whose config files remain, so check the status.
is_installed() {
    [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" == "install ok installed" ]]
}

missing=()
for pkg in "${wanted[@]}"; do
    is_installed "$pkg" || missing+=("$pkg")
done

if [[ ${#missing[@]} -eq 0 ]]; then
    exit 0
fi

if [[ "$(id -u)" -eq 0 ]]; then
    echo "sysdeps: installing ${missing[*]}" >&2
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
else
    echo "sysdeps: missing system packages needed by Qt. Install them with:" >&2
    echo "    sudo apt-get install -y ${missing[*]}" >&2
    exit 1
fi
