package dev.homeostat.testbed.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code homeostat version}: the build's version and the Java it runs on. */
@Command(name = "version", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class, description = "Print Homeostat's version and the Java runtime it runs on.")
final class VersionCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public Integer call() {
        for (String line : new Provider().getVersion()) spec.commandLine().getOut().println(line);
        return Homeostat.EXIT_OK;
    }

    static final class Provider implements CommandLine.IVersionProvider {
        @Override public String[] getVersion() {
            String version = Homeostat.class.getPackage().getImplementationVersion();
            return new String[] {
                    "homeostat " + (version == null ? "development build" : version),
                    "java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
            };
        }
    }
}
