package dev.homeostat.testbed.cli;

import dev.homeostat.testbed.scenario.Scenario;
import dev.homeostat.testbed.scenario.ScenarioLoader;
import dev.homeostat.testbed.serve.ServeOptions;
import dev.homeostat.testbed.serve.SimServer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code homeostat sim serve}: the simulator in real time, for rehearsals with a real Prometheus and engine. */
@Command(name = "sim", mixinStandardHelpOptions = true, subcommands = SimCommand.Serve.class,
        description = "The simulator as a live cluster (see 'sim serve --help').")
public final class SimCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return Homeostat.EXIT_BAD_INPUT;
    }

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = {"Run a scenario's simulation paced to wall time (× --speed), serve its metrics at /metrics for Prometheus,",
                    "and mirror its cluster into a Kubernetes API (the fabric8 mock server) whose writes — pod deletions, scaling,",
                    "Chaos Mesh resources — act on the simulation. Runs until stopped (Ctrl-C)."})
    public static final class Serve implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "SCENARIO", description = "A scenario YAML file.")
        Path scenario;

        @Option(names = "--speed", defaultValue = "1", description = "Virtual seconds per wall second (default ${DEFAULT-VALUE}).")
        double speed;

        @Option(names = "--listen", defaultValue = "127.0.0.1:0", description = "host:port of /metrics (port 0: a free one; default ${DEFAULT-VALUE}).")
        String listen;

        @Option(names = "--api-port", defaultValue = "0", description = "Port of the Kubernetes API on 127.0.0.1 (0: a free one).")
        int apiPort;

        @Option(names = "--seed", description = "Seed (default: the scenario's first).")
        Long seed;

        @Option(names = "--with-faults", description = "Also run the scenario's own faults (default: faults come through the API, e.g. 'homeostat chaos run --live').")
        boolean withFaults;

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override public Integer call() throws Exception {
            Scenario s = new ScenarioLoader().load(scenario);
            var options = new ServeOptions(speed, ServeOptions.address(listen), apiPort, seed == null ? s.seeds().getFirst() : seed, withFaults,
                    ServeOptions.DEFAULT_SYNC);
            PrintWriter out = spec.commandLine().getOut();
            var done = new CountDownLatch(1);
            try (SimServer server = SimServer.start(s, options, line -> print(out, line))) {
                print(out, "simulating " + s.name() + " (seed " + options.seed() + ") at " + speed + "× wall time");
                print(out, "metrics:        " + server.metricsUrl());
                print(out, "Kubernetes API: " + server.apiUrl() + "   (kubectl --server " + server.apiUrl() + " get pods)");
                Runtime.getRuntime().addShutdownHook(new Thread(done::countDown, "homeostat-sim-serve-stop"));
                done.await();
            }
            return Homeostat.EXIT_OK;
        }

        private static void print(PrintWriter out, String line) {
            synchronized (out) {
                out.println(line);
                out.flush();
            }
        }
    }
}
