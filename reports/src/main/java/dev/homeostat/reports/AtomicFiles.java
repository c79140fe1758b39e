package dev.homeostat.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;

/**
 * Writes a file so that readers see either the old content or the whole new content, never half of it:
 * the bytes go to a temporary file in the same folder (same file system, so the move can be atomic),
 * which is then moved over the target with {@code ATOMIC_MOVE}.
 */
public final class AtomicFiles {
    private AtomicFiles() { }

    /** Creates the parent folder when missing; a failed write leaves the target untouched and no temp file behind. */
    public static void write(Path target, byte[] content) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(content, "content");
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + absolute.getFileName(), ".tmp");
            Files.write(tmp, content);
            if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                // createTempFile makes the file owner-only (0600); reports are meant to be read by others too
                // (a CI server publishing the folder), so give it the mode of an ordinary new file.
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            }
            Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + absolute + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // The write already failed and that failure is what the caller needs to see.
                }
            }
        }
    }
}
