#!/usr/bin/env bash
# within.sh SECONDS NAME COMMAND...: runs one stage of `npm test` with a time limit.
#
# CI has one limit for the whole run (90 minutes), and a stage that hangs (a
# test runner kept alive by a process a test left behind, a request never
# answered) would use it all up and print nothing about why. Each stage gets
# a limit several times what it takes on a busy machine; past it, this names
# the stage, lists what is still running, and fails with 124.
set -uo pipefail
limit=$1
name=$2
shift 2

timeout --kill-after=30 "$limit" "$@"
status=$?
if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
  echo "[within] $name did not finish within $limit s; processes still running:" >&2
  ps -eo pid,ppid,etimes,time,args --forest | awk '$1 != 2 && $2 != 2' | cut -c1-240 >&2
  exit 124
fi
exit "$status"
