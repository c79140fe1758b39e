package dev.homeostat.chaos;

import dev.homeostat.simulator.fault.Fault;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/**
 * Turns one Chaos Mesh experiment of one kind into simulator faults. Registered by kind in
 * {@link TranslatorRegistry}. Implementations validate everything they read and fail through
 * {@link ManifestContext#fail} so the error names file, line and field.
 *
 * @param <T> the fabric8 Chaos Mesh model of the kind, e.g. {@code PodChaos}
 */
public interface FaultTranslator<T extends HasMetadata> {
    /** The model class the document is read into. */
    Class<T> modelType();

    /** Faults starting at {@link ManifestContext#appliedAt()}, named with {@link ManifestContext#faultNames}. */
    List<Fault> translate(T experiment, ManifestContext context);
}
