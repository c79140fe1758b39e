package dev.homeostat.testbed.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.homeostat.chaos.ChaosManifests;
import dev.homeostat.chaos.ManifestContext;
import dev.homeostat.chaos.ManifestException;
import dev.homeostat.chaos.ManifestTranslator;
import dev.homeostat.chaos.TargetCluster;
import dev.homeostat.simulator.fault.Fault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The faults of a scenario's {@code manifest:} entry: a path to a Chaos Mesh manifest, or the object written inline. */
final class ManifestFaults {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ManifestFaults() { }

    /**
     * The manifest written inline, translated as kubectl would receive it. The translator reads it back from YAML of
     * its own writing, whose lines are not the scenario's, so an error is placed by its field path within the manifest,
     * which the scenario file knows the line of: {@code s.yaml:57: spec.faults[0].manifest.spec.mode: …}.
     */
    private static List<Fault> inline(ScenarioSource src, String field, JsonNode manifest, ManifestTranslator manifests, Duration start,
                                      Duration horizon) throws JsonProcessingException {
        try {
            return manifests.translate(src.file() + " (" + field + ")", YAML.writeValueAsString(manifest), start, horizon);
        } catch (ManifestException e) {
            throw src.error(e.field().isEmpty() ? field : field + "." + e.field(), e.problem());
        }
    }

    /** {@code cluster}: the scenario's (its name, which an experiment's {@code remoteCluster} must give, and its nodes' machines). */
    static List<Fault> of(ScenarioSource src, String field, JsonNode manifest, Duration start, Duration horizon, TargetCluster cluster) {
        ManifestTranslator manifests = ChaosManifests.forCluster(cluster);
        List<Fault> translated;
        try {
            if (manifest.isTextual()) {
                Path path = src.file().toAbsolutePath().getParent().resolve(manifest.asText()).normalize();
                if (!Files.isRegularFile(path))
                    throw src.error(field, "no such file: " + path + " (paths are relative to the scenario file)");
                translated = manifests.translate(path, start, horizon);
            } else if (manifest.isObject()) {
                translated = inline(src, field, manifest, manifests, start, horizon);
            } else {
                throw src.error(field, "give the path of a Chaos Mesh manifest, or the object itself (apiVersion, kind, metadata, spec)");
            }
        } catch (ManifestException e) {
            throw src.error(field, e.getMessage());
        } catch (JsonProcessingException e) {
            throw src.error(field, "cannot write the inline manifest back as YAML: " + e.getOriginalMessage());
        }
        List<Fault> faults = new ArrayList<>();
        for (Fault f : translated) {
            // the translation numbers the parts of one experiment (netem's delay, loss… as name#1, name#2): the name is before '#'
            String name = ManifestContext.experimentName(f.name());
            ScenarioNames.check(src, manifest.isObject() ? field + ".metadata.name" : field, KubernetesNames.SUBDOMAIN,
                    "a Chaos Mesh experiment's metadata.name", name);
            faults.add(f);
        }
        return faults;
    }
}
