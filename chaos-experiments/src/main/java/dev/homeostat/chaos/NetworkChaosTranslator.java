package dev.homeostat.chaos;

import dev.homeostat.simulator.fault.Direction;
import dev.homeostat.simulator.fault.Fault;
import dev.homeostat.simulator.fault.NetworkBandwidth;
import dev.homeostat.simulator.fault.NetworkCorrupt;
import dev.homeostat.simulator.fault.NetworkDelay;
import dev.homeostat.simulator.fault.NetworkDuplicate;
import dev.homeostat.simulator.fault.NetworkLoss;
import dev.homeostat.simulator.fault.NetworkPartition;
import dev.homeostat.simulator.fault.Peers;
import dev.homeostat.simulator.fault.PodSelector;
import dev.homeostat.simulator.fault.SelectionMode;
import io.fabric8.chaosmesh.v1alpha1.BandwidthSpec;
import io.fabric8.chaosmesh.v1alpha1.DelaySpec;
import io.fabric8.chaosmesh.v1alpha1.NetworkChaos;
import io.fabric8.chaosmesh.v1alpha1.NetworkChaosSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * NetworkChaos, as Chaos Mesh's traffic control applies it: the netem actions (netem, delay, loss, duplicate,
 * corrupt) merge every netem sub-spec given into one qdisc, so each present sub-spec becomes one fault
 * ({@link NetworkDelay}, {@link NetworkLoss}, {@link NetworkDuplicate}, {@link NetworkCorrupt}); partition is a
 * {@link NetworkPartition}; bandwidth a {@link NetworkBandwidth}. All for {@code spec.duration}: on every request the
 * selected pods answer, or, with {@code target} or {@code externalTargets}, on the calls between the selected pods and
 * those peers ({@link Peers}, with {@code direction}).
 */
final class NetworkChaosTranslator implements FaultTranslator<NetworkChaos> {
    static final List<String> ACTIONS = List.of("netem", "delay", "loss", "duplicate", "corrupt", "partition", "bandwidth", "rate");
    private static final List<String> NETEM = List.of("netem", "delay", "loss", "duplicate", "corrupt", "rate");
    /** An Ethernet frame at the usual MTU. */
    static final long ETHERNET_FRAME_BYTES = 1_500;
    /** netem's queue: its default limit of 1,000 packets of an Ethernet frame each. */
    static final long NETEM_QUEUE_BYTES = 1_000L * ETHERNET_FRAME_BYTES;
    /** Packets per request: 10 kB in frames of 1,500 bytes. */
    private static final int PACKETS_PER_REQUEST = 7;
    /** A request and its answer on the wire: the bandwidth model's assumption (10 kB). */
    static final long BYTES_PER_REQUEST = 10_000;
    /** Chaos Mesh's {@code ConvertUnitToBytes}: these suffixes, a whole number, powers of 1024. */
    private static final List<String> RATE_UNITS = List.of("tbps", "gbps", "mbps", "kbps", "bps");
    private static final Pattern HOST = Pattern.compile("(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\\.?");
    private static final Pattern NETEM_RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgt]?)(bit|bps)");
    private static final Pattern IPV4_CIDR = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(/(\\d{1,2}))?");

    @Override public Class<NetworkChaos> modelType() { return NetworkChaos.class; }

    @Override public List<Fault> translate(NetworkChaos chaos, ManifestContext ctx) {
        NetworkChaosSpec spec = chaos.getSpec();
        if (spec == null) throw ctx.fail("spec", "required: NetworkChaos needs spec.action, spec.mode, spec.selector and spec.duration");
        String action = spec.getAction();
        if (action == null || action.isBlank()) throw ctx.fail("spec.action", "required; one of " + String.join(", ", ACTIONS));
        var target = ChaosSelectors.translate("spec", spec.getSelector(), spec.getMode(), spec.getValue(), ctx);
        Duration duration = ctx.duration("spec.duration", spec.getDuration(), "for NetworkChaos (how long the fault lasts)");
        String direction = spec.getDirection() == null || spec.getDirection().isEmpty() ? "to" : spec.getDirection();
        Peers peers = peers(spec, action, direction, ctx);
        interfaceOfThePod("spec.device", spec.getDevice(), ctx);
        interfaceOfThePod("spec.targetDevice", spec.getTargetDevice(), ctx);
        List<Function<String, Fault>> drafts = new ArrayList<>();
        Duration at = ctx.appliedAt();
        PodSelector sel = target.selector();
        SelectionMode mode = target.mode();
        if (NETEM.contains(action)) {
            if (!action.equals("netem") && !action.equals("rate") && subSpec(spec, action) == null)
                throw ctx.fail("spec." + action, "required for action " + action + ", e.g. " + example(action));
            if (spec.getDelay() != null) {
                DelaySpec d = spec.getDelay();
                Duration written = ctx.presentDuration("spec.delay.latency", d.getLatency(), "for a delay");
                Duration latency = reordered(written, d.getReorder(), ctx);
                Duration jitter = ctx.optionalDuration("spec.delay.jitter", d.getJitter()).orElse(Duration.ZERO);
                double correlation = blank(d.getCorrelation()) ? 0 : ctx.percent("spec.delay.correlation", d.getCorrelation(), "");
                drafts.add(n -> new NetworkDelay(n, at, duration, sel, mode, latency, jitter, correlation, peers));
            }
            if (spec.getLoss() != null) {
                double loss = share("loss", spec.getLoss().getLoss(), spec.getLoss().getCorrelation(), ctx);
                drafts.add(n -> new NetworkLoss(n, at, duration, sel, mode, loss, peers));
            }
            if (spec.getDuplicate() != null) {
                double dup = share("duplicate", spec.getDuplicate().getDuplicate(), spec.getDuplicate().getCorrelation(), ctx);
                drafts.add(n -> new NetworkDuplicate(n, at, duration, sel, mode, dup, peers));
            }
            if (spec.getCorrupt() != null) {
                double corrupt = share("corrupt", spec.getCorrupt().getCorrupt(), spec.getCorrupt().getCorrelation(), ctx);
                drafts.add(n -> new NetworkCorrupt(n, at, duration, sel, mode, corrupt, peers));
            }
            // fabric8's model lacks RateSpec: read as written (the schema has checked its shape)
            var rate = ctx.at("spec.rate");
            if (action.equals("rate") && !rate.isObject())
                throw ctx.fail("spec.rate", "required for action rate, e.g. rate: {rate: 1mbit}");
            if (rate.isObject()) {
                long bytesPerSecond = netemRate("spec.rate.rate", rate.path("rate").isTextual() ? rate.path("rate").asText() : null, ctx);
                drafts.add(n -> new NetworkBandwidth(n, at, duration, sel, mode, bytesPerSecond, NETEM_QUEUE_BYTES, BYTES_PER_REQUEST, peers));
            }
            if (drafts.isEmpty())
                throw ctx.fail("spec", "action netem needs at least one of delay, loss, duplicate, corrupt, rate, e.g. delay: {latency: 100ms}");
        } else if (action.equals("partition")) {
            // with no target the pods are cut from every peer whatever the direction
            drafts.add(n -> new NetworkPartition(n, at, duration, sel, mode, peers));
        } else {
            BandwidthSpec b = spec.getBandwidth();
            if (b == null) throw ctx.fail("spec.bandwidth", "required for action bandwidth, e.g. " + example("bandwidth"));
            long rate = rate("spec.bandwidth.rate", b.getRate(), ctx);
            if (b.getLimit() == null) throw ctx.fail("spec.bandwidth.limit", "required: the bytes that may wait in the queue, e.g. limit: 20971520");
            if (b.getBuffer() == null) throw ctx.fail("spec.bandwidth.buffer", "required: the bucket size in bytes, e.g. buffer: 10000");
            if (b.getPeakrate() != null && b.getPeakrate() > 0 && b.getPeakrate() <= rate)
                throw ctx.fail("spec.bandwidth.peakrate", "must exceed the rate (" + rate + " bytes/s), as tc requires of a peak rate");
            long limit = b.getLimit();
            if (limit < ETHERNET_FRAME_BYTES) {
                ctx.note("spec.bandwidth.limit", limit + " bytes, less than one " + ETHERNET_FRAME_BYTES + "-byte packet: tc's token bucket"
                        + " then drops every packet that finds the bucket empty, and so does the simulation (limit is bytes, not packets:"
                        + " for 100 packets write limit: " + 100 * ETHERNET_FRAME_BYTES + ")");
            }
            drafts.add(n -> new NetworkBandwidth(n, at, duration, sel, mode, rate, limit, BYTES_PER_REQUEST, peers));
        }
        List<String> names = ctx.faultNames(drafts.size());
        var faults = new ArrayList<Fault>();
        for (int i = 0; i < drafts.size(); i++) faults.add(drafts.get(i).apply(names.get(i)));
        return List.copyOf(faults);
    }

    /** A simulated pod has one interface, eth0 (the name Kubernetes gives a pod's network interface). */
    private static void interfaceOfThePod(String field, String device, ManifestContext ctx) {
        if (device != null && !device.isBlank() && !device.equals("eth0"))
            throw ctx.cannotExist(field, "a simulated pod has one network interface, eth0, and no " + device);
    }

    /**
     * Chaos Mesh's own rules on direction, target and externalTargets, and the peers they limit the fault to
     * (null: neither is given, the fault hits all the pods' traffic).
     */
    private static Peers peers(NetworkChaosSpec spec, String action, String direction, ManifestContext ctx) {
        boolean external = spec.getExternalTargets() != null && !spec.getExternalTargets().isEmpty();
        ChaosSelectors.Target target = null;
        if (spec.getTarget() != null) {
            var t = spec.getTarget();
            target = ChaosSelectors.translate("spec.target", t.getSelector(), t.getMode(), t.getValue(), ctx);
        }
        if (external)
            for (int i = 0; i < spec.getExternalTargets().size(); i++) externalTarget("spec.externalTargets[" + i + "]", spec.getExternalTargets().get(i), ctx);
        if (!action.equals("partition") && !direction.equals("to")) {
            if (external)
                throw ctx.fail("spec.direction", "external targets take direction to only (Chaos Mesh refuses " + direction + " with them)");
            if (spec.getTarget() == null)
                throw ctx.fail("spec.direction", "direction " + direction + " needs a target (Chaos Mesh refuses it without one); use to, or add a target");
        }
        if (target == null && !external) return null;
        var dir = Direction.valueOf(direction.toUpperCase(Locale.ROOT));
        return new Peers(target == null ? null : target.selector(), target == null ? null : target.mode(), dir,
                external ? spec.getExternalTargets() : List.of());
    }

    private static void externalTarget(String field, String value, ManifestContext ctx) {
        if (value == null || value.isBlank()) throw ctx.fail(field, "must not be empty; write an IP address, a CIDR such as 10.0.0.0/8, or a host name");
        var ip = IPV4_CIDR.matcher(value);
        if (ip.matches()) {
            for (int g = 1; g <= 4; g++)
                if (Integer.parseInt(ip.group(g)) > 255) throw ctx.fail(field, "\"" + value + "\" is not an IPv4 address; each part is 0..255");
            if (ip.group(6) != null && Integer.parseInt(ip.group(6)) > 32) throw ctx.fail(field, "\"" + value + "\": a prefix length is 0..32");
            return;
        }
        if (value.contains(":") || HOST.matcher(value).matches()) return;
        throw ctx.fail(field, "\"" + value + "\" is neither an IP address, a CIDR nor a host name");
    }

    private static Object subSpec(NetworkChaosSpec spec, String action) {
        return switch (action) {
            case "delay" -> spec.getDelay();
            case "loss" -> spec.getLoss();
            case "duplicate" -> spec.getDuplicate();
            case "corrupt" -> spec.getCorrupt();
            default -> null;
        };
    }

    private static String example(String action) {
        return switch (action) {
            case "delay" -> "delay: {latency: 100ms, jitter: 10ms, correlation: \"25\"}";
            case "bandwidth" -> "bandwidth: {rate: 1mbps, limit: 20971520, buffer: 10000}";
            default -> action + ": {" + action + ": \"25\", correlation: \"0\"}";
        };
    }

    private static double share(String action, String value, String correlation, ManifestContext ctx) {
        if (!blank(correlation)) ctx.percent("spec." + action + ".correlation", correlation, "");
        return ctx.percent("spec." + action + "." + action, value, "for " + action);
    }

    private static boolean blank(String s) { return s == null || s.isBlank(); }

    /**
     * The delay a request sees under netem's reordering. netem sends a packet at once, out of order, with probability
     * {@code reorder} once {@code gap − 1} packets have been delayed (tc's default gap: 1), so a share
     * r / (1 + r (gap − 1)) of the packets skips the delay; a request waits for its last packet, so only the requests
     * all of whose packets skip it (that share to the power of the packets per request) are not delayed. Below 50 % the
     * delay is all but unchanged: reordering shows as TCP retransmissions, which the traffic model does not carry.
     */
    static Duration reordered(Duration latency, io.fabric8.chaosmesh.v1alpha1.ReorderSpec reorder, ManifestContext ctx) {
        if (reorder == null) return latency;
        if (!blank(reorder.getCorrelation())) ctx.percent("spec.delay.reorder.correlation", reorder.getCorrelation(), "");
        double r = blank(reorder.getReorder()) ? 0 : ctx.percent("spec.delay.reorder.reorder", reorder.getReorder(), "") / 100;
        int gap = reorder.getGap() == null ? 0 : reorder.getGap();
        if (gap < 0) throw ctx.fail("spec.delay.reorder.gap", "must be >= 0, was " + gap);
        double skips = r / (1 + r * (Math.max(gap, 1) - 1));
        double undelayed = Math.pow(skips, PACKETS_PER_REQUEST);
        return Duration.ofNanos(Math.round(latency.toNanos() * (1 - undelayed)));
    }

    /** netem's rate as tc reads it: a number and bit, kbit, mbit, gbit, tbit or bps, kbps, mbps, gbps, tbps (bytes), in powers of 1000. */
    static long netemRate(String field, String value, ManifestContext ctx) {
        if (value == null || value.isBlank()) throw ctx.fail(field, "required: the rate, e.g. 1mbit");
        var m = NETEM_RATE.matcher(value.strip().toLowerCase(Locale.ROOT));
        if (m.matches()) {
            double n = Double.parseDouble(m.group(1)) * Math.pow(1000, "kmgt".indexOf(m.group(2).isEmpty() ? "x" : m.group(2)) + 1);
            long bytes = Math.round(m.group(3).equals("bit") ? n / 8 : n);
            if (bytes > 0) return bytes;
        }
        throw ctx.fail(field, "invalid rate \"" + value + "\"; write a number and bit, kbit, mbit, gbit, tbit, or bps, kbps, mbps, gbps, tbps for bytes, e.g. 1mbit");
    }

    /** Chaos Mesh's rate: a whole number and bps, kbps, mbps, gbps or tbps (bytes per second, powers of 1024). */
    static long rate(String field, String value, ManifestContext ctx) {
        if (value == null || value.isBlank()) throw ctx.fail(field, "required: the rate in bytes per second, e.g. 1mbps");
        String s = value.strip().toLowerCase(Locale.ROOT);
        for (int i = 0; i < RATE_UNITS.size(); i++) {
            String unit = RATE_UNITS.get(i);
            if (!s.endsWith(unit)) continue;
            String number = s.substring(0, s.length() - unit.length()).strip();
            try {
                long n = Long.parseLong(number);
                if (n > 0) return Math.multiplyExact(n, 1L << (10 * (RATE_UNITS.size() - 1 - i)));
            } catch (NumberFormatException | ArithmeticException notAWholeNumber) {
                break;
            }
            break;
        }
        throw ctx.fail(field, "invalid rate \"" + value + "\"; write a whole number and bps, kbps, mbps, gbps or tbps (bytes per second, "
                + "powers of 1024, as Chaos Mesh reads it), e.g. 1mbps");
    }
}
