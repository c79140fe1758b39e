package dev.homeostat.chaos.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.List;

/** A Workflow {@code Task} template's {@code task}: the container Chaos Mesh runs, and the volumes it mounts. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Task(Container container, List<Volume> volumes) {
    public Task {
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
    }
}
