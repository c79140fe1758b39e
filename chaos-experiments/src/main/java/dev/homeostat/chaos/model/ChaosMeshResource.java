package dev.homeostat.chaos.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.ObjectMeta;

/**
 * The envelope every Chaos Mesh custom resource shares (apiVersion, kind, metadata, spec, status),
 * for the kinds io.fabric8:chaosmesh-model 6.9.2 does not ship. Subclasses name the kind and carry the
 * fabric8 {@code @Group}/{@code @Version} annotations.
 */
public abstract class ChaosMeshResource<S> implements HasMetadata, Namespaced {
    private String apiVersion = "chaos-mesh.org/v1alpha1";
    private String kind;
    private ObjectMeta metadata;
    private S spec;
    private JsonNode status;

    protected ChaosMeshResource(String kind) {
        this.kind = kind;
    }

    @Override public String getApiVersion() { return apiVersion; }
    @Override public void setApiVersion(String v) { apiVersion = v; }
    @Override public String getKind() { return kind; }
    public void setKind(String v) { kind = v; }
    @Override public ObjectMeta getMetadata() { return metadata; }
    @Override public void setMetadata(ObjectMeta v) { metadata = v; }
    public S getSpec() { return spec; }
    public void setSpec(S v) { spec = v; }
    public JsonNode getStatus() { return status; }
    public void setStatus(JsonNode v) { status = v; }
}
