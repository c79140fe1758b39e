"""The three topologies of fresh/, the second held-out split (read by generate.py; README "fresh/").

Written on 2026-12-06, after holdout/ had been read, by the rules of topologies.py: one team's cluster
each, sized so the busiest pod of each service runs at 30-60 % of its capacity at the daily peak
(1.4x base), slow starters with a liveness delay past their start-up. They are unlike the six of
topologies.py: an event pipeline whose consumers pull from a broker at different depths, a multi-tenant
SaaS whose tenants call a shared platform namespace across namespaces, and a mobile backend with a big
session tier behind autoscalers, read replicas behind a cache, and identity and push providers outside
the cluster (calls to a `host`).
"""
from topologies import call, container


def host(name, per_request, latency, deadline, retries=0, backoff=None):
    """A call to a host outside the cluster (it answers after `latency`; only call faults act on it)."""
    c = {"host": name, "perRequest": per_request, "latency": latency, "deadline": deadline, "retries": retries}
    if backoff:
        c["retryBackoff"] = backoff
    return c


# Event pipeline (namespace events): devices publish through ingest-api into a broker; three consumer
# groups pull from it at different depths (their poll rate is their outside traffic): enricher (one hop
# to a geo lookup), indexer (into a search store, two writes per batch) and notifier (out to a push
# provider on the Internet). Two big nodes and three small ones.
STREAM = {
    "name": "stream",
    "summary": "events: ingest-api → broker, schema-registry; consumers enricher (→ geo), indexer (→ search-store), notifier (→ push.example.com) pull from broker",
    "nodes": [{"name": f"stream-big-{i}", "cpu": 16, "memory": "64Gi"} for i in range(1, 3)]
             + [{"name": f"stream-std-{i}", "cpu": 4, "memory": "16Gi"} for i in range(1, 4)],
    "deployments": [
        {"name": "ingest-api", "namespace": "events", "replicas": 4, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("500m", "256Mi", "512Mi", "190Mi", "2ms", 24, startup="6s")},
        {"name": "broker", "namespace": "events", "replicas": 3, "strategy": {"maxSurge": 0, "maxUnavailable": 1},
         "container": container("2", "4Gi", "6Gi", "3584Mi", "1ms", 1, startup="60s")},
        {"name": "schema-registry", "namespace": "events", "replicas": 2,
         "container": container("250m", "512Mi", "768Mi", "400Mi", "3ms", 1, startup="30s")},
        {"name": "enricher", "namespace": "events", "replicas": 3,
         "hpa": {"minReplicas": 3, "maxReplicas": 8, "targetCpuUtilization": 0.6},
         "container": container("500m", "512Mi", "1Gi", "460Mi", "15ms", 4, startup="25s")},
        {"name": "geo", "namespace": "events", "replicas": 2,
         "container": container("250m", "384Mi", "512Mi", "300Mi", "4ms", 1)},
        # The indexer holds one lease per partition: no surge pod, one pod down at a time.
        {"name": "indexer", "namespace": "events", "replicas": 2, "strategy": {"maxSurge": 0, "maxUnavailable": 1},
         "container": container("1", "1Gi", "2Gi", "900Mi", "20ms", 6, startup="30s")},
        {"name": "search-store", "namespace": "events", "replicas": 3,
         "container": container("1", "3Gi", "4Gi", "2560Mi", "5ms", 2, startup="45s")},
        {"name": "notifier", "namespace": "events", "replicas": 2,
         "hpa": {"minReplicas": 2, "maxReplicas": 6, "targetCpuUtilization": 0.6},
         "container": container("500m", "256Mi", "512Mi", "200Mi", "5ms", 10)},
    ],
    "services": [
        {"name": "ingest-api", "namespace": "events", "base_rps": 500, "slo": {"availability": 0.999, "latencyP99": "300ms"},
         "calls": [call("broker", 1.0, "250ms", 2, "20ms"), call("schema-registry", 0.1, "100ms", 1, "10ms")]},
        {"name": "broker", "namespace": "events", "slo": {"availability": 0.9995, "latencyP99": "50ms"}},
        {"name": "schema-registry", "namespace": "events", "slo": {"availability": 0.999, "latencyP99": "80ms"}},
        {"name": "enricher", "namespace": "events", "base_rps": 150, "slo": {"availability": 0.995, "latencyP99": "400ms"},
         "calls": [call("broker", 1.0, "300ms", 1, "50ms"), call("geo", 1.0, "100ms", 1, "10ms")]},
        {"name": "geo", "namespace": "events", "slo": {"availability": 0.995, "latencyP99": "100ms"}},
        {"name": "indexer", "namespace": "events", "base_rps": 100, "slo": {"availability": 0.995, "latencyP99": "500ms"},
         "calls": [call("broker", 1.0, "300ms", 1, "50ms"), call("search-store", 2.0, "200ms", 2, "20ms")]},
        {"name": "search-store", "namespace": "events", "slo": {"availability": 0.999, "latencyP99": "150ms"}},
        {"name": "notifier", "namespace": "events", "base_rps": 60, "slo": {"availability": 0.99, "latencyP99": "1500ms"},
         "calls": [call("broker", 1.0, "300ms", 1, "50ms"), host("push.example.com", 1.0, "80ms", "800ms", 2, "100ms")]},
    ],
    "pdbs": [
        {"name": "broker", "namespace": "events", "selector": {"app": "broker"}, "minAvailable": 2},
        {"name": "search-store", "namespace": "events", "selector": {"app": "search-store"}, "minAvailable": 2},
        {"name": "ingest-api", "namespace": "events", "selector": {"app": "ingest-api"}, "maxUnavailable": 1},
    ],
}

# Multi-tenant SaaS: a platform namespace (authz, metering, the shared tenant-db) serves three tenant
# namespaces, each with its own api; acme also delivers webhooks to its customer's endpoint, and initech,
# the noisy tenant, has its own db and a CPU-heavy reports service. Tenants call the platform across
# namespaces (`authz.platform`).
SAAS = {
    "name": "saas",
    "summary": "platform (authz, metering, tenant-db) serves tenants acme (api, webhooks → hooks.acme-corp.example), globex (api) and initech (api, reports → its own db)",
    "nodes": [{"name": f"saas-node-{i}", "cpu": 8, "memory": "32Gi"} for i in range(1, 4)]
             + [{"name": f"saas-edge-{i}", "cpu": 2, "memory": "8Gi"} for i in range(1, 3)],
    "deployments": [
        {"name": "authz", "namespace": "platform", "replicas": 3, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("500m", "256Mi", "512Mi", "200Mi", "2ms", 2, startup="10s")},
        {"name": "metering", "namespace": "platform", "replicas": 2,
         "container": container("250m", "256Mi", "512Mi", "180Mi", "1ms", 1, startup="8s")},
        {"name": "tenant-db", "namespace": "platform", "replicas": 3,
         "container": container("2", "4Gi", "6Gi", "4Gi", "3ms", 2, startup="60s")},
        {"name": "api", "namespace": "acme", "replicas": 4, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("500m", "512Mi", "1Gi", "480Mi", "6ms", 6, startup="25s")},
        {"name": "webhooks", "namespace": "acme", "replicas": 2,
         "container": container("250m", "256Mi", "512Mi", "200Mi", "3ms", 8)},
        {"name": "api", "namespace": "globex", "replicas": 3, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("500m", "512Mi", "1Gi", "480Mi", "6ms", 6, startup="25s")},
        {"name": "api", "namespace": "initech", "replicas": 3,
         "container": container("500m", "512Mi", "1Gi", "500Mi", "8ms", 4, startup="25s")},
        {"name": "reports", "namespace": "initech", "replicas": 3,
         "container": container("1", "1Gi", "2Gi", "900Mi", "150ms", 3, startup="30s")},
        {"name": "db", "namespace": "initech", "replicas": 2, "strategy": {"maxSurge": 0, "maxUnavailable": 1},
         "container": container("1", "2Gi", "3Gi", "2Gi", "4ms", 2, startup="45s")},
    ],
    "services": [
        {"name": "authz", "namespace": "platform", "slo": {"availability": 0.9995, "latencyP99": "60ms"}},
        {"name": "metering", "namespace": "platform", "slo": {"availability": 0.999, "latencyP99": "40ms"}},
        {"name": "tenant-db", "namespace": "platform", "slo": {"availability": 0.9995, "latencyP99": "100ms"}},
        {"name": "api", "namespace": "acme", "base_rps": 250, "slo": {"availability": 0.999, "latencyP99": "400ms"},
         "calls": [call("authz.platform", 1.0, "100ms", 1, "10ms"), call("metering.platform", 1.0, "50ms"),
                   call("tenant-db.platform", 2.0, "200ms", 2, "20ms")]},
        {"name": "webhooks", "namespace": "acme", "base_rps": 30, "slo": {"availability": 0.99, "latencyP99": "2s"},
         "calls": [host("hooks.acme-corp.example", 1.0, "150ms", "2s", 3, "500ms")]},
        {"name": "api", "namespace": "globex", "base_rps": 150, "slo": {"availability": 0.999, "latencyP99": "400ms"},
         "calls": [call("authz.platform", 1.0, "100ms", 1, "10ms"), call("metering.platform", 1.0, "50ms"),
                   call("tenant-db.platform", 2.0, "200ms", 2, "20ms")]},
        {"name": "api", "namespace": "initech", "base_rps": 120, "slo": {"availability": 0.995, "latencyP99": "800ms"},
         "calls": [call("authz.platform", 1.0, "100ms", 1, "10ms"), call("metering.platform", 1.0, "50ms"),
                   call("db", 1.5, "200ms", 2, "20ms")]},
        {"name": "reports", "namespace": "initech", "base_rps": 10, "slo": {"availability": 0.99, "latencyP99": "3s"},
         "calls": [call("db", 6.0, "500ms", 1, "50ms")]},
        {"name": "db", "namespace": "initech", "slo": {"availability": 0.999, "latencyP99": "150ms"}},
    ],
    "pdbs": [
        {"name": "tenant-db", "namespace": "platform", "selector": {"app": "tenant-db"}, "minAvailable": 2},
        {"name": "authz", "namespace": "platform", "selector": {"app": "authz"}, "maxUnavailable": 1},
        {"name": "api", "namespace": "acme", "selector": {"app": "api"}, "minAvailable": 3},
        {"name": "db", "namespace": "initech", "selector": {"app": "db"}, "minAvailable": 1},
    ],
}

# Mobile backend (namespace mobile): the app's api-edge and login endpoints in front of a big session
# tier (8-16 small pods behind an HPA) and its store, a token signer that is CPU-bound, and a feed read
# from a cache with read replicas behind it; login reaches an outside identity provider. Four small
# nodes and two large ones.
MOBILE = {
    "name": "mobile",
    "summary": "mobile: api-edge → session, feed; login → token, session, idp.example.com; session → session-store; feed → feed-cache, feed-replica",
    "nodes": [{"name": f"mobile-a-{i}", "cpu": 4, "memory": "8Gi"} for i in range(1, 5)]
             + [{"name": f"mobile-b-{i}", "cpu": 8, "memory": "32Gi"} for i in range(1, 3)],
    "deployments": [
        {"name": "api-edge", "namespace": "mobile", "replicas": 4, "strategy": {"maxSurge": 2, "maxUnavailable": 0},
         "hpa": {"minReplicas": 4, "maxReplicas": 12, "targetCpuUtilization": 0.6},
         "container": container("500m", "256Mi", "512Mi", "180Mi", "1500us", 24, startup="6s")},
        {"name": "login", "namespace": "mobile", "replicas": 3,
         "container": container("500m", "384Mi", "768Mi", "300Mi", "4ms", 8, startup="15s")},
        {"name": "session", "namespace": "mobile", "replicas": 8,
         "hpa": {"minReplicas": 8, "maxReplicas": 16, "targetCpuUtilization": 0.6},
         "container": container("250m", "192Mi", "384Mi", "150Mi", "2ms", 1, startup="8s")},
        {"name": "session-store", "namespace": "mobile", "replicas": 3,
         "container": container("500m", "1Gi", "1536Mi", "1Gi", "1ms", 1, startup="15s")},
        {"name": "token", "namespace": "mobile", "replicas": 3,
         "container": container("1", "512Mi", "1Gi", "420Mi", "8ms", 1, startup="20s")},
        {"name": "feed", "namespace": "mobile", "replicas": 4,
         "container": container("500m", "512Mi", "1Gi", "450Mi", "8ms", 4, startup="25s")},
        {"name": "feed-cache", "namespace": "mobile", "replicas": 3,
         "container": container("250m", "1Gi", "1536Mi", "1Gi", "2ms", 1, startup="10s")},
        {"name": "feed-replica", "namespace": "mobile", "replicas": 3, "strategy": {"maxSurge": 0, "maxUnavailable": 1},
         "container": container("1", "2Gi", "3Gi", "2Gi", "8ms", 1, startup="60s")},
    ],
    "services": [
        {"name": "api-edge", "namespace": "mobile", "base_rps": 700, "slo": {"availability": 0.999, "latencyP99": "600ms"},
         "calls": [call("session", 1.0, "80ms", 1, "5ms"), call("feed", 0.5, "400ms", 1, "20ms")]},
        {"name": "login", "namespace": "mobile", "base_rps": 120, "slo": {"availability": 0.999, "latencyP99": "1500ms"},
         "calls": [call("token", 1.0, "300ms", 1, "20ms"), call("session", 1.0, "80ms", 1, "5ms"),
                   host("idp.example.com", 0.2, "120ms", "1s", 1, "100ms")]},
        {"name": "session", "namespace": "mobile", "slo": {"availability": 0.9995, "latencyP99": "100ms"},
         "calls": [call("session-store", 1.0, "30ms", 1)]},
        {"name": "session-store", "namespace": "mobile", "slo": {"availability": 0.9995, "latencyP99": "25ms"}},
        {"name": "token", "namespace": "mobile", "slo": {"availability": 0.999, "latencyP99": "200ms"}},
        {"name": "feed", "namespace": "mobile", "slo": {"availability": 0.995, "latencyP99": "400ms"},
         "calls": [call("feed-cache", 1.0, "25ms", 1), call("feed-replica", 0.3, "250ms", 1, "20ms")]},
        {"name": "feed-cache", "namespace": "mobile", "slo": {"availability": 0.999, "latencyP99": "25ms"}},
        {"name": "feed-replica", "namespace": "mobile", "slo": {"availability": 0.999, "latencyP99": "200ms"}},
    ],
    "pdbs": [
        {"name": "session-store", "namespace": "mobile", "selector": {"app": "session-store"}, "maxUnavailable": 1},
        {"name": "feed-replica", "namespace": "mobile", "selector": {"app": "feed-replica"}, "minAvailable": 2},
        {"name": "session", "namespace": "mobile", "selector": {"app": "session"}, "maxUnavailable": 2},
        {"name": "api-edge", "namespace": "mobile", "selector": {"app": "api-edge"}, "minAvailable": 3},
    ],
}

FRESH_TOPOLOGIES = {t["name"]: t for t in (STREAM, SAAS, MOBILE)}
