package dev.homeostat.e2e;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository's folders are, seen from a test running in any module folder. */
final class RepositoryPaths {
    private RepositoryPaths() { }

    static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent())
            if (Files.isDirectory(dir.resolve("scenarios")) && Files.isRegularFile(dir.resolve("homeostat"))) return dir;
        throw new IllegalStateException("cannot find the repository root above " + Path.of("").toAbsolutePath());
    }
}
