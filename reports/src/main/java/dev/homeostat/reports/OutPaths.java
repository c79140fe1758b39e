package dev.homeostat.reports;

import java.nio.file.Path;

/**
 * Paths under an output folder built from names that come from input (scenario names, detector names, dataset
 * files): each name must be one plain path segment, and the resolved path must stay inside the folder, so no input
 * can make a command write outside {@code --out}. Loaders refuse such names first, naming the field; this is the
 * last line, where the file is written.
 */
public final class OutPaths {
    private OutPaths() { }

    /** {@code dir/name}, refused unless {@code name} is a single segment (no separator, not {@code .} or {@code ..}). */
    public static Path child(Path dir, String name) {
        if (name == null || name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0
                || name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0)
            throw new IllegalArgumentException("'" + name + "' cannot name a file under " + dir
                    + ": a name must be one path segment, without '/', '\\' or '..'");
        return inside(dir, dir.resolve(name));
    }

    /** {@code file}, refused unless it lies strictly inside {@code root} once both are made absolute and normalised. */
    public static Path inside(Path root, Path file) {
        Path r = root.toAbsolutePath().normalize();
        Path f = file.toAbsolutePath().normalize();
        if (!f.startsWith(r) || f.equals(r))
            throw new IllegalArgumentException(file + " would be written outside the output folder " + root + "; refused");
        return file;
    }
}
