package org.nightlight.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The static files are served from memory, so each one on the class path must be in the list loaded. */
class StaticAssetsTest {

    @Test
    void everyFileUnderStatic_isLoaded() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/static"))) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder(StaticAssets.FILES);
        }
    }
}
