package dev.homeostat.chaos.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Chaos Mesh's {@code Schedule} (chaos-mesh.org/v1alpha1), which io.fabric8:chaosmesh-model 6.9.2 does not
 * ship: the same shape, so a live run can apply it with {@code client.resources(Schedule.class)}.
 */
@Group("chaos-mesh.org")
@Version("v1alpha1")
// fabric8's KubernetesResource deserialiser would map an unregistered kind to GenericKubernetesResource
@JsonDeserialize(using = JsonDeserializer.None.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec", "status"})
public class Schedule extends ChaosMeshResource<ScheduleSpec> {
    public Schedule() {
        super("Schedule");
    }
}
