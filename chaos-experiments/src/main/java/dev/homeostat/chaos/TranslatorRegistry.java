package dev.homeostat.chaos;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The fault translators by Chaos Mesh {@code kind}; one place to see (and extend) what is modelled. */
public final class TranslatorRegistry {
    /** One registration: {@code kind} as written in manifests, and its translator. */
    public record Entry(String kind, FaultTranslator<?> translator) {
        public Entry {
            if (kind == null || kind.isBlank()) throw new IllegalArgumentException("kind: required, e.g. PodChaos");
            if (translator == null) throw new IllegalArgumentException("translator: required for kind " + kind);
        }
    }

    private final Map<String, FaultTranslator<?>> byKind = new LinkedHashMap<>();

    public TranslatorRegistry(List<Entry> entries) {
        for (Entry e : entries)
            if (byKind.putIfAbsent(e.kind(), e.translator()) != null)
                throw new IllegalArgumentException("kind: " + e.kind() + " registered twice; register each kind once");
    }

    /**
     * Every kind the simulator models: PodChaos, StressChaos, NetworkChaos, HTTPChaos, IOChaos, TimeChaos,
     * DNSChaos, JVMChaos, BlockChaos, the cloud kinds AWSChaos, GCPChaos and AzureChaos, Schedule and Workflow over
     * them, and the standalone StatusCheck.
     */
    public static TranslatorRegistry defaults() {
        var experiments = new TranslatorRegistry(List.of(
                new Entry("PodChaos", new PodChaosTranslator()),
                new Entry("StressChaos", new StressChaosTranslator()),
                new Entry("NetworkChaos", new NetworkChaosTranslator()),
                new Entry("HTTPChaos", new HttpChaosTranslator()),
                new Entry("IOChaos", new IoChaosTranslator()),
                new Entry("TimeChaos", new TimeChaosTranslator()),
                new Entry("DNSChaos", new DnsChaosTranslator()),
                new Entry("JVMChaos", new JvmChaosTranslator()),
                new Entry("BlockChaos", new BlockChaosTranslator()),
                new Entry("AWSChaos", new AwsChaosTranslator()),
                new Entry("GCPChaos", new GcpChaosTranslator()),
                new Entry("AzureChaos", new AzureChaosTranslator())));
        return experiments
                .with(new Entry("Schedule", new ScheduleTranslator(experiments)))
                .with(new Entry("Workflow", new WorkflowTranslator(experiments)))
                .with(new Entry("StatusCheck", new StatusCheckTranslator(experiments)));
    }

    /** A registry with {@code entry} added to these ones. */
    public TranslatorRegistry with(Entry entry) {
        var all = new java.util.ArrayList<Entry>();
        byKind.forEach((k, t) -> all.add(new Entry(k, t)));
        all.add(entry);
        return new TranslatorRegistry(all);
    }

    public Optional<FaultTranslator<?>> find(String kind) {
        return Optional.ofNullable(byKind.get(kind));
    }

    /** Registered kinds in registration order. */
    public List<String> kinds() {
        return List.copyOf(byKind.keySet());
    }
}
