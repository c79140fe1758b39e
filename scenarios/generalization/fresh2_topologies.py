"""The three topologies of fresh2/, the third held-out split (read by generate.py; README "fresh2/").

Written on 2026-12-07, blind to the engine (no detector, policy or engine code read, no engine figure
looked at), by the rules of topologies.py: one team's cluster each, sized so the busiest pod of each
service runs at 30-60 % of its capacity at the daily peak, slow starters with a liveness delay past
their start-up. They are unlike the nine of topologies.py and fresh_topologies.py, and use what those do
not: StatefulSets whose members acknowledge each other's writes (`peers`), nodes with zones and the cloud
machines under them (`providerID`), pods labelled beyond `app`, SLOs judged over longer windows, a sharded
tier of several Deployments of one image, a cluster of more than ten nodes, and a flat (not diurnal)
device workload:

- payments: few large nodes; a synchronous fraud-scoring call with no retry in front of every
  authorisation, an idempotent ledger its callers retry hard, on a quorum-replicated ledger-db;
- search: twelve nodes; a large stateless query tier behind an HPA fanning out to four index shards
  (one image, four Deployments) and a JVM ranker, recommendations from a feature store;
- iot: fifteen nodes, twelve of them 2-core edge nodes; a device gateway whose publishes are retried
  (at-least-once delivery) into an ingest tier and a five-member quorum time-series store.
"""
from fresh_topologies import host
from topologies import call, container


def zone(z):
    return {"topology.kubernetes.io/zone": z}


# Payments platform (namespaces payments, risk): merchants' authorisations enter payments-api, which
# scores every one synchronously with fraud-score (in the risk team's namespace; no retry: a payment
# is declined when the score is late), vaults the card with tokenizer, writes the ledger (idempotent,
# so every caller retries it hard) and asks the acquirer outside the cluster. merchant-api reads the
# ledger; payouts, a steady batch, writes it and calls the bank rails. ledger-db is a 3-member
# StatefulSet acknowledging every write by quorum. Three large nodes, one per zone, on EC2 instances.
PAYMENTS = {
    "name": "payments",
    "summary": "payments: payments-api → fraud-score.risk (sync, no retry), tokenizer, ledger (retried ×3), acquirer.example.net; merchant-api, payouts → ledger → ledger-db (quorum StatefulSet); fraud-score → feature-cache",
    "nodes": [{"name": f"pay-node-{i}", "cpu": 16, "memory": "64Gi", "labels": zone(f"us-east-1{z}"),
               "providerID": f"aws:///us-east-1{z}/i-0c4f7a2e9b31d60{i}"} for i, z in ((1, "a"), (2, "b"), (3, "c"))],
    "deployments": [
        {"name": "payments-api", "namespace": "payments", "replicas": 6, "strategy": {"maxSurge": 2, "maxUnavailable": 0},
         "container": container("1", "1Gi", "2Gi", "1200Mi", "4ms", 64, startup="40s")},
        {"name": "merchant-api", "namespace": "payments", "replicas": 3,
         "container": container("500m", "512Mi", "1Gi", "450Mi", "5ms", 16, startup="30s")},
        {"name": "payouts", "namespace": "payments", "replicas": 3, "strategy": {"maxSurge": 0, "maxUnavailable": 1},
         "container": container("500m", "512Mi", "1Gi", "400Mi", "30ms", 8, startup="30s")},
        # The card vault is bound to an HSM session per pod: no surge pod.
        {"name": "tokenizer", "namespace": "payments", "replicas": 3, "strategy": {"maxSurge": 0, "maxUnavailable": 1},
         "container": container("500m", "256Mi", "512Mi", "200Mi", "2500us", 1, startup="10s")},
        {"name": "ledger", "namespace": "payments", "replicas": 4, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("1", "1Gi", "2Gi", "1100Mi", "4ms", 8, startup="45s")},
        {"name": "ledger-db", "namespace": "payments", "kind": "StatefulSet", "replicas": 3,
         "container": container("2", "8Gi", "12Gi", "8Gi", "1500us", 6, startup="90s")},
        {"name": "fraud-score", "namespace": "risk", "replicas": 5, "strategy": {"maxSurge": 2, "maxUnavailable": 0},
         "hpa": {"minReplicas": 5, "maxReplicas": 12, "targetCpuUtilization": 0.5},
         "container": container("1", "2Gi", "3Gi", "2Gi", "10ms", 4, startup="50s")},
        {"name": "feature-cache", "namespace": "risk", "replicas": 4,
         "container": container("500m", "2Gi", "3Gi", "2Gi", "1ms", 1, startup="15s")},
    ],
    "services": [
        {"name": "payments-api", "namespace": "payments", "base_rps": 350,
         "slo": {"availability": 0.9995, "latencyP99": "2s", "window": "5m"},
         "calls": [call("fraud-score.risk", 1.0, "400ms"), call("tokenizer", 1.0, "100ms", 1, "10ms"),
                   call("ledger", 1.0, "600ms", 3, "50ms"), host("acquirer.example.net", 1.0, "120ms", "3s", 1, "500ms")]},
        {"name": "merchant-api", "namespace": "payments", "base_rps": 150, "slo": {"availability": 0.999, "latencyP99": "800ms"},
         "calls": [call("ledger", 2.0, "300ms", 1, "20ms")]},
        {"name": "payouts", "namespace": "payments", "base_rps": 12,
         "slo": {"availability": 0.99, "latencyP99": "8s", "window": "10m"},
         "calls": [call("ledger", 2.0, "1s", 3, "200ms"), host("bank-rails.example.com", 1.0, "400ms", "5s", 2, "1s")]},
        {"name": "tokenizer", "namespace": "payments", "slo": {"availability": 0.999, "latencyP99": "50ms"}},
        {"name": "ledger", "namespace": "payments", "slo": {"availability": 0.9995, "latencyP99": "250ms"},
         "calls": [call("ledger-db", 2.0, "150ms", 2, "10ms")]},
        {"name": "ledger-db", "namespace": "payments", "slo": {"availability": 0.9995, "latencyP99": "50ms"},
         "peers": {"mode": "quorum", "latency": "1ms", "deadline": "50ms", "retries": 1}},
        {"name": "fraud-score", "namespace": "risk", "slo": {"availability": 0.999, "latencyP99": "300ms"},
         "calls": [call("feature-cache", 3.0, "20ms", 1)]},
        {"name": "feature-cache", "namespace": "risk", "slo": {"availability": 0.999, "latencyP99": "25ms"}},
    ],
    "pdbs": [
        {"name": "ledger-db", "namespace": "payments", "selector": {"app": "ledger-db"}, "minAvailable": 2},
        {"name": "payments-api", "namespace": "payments", "selector": {"app": "payments-api"}, "minAvailable": 5},
        {"name": "tokenizer", "namespace": "payments", "selector": {"app": "tokenizer"}, "minAvailable": 2},
        {"name": "payouts", "namespace": "payments", "selector": {"app": "payouts"}, "minAvailable": 2},
        {"name": "fraud-score", "namespace": "risk", "selector": {"app": "fraud-score"}, "maxUnavailable": 1},
        {"name": "feature-cache", "namespace": "risk", "selector": {"app": "feature-cache"}, "maxUnavailable": 1},
        {"name": "ledger", "namespace": "payments", "selector": {"app": "ledger"}, "maxUnavailable": 1},
    ],
}


def shard(i):
    """One index shard: the same image and size for each, a Deployment of its own (labels app and tier)."""
    return {"name": f"index-{i}", "namespace": "search", "replicas": 3, "labels": {"app": f"index-{i}", "tier": "index"},
            "strategy": {"maxSurge": 1, "maxUnavailable": 0},
            "container": container("2", "8Gi", "12Gi", "7Gi", "6ms", 8, startup="60s")}


# Search and recommendations (namespaces search, ml): search-api, a large stateless tier behind an HPA,
# asks the broker, which fans every query out to four index shards (one image, four Deployments), and
# has the hits ranked by a JVM ranker that reads features from the ml team's feature store;
# autocomplete is a tier of tiny single-threaded pods; recs reads the feature store and an embeddings
# service. Ten 8-core nodes and two 16-core ones.
SEARCH = {
    "name": "search",
    "summary": "search: search-api → broker → index-0..3 (one image, four Deployments), search-api → ranker → feature-store.ml; recs → feature-store.ml, embeddings.ml; autocomplete",
    "nodes": [{"name": f"search-node-{i}", "cpu": 8, "memory": "32Gi"} for i in range(1, 11)]
             + [{"name": f"search-big-{i}", "cpu": 16, "memory": "128Gi"} for i in range(1, 3)],
    "deployments": [
        {"name": "search-api", "namespace": "search", "replicas": 8, "strategy": {"maxSurge": 4, "maxUnavailable": 0},
         "hpa": {"minReplicas": 8, "maxReplicas": 24, "targetCpuUtilization": 0.6},
         "container": container("500m", "384Mi", "768Mi", "300Mi", "2ms", 64, startup="8s")},
        {"name": "autocomplete", "namespace": "search", "replicas": 6,
         "hpa": {"minReplicas": 6, "maxReplicas": 20, "targetCpuUtilization": 0.5, "scaleDownStabilization": "10m"},
         "container": container("250m", "128Mi", "256Mi", "100Mi", "1ms", 1, startup="3s")},
        {"name": "broker", "namespace": "search", "replicas": 6, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("500m", "512Mi", "1Gi", "400Mi", "2ms", 64, startup="15s")},
        shard(0), shard(1), shard(2), shard(3),
        {"name": "ranker", "namespace": "search", "replicas": 6,
         "hpa": {"minReplicas": 6, "maxReplicas": 16, "targetCpuUtilization": 0.5},
         "container": container("1", "2Gi", "3Gi", "1800Mi", "12ms", 8, startup="45s")},
        {"name": "recs", "namespace": "search", "replicas": 4,
         "container": container("1", "1Gi", "2Gi", "900Mi", "8ms", 16, startup="35s")},
        {"name": "feature-store", "namespace": "ml", "kind": "StatefulSet", "replicas": 3,
         "container": container("2", "6Gi", "8Gi", "6Gi", "1ms", 2, startup="40s")},
        {"name": "embeddings", "namespace": "ml", "replicas": 3,
         "container": container("2", "4Gi", "6Gi", "3584Mi", "20ms", 6, startup="30s")},
    ],
    "services": [
        {"name": "search-api", "namespace": "search", "base_rps": 900, "slo": {"availability": 0.999, "latencyP99": "1s"},
         "calls": [call("broker", 1.0, "400ms", 1, "20ms"), call("ranker", 1.0, "300ms")]},
        {"name": "autocomplete", "namespace": "search", "base_rps": 1500, "slo": {"availability": 0.995, "latencyP99": "30ms"}},
        {"name": "broker", "namespace": "search", "slo": {"availability": 0.999, "latencyP99": "500ms"},
         "calls": [call(f"index-{i}", 1.0, "150ms", 1, "10ms") for i in range(4)]},
        *({"name": f"index-{i}", "namespace": "search", "slo": {"availability": 0.999, "latencyP99": "100ms"}} for i in range(4)),
        {"name": "ranker", "namespace": "search", "slo": {"availability": 0.999, "latencyP99": "250ms"},
         "calls": [call("feature-store.ml", 1.0, "50ms", 1)]},
        {"name": "recs", "namespace": "search", "base_rps": 300, "slo": {"availability": 0.99, "latencyP99": "600ms"},
         "calls": [call("feature-store.ml", 3.0, "50ms", 1, "5ms"), call("embeddings.ml", 1.0, "250ms", 1, "20ms")]},
        {"name": "feature-store", "namespace": "ml", "slo": {"availability": 0.9995, "latencyP99": "20ms"}},
        {"name": "embeddings", "namespace": "ml", "slo": {"availability": 0.995, "latencyP99": "400ms"}},
    ],
    "pdbs": [{"name": f"index-{i}", "namespace": "search", "selector": {"app": f"index-{i}"}, "minAvailable": 2} for i in range(4)]
            + [{"name": "feature-store", "namespace": "ml", "selector": {"app": "feature-store"}, "minAvailable": 2},
               {"name": "broker", "namespace": "search", "selector": {"app": "broker"}, "maxUnavailable": 1}],
}

# IoT ingestion edge (namespaces edge, telemetry): a fleet of devices publishes through mqtt-gateway,
# which delivers each reading at least once (two retries) to ingest and checks reconnecting devices
# with device-auth (→ device-registry); ingest writes a five-member time-series store (a StatefulSet
# acknowledging every write by quorum) and hands a tenth of the readings to rules-engine, which
# alerts through an SMS provider outside the cluster. ota serves firmware from a CDN; dashboard-api
# reads the store for the operators. Twelve 2-core edge nodes over three zones and three 8-core core nodes.
IOT = {
    "name": "iot",
    "summary": "iot: mqtt-gateway → ingest.telemetry (retried ×2), device-auth → device-registry; ingest → tsdb (5-member quorum StatefulSet), rules-engine → alerts.example.org; ota → device-registry, firmware.cdn.example; dashboard-api → tsdb",
    "nodes": [{"name": f"iot-edge-{i}", "cpu": 2, "memory": "4Gi", "labels": zone("abc"[(i - 1) % 3])} for i in range(1, 13)]
             + [{"name": f"iot-core-{i}", "cpu": 8, "memory": "32Gi", "labels": zone("abc"[i - 1])} for i in range(1, 4)],
    "deployments": [
        # Devices hold long-lived connections: no surge pod, two pods drained at a time.
        {"name": "mqtt-gateway", "namespace": "edge", "replicas": 12, "strategy": {"maxSurge": 0, "maxUnavailable": 2},
         "container": container("250m", "256Mi", "512Mi", "200Mi", "500us", 32, startup="5s")},
        {"name": "device-auth", "namespace": "edge", "replicas": 2,
         "container": container("250m", "256Mi", "512Mi", "180Mi", "6ms", 4, startup="8s")},
        {"name": "device-registry", "namespace": "edge", "replicas": 3,
         "container": container("250m", "512Mi", "768Mi", "400Mi", "4ms", 2, startup="20s")},
        {"name": "ota", "namespace": "edge", "replicas": 2,
         "container": container("500m", "256Mi", "512Mi", "220Mi", "25ms", 8, startup="6s")},
        # Stateless and quick to start: the team rolls it half at a time.
        {"name": "ingest", "namespace": "telemetry", "replicas": 6, "strategy": {"maxSurge": 1, "maxUnavailable": 3},
         "hpa": {"minReplicas": 6, "maxReplicas": 16, "targetCpuUtilization": 0.45},
         "container": container("500m", "384Mi", "768Mi", "300Mi", "1ms", 12, startup="10s")},
        {"name": "tsdb", "namespace": "telemetry", "kind": "StatefulSet", "replicas": 5,
         "container": container("2", "6Gi", "8Gi", "5Gi", "800us", 5, startup="60s")},
        {"name": "rules-engine", "namespace": "telemetry", "replicas": 3,
         "container": container("250m", "512Mi", "1Gi", "450Mi", "4ms", 8, startup="25s")},
        {"name": "dashboard-api", "namespace": "telemetry", "replicas": 2,
         "container": container("500m", "512Mi", "1Gi", "400Mi", "10ms", 4, startup="15s")},
    ],
    "services": [
        {"name": "mqtt-gateway", "namespace": "edge", "base_rps": 2800,
         "slo": {"availability": 0.995, "latencyP99": "500ms", "window": "5m"},
         "calls": [call("ingest.telemetry", 1.0, "400ms", 2, "100ms"), call("device-auth", 0.05, "200ms", 1, "50ms")]},
        {"name": "device-auth", "namespace": "edge", "slo": {"availability": 0.999, "latencyP99": "150ms"},
         "calls": [call("device-registry", 1.0, "100ms", 1, "10ms")]},
        {"name": "device-registry", "namespace": "edge", "slo": {"availability": 0.999, "latencyP99": "50ms"}},
        {"name": "ota", "namespace": "edge", "base_rps": 40, "slo": {"availability": 0.99, "latencyP99": "3s"},
         "calls": [call("device-registry", 1.0, "100ms", 1, "10ms"), host("firmware.cdn.example", 1.0, "60ms", "2s", 1, "200ms")]},
        {"name": "ingest", "namespace": "telemetry", "slo": {"availability": 0.999, "latencyP99": "100ms", "window": "5m"},
         "calls": [call("tsdb", 1.0, "200ms", 1, "20ms"), call("rules-engine", 0.1, "300ms")]},
        {"name": "tsdb", "namespace": "telemetry", "slo": {"availability": 0.9995, "latencyP99": "50ms"},
         "peers": {"mode": "quorum", "latency": "2ms", "deadline": "100ms"}},
        {"name": "rules-engine", "namespace": "telemetry", "slo": {"availability": 0.995, "latencyP99": "500ms"},
         "calls": [host("alerts.example.org", 0.05, "300ms", "2s", 2, "1s")]},
        {"name": "dashboard-api", "namespace": "telemetry", "base_rps": 60, "slo": {"availability": 0.99, "latencyP99": "1s"},
         "calls": [call("tsdb", 3.0, "300ms", 1, "50ms"), call("device-registry.edge", 1.0, "100ms", 1, "10ms")]},
    ],
    "pdbs": [
        {"name": "tsdb", "namespace": "telemetry", "selector": {"app": "tsdb"}, "minAvailable": 4},
        {"name": "mqtt-gateway", "namespace": "edge", "selector": {"app": "mqtt-gateway"}, "maxUnavailable": 3},
        {"name": "ingest", "namespace": "telemetry", "selector": {"app": "ingest"}, "minAvailable": 4},
        {"name": "device-registry", "namespace": "edge", "selector": {"app": "device-registry"}, "minAvailable": 2},
    ],
}

FRESH2_TOPOLOGIES = {t["name"]: t for t in (PAYMENTS, SEARCH, IOT)}
