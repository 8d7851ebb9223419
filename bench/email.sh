#!/usr/bin/env bash
# Email intake benchmark: one email with a ~200 MB zip attachment (a generated meter CSV inside) through the
# unzip+clean path and through the whole route; MB/s, peak heap, and the ratio to `unzip -p` of the same archive to
# /dev/null in the same run. Run from the repository root: bench/email.sh   (BENCH_ZIP_MB=50 for a quicker run;
# BENCH_HEAP=256m sets -Xmx to show the heap stays flat). The archive is generated once under target/bench-email/.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v unzip >/dev/null; then
  echo "unzip is not installed; installing it (apt-get install unzip) ..." >&2
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    apt-get update -q >/dev/null && apt-get install -y -q unzip >/dev/null
  else
    echo "Please install unzip (e.g. sudo apt-get install unzip) and run again." >&2
    exit 1
  fi
fi

mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-email.classpath -Dmdep.includeScope=test
java -Xmx"${BENCH_HEAP:-256m}" -Dbench.zipMb="${BENCH_ZIP_MB:-200}" -Dlog4j2.level=WARN \
  -Daws.requestChecksumCalculation=when_required \
  -cp "target/classes:target/test-classes:$(cat target/bench-email.classpath)" bench.EmailUnzipBench
