#!/usr/bin/env bash
# Memory of the 150 MB upload and the 40 MB email (peak heap used, peak RSS) within the configured heap:
#   bench/memory.sh        the production jar, one pipeline per process, with the Dockerfile's JVM flags and the
#                          Deployment's memory limit (-XX:MaxRAM stands in for the container's cgroup limit)
#   bench/memory.sh local  the local run (mvn -Plocal): local AWS + both pipelines in one JVM with the local run's heap
# Run from the repository root; builds the jar (mvn package) when it is missing or older than the sources.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-jar}"
if [[ "$mode" == "jar" && ( ! -f target/camel-pipelines.jar || -n "$(find src/main pom.xml -newer target/camel-pipelines.jar -print -quit)" ) ]]; then
  mvn -B -q -DskipTests package
fi
mvn -B -q test-compile
CP_FILE="$(mktemp)"
trap 'rm -f "$CP_FILE"' EXIT
mvn -B -q dependency:build-classpath -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test
CP="target/test-classes:target/classes:$(cat "$CP_FILE")"
# the local run's heap, as the pom's local profile sets it
LOCAL_HEAP="$(sed -n 's:.*<local.jvm.heap>\(.*\)</local.jvm.heap>.*:\1:p' pom.xml)"
java ${LOCAL_HEAP:--Xmx1g} -Daws.requestChecksumCalculation=when_required -Daws.responseChecksumValidation=when_required \
  -Dlog4j2.level=WARN -Dbench.jar="${BENCH_JAR:-target/camel-pipelines.jar}" -cp "$CP" bench.MemoryBench "$mode" "${2:-uploads,email}"
