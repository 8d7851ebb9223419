#!/usr/bin/env bash
# Dataset transforms: every registered function (Functions.ALL; its first type, or every type with BENCH_TYPES=all) on
# the synthetic Oslo inputs (x1 and x BENCH_SCALE rows, default 100), warm, through the pipeline as production wires it
# (an in-memory bucket): time from the task received to its answer (the step_data SendTaskSuccess sends), peak heap,
# and the ratio to reading the same inputs once with the engine alone (count(*)) in the same run.
# Run from the repository root: bench/transforms.sh (BENCH_RUNS for x1, BENCH_BIG_RUNS for the big inputs,
# BENCH_FUNCTIONS=a,b for only those functions)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-transforms.classpath -Dmdep.includeScope=test
java -Xmx"${BENCH_HEAP:-2g}" -Dbench.scale="${BENCH_SCALE:-100}" -Dbench.runs="${BENCH_RUNS:-5}" -Dbench.big-runs="${BENCH_BIG_RUNS:-${BENCH_RUNS:-5}}" -Dbench.types="${BENCH_TYPES:-first}" -Dbench.functions="${BENCH_FUNCTIONS:-}" -Dlog4j2.level=WARN \
  -cp "target/classes:target/test-classes:$(cat target/bench-transforms.classpath)" bench.TransformsBench
