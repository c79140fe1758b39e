package dev.homeostat.testbed.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * An output folder written as a whole. {@link #open} checks the folder before any work (a file in the way, a folder
 * that cannot be made or written: bad input, exit 2) and makes a staging folder inside it; the command writes there,
 * and {@link #publish} moves every file into place (each move atomic, the top-level files such as report.json last,
 * so a reader that sees the report sees everything it refers to). A command that fails or is interrupted (Ctrl-C,
 * SIGTERM: a shutdown hook) leaves the folder as it was.
 */
final class StagedOutput implements AutoCloseable {
    static final String STAGING_PREFIX = ".homeostat-staging-";

    private final Path target;
    private final Path staging;
    private final Thread hook;

    private StagedOutput(Path target, Path staging) {
        this.target = target;
        this.staging = staging;
        this.hook = Thread.ofPlatform().unstarted(() -> deleteTree(staging));
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Checks {@code dir} (the value of {@code option}) and stages writes into it; nothing has run yet. */
    static StagedOutput open(String option, Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir))
            throw new IllegalArgumentException(option + " " + dir + ": is a file, not a folder; give a folder (it is created when missing)");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalArgumentException(option + " " + dir + ": cannot create the folder (" + IoText.reason(e) + "); give a folder you can write to");
        }
        try {
            return new StagedOutput(dir, Files.createTempDirectory(dir, STAGING_PREFIX));
        } catch (IOException e) {
            throw new IllegalArgumentException(option + " " + dir + ": cannot write in this folder (" + IoText.reason(e) + "); give a folder you can write to");
        }
    }

    /** Checks that {@code dir} (the value of {@code option}) is a folder that can be made and written, before any work. */
    static void checkFolder(String option, Path dir) {
        if (dir == null) return;
        open(option, dir).close();
    }

    /** Checks that {@code file} (the value of {@code option}) can be written, before any work: its folder exists or can be made, and nothing but a file is in the way. */
    static void checkFile(String option, Path file) {
        if (file == null) return;
        if (Files.isDirectory(file)) throw new IllegalArgumentException(option + " " + file + ": is a folder; give a file name");
        Path parent = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
            Files.delete(Files.createTempFile(parent, ".homeostat-check-", ".tmp"));
        } catch (IOException e) {
            throw new IllegalArgumentException(option + " " + file + ": cannot write there (" + IoText.reason(e) + "); give a file in a folder you can write to");
        }
    }

    /** Where the command writes. */
    Path dir() { return staging; }

    /** Moves everything written into the folder; an I/O failure here is exit 3 (the work is done, the disk failed). */
    void publish() {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(staging)) {
            files = walk.filter(Files::isRegularFile)
                    .sorted(Comparator.comparingInt((Path p) -> -staging.relativize(p).getNameCount()).thenComparing(Comparator.naturalOrder()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + staging + ": " + IoText.reason(e), e);
        }
        for (Path f : files) {
            Path into = target.resolve(staging.relativize(f).toString());
            try {
                Files.createDirectories(into.getParent());
                Files.move(f, into, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + into + ": " + IoText.reason(e), e);
            }
        }
    }

    @Override public void close() {
        deleteTree(staging);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run; it deletes the same folder
        }
    }

    static void deleteTree(Path root) {
        for (int attempt = 0; attempt < 3 && Files.exists(root); attempt++) {
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            } catch (IOException | UncheckedIOException e) {
                // a worker thread may still be writing while the JVM stops; try again
            }
        }
    }
}
