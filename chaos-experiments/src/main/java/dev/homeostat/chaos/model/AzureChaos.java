package dev.homeostat.chaos.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/** Chaos Mesh's {@code AzureChaos} (chaos-mesh.org/v1alpha1), which io.fabric8:chaosmesh-model 6.9.2 does not ship. */
@Group("chaos-mesh.org")
@Version("v1alpha1")
@Plural("azurechaos")
@JsonDeserialize(using = JsonDeserializer.None.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec", "status"})
public class AzureChaos extends ChaosMeshResource<AzureChaosSpec> {
    public AzureChaos() {
        super("AzureChaos");
    }
}
