package dev.homeostat.chaos;

import dev.homeostat.simulator.fault.Fault;
import dev.homeostat.simulator.fault.IoError;
import dev.homeostat.simulator.fault.IoLatency;
import io.fabric8.chaosmesh.v1alpha1.IOChaos;
import io.fabric8.chaosmesh.v1alpha1.IOChaosSpec;
import java.time.Duration;
import java.util.List;

/**
 * IOChaos: {@code latency} (delay, percent) → {@link IoLatency}, {@code fault} (errno, percent) → {@link IoError}, on
 * the volume {@code volumePath} of the selected containers ({@code containerNames}). {@code path} and {@code methods}
 * are checked; every file operation of a simulated request matches them. A field of the other action is ignored, as
 * Chaos Mesh ignores it.
 *
 * <p>{@code attrOverride} and {@code mistake} act through what the application does with what it is handed, so they
 * are modelled by the failure they cause: an override of {@code perm} that takes the owner's read or write permission
 * fails that share of operations with EACCES, one of {@code kind} to anything but a regular file with EISDIR or
 * EINVAL (the application opens a file that says it is something else); corrupted contents ({@code mistake}) fail
 * the request as the application's parser or checksum rejects them (EIO). Overrides no simulated request reads (times, inode, links, owner ids, size) are
 * accepted with no simulated effect (errno 0), which a note and the injection check say.
 */
final class IoChaosTranslator implements FaultTranslator<IOChaos> {
    static final List<String> ACTIONS = List.of("latency", "fault", "attrOverride", "mistake");
    private static final int EIO = 5, EACCES = 13, EISDIR = 21, EINVAL = 22;
    /** The CRD's FileType enum. */
    static final List<String> FILE_TYPES = List.of("namedPipe", "charDevice", "blockDevice", "directory", "regularFile", "symlink", "socket");
    private static final int OWNER_READ_WRITE = 0600;

    @Override public Class<IOChaos> modelType() { return IOChaos.class; }

    @Override public List<Fault> translate(IOChaos chaos, ManifestContext ctx) {
        IOChaosSpec spec = chaos.getSpec();
        if (spec == null) throw ctx.fail("spec", "required: IOChaos needs spec.action, spec.volumePath, spec.mode and spec.selector");
        String action = spec.getAction();
        if (action == null || action.isBlank()) throw ctx.fail("spec.action", "required; one of " + String.join(", ", ACTIONS));
        if (!ACTIONS.contains(action))
            throw ctx.fail("spec.action", "unknown action \"" + action + "\"; one of " + String.join(", ", ACTIONS));
        if (spec.getVolumePath() == null || spec.getVolumePath().isBlank())
            throw ctx.fail("spec.volumePath", "required: the mount point of the volume to inject into, e.g. volumePath: /var/run/data");
        int percent = spec.getPercent() == null ? 100 : spec.getPercent();
        List<String> methods = spec.getMethods() == null ? List.of() : spec.getMethods();
        for (int i = 0; i < methods.size(); i++) {
            String m = methods.get(i) == null ? "" : methods.get(i).toLowerCase(java.util.Locale.ROOT);
            if (!dev.homeostat.chaos.crd.ExperimentSchema.IO_METHODS.contains(m))
                throw ctx.fail("spec.methods[" + i + "]", "unknown file system call \"" + methods.get(i) + "\""
                        + dev.homeostat.chaos.crd.Suggest.didYouMean(m, dev.homeostat.chaos.crd.ExperimentSchema.IO_METHODS) + "; e.g. read, write, open");
        }
        var sel = ChaosSelectors.translate("spec", spec.getSelector(), spec.getMode(), spec.getValue(), spec.getContainerNames(), ctx);
        Duration duration = ctx.duration("spec.duration", spec.getDuration(), "for IOChaos (how long the fault lasts)");
        String name = ctx.faultNames(1).getFirst();
        if (action.equals("latency")) {
            Duration delay = ctx.requiredDuration("spec.delay", spec.getDelay(), "for action latency");
            return List.of(new IoLatency(name, ctx.appliedAt(), duration, sel.selector(), sel.mode(), delay, percent, spec.getVolumePath()));
        }
        int errno = switch (action) {
            case "attrOverride" -> attrErrno(spec.getAttr(), ctx);
            case "mistake" -> {
                if (spec.getMistake() == null)
                    throw ctx.fail("spec.mistake", "required for action mistake, e.g. mistake: {filling: zero, maxOccurrences: 1, maxLength: 10}");
                yield EIO;
            }
            default -> {
                if (spec.getErrno() == null || spec.getErrno() <= 0)
                    throw ctx.fail("spec.errno", "required for action fault: the error number to return, e.g. errno: 5 (EIO)");
                yield spec.getErrno();
            }
        };
        return List.of(new IoError(name, ctx.appliedAt(), duration, sel.selector(), sel.mode(), errno, percent, spec.getVolumePath(), action));
    }

    /** The error an application meets on a file whose attributes say this; refused for attributes no request reads. */
    private static int attrErrno(io.fabric8.chaosmesh.v1alpha1.AttrOverrideSpec attr, ManifestContext ctx) {
        if (attr == null) throw ctx.fail("spec.attr", "required for action attrOverride, e.g. attr: {perm: 72}");
        if (attr.getPerm() != null && attr.getPerm() < 0)
            throw ctx.fail("spec.attr.perm", "must be a permission mode (decimal, e.g. 72 for octal 0110), was " + attr.getPerm());
        if (attr.getPerm() != null && (attr.getPerm() & OWNER_READ_WRITE) != OWNER_READ_WRITE) return EACCES;
        if (attr.getKind() != null) {
            if (!FILE_TYPES.contains(attr.getKind()))
                throw ctx.fail("spec.attr.kind", "unknown file type \"" + attr.getKind() + "\"; one of " + String.join(", ", FILE_TYPES));
            if (!attr.getKind().equals("regularFile")) return attr.getKind().equals("directory") ? EISDIR : EINVAL;
        }
        ctx.note("spec.attr", "no simulated effect: only perm (taking the owner's read or write permission) and kind change what a "
                + "simulated request does; " + (attr.getPerm() != null ? "this perm leaves the owner read and write, and " : "")
                + (attr.getKind() != null ? "kind regularFile is what the files are already, and " : "")
                + "times, inode, size, blocks, links, owner ids and rdev are read by no simulated request (the injection check says so)");
        return 0;
    }
}
