#!/usr/bin/env bash
# The main job against the local server, as a user would run it on a fresh machine:
# start the built-in Conductor-compatible server (if it is not running), validate the
# definitions, show the plan for the `local` environment, apply it, and plan again (no changes).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f dist/src/cli/main.js ] || npm run build
conductor() { node bin/conductor.js "$@"; }

step() { if [ -n "${NO_COLOR:-}" ]; then printf "\n$ conductor %s\n" "$*" >&2; else printf "\n\033[1m$ conductor %s\033[0m\n" "$*" >&2; fi; }

step server status
if ! conductor server status >/dev/null 2>&1; then
  step server start
  conductor server start
fi
step validate
conductor validate
step plan --profile local
conductor plan --profile local
step apply --profile local --auto-approve
conductor apply --profile local --auto-approve
step plan --profile local --detailed-exitcode
conductor plan --profile local --detailed-exitcode
printf '\nThe local server keeps running (conductor server status | stop | logs).\n' >&2
