package dev.homeostat.chaos.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.homeostat.chaos.crd.ChaosMeshKinds;
import io.fabric8.chaosmesh.v1alpha1.DNSChaosSpec;
import io.fabric8.chaosmesh.v1alpha1.HTTPChaosSpec;
import io.fabric8.chaosmesh.v1alpha1.IOChaosSpec;
import io.fabric8.chaosmesh.v1alpha1.NetworkChaosSpec;
import io.fabric8.chaosmesh.v1alpha1.PodChaosSpec;
import io.fabric8.chaosmesh.v1alpha1.StressChaosSpec;
import io.fabric8.chaosmesh.v1alpha1.TimeChaosSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chaos Mesh's {@code EmbedChaos}: the spec of one experiment inside a Schedule or a Workflow template,
 * under the field named after its kind ({@code podChaos}, {@code networkChaos}, …). The specs of kinds the simulator
 * does not model (awsChaos, physicalmachineChaos …; refused by the CRD check) are kept as written in
 * {@link #getAdditionalProperties()}, so a live run applies them unchanged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EmbeddedChaos {
    /** Kind → field name, for the kinds the simulator models (from the one list of kinds, {@link ChaosMeshKinds}). */
    public static final Map<String, String> FIELD_OF_KIND = ChaosMeshKinds.experiments().stream()
            .collect(java.util.stream.Collectors.toUnmodifiableMap(ChaosMeshKinds.Kind::name, ChaosMeshKinds.Kind::embedField));
    public static final List<String> KINDS = ChaosMeshKinds.experiments().stream().map(ChaosMeshKinds.Kind::name).toList();

    private PodChaosSpec podChaos;
    private NetworkChaosSpec networkChaos;
    private StressChaosSpec stressChaos;
    private HTTPChaosSpec httpChaos;
    private IOChaosSpec ioChaos;
    private TimeChaosSpec timeChaos;
    private DNSChaosSpec dnsChaos;
    private final Map<String, Object> additionalProperties = new LinkedHashMap<>();

    public PodChaosSpec getPodChaos() { return podChaos; }
    public void setPodChaos(PodChaosSpec v) { podChaos = v; }
    public NetworkChaosSpec getNetworkChaos() { return networkChaos; }
    public void setNetworkChaos(NetworkChaosSpec v) { networkChaos = v; }
    public StressChaosSpec getStressChaos() { return stressChaos; }
    public void setStressChaos(StressChaosSpec v) { stressChaos = v; }
    public HTTPChaosSpec getHttpChaos() { return httpChaos; }
    public void setHttpChaos(HTTPChaosSpec v) { httpChaos = v; }
    public IOChaosSpec getIoChaos() { return ioChaos; }
    public void setIoChaos(IOChaosSpec v) { ioChaos = v; }
    public TimeChaosSpec getTimeChaos() { return timeChaos; }
    public void setTimeChaos(TimeChaosSpec v) { timeChaos = v; }
    public DNSChaosSpec getDnsChaos() { return dnsChaos; }
    public void setDnsChaos(DNSChaosSpec v) { dnsChaos = v; }

    /** The embedded spec fields present, by field name, in a fixed order. */
    public List<String> presentEmbeddings() {
        var out = new java.util.ArrayList<String>();
        if (podChaos != null) out.add("podChaos");
        if (networkChaos != null) out.add("networkChaos");
        if (stressChaos != null) out.add("stressChaos");
        if (httpChaos != null) out.add("httpChaos");
        if (ioChaos != null) out.add("ioChaos");
        if (timeChaos != null) out.add("timeChaos");
        if (dnsChaos != null) out.add("dnsChaos");
        // the kinds without a typed field here (JVMChaos, BlockChaos, the cloud kinds) arrive as additional properties
        for (ChaosMeshKinds.Kind k : ChaosMeshKinds.experiments())
            if (!out.contains(k.embedField()) && additionalProperties.get(k.embedField()) != null) out.add(k.embedField());
        return out;
    }

    @JsonAnyGetter public Map<String, Object> getAdditionalProperties() { return additionalProperties; }
    @JsonAnySetter public void setAdditionalProperty(String name, Object value) { additionalProperties.put(name, value); }
}
