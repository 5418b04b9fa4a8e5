#!/bin/sh
# Generic CI step: lint rendered messages, keep a JUnit report for the CI's test view, and fail
# the step on errors. Usage: sh junit.sh [folder-with-rendered-eml] [report-path]
set -u
folder="${1:-rendered}"
report="${2:-maillint-junit.xml}"

npx maillint --profile template --format junit --output "$report" "$folder"
status=$?
# Also print a readable summary in the log (never fails the step by itself).
npx maillint --profile template --quiet "$folder" || true

case "$status" in
  0) echo "maillint: no errors" ;;
  1) echo "maillint: errors found (see $report)" ;;
  *) echo "maillint: usage or config error (exit $status)" ;;
esac
exit "$status"
