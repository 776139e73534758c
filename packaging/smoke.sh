#!/usr/bin/env bash
# Install the .deb (`make deb`) as a user would, run the installed app, then remove it and
# check that nothing of the package is left. Needs root (CI runs as root); `make package-check`.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
DEB="$(ls build/mentordesk_*_amd64.deb | tail -1)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
step() { echo "smoke: $*"; }

step "install $DEB (apt resolves its Depends)"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "./$DEB" >/dev/null
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends xvfb xauth \
    dbus gnome-keyring libsecret-tools >/dev/null

step "the installed version is the source's"
want="$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' mentordesk/__init__.py)"
[[ "$(mentordesk --version)" == "MentorDesk $want" ]]
dpkg-query -W -f='${Version}' mentordesk | grep -qx "$want"

export HOME="$WORK/home" XDG_RUNTIME_DIR="$WORK/run"
mkdir -p "$HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"

step "starts and paints offscreen"
QT_QPA_PLATFORM=offscreen mentordesk --demo --quit-after-start
step "starts and paints on an X server (xcb plugin)"
xvfb-run -a -s "-screen 0 1280x720x24" env QT_QPA_PLATFORM=xcb mentordesk --demo --quit-after-start

step "time zones inside: a weekly New York meeting across the March 2027 change"
out="$(mentordesk occurrences --start '2027-03-08 09:00' --zone America/New_York \
    --rrule 'FREQ=WEEKLY;COUNT=2')"
grep -q "2027-03-08 14:00 UTC" <<<"$out" && grep -q "2027-03-15 13:00 UTC" <<<"$out"

step "demo data, .ics export, encryption with a passphrase file, check"
DB="$WORK/smoke.db"
mentordesk demo-data "$DB" >/dev/null
mentordesk export-ics --db "$DB" --out "$WORK/all.ics" >/dev/null
grep -q "BEGIN:VCALENDAR" "$WORK/all.ics"
printf 'correct horse battery staple\n' > "$WORK/pass" && chmod 600 "$WORK/pass"
mentordesk encrypt --db "$DB" --passphrase-file "$WORK/pass" >/dev/null
head -c 16 "$DB" | grep -qv "SQLite format 3"
mentordesk check --db "$DB" --passphrase-file "$WORK/pass" >/dev/null

step "the keyring path: a key kept by an unlocked gnome-keyring"
dbus-run-session -- bash -c '
    set -euo pipefail
    printf "smoke\n" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    mentordesk demo-data "$0/keyring.db" >/dev/null
    mentordesk encrypt --db "$0/keyring.db" >/dev/null
    mentordesk check --db "$0/keyring.db" >/dev/null
' "$WORK"

step "remove: none of the package's files stay"
files="$(dpkg-query -L mentordesk | grep -v '^/\.$')"
DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq mentordesk >/dev/null
left=0
while IFS= read -r path; do
    if [[ -f "$path" || -L "$path" ]]; then echo "left behind: $path" >&2; left=1; fi
done <<<"$files"
[[ -d /opt/mentordesk ]] && { echo "left behind: /opt/mentordesk" >&2; left=1; }
[[ $left -eq 0 ]]
[[ -f "$DB" ]]  # the user's data is never touched
step "all good"
