# syntax=docker/dockerfile:1
# Builds target/nightlight.jar with the Maven wrapper, records what a start loads (an ahead-of-time cache,
# JDK 25), then runs it on a JDK 25 JRE as a non-root user (the jar itself needs Java 17 or newer). Untested here (no Docker engine on the development machine;
# `java -jar nightlight.jar warm-up FILE` and starting with -XX:AOTCache=FILE were run by hand on JDK 25).

FROM maven:3.9.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
COPY db/ db/
COPY i18n/ i18n/
COPY src/ src/
RUN --mount=type=cache,target=/root/.m2 chmod +x mvnw && ./mvnw -B -q -DskipTests package

FROM eclipse-temurin:25.0.3_9-jre-noble
RUN groupadd --system nightlight \
 && useradd --system --gid nightlight --home-dir /var/lib/nightlight --create-home nightlight
COPY --from=build /src/target/nightlight.jar /opt/nightlight/nightlight.jar
# The warm-up starts the server on an embedded PostgreSQL holding the demo (in a temporary directory, deleted
# after), walks the site, and keeps what that start loaded: restarts then reach the first page in about half the
# time (README, "Faster restarts"). PostgreSQL refuses to run as root, hence the user; the cache stays read-only.
USER nightlight
RUN java -jar /opt/nightlight/nightlight.jar warm-up /tmp/nightlight.aot
USER root
RUN mv /tmp/nightlight.aot /opt/nightlight/nightlight.aot && chmod 444 /opt/nightlight/nightlight.aot
USER nightlight
WORKDIR /var/lib/nightlight
# Listen on all interfaces inside the container; the embedded database (only used when NIGHTLIGHT_DB_URL is
# unset) keeps its files in the data directory; mount a volume there if you use it.
ENV NIGHTLIGHT_BIND=0.0.0.0 \
    NIGHTLIGHT_PORT=8080 \
    NIGHTLIGHT_DATA_DIR=/var/lib/nightlight
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s CMD ["java", "-jar", "/opt/nightlight/nightlight.jar", "health"]
ENTRYPOINT ["java", "-XX:AOTCache=/opt/nightlight/nightlight.aot", "-jar", "/opt/nightlight/nightlight.jar"]
