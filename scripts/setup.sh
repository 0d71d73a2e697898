#!/usr/bin/env bash
# Sets up briefer on a Debian machine: WeasyPrint's system libraries when missing, a
# virtual environment in .venv, and the package (plus extras given as arguments, e.g.
# "test" or "eval"). Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

missing_packages=()
libraries=$(ldconfig -p 2>/dev/null || true)  # read once; grep -q on a pipe could cut it short
need_library() {  # need_library <shared object> <Debian package>
  grep -qF "$1" <<<"$libraries" || missing_packages+=("$2")
}
need_library libpango-1.0.so.0 libpango-1.0-0
need_library libpangoft2-1.0.so.0 libpangoft2-1.0-0
need_library libharfbuzz-subset.so.0 libharfbuzz-subset0
need_library libfontconfig.so.1 libfontconfig1
command -v fc-list >/dev/null && fc-list 2>/dev/null | grep -qi dejavu || missing_packages+=(fonts-dejavu-core)
python3 -c "import venv, ensurepip" 2>/dev/null || missing_packages+=(python3-venv)
# The tests render the email in a real headless browser (tests/test_email_message.py).
if [[ " $* " == *" test "* ]] && [ ! -x /usr/bin/chromium ]; then missing_packages+=(chromium); fi

if [ ${#missing_packages[@]} -gt 0 ]; then
  echo "setup: installing system packages: ${missing_packages[*]}"
  if [ "$(id -u)" -eq 0 ]; then apt_get=(apt-get); elif command -v sudo >/dev/null; then apt_get=(sudo apt-get); else apt_get=(); fi
  if [ ${#apt_get[@]} -gt 0 ] && command -v apt-get >/dev/null; then
    "${apt_get[@]}" update -qq
    DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" install -y -qq "${missing_packages[@]}" >/dev/null
  else
    echo "setup: cannot install ${missing_packages[*]} (need root or sudo); WeasyPrint may fail" >&2
  fi
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
extras=$(IFS=,; echo "$*")
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".${extras:+[$extras]}"
