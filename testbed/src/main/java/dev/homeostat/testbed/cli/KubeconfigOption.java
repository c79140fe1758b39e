package dev.homeostat.testbed.cli;

import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import picocli.CommandLine.Option;

/** {@code --kubeconfig}, shared by the commands that talk to a Kubernetes API (a picocli mixin). */
final class KubeconfigOption {
    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Kubeconfig to use. Default: in-cluster service account, else KUBECONFIG or ~/.kube/config.")
    Path kubeconfig;

    /** The client configuration: the given file, or fabric8's usual discovery. */
    Config config() throws IOException {
        return config(null);
    }

    /** The configuration of the kubeconfig's context {@code context} (null: its current context). */
    Config config(String context) throws IOException {
        if (kubeconfig == null) return Config.autoConfigure(context);
        if (!Files.isRegularFile(kubeconfig)) throw new IllegalArgumentException("--kubeconfig: " + kubeconfig + ": file not found; check the path");
        String contents = Files.readString(kubeconfig);
        return context == null ? Config.fromKubeconfig(contents) : Config.fromKubeconfig(context, contents, kubeconfig.toString());
    }

    /** The names of the kubeconfig's contexts (none in-cluster), sorted. */
    static List<String> contexts(Config config) {
        if (config.getContexts() == null) return List.of();
        return config.getContexts().stream().map(NamedContext::getName).filter(Objects::nonNull).sorted().toList();
    }
}
