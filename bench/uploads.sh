#!/usr/bin/env bash
# Upload checks benchmarks, from the repository root:
#   bench/uploads.sh                 inspection of generated Xpress CSVs (15 MB and ~150 MB) under a 64 MB heap:
#                                    MB/s, peak heap, speed ratio to `wc -l` (and to a plain Java newline count)
#   bench/uploads.sh --end-to-end    one whole upload (1 MB and ~150 MB) through the local AWS, PutObject to report.json
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile
CP_FILE="$(mktemp)"
trap 'rm -f "$CP_FILE"' EXIT
mvn -B -q dependency:build-classpath -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test
CP="target/test-classes:target/classes:$(cat "$CP_FILE")"
if [[ "${1:-}" == "--end-to-end" ]]; then
  java -Xmx512m -Daws.requestChecksumCalculation=when_required -cp "$CP" bench.UploadEndToEndBench
  exit
fi
java -Xmx64m -XX:+UseSerialGC -cp "$CP" bench.UploadInspectionBench "$@"
