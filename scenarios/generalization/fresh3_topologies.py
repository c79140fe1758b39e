"""The two topologies of fresh3/, the fourth held-out split (read by generate.py; README "fresh3/").

Written on 2026-12-07, blind to the engine (no detector, policy or engine code read, no engine figure
looked at), by the rules of topologies.py: one team's cluster each, sized so the busiest pod of each
service runs at 30-60 % of its capacity at the daily peak where it matters, slow starters with a liveness
delay past their start-up. They are unlike the twelve of topologies.py, fresh_topologies.py and
fresh2_topologies.py, and use what those do not: a store whose primary waits for one synchronous
standby (`peers: one`), stores where only a share of requests (the writes) replicates (`peers.perRequest`
below 1), a tier of long, CPU-heavy requests (CI job steps of a second and more) behind an HPA on a pool of
32-core nodes, a call with three retries a second apart, an SLO judged over 30 minutes, a gateway whose
calls are never retried (a lost location ping is replaced by the next one):

- devplat: an internal developer platform; a Git service on a Git storage StatefulSet whose pushes a
  quorum of members acknowledges, CI (an API and an autoscaled runner pool) and an artifact registry on a
  Postgres StatefulSet with a synchronous standby, blobs in an object store outside the cluster;
- rides: a ride-hailing marketplace; a high-rate driver location stream into an in-memory geo index,
  riders' quotes (surge pricing, ETAs from a maps provider outside), a CPU-heavy dispatch matching riders
  to drivers, trips on their own store.
"""
from fresh_topologies import host
from topologies import call, container


def zone(z, **more):
    return {"topology.kubernetes.io/zone": z} | more


# Internal developer platform (namespaces scm, ci, artifacts, data): developers and their tools use
# git-web (the Git HTTP/API front), which checks tokens with auth (LDAP outside the cluster for the
# few it has not cached) and reads and writes git-storage, a 3-member StatefulSet whose pushes a quorum
# of members acknowledges (Gitaly Cluster's strong consistency with reference transactions). ci-api takes webhooks,
# the UI and the runners' status reports and keeps pipelines in pg; the runner pool (HPA on CPU) runs
# job steps of about a second, cloning through git-web and pulling and pushing artifacts; the artifact
# registry serves image and package pulls to the whole company (metadata in pg, blobs in an object
# store outside). pg is a 3-member StatefulSet whose primary waits for one synchronous standby.
# Three 8-core platform nodes over three zones, two 32-core runner nodes.
DEVPLAT = {
    "name": "devplat",
    "summary": "devplat: git-web → auth (→ ldap.corp.example), git-storage (pushes acknowledged by a quorum); ci-api → auth, pg; runner (HPA) → ci-api, git-web, artifact-registry; artifact-registry → pg (one sync standby), blobs.s3.example.com",
    "nodes": [{"name": f"plat-node-{i}", "cpu": 8, "memory": "64Gi", "labels": zone(f"eu-west-1{z}", pool="platform")}
              for i, z in ((1, "a"), (2, "b"), (3, "c"))]
             + [{"name": f"runner-node-{i}", "cpu": 32, "memory": "128Gi", "labels": zone(f"eu-west-1{z}", pool="runners")}
                for i, z in ((1, "a"), (2, "b"))],
    "deployments": [
        {"name": "git-web", "namespace": "scm", "replicas": 4, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("1", "1Gi", "2Gi", "700Mi", "6ms", 16, startup="20s")},
        {"name": "auth", "namespace": "scm", "replicas": 3,
         "container": container("250m", "256Mi", "512Mi", "200Mi", "4ms", 2, startup="5s")},
        {"name": "git-storage", "namespace": "scm", "kind": "StatefulSet", "replicas": 3,
         "container": container("2", "8Gi", "12Gi", "6Gi", "8ms", 4, startup="60s")},
        {"name": "ci-api", "namespace": "ci", "replicas": 3, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("1", "1Gi", "2Gi", "800Mi", "10ms", 8, startup="45s")},
        # Job steps of a second or more; the pool scales on CPU between 6 and 16 runners.
        {"name": "runner", "namespace": "ci", "replicas": 6, "strategy": {"maxSurge": 2, "maxUnavailable": 0},
         "hpa": {"minReplicas": 6, "maxReplicas": 16, "targetCpuUtilization": 0.5},
         "container": container("2", "4Gi", "8Gi", "2Gi", "1200ms", 3, startup="15s")},
        {"name": "artifact-registry", "namespace": "artifacts", "replicas": 4, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("1", "2Gi", "3Gi", "1500Mi", "5ms", 8, startup="60s")},
        {"name": "pg", "namespace": "data", "kind": "StatefulSet", "replicas": 3,
         "container": container("4", "16Gi", "24Gi", "12Gi", "1500us", 3, startup="60s")},
    ],
    "services": [
        {"name": "git-web", "namespace": "scm", "base_rps": 150, "slo": {"availability": 0.999, "latencyP99": "1s"},
         "calls": [call("auth", 1.0, "100ms", 1, "10ms"), call("git-storage", 2.0, "500ms", 1, "50ms")]},
        {"name": "auth", "namespace": "scm", "slo": {"availability": 0.999, "latencyP99": "100ms"},
         "calls": [host("ldap.corp.example", 0.05, "20ms", "1s", 1, "100ms")]},
        {"name": "git-storage", "namespace": "scm", "slo": {"availability": 0.999, "latencyP99": "300ms"},
         "peers": {"mode": "quorum", "perRequest": 0.2, "latency": "2ms", "deadline": "200ms"}},
        {"name": "ci-api", "namespace": "ci", "base_rps": 80, "slo": {"availability": 0.995, "latencyP99": "1s"},
         "calls": [call("auth.scm", 1.0, "100ms", 1, "10ms"), call("pg.data", 3.0, "200ms", 2, "20ms")]},
        {"name": "runner", "namespace": "ci", "base_rps": 3, "slo": {"availability": 0.99, "latencyP99": "60s", "window": "30m"},
         "calls": [call("ci-api", 1.0, "2s", 3, "1s"), call("git-web.scm", 1.0, "10s", 2, "1s"),
                   call("artifact-registry.artifacts", 3.0, "5s", 2, "500ms")]},
        {"name": "artifact-registry", "namespace": "artifacts", "base_rps": 300, "slo": {"availability": 0.999, "latencyP99": "500ms"},
         "calls": [call("pg.data", 1.0, "200ms", 2, "20ms"), host("blobs.s3.example.com", 0.6, "25ms", "2s", 2, "100ms")]},
        {"name": "pg", "namespace": "data", "slo": {"availability": 0.9995, "latencyP99": "50ms"},
         "peers": {"mode": "one", "perRequest": 0.3, "latency": "1ms", "deadline": "100ms"}},
    ],
    "pdbs": [
        {"name": "git-storage", "namespace": "scm", "selector": {"app": "git-storage"}, "minAvailable": 2},
        {"name": "pg", "namespace": "data", "selector": {"app": "pg"}, "minAvailable": 2},
        {"name": "git-web", "namespace": "scm", "selector": {"app": "git-web"}, "maxUnavailable": 1},
        {"name": "artifact-registry", "namespace": "artifacts", "selector": {"app": "artifact-registry"}, "minAvailable": 3},
        {"name": "ci-api", "namespace": "ci", "selector": {"app": "ci-api"}, "minAvailable": 2},
    ],
}

# Ride-hailing marketplace (namespaces driver, rider, geo, marketplace): drivers' apps send a location
# ping every few seconds through driver-gateway to location, which writes the in-memory geo-index (a
# StatefulSet); a lost ping is never retried, the next one replaces it. Riders open the app through
# rider-api, which asks pricing for a surge-priced quote (pricing reads supply from geo-index), eta for
# a pickup time (eta asks a maps provider outside the cluster) and, for one request in ten, dispatch
# to match a driver: CPU-heavy, it reads the geo index five times, asks eta, writes the trip and
# notifies the driver through a push provider outside. trips keeps trips on trips-db. Six 8-core nodes
# over two zones and two 16-core compute nodes.
RIDES = {
    "name": "rides",
    "summary": "rides: driver-gateway → location.geo (no retry) → geo-index; rider-api → pricing.marketplace (→ geo-index), eta.geo (→ maps.example.com), dispatch.marketplace (→ geo-index ×5, eta, trips, push.example.net), trips → trips-db",
    "nodes": [{"name": f"rides-node-{i}", "cpu": 8, "memory": "32Gi", "labels": zone("us-west-2" + "ab"[(i - 1) % 2])} for i in range(1, 7)]
             + [{"name": f"rides-compute-{i}", "cpu": 16, "memory": "32Gi",
                 "labels": zone("us-west-2" + "ab"[i - 1], **{"node.kubernetes.io/instance-type": "c6i.4xlarge"})} for i in range(1, 3)],
    "deployments": [
        # Drivers hold websockets: no surge pod, one drained at a time.
        {"name": "driver-gateway", "namespace": "driver", "replicas": 6, "strategy": {"maxSurge": 0, "maxUnavailable": 1},
         "container": container("500m", "512Mi", "1Gi", "300Mi", "400us", 8, startup="5s")},
        {"name": "location", "namespace": "geo", "replicas": 6,
         "hpa": {"minReplicas": 6, "maxReplicas": 14, "targetCpuUtilization": 0.5},
         "container": container("500m", "384Mi", "768Mi", "256Mi", "1ms", 4, startup="5s")},
        {"name": "geo-index", "namespace": "geo", "kind": "StatefulSet", "replicas": 3,
         "container": container("2", "8Gi", "12Gi", "6Gi", "600us", 4, startup="40s")},
        {"name": "eta", "namespace": "geo", "replicas": 4,
         "container": container("500m", "512Mi", "1Gi", "400Mi", "2ms", 32, startup="10s")},
        {"name": "rider-api", "namespace": "rider", "replicas": 6, "strategy": {"maxSurge": 2, "maxUnavailable": 0},
         "container": container("1", "1Gi", "2Gi", "700Mi", "3ms", 64, startup="20s")},
        {"name": "pricing", "namespace": "marketplace", "replicas": 4, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "hpa": {"minReplicas": 4, "maxReplicas": 10, "targetCpuUtilization": 0.5},
         "container": container("1", "2Gi", "3Gi", "1500Mi", "6ms", 4, startup="45s")},
        {"name": "dispatch", "namespace": "marketplace", "replicas": 3, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "hpa": {"minReplicas": 3, "maxReplicas": 8, "targetCpuUtilization": 0.6},
         "container": container("2", "2Gi", "4Gi", "1500Mi", "40ms", 16, startup="30s")},
        {"name": "trips", "namespace": "marketplace", "replicas": 3,
         "container": container("500m", "512Mi", "1Gi", "400Mi", "3ms", 4, startup="15s")},
        {"name": "trips-db", "namespace": "marketplace", "kind": "StatefulSet", "replicas": 3,
         "container": container("2", "8Gi", "12Gi", "6Gi", "2ms", 2, startup="60s")},
    ],
    "services": [
        {"name": "driver-gateway", "namespace": "driver", "base_rps": 2500, "slo": {"availability": 0.995, "latencyP99": "200ms"},
         "calls": [call("location.geo", 1.0, "150ms")]},
        {"name": "location", "namespace": "geo", "slo": {"availability": 0.995, "latencyP99": "100ms"},
         "calls": [call("geo-index", 1.0, "50ms", 1, "5ms")]},
        {"name": "geo-index", "namespace": "geo", "slo": {"availability": 0.999, "latencyP99": "50ms"}},
        {"name": "eta", "namespace": "geo", "slo": {"availability": 0.995, "latencyP99": "500ms"},
         "calls": [host("maps.example.com", 1.0, "40ms", "400ms", 1, "50ms")]},
        {"name": "rider-api", "namespace": "rider", "base_rps": 400, "slo": {"availability": 0.999, "latencyP99": "1500ms"},
         "calls": [call("pricing.marketplace", 1.0, "300ms", 1, "20ms"), call("eta.geo", 1.0, "500ms"),
                   call("dispatch.marketplace", 0.1, "3s"), call("trips.marketplace", 0.3, "200ms", 1, "20ms")]},
        {"name": "pricing", "namespace": "marketplace", "slo": {"availability": 0.999, "latencyP99": "250ms"},
         "calls": [call("geo-index.geo", 2.0, "50ms", 1, "5ms")]},
        {"name": "dispatch", "namespace": "marketplace", "slo": {"availability": 0.995, "latencyP99": "3s"},
         "calls": [call("geo-index.geo", 5.0, "50ms", 1, "5ms"), call("eta.geo", 1.0, "500ms"), call("trips", 1.0, "300ms", 2, "20ms"),
                   host("push.example.net", 1.0, "60ms", "1s", 1, "200ms")]},
        {"name": "trips", "namespace": "marketplace", "slo": {"availability": 0.999, "latencyP99": "200ms"},
         "calls": [call("trips-db", 2.0, "100ms", 2, "10ms")]},
        {"name": "trips-db", "namespace": "marketplace", "slo": {"availability": 0.9995, "latencyP99": "50ms"}},
    ],
    "pdbs": [
        {"name": "geo-index", "namespace": "geo", "selector": {"app": "geo-index"}, "minAvailable": 2},
        {"name": "trips-db", "namespace": "marketplace", "selector": {"app": "trips-db"}, "minAvailable": 2},
        {"name": "driver-gateway", "namespace": "driver", "selector": {"app": "driver-gateway"}, "maxUnavailable": 1},
        {"name": "rider-api", "namespace": "rider", "selector": {"app": "rider-api"}, "maxUnavailable": 1},
        {"name": "dispatch", "namespace": "marketplace", "selector": {"app": "dispatch"}, "minAvailable": 2},
    ],
}

FRESH3_TOPOLOGIES = {t["name"]: t for t in (DEVPLAT, RIDES)}
