# syntax=docker/dockerfile:1
# Builds target/nightlight.jar with the Maven wrapper, then runs it on a JRE as a non-root user.
# Untested here (no Docker engine on the development machine).

FROM maven:3.9.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
COPY db/ db/
COPY i18n/ i18n/
COPY src/ src/
RUN --mount=type=cache,target=/root/.m2 chmod +x mvnw && ./mvnw -B -q -DskipTests package

FROM eclipse-temurin:17.0.13_11-jre-jammy
RUN groupadd --system nightlight \
 && useradd --system --gid nightlight --home-dir /var/lib/nightlight --create-home nightlight
COPY --from=build /src/target/nightlight.jar /opt/nightlight/nightlight.jar
USER nightlight
WORKDIR /var/lib/nightlight
# Listen on all interfaces inside the container; the embedded database (only used when NIGHTLIGHT_DB_URL is
# unset) keeps its files in the data directory; mount a volume there if you use it.
ENV NIGHTLIGHT_BIND=0.0.0.0 \
    NIGHTLIGHT_PORT=8080 \
    NIGHTLIGHT_DATA_DIR=/var/lib/nightlight
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s CMD ["java", "-jar", "/opt/nightlight/nightlight.jar", "health"]
ENTRYPOINT ["java", "-jar", "/opt/nightlight/nightlight.jar"]
