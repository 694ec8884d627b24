# The poolrescue operator console: a web server on Temporal's client API (no state of its own).
# Build (from the repository root):  docker build -f deploy/console.Dockerfile -t poolrescue-console .

# ---- build stage: the Maven reactor, tests skipped (CI runs them) --------------------------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
# Every module of the reactor: Maven reads them all even when it builds one (-pl console -am).
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
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -DskipTests -pl console -am package \
        dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=/out/lib \
 && cp console/target/poolrescue-console-*.jar /out/lib/

# ---- runtime stage: a JRE and the console's classpath --------------------------------------------
FROM eclipse-temurin:17-jre
RUN groupadd --system poolrescue && useradd --system --gid poolrescue --uid 10001 poolrescue
COPY --from=build /out/lib/ /opt/poolrescue/lib/
USER poolrescue
EXPOSE 7290
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-cp", "/opt/poolrescue/lib/*", "io.poolrescue.console.ConsoleMain"]
# Everything else comes from POOLRESCUE_* environment variables (see docker-compose.yml).
CMD []
