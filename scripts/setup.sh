#!/usr/bin/env bash
# Prepare a fresh machine: the system libraries Qt loads, then a virtual
# environment in .venv with the app and its test tools installed.
set -euo pipefail
cd "$(dirname "$0")/.."

# Qt's xcb platform plugin, Xvfb for a virtual screen, poppler for looking at
# rendered PDF pages, and ImageMagick's import for screenshots. PostgreSQL's
# server runs the team-library tests (.ci/run starts a throwaway cluster).
# appstream and desktop-file-utils validate the packaging metadata in the tests.
packages=(libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-randr0
  libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxcb-sync1
  libxcb-xfixes0 libxcb-shm0 libxcb-util1 xvfb xauth poppler-utils postgresql
  appstream desktop-file-utils)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" \
    || missing+=("$package")
done
if ((${#missing[@]})); then
  sudo_cmd=()
  [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
  echo "setup: installing system packages: ${missing[*]}"
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq \
    --no-install-recommends "${missing[@]}" >/dev/null
fi

python=${PYTHON:-python3}
if [[ ! -x .venv/bin/python ]]; then
  "$python" -m venv .venv
fi
stamp=.venv/.installed
if [[ ! -f $stamp || pyproject.toml -nt $stamp ]]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e '.[test,postgres]'
  touch "$stamp"
fi
