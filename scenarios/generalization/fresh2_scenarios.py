"""fresh2/, the third held-out split: what happens to the three topologies of fresh2_topologies.py
(read by generate.py, the same fields as scenarios.py).

Written on 2026-12-07, blind to the engine (none of its detectors, policies or code read, none of its
figures looked at), as a new team would write it: every fault family, every application fault type
and every kind of the catalogue, and a JVMChaos, a BlockChaos and an AWSChaos, on clusters the engine was
never tuned on; expectations from the gate's table in scenarios.py, by the rule of the README. Sizes
and faults were checked with the engine off only (README "fresh2/ — a third held-out split"). Never
tuned on: measured once, by the lead.
"""
from fresh_scenarios import crowd, ramp
from scenarios import CONTROL, DETECT, HEAL, HEAL_QUIET, change, diurnal, manifest, slow

FRESH2_SPLITS = {"fresh2": ["payments", "search", "iot"]}

# Devices report around the clock: their publishes follow the day only a little (±15 %); the
# operators' dashboards and the firmware downloads follow it as other services do.
def iot_day(duration):
    return {"edge/mqtt-gateway": diurnal(duration, 0.15), "edge/ota": diurnal(duration),
            "telemetry/dashboard-api": diurnal(duration)}


# payouts is a steady batch: constant through the day.
def pay_day(duration):
    return {"payments/payments-api": diurnal(duration), "payments/merchant-api": diurnal(duration), "payments/payouts": None}


FRESH2_SCENARIOS = [
    # ---------------------------------------------------------------- fresh2: payments (namespaces payments, risk)
    dict(name="payments-retry-storm-ledger-db", split="fresh2", topology="payments", duration="2h",
         workloads=pay_day("2h"),
         faults=[{"type": "dependency-slowdown", "name": "ledger-db-vacuum", "target": {"service": "ledger-db", "namespace": "payments"},
                  "at": "50m", "duration": "20m", "addedLatency": "4ms"}],
         expectations=HEAL,
         description="ledger-db answers 4 ms slower for 20 minutes at the peak; ledger retries twice into it and its callers retry the ledger up to three times.",
         story="An autovacuum on the ledger's largest table makes every ledger-db statement 4 ms slower for 20 minutes at the daily "
               "peak, and its members saturate. The ledger is idempotent, so everybody retries it: ledger retries its store twice, "
               "payments-api retries the ledger three times, merchant-api once, payouts three times, each retry adding load on the "
               "store they all wait on.",
         sre="hold restarts of the ledger and its callers, add ledger-db capacity or shed the retries into it (retry budget, "
             "circuit breaker); page the database team once naming ledger-db."),
    dict(name="payments-bad-rollout-fraud-score", split="fresh2", topology="payments", duration="2h",
         workloads=pay_day("2h"),
         faults=[{"type": "bad-rollout", "name": "fraud-model-2026-12", "target": {"deployment": "fraud-score", "namespace": "risk"},
                  "at": "35m", "duration": "45m", "errorPercent": 6, "latency": "150ms"}],
         expectations=HEAL,
         description="The risk team rolls out a fraud model that fails 6 % of scorings and answers 150 ms slower; payments-api declines what is not scored in 400 ms.",
         story="The risk team ships December's fraud model: 6 % of its scorings fail on a missing feature and the rest take 150 ms "
               "longer. payments-api scores every authorisation synchronously, 400 ms at most and no retry (a payment is declined "
               "when the score is late), so merchants see declines until the risk team rolls back 45 minutes later.",
         sre="tie payments-api's declines to the fraud-score rollout in the risk namespace and roll it back within minutes; do not "
             "restart payments-api."),
    dict(name="payments-misconfig-ledger-wrong-port", split="fresh2", topology="payments", duration="2h",
         workloads=pay_day("2h"),
         faults=[{"type": "misconfiguration", "name": "ledger-grpc-port", "target": {"deployment": "ledger", "namespace": "payments"},
                  "at": "40m", "duration": "30m", "misconfiguration": "wrong-port"}],
         expectations=HEAL,
         description="ledger's new config serves gRPC on the wrong port: every ledger call is refused; authorisations, merchant reads and payouts fail.",
         story="A config change moves the ledger's gRPC listener to a port its Service does not target. The pods pass their probes on "
               "the admin port, the rollout completes, and every call to the ledger is refused: payments-api retries it three "
               "times and fails, merchant-api and payouts fail with it, until the change is reverted 30 minutes later.",
         sre="tie the errors to the ledger's config change and roll it back at once; the ledger's callers and its store are healthy."),
    dict(name="payments-jvm-latency-api-fraud-call-delay", split="fresh2", topology="payments", duration="2h",
         workloads=pay_day("2h"),
         faults=[manifest("payments-api-jvm-latency", "35m"), manifest("risk-fraud-score-network-delay", "65m")],
         expectations=HEAL_QUIET,
         description="One payments-api pod's acquirer client is 400 ms slower (JVMChaos, 15 min); later one fraud-score pod's link to payments-api is 350 ms slower (10 min).",
         story="A connection-pool bug in one payments-api pod's acquirer client makes every authorisation it handles wait 400 ms more "
               "for 15 minutes: its workers fill and it times out a sixth of the traffic. Fifteen minutes after, a flapping NIC "
               "delays the traffic between one fraud-score pod and payments-api by 350 ms for 10 minutes: the scores it returns "
               "miss payments-api's 400 ms deadline.",
         sre="replace the slow payments-api pod; then see that only the calls through one fraud-score pod are late and replace or "
             "isolate that pod; no restarts of the ledger or the caches, and no page: the 5-minute SLO's alerts page nobody for "
             "either today."),
    dict(name="payments-ec2-stop-node-2-dns-error-acquirer", split="fresh2", topology="payments", duration="2h",
         workloads=pay_day("2h"),
         faults=[manifest("payments-node-2-ec2-stop", "40m"), manifest("payments-api-dns-error-acquirer", "80m")],
         expectations=HEAL,
         description="The EC2 instance under pay-node-2 is stopped for 20 minutes (a third of the cluster); later one payments-api pod cannot resolve the acquirer (8 min).",
         story="A mistaken automation stops the EC2 instance under pay-node-2, one of the three 16-core nodes: its pods black-hole "
               "requests until the node turns NotReady and are replaced only after the 5-minute toleration, on two nodes with "
               "less room. Twenty minutes after the instance is back, one payments-api pod's resolver loses the acquirer's name for "
               "8 minutes: every authorisation it takes fails.",
         sre="cordon the lost node and delete its pods at once so they reschedule without waiting out the toleration (ledger-db's "
             "PDB honoured by the evictions the engine makes); page once about the node; replace the payments-api pod whose DNS fails."),
    dict(name="payments-time-skew-tokenizer-schedule-kill-merchant", split="fresh2", topology="payments", duration="2h",
         workloads=pay_day("2h"),
         faults=[manifest("payments-merchant-api-kill-cron", "0s"), manifest("payments-tokenizer-time-skew", "50m")],
         expectations=HEAL,
         description="A cron Schedule kills one merchant-api pod at :10 and :40 of every hour; one tokenizer pod's clock runs 15 minutes behind for 12 minutes.",
         story="The payments team's standing chaos Schedule kills one merchant-api pod at ten past and twenty to every hour. At 50 "
               "minutes one tokenizer pod's clock falls 15 minutes behind: the HSM rejects every token it signs, so a third of the "
               "tokenisations fail and payments-api's one retry often lands on the same pod.",
         sre="leave the scheduled merchant-api kills to Kubernetes (no action); replace the skewed tokenizer pod (maxSurge 0, PDB "
             "minAvailable 2) so it lands on a node with a good clock."),
    dict(name="payments-control-holiday-ramp", split="fresh2", topology="payments", duration="3h",
         workloads={"payments/payments-api": ramp("20m", "30m", 1.7, "50m"), "payments/merchant-api": ramp("20m", "30m", 1.5, "50m"),
                    "payments/payouts": None},
         changes=[change("scale", "15m", "payments", "ledger", replicas=6), change("scale", "150m", "payments", "ledger", replicas=4)],
         expectations=CONTROL,
         description="No fault: holiday shopping ramps authorisations to 1.7x and merchant reads to 1.5x; ledger scaled to 6 and back.",
         story="The first evening of the holiday sale: authorisations ramp to 1.7x over 30 minutes, hold 50 and fall back, merchants "
               "refresh their dashboards at 1.5x. The team scales the ledger to 6 ahead of it and back to 4 afterwards; "
               "fraud-score's HPA watches CPU, and scoring, sized for the sale, stays below its target.",
         sre="nothing: a sale within capacity and planned scaling are not incidents; no alert, no action, no page."),
    dict(name="payments-control-release-window", split="fresh2", topology="payments", duration="2h",
         workloads=pay_day("2h"),
         changes=[change("rollout", "25m", "payments", "payments-api"), change("config-change", "45m", "risk", "fraud-score"),
                  change("config-change", "65m", "payments", "ledger-db"), change("drain", "90m", node="pay-node-3", duration="20m")],
         expectations=CONTROL,
         description="No fault: payments-api rolled out, fraud-score reconfigured, ledger-db's members restarted one at a time, pay-node-3 drained for 20 minutes.",
         story="The weekly release window, through the peak: payments-api rolls out (two surge pods at a time), fraud-score gets a new "
               "model config, ledger-db's members restart one at a time into a new config (the quorum holds with two of three), "
               "and pay-node-3 is drained for a kernel patch and uncordoned 20 minutes later.",
         sre="nothing: rollouts, a StatefulSet's rolling restart and a drain that honour the PDBs are maintenance; no alert, no action, no page."),

    # ---------------------------------------------------------------- fresh2: search (namespaces search, ml)
    dict(name="search-deadlock-index-2-io-fault-index-0", split="fresh2", topology="search", duration="2h",
         workload=diurnal("2h"),
         faults=[{"type": "deadlock", "name": "index-2-merge-lock", "target": {"deployment": "index-2", "namespace": "search"},
                  "at": "30m", "duration": "60m", "pods": 1},
                 manifest("search-index-0-io-fault", "55m")],
         expectations=HEAL,
         description="One index-2 pod deadlocks in a segment merge for an hour; one index-0 pod's disk fails half its reads for 12 minutes meanwhile.",
         story="One replica of shard 2 deadlocks between a segment merge and a refresh: it stays Ready and every query it takes times "
               "out after the broker's 150 ms, so the broker retries and waits. Twenty-five minutes in, one replica of shard 0 hits a "
               "failing disk: half its reads fail for 12 minutes.",
         sre="restart the deadlocked index-2 replica (PDB minAvailable 2) and replace the index-0 replica with the failing disk; "
             "two incidents, and the broker and search-api are not to be touched."),
    dict(name="search-feature-store-crashloop-memory-stress", split="fresh2", topology="search", duration="2h",
         workload=diurnal("2h"),
         faults=[manifest("ml-feature-store-memory-stress", "50m")],
         expectations=HEAL,
         description="Every feature-store member is pushed past its memory limit for 10 minutes and crash-loops; ranking and recommendations fail.",
         story="A feature backfill loads a new embedding table into memory: every feature-store member gets 2.5 GB more for 10 "
               "minutes, passes its 8 GiB limit, is OOMKilled and crash-loops with back-off. The ranker and recs read it on every "
               "request and fail with it; search-api fails the queries whose ranking fails.",
         sre="diagnose a crash-looping store (nothing to roll back), hold restarts of its callers, add capacity to it once the "
             "load ends, and page the ml team once; touch nothing in the search namespace."),
    dict(name="search-leak-ranker-http-abort-recs", split="fresh2", topology="search", duration="3h",
         workload=diurnal("3h"),
         faults=[{"type": "memory-leak", "name": "ranker-feature-cache-leak", "target": {"deployment": "ranker", "namespace": "search"},
                  "at": "20m", "duration": "2h", "rate": "400Ki"},
                 manifest("search-recs-http-abort", "100m")],
         expectations=slow(HEAL, "15m"),
         description="ranker leaks 400 KiB/s for 2 hours (GC-slow after ~25 min, OOM after ~50); one recs pod aborts every request for 8 minutes meanwhile.",
         story="The ranker's per-query feature cache never evicts: each pod leaks 400 KiB/s for two hours, its JVM collects harder "
               "and harder after ~25 minutes and is OOMKilled after ~50, again and again, and its HPA scales out on the wasted CPU "
               "(new pods leak too). Eighty minutes in, a bad Envoy route makes one recs pod abort every request for 8 minutes.",
         sre="restart the leaking ranker pods one at a time before the collector slows them; replace the aborting recs pod."),
    dict(name="search-noisy-neighbour-search-big-1", split="fresh2", topology="search", duration="2h",
         workload=diurnal("2h"),
         faults=[{"type": "noisy-neighbour", "name": "reindex-job-on-big-1", "target": {"node": "search-big-1"},
                  "at": "30m", "duration": "40m", "cores": 14}],
         expectations=HEAL,
         description="A full reindex job, run without CPU limits, takes 14 of search-big-1's 16 cores for 40 minutes.",
         story="The search team starts a full reindex as a bare pod without CPU limits; it lands on search-big-1, one of the two "
               "16-core nodes, and takes 14 cores for 40 minutes. Every pod there, index replicas and feature-store members among "
               "them, is throttled.",
         sre="see that the slow pods share one node, cordon it and move them off (evictions honouring the index and feature-store "
             "PDBs); page the reindex job's owner once."),
    dict(name="search-misconfig-broker-readiness", split="fresh2", topology="search", duration="2h",
         workload=diurnal("2h"),
         faults=[{"type": "misconfiguration", "name": "broker-readiness-path", "target": {"deployment": "broker", "namespace": "search"},
                  "at": "40m", "duration": "40m", "misconfiguration": "readiness-never-passes"}],
         expectations=DETECT,
         description="The broker's new revision probes readiness on a path it no longer serves: the surge pod never turns Ready, the rollout stalls.",
         story="A config change moves the broker's health endpoint but not its readiness probe: the surge pod (maxSurge 1, "
               "maxUnavailable 0) never turns Ready and the rolling update stalls with all six old pods serving, until it is "
               "reverted 40 minutes later.",
         sre="see the stalled rollout after the config change and roll the broker back; restarting pods does not help."),
    dict(name="search-game-day-workflow", split="fresh2", topology="search", duration="2h",
         workload=diurnal("2h"),
         faults=[manifest("search-game-day", "45m")],
         expectations=DETECT,
         description="A game-day Workflow: one index-1 pod loses 40 % of packets (4 min), calm (2 min), then ranker CPU stress, a slow feature-store member and a slow index-3 volume (6 min).",
         story="The search team's game day, one Workflow at the peak: one replica of shard 1 loses 40 % of its packets for 4 minutes, "
               "2 minutes of calm, then for 6 minutes every ranker pod gets a stuck worker at 80 % of a core, one feature-store "
               "member answers 15 ms later and one replica of shard 3 has a slow volume (BlockChaos, 20 ms per operation).",
         sre="detect each step, restart nothing healthy (each step ends by itself within minutes), and page at most once."),
    dict(name="search-control-news-flash-crowd", split="fresh2", topology="search", duration="2h",
         workloads={"search/search-api": crowd("45m", "20m", 1.8), "search/autocomplete": crowd("45m", "20m", 2.5),
                    "search/recs": diurnal("2h")},
         expectations=CONTROL,
         description="No fault: breaking news sends 1.8x searches and 2.5x autocomplete for 20 minutes; autocomplete's HPA scales out.",
         story="Breaking news: for 20 minutes searches run at 1.8x and everybody types into the search box, autocomplete at 2.5x. "
               "autocomplete's single-threaded pods scale out on CPU within a minute or two and back ten minutes after (its "
               "stabilisation window); search-api, the broker, the shards and the ranker, sized for it, take the load as it is.",
         sre="nothing: a crowd within capacity that the HPAs absorb is not an incident; no alert, no action, no page."),
    dict(name="search-control-reindex-rollouts", split="fresh2", topology="search", duration="2h",
         workload=diurnal("2h"),
         changes=[change("rollout", "20m", "search", "index-0"), change("rollout", "35m", "search", "index-1"),
                  change("scale", "40m", "search", "recs", replicas=6), change("rollout", "50m", "search", "index-2"),
                  change("rollout", "65m", "search", "index-3"), change("config-change", "85m", "search", "broker"),
                  change("config-change", "100m", "ml", "feature-store")],
         expectations=CONTROL,
         description="No fault: the four index shards roll out a new analyzer one after another, recs scaled to 6, broker and feature-store reconfigured.",
         story="A new analyzer ships shard by shard through the peak: index-0 to index-3 roll out 15 minutes apart, one surge pod at "
               "a time; recs is scaled to 6 for a campaign, the broker gets a new config and the feature-store members restart one "
               "at a time into a new config.",
         sre="nothing: staged rollouts, a StatefulSet's rolling restart and a scale-up are not incidents; no alert, no action, no page."),

    # ---------------------------------------------------------------- fresh2: iot (namespaces edge, telemetry)
    dict(name="iot-node-failure-iot-core-2", split="fresh2", topology="iot", duration="2h",
         workloads=iot_day("2h"),
         faults=[{"type": "node-failure", "name": "iot-core-2-down", "target": {"node": "iot-core-2"}, "at": "40m", "duration": "30m"}],
         expectations=DETECT,
         description="The core node iot-core-2 fails for 30 minutes: its tsdb members and other pods black-hole requests until the toleration evicts them.",
         story="iot-core-2, one of the three 8-core core nodes, loses power: the pods there, two of the five tsdb members among "
               "them, black-hole requests until the node turns NotReady (40 s) and are replaced after the 5-minute not-ready "
               "toleration. The quorum of five rides out two members down and the other replicas take the load, so the SLOs "
               "recover once the node is NotReady; the gateway's and ingest's 5-minute windows carry the breach a little longer.",
         sre="see the lost node and its pods within a minute and cordon it (deleting its pods early is fine); the quorum and "
             "the spread replicas ride it out, nothing shortens the breach, and nobody needs to be woken."),
    dict(name="iot-crashloop-rollout-ingest", split="fresh2", topology="iot", duration="2h",
         workloads=iot_day("2h"),
         faults=[{"type": "bad-rollout", "name": "ingest-v41-crashloop", "target": {"deployment": "ingest", "namespace": "telemetry"},
                  "at": "40m", "duration": "40m", "crashOnStart": True}],
         expectations=HEAL_QUIET,
         description="ingest rolls out a revision that exits on start; rolled half at a time, three of its six pods go and the rest run hot.",
         story="ingest rolls out v41, whose new schema check exits at start-up. The team rolls ingest half at a time (maxUnavailable "
               "3, maxSurge 1): three old pods are deleted at once and four new ones crash-loop, so three pods take every reading "
               "the gateway delivers and redelivers (the HPA, averaging over the crash-looping pods, does not scale) until the "
               "authors undo it 40 minutes later.",
         sre="see the new ReplicaSet crash-looping right after the rollout and roll ingest back within minutes; touch nothing "
             "else, and no page: the SLO alerts page nobody for it today."),
    dict(name="iot-retry-storm-tsdb-slow-disk", split="fresh2", topology="iot", duration="2h",
         workloads=iot_day("2h"),
         faults=[manifest("telemetry-tsdb-io-latency", "50m")],
         expectations=HEAL,
         description="tsdb's volumes answer 4 ms later for 20 minutes; ingest retries each write once and the gateway retries each reading twice.",
         story="The storage backend under the time-series store is rebalancing: every tsdb write waits 4 ms more on its volume for 20 "
               "minutes, and the members saturate. ingest retries its write once, mqtt-gateway redelivers each reading up to twice "
               "(at-least-once), dashboards retry their reads: the retries keep the store saturated.",
         sre="hold restarts of ingest and the gateway, shed the retries into tsdb (retry budget or circuit breaker) and page "
             "storage once naming tsdb's volumes."),
    dict(name="iot-cpu-hog-device-auth-dns-random-alerts", split="fresh2", topology="iot", duration="2h",
         workloads=iot_day("2h"),
         faults=[{"type": "cpu-hog", "name": "device-auth-tls-fallback", "target": {"deployment": "device-auth", "namespace": "edge"},
                  "at": "30m", "duration": "50m", "cores": 0.4},
                 manifest("telemetry-rules-engine-dns-random", "75m")],
         expectations=HEAL,
         description="device-auth burns 0.4 extra cores per pod for 50 minutes; one rules-engine pod resolves the SMS provider to random addresses for 8 minutes.",
         story="A certificate rotation makes device-auth fall back to software RSA: each of its pods burns 0.4 extra cores for 50 "
               "minutes and checks reconnecting devices slower. Late in it, one rules-engine pod's DNS cache is poisoned: its "
               "lookups of alerts.example.org return random addresses, so its alerts wait out their 2 s deadline twice over and "
               "its workers fill.",
         sre="restart the hogging device-auth pods one at a time (their replacements are clean) and replace the rules-engine pod "
             "with the poisoned cache."),
    dict(name="iot-tsdb-partition-member-container-kill", split="fresh2", topology="iot", duration="2h",
         workloads=iot_day("2h"),
         faults=[manifest("telemetry-tsdb-1-partition", "40m"), manifest("telemetry-tsdb-container-kill", "70m")],
         expectations=HEAL,
         description="tsdb-1 is cut from the four other members for 10 minutes (its writes cannot reach a quorum); later one tsdb container is killed and restarted in place.",
         story="A misapplied network policy cuts tsdb-1 from the four other members for 10 minutes: it cannot gather the two "
               "acknowledgements a write needs, so every write it takes waits out 100 ms and fails, and ingest retries. Twenty "
               "minutes after, one tsdb container is OOM-killed by a kernel bug and restarted in place by the kubelet.",
         sre="restart or isolate tsdb-1 (its replacement is not cut off; PDB minAvailable 4) and limit ingest's retries meanwhile; "
             "leave the container kill to the kubelet."),
    dict(name="iot-pod-failure-registry-duplicate-tsdb", split="fresh2", topology="iot", duration="2h",
         workloads=iot_day("2h"),
         faults=[manifest("edge-device-registry-pod-failure", "35m"), manifest("telemetry-tsdb-network-duplicate", "60m")],
         expectations=HEAL_QUIET,
         description="One device-registry pod stops serving for 10 minutes; at the peak every tsdb member's packets are duplicated (15 min).",
         story="One device-registry pod's process hangs on a stuck lock for 10 minutes: readiness takes it out after a few probes and "
               "the other two take its share. At the peak a netem rule left behind by a debugging session on the tsdb members' "
               "interfaces duplicates every packet for 15 minutes: each member serves twice the writes, the store saturates and "
               "ingest and the gateway wait on it.",
         sre="let the registry's readiness and the kubelet handle the hung pod; restart the tsdb members one at a time (PDB "
             "minAvailable 4: their new interfaces carry no rule); no restarts of callers, and no page: the SLO alerts page nobody "
             "for it today."),
    dict(name="iot-ota-bandwidth-dashboard-replace-gateway-corrupt", split="fresh2", topology="iot", duration="2h",
         workloads=iot_day("2h"),
         faults=[manifest("edge-ota-bandwidth", "30m"), manifest("telemetry-dashboard-http-replace-503", "55m"),
                 manifest("edge-mqtt-gateway-network-corrupt", "80m")],
         expectations=HEAL_QUIET,
         description="ota pods shaped to 200 KiB/s (12 min); one dashboard-api pod answers 503 (8 min); one mqtt-gateway pod corrupts 30 % of its packets (10 min).",
         story="A bad afternoon at the edge: an egress policy meant for a test namespace shapes the ota pods to 200 KiB/s each for 12 "
               "minutes while devices download firmware; a bad rate-limit rule makes one dashboard-api pod answer 503 for 8 minutes; "
               "a faulty NIC offload corrupts 30 % of one mqtt-gateway pod's packets for 10 minutes.",
         sre="add ota capacity (new pods are not shaped); replace the 503-ing dashboard pod and the corrupting gateway pod (one "
             "each, PDBs honoured); nothing in the tsdb, and no page: the SLO alerts page nobody for these today."),
    dict(name="iot-control-reconnect-burst", split="fresh2", topology="iot", duration="2h",
         workloads={"edge/mqtt-gateway": crowd("50m", "10m", 1.5, kind="bursty"), "edge/ota": diurnal("2h"),
                    "telemetry/dashboard-api": diurnal("2h")},
         expectations=CONTROL,
         description="No fault: a carrier's outage ends and a region's devices flush their buffers: 1.5x publishes for 10 minutes; ingest's HPA scales out.",
         story="A mobile carrier's outage ends and a region's devices flush the readings they buffered: for 10 minutes the gateway takes "
               "1.5x its publishes. ingest scales out on CPU within a minute or two and back after the stabilisation window; the "
               "tsdb, sized for it, takes the writes as they come.",
         sre="nothing: a burst within capacity that the HPA absorbs is not an incident; no alert, no action, no page."),
    dict(name="iot-control-fleet-maintenance", split="fresh2", topology="iot", duration="2h",
         workloads=iot_day("2h"),
         changes=[change("drain", "20m", node="iot-edge-4", duration="15m"), change("rollout", "40m", "edge", "mqtt-gateway"),
                  change("config-change", "60m", "telemetry", "tsdb"), change("drain", "90m", node="iot-core-3", duration="20m"),
                  change("scale", "100m", "edge", "ota", replicas=3)],
         expectations=CONTROL,
         description="No fault: iot-edge-4 and iot-core-3 drained for patches, the gateway rolled out two pods at a time, tsdb restarted member by member, ota scaled to 3.",
         story="Fleet maintenance through the day: iot-edge-4 is drained for a firmware patch and back 15 minutes later; the gateway "
               "rolls out a new version two pods at a time; tsdb's members restart one at a time into a new config (PDB "
               "minAvailable 4); iot-core-3 is drained for 20 minutes; ota is scaled to 3 ahead of a firmware wave.",
         sre="nothing: drains and rolling restarts that honour the PDBs are maintenance; no alert, no action, no page."),
]
