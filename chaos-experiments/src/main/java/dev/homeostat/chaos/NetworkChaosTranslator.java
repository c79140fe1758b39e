package dev.homeostat.chaos;

import dev.homeostat.simulator.fault.Fault;
import dev.homeostat.simulator.fault.NetworkBandwidth;
import dev.homeostat.simulator.fault.NetworkCorrupt;
import dev.homeostat.simulator.fault.NetworkDelay;
import dev.homeostat.simulator.fault.NetworkDuplicate;
import dev.homeostat.simulator.fault.NetworkLoss;
import dev.homeostat.simulator.fault.NetworkPartition;
import dev.homeostat.simulator.fault.PodSelector;
import io.fabric8.chaosmesh.v1alpha1.BandwidthSpec;
import io.fabric8.chaosmesh.v1alpha1.DelaySpec;
import io.fabric8.chaosmesh.v1alpha1.NetworkChaos;
import io.fabric8.chaosmesh.v1alpha1.NetworkChaosSpec;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * NetworkChaos: delay (latency, jitter, correlation), loss, duplicate, corrupt, partition (direction,
 * target), bandwidth (rate, limit, buffer), each for {@code spec.duration} on the selected pods' traffic.
 * With no call graph, {@code target} is only meaningful for partition (see {@link NetworkPartition}).
 */
final class NetworkChaosTranslator implements FaultTranslator<NetworkChaos> {
    static final List<String> ACTIONS = List.of("delay", "loss", "duplicate", "corrupt", "partition", "bandwidth");
    private static final List<String> SPEC_FIELDS = List.of("action", "mode", "value", "selector", "duration", "direction", "target",
            "delay", "loss", "duplicate", "corrupt", "bandwidth", "device", "targetDevice", "externalTargets");
    /** A request and its answer on the wire: the bandwidth model's assumption (10 kB). */
    static final long BYTES_PER_REQUEST = 10_000;
    private static final Map<String, Long> RATE_UNITS = Map.of("bps", 1L, "kbps", 1_000L, "mbps", 1_000_000L, "gbps", 1_000_000_000L,
            "bit", 1L, "kbit", 1_000L, "mbit", 1_000_000L, "gbit", 1_000_000_000L);

    @Override public Class<NetworkChaos> modelType() { return NetworkChaos.class; }

    @Override public List<Fault> translate(NetworkChaos chaos, ManifestContext ctx) {
        NetworkChaosSpec spec = chaos.getSpec();
        if (spec == null) throw ctx.fail("spec", "required: NetworkChaos needs spec.action, spec.mode, spec.selector and spec.duration");
        ctx.rejectUnknownFields("spec", spec.getAdditionalProperties(), SPEC_FIELDS);
        String action = spec.getAction();
        if (action == null || action.isBlank()) throw ctx.fail("spec.action", "required; one of " + String.join(", ", ACTIONS));
        if (!ACTIONS.contains(action))
            throw ctx.fail("spec.action", "unknown or not modelled NetworkChaos action \"" + action + "\"; supported: " + String.join(", ", ACTIONS));
        ctx.rejectNotModelled("spec.device", spec.getDevice() != null, "remove it: the simulator has one network device per pod");
        ctx.rejectNotModelled("spec.targetDevice", spec.getTargetDevice() != null, "remove it: the simulator has one network device per pod");
        ctx.rejectNotModelled("spec.externalTargets", spec.getExternalTargets() != null && !spec.getExternalTargets().isEmpty(),
                "remove it: no traffic to addresses outside the cluster is modelled");
        // Only the sub-spec of the chosen action may be there: Chaos Mesh would apply the others too.
        Map<String, Object> subSpecs = new java.util.TreeMap<>();
        if (spec.getDelay() != null) subSpecs.put("delay", spec.getDelay());
        if (spec.getLoss() != null) subSpecs.put("loss", spec.getLoss());
        if (spec.getDuplicate() != null) subSpecs.put("duplicate", spec.getDuplicate());
        if (spec.getCorrupt() != null) subSpecs.put("corrupt", spec.getCorrupt());
        if (spec.getBandwidth() != null) subSpecs.put("bandwidth", spec.getBandwidth());
        for (String other : subSpecs.keySet())
            if (!other.equals(action))
                throw ctx.fail("spec." + other, "not modelled with action " + action + "; use one experiment per action (action " + other + " for this one)");
        var target = ChaosSelectors.translate("spec", spec.getSelector(), spec.getMode(), spec.getValue(), ctx);
        Duration duration = ctx.requiredDuration("spec.duration", spec.getDuration(), "for NetworkChaos (how long the fault lasts)");
        String direction = spec.getDirection() == null ? "to" : spec.getDirection();
        if (!List.of("to", "from", "both").contains(direction))
            throw ctx.fail("spec.direction", "unknown direction \"" + direction + "\"; use to, from or both");
        if (!action.equals("partition")) {
            ctx.rejectNotModelled("spec.target", spec.getTarget() != null,
                    "remove it: with no call graph, pod-to-pod traffic is not modelled; without a target the " + action + " hits every request the pods serve");
            ctx.rejectNotModelled("spec.direction", spec.getDirection() != null && !direction.equals("to"),
                    "remove it (or use to): a request and its answer cross the pod's link both ways, so the direction changes nothing the simulator measures");
        }
        String name = ctx.faultNames(1).getFirst();
        Duration at = ctx.appliedAt();
        var sel = target.selector();
        var mode = target.mode();
        Fault fault = switch (action) {
            case "delay" -> {
                DelaySpec d = spec.getDelay();
                if (d == null) throw ctx.fail("spec.delay", "required for action delay: delay: {latency: 100ms, jitter: 10ms, correlation: \"25\"}");
                ctx.rejectUnknownFields("spec.delay", d.getAdditionalProperties(), List.of("latency", "jitter", "correlation"));
                ctx.rejectNotModelled("spec.delay.reorder", d.getReorder() != null, "remove it: packet order is not modelled");
                Duration latency = ctx.requiredDuration("spec.delay.latency", d.getLatency(), "for a delay");
                Duration jitter = ctx.optionalDuration("spec.delay.jitter", d.getJitter()).orElse(Duration.ZERO);
                double correlation = d.getCorrelation() == null ? 0 : ctx.percent("spec.delay.correlation", d.getCorrelation(), "");
                yield new NetworkDelay(name, at, duration, sel, mode, latency, jitter, correlation);
            }
            case "loss" -> {
                var l = spec.getLoss();
                if (l == null) throw ctx.fail("spec.loss", "required for action loss: loss: {loss: \"25\", correlation: \"0\"}");
                ctx.rejectUnknownFields("spec.loss", l.getAdditionalProperties(), List.of("loss", "correlation"));
                if (l.getCorrelation() != null) ctx.percent("spec.loss.correlation", l.getCorrelation(), "");
                yield new NetworkLoss(name, at, duration, sel, mode, ctx.percent("spec.loss.loss", l.getLoss(), "for action loss"));
            }
            case "duplicate" -> {
                var x = spec.getDuplicate();
                if (x == null) throw ctx.fail("spec.duplicate", "required for action duplicate: duplicate: {duplicate: \"25\"}");
                ctx.rejectUnknownFields("spec.duplicate", x.getAdditionalProperties(), List.of("duplicate", "correlation"));
                if (x.getCorrelation() != null) ctx.percent("spec.duplicate.correlation", x.getCorrelation(), "");
                yield new NetworkDuplicate(name, at, duration, sel, mode, ctx.percent("spec.duplicate.duplicate", x.getDuplicate(), "for action duplicate"));
            }
            case "corrupt" -> {
                var x = spec.getCorrupt();
                if (x == null) throw ctx.fail("spec.corrupt", "required for action corrupt: corrupt: {corrupt: \"25\"}");
                ctx.rejectUnknownFields("spec.corrupt", x.getAdditionalProperties(), List.of("corrupt", "correlation"));
                if (x.getCorrelation() != null) ctx.percent("spec.corrupt.correlation", x.getCorrelation(), "");
                yield new NetworkCorrupt(name, at, duration, sel, mode, ctx.percent("spec.corrupt.corrupt", x.getCorrupt(), "for action corrupt"));
            }
            case "partition" -> {
                PodSelector peer = null;
                if (spec.getTarget() != null) {
                    var t = spec.getTarget();
                    ctx.rejectUnknownFields("spec.target", t.getAdditionalProperties(), List.of("selector", "mode", "value"));
                    peer = ChaosSelectors.translate("spec.target", t.getSelector(), t.getMode(), t.getValue(), ctx).selector();
                }
                var dir = NetworkPartition.Direction.valueOf(direction.toUpperCase(Locale.ROOT));
                yield new NetworkPartition(name, at, duration, sel, mode, dir, peer);
            }
            case "bandwidth" -> {
                BandwidthSpec b = spec.getBandwidth();
                if (b == null) throw ctx.fail("spec.bandwidth", "required for action bandwidth: bandwidth: {rate: 1mbps, limit: 20971520, buffer: 10000}");
                ctx.rejectUnknownFields("spec.bandwidth", b.getAdditionalProperties(), List.of("rate", "limit", "buffer"));
                ctx.rejectNotModelled("spec.bandwidth.peakrate", b.getPeakrate() != null, "remove it: bursts above the rate are not modelled");
                ctx.rejectNotModelled("spec.bandwidth.minburst", b.getMinburst() != null, "remove it: bursts above the rate are not modelled");
                long rate = rate("spec.bandwidth.rate", b.getRate(), ctx);
                if (b.getLimit() == null || b.getLimit() <= 0)
                    throw ctx.fail("spec.bandwidth.limit", "required: the bytes that may wait in the queue, e.g. limit: 20971520");
                if (b.getBuffer() == null || b.getBuffer() <= 0)
                    throw ctx.fail("spec.bandwidth.buffer", "required: the bucket size in bytes, e.g. buffer: 10000");
                yield new NetworkBandwidth(name, at, duration, sel, mode, rate, b.getLimit(), BYTES_PER_REQUEST);
            }
            default -> throw new IllegalStateException("unreachable: action checked above: " + action);
        };
        return List.of(fault);
    }

    /** tc's rate: {@code 1mbps} (bytes/s, as Chaos Mesh documents) or {@code 8mbit} (bits/s); decimal prefixes. */
    static long rate(String field, String value, ManifestContext ctx) {
        if (value == null || value.isBlank()) throw ctx.fail(field, "required: the rate, e.g. 1mbps (bytes per second) or 8mbit");
        var m = java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([a-z]+)").matcher(value.strip().toLowerCase(Locale.ROOT));
        if (m.matches() && RATE_UNITS.containsKey(m.group(2))) {
            double bytes = Double.parseDouble(m.group(1)) * RATE_UNITS.get(m.group(2)) / (m.group(2).endsWith("bit") ? 8 : 1);
            if (bytes >= 1) return (long) bytes;
        }
        throw ctx.fail(field, "invalid rate \"" + value + "\"; write a number and one of bps, kbps, mbps, gbps (bytes/s) or bit, kbit, mbit, gbit");
    }
}
