#!/bin/sh
# Install what the clinic addons need beside Odoo: the system packages listed in
# docker/apt-packages.txt and the Python packages of requirements.txt.
# The Dockerfile runs it; so does tests/test_production_route.py, with a fresh
# virtualenv's pip, so that the image's recipe is exercised where Docker is not.
#   APT=install|check|skip   install with apt-get (default), only check they are there, or skip
#   PIP="python3 -m pip"     the pip to use;  PIP_FLAGS  extra flags for it
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
APT=${APT:-install}
PIP=${PIP:-python3 -m pip}
PIP_FLAGS=${PIP_FLAGS:-}

packages=$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$HERE/apt-packages.txt")
case "$APT" in
    install)
        apt-get update -qq
        # shellcheck disable=SC2086
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $packages
        rm -rf /var/lib/apt/lists/*
        ;;
    check)
        missing=""
        for p in $packages; do
            dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
        done
        if [ -n "$missing" ]; then
            echo "missing system packages:$missing (apt-get install -y$missing)" >&2
            exit 1
        fi
        ;;
    skip) ;;
    *) echo "APT must be install, check or skip" >&2; exit 2 ;;
esac

# OCA's odoo-addon-* wheels declare the distribution odoo==19.0.*, which the image's
# Debian-packaged Odoo provides as files, not always as pip metadata: no deps for them.
tmp=$(mktemp -d)
grep -v '^odoo-addon-' "$ROOT/requirements.txt" > "$tmp/python.txt"
grep '^odoo-addon-' "$ROOT/requirements.txt" > "$tmp/addons.txt" || true
# shellcheck disable=SC2086
$PIP install --disable-pip-version-check $PIP_FLAGS -r "$tmp/python.txt"
if [ -s "$tmp/addons.txt" ]; then
    # shellcheck disable=SC2086
    $PIP install --disable-pip-version-check --no-deps $PIP_FLAGS -r "$tmp/addons.txt"
fi
rm -rf "$tmp"
