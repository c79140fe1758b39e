"""The six topologies of the generalization suite, as plain data (read by generate.py).

Each topology is one team's cluster: nodes, Deployments, Services with their SLOs and calls, and the
PodDisruptionBudgets the team keeps. Entry services carry a `base_rps`; a scenario gives their workload.
Container figures: serviceTime and concurrency set a pod's capacity (concurrency / serviceTime requests/s);
they are sized so the busiest pod of each service runs at 30-60 % of it at the daily peak, as teams size them.
"""


def container(cpu, mem_req, mem_limit, mem_base, service_time, concurrency, startup="10s", **extra):
    c = {"cpuRequest": cpu, "memoryRequest": mem_req, "memoryLimit": mem_limit, "memoryBase": mem_base,
         "startupTime": startup, "serviceTime": service_time, "concurrency": concurrency}
    seconds = int(startup[:-1])
    if seconds > 20:  # slow starters get a liveness delay past their start-up, as their teams configure it
        c["livenessProbe"] = {"initialDelay": f"{seconds + 30}s"}
    c.update(extra)
    return c


def call(service, per_request, deadline, retries=0, backoff=None):
    c = {"service": service, "perRequest": per_request, "deadline": deadline, "retries": retries}
    if backoff:
        c["retryBackoff"] = backoff
    return c


# Fan-out API gateway (namespace shop): the gateway calls five backends per page; three of them share
# one product database (a leaf store behind a connection pooler).
GATEWAY = {
    "name": "gateway",
    "summary": "shop: api-gateway fans out to catalog, search, pricing, reviews and cart; catalog, pricing and reviews share product-db",
    "nodes": [{"name": f"shop-node-{i}", "cpu": 8, "memory": "32Gi"} for i in range(1, 5)],
    "deployments": [
        {"name": "api-gateway", "namespace": "shop", "replicas": 4, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("500m", "256Mi", "512Mi", "180Mi", "3ms", 40, startup="8s")},
        {"name": "catalog", "namespace": "shop", "replicas": 4,
         "container": container("500m", "768Mi", "1Gi", "600Mi", "12ms", 4, startup="30s")},
        {"name": "search", "namespace": "shop", "replicas": 3,
         "container": container("1", "1536Mi", "2Gi", "1200Mi", "35ms", 4, startup="45s")},
        {"name": "pricing", "namespace": "shop", "replicas": 3, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("250m", "256Mi", "512Mi", "200Mi", "6ms", 3)},
        {"name": "reviews", "namespace": "shop", "replicas": 2,
         "container": container("250m", "256Mi", "512Mi", "220Mi", "15ms", 3)},
        {"name": "cart", "namespace": "shop", "replicas": 2,
         "container": container("250m", "256Mi", "512Mi", "200Mi", "8ms", 2)},
        {"name": "product-db", "namespace": "shop", "replicas": 3,
         "container": container("1", "3Gi", "4Gi", "2560Mi", "4ms", 3, startup="60s")},
    ],
    "services": [
        {"name": "api-gateway", "namespace": "shop", "base_rps": 400,
         "slo": {"availability": 0.995, "latencyP99": "1200ms"},
         "calls": [call("catalog", 0.7, "800ms", 1, "25ms"), call("search", 0.3, "1s"),
                   call("pricing", 0.7, "400ms", 1, "10ms"), call("reviews", 0.2, "600ms", 1, "25ms"),
                   call("cart", 0.25, "1s", 2, "50ms")]},
        {"name": "catalog", "namespace": "shop", "slo": {"availability": 0.995, "latencyP99": "600ms"},
         "calls": [call("product-db", 1.0, "250ms", 2, "20ms")]},
        {"name": "search", "namespace": "shop", "slo": {"availability": 0.99, "latencyP99": "1s"}},
        {"name": "pricing", "namespace": "shop", "slo": {"availability": 0.995, "latencyP99": "300ms"},
         "calls": [call("product-db", 0.5, "150ms", 2, "10ms")]},
        {"name": "reviews", "namespace": "shop", "slo": {"availability": 0.99, "latencyP99": "500ms"},
         "calls": [call("product-db", 1.0, "250ms", 1, "20ms")]},
        {"name": "cart", "namespace": "shop", "slo": {"availability": 0.995, "latencyP99": "400ms"}},
        {"name": "product-db", "namespace": "shop", "slo": {"availability": 0.999, "latencyP99": "200ms"}},
    ],
    "pdbs": [
        {"name": "api-gateway", "namespace": "shop", "selector": {"app": "api-gateway"}, "minAvailable": 3},
        {"name": "product-db", "namespace": "shop", "selector": {"app": "product-db"}, "maxUnavailable": 1},
        {"name": "catalog", "namespace": "shop", "selector": {"app": "catalog"}, "maxUnavailable": 1},
    ],
}

# Deep chain (namespace bank): six services in a row, each with a tighter deadline than its caller and
# retries near the bottom, ending in the ledger's store.
CHAIN = {
    "name": "chain",
    "summary": "bank: edge → transfers → accounts → limits → ledger → ledger-store, deadlines tightening and retries near the bottom",
    "nodes": [{"name": f"bank-node-{i}", "cpu": 4, "memory": "16Gi"} for i in range(1, 5)],
    "deployments": [
        {"name": "edge", "namespace": "bank", "replicas": 3, "container": container("250m", "128Mi", "256Mi", "90Mi", "2ms", 128, startup="5s")},
        {"name": "transfers", "namespace": "bank", "replicas": 4, "container": container("500m", "512Mi", "1Gi", "500Mi", "8ms", 28, startup="25s")},
        {"name": "accounts", "namespace": "bank", "replicas": 3, "container": container("500m", "512Mi", "1Gi", "450Mi", "6ms", 14, startup="25s")},
        {"name": "limits", "namespace": "bank", "replicas": 3, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("250m", "256Mi", "512Mi", "220Mi", "5ms", 10, startup="15s")},
        {"name": "ledger", "namespace": "bank", "replicas": 4, "container": container("500m", "512Mi", "1Gi", "480Mi", "7ms", 6, startup="20s")},
        {"name": "ledger-store", "namespace": "bank", "replicas": 3, "container": container("1", "2Gi", "3Gi", "1800Mi", "3ms", 2, startup="45s")},
    ],
    "services": [
        {"name": "edge", "namespace": "bank", "base_rps": 300, "slo": {"availability": 0.999, "latencyP99": "2s"},
         "calls": [call("transfers", 1.0, "3s")]},
        {"name": "transfers", "namespace": "bank", "slo": {"availability": 0.999, "latencyP99": "1500ms"},
         "calls": [call("accounts", 1.0, "2s", 1, "50ms")]},
        {"name": "accounts", "namespace": "bank", "slo": {"availability": 0.999, "latencyP99": "1s"},
         "calls": [call("limits", 1.0, "1s", 1, "50ms")]},
        {"name": "limits", "namespace": "bank", "slo": {"availability": 0.999, "latencyP99": "600ms"},
         "calls": [call("ledger", 1.0, "600ms", 2, "25ms")]},
        {"name": "ledger", "namespace": "bank", "slo": {"availability": 0.999, "latencyP99": "300ms"},
         "calls": [call("ledger-store", 1.5, "200ms", 2, "10ms")]},
        {"name": "ledger-store", "namespace": "bank", "slo": {"availability": 0.9995, "latencyP99": "150ms"}},
    ],
    "pdbs": [
        {"name": "ledger-store", "namespace": "bank", "selector": {"app": "ledger-store"}, "minAvailable": 2},
        {"name": "ledger", "namespace": "bank", "selector": {"app": "ledger"}, "maxUnavailable": 1},
        {"name": "edge", "namespace": "bank", "selector": {"app": "edge"}, "minAvailable": 2},
    ],
}

# HPA-driven media platform (namespace media): players read manifests through a cache; uploads are
# transcoded and thumbnailed; the stateless tiers scale on CPU.
MEDIA = {
    "name": "media",
    "summary": "media: player-api → manifests → object-cache; upload-api → transcoder, thumbnailer; five tiers behind CPU HPAs",
    "nodes": [{"name": f"media-node-{i}", "cpu": 8, "memory": "32Gi"} for i in range(1, 6)],
    "deployments": [
        {"name": "player-api", "namespace": "media", "replicas": 3,
         "hpa": {"minReplicas": 3, "maxReplicas": 8, "targetCpuUtilization": 0.6},
         "container": container("500m", "256Mi", "512Mi", "200Mi", "4ms", 14, startup="10s")},
        {"name": "manifests", "namespace": "media", "replicas": 3,
         "hpa": {"minReplicas": 3, "maxReplicas": 8, "targetCpuUtilization": 0.6},
         "container": container("500m", "256Mi", "512Mi", "210Mi", "6ms", 5, startup="10s")},
        {"name": "object-cache", "namespace": "media", "replicas": 3,
         "container": container("1", "1Gi", "1536Mi", "900Mi", "2ms", 3, startup="20s")},
        {"name": "upload-api", "namespace": "media", "replicas": 2,
         "hpa": {"minReplicas": 2, "maxReplicas": 6, "targetCpuUtilization": 0.6},
         "container": container("500m", "256Mi", "512Mi", "200Mi", "10ms", 10)},
        {"name": "transcoder", "namespace": "media", "replicas": 2,
         "hpa": {"minReplicas": 2, "maxReplicas": 8, "targetCpuUtilization": 0.6},
         "container": container("2", "2Gi", "4Gi", "1500Mi", "150ms", 4, startup="20s")},
        {"name": "thumbnailer", "namespace": "media", "replicas": 2,
         "hpa": {"minReplicas": 2, "maxReplicas": 6, "targetCpuUtilization": 0.6},
         "container": container("500m", "512Mi", "1Gi", "400Mi", "60ms", 2)},
    ],
    "services": [
        {"name": "player-api", "namespace": "media", "base_rps": 450, "slo": {"availability": 0.995, "latencyP99": "800ms"},
         "calls": [call("manifests", 1.0, "400ms", 1, "20ms"), call("object-cache", 0.5, "100ms", 1, "5ms")]},
        {"name": "manifests", "namespace": "media", "slo": {"availability": 0.995, "latencyP99": "300ms"},
         "calls": [call("object-cache", 2.0, "100ms", 2, "5ms")]},
        {"name": "object-cache", "namespace": "media", "slo": {"availability": 0.999, "latencyP99": "50ms"}},
        {"name": "upload-api", "namespace": "media", "base_rps": 12, "slo": {"availability": 0.99, "latencyP99": "6s"},
         "calls": [call("transcoder", 1.0, "4s", 1, "500ms"), call("thumbnailer", 1.0, "2s", 1, "100ms")]},
        {"name": "transcoder", "namespace": "media", "slo": {"availability": 0.99, "latencyP99": "3s"}},
        {"name": "thumbnailer", "namespace": "media", "slo": {"availability": 0.99, "latencyP99": "1s"}},
    ],
    "pdbs": [
        {"name": "object-cache", "namespace": "media", "selector": {"app": "object-cache"}, "minAvailable": 2},
        {"name": "player-api", "namespace": "media", "selector": {"app": "player-api"}, "maxUnavailable": 1},
    ],
}

# Order platform with shared stores (namespace orders): five services share one Postgres (behind a
# pooler) and one Redis; web and billing take outside traffic.
ORDERS = {
    "name": "orders",
    "summary": "orders: web → orders, inventory, shipping; billing from outside; all of them share postgres, orders and inventory share redis",
    "nodes": [{"name": f"orders-node-{i}", "cpu": 8, "memory": "32Gi"} for i in range(1, 5)],
    "deployments": [
        {"name": "web", "namespace": "orders", "replicas": 4, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("500m", "256Mi", "512Mi", "190Mi", "4ms", 10, startup="8s")},
        {"name": "orders", "namespace": "orders", "replicas": 4,
         "container": container("500m", "512Mi", "1Gi", "520Mi", "10ms", 3, startup="30s")},
        {"name": "inventory", "namespace": "orders", "replicas": 3,
         "container": container("500m", "512Mi", "1Gi", "480Mi", "6ms", 4, startup="25s")},
        {"name": "shipping", "namespace": "orders", "replicas": 2,
         "container": container("250m", "256Mi", "512Mi", "230Mi", "15ms", 3)},
        {"name": "billing", "namespace": "orders", "replicas": 2,
         "container": container("500m", "512Mi", "1Gi", "500Mi", "20ms", 3, startup="30s")},
        {"name": "postgres", "namespace": "orders", "replicas": 3,
         "container": container("2", "4Gi", "6Gi", "4Gi", "3ms", 2, startup="60s")},
        {"name": "redis", "namespace": "orders", "replicas": 3,
         "container": container("500m", "1Gi", "1536Mi", "1Gi", "1ms", 2, startup="15s")},
    ],
    "services": [
        {"name": "web", "namespace": "orders", "base_rps": 500, "slo": {"availability": 0.995, "latencyP99": "1s"},
         "calls": [call("orders", 0.3, "800ms", 1, "50ms"), call("inventory", 0.8, "400ms", 1, "20ms"),
                   call("shipping", 0.15, "600ms", 1, "50ms")]},
        {"name": "orders", "namespace": "orders", "slo": {"availability": 0.999, "latencyP99": "600ms"},
         "calls": [call("postgres", 1.5, "200ms", 2, "20ms"), call("redis", 2.0, "50ms", 1)]},
        {"name": "inventory", "namespace": "orders", "slo": {"availability": 0.999, "latencyP99": "300ms"},
         "calls": [call("redis", 1.0, "50ms", 1), call("postgres", 0.3, "200ms", 2, "20ms")]},
        {"name": "shipping", "namespace": "orders", "slo": {"availability": 0.99, "latencyP99": "500ms"},
         "calls": [call("postgres", 0.5, "200ms", 2, "20ms")]},
        {"name": "billing", "namespace": "orders", "base_rps": 60, "slo": {"availability": 0.999, "latencyP99": "800ms"},
         "calls": [call("postgres", 2.0, "300ms", 3, "30ms")]},
        {"name": "postgres", "namespace": "orders", "slo": {"availability": 0.9995, "latencyP99": "150ms"}},
        {"name": "redis", "namespace": "orders", "slo": {"availability": 0.9995, "latencyP99": "25ms"}},
    ],
    "pdbs": [
        {"name": "postgres", "namespace": "orders", "selector": {"app": "postgres"}, "minAvailable": 2},
        {"name": "redis", "namespace": "orders", "selector": {"app": "redis"}, "maxUnavailable": 1},
        {"name": "web", "namespace": "orders", "selector": {"app": "web"}, "minAvailable": 3},
    ],
}

# Small, uneven nodes where capacity is tight (namespace default): two 2-core nodes and one 4-core node
# run a five-service checkout; losing the big node leaves pods Pending.
TIGHT = {
    "name": "tight",
    "summary": "default: ingress → checkout → payments, tax; ingress → sessions; on two 2-core nodes and one 4-core node (~60 % of CPU requested)",
    "nodes": [{"name": "small-1", "cpu": 2, "memory": "4Gi"}, {"name": "small-2", "cpu": 2, "memory": "4Gi"},
              {"name": "large-1", "cpu": 4, "memory": "8Gi"}],
    "deployments": [
        {"name": "ingress", "replicas": 3, "container": container("300m", "192Mi", "384Mi", "150Mi", "2ms", 16, startup="5s")},
        # No room on these nodes for a surge pod: checkout rolls one pod at a time by taking one down first.
        {"name": "checkout", "replicas": 3, "strategy": {"maxSurge": 0, "maxUnavailable": 1},
         "container": container("500m", "512Mi", "768Mi", "460Mi", "12ms", 4, startup="20s")},
        {"name": "payments", "replicas": 2, "container": container("500m", "512Mi", "768Mi", "430Mi", "25ms", 3, startup="20s")},
        {"name": "tax", "replicas": 2, "container": container("250m", "256Mi", "384Mi", "200Mi", "8ms", 2)},
        {"name": "sessions", "replicas": 3, "container": container("250m", "768Mi", "1Gi", "600Mi", "1ms", 1, startup="10s")},
    ],
    "services": [
        {"name": "ingress", "base_rps": 300, "slo": {"availability": 0.995, "latencyP99": "1500ms"},
         "calls": [call("checkout", 0.25, "1500ms", 1, "50ms"), call("sessions", 1.0, "100ms", 1, "5ms")]},
        {"name": "checkout", "slo": {"availability": 0.995, "latencyP99": "1s"},
         "calls": [call("payments", 1.0, "800ms", 1, "100ms"), call("tax", 1.0, "300ms", 2, "20ms")]},
        {"name": "payments", "slo": {"availability": 0.995, "latencyP99": "600ms"}},
        {"name": "tax", "slo": {"availability": 0.995, "latencyP99": "200ms"}},
        {"name": "sessions", "slo": {"availability": 0.999, "latencyP99": "50ms"}},
    ],
    "pdbs": [
        {"name": "ingress", "selector": {"app": "ingress"}, "minAvailable": 2},
        {"name": "checkout", "selector": {"app": "checkout"}, "minAvailable": 2},
        {"name": "sessions", "selector": {"app": "sessions"}, "minAvailable": 2},
        {"name": "payments", "selector": {"app": "payments"}, "minAvailable": 1},
    ],
}

# Three teams, three namespaces on one cluster: web (frontend → bff), payments (payments-api → fraud,
# ledger; fraud → ledger) and identity (auth → users-db). Calls stay inside a namespace; what one team
# sends another arrives as outside traffic.
MULTI = {
    "name": "multi",
    "summary": "namespaces web (frontend → bff), payments (payments-api → fraud → ledger, payments-api → ledger) and identity (auth → users-db)",
    "nodes": [{"name": f"pool-a-{i}", "cpu": 8, "memory": "32Gi"} for i in range(1, 4)]
             + [{"name": f"pool-b-{i}", "cpu": 4, "memory": "16Gi"} for i in range(1, 3)],
    "deployments": [
        {"name": "frontend", "namespace": "web", "replicas": 4, "container": container("500m", "256Mi", "512Mi", "200Mi", "5ms", 5, startup="10s")},
        {"name": "bff", "namespace": "web", "replicas": 4, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("500m", "384Mi", "768Mi", "300Mi", "10ms", 3, startup="15s")},
        {"name": "payments-api", "namespace": "payments", "replicas": 3, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("500m", "512Mi", "1Gi", "500Mi", "10ms", 8, startup="30s")},
        {"name": "fraud", "namespace": "payments", "replicas": 3, "strategy": {"maxSurge": 1, "maxUnavailable": 1}, "container": container("1", "1Gi", "2Gi", "1100Mi", "25ms", 3, startup="40s")},
        {"name": "ledger", "namespace": "payments", "replicas": 3, "container": container("1", "2Gi", "3Gi", "1700Mi", "4ms", 2, startup="45s")},
        {"name": "auth", "namespace": "identity", "replicas": 4, "container": container("250m", "256Mi", "512Mi", "180Mi", "3ms", 3, startup="8s")},
        {"name": "users-db", "namespace": "identity", "replicas": 3, "container": container("1", "2Gi", "3Gi", "1600Mi", "3ms", 1, startup="45s")},
    ],
    "services": [
        {"name": "frontend", "namespace": "web", "base_rps": 300, "slo": {"availability": 0.995, "latencyP99": "800ms"},
         "calls": [call("bff", 1.0, "700ms", 1, "30ms")]},
        {"name": "bff", "namespace": "web", "slo": {"availability": 0.995, "latencyP99": "600ms"}},
        {"name": "payments-api", "namespace": "payments", "base_rps": 90, "slo": {"availability": 0.999, "latencyP99": "1500ms"},
         "calls": [call("fraud", 1.0, "800ms", 1, "100ms"), call("ledger", 2.0, "300ms", 2, "20ms")]},
        {"name": "fraud", "namespace": "payments", "slo": {"availability": 0.999, "latencyP99": "700ms"},
         "calls": [call("ledger", 1.0, "300ms", 2, "20ms")]},
        {"name": "ledger", "namespace": "payments", "slo": {"availability": 0.9995, "latencyP99": "200ms"}},
        {"name": "auth", "namespace": "identity", "base_rps": 350, "slo": {"availability": 0.999, "latencyP99": "250ms"},
         "calls": [call("users-db", 0.5, "150ms", 2, "10ms")]},
        {"name": "users-db", "namespace": "identity", "slo": {"availability": 0.9995, "latencyP99": "100ms"}},
    ],
    "pdbs": [
        {"name": "ledger", "namespace": "payments", "selector": {"app": "ledger"}, "minAvailable": 2},
        {"name": "users-db", "namespace": "identity", "selector": {"app": "users-db"}, "minAvailable": 2},
        {"name": "auth", "namespace": "identity", "selector": {"app": "auth"}, "maxUnavailable": 1},
        {"name": "frontend", "namespace": "web", "selector": {"app": "frontend"}, "minAvailable": 3},
    ],
}

TOPOLOGIES = {t["name"]: t for t in (GATEWAY, CHAIN, MEDIA, ORDERS, TIGHT, MULTI)}
