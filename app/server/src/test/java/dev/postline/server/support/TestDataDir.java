package dev.postline.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A fresh data folder (blobs) per test context, under the build directory so `mvn clean` removes it. */
final class TestDataDir {

    private TestDataDir() {}

    static Path create() {
        try {
            Path base = Path.of("target", "test-data").toAbsolutePath();
            Files.createDirectories(base);
            return Files.createTempDirectory(base, "ctx-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
