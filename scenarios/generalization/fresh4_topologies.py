"""The two topologies of fresh4/, the fifth held-out split (read by generate.py; README "fresh4/").

Written on 2026-12-07, blind to the engine (no detector, policy or engine code read, no engine figure
looked at), by the rules of topologies.py: one team's cluster each, sized so the busiest pod of each
service runs at 30-60 % of its capacity at the daily peak where it matters, slow starters given time to
start. They are unlike the fourteen of topologies.py, fresh_topologies.py, fresh2_topologies.py and
fresh3_topologies.py, and use what those do not: startup probes instead of a long liveness delay, rollout
strategies and PodDisruptionBudgets written as percentages, a low-rate entry of whole Poisson requests (live
channels' segments), a fixed pool of second-long CPU-heavy requests without an HPA, a service calling two
hosts outside the cluster, a quorum store whose every request replicates beside one where a quarter does,
an autoscaled classifier called with no retry and a tight deadline:

- claims: a health insurer's claims system; clearinghouses submit claims through an EDI gateway (retried
  by the clearinghouse), claims-intake checks eligibility (a cache and a policy store), has a JVM rules
  engine adjudicate each claim (it asks a pharmacy benefit manager outside for drug claims) and writes the
  claim to a quorum store and a search cluster; members read their claims through a portal that logs in
  through an identity provider outside, searches the claims and fetches explanation-of-benefits documents
  from an object store outside;
- live: a live-streaming platform; broadcasters push 2-second segments (Poisson) to ingest, which has a
  fixed transcoder pool encode each one into four renditions written to a segment store outside; the CDN
  pulls manifests and segments from origin (segments from the store outside, manifests packaged just in
  time from stream metadata); viewers' players start sessions through playback-api (entitlements, a DRM
  licence server outside); viewers' chat goes through chat-api to an autoscaled moderation classifier and a
  quorum broker.
"""
from fresh_topologies import host
from topologies import call, container


def zone(z, **more):
    return {"topology.kubernetes.io/zone": z} | more


def probed(cpu, mem_req, mem_limit, mem_base, service_time, concurrency, startup, **extra):
    """A slow starter guarded by a startup probe (period 10 s, enough misses to cover its start-up twice)
    instead of a long liveness delay, as teams on current Kubernetes write it."""
    c = container(cpu, mem_req, mem_limit, mem_base, service_time, concurrency, startup=startup, **extra)
    c.pop("livenessProbe", None)
    c["startupProbe"] = {"period": "10s", "failureThreshold": 2 * int(startup[:-1]) // 10 + 1}
    return c


# Health insurance claims (namespaces edi, claims, members, search): clearinghouses submit claims around
# the clock (batches, ±20 % over the day) through edi-gateway, which retries claims-intake as the X12
# acknowledgement protocol does. claims-intake asks eligibility (policy-cache, policy-db for the misses),
# has adjudication (a JVM rules engine, HPA) price and decide the claim — adjudication checks eligibility
# again and asks the pharmacy benefit manager outside for drug claims — then writes the claim to claims-db
# (a 3-member StatefulSet whose writes a quorum acknowledges) and indexes it in claims-search (a 3-member
# search cluster whose indexing requests a quorum of copies acknowledges). Members use member-portal:
# sessions refreshed with the identity provider outside, claim searches, eligibility, and EOB documents
# fetched by documents from an object store outside. Six 8-core nodes over three zones, two 16-core
# high-memory nodes for the stores.
CLAIMS = {
    "name": "claims",
    "summary": "claims: edi-gateway → claims-intake.claims (retried ×2) → eligibility (→ policy-cache, policy-db), adjudication (HPA; → eligibility, claims-db, pbm.example.com), claims-db (quorum), claims-search.search (quorum on indexing); member-portal → login.idp.example.org, claims-search, eligibility, documents (→ docs.storage.example.com)",
    "nodes": [{"name": f"claims-node-{i}", "cpu": 8, "memory": "32Gi", "labels": zone("us-central1-" + "abc"[(i - 1) % 3])}
              for i in range(1, 7)]
             + [{"name": f"claims-highmem-{i}", "cpu": 16, "memory": "128Gi",
                 "labels": zone("us-central1-" + "ab"[i - 1], **{"cloud.google.com/gke-nodepool": "highmem"})} for i in (1, 2)],
    "deployments": [
        {"name": "edi-gateway", "namespace": "edi", "replicas": 3, "strategy": {"maxSurge": "34%", "maxUnavailable": 0},
         "container": container("500m", "512Mi", "1Gi", "300Mi", "3ms", 64, startup="8s")},
        {"name": "claims-intake", "namespace": "claims", "replicas": 3, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("1", "1Gi", "2Gi", "700Mi", "8ms", 32, startup="15s")},
        {"name": "eligibility", "namespace": "claims", "replicas": 3, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("500m", "512Mi", "1Gi", "350Mi", "6ms", 3, startup="10s")},
        {"name": "policy-cache", "namespace": "claims", "replicas": 2,
         "container": container("500m", "2Gi", "3Gi", "1500Mi", "400us", 4, startup="5s")},
        {"name": "policy-db", "namespace": "claims", "replicas": 2,
         "container": probed("1", "4Gi", "6Gi", "3Gi", "3ms", 4, startup="40s")},
        # The rules engine: a JVM, CPU-heavy, scaled on CPU between 4 and 10 pods.
        {"name": "adjudication", "namespace": "claims", "replicas": 4, "strategy": {"maxSurge": "25%", "maxUnavailable": 0},
         "hpa": {"minReplicas": 4, "maxReplicas": 10, "targetCpuUtilization": 0.45},
         "container": probed("2", "3Gi", "4Gi", "2Gi", "30ms", 6, startup="50s")},
        {"name": "claims-db", "namespace": "claims", "kind": "StatefulSet", "replicas": 3,
         "container": probed("4", "16Gi", "24Gi", "12Gi", "5ms", 2, startup="60s")},
        {"name": "claims-search", "namespace": "search", "kind": "StatefulSet", "replicas": 3,
         "container": probed("4", "16Gi", "24Gi", "12Gi", "8ms", 4, startup="90s")},
        {"name": "member-portal", "namespace": "members", "replicas": 4, "strategy": {"maxSurge": "25%", "maxUnavailable": "25%"},
         "container": container("1", "1Gi", "2Gi", "600Mi", "5ms", 16, startup="12s")},
        {"name": "documents", "namespace": "members", "replicas": 2, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("500m", "512Mi", "1Gi", "400Mi", "20ms", 8, startup="10s")},
    ],
    "services": [
        {"name": "edi-gateway", "namespace": "edi", "base_rps": 100, "slo": {"availability": 0.995, "latencyP99": "3s"},
         "calls": [call("claims-intake.claims", 1.0, "4s", 2, "1s")]},
        {"name": "claims-intake", "namespace": "claims", "slo": {"availability": 0.995, "latencyP99": "2s"},
         "calls": [call("eligibility", 1.0, "300ms", 1, "20ms"), call("adjudication", 1.0, "3s"),
                   call("claims-db", 2.0, "200ms", 2, "20ms"), call("claims-search.search", 1.0, "500ms", 1, "50ms")]},
        {"name": "eligibility", "namespace": "claims", "slo": {"availability": 0.999, "latencyP99": "200ms"},
         "calls": [call("policy-cache", 1.0, "50ms", 1, "5ms"), call("policy-db", 0.1, "200ms", 1, "20ms")]},
        {"name": "policy-cache", "namespace": "claims", "slo": {"availability": 0.999, "latencyP99": "20ms"}},
        {"name": "policy-db", "namespace": "claims", "slo": {"availability": 0.999, "latencyP99": "100ms"}},
        {"name": "adjudication", "namespace": "claims", "slo": {"availability": 0.995, "latencyP99": "1s"},
         "calls": [call("eligibility", 1.0, "300ms", 1, "20ms"), call("claims-db", 1.0, "200ms", 2, "20ms"),
                   host("pbm.example.com", 0.25, "80ms", "1s", 1, "200ms")]},
        {"name": "claims-db", "namespace": "claims", "slo": {"availability": 0.9995, "latencyP99": "100ms"},
         "peers": {"mode": "quorum", "perRequest": 0.6, "latency": "2ms", "deadline": "100ms", "retries": 1}},
        {"name": "claims-search", "namespace": "search", "slo": {"availability": 0.999, "latencyP99": "300ms"},
         "peers": {"mode": "quorum", "perRequest": 0.25, "latency": "3ms", "deadline": "200ms", "retries": 1}},
        {"name": "member-portal", "namespace": "members", "base_rps": 250, "slo": {"availability": 0.999, "latencyP99": "1s"},
         "calls": [host("login.idp.example.org", 0.1, "80ms", "1s", 1, "200ms"), call("claims-search.search", 1.0, "500ms", 1, "50ms"),
                   call("eligibility.claims", 0.3, "300ms", 1, "20ms"), call("documents", 0.15, "3s", 1, "200ms")]},
        {"name": "documents", "namespace": "members", "slo": {"availability": 0.995, "latencyP99": "2s"},
         "calls": [host("docs.storage.example.com", 1.0, "40ms", "2s", 2, "200ms")]},
    ],
    "pdbs": [
        {"name": "claims-db", "namespace": "claims", "selector": {"app": "claims-db"}, "minAvailable": 2},
        {"name": "claims-search", "namespace": "search", "selector": {"app": "claims-search"}, "maxUnavailable": 1},
        {"name": "adjudication", "namespace": "claims", "selector": {"app": "adjudication"}, "minAvailable": "75%"},
        {"name": "member-portal", "namespace": "members", "selector": {"app": "member-portal"}, "maxUnavailable": "25%"},
        {"name": "edi-gateway", "namespace": "edi", "selector": {"app": "edi-gateway"}, "minAvailable": 2},
    ],
}

# Live streaming (namespaces ingest, video, chat): broadcasters push 2-second segments to ingest (whole
# Poisson requests: a few dozen channels), which has the transcoder pool encode each into four renditions
# written to the segment store outside, and registers it in stream-meta (a 3-member StatefulSet whose
# writes a quorum acknowledges). The CDN pulls from origin: segments from the store outside, manifests
# packaged just in time by packager from stream-meta. Viewers' players start a session through
# playback-api: entitlements (from stream-meta) and a DRM licence from the licence server outside. Chat
# goes through chat-api to moderation (a CPU-heavy classifier behind an HPA, called once with a tight
# deadline) and chat-broker (a 3-member StatefulSet; every message a quorum acknowledges). Four 16-core
# nodes over two zones, two 32-core compute-optimised nodes.
LIVE = {
    "name": "live",
    "summary": "live: ingest (Poisson) → transcoder (fixed pool, → segments.blob.example.net ×4), stream-meta.video (quorum); origin (CDN pulls) → segments.blob.example.net, packager → stream-meta; playback-api → entitlements → stream-meta, license.drm.example.com; chat-api → moderation (HPA, no retry), chat-broker (quorum on every message)",
    "nodes": [{"name": f"live-node-{i}", "cpu": 16, "memory": "64Gi", "labels": zone("eastus-" + "12"[(i - 1) % 2])} for i in range(1, 5)]
             + [{"name": f"live-compute-{i}", "cpu": 32, "memory": "64Gi",
                 "labels": zone("eastus-" + "12"[i - 1], **{"node.kubernetes.io/instance-type": "Standard_F32s_v2"})} for i in (1, 2)],
    "deployments": [
        {"name": "ingest", "namespace": "ingest", "replicas": 3, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("500m", "512Mi", "1Gi", "300Mi", "10ms", 16, startup="8s")},
        # A fixed pool sized for the channels on air: four 2-second segments' worth of renditions a second each.
        {"name": "transcoder", "namespace": "ingest", "replicas": 6, "strategy": {"maxSurge": "25%", "maxUnavailable": 0},
         "container": container("4", "4Gi", "8Gi", "2Gi", "250ms", 4, startup="20s")},
        {"name": "origin", "namespace": "video", "replicas": 4, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("1", "1Gi", "2Gi", "600Mi", "2ms", 16, startup="8s")},
        {"name": "packager", "namespace": "video", "replicas": 3, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("1", "512Mi", "1Gi", "400Mi", "8ms", 2, startup="10s")},
        {"name": "stream-meta", "namespace": "video", "kind": "StatefulSet", "replicas": 3,
         "container": probed("2", "8Gi", "12Gi", "6Gi", "3ms", 2, startup="45s")},
        {"name": "playback-api", "namespace": "video", "replicas": 3, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("500m", "512Mi", "1Gi", "350Mi", "4ms", 32, startup="8s")},
        {"name": "entitlements", "namespace": "video", "replicas": 3, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": probed("1", "1Gi", "2Gi", "800Mi", "5ms", 4, startup="35s")},
        {"name": "chat-api", "namespace": "chat", "replicas": 4, "strategy": {"maxSurge": "25%", "maxUnavailable": 0},
         "container": container("500m", "512Mi", "1Gi", "300Mi", "3ms", 16, startup="6s")},
        {"name": "moderation", "namespace": "chat", "replicas": 6,
         "hpa": {"minReplicas": 6, "maxReplicas": 16, "targetCpuUtilization": 0.6},
         "container": container("1", "2Gi", "3Gi", "1500Mi", "10ms", 3, startup="15s")},
        {"name": "chat-broker", "namespace": "chat", "kind": "StatefulSet", "replicas": 3,
         "container": probed("2", "4Gi", "8Gi", "3Gi", "4ms", 4, startup="30s")},
    ],
    "services": [
        {"name": "ingest", "namespace": "ingest", "base_rps": 20, "slo": {"availability": 0.999, "latencyP99": "8s"},
         "calls": [call("transcoder", 1.0, "6s", 1, "500ms"), call("stream-meta.video", 1.0, "200ms", 2, "20ms")]},
        {"name": "transcoder", "namespace": "ingest", "slo": {"availability": 0.999, "latencyP99": "6s"},
         "calls": [host("segments.blob.example.net", 4.0, "30ms", "2s", 2, "200ms")]},
        {"name": "origin", "namespace": "video", "base_rps": 500, "slo": {"availability": 0.999, "latencyP99": "500ms"},
         "calls": [host("segments.blob.example.net", 0.8, "25ms", "1s", 1, "50ms"), call("packager", 0.2, "500ms", 1, "50ms")]},
        {"name": "packager", "namespace": "video", "slo": {"availability": 0.999, "latencyP99": "200ms"},
         "calls": [call("stream-meta", 1.0, "100ms", 1, "10ms")]},
        {"name": "stream-meta", "namespace": "video", "slo": {"availability": 0.9995, "latencyP99": "60ms"},
         "peers": {"mode": "quorum", "perRequest": 0.1, "latency": "2ms", "deadline": "100ms", "retries": 1}},
        {"name": "playback-api", "namespace": "video", "base_rps": 150, "slo": {"availability": 0.999, "latencyP99": "1s"},
         "calls": [call("entitlements", 1.0, "300ms", 1, "20ms"), host("license.drm.example.com", 1.0, "60ms", "800ms", 1, "100ms")]},
        {"name": "entitlements", "namespace": "video", "slo": {"availability": 0.999, "latencyP99": "150ms"},
         "calls": [call("stream-meta", 1.0, "100ms", 1, "10ms")]},
        {"name": "chat-api", "namespace": "chat", "base_rps": 300, "slo": {"availability": 0.995, "latencyP99": "500ms"},
         "calls": [call("moderation", 1.0, "150ms"), call("chat-broker", 1.0, "200ms", 2, "20ms")]},
        {"name": "moderation", "namespace": "chat", "slo": {"availability": 0.995, "latencyP99": "150ms"}},
        {"name": "chat-broker", "namespace": "chat", "slo": {"availability": 0.999, "latencyP99": "100ms"},
         "peers": {"mode": "quorum", "perRequest": 1.0, "latency": "2ms", "deadline": "50ms", "retries": 1}},
    ],
    "pdbs": [
        {"name": "stream-meta", "namespace": "video", "selector": {"app": "stream-meta"}, "minAvailable": 2},
        {"name": "chat-broker", "namespace": "chat", "selector": {"app": "chat-broker"}, "minAvailable": 2},
        {"name": "transcoder", "namespace": "ingest", "selector": {"app": "transcoder"}, "maxUnavailable": "20%"},
        {"name": "origin", "namespace": "video", "selector": {"app": "origin"}, "maxUnavailable": 1},
        {"name": "moderation", "namespace": "chat", "selector": {"app": "moderation"}, "minAvailable": "50%"},
    ],
}

FRESH4_TOPOLOGIES = {t["name"]: t for t in (CLAIMS, LIVE)}
