#!/usr/bin/env bash
# Dataset transforms: each registered function on the synthetic Oslo inputs (x1 and x BENCH_SCALE rows, default 100),
# warm: task time (inputs on disk -> output files in memory), peak heap, and the ratio to reading the same inputs once
# with the engine alone (count(*)) in the same run. Run from the repository root: bench/transforms.sh
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-transforms.classpath -Dmdep.includeScope=test
java -Xmx"${BENCH_HEAP:-2g}" -Dbench.scale="${BENCH_SCALE:-100}" -Dbench.runs="${BENCH_RUNS:-5}" -Dlog4j2.level=WARN \
  -cp "target/classes:target/test-classes:$(cat target/bench-transforms.classpath)" bench.TransformsBench
