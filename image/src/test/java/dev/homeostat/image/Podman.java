package dev.homeostat.image;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's podman as these machines run it (shared/STACK.md): the runc runtime, cgroupfs, and no default ulimits
 * (the default ones need CAP_SYS_RESOURCE), set in a containers.conf of our own named by CONTAINERS_CONF.
 */
final class Podman {
    /** The image tarball {@code mvn -Pimage -pl image -am package} writes. */
    static final Path IMAGE_TAR = Path.of("target", "homeostat-image.tar");
    private final Path conf;

    Podman(Path dir) throws IOException {
        conf = dir.resolve("containers.conf");
        Files.writeString(conf, """
                [containers]
                default_ulimits = []
                [engine]
                runtime = "runc"
                cgroup_manager = "cgroupfs"
                """);
    }

    /** Null when podman and the image tarball are here, else why the container tests cannot run. */
    static String unavailable() {
        if (!onPath("podman")) return "podman is not installed (Debian: apt-get install podman runc uidmap; .ci/run installs it)";
        if (!Files.isRegularFile(IMAGE_TAR)) return IMAGE_TAR.toAbsolutePath() + " is missing: build it first with mvn -B -Pimage -pl image -am package -Dmaven.test.skip=true (.ci/run does)";
        return null;
    }

    static boolean onPath(String binary) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
            if (Files.isExecutable(Path.of(d, binary))) return true;
        return false;
    }

    /** The output of {@code podman ARGS} (stdout and stderr); throws naming the command when it fails or hangs. */
    String run(String... args) throws IOException, InterruptedException {
        var command = new ArrayList<String>(List.of("podman", "--runtime", "runc"));
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("CONTAINERS_CONF", conf.toString());
        Process p = builder.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + ": no answer within 120 s");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) throw new IOException(String.join(" ", command) + " exited " + p.exitValue() + ": " + text);
        return text;
    }

    /** Loads the image tarball; returns the image's name as podman lists it. */
    String load() throws IOException, InterruptedException {
        String out = run("load", "-i", IMAGE_TAR.toAbsolutePath().toString());
        for (String line : out.split("\n")) if (line.startsWith("Loaded image: ")) return line.substring("Loaded image: ".length()).trim();
        throw new IOException("podman load printed no image name: " + out);
    }

    /** Makes {@code dir} and its files readable by the image's non-root user (uid 10001). */
    static void shareReadOnly(Path dir) throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) if (Files.isRegularFile(f)) Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }
}
