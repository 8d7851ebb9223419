#!/usr/bin/env bash
# Upload inspection benchmark: generates Xpress DC CSVs (15 MB and ~150 MB), inspects them with the upload checks
# under a 64 MB heap, and prints MB/s, peak heap and the speed ratio to `wc -l` on the same file in the same run.
# Run from the repository root: bench/uploads.sh
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o test-compile
CP="target/test-classes:target/classes:$(mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test)"
exec java -Xmx64m -XX:+UseSerialGC -cp "$CP" bench.UploadInspectionBench "$@"
