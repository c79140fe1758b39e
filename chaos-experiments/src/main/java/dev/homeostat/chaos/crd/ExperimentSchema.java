package dev.homeostat.chaos.crd;

import static dev.homeostat.chaos.crd.SelectorSchema.REMOTE_CLUSTER;
import static dev.homeostat.chaos.crd.SelectorSchema.containerSelector;
import static dev.homeostat.chaos.crd.SelectorSchema.duration;
import static dev.homeostat.chaos.crd.SelectorSchema.podSelector;
import static dev.homeostat.chaos.crd.Shape.flag;
import static dev.homeostat.chaos.crd.Shape.listOf;
import static dev.homeostat.chaos.crd.Shape.mapOf;
import static dev.homeostat.chaos.crd.Shape.oneOf;
import static dev.homeostat.chaos.crd.Shape.text;
import static dev.homeostat.chaos.crd.Shape.whole;
import static dev.homeostat.chaos.crd.Support.liveOnly;
import static dev.homeostat.chaos.crd.Support.simulated;

import java.util.List;

/**
 * The specs of the experiment kinds the simulator models, field by field as {@code api/v1alpha1} of Chaos Mesh 2.x
 * declares them ({@code podchaos_types.go}, {@code networkchaos_types.go}, {@code stresschaos_types.go},
 * {@code iochaos_types.go}, {@code httpchaos_types.go}, {@code timechaos_types.go}, {@code dnschaos_types.go},
 * {@code jvmchaos_types.go}, {@code blockchaos_types.go}),
 * each with what the simulator does with it.
 */
public final class ExperimentSchema {
    private ExperimentSchema() { }

    private static final String UNTIL_DELETED = "the fault window; absent, as Chaos Mesh allows, until the experiment is deleted: in a scenario, the run's end";
    private static final String PACKETS = "netem correlates consecutive packets, and the traffic model carries requests, not packets";
    private static final String ANY_MATCHES = "every simulated request matches it (an upper bound of the fault)";

    public static final Shape.Fields POD_CHAOS = spec("PodChaosSpec", containerSelector(), List.of(
            Field.of("action", oneOf("pod-kill", "pod-failure", "container-kill"),
                    simulated("pod-kill: PodKill (the ReplicaSet recreates the pod); pod-failure: PodFailure (not ready, liveness fails) "
                            + "for duration; container-kill: ContainerKill of containerNames (the kubelet restarts it)")),
            duration("pod-failure: how long the pods stay failed; absent, until the experiment is deleted (the run's end); pod-kill and container-kill are instantaneous, their duration is only syntax-checked as Chaos Mesh ignores it"),
            Field.of("gracePeriod", whole(0, Long.MAX_VALUE),
                    simulated("pod-kill: seconds the deleted pod may take to stop, as kubectl delete --grace-period: it leaves the endpoints at once, finishes its in-flight requests and holds its node's resources until then; 0 (the default) kills it at once, in-flight requests lost; other actions: ignored, as Chaos Mesh ignores it")),
            REMOTE_CLUSTER), "containerNames",
            simulated("container-kill: the containers to kill (a blank name kills none, with a note); pod-kill and pod-failure: ignored, as Chaos Mesh ignores it (the whole pod is hit)"));

    private static final Shape.Fields DELAY = Shape.Fields.of("DelaySpec", List.of(
            Field.of("latency", text(), simulated("+ latency on every request the pods answer; `0ms` is accepted as Chaos Mesh's webhook accepts it (it only parses the duration: users write it as a Workflow's \"remove the delay\" step) and delays nothing, a note says so")),
            Field.of("jitter", text(), simulated("+ jitter × N(0,1), drawn per traffic step from the fault's own random stream")),
            Field.of("correlation", text(), liveOnly(PACKETS)),
            Field.of("reorder", Shape.Fields.of("ReorderSpec", List.of(
                    Field.of("reorder", text(), simulated("the share of packets netem sends at once, out of order, once gap − 1 have been delayed")),
                    Field.of("correlation", text(), liveOnly(PACKETS)),
                    Field.of("gap", whole(0, Integer.MAX_VALUE), simulated("packets delayed before one may skip the delay; 0 is tc's default, 1")))),
                    simulated("a request waits for its last packet: only those all of whose packets (7 per 10 kB request) skip the delay are not "
                            + "delayed, so the latency is scaled by 1 − s⁷, s = r / (1 + r (gap − 1)) the share of packets skipping it: below 50 % "
                            + "reordering the delay is all but unchanged (reordered packets show as TCP retransmissions, which the traffic model does not carry)"))));

    private static Shape.Fields percentSpec(String name, String key, String how) {
        return Shape.Fields.of(name, List.of(Field.of(key, text(), simulated(how)), Field.of("correlation", text(), liveOnly(PACKETS))));
    }

    public static final Shape.Fields NETWORK_CHAOS = spec("NetworkChaosSpec", podSelector(), List.of(
            Field.of("action", oneOf("netem", "delay", "loss", "duplicate", "corrupt", "partition", "bandwidth", "rate"),
                    simulated("delay, loss, duplicate, corrupt, partition, bandwidth: one fault each; netem: one fault per sub-spec given "
                            + "(delay, loss, duplicate, corrupt, rate), named name#1, name#2…; rate: a NetworkBandwidth at netem's rate")),
            duration(UNTIL_DELETED),
            Field.of("delay", DELAY, simulated("NetworkDelay")),
            Field.of("loss", percentSpec("LossSpec", "loss", "that share of the pods' requests time out (504); one request is one exchange, no TCP retransmission"),
                    simulated("NetworkLoss")),
            Field.of("duplicate", percentSpec("DuplicateSpec", "duplicate", "the server works on (1 + share) × the requests, clients see one answer"),
                    simulated("NetworkDuplicate")),
            Field.of("corrupt", percentSpec("CorruptSpec", "corrupt", "that share of the pods' requests fail (500)"), simulated("NetworkCorrupt")),
            Field.of("bandwidth", Shape.Fields.of("BandwidthSpec", List.of(
                    Field.of("rate", text(), simulated("bytes per second: bps, kbps, mbps, gbps, tbps in powers of 1024, as Chaos Mesh converts them; "
                            + "10 kB per request; below the rate an M/M/1 delay, above it the excess is dropped (504)")),
                    Field.of("limit", whole(1, 4_294_967_295L), simulated("bytes that may wait in the queue (a full queue's wait is (limit + 10 kB) / rate);"
                            + " under one 1,500-byte packet (a manifest meaning packets: `limit: 100`) nothing can wait, so what finds the"
                            + " link busy is lost even below the rate, ρ/(1 + ρ) — and `validate` says so")),
                    Field.of("buffer", whole(1, 4_294_967_295L), simulated("the bucket's size in bytes; validated, the fluid model's rate does not depend on it")),
                    Field.of("peakrate", whole(0, Long.MAX_VALUE), liveOnly("shapes bursts on millisecond scales; the long-run throughput the simulator models is rate")),
                    Field.of("minburst", whole(0, 4_294_967_295L), liveOnly("the peak-rate bucket's size; bursts are below the simulator's resolution")))),
                    simulated("NetworkBandwidth: a token bucket")),
            Field.of("rate", Shape.Fields.of("RateSpec", List.of(Field.of("rate", text(),
                    simulated("a number and bit, kbit, mbit, gbit, tbit, or bps, kbps, mbps, gbps, tbps for bytes, powers of 1000, as tc reads it")))),
                    simulated("NetworkBandwidth at that rate behind netem's queue (1,000 packets of 1,500 bytes): the same token-bucket model as "
                            + "action bandwidth, 10 kB per request; with action rate, or beside the other netem sub-specs")),
            Field.of("direction", oneOf("to", "from", "both", ""),
                    simulated("with a target, which crossings of each call between the selected and the target pods are hit: to (the default) "
                            + "or from one (the request or the answer), both two (a delay counts twice, a loss or corruption applies twice); "
                            + "a partition cuts the calls whatever the direction; without a target only to, as Chaos Mesh requires")),
            Field.of("target", Shape.Fields.of("PodSelector", podSelector()),
                    simulated("the fault hits only the calls between the selected pods and the target pods, either way along the call graph, "
                            + "as the share of each edge's calls whose caller and callee pods are on the two sides, and, when both are pods of one "
                            + "service that declares peers (scenario peers: quorum, all or one), the peer calls between the two sets; a partition "
                            + "makes them time out, as calls to a dead dependency do, and a quorum tolerates a minority cut off; without such a call "
                            + "between them the injection check reports no effect")),
            Field.of("externalTargets", listOf(text()),
                    simulated("the fault hits the selected pods' calls to hosts outside the cluster that the scenario declares "
                            + "(services[].calls[].host): an IPv4 address or CIDR matches declared addresses, a host name matches exactly; "
                            + "in-cluster callees are named <service>.<namespace>.svc.cluster.local")),
            Field.of("device", text(), simulated("eth0, a simulated pod's one interface (where its traffic goes); another name is refused: the pod has no such interface")),
            Field.of("targetDevice", text(), simulated("eth0, as device; another name is refused")),
            REMOTE_CLUSTER));

    private static final String STRESS_OPTIONS =
            "stress-ng options: --cpu and --vm (0: one worker per processor of the pod's node, as stress-ng counts the machine's), --cpu-load, --vm-bytes (a percent: that share of the node's memory per worker) and --timeout act as stress-ng would (the last value wins); --hdd N and --io N "
                    + "keep the pod's disk busy: each request's file operation waits 2 ms per hdd worker and 1 ms per io worker (an assumed cost, "
                    + "as a 100% IOChaos latency: a fault of its own, StressChaos/io; 0: one worker per processor of the pod's node); options that "
                    + "change only how stress-ng burns (methods, verbosity, block sizes, a stressor's own options such as --matrix-size) are live only; "
                    + "the workers of stress-ng's other stressors (--matrix N, --sock N, --cache N …, from its manual; 0: one per processor of the "
                    + "pod's node) each burn one CPU, as they run flat out (a CpuStress of their own); the memory stressors' workers also hold "
                    + "memory, as --vm does (a MemoryStress of their own): --<stressor>-bytes per worker where the stressor has it (a size, or a "
                    + "percent of the node's memory), else the manual's default (--mmap, --mremap, --memrate 256 MiB, --vm-rw 16 MiB, --shm 8 MiB, "
                    + "--memthrash 4 MiB, --stack 8 MiB, the default stack limit, --stackmmap 2 MiB; the others 256 MiB, the --vm default, an "
                    + "assumption); --bigheap, --brk, --malloc, --mmapmany and --mlockmany grow until an allocation fails: at the container's "
                    + "limit the kernel kills the worker (stress-ng makes its workers the OOM killer's first choice) and stress-ng starts it again, "
                    + "a sawtooth whose mean, half the container's headroom, is held, the app never the victim; an option in none of the "
                    + "simulator's lists of stress-ng's stressors and options is passed on live and noted";

    public static final Shape.Fields STRESS_CHAOS = spec("StressChaosSpec", containerSelector(), List.of(
            Field.of("stressors", Shape.Fields.of("Stressors", List.of(
                    Field.of("memory", Shape.Fields.of("MemoryStressor", List.of(
                            Field.of("workers", whole(1, 8192), simulated("memory stress workers")),
                            Field.of("size", text(), simulated("the bytes held over all workers (B, KB, MB, GB in powers of 1000; KiB, MiB, GiB of 1024); "
                                    + "past the container's limit it is OOMKilled; a percent is that share of the node's memory (memStress reads the "
                                    + "machine's, which a container sees whole), and no size all of it")),
                            Field.of("options", listOf(text()), simulated("memStress's command line after Chaos Mesh's own --workers, --size "
                                    + "and --time, read as Go's flag package reads it (-flag value, --flag value or -flag=value, the last value "
                                    + "winning): -workers, -size and -time replace the fields of the same name; -client, -pid and -required-limit "
                                    + "say how memStress attaches to the container and change nothing it holds; other options are checked as "
                                    + "stress-ng's (Chaos Mesh before memStress ran stress-ng's vm stressor here), which change how the memory "
                                    + "is written, not how much is held: live only")),
                            Field.of("time", text(), simulated("memStress ramps up to size linearly over this time: the held memory grows in "
                                    + "steps of at least a second (at most 60) from nothing to size")),
                            Field.of("oomScoreAdj", whole(-1000, 1000),
                                    simulated("which process the kernel's OOM killer picks at the container's limit: positive, the stressor (its "
                                            + "stress ends, the app lives, the injection check says so); negative, -1000 or absent, the app: the "
                                            + "container is OOMKilled and the stress re-injected after its restart")))),
                            simulated("MemoryStress")),
                    Field.of("cpu", Shape.Fields.of("CPUStressor", List.of(
                            Field.of("workers", whole(1, 8192), simulated("cpu stress workers")),
                            Field.of("load", whole(0, 100), simulated("percent of one core per worker; absent: 100, stress-ng's default")),
                            Field.of("options", listOf(text()), simulated(STRESS_OPTIONS)))),
                            simulated("CpuStress; with memory too, two faults name#1 (memory) and name#2 (cpu)")))),
                    simulated("memory and/or cpu")),
            Field.of("stressngStressors", text(),
                    simulated("a stress-ng command line that wins over stressors, as in Chaos Mesh; " + STRESS_OPTIONS
                            + "; one that names no stressor is an error: stress-ng starts no worker from it")),
            duration(UNTIL_DELETED),
            REMOTE_CLUSTER));

    public static final List<String> IO_METHODS = List.of("lookup", "forget", "getattr", "setattr", "readlink", "mknod", "mkdir", "unlink",
            "rmdir", "symlink", "rename", "link", "open", "read", "write", "statfs", "release", "fsync", "setxattr", "getxattr", "listxattr",
            "removexattr", "flush", "opendir", "readdir", "releasedir", "fsyncdir", "access", "create", "getlk", "setlk", "bmap");

    private static Shape.Fields timespec(String name) {
        return Shape.Fields.of(name, List.of(Field.of("sec", whole(), liveOnly(ATTRIBUTES)), Field.of("nsec", whole(), liveOnly(ATTRIBUTES))));
    }

    private static final String ATTRIBUTES = "an attribute no simulated request reads: passed on live, no effect in simulation (alone: accepted, "
            + "and the injection check reports no effect)";

    public static final Shape.Fields IO_CHAOS = spec("IOChaosSpec", containerSelector(), List.of(
            Field.of("action", oneOf("latency", "fault", "attrOverride", "mistake"),
                    simulated("latency: IoLatency; fault, attrOverride, mistake: IoError (the share of operations fails: an errno; "
                            + "attributes that deny the operation; contents the application rejects)")),
            Field.of("volumePath", text(), simulated("required: the volume's mount point; the fault applies to the pods' file IO")),
            Field.of("path", text(), simulated(ANY_MATCHES.replace("request", "file operation"))),
            Field.of("methods", listOf(text()), simulated("lookup, read, write … (any case): " + ANY_MATCHES.replace("request", "file operation"))),
            Field.of("percent", whole(0, 100),
                    simulated("fault: that share of requests fail, as live; latency: that share of requests wait the whole delay (a latency "
                            + "component shifted by it: the p99 rises as live), the others none; the workers are held delay × percent on average")),
            Field.of("delay", text(), simulated("the latency of a hit file operation; one file operation per request, holding its worker")),
            Field.of("errno", whole(0, Integer.MAX_VALUE), simulated("any errno fails the request (500)")),
            Field.of("attr", Shape.Fields.of("AttrOverrideSpec", List.of(
                    Field.of("ino", whole(), liveOnly(ATTRIBUTES)), Field.of("size", whole(), liveOnly(ATTRIBUTES)),
                    Field.of("blocks", whole(), liveOnly(ATTRIBUTES)), Field.of("atime", timespec("Timespec"), liveOnly(ATTRIBUTES)),
                    Field.of("mtime", timespec("Timespec"), liveOnly(ATTRIBUTES)), Field.of("ctime", timespec("Timespec"), liveOnly(ATTRIBUTES)),
                    Field.of("kind", oneOf("namedPipe", "charDevice", "blockDevice", "directory", "regularFile", "symlink", "socket"),
                            simulated("anything but regularFile: the application cannot use the file, so the operation fails (EISDIR, EINVAL)")),
                    Field.of("perm", whole(), simulated("without the owner's read or write bit the operation fails (EACCES); a process "
                            + "running as root would pass live, where the kernel lets root through")),
                    Field.of("nlink", whole(), liveOnly(ATTRIBUTES)), Field.of("uid", whole(), liveOnly(ATTRIBUTES)),
                    Field.of("gid", whole(), liveOnly(ATTRIBUTES)), Field.of("rdev", whole(), liveOnly(ATTRIBUTES)))),
                    simulated("perm and kind act (below); an override of only the other attributes is accepted with no simulated effect, "
                            + "which a note and the injection check say (it changes what the application is told, not whether its operations succeed)")),
            Field.of("mistake", Shape.Fields.of("MistakeSpec", List.of(
                    Field.of("filling", oneOf("zero", "random"), liveOnly("which bytes replace the data; either way the application gets wrong data")),
                    Field.of("maxOccurrences", whole(1, Long.MAX_VALUE), liveOnly("how many places in one operation's data are corrupted; one is enough to fail it")),
                    Field.of("maxLength", whole(1, Long.MAX_VALUE), liveOnly("how long each corrupted run is; one byte is enough to fail it")))),
                    simulated("the share of operations (percent) return corrupted data, which the application's parser or checksum rejects: "
                            + "the request fails (500); an application that does not check would answer wrongly, which no SLO sees")),
            duration(UNTIL_DELETED),
            REMOTE_CLUSTER));

    private static final String NO_METRIC = "changes what a message carries, not whether or when it is answered, so no simulated metric reads it "
            + "(simulated requests carry no body, headers or queries); alone, the rule is accepted with no simulated effect, which a note and "
            + "the injection check say, as JVMChaos return";

    public static final Shape.Fields HTTP_CHAOS = spec("HTTPChaosSpec", podSelector(), List.of(
            Field.of("target", oneOf("Request", "Response"), simulated("Request or Response: either acts on every request the pods serve")),
            Field.of("port", whole(1, 65535), simulated("required; a simulated pod serves one port, so every request is on it")),
            Field.of("path", text(), simulated(ANY_MATCHES)),
            Field.of("method", text(), simulated(ANY_MATCHES)),
            Field.of("code", whole(), simulated("a response status to match: " + ANY_MATCHES + "; a rule with it and no action (abort, delay, replace, patch) is accepted, as Chaos Mesh takes it, and changes nothing (a note says so: replace.code answers with a status)")),
            Field.of("request_headers", mapOf(text()), simulated("request headers to match: " + ANY_MATCHES)),
            Field.of("response_headers", mapOf(text()), simulated("response headers to match: " + ANY_MATCHES)),
            Field.of("abort", flag(), simulated("HttpFault abort: every request fails (500); it short-circuits delay and replace, as in Chaos Mesh")),
            Field.of("delay", text(), simulated("HttpFault delay: + delay on every request; `0s` is accepted as Chaos Mesh accepts it and delays nothing (a note)")),
            Field.of("replace", Shape.Fields.of("PodHttpChaosReplaceActions", List.of(
                    Field.of("code", whole(100, 599), simulated("HttpFault replace: 5xx fail the requests (504 counted as a timeout); below 500 no error the SLO counts")),
                    Field.of("body", text(), liveOnly(NO_METRIC)),
                    Field.of("headers", mapOf(text()), liveOnly(NO_METRIC)),
                    Field.of("method", text(), liveOnly(NO_METRIC)),
                    Field.of("path", text(), liveOnly(NO_METRIC)),
                    Field.of("queries", mapOf(text()), liveOnly(NO_METRIC)))),
                    simulated("replace.code is simulated; the other replacements are live only")),
            Field.of("patch", Shape.Fields.of("PodHttpChaosPatchActions", List.of(
                    Field.of("body", Shape.Fields.of("PodHttpChaosPatchBodyAction", List.of(
                            Field.of("type", oneOf("JSON"), liveOnly(NO_METRIC)), Field.of("value", text(), liveOnly(NO_METRIC)))), liveOnly(NO_METRIC)),
                    Field.of("headers", listOf(listOf(text())), liveOnly(NO_METRIC)),
                    Field.of("queries", listOf(listOf(text())), liveOnly(NO_METRIC)))),
                    liveOnly("a patch " + NO_METRIC)),
            Field.of("tls", Shape.Fields.of("PodHttpChaosTLS", List.of(
                    Field.of("secretName", text(), liveOnly("TLS")), Field.of("secretNamespace", text(), liveOnly("TLS")),
                    Field.of("certName", text(), liveOnly("TLS")), Field.of("keyName", text(), liveOnly("TLS")),
                    Field.of("caName", text(), liveOnly("TLS")))),
                    liveOnly("how Chaos Mesh decrypts HTTPS live; the simulated requests are the same either way")),
            duration(UNTIL_DELETED),
            REMOTE_CLUSTER));

    public static final List<String> CLOCKS = List.of("CLOCK_REALTIME", "CLOCK_MONOTONIC", "CLOCK_PROCESS_CPUTIME_ID", "CLOCK_THREAD_CPUTIME_ID",
            "CLOCK_MONOTONIC_RAW", "CLOCK_REALTIME_COARSE", "CLOCK_MONOTONIC_COARSE", "CLOCK_BOOTTIME", "CLOCK_REALTIME_ALARM", "CLOCK_BOOTTIME_ALARM");

    public static final Shape.Fields TIME_CHAOS = spec("TimeChaosSpec", containerSelector(), List.of(
            Field.of("timeOffset", text(), simulated("ClockSkew: beyond 60 s either way (the default leeway of common JWT validators) "
                    + "every request of the pod fails (500); within it, no effect")),
            Field.of("clockIds", listOf(oneOf(CLOCKS.toArray(String[]::new))),
                    simulated("a skew of no realtime clock (e.g. CLOCK_MONOTONIC only) cannot fail credentials; absent: CLOCK_REALTIME")),
            duration(UNTIL_DELETED),
            REMOTE_CLUSTER));

    public static final Shape.Fields DNS_CHAOS = spec("DNSChaosSpec", containerSelector(), List.of(
            Field.of("action", oneOf("error", "random"),
                    simulated("DnsFault: error fails the lookup at once (500), random makes the call time out (504); without patterns each request looks up one dependency")),
            Field.of("patterns", listOf(text()),
                    simulated("only the pods' calls to hosts matching a pattern (? one character, * a trailing suffix) fail so: external "
                            + "hosts the scenario declares (services[].calls[].host) and in-cluster callees as <service>.<namespace>.svc.cluster.local; "
                            + "patterns matching nothing the pods call have no effect; none, or *: every request looks one up")),
            duration(UNTIL_DELETED),
            REMOTE_CLUSTER));

    private static final String ON_EVERY_REQUEST = "simulated requests run no Java code, so the method is taken to be on every request's path "
            + "(an upper bound, as HTTPChaos's matchers are); kept for the journal";
    private static final String ANY_STATEMENT = "every request is taken to run a matching statement (an upper bound); absent: every one";

    public static final Shape.Fields JVM_CHAOS = spec("JVMChaosSpec", containerSelector(), List.of(
            Field.of("action", oneOf("latency", "return", "exception", "stress", "gc", "ruleData", "mysql"),
                    simulated("latency and mysql with latency: the method is that much slower, holding the request's thread (service time); "
                            + "exception and mysql with exception: it throws, every request fails (500); "
                            + "stress: cpuCount busy cores, or memType (below); ruleData: the Byteman rule's actions (below); "
                            + "return and gc: accepted, no simulated effect (a changed return value changes what the application computes, not "
                            + "whether it answers; one collection pauses for far less than a traffic step): the injection check says so")),
            duration(UNTIL_DELETED),
            Field.of("class", text(), simulated(ON_EVERY_REQUEST)),
            Field.of("method", text(), simulated(ON_EVERY_REQUEST)),
            Field.of("latency", whole(0, Integer.MAX_VALUE), simulated("milliseconds added to the method (latency, mysql)")),
            Field.of("exception", text(), simulated("the exception thrown (exception) or its message (mysql): the request fails (500)")),
            Field.of("cpuCount", whole(0, 8192), simulated("stress: that many cores burnt in the JVM, a CPU stress of the container")),
            Field.of("memType", oneOf("stack", "heap"), simulated("stress: heap: Chaos Mesh's agent fills the JVM's heap until OutOfMemoryError "
                    + "and holds it: the container's memory rises to 75 % of its limit (the heap of a JVM sized with the usual "
                    + "-XX:MaxRAMPercentage=75, now full; never past the limit: the JVM throws OutOfMemoryError rather than grow its heap, so the "
                    + "kernel kills nothing) and every request fails (500) on an allocation that throws OutOfMemoryError, what its users see "
                    + "(the collector's back-to-back pauses would slow requests that passed, and none does); stack: the agent starts threads until the "
                    + "JVM cannot, whose stacks are native memory outside the heap, so the container reaches its memory limit and is OOMKilled "
                    + "once (the restarted JVM has no agent and no rule); with cpuCount too it is an error, as the agent stresses one")),
            Field.of("ruleData", text(), simulated("a Byteman script, read as Byteman reads it (RULE, CLASS or INTERFACE, METHOD, AT or AFTER, "
                    + "HELPER, BIND, IF, DO, ENDRULE; several rules): each rule's method is taken to be on every request's path and its "
                    + "condition to hold (an upper bound, as class and method; IF false never fires); its DO actions: throw → every request "
                    + "fails (500); Thread.sleep(N), delay(N) and waitFor(id, N) → N ms more, holding the request's thread; waitFor(id) "
                    + "without a timeout → the request never returns (a timeout), refused when the script signals it, whose timing depends "
                    + "on the application's code; return, tracing (traceln …) and rule state (flag, counters, timers) → no simulated effect, "
                    + "which the injection check says; any other action runs code whose effect simulated requests cannot show and is "
                    + "refused by name; one fault per effect of each rule (name#1, name#2 …)")),
            Field.of("name", text(), liveOnly("the Byteman rule's name Chaos Mesh generates for the other actions")),
            Field.of("port", whole(0, 65535), liveOnly("the Chaos Mesh agent's port in the JVM (default 9277)")),
            Field.of("pid", whole(0, Integer.MAX_VALUE), liveOnly("which Java process the agent attaches to; a simulated container runs one")),
            Field.of("mysqlConnectorVersion", oneOf("5", "8"), liveOnly("which mysql-connector-java the agent patches")),
            Field.of("database", text(), simulated(ANY_STATEMENT)),
            Field.of("table", text(), simulated(ANY_STATEMENT)),
            Field.of("sqlType", oneOf("select", "insert", "update", "delete", "replace", ""), simulated(ANY_STATEMENT)),
            REMOTE_CLUSTER), "value",
            simulated("the return value of action return (Go's JSON decoding gives the shallower field, so in a JVMChaos value is never the "
                    + "mode's: modes fixed, fixed-percent and random-max-percent cannot be given their number, in Chaos Mesh as here)"));

    public static final Shape.Fields BLOCK_CHAOS = spec("BlockChaosSpec", containerSelector(), List.of(
            Field.of("action", oneOf("delay", "limit"), simulated("delay: every request's file operation waits latency (service time, as an "
                    + "IOChaos latency on 100 %); limit: the device serves iops operations a second, one per request, with a queue of 128 "
                    + "(the block layer's default depth): beyond the rate requests wait, beyond the queue they time out")),
            Field.of("delay", Shape.Fields.of("BlockDelaySpec", List.of(
                    Field.of("latency", text(), simulated("the delay of every IO request")),
                    Field.of("jitter", text(), simulated("taken as its mean, 0: the delay is held through the request's service time")),
                    Field.of("correlation", text(), liveOnly("correlates consecutive IO requests; the model's requests are not ordered")))),
                    simulated("BlockFault delay")),
            Field.of("iops", whole(1, Integer.MAX_VALUE), simulated("the device's operations a second (action limit)")),
            Field.of("volumeName", text(), simulated("the volume whose device is hit; required; a simulated pod's requests are taken to use it")),
            duration(UNTIL_DELETED)));

    private static Shape.Fields spec(String name, List<Field> selector, List<Field> own) {
        var all = new java.util.ArrayList<>(selector);
        all.addAll(own);
        return Shape.Fields.of(name, all);
    }

    /** As above, with the shared field {@code override} described for this kind. */
    private static Shape.Fields spec(String name, List<Field> selector, List<Field> own, String override, Support support) {
        var all = new java.util.ArrayList<Field>();
        for (Field f : selector) all.add(f.name().equals(override) ? Field.of(f.name(), f.shape(), support) : f);
        all.addAll(own);
        return Shape.Fields.of(name, all);
    }
}
