"""The two topologies of fresh6/, the seventh held-out split (read by generate.py; README "fresh6/").

Written on 2026-12-08, blind to the engine (no detector, policy or engine code read, no engine figure
looked at), by the rules of topologies.py: one team's cluster each, sized so the busiest pod of each
service runs well inside its capacity at the daily peak, slow starters given time to start (startup
probes). They are unlike the eighteen of topologies.py and fresh*_topologies.py in domain, names,
namespaces, node pools, rates and call graphs, and deliberately take shapes the earlier splits lack:

- adx: an ad exchange's real-time bidding. Supply-side platforms send bid requests at thousands a
  second into bid-gateway, which never retries (a late bid is a lost bid) and gives the auction 100 ms;
  the auction fans out to nine callees on every request — the identity graph (a namespace of its own,
  read across three namespaces), price floors, a brand-safety classifier, three in-house bidders of the
  demand-side team and three demand-side platforms outside — each with an 80 ms deadline at most and no
  retry. The retail bidder's path is the deep one: auction → bidder-retail → campaign-index →
  budget-store, a sharded pacing store (a StatefulSet without peers: each member answers alone) that
  every bidder and every win notice reads or decrements. Win notices arrive at a tenth of the rate and
  are billed to a warehouse outside. The auction scales on CPU; everything else is a fixed pool.
- mls: an ML inference platform. predict-api → model-router → rank-pipeline → feature-assembler →
  feature-store (four hops), and rank-pipeline → ranker-model, three big model servers (20 cores and
  140 GiB each, four minutes to load their weights) that fit only on the three accelerator nodes: the
  pool is full, so a lost or drained accelerator node leaves a model server Pending until it is back.
  A quarter of the traffic (anonymous users) goes to a CPU fallback model. feature-assembler is a JVM
  behind an HPA that enriches with an IP-intelligence service outside; feature-store is a StatefulSet
  whose writes one follower acknowledges; click feedback comes back through feedback-api and
  label-joiner, which writes the labels to the feature store and to a lakehouse outside.
"""
from fresh5_topologies import probed
from fresh_topologies import host
from topologies import call, container


# Ad exchange, real-time bidding (namespaces rtb, dsp, pacing, idgraph). Bid requests (2,500/s, ±30 % over
# the day) come into bid-gateway, which gives the auction 100 ms and never retries. The auction (HPA on
# CPU) asks, for every request, the identity graph (idgraph, its own namespace), the price floors and the
# brand-safety classifier, and sends the request to the bidders whose deals match: the demand-side team's
# retail, travel and auto bidders (namespace dsp) and three demand-side platforms outside, each with an
# 80 ms deadline and no retry. Bidders read the identity graph and the campaign pacing in budget-store
# (namespace pacing; four shards, no replication among them): bidder-retail through campaign-index, the
# others directly, each retried once. Win notices (250/s) decrement the budget (retried twice) and are
# billed to the warehouse outside. Five 16-core arm64 nodes over three zones.
ADX = {
    "name": "adx",
    "summary": "adx: bid-gateway.rtb (no retry, 100 ms) → auction (HPA) → id-graph.idgraph, floors, brand-safety, bidder-retail.dsp (→ id-graph, campaign-index → budget-store.pacing), bidder-travel.dsp, bidder-auto.dsp (→ budget-store), bid.dsp-one.example.com, rtb.dsp-two.example.net, bids.dsp-three.example.io (80 ms, no retry); win-notice → budget-store.pacing (sharded), events.billing.example.com",
    "nodes": [{"name": f"adx-node-{i}", "cpu": 16, "memory": "64Gi",
               "labels": {"topology.kubernetes.io/zone": "ap-southeast-1" + "abc"[(i - 1) % 3], "kubernetes.io/arch": "arm64",
                          "node.kubernetes.io/instance-type": "c7g.4xlarge"}} for i in range(1, 6)],
    "deployments": [
        {"name": "bid-gateway", "namespace": "rtb", "replicas": 4, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("1", "512Mi", "1Gi", "300Mi", "500us", 256, startup="6s")},
        # The auction: scaled on CPU between 4 and 12 pods; its workers wait on the nine callees.
        {"name": "auction", "namespace": "rtb", "replicas": 4, "strategy": {"maxSurge": "25%", "maxUnavailable": 0},
         "hpa": {"minReplicas": 4, "maxReplicas": 12, "targetCpuUtilization": 0.2},
         "container": container("2", "1Gi", "2Gi", "700Mi", "1ms", 64, startup="10s")},
        {"name": "floors", "namespace": "rtb", "replicas": 2,
         "container": container("500m", "1Gi", "2Gi", "800Mi", "300us", 4, startup="5s")},
        {"name": "brand-safety", "namespace": "rtb", "replicas": 4, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("1", "1Gi", "2Gi", "900Mi", "800us", 3, startup="15s")},
        {"name": "win-notice", "namespace": "rtb", "replicas": 3, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("500m", "512Mi", "1Gi", "300Mi", "2ms", 24, startup="6s")},
        {"name": "bidder-retail", "namespace": "dsp", "replicas": 4, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("1", "1Gi", "2Gi", "700Mi", "2ms", 16, startup="12s")},
        {"name": "campaign-index", "namespace": "dsp", "replicas": 3, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": probed("1", "3Gi", "4Gi", "2500Mi", "1ms", 6, startup="40s")},
        {"name": "bidder-travel", "namespace": "dsp", "replicas": 3, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("1", "1Gi", "2Gi", "700Mi", "2ms", 16, startup="12s")},
        {"name": "bidder-auto", "namespace": "dsp", "replicas": 2, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("500m", "512Mi", "1Gi", "400Mi", "2ms", 12, startup="10s")},
        {"name": "budget-store", "namespace": "pacing", "kind": "StatefulSet", "replicas": 4,
         "container": probed("2", "8Gi", "12Gi", "6Gi", "1ms", 2, startup="30s")},
        # The identity graph: a JVM holding the user-ID graph in memory, in a namespace of its own.
        {"name": "id-graph", "namespace": "idgraph", "replicas": 3, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": probed("2", "4Gi", "6Gi", "3500Mi", "1ms", 8, startup="60s")},
    ],
    "services": [
        {"name": "bid-gateway", "namespace": "rtb", "base_rps": 2500, "slo": {"availability": 0.995, "latencyP99": "150ms"},
         "calls": [call("auction", 1.0, "120ms")]},
        {"name": "auction", "namespace": "rtb", "slo": {"availability": 0.995, "latencyP99": "100ms"},
         "calls": [call("id-graph.idgraph", 1.0, "15ms"), call("floors", 1.0, "10ms"), call("brand-safety", 1.0, "15ms"),
                   call("bidder-retail.dsp", 0.4, "80ms"), call("bidder-travel.dsp", 0.2, "80ms"), call("bidder-auto.dsp", 0.2, "80ms"),
                   host("bid.dsp-one.example.com", 0.25, "5ms", "80ms"), host("rtb.dsp-two.example.net", 0.25, "6ms", "80ms"),
                   host("bids.dsp-three.example.io", 0.2, "4ms", "80ms")]},
        {"name": "floors", "namespace": "rtb", "slo": {"availability": 0.999, "latencyP99": "10ms"}},
        {"name": "brand-safety", "namespace": "rtb", "slo": {"availability": 0.999, "latencyP99": "15ms"}},
        {"name": "win-notice", "namespace": "rtb", "base_rps": 250, "slo": {"availability": 0.999, "latencyP99": "1s"},
         "calls": [call("budget-store.pacing", 1.0, "50ms", 2, "5ms"), host("events.billing.example.com", 1.0, "20ms", "500ms", 2, "100ms")]},
        {"name": "bidder-retail", "namespace": "dsp", "slo": {"availability": 0.995, "latencyP99": "60ms"},
         "calls": [call("id-graph.idgraph", 1.0, "15ms"), call("campaign-index", 1.0, "30ms", 1, "2ms")]},
        {"name": "campaign-index", "namespace": "dsp", "slo": {"availability": 0.999, "latencyP99": "30ms"},
         "calls": [call("budget-store.pacing", 1.0, "10ms", 1, "2ms")]},
        {"name": "bidder-travel", "namespace": "dsp", "slo": {"availability": 0.995, "latencyP99": "60ms"},
         "calls": [call("id-graph.idgraph", 1.0, "15ms"), call("budget-store.pacing", 1.0, "10ms", 1, "2ms")]},
        {"name": "bidder-auto", "namespace": "dsp", "slo": {"availability": 0.995, "latencyP99": "60ms"},
         "calls": [call("budget-store.pacing", 1.0, "10ms", 1, "2ms")]},
        {"name": "budget-store", "namespace": "pacing", "slo": {"availability": 0.999, "latencyP99": "15ms"}},
        {"name": "id-graph", "namespace": "idgraph", "slo": {"availability": 0.999, "latencyP99": "20ms"}},
    ],
    "pdbs": [
        {"name": "bid-gateway", "namespace": "rtb", "selector": {"app": "bid-gateway"}, "minAvailable": 3},
        {"name": "auction", "namespace": "rtb", "selector": {"app": "auction"}, "minAvailable": "75%"},
        {"name": "budget-store", "namespace": "pacing", "selector": {"app": "budget-store"}, "maxUnavailable": 1},
        {"name": "id-graph", "namespace": "idgraph", "selector": {"app": "id-graph"}, "minAvailable": 2},
        {"name": "campaign-index", "namespace": "dsp", "selector": {"app": "campaign-index"}, "maxUnavailable": 1},
    ],
}


def gce(zone, name):
    return f"gce://mls-prod/{zone}/{name}"


# ML inference platform (namespaces predict, inference, accel, features, labels). predict-api (300/s, ±40 % over the
# day) → model-router, which sends three quarters of the requests (signed-in users) to rank-pipeline and a
# quarter (anonymous) to fallback-model, a CPU gradient-boosted model; rank-pipeline has feature-assembler
# (a JVM behind an HPA; three feature-store lookups a request, an IP-intelligence service outside for a
# third) build the feature vector and ranker-model (namespace accel) score it. ranker-model: three model servers of 20 cores
# and 140 GiB, four minutes to load their weights, one to an accelerator node (24 cores, 170 GiB): nothing
# else fits them, so the pool is full. feature-store: a 3-member StatefulSet; a tenth of its requests, the
# writes, one follower acknowledges. Click feedback (200/s) comes through feedback-api to label-joiner,
# which writes each label to the feature store (two retries) and to the lakehouse outside. Six 8-core
# nodes over three zones and three accelerator nodes (GKE, a100 pool).
MLS = {
    "name": "mls",
    "summary": "mls: predict-api.predict → model-router → rank-pipeline.inference (→ feature-assembler.features (HPA; → feature-store (one follower acks writes), geo.ipintel.example.com), ranker-model (3 big pods on a full accelerator pool)), fallback-model.inference; feedback-api.labels → label-joiner → feature-store.features, ingest.lakehouse.example.com",
    "nodes": [{"name": f"mls-cpu-{i}", "cpu": 8, "memory": "32Gi", "providerID": gce("us-central1-" + "abc"[(i - 1) % 3], f"gke-mls-cpu-{i}"),
               "labels": {"topology.kubernetes.io/zone": "us-central1-" + "abc"[(i - 1) % 3], "cloud.google.com/gke-nodepool": "cpu-pool"}}
              for i in range(1, 7)]
             + [{"name": f"mls-gpu-{i}", "cpu": 24, "memory": "170Gi", "providerID": gce("us-central1-" + "abc"[i - 1], f"gke-mls-a100-{i}"),
                 "labels": {"topology.kubernetes.io/zone": "us-central1-" + "abc"[i - 1], "cloud.google.com/gke-nodepool": "a100-pool",
                            "cloud.google.com/gke-accelerator": "nvidia-tesla-a100"}} for i in (1, 2, 3)],
    "deployments": [
        # Model servers first: they fit only on the accelerator nodes (20 cores, 140 GiB), one to a node; a new
        # one cannot surge (no room), so a rollout takes one down at a time.
        {"name": "ranker-model", "namespace": "accel", "replicas": 3, "strategy": {"maxSurge": 0, "maxUnavailable": 1},
         "container": probed("20", "140Gi", "160Gi", "120Gi", "30ms", 16, startup="240s")},
        {"name": "predict-api", "namespace": "predict", "replicas": 3, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("1", "512Mi", "1Gi", "300Mi", "1ms", 64, startup="6s")},
        {"name": "model-router", "namespace": "predict", "replicas": 3, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("500m", "256Mi", "512Mi", "180Mi", "500us", 64, startup="5s")},
        {"name": "rank-pipeline", "namespace": "inference", "replicas": 4, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("1", "1Gi", "2Gi", "700Mi", "2ms", 64, startup="15s")},
        {"name": "fallback-model", "namespace": "inference", "replicas": 3, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("2", "2Gi", "3Gi", "1500Mi", "15ms", 2, startup="20s")},
        # The feature assembler: a JVM, scaled on CPU between 3 and 10 pods.
        {"name": "feature-assembler", "namespace": "features", "replicas": 3, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "hpa": {"minReplicas": 3, "maxReplicas": 10, "targetCpuUtilization": 0.35},
         "container": probed("1", "2Gi", "3Gi", "1500Mi", "3ms", 4, startup="45s")},
        {"name": "feature-store", "namespace": "features", "kind": "StatefulSet", "replicas": 3,
         "container": probed("3", "16Gi", "24Gi", "14Gi", "1ms", 4, startup="50s")},
        {"name": "feedback-api", "namespace": "labels", "replicas": 2, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("500m", "256Mi", "512Mi", "180Mi", "1ms", 32, startup="5s")},
        {"name": "label-joiner", "namespace": "labels", "replicas": 3, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("1", "1Gi", "2Gi", "600Mi", "4ms", 16, startup="10s")},
    ],
    "services": [
        {"name": "predict-api", "namespace": "predict", "base_rps": 300, "slo": {"availability": 0.995, "latencyP99": "800ms"},
         "calls": [call("model-router", 1.0, "1s")]},
        {"name": "model-router", "namespace": "predict", "slo": {"availability": 0.995, "latencyP99": "700ms"},
         "calls": [call("rank-pipeline.inference", 0.75, "800ms"), call("fallback-model.inference", 0.25, "300ms", 1, "20ms")]},
        {"name": "rank-pipeline", "namespace": "inference", "slo": {"availability": 0.995, "latencyP99": "600ms"},
         "calls": [call("feature-assembler.features", 1.0, "100ms", 1, "10ms"), call("ranker-model.accel", 1.0, "500ms")]},
        {"name": "ranker-model", "namespace": "accel", "slo": {"availability": 0.995, "latencyP99": "300ms"}},
        {"name": "fallback-model", "namespace": "inference", "slo": {"availability": 0.995, "latencyP99": "150ms"}},
        {"name": "feature-assembler", "namespace": "features", "slo": {"availability": 0.999, "latencyP99": "150ms"},
         "calls": [call("feature-store", 3.0, "50ms", 1, "5ms"), host("geo.ipintel.example.com", 0.3, "15ms", "100ms")]},
        {"name": "feature-store", "namespace": "features", "slo": {"availability": 0.9995, "latencyP99": "20ms"},
         "peers": {"mode": "one", "perRequest": 0.1, "latency": "1ms", "deadline": "50ms", "retries": 1}},
        {"name": "feedback-api", "namespace": "labels", "base_rps": 200, "slo": {"availability": 0.999, "latencyP99": "2s"},
         "calls": [call("label-joiner", 1.0, "2s", 1, "100ms")]},
        {"name": "label-joiner", "namespace": "labels", "slo": {"availability": 0.999, "latencyP99": "1s"},
         "calls": [call("feature-store.features", 1.0, "50ms", 2, "5ms"), host("ingest.lakehouse.example.com", 1.0, "30ms", "1s", 2, "200ms")]},
    ],
    "pdbs": [
        {"name": "ranker-model", "namespace": "accel", "selector": {"app": "ranker-model"}, "maxUnavailable": 1},
        {"name": "feature-store", "namespace": "features", "selector": {"app": "feature-store"}, "minAvailable": 2},
        {"name": "feature-assembler", "namespace": "features", "selector": {"app": "feature-assembler"}, "minAvailable": "60%"},
        {"name": "predict-api", "namespace": "predict", "selector": {"app": "predict-api"}, "minAvailable": 2},
    ],
}

FRESH6_TOPOLOGIES = {t["name"]: t for t in (ADX, MLS)}
