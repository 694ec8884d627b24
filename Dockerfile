# The poolrescue worker: polls task queue "pool-recovery" on a Temporal frontend and runs the
# recovery workflows against a pool (a real pool master over XAPI, or a simulated pool).
# Build:  docker build -t poolrescue-worker .

# ---- build stage: the Maven reactor, tests skipped (CI runs them) --------------------------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
# Every module of the reactor: Maven reads them all even when it builds one (-pl worker -am).
COPY signing/ signing/
COPY pool/ pool/
COPY simulator/ simulator/
COPY activities/ activities/
COPY workflows/ workflows/
COPY client/ client/
COPY worker/ worker/
COPY devstack/ devstack/
COPY starter/ starter/
COPY console/ console/
COPY launcher/ launcher/
# One reactor invocation, so sibling modules resolve from the reactor (nothing is installed).
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -DskipTests -pl worker -am package \
        dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=/out/lib \
 && cp worker/target/poolrescue-worker-*.jar /out/lib/

# ---- runtime stage: a JRE and the worker's classpath ---------------------------------------------
FROM eclipse-temurin:17-jre
RUN groupadd --system poolrescue && useradd --system --gid poolrescue --uid 10001 poolrescue \
 && mkdir -p /var/lib/poolrescue/backups && chown -R poolrescue:poolrescue /var/lib/poolrescue
COPY --from=build /out/lib/ /opt/poolrescue/lib/
USER poolrescue
VOLUME ["/var/lib/poolrescue"]
# Prometheus metrics (only when --metrics-port is given)
EXPOSE 9464
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-cp", "/opt/poolrescue/lib/*", "io.poolrescue.worker.WorkerMain"]
# Everything else comes from POOLRESCUE_* environment variables (see docker-compose.yml).
CMD []
