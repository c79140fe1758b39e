package dev.homeostat.chaos;

import dev.homeostat.chaos.crd.Suggest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A stress-ng command line as stress-ng reads it: options in order, the last value of an option winning. The options
 * that set how much cpu, memory and disk is burnt ({@code --cpu}, {@code --cpu-load}, {@code --vm}, {@code --vm-bytes},
 * {@code --hdd}, {@code --io}, {@code --timeout}) are read into a {@link Stress}; options that change only how stress-ng
 * burns (methods, verbosity, scheduling, the disk workers' block sizes and op counts) change nothing the simulator
 * measures; the workers of stress-ng's other stressors ({@code --matrix}, {@code --sock}, {@code --cache} …) are busy
 * CPUs; an option it does not know is passed on live and leaves a note. A near miss of a known option is an error with a suggestion.
 */
final class StressNg {
    /**
     * What the command line asks for; null where it says nothing. {@code vmBytes} is per worker, as stress-ng reads it;
     * a worker count of 0 is stress-ng's one worker per processor of the machine. {@code otherPerProcessor}: how many
     * other stressors were given 0 workers; {@code memory}: what the memory stressors hold.
     */
    record Stress(Integer cpuWorkers, Integer cpuLoad, Integer vmWorkers, Long vmBytes, Duration timeout, Integer hddWorkers, Integer ioWorkers,
            int otherWorkers, Double vmShareOfNode, int otherPerProcessor, List<Memory> memory) {
        Stress(Integer cpuWorkers, Integer cpuLoad, Integer vmWorkers, Long vmBytes, Duration timeout) {
            this(cpuWorkers, cpuLoad, vmWorkers, vmBytes, timeout, null, null, 0, null, 0, List.of());
        }
    }

    /**
     * The memory one of stress-ng's memory stressors holds: {@code workers} (0: one per processor) of
     * {@code bytesPerWorker} each, or {@code shareOfNode} of the node's memory each, or, for a stressor that grows until
     * its allocation fails, up to the container's limit ({@code untilAllocationFails}).
     */
    record Memory(String stressor, int workers, long bytesPerWorker, double shareOfNode, boolean untilAllocationFails) { }

    /**
     * stress-ng's other stressors (the names of its stressor table, core-stressors.h): each of their workers runs flat out, so each is
     * simulated as one busy CPU; their own options ({@code --matrix-size}, {@code --cache-level} …) change how, not how much.
     */
    private static final Set<String> STRESSORS = Set.of(
            "access", "af-alg", "affinity", "aio", "aiol", "alarm", "apparmor", "atomic", "bad-altstack", "bad-ioctl", "bigheap", "bind-mount",
            "binderfs", "branch", "brk", "bsearch", "cache", "cacheline", "cap", "cgroup", "chattr", "chdir", "chmod", "chown", "chroot", "clock",
            "clone", "close", "context", "copy-file", "cpu-online", "crypt", "cyclic", "daemon", "dccp", "dekker", "dentry", "dev", "dev-shm", "dir",
            "dirdeep", "dirmany", "dnotify", "dup", "dynlib", "efivar", "eigen", "enosys", "env", "epoll", "eventfd", "exec", "exit-group",
            "fallocate", "fanotify", "far-branch", "fault", "fcntl", "fiemap", "fifo", "file-ioctl", "filename", "flock", "flushcache", "fma",
            "fork", "forkheavy", "fp", "fp-error", "fpunch", "fsize", "fstat", "full", "funccall", "funcret", "futex", "get", "getdent", "getrandom",
            "goto", "gpu", "handle", "hash", "heapsort", "hrtimers", "hsearch", "icache", "icmp-flood", "idle-page", "inode-flags", "inotify",
            "io-uring", "iomix", "ioport", "ioprio", "ipsec-mb", "itimer", "jpeg", "judy", "kcmp", "key", "kill", "klog", "kvm", "l1cache",
            "landlock", "lease", "link", "list", "llc-affinity", "loadavg", "locka", "lockbus", "lockf", "lockofd", "longjmp", "loop", "lsearch",
            "madvise", "malloc", "matrix", "matrix-3d", "mcontend", "membarrier", "memcpy", "memfd", "memhotplug", "memrate", "memthrash",
            "mergesort", "metamix", "mincore", "misaligned", "mknod", "mlock", "mlockmany", "mmap", "mmapaddr", "mmapfixed", "mmapfork", "mmaphuge",
            "mmapmany", "module", "mpfr", "mprotect", "mq", "mremap", "msg", "msync", "msyncmany", "munmap", "mutex", "nanosleep", "netdev",
            "netlink-proc", "netlink-task", "nice", "nop", "null", "numa", "oom-pipe", "opcode", "open", "pagemove", "pageswap", "pci",
            "personality", "peterson", "physpage", "pidfd", "ping-sock", "pipe", "pipeherd", "pkey", "plugin", "poll", "prctl", "prefetch",
            "priv-instr", "procfs", "pthread", "ptrace", "pty", "qsort", "quota", "race-sched", "radixsort", "ramfs", "randlist", "rawdev", "rawpkt",
            "rawsock", "rawudp", "rdrand", "readahead", "reboot", "regs", "remap", "rename", "resched", "resources", "revio", "ring-pipe", "rlimit",
            "rmap", "rotate", "rseq", "rtc", "schedmix", "schedpolicy", "sctp", "seal", "seccomp", "secretmem", "seek", "sem", "sem-sysv",
            "sendfile", "session", "set", "shellsort", "shm", "shm-sysv", "sigabrt", "sigbus", "sigchld", "sigfd", "sigfpe", "sigio", "signal",
            "signest", "sigpending", "sigpipe", "sigq", "sigrt", "sigsegv", "sigsuspend", "sigtrap", "skiplist", "sleep", "smi", "sock", "sockabuse",
            "sockdiag", "sockfd", "sockmany", "sockpair", "softlockup", "sparsematrix", "spawn", "splice", "stack", "stackmmap", "str", "stream",
            "swap", "switch", "symlink", "sync-file", "syncload", "sysbadaddr", "syscall", "sysfs", "sysinfo", "sysinval", "tee", "timer", "timerfd",
            "tlb-shootdown", "tmpfs", "touch", "tree", "tsc", "tsearch", "tun", "udp", "udp-flood", "umount", "unshare", "uprobe", "urandom",
            "userfaultfd", "usersyscall", "utime", "vdso", "vecfp", "vecmath", "vecshuf", "vecwide", "verity", "vfork", "vforkmany", "vm-addr",
            "vm-rw", "vm-segv", "vm-splice", "vma", "vnni", "wait", "waitcpu", "watchdog", "wcs", "x86cpuid", "x86syscall", "xattr", "yield", "zero",
            "zlib", "zombie");
    /**
     * The stressors among them whose point is the memory they take, with what each worker holds by default (stress-ng's
     * manual): {@code --<stressor>-bytes} sets it where the stressor has that option; {@link #UNTIL_FAILURE} marks those that
     * grow until an allocation fails. Those whose manual gives no size are taken to hold {@link #DEFAULT_BYTES}, the
     * {@code --vm} default (an assumption).
     */
    private static final Map<String, Long> MEMORY_STRESSORS = new java.util.TreeMap<>();
    private static final long UNTIL_FAILURE = -1, DEFAULT_BYTES = 256L << 20;

    static {
        for (String st : List.of("bigheap", "brk", "malloc", "mmapmany", "mlockmany")) MEMORY_STRESSORS.put(st, UNTIL_FAILURE);
        for (String st : List.of("mmap", "mmaphuge", "mremap", "memrate", "mlock", "mmapaddr", "mmapfixed", "mmapfork", "numa", "shm-sysv", "tmpfs", "vm-addr",
                "vm-segv", "vm-splice")) MEMORY_STRESSORS.put(st, DEFAULT_BYTES);
        MEMORY_STRESSORS.put("vm-rw", 16L << 20);
        MEMORY_STRESSORS.put("shm", 8L << 20);
        MEMORY_STRESSORS.put("memthrash", 4L << 20);
        // a stack grows until the stack limit (ulimit -s, 8 MiB by default) stops it with SIGSEGV, and starts over
        MEMORY_STRESSORS.put("stack", 8L << 20);
        MEMORY_STRESSORS.put("stackmmap", 2L << 20);
    }

    /** Options read into {@link Stress}, with whether they take a value. */
    private static final Map<String, Boolean> SIMULATED = new LinkedHashMap<>();
    /** Options that change how stress-ng burns, not how much: accepted, no simulated effect, no note. */
    private static final Set<String> HOW_ONLY = Set.of("--cpu-method", "--cpu-load-slice", "--cpu-ops", "--vm-method", "--vm-hang", "--vm-ops",
            "--vm-populate", "--vm-locked", "--vm-madvise", "--metrics", "--metrics-brief", "--verbose", "--quiet", "--oomable", "--page-in",
            "--taskset", "--aggressive", "--sched", "--sched-prio", "--times", "--tz", "--no-rand-seed", "--seed", "--temp-path", "--log-brief",
            "--ionice-class", "--ionice-level", "--keep-name", "--perf", "--thrash", "--maximize", "--minimize", "--backoff", "--class",
            // the disk workers' slowdown is modelled per worker, whatever their block size or op count
            "--hdd-bytes", "--hdd-write-size", "--hdd-opts", "--hdd-ops", "--io-ops");
    /** stress-ng's own short options for the simulated ones. */
    private static final Map<String, String> SHORT = Map.of("-c", "--cpu", "-l", "--cpu-load", "-m", "--vm", "-t", "--timeout", "-v", "--verbose", "-q", "--quiet",
            "-d", "--hdd", "-i", "--io");

    static {
        SIMULATED.put("--cpu", true);
        SIMULATED.put("--cpu-load", true);
        SIMULATED.put("--vm", true);
        SIMULATED.put("--vm-bytes", true);
        SIMULATED.put("--vm-keep", false);
        SIMULATED.put("--timeout", true);
        SIMULATED.put("--hdd", true);
        SIMULATED.put("--io", true);
    }

    private StressNg() { }

    /** Checks the syntax of {@code tokens} (errors for near misses), without reading or noting them. */
    static void check(String field, List<String> tokens, ManifestContext ctx) {
        parse(field, tokens, new Stress(null, null, null, null, null), ctx, false);
    }

    /** Reads {@code tokens} (each may hold an option and its value, {@code "--cpu 2"} or {@code "--cpu=2"}), naming {@code field} in errors and notes. */
    static Stress parse(String field, List<String> tokens, Stress start, ManifestContext ctx) {
        return parse(field, tokens, start, ctx, true);
    }

    private static Stress parse(String field, List<String> tokens, Stress start, ManifestContext ctx, boolean noteOthers) {
        List<String> words = new ArrayList<>();
        for (String t : tokens) {
            if (t == null) continue;
            for (String w : t.strip().split("\\s+")) {
                if (w.isEmpty()) continue;
                int eq = w.indexOf('=');
                if (w.startsWith("--") && eq > 0) {
                    words.add(w.substring(0, eq));
                    words.add(w.substring(eq + 1));
                } else {
                    words.add(w);
                }
            }
        }
        Integer cpu = start.cpuWorkers(), load = start.cpuLoad(), vm = start.vmWorkers();
        Long bytes = start.vmBytes();
        Double vmShare = start.vmShareOfNode();
        Duration timeout = start.timeout();
        Integer hdd = start.hddWorkers(), io = start.ioWorkers();
        int others = start.otherWorkers(), othersPerProcessor = start.otherPerProcessor();
        var memoryWorkers = new LinkedHashMap<String, Integer>();
        var memoryBytes = new java.util.HashMap<String, String>();
        for (int i = 0; i < words.size(); i++) {
            String raw = words.get(i);
            if (!raw.startsWith("-")) throw ctx.fail(field, "\"" + raw + "\" is not a stress-ng option; options start with --, e.g. --cpu 2");
            String option = SHORT.getOrDefault(raw, raw);
            String stressor = option.startsWith("--") && STRESSORS.contains(option.substring(2)) ? option.substring(2) : null;
            boolean takesValue = stressor != null || SIMULATED.getOrDefault(option, i + 1 < words.size() && !words.get(i + 1).startsWith("-"));
            String value = takesValue && i + 1 < words.size() ? words.get(++i) : null;
            if (takesValue && value == null) throw ctx.fail(field, option + " needs a value, e.g. " + option + " 1");
            switch (option) {
                case "--cpu" -> cpu = count(field, option, value, 0, 8192, ctx);
                case "--cpu-load" -> load = count(field, option, value, 0, 100, ctx);
                case "--vm" -> vm = count(field, option, value, 0, 8192, ctx);
                case "--vm-bytes" -> {
                    // a percent is a share of the machine's memory per worker, which a container sees as the node's
                    vmShare = value.endsWith("%") ? ctx.percent(field, value.substring(0, value.length() - 1), "of the node's memory") / 100 : null;
                    bytes = vmShare == null ? bytes(field, "--vm-bytes", value, ctx) : null;
                }
                case "--vm-keep" -> { }
                case "--timeout" -> timeout = timeout(field, value, ctx);
                case "--hdd" -> hdd = count(field, option, value, 0, 8192, ctx);
                case "--io" -> io = count(field, option, value, 0, 8192, ctx);
                default -> {
                    String sized = sizeOption(option);
                    if (stressor != null) {
                        int n = count(field, option, value, 0, 8192, ctx);
                        if (n == 0) othersPerProcessor++;
                        others += n;
                        if (MEMORY_STRESSORS.containsKey(stressor)) memoryWorkers.put(stressor, n);
                    } else if (sized != null && value != null) {
                        memoryBytes.put(sized, value);
                    } else {
                        other(field, option, ctx, noteOthers);
                    }
                }
            }
        }
        var memory = new ArrayList<>(start.memory());
        for (var e : memoryWorkers.entrySet()) memory.add(memory(field, e.getKey(), e.getValue(), memoryBytes.get(e.getKey()), ctx));
        return new Stress(cpu, load, vm, bytes, timeout, hdd, io, others, vmShare, othersPerProcessor, List.copyOf(memory));
    }

    /** The memory stressor whose size {@code option} sets ({@code --mmap-bytes} → mmap), or null. */
    private static String sizeOption(String option) {
        if (!option.startsWith("--") || !option.endsWith("-bytes")) return null;
        String stressor = option.substring(2, option.length() - "-bytes".length());
        return MEMORY_STRESSORS.containsKey(stressor) && MEMORY_STRESSORS.get(stressor) != UNTIL_FAILURE ? stressor : null;
    }

    /** What {@code workers} of a memory stressor hold: its {@code --<stressor>-bytes} (a size or a percent of the node), or its default. */
    private static Memory memory(String field, String stressor, int workers, String size, ManifestContext ctx) {
        long bytes = MEMORY_STRESSORS.get(stressor);
        if (bytes == UNTIL_FAILURE) return new Memory(stressor, workers, 0, 0, true);
        if (size == null) return new Memory(stressor, workers, bytes, 0, false);
        if (size.endsWith("%"))
            return new Memory(stressor, workers, 0, ctx.percent(field, size.substring(0, size.length() - 1), "of the node's memory") / 100, false);
        return new Memory(stressor, workers, bytes(field, "--" + stressor + "-bytes", size, ctx), 0, false);
    }

    private static void other(String field, String option, ManifestContext ctx, boolean note) {
        if (HOW_ONLY.contains(option)) return;
        // a stressor's own options (--matrix-size, --sock-port …) change how it burns, not how much
        if (option.startsWith("--") && STRESSORS.stream().anyMatch(st -> option.startsWith("--" + st + "-"))) return;
        var known = new ArrayList<>(SIMULATED.keySet());
        known.addAll(HOW_ONLY);
        if (!known.contains(option) && Suggest.closest(option, known).isPresent())
            throw ctx.fail(field, "unknown stress-ng option " + option + Suggest.didYouMean(option, known));
        if (note) ctx.note(field, "not simulated: stress-ng " + option + " is in no list the simulator has of stress-ng's stressors and options, so it is "
                + "passed on live with no simulated effect; the workers of the stressors it lists are simulated");
    }

    private static int count(String field, String option, String value, int min, int max, ManifestContext ctx) {
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw ctx.fail(field, option + " " + value + ": expected a whole number in " + min + ".." + max);
    }

    /** stress-ng sizes: a number with b, k, m or g (powers of 1024); a percent of the machine is not modelled. */
    private static long bytes(String field, String option, String value, ManifestContext ctx) {
        String v = value.toLowerCase(Locale.ROOT);
        long multiplier = switch (v.isEmpty() ? ' ' : v.charAt(v.length() - 1)) {
            case 'b' -> 1;
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            default -> 0;
        };
        String digits = multiplier == 0 ? v : v.substring(0, v.length() - 1);
        try {
            long n = Long.parseLong(digits);
            if (n > 0) return Math.multiplyExact(n, multiplier == 0 ? 1 : multiplier);
        } catch (NumberFormatException | ArithmeticException notANumber) {
            // reported below
        }
        throw ctx.fail(field, option + " " + value + ": expected a size such as 256m, 1g or 4096k");
    }

    /** stress-ng times: a number of seconds, or with s, m, h, d or y. */
    private static Duration timeout(String field, String value, ManifestContext ctx) {
        String v = value.toLowerCase(Locale.ROOT);
        long seconds = switch (v.isEmpty() ? ' ' : v.charAt(v.length() - 1)) {
            case 's' -> 1;
            case 'm' -> 60;
            case 'h' -> 3600;
            case 'd' -> 86_400;
            case 'y' -> 31_536_000;
            default -> 0;
        };
        String digits = seconds == 0 ? v : v.substring(0, v.length() - 1);
        try {
            long n = Long.parseLong(digits);
            if (n > 0) return Duration.ofSeconds(Math.multiplyExact(n, seconds == 0 ? 1 : seconds));
        } catch (NumberFormatException | ArithmeticException notANumber) {
            // reported below
        }
        throw ctx.fail(field, "--timeout " + value + ": expected a time such as 60, 30s, 5m or 1h");
    }
}
