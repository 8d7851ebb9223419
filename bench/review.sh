#!/usr/bin/env bash
# Review pipeline under concurrent answers on the embedded local AWS: R requests x 3 reviewers answered at once;
# answers/s and the deciding answer's latency (its response comes after SendTaskSuccess), next to the raw
# SendTaskSuccess rate and latency of the same Step Functions emulator in the same run.
#   bench/review.sh [requests] [threads]     (defaults 200 16)
set -euo pipefail
cd "$(dirname "$0")/.."
REQUESTS="${1:-200}"; THREADS="${2:-16}"
mvn -B -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=bench.ReviewBench \
  -Daws.requestChecksumCalculation=when_required -Daws.responseChecksumValidation=when_required \
  -Dbench.requests="$REQUESTS" -Dbench.threads="$THREADS" 2>&1 \
  | grep -v -E '^\s*$|INFO|DEBUG' || true
