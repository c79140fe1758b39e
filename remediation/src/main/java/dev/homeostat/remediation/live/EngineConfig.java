package dev.homeostat.remediation.live;

import com.fasterxml.jackson.databind.JsonNode;
import dev.homeostat.remediation.live.kafka.KafkaSettings;
import dev.homeostat.units.GoDuration;
import dev.homeostat.units.YamlSyntax;
import dev.homeostat.units.YamlTree;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The live engine's configuration, a {@code kind: EngineConfig} YAML document (see
 * {@code deploy/engine/base/engine.yaml}). Loaded and checked whole before anything starts; every
 * error names the file and field and says what to write instead, e.g.
 * {@code engine.yaml: spec.webhook.token: a token is never written inline; put it in a Secret and use tokenFile or tokenEnv}.
 *
 * @param policy        the RemediationPolicy file (relative paths are resolved against the config's folder)
 * @param journal       the JSON-lines journal of engine events, or null for none
 * @param webhook       the Alertmanager receiver, or null for none
 * @param leaderElection the lease, or null when election is off (a single replica)
 * @param pagerUrl      where {@code page} actions are POSTed, or null: pages are journaled as refused
 * @param kafka         the optional event bus (anomaly events in, engine events out), or null
 */
public record EngineConfig(String name, Path policy, boolean dryRun, Path journal, Prometheus prometheus, Kubernetes kubernetes,
                           Webhook webhook, Server server, Election leaderElection, URI pagerUrl, KafkaSettings kafka) {
    public static final String API_VERSION = "homeostat.dev/v1alpha1";
    public static final String KIND = "EngineConfig";

    /** Where Prometheus is, how long a query may take, and PromQL per metric name where the name alone is not the query. */
    public record Prometheus(URI url, Duration timeout, Map<String, String> queries) {
        public Prometheus { queries = Map.copyOf(new TreeMap<>(queries)); }
    }

    /** The namespaces the engine watches and acts in. */
    public record Kubernetes(List<String> namespaces) {
        public Kubernetes { namespaces = List.copyOf(namespaces); }
    }

    /** The receiver's address, its bearer token (read from a file or variable, never inline) and limits. */
    public record Webhook(InetSocketAddress listen, String token, int queueCapacity, int maxBodyBytes) {
        public AlertmanagerWebhook.Settings settings() { return new AlertmanagerWebhook.Settings(listen, token, queueCapacity, maxBodyBytes); }

        /** Never prints the token. */
        @Override public String toString() {
            return "Webhook[listen=" + listen + ", token=<" + token.length() + " chars>, queueCapacity=" + queueCapacity + ", maxBodyBytes=" + maxBodyBytes + "]";
        }
    }

    /** Where /metrics, /healthz and /readyz are served. */
    public record Server(InetSocketAddress listen) { }

    /** The Lease that makes one replica of several the one that acts. */
    public record Election(String namespace, String leaseName, String identity, Duration leaseDuration, Duration renewDeadline,
                           Duration retryPeriod) {
        public LeaderElection.Settings settings() {
            return new LeaderElection.Settings(namespace, leaseName, identity, leaseDuration, renewDeadline, retryPeriod);
        }

        /** This, once its timing has been checked (renewDeadline below leaseDuration, retryPeriod below renewDeadline). */
        Election validated() {
            settings();
            return this;
        }
    }

    /** Defaults, in one place. */
    public static final class Defaults {
        public static final Duration PROMETHEUS_TIMEOUT = Duration.ofSeconds(10);
        public static final String WEBHOOK_LISTEN = "0.0.0.0:8080";
        public static final int QUEUE_CAPACITY = 1000;
        public static final int MAX_BODY_BYTES = 1 << 20;
        public static final String SERVER_LISTEN = "0.0.0.0:8081";
        public static final String LEASE_NAME = "homeostat-engine";
        public static final Duration LEASE_DURATION = Duration.ofSeconds(15);
        public static final Duration RENEW_DEADLINE = Duration.ofSeconds(10);
        public static final Duration RETRY_PERIOD = Duration.ofSeconds(2);

        private Defaults() { }
    }

    /** The same configuration with {@code dryRun} set (the command line's {@code --dry-run} wins over the file). */
    public EngineConfig withDryRun(boolean dry) {
        return new EngineConfig(name, policy, dry, journal, prometheus, kubernetes, webhook, server, leaderElection, pagerUrl, kafka);
    }

    /** The same configuration watching {@code namespaces} (the command line's {@code --namespace}), checked as in the file. */
    public EngineConfig withNamespaces(List<String> namespaces) {
        var checked = new ArrayList<String>();
        for (String n : namespaces) {
            if (n == null || !n.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?") && !n.equals("*"))
                throw new IllegalArgumentException("--namespace: '" + n + "' is not a namespace name (lower-case letters, digits, '-')");
            if (checked.contains(n)) throw new IllegalArgumentException("--namespace: '" + n + "' is given twice");
            checked.add(n);
        }
        if (checked.isEmpty()) throw new IllegalArgumentException("--namespace: give at least one namespace");
        return new EngineConfig(name, policy, dryRun, journal, prometheus, new Kubernetes(checked), webhook, server, leaderElection, pagerUrl, kafka);
    }

    /** The same configuration journaling to {@code file} (the command line's {@code --journal}). */
    public EngineConfig withJournal(Path file) {
        return new EngineConfig(name, policy, dryRun, file, prometheus, kubernetes, webhook, server, leaderElection, pagerUrl, kafka);
    }

    /** Loads {@code file}; {@code env} supplies {@code tokenEnv} and the defaults from the Downward API (POD_NAMESPACE, POD_NAME, HOSTNAME). */
    public static EngineConfig load(Path file, Map<String, String> env) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": file not found; check the --config path");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException(file + ": not UTF-8 text; save the configuration as UTF-8");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read (" + (Files.isDirectory(file) ? "a folder; give the configuration file" : e.getMessage()) + ")");
        }
        Path base = file.toAbsolutePath().getParent();
        return parse(text, file.toString(), base, env);
    }

    /** Parses {@code yaml}; {@code source} prefixes every error; relative paths resolve against {@code base}. */
    public static EngineConfig parse(String yaml, String source, Path base, Map<String, String> env) {
        var syntax = YamlSyntax.check(yaml == null ? "" : yaml);
        if (syntax != null) throw new IllegalArgumentException(syntax.describe(source));
        JsonNode root;
        try {
            var documents = YamlTree.documents(yaml == null ? "" : yaml);
            root = documents.isEmpty() ? null : documents.getFirst().root();
        } catch (YamlTree.Problem p) {
            throw new IllegalArgumentException(source + ":" + p.line() + ": " + p.path() + ": " + p.reason());
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new IllegalArgumentException(source + ": empty document; start with 'apiVersion: " + API_VERSION + "' and 'kind: " + KIND + "'");
        }
        return new Reader(source, base, env).config(new At(root, ""));
    }

    private record At(JsonNode node, String path) {
        At field(String name) { return new At(node.path(name), path.isEmpty() ? name : path + "." + name); }

        boolean absent() { return node.isMissingNode() || node.isNull(); }
    }

    private record Reader(String source, Path base, Map<String, String> env) {
        EngineConfig config(At root) {
            object(root, "apiVersion", "kind", "metadata", "spec");
            String api = text(root.field("apiVersion"));
            if (!api.equals(API_VERSION)) throw error(root.field("apiVersion"), "'" + api + "' is not supported; write " + API_VERSION);
            String kind = text(root.field("kind"));
            if (!kind.equals(KIND)) throw error(root.field("kind"), "'" + kind + "' is not an engine configuration; write " + KIND);
            At meta = root.field("metadata");
            object(meta, "name", "namespace", "labels", "annotations");
            String name = text(meta.field("name"));
            At spec = root.field("spec");
            if (spec.absent()) throw error(spec, "missing; give at least policy and prometheus.url");
            object(spec, "policy", "dryRun", "journal", "prometheus", "kubernetes", "webhook", "server", "leaderElection", "pager", "kafka");
            Path policy = path(spec.field("policy"));
            if (!Files.isRegularFile(policy)) throw error(spec.field("policy"), "file " + policy + " not found; give the RemediationPolicy's path (relative to this file)");
            boolean dryRun = bool(spec.field("dryRun"), false);
            Path journal = spec.field("journal").absent() ? null : path(spec.field("journal"));
            return new EngineConfig(name, policy, dryRun, journal, prometheus(spec.field("prometheus")), kubernetes(spec.field("kubernetes")),
                    webhook(spec.field("webhook")), server(spec.field("server")), election(spec.field("leaderElection")), pager(spec.field("pager")),
                    kafka(spec.field("kafka")));
        }

        private KafkaSettings kafka(At at) {
            if (at.absent()) return null;
            object(at, "bootstrapServers", "source", "sink", "properties");
            String servers = text(at.field("bootstrapServers"));
            At source = at.field("source");
            At sink = at.field("sink");
            if (source.absent() && sink.absent()) throw error(at, "give source (anomaly events in), sink (engine events out) or both");
            object(source, "topic", "groupId", "queueCapacity");
            object(sink, "topic");
            String sourceTopic = source.absent() ? null : text(source.field("topic"));
            String group = source.absent() || source.field("groupId").absent() ? KafkaSettings.DEFAULT_GROUP : text(source.field("groupId"));
            int capacity = source.absent() ? Defaults.QUEUE_CAPACITY : integer(source.field("queueCapacity"), Defaults.QUEUE_CAPACITY, 1);
            String sinkTopic = sink.absent() ? null : text(sink.field("topic"));
            var props = new TreeMap<String, String>();
            At p = at.field("properties");
            if (!p.absent()) {
                if (!p.node().isObject()) throw error(p, "expected a map of Kafka client property to value, e.g. security.protocol: SASL_SSL");
                for (Iterator<String> it = p.node().fieldNames(); it.hasNext(); ) {
                    String key = it.next();
                    if (key.equals("bootstrap.servers")) throw error(p.field(key), "write it as kafka.bootstrapServers");
                    props.put(key, text(p.field(key)));
                }
            }
            return new KafkaSettings(servers, sourceTopic, group, sinkTopic, capacity, props);
        }

        private URI pager(At at) {
            if (at.absent()) return null;
            object(at, "url");
            return httpUrl(at.field("url"), "https://hooks.example.com/homeostat");
        }

        private URI httpUrl(At urlAt, String example) {
            String text = text(urlAt);
            URI url;
            try {
                url = new URI(text);
            } catch (URISyntaxException e) {
                throw error(urlAt, "'" + text + "' is not a URL; write e.g. " + example);
            }
            if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
                throw error(urlAt, "'" + text + "' is not an http(s) URL with a host; write e.g. " + example);
            }
            return url;
        }

        private Prometheus prometheus(At at) {
            if (at.absent()) throw error(at, "missing; give url, e.g. http://prometheus-operated.monitoring:9090");
            object(at, "url", "timeout", "queries");
            URI url = httpUrl(at.field("url"), "http://prometheus-operated.monitoring:9090");
            Duration timeout = duration(at.field("timeout"), Defaults.PROMETHEUS_TIMEOUT);
            if (timeout.isZero()) throw error(at.field("timeout"), "must be positive, e.g. 10s");
            var queries = new TreeMap<String, String>();
            At q = at.field("queries");
            if (!q.absent()) {
                if (!q.node().isObject()) throw error(q, "expected a map of metric name to PromQL");
                for (Iterator<String> it = q.node().fieldNames(); it.hasNext(); ) {
                    String metric = it.next();
                    queries.put(metric, text(q.field(metric)));
                }
            }
            return new Prometheus(url, timeout, queries);
        }

        private Kubernetes kubernetes(At at) {
            if (at.absent()) return new Kubernetes(List.of(env.getOrDefault("POD_NAMESPACE", "default")));
            object(at, "namespaces");
            At ns = at.field("namespaces");
            if (!ns.node().isArray() || ns.node().isEmpty()) throw error(ns, "give a list of at least one namespace, e.g. [default]");
            var out = new ArrayList<String>();
            for (int i = 0; i < ns.node().size(); i++) {
                At item = new At(ns.node().get(i), ns.path() + "[" + i + "]");
                String n = text(item);
                if (!n.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")) throw error(item, "'" + n + "' is not a namespace name (lower-case letters, digits, '-')");
                if (out.contains(n)) throw error(item, "'" + n + "' is listed twice");
                out.add(n);
            }
            return new Kubernetes(out);
        }

        private Webhook webhook(At at) {
            if (at.absent()) return null;
            object(at, "listen", "token", "tokenFile", "tokenEnv", "queueCapacity", "maxBodyBytes");
            if (!at.field("token").absent()) {
                throw error(at.field("token"), "a token is never written inline; put it in a Secret and use tokenFile (a mounted file) or tokenEnv (a variable)");
            }
            At fileAt = at.field("tokenFile");
            At envAt = at.field("tokenEnv");
            if (fileAt.absent() == envAt.absent()) throw error(at, "give exactly one of tokenFile or tokenEnv");
            String token;
            if (!fileAt.absent()) {
                Path f = path(fileAt);
                try {
                    token = Files.readString(f, StandardCharsets.UTF_8).strip();
                } catch (IOException e) {
                    throw error(fileAt, "cannot read " + f + " (" + e.getClass().getSimpleName() + "); mount the Secret there or fix the path");
                }
            } else {
                String var = text(envAt);
                token = env.get(var);
                if (token == null) throw error(envAt, "variable " + var + " is not set; set it (from a Secret) or use tokenFile");
                token = token.strip();
            }
            if (token.length() < 16) {
                throw error(fileAt.absent() ? envAt : fileAt, "the token is shorter than 16 characters; generate one, e.g. 'openssl rand -hex 32'");
            }
            int capacity = integer(at.field("queueCapacity"), Defaults.QUEUE_CAPACITY, 1);
            int maxBody = integer(at.field("maxBodyBytes"), Defaults.MAX_BODY_BYTES, 1024);
            return new Webhook(address(at.field("listen"), Defaults.WEBHOOK_LISTEN), token, capacity, maxBody);
        }

        private Server server(At at) {
            if (!at.absent()) object(at, "listen");
            return new Server(address(at.field("listen"), Defaults.SERVER_LISTEN));
        }

        private Election election(At at) {
            if (!at.absent()) object(at, "enabled", "namespace", "leaseName", "identity", "leaseDuration", "renewDeadline", "retryPeriod");
            if (!bool(at.field("enabled"), true)) return null;
            String namespace = at.field("namespace").absent() ? env.getOrDefault("POD_NAMESPACE", "default") : text(at.field("namespace"));
            String lease = at.field("leaseName").absent() ? Defaults.LEASE_NAME : text(at.field("leaseName"));
            String identity = at.field("identity").absent() ? env.getOrDefault("POD_NAME", env.getOrDefault("HOSTNAME", localHostName())) : text(at.field("identity"));
            if (identity == null || identity.isBlank()) throw error(at.field("identity"), "unknown; set it, or the POD_NAME or HOSTNAME variable");
            Duration lease0 = duration(at.field("leaseDuration"), Defaults.LEASE_DURATION);
            Duration renew = duration(at.field("renewDeadline"), Defaults.RENEW_DEADLINE);
            Duration retry = duration(at.field("retryPeriod"), Defaults.RETRY_PERIOD);
            try {
                return new Election(namespace, lease, identity, lease0, renew, retry).validated();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ": spec." + e.getMessage());
            }
        }

        /** Outside a pod (a laptop rehearsal) the machine's name stands in for the pod's. */
        private static String localHostName() {
            try {
                return java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.net.UnknownHostException e) {
                return null;
            }
        }

        private Path path(At at) {
            Path p = Path.of(text(at));
            return p.isAbsolute() || base == null ? p : base.resolve(p).normalize();
        }

        private InetSocketAddress address(At at, String fallback) {
            String text = at.absent() ? fallback : text(at);
            int colon = text.lastIndexOf(':');
            if (colon < 0) throw error(at, "'" + text + "' has no port; write host:port, e.g. 0.0.0.0:8080 or :8080");
            String host = text.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
            int port;
            try {
                port = Integer.parseInt(text.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw error(at, "'" + text + "': port is not a number; write host:port, e.g. 0.0.0.0:8080");
            }
            if (port < 0 || port > 65535) throw error(at, "port " + port + " is out of range 0..65535");
            return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
        }

        private Duration duration(At at, Duration fallback) {
            if (at.absent()) return fallback;
            try {
                return GoDuration.parse(at.node().asText());
            } catch (IllegalArgumentException e) {
                throw error(at, e.getMessage());
            }
        }

        private boolean bool(At at, boolean fallback) {
            if (at.absent()) return fallback;
            if (!at.node().isBoolean()) throw error(at, "expected true or false, got '" + at.node().asText() + "'");
            return at.node().asBoolean();
        }

        private int integer(At at, int fallback, int min) {
            if (at.absent()) return fallback;
            if (!at.node().canConvertToInt() || !at.node().isIntegralNumber()) throw error(at, "expected a whole number, got '" + at.node().asText() + "'");
            int v = at.node().asInt();
            if (v < min) throw error(at, v + " is below the minimum " + min);
            return v;
        }

        private String text(At at) {
            if (at.absent()) throw error(at, "missing");
            if (!at.node().isValueNode()) throw error(at, "expected a value, got a " + (at.node().isArray() ? "list" : "map"));
            String s = at.node().asText();
            if (s.isBlank()) throw error(at, "empty");
            return s;
        }

        private void object(At at, String... known) {
            if (at.absent()) return;
            if (!at.node().isObject()) throw error(at, "expected a map with " + String.join(", ", known));
            Set<String> allowed = new TreeSet<>(List.of(known));
            for (Iterator<String> it = at.node().fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!allowed.contains(f)) throw error(at.field(f), "unknown field; known: " + String.join(", ", allowed));
            }
        }

        private IllegalArgumentException error(At at, String problem) {
            return new IllegalArgumentException(source + ": " + (at.path().isEmpty() ? "" : at.path() + ": ") + problem);
        }
    }
}
