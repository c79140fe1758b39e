"""fresh6/, the seventh held-out split: what happens to the two topologies of fresh6_topologies.py
(read by generate.py, the same fields as scenarios.py).

Written on 2026-12-08, blind to the engine (none of its detectors, policies or code read, none of its
figures looked at), as a new team would write it: every fault family, every application fault type
and every kind of the catalogue, a JVMChaos and a GCPChaos, on clusters the engine was never tuned on;
expectations from the gate's table in scenarios.py, by the rule of the README. Sizes and faults were
checked with the engine off only (README "fresh6/ — a seventh held-out split"). Never tuned on:
measured once, by the lead.
"""
from fresh_scenarios import crowd, ramp
from scenarios import CONTROL, DETECT, HEAL, HEAL_QUIET, change, diurnal, manifest, slow

FRESH6_SPLITS = {"fresh6": ["adx", "mls"]}

M = "fresh6-"  # the manifests of this split


def m(file, at):
    return manifest(M + file, at)


# Bid requests and win notices follow the day of the publishers' audiences (±30 %).
def adx_day(duration):
    return {"rtb/bid-gateway": diurnal(duration, 0.3), "rtb/win-notice": diurnal(duration, 0.3)}


# Predictions and click feedback follow the users' day.
def mls_day(duration):
    return {"predict/predict-api": diurnal(duration), "labels/feedback-api": diurnal(duration)}


FRESH6_SCENARIOS = [
    # ---------------------------------------------------------------- fresh6: adx (namespaces rtb, dsp, pacing, idgraph)
    dict(name="adx-retry-storm-budget-store", split="fresh6", topology="adx", duration="2h",
         workloads=adx_day("2h"),
         faults=[{"type": "dependency-slowdown", "name": "budget-store-aof-rewrite", "target": {"service": "budget-store", "namespace": "pacing"},
                  "at": "50m", "duration": "20m", "addedLatency": "3ms"}],
         expectations=HEAL,
         description="budget-store answers 3 ms slower for 20 minutes at the bidding peak; every bidder and campaign-index retries once, win-notice twice.",
         story="An append-only-file rewrite on every budget-store shard makes each pacing read and decrement 3 ms slower for 20 "
               "minutes at the bidding peak, and the shards saturate. campaign-index and the travel and auto bidders retry each "
               "read once, win-notice each decrement twice: the retries add load on the store every bid waits on, and the "
               "auction's 80 ms deadline on the bidders turns their slowness into lost bids.",
         sre="hold restarts of the bidders, shed the retries into budget-store (retry budget, circuit breaker) or add capacity, "
             "and page the pacing team once naming budget-store."),
    dict(name="adx-bad-rollout-auction-dsp-three-loss", split="fresh6", topology="adx", duration="2h",
         workloads=adx_day("2h"),
         faults=[{"type": "bad-rollout", "name": "auction-second-price-v2", "target": {"deployment": "auction", "namespace": "rtb"},
                  "at": "35m", "duration": "40m", "errorPercent": 8, "latency": "30ms"},
                 m("rtb-auction-dsp-three-loss", "85m")],
         expectations=HEAL,
         description="auction rolls out a build failing 8 % of auctions (+30 ms) for 40 minutes; later one auction pod loses 70 % of its packets to the third DSP (12 min).",
         story="The exchange team ships a new auction build for a revised floor-price rule: a nil floor on some deals fails 8 % "
               "of the auctions it runs and every other one takes 30 ms longer, which bid-gateway's 120 ms deadline and the "
               "auction's own objective do not leave room for, until the team rolls back 40 minutes later; bid-gateway never "
               "retries. Ten minutes after, a degraded peering link drops 70 % of one auction pod's packets to the third "
               "demand-side platform outside for 12 minutes.",
         sre="tie the lost auctions to auction's rollout and roll it back within minutes (the HPA's scale-up is not the fix); "
             "replace the auction pod whose path to dsp-three is lossy; no restarts of bid-gateway."),
    dict(name="adx-leak-id-graph-dns-error-billing", split="fresh6", topology="adx", duration="3h",
         workloads=adx_day("3h"),
         faults=[{"type": "memory-leak", "name": "id-graph-segment-cache-leak", "target": {"deployment": "id-graph", "namespace": "idgraph"},
                  "at": "20m", "duration": "2h", "rate": "1Mi"},
                 m("rtb-win-notice-dns-error-billing", "110m")],
         expectations=slow(HEAL, "15m"),
         description="id-graph leaks 1 MiB/s for 2 hours (GC-slow after ~20 min, OOM after ~40); win-notice cannot resolve the billing warehouse (15 min).",
         story="id-graph's new audience-segment cache never evicts: each pod leaks 1 MiB/s for two hours, its collector works "
               "harder after ~20 minutes and it is OOMKilled after ~40 — a minute's restart to reload the graph — again and "
               "again; the auction and two bidders ask it on every request with a 15 ms deadline. Ninety minutes in, the "
               "billing warehouse's DNS zone is mis-delegated for 15 minutes: no win-notice pod can resolve it and no win is "
               "billed.",
         sre="restart the leaking id-graph pods one at a time (PDB minAvailable 2) before the collector slows them; page the "
             "billing warehouse's owners once for the DNS (restarts do not help)."),
    dict(name="adx-deadlock-campaign-index-corrupt-bid-gateway", split="fresh6", topology="adx", duration="2h",
         workloads=adx_day("2h"),
         faults=[{"type": "deadlock", "name": "campaign-index-reload-lock", "target": {"deployment": "campaign-index", "namespace": "dsp"},
                  "at": "30m", "duration": "45m", "pods": 1},
                 m("rtb-bid-gateway-network-corrupt", "85m")],
         expectations=HEAL,
         description="One campaign-index pod deadlocks for 45 minutes; later one bid-gateway pod corrupts 40 % of its packets (10 min).",
         story="One campaign-index pod deadlocks between a campaign reload and a read: it stays Ready and every lookup it takes "
               "times out, so bidder-retail waits out its 30 ms and retries, and the auction drops the retail bids that come "
               "too late, until the demand-side team restarts it by hand 45 minutes later. Ten minutes after, a NIC firmware "
               "bug corrupts 40 % of one bid-gateway pod's packets for 10 minutes.",
         sre="restart the deadlocked campaign-index pod (PDB maxUnavailable 1), not the bidders whose timeouts it causes; "
             "replace the corrupting bid-gateway pod."),
    dict(name="adx-noisy-neighbour-adx-node-4-duplicate-budget-store", split="fresh6", topology="adx", duration="2h",
         workloads=adx_day("2h"),
         faults=[{"type": "noisy-neighbour", "name": "log-compactor-on-adx-node-4", "target": {"node": "adx-node-4"},
                  "at": "30m", "duration": "40m", "cores": 14},
                 m("pacing-budget-store-network-duplicate", "75m")],
         expectations=HEAL,
         description="A log-compaction job without CPU limits takes 14 of adx-node-4's 16 cores for 40 minutes; later every budget-store shard's packets are duplicated (15 min).",
         story="The data team's log compactor, started as a bare pod without CPU limits, lands on adx-node-4 and takes 14 of its "
               "16 cores for 40 minutes: every pod there is throttled, auction, bid-gateway and bidders among them, and the "
               "exchange's deadlines leave no slack for a slow pod. Five minutes after it ends, a mirroring rule left on the "
               "budget-store shards by a debugging session duplicates every packet for 15 minutes: each shard serves twice "
               "its requests.",
         sre="see that the slow pods share one node, cordon it and move them off (evictions honouring the PDBs); page the "
             "compactor's owner once; restart the budget-store shards one at a time (new interfaces carry no rule) only if "
             "they saturate."),
    dict(name="adx-misconfig-brand-safety-readiness-dns-random-dsp-one", split="fresh6", topology="adx", duration="2h",
         workloads=adx_day("2h"),
         faults=[{"type": "misconfiguration", "name": "brand-safety-model-path", "target": {"deployment": "brand-safety", "namespace": "rtb"},
                  "at": "40m", "duration": "40m", "misconfiguration": "readiness-never-passes"},
                 m("rtb-auction-dns-random-dsp-one", "90m")],
         expectations=HEAL_QUIET,
         description="brand-safety's new revision points its readiness at a model file it no longer ships: the surge pod never turns Ready, the rollout stalls (40 min); later one auction pod resolves the first DSP to random addresses (12 min).",
         story="A config change moves brand-safety's classifier model to a new path but not its readiness check: the surge pod "
               "(maxSurge 1, maxUnavailable 0) never turns Ready and the rollout stalls with the old pods serving, until it is "
               "reverted 40 minutes later. Ten minutes after, one auction pod's resolver cache is poisoned: its lookups of the "
               "first demand-side platform return random addresses for 12 minutes, and every bid it asks there waits out its "
               "80 ms deadline.",
         sre="see the stalled rollout after the config change and roll brand-safety back; replace the auction pod with the "
             "poisoned cache; no restarts of brand-safety's serving pods."),
    dict(name="adx-game-day-workflow", split="fresh6", topology="adx", duration="2h",
         workloads=adx_day("2h"),
         faults=[m("adx-game-day", "45m")],
         expectations=DETECT,
         description="A game-day Workflow: the auction's calls to bidder-retail delayed 40 ms (5 min), calm (2 min), then brand-safety CPU stress, a win-notice pod holding responses 500 ms and a floors pod answering 503 (6 min).",
         story="The exchange team's game day, one Workflow at the bidding peak: for 5 minutes the auction's calls to the retail "
               "bidder wait 40 ms more on the way, 2 minutes of calm, then for 6 minutes every brand-safety pod gets a stuck "
               "worker at 80 % of a core, one win-notice pod holds every response 500 ms and one floors pod answers 503.",
         sre="detect each step, restart nothing healthy (each step ends by itself within minutes), and page at most once."),
    dict(name="adx-control-final-whistle-crowd", split="fresh6", topology="adx", duration="2h",
         workloads={"rtb/bid-gateway": crowd("50m", "30m", 1.8), "rtb/win-notice": crowd("52m", "30m", 1.8, kind="bursty")},
         expectations=CONTROL,
         description="No fault: a cup final's last half hour: 1.8x bid requests for 30 minutes, win notices 1.8x in bursts; auction's HPA scales.",
         story="A cup final goes into its last half hour and every sports publisher's pages fill: for 30 minutes bid-gateway "
               "takes 1.8x its bid requests, and win notices follow in bursts at 1.8x. The auction's HPA adds pods as its workers "
               "fill and removes them after; the bidders, the identity graph and the pacing shards, sized for it, take the load.",
         sre="nothing: a crowd within capacity and an HPA doing its job are not incidents; no alert, no action, no page."),
    dict(name="adx-control-campaign-launch-maintenance", split="fresh6", topology="adx", duration="2h",
         workloads=adx_day("2h"),
         changes=[change("rollout", "20m", "dsp", "bidder-retail"), change("config-change", "35m", "pacing", "budget-store"),
                  change("drain", "55m", node="adx-node-2", duration="20m"), change("scale", "80m", "dsp", "bidder-travel", replicas=4),
                  change("rollout", "95m", "rtb", "auction"), change("config-change", "105m", "idgraph", "id-graph")],
         expectations=CONTROL,
         description="No fault: bidder-retail and auction rolled out, budget-store restarted shard by shard, adx-node-2 drained for 20 minutes, bidder-travel scaled to 4, id-graph reconfigured.",
         story="A campaign-launch day, through the bidding day: bidder-retail rolls out the new campaigns' targeting; "
               "budget-store's shards restart one at a time into a new eviction config (PDB maxUnavailable 1); adx-node-2 is "
               "drained for a kernel patch and back 20 minutes later; bidder-travel is scaled to 4 for a travel advertiser's "
               "launch; the auction rolls out a quarter of its pods at a time; id-graph rolls out a new config, one JVM at a "
               "time (a minute to load the graph).",
         sre="nothing: rollouts, a StatefulSet's rolling restart, a drain and planned scaling that honour the PDBs are "
             "maintenance; no alert, no action, no page."),

    # ---------------------------------------------------------------- fresh6: mls (namespaces predict, inference, accel, features, labels)
    dict(name="mls-node-failure-mls-gpu-2-pod-failure-router", split="fresh6", topology="mls", duration="2h",
         workloads=mls_day("2h"),
         faults=[{"type": "node-failure", "name": "mls-gpu-2-xid-error", "target": {"node": "mls-gpu-2"}, "at": "40m", "duration": "30m"},
                 m("predict-model-router-pod-failure", "85m")],
         expectations=DETECT,
         description="Accelerator node mls-gpu-2 fails for 30 minutes: its model server cannot be rescheduled (the pool is full) and stays Pending until the node is back; later one model-router pod hangs (10 min).",
         story="An accelerator fault (an Xid error) takes mls-gpu-2 down: its pods black-hole requests until the node turns "
               "NotReady, are evicted after the 5-minute toleration, and its model server stays Pending — no other node has "
               "room for 20 cores and 140 GiB — until the node is back 30 minutes later and the server has loaded its weights "
               "for four more minutes; the small pods it held move to the CPU nodes. Fifteen minutes after, one model-router "
               "pod's process hangs for 10 minutes.",
         sre="cordon the lost node and delete its pods at once so the small ones reschedule without waiting out the toleration; "
             "page once about the node (the model server cannot move: the pool is full); let readiness take the hung "
             "model-router pod out and restart it if Kubernetes has not."),
    dict(name="mls-feature-store-crashloop-memory-stress", split="fresh6", topology="mls", duration="2h",
         workloads=mls_day("2h"),
         faults=[m("features-feature-store-memory-stress", "50m")],
         expectations=HEAL,
         description="Every feature-store member is pushed past its memory limit for 10 minutes and crash-loops; ranking and the labels' writes fail with it.",
         story="A backfill job's unbounded scan pins 12 GB more on every feature-store member for 10 minutes: each passes its "
               "24 GiB limit, is OOMKilled and crash-loops with back-off. feature-assembler's lookups fail, so does every "
               "ranked prediction, and label-joiner's writes retry into the store while it is down.",
         sre="diagnose a crash-looping store (nothing to roll back), hold restarts of its callers, and page the feature "
             "platform's owners once; touch nothing in accel."),
    dict(name="mls-crashloop-rollout-rank-pipeline-schedule-kill-router", split="fresh6", topology="mls", duration="2h",
         workloads=mls_day("2h"),
         faults=[m("predict-model-router-kill-schedule", "0s"),
                 {"type": "bad-rollout", "name": "rank-pipeline-onnx-runtime", "target": {"deployment": "rank-pipeline", "namespace": "inference"},
                  "at": "40m", "duration": "40m", "crashOnStart": True},
                 m("features-feature-store-io-fault", "90m")],
         expectations=HEAL,
         description="rank-pipeline rolls out a build that exits on start (maxUnavailable 0: the old pods keep serving); a Schedule deletes one model-router pod every 20 minutes; one feature-store member fails 30 % of its reads (12 min).",
         story="The ranking team rolls out a rank-pipeline build linked against an ONNX runtime missing from its image: the surge "
               "pod crash-loops and the rollout stalls with the four old pods serving, until its authors undo it 40 minutes "
               "later. All day, model-router's preemption drill deletes one model-router pod every 20 minutes without a grace "
               "period; the ReplicaSet replaces it. At 90 minutes a failing SSD under one feature-store member fails 30 % of "
               "its reads for 12 minutes.",
         sre="see the new ReplicaSet crash-looping right after the rollout and roll rank-pipeline back; leave the preemptions to "
             "Kubernetes; replace the feature-store member with the failing disk (PDB minAvailable 2)."),
    dict(name="mls-misconfig-feature-assembler-wrong-port-lakehouse-partition", split="fresh6", topology="mls", duration="2h",
         workloads=mls_day("2h"),
         faults=[{"type": "misconfiguration", "name": "feature-assembler-grpc-port", "target": {"deployment": "feature-assembler", "namespace": "features"},
                  "at": "35m", "duration": "25m", "misconfiguration": "wrong-port"},
                 m("labels-label-joiner-lakehouse-partition", "75m")],
         expectations=HEAL,
         description="feature-assembler's new config listens on the wrong port: every feature request is refused for 25 minutes; later one label-joiner pod is cut from the lakehouse (12 min).",
         story="A config change moves feature-assembler's gRPC listener to a port its Service does not target: its pods pass "
               "their probes on the admin port and every feature request is refused — every ranked prediction fails with it "
               "— until it is reverted 25 minutes later. Fifteen minutes after, a bad egress rule cuts one label-joiner pod "
               "from the lakehouse's ingest endpoint outside for 12 minutes.",
         sre="tie the refused requests to feature-assembler's config change and roll it back at once; replace the label-joiner "
             "pod cut from the lakehouse; no restarts of rank-pipeline or the model servers."),
    dict(name="mls-retry-storm-feature-store-slow-disk", split="fresh6", topology="mls", duration="2h",
         workloads=mls_day("2h"),
         faults=[m("features-feature-store-io-latency", "50m")],
         expectations=HEAL,
         description="feature-store's volumes answer 10 ms later for 20 minutes; feature-assembler retries each lookup once, label-joiner each write twice.",
         story="The persistent-disk pool under feature-store rebalances: every request waits 10 ms more on its member's volume "
               "for 20 minutes at the daily peak, and the members saturate. feature-assembler (three lookups a prediction) "
               "retries each once, rank-pipeline retries feature-assembler once, label-joiner retries each write twice: the "
               "retries keep the store saturated.",
         sre="hold restarts of feature-assembler and label-joiner, shed the retries into feature-store (retry budget or "
             "circuit breaker) and page storage once naming feature-store's volumes."),
    dict(name="mls-cpu-hog-fallback-model-jvm-heap-assembler-bandwidth-joiner", split="fresh6", topology="mls", duration="2h",
         workloads=mls_day("2h"),
         faults=[{"type": "cpu-hog", "name": "fallback-model-openmp-spin", "target": {"deployment": "fallback-model", "namespace": "inference"},
                  "at": "30m", "duration": "50m", "cores": 3},
                 m("features-assembler-jvm-heap", "55m"), m("labels-label-joiner-bandwidth", "90m")],
         expectations=HEAL,
         description="fallback-model burns 3 extra cores per pod for 50 minutes; meanwhile one feature-assembler JVM's heap is held full (15 min); later every label-joiner pod is shaped to 200 kbps (12 min).",
         story="A new fallback-model build leaves its OpenMP threads spinning: each pod burns 3 cores beyond its 2-core request for "
               "50 minutes and scores slower. At the peak an unbounded join in a new feature view fills one feature-assembler "
               "JVM's heap, held full for 15 minutes: every request that pod takes fails on OutOfMemoryError. Later an egress "
               "policy meant for the training namespace shapes every label-joiner pod to 200 kbps for 12 minutes.",
         sre="restart the fallback-model pods one at a time (the restart clears the spin) or add capacity; replace the "
             "feature-assembler pod whose heap is full; add label-joiner capacity (new pods are not shaped) or page the network "
             "team; no restarts of healthy pods."),
    dict(name="mls-node-reset-mls-gpu-1-time-skew-abort-predict-api", split="fresh6", topology="mls", duration="2h",
         workloads=mls_day("2h"),
         faults=[m("accel-gpu-1-node-reset", "35m"), m("features-assembler-time-skew", "55m"),
                 m("features-feature-store-container-kill", "75m"), m("predict-predict-api-http-abort", "90m")],
         expectations=HEAL,
         description="mls-gpu-1's VM is hard-reset (a minute away; its model server reloads its weights for four minutes); one feature-assembler pod's clock runs 10 minutes ahead (12 min); one feature-store container is killed; one predict-api pod aborts every request (10 min).",
         story="A host maintenance event nobody deferred hard-resets the VM under mls-gpu-1: the node is away a minute and its "
               "containers start afresh, the model server among them, four minutes loading its weights while two carry the "
               "ranking. Later one feature-assembler pod's clock jumps 10 minutes ahead for 12 minutes, so every feature it "
               "reads looks stale and is refused; one feature-store member's container is OOM-killed by a kernel bug and "
               "restarted in place; and a bad route makes one predict-api pod abort every request for 10 minutes.",
         sre="leave the reset node's restarts to Kubernetes (nothing moves a model server faster than its start-up); replace "
             "the skewed feature-assembler pod so it lands on a node with a good clock; leave the container kill to the "
             "kubelet; replace the aborting predict-api pod."),
    dict(name="mls-control-model-release", split="fresh6", topology="mls", duration="2h",
         workloads=mls_day("2h"),
         changes=[change("rollout", "25m", "accel", "ranker-model"), change("config-change", "65m", "features", "feature-store"),
                  change("rollout", "85m", "inference", "rank-pipeline"), change("rollout", "100m", "predict", "predict-api")],
         expectations=CONTROL,
         description="No fault: a new ranker model rolled out one model server at a time (four minutes each to load), feature-store restarted member by member, rank-pipeline and predict-api rolled out.",
         story="The weekly model release: ranker-model rolls out the new weights one server at a time (no room to surge: "
               "maxUnavailable 1, four minutes of loading each, two servers carrying the ranking meanwhile); feature-store's "
               "members restart one at a time into a new config (PDB minAvailable 2); rank-pipeline and predict-api roll out "
               "the new model's schema.",
         sre="nothing: rollouts and a StatefulSet's rolling restart that honour the PDBs are maintenance; no alert, no action, no page."),
    dict(name="mls-control-launch-ramp", split="fresh6", topology="mls", duration="3h",
         workloads={"predict/predict-api": ramp("20m", "30m", 1.6, "60m"), "labels/feedback-api": diurnal("3h")},
         changes=[change("scale", "15m", "inference", "fallback-model", replicas=5), change("scale", "150m", "inference", "fallback-model", replicas=3)],
         expectations=CONTROL,
         description="No fault: a partner launch ramps predictions to 1.6x for an hour; fallback-model scaled to 5 and back; feature-assembler's HPA stays under its target.",
         story="A partner integration goes live: its predictions ramp predict-api to 1.6x over 30 minutes and hold an hour. The "
               "team scales fallback-model to 5 ahead of it and back afterwards; feature-assembler stays under its HPA's "
               "target, and the three model servers, sized for it, take the load.",
         sre="nothing: a ramp within capacity and planned scaling are not incidents; no alert, no action, no page."),
    dict(name="mls-control-a100-pool-maintenance", split="fresh6", topology="mls", duration="2h",
         workloads=mls_day("2h"),
         changes=[change("drain", "30m", node="mls-gpu-3", duration="25m"), change("drain", "75m", node="mls-cpu-2", duration="15m"),
                  change("rollout", "100m", "labels", "label-joiner")],
         expectations=CONTROL,
         description="No fault: accelerator node mls-gpu-3 drained for a driver upgrade (its model server Pending until the node is back, then four minutes loading), mls-cpu-2 drained, label-joiner rolled out.",
         story="The accelerator pool's driver upgrade: mls-gpu-3 is drained (the PDB lets one model server go; it stays Pending "
               "— the pool is full — until the node is uncordoned 25 minutes later, then loads its weights for four minutes, "
               "two servers carrying the ranking meanwhile); later mls-cpu-2 is drained for 15 minutes; label-joiner rolls out.",
         sre="nothing: drains and a rollout that honour the PDBs are maintenance, and a Pending model server during a planned "
             "drain of a full pool is expected; no alert, no action, no page."),
]
