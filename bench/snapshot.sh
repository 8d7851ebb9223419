#!/usr/bin/env bash
# Snapshot status checker throughput on the embedded local AWS: C collections x F file messages through the whole
# application, next to the raw DynamoDB UpdateItem rate of the same emulator in the same run.
#   bench/snapshot.sh [collections] [files per collection] [consumers]     (defaults 20 500 4)
set -euo pipefail
cd "$(dirname "$0")/.."
COLLECTIONS="${1:-20}"; FILES="${2:-500}"; CONSUMERS="${3:-4}"
mvn -B -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=bench.SnapshotStatusBench \
  -Daws.requestChecksumCalculation=when_required -Daws.responseChecksumValidation=when_required \
  -Dbench.collections="$COLLECTIONS" -Dbench.files="$FILES" -Dbench.consumers="$CONSUMERS" \
  -Dlog4j2.level=WARN -Dorg.slf4j.simpleLogger.defaultLogLevel=warn 2>&1 \
  | grep -v -E '^\s*$|INFO|DEBUG' || true
