#!/usr/bin/env bash
# The fault suite (README "Faults and recovery", docs/faults.md), from the repository root:
#   bench/faults.sh            every scenario, about 12-15 min: scale-out, SIGKILL, DynamoDB killed, DynamoDB hung,
#                              webhook failing; prints the table and writes it to target/faults/report.md
#   FAULTS_ONLY=sigkill,dynamodb-hung bench/faults.sh     some scenarios only
#   FAULTS_SCALE=4 bench/faults.sh                        bigger bursts (default 2: 8 uploads, 8 emails, 2 snapshot runs)
# The local AWS runs in the suite's JVM on ports 13000-13007 (LOCAL_PORT_* move them); the application runs as two
# separate `java -jar target/camel-pipelines.jar` processes on ports 13007 and 13008, which the suite kills and restarts.
set -euo pipefail
cd "$(dirname "$0")/.."
BASE="${FAULTS_PORT_BASE:-13000}"
# one build: the jar and the classes the suite copies come from the same sources (-DskipTests still compiles the tests)
mvn -B -q -o package -DskipTests
CP_FILE="$(mktemp)"
trap 'rm -f "$CP_FILE"' EXIT
mvn -B -q -o dependency:build-classpath -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test
# the suite runs on a copy of the jar and classes, so a build in this worktree while it runs (it takes 12-15 min)
# cannot change the application under the processes it restarts
RUN="target/faults/run"
rm -rf "$RUN" && mkdir -p "$RUN"
cp target/camel-pipelines.jar "$RUN/" && cp -r target/classes target/test-classes "$RUN/"
CP="$RUN/test-classes:$RUN/classes:$(cat "$CP_FILE")"
echo "load at start: $(uptime)"
java -Xmx768m -Daws.requestChecksumCalculation=when_required \
  -Dlocal.port.s3="${LOCAL_PORT_S3:-$BASE}" -Dlocal.port.sqs="${LOCAL_PORT_SQS:-$((BASE + 1))}" \
  -Dlocal.port.dynamodb="${LOCAL_PORT_DYNAMODB:-$((BASE + 2))}" -Dlocal.port.sns="${LOCAL_PORT_SNS:-$((BASE + 3))}" \
  -Dlocal.port.ses="${LOCAL_PORT_SES:-$((BASE + 4))}" -Dlocal.port.sfn="${LOCAL_PORT_SFN:-$((BASE + 5))}" \
  -Dlocal.port.smtp="${LOCAL_PORT_SMTP:-$((BASE + 6))}" -Dlocal.port.app="${LOCAL_PORT_APP:-$((BASE + 7))}" \
  -Dfaults.only="${FAULTS_ONLY:-scale-out,sigkill,dynamodb-killed,dynamodb-hung,webhook-failing}" \
  -Dfaults.scale="${FAULTS_SCALE:-2}" -Dfaults.jar="$RUN/camel-pipelines.jar" \
  -cp "$CP" faults.FaultSuite
echo "load at end: $(uptime)"
