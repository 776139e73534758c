#!/usr/bin/env bash
# Wrap the one-folder bundle (`make package`) into build/mentordesk_<version>_amd64.deb:
# /opt/mentordesk, /usr/bin/mentordesk(-gui), the desktop entry, metainfo and icons.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
APP_ID=io.github.mentordesk.MentorDesk
BUNDLE=build/dist/mentordesk
ICONS=mentordesk/resources/icons
[[ -x "$BUNDLE/mentordesk" ]] || { echo "build_deb: no bundle in $BUNDLE (run make package)" >&2; exit 1; }

VERSION="$("$BUNDLE/mentordesk" --version | awk '{print $2}')"
ROOT=build/deb/root
rm -rf build/deb && mkdir -p "$ROOT/DEBIAN" "$ROOT/opt" "$ROOT/usr/bin"
cp -a "$BUNDLE" "$ROOT/opt/mentordesk"
ln -s /opt/mentordesk/mentordesk "$ROOT/usr/bin/mentordesk"
ln -s /opt/mentordesk/mentordesk "$ROOT/usr/bin/mentordesk-gui"
install -Dm644 "packaging/$APP_ID.desktop" "$ROOT/usr/share/applications/$APP_ID.desktop"
install -Dm644 "packaging/$APP_ID.metainfo.xml" "$ROOT/usr/share/metainfo/$APP_ID.metainfo.xml"
HICOLOR="$ROOT/usr/share/icons/hicolor"
install -Dm644 "$ICONS/mentordesk.svg" "$HICOLOR/scalable/apps/$APP_ID.svg"
install -Dm644 "$ICONS/mentordesk-symbolic.svg" "$HICOLOR/symbolic/apps/$APP_ID-symbolic.svg"
for size in 16 32 48 64 128 256 512; do
    install -Dm644 "$ICONS/mentordesk-$size.png" "$HICOLOR/${size}x${size}/apps/$APP_ID.png"
done

# What Qt's xcb and wayland plugins and the offscreen platform load from the system (the
# bundle carries Qt itself); a secret service keeps the database key.
cat > "$ROOT/DEBIAN/control" <<CONTROL
Package: mentordesk
Version: $VERSION
Architecture: amd64
Maintainer: The MentorDesk developers <mentordesk@users.noreply.github.com>
Section: misc
Priority: optional
Installed-Size: $(du -sk "$ROOT" | cut -f1)
Depends: libc6 (>= 2.36), libgl1, libegl1, libfontconfig1, libfreetype6, libxkbcommon0,
 libglib2.0-0, libdbus-1-3, libxcb-cursor0, libxcb-icccm4, libxcb-image0, libxcb-keysyms1,
 libxcb-randr0, libxcb-render-util0, libxcb-shape0, libxcb-xkb1, libxkbcommon-x11-0,
 libwayland-client0, libwayland-cursor0, libwayland-egl1
Recommends: gnome-keyring | kwalletmanager
Homepage: https://github.com/mentordesk/mentordesk
Description: offline desk for one mentor and their mentees
 Mentee dashboards, goals, meetings across time zones (DST-correct recurring
 meetings, iCalendar import and export) and notes taken during calls that survive
 a crash -- all in one private SQLite file, no account, no server.
CONTROL

OUT="build/mentordesk_${VERSION}_amd64.deb"
dpkg-deb --root-owner-group -Zxz --build "$ROOT" "$OUT" >/dev/null
echo "$OUT ($(du -h "$OUT" | cut -f1))"
