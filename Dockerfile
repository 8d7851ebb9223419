# The production image: the shaded jar on a small JRE. Build: mvn -B -DskipTests package && docker build -t camel-pipelines .
# (Jib builds the same without Docker: mvn -Pimage package jib:build -Dimage=<registry>/camel-pipelines:<tag>.)
# Run it as the Deployments in k8s/ do: read-only root filesystem, an emptyDir on /tmp, one pipeline per pod.
FROM eclipse-temurin:17-jre

# a fixed numeric user, so that Kubernetes' runAsNonRoot can verify it (k8s/base/pod-defaults.yaml: 10001)
RUN groupadd --system --gid 10001 camel \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /tmp --shell /usr/sbin/nologin camel

COPY --chown=0:0 target/camel-pipelines.jar /opt/camel-pipelines/camel-pipelines.jar

USER 10001:10001
WORKDIR /tmp
EXPOSE 8080

# Heap from the container's memory limit: half of it, the rest is metaspace, threads, direct buffers and the page
# cache the spool files go through (docs/kubernetes.md#memory-and-cpu). An OutOfMemoryError ends the JVM, so that
# Kubernetes restarts the pod instead of leaving a broken one; SIGTERM reaches java (exec form) and Camel Main drains.
# JDK_JAVA_OPTIONS adds or overrides flags without rebuilding.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=50", "-XX:+ExitOnOutOfMemoryError", "-Djava.io.tmpdir=/tmp", "-jar", "/opt/camel-pipelines/camel-pipelines.jar"]
