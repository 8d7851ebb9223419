#!/usr/bin/env bash
# Issue 15.7: MultipartReader against the mail library's MimeMultipart on ~40 MB emails (SES's maximum), with the
# time to read the spooled file once as the floor, in the same run. Run from the repository root: bench/multipart.sh
# (BENCH_EMAIL_MB sets the email size). The emails are generated once under target/bench-multipart/.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-multipart.classpath -Dmdep.includeScope=test
java -Xmx256m -Dbench.emailMb="${BENCH_EMAIL_MB:-40}" \
  -cp "target/classes:target/test-classes:$(cat target/bench-multipart.classpath)" bench.MultipartReaderBench
