package dev.homeostat.testbed.cli;

import io.fabric8.kubernetes.client.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --kubeconfig}, shared by the commands that talk to a Kubernetes API (a picocli mixin). */
final class KubeconfigOption {
    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Kubeconfig to use. Default: in-cluster service account, else KUBECONFIG or ~/.kube/config.")
    Path kubeconfig;

    /** The client configuration: the given file, or fabric8's usual discovery. */
    Config config() throws IOException {
        if (kubeconfig == null) return Config.autoConfigure(null);
        if (!Files.isRegularFile(kubeconfig)) throw new IllegalArgumentException("--kubeconfig: " + kubeconfig + ": file not found; check the path");
        return Config.fromKubeconfig(Files.readString(kubeconfig));
    }
}
