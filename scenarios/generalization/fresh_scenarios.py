"""fresh/, the second held-out split: what happens to the three topologies of fresh_topologies.py
(read by generate.py, the same fields as scenarios.py).

Written on 2026-12-06 after holdout/ had been read, as a new team would write it: every fault family and
every kind of the catalogue on clusters the engine was never tuned on, expectations from the gate's
table in scenarios.py, decided before any run. Sizes were checked with the engine off only (README
"fresh/ — a second held-out split"). Never tuned on: measured once, by the lead.
"""
from scenarios import CONTROL, DETECT, HEAL, HEAL_QUIET, change, diurnal, manifest, slow

FRESH_SPLITS = {"fresh": ["stream", "saas", "mobile"]}


def ramp(at, duration, multiplier, hold=None):
    w = {"type": "ramp", "at": at, "duration": duration, "multiplier": multiplier}
    if hold:
        w["hold"] = hold
    return w


def crowd(at, duration, multiplier, kind="flash-crowd"):
    return {"type": kind, "at": at, "duration": duration, "multiplier": multiplier}


STREAM_ENTRIES = ("events/ingest-api", "events/enricher", "events/indexer", "events/notifier")

FRESH_SCENARIOS = [
    # ---------------------------------------------------------------- fresh: stream (namespace events)
    dict(name="stream-retry-storm-broker-slow-disk", split="fresh", topology="stream", duration="2h",
         workload=diurnal("2h"),
         faults=[manifest("events-broker-io-latency", "45m")],
         expectations=HEAL,
         description="The broker's log volumes answer 2 ms later for 20 minutes; publishers retry twice, every consumer once.",
         story="At the daily peak the broker's log volumes are throttled: every write waits 2 ms more for 20 minutes, so each broker "
               "pod's capacity drops below its load. ingest-api's publishes miss their deadline and are retried twice, the three "
               "consumer groups retry their fetches: the retries keep the broker saturated.",
         sre="hold restarts of publishers and consumers, add broker capacity and cut the retries into it (retry budget or circuit "
             "breaker); page storage once naming the broker's disks."),
    dict(name="stream-crashloop-rollout-indexer", split="fresh", topology="stream", duration="2h",
         workload=diurnal("2h"),
         faults=[{"type": "bad-rollout", "name": "indexer-v5-crashloop", "target": {"deployment": "indexer", "namespace": "events"},
                  "at": "40m", "duration": "40m", "crashOnStart": True}],
         expectations=HEAL_QUIET,
         description="indexer rolls out a revision that exits on start; with no surge, one of its two pods is gone and the other runs hot.",
         story="indexer rolls out v5, whose new mapping fails validation at start-up and exits. The strategy is maxSurge 0 / "
               "maxUnavailable 1 (a lease per partition): one old pod is deleted, its replacement crash-loops, and one pod indexes "
               "every batch through the peak until the authors undo it 40 minutes later.",
         sre="see the new ReplicaSet crash-looping right after the rollout and roll indexer back within minutes; touch nothing else."),
    dict(name="stream-leak-enricher-pod-kill-broker", split="fresh", topology="stream", duration="3h",
         workload=diurnal("3h"),
         faults=[{"type": "memory-leak", "name": "enricher-geo-cache-leak", "target": {"deployment": "enricher", "namespace": "events"},
                  "at": "20m", "duration": "2h", "rate": "300Ki"},
                 manifest("events-broker-pod-kill", "80m")],
         expectations=slow(HEAL_QUIET, "15m"),
         description="enricher leaks 300 KiB/s for 2 hours (OOM every ~30 min); one broker pod is killed meanwhile.",
         story="enricher caches geo answers without bound and leaks 300 KiB/s: after ~20 minutes garbage collection slows it, after "
               "~30 it is OOMKilled, again and again for two hours, and its HPA scales out on the wasted CPU. An hour in, a spot "
               "reclaim kills one broker pod, which takes a minute to rejoin.",
         sre="restart the leaking enricher pods one at a time before they slow down; leave the broker pod to its ReplicaSet."),
    dict(name="stream-push-provider-delay-dns-error-notifier", split="fresh", topology="stream", duration="2h",
         workload=diurnal("2h"),
         faults=[manifest("events-notifier-push-delay", "40m"), manifest("events-notifier-dns-error", "75m")],
         expectations=HEAL_QUIET,
         description="The push provider answers 500 ms later for 15 minutes; later one notifier pod's DNS fails for 8 minutes.",
         story="The push provider outside the cluster (push.example.com) slows down: every call from the notifier waits 500 ms more for "
               "15 minutes, the notifier's workers fill with waiting calls and its HPA tops out. Twenty minutes after it recovers, one "
               "notifier pod's resolver config is broken for 8 minutes: every request it takes fails.",
         sre="for the provider, hold notifier restarts, add notifier capacity past what the waits use and cut its retries into the "
             "provider (no page: the SLO alerts page nobody for it today); replace the notifier pod whose DNS fails."),
    dict(name="stream-game-day-workflow", split="fresh", topology="stream", duration="2h",
         workload=diurnal("2h"),
         faults=[manifest("events-game-day", "45m")],
         expectations=DETECT,
         description="A game-day Workflow: one enricher pod cut from the broker (4 min), calm (2 min), then indexer CPU stress with a slow search-store pod (6 min).",
         story="The pipeline team's game day, one Workflow at the peak: one enricher pod is partitioned from the broker for 4 minutes, "
               "2 minutes of calm, then every indexer pod gets a stuck worker at 80 % of a core while one search-store pod's answers "
               "are held 100 ms, for 6 minutes.",
         sre="detect each step, restart nothing healthy (each step ends by itself within minutes), and page at most once."),
    dict(name="stream-control-backfill-ramp", split="fresh", topology="stream", duration="3h",
         workloads={k: ramp("20m", "30m", 1.6, "40m") for k in STREAM_ENTRIES},
         changes=[change("scale", "25m", "events", "indexer", replicas=3), change("rollout", "70m", "events", "enricher"),
                  change("scale", "140m", "events", "indexer", replicas=2)],
         expectations=CONTROL,
         description="No fault: a device backfill ramps the pipeline to 1.6x and back; indexer scaled to 3 and back, enricher rolled out.",
         story="A fleet of devices comes back online and backfills: publishes and every consumer's polls ramp to 1.6x over 30 minutes, "
               "hold 40 and fall back. The team scales indexer to 3 ahead of it and back to 2 afterwards, and rolls out enricher "
               "during the plateau; the HPAs follow the load.",
         sre="nothing: a backfill within capacity, HPA scaling and routine changes are not incidents; no alert, no action, no page."),
    dict(name="stream-control-broker-restart-drain", split="fresh", topology="stream", duration="2h",
         workload=diurnal("2h"),
         changes=[change("config-change", "30m", "events", "broker"), change("drain", "70m", node="stream-std-2", duration="20m"),
                  change("config-change", "100m", "events", "schema-registry")],
         expectations=CONTROL,
         description="No fault: a rolling restart of the broker (one pod at a time), a maintenance drain of stream-std-2, a schema-registry config change.",
         story="Routine operations: the broker gets a new config revision and restarts one pod at a time (PDB minAvailable 2), "
               "stream-std-2 is drained for a kernel patch and uncordoned 20 minutes later, and schema-registry gets a new config.",
         sre="nothing: a rolling restart and a drain that honour the PDBs are maintenance; no alert, no action, no page."),

    # ---------------------------------------------------------------- fresh: saas (namespaces platform, acme, globex, initech)
    dict(name="saas-noisy-neighbour-saas-node-2", split="fresh", topology="saas", duration="2h",
         workload=diurnal("2h"),
         faults=[{"type": "noisy-neighbour", "name": "initech-analytics-on-node-2", "target": {"node": "saas-node-2"},
                  "at": "30m", "duration": "40m", "cores": 7}],
         expectations=HEAL,
         description="initech's analytics job, run without CPU limits, takes 7 of saas-node-2's 8 cores for 40 minutes.",
         story="initech runs an ad-hoc analytics job without CPU limits; it lands on saas-node-2 and takes 7 of its 8 cores for 40 "
               "minutes. Every pod on that node, whichever tenant or platform service it belongs to, is throttled.",
         sre="see that the slow pods share one node, cordon it and move them off (evictions honouring the PDBs); page initech's owner once."),
    dict(name="saas-bad-rollout-authz", split="fresh", topology="saas", duration="2h",
         workload=diurnal("2h"),
         faults=[{"type": "bad-rollout", "name": "authz-policy-engine-v3", "target": {"deployment": "authz", "namespace": "platform"},
                  "at": "35m", "duration": "45m", "errorPercent": 10, "latency": "20ms"}],
         expectations=HEAL,
         description="The platform's authz rolls out a revision denying 10 % of requests in error (+20 ms); every tenant is hit.",
         story="The platform team rolls out authz v3 with a new policy engine: 10 % of its answers are errors and the rest take 20 ms "
               "longer. Every tenant's api calls authz on every request and retries once; all three tenants see errors until the "
               "rollout is undone 45 minutes later.",
         sre="tie the tenants' errors to the platform's authz rollout and roll authz back within minutes; do not restart tenant pods."),
    dict(name="saas-misconfig-metering-wrong-port", split="fresh", topology="saas", duration="2h",
         workload=diurnal("2h"),
         faults=[{"type": "misconfiguration", "name": "metering-port-change", "target": {"deployment": "metering", "namespace": "platform"},
                  "at": "40m", "duration": "30m", "misconfiguration": "wrong-port"}],
         expectations=HEAL,
         description="metering's new config listens on the wrong port: every metering call fails, and with it every tenant's api.",
         story="A config change moves metering's listener to a port its Service does not target. The pods pass their probes on the "
               "admin port; every tenant api's metering call (no retries, on every request) is refused, so every tenant fails until "
               "the change is reverted 30 minutes later.",
         sre="tie the errors to metering's config change and roll it back at once; the tenants' pods are healthy."),
    dict(name="saas-deadlock-tenant-db-http-replace-webhooks", split="fresh", topology="saas", duration="2h",
         workload=diurnal("2h"),
         faults=[{"type": "deadlock", "name": "tenant-db-stuck-replica", "target": {"deployment": "tenant-db", "namespace": "platform"},
                  "at": "30m", "duration": "60m", "pods": 1},
                 manifest("acme-webhooks-http-replace-503", "50m")],
         expectations=HEAL,
         description="One tenant-db replica deadlocks for an hour; one of acme's webhooks pods answers 503 for 8 minutes meanwhile.",
         story="One replica of the shared tenant-db deadlocks on a lock it never releases: it stays Ready and every query it takes times "
               "out, so acme's and globex's apis retry into it. Twenty minutes in, a bad rate-limit rule makes one of acme's webhooks "
               "pods answer 503 to every delivery for 8 minutes.",
         sre="restart the deadlocked tenant-db replica (PDB minAvailable 2) and replace the 503-ing webhooks pod; two incidents, not the callers."),
    dict(name="saas-initech-db-crashloop-memory-stress", split="fresh", topology="saas", duration="2h",
         workload=diurnal("2h"),
         faults=[manifest("initech-db-memory-stress", "50m")],
         expectations=HEAL,
         description="Both of initech's db pods are pushed past their memory limit for 10 minutes and crash-loop; initech's api and reports fail.",
         story="An initech report query builds a huge in-memory sort: both of initech's db pods get 1.2 GB of extra memory pressure for "
               "10 minutes, pass their 3 GiB limit, are OOMKilled and crash-loop. initech's api and reports fail with them; the other "
               "tenants must not notice.",
         sre="diagnose a crash-looping store (nothing to roll back), add fresh initech db capacity, hold restarts of its callers, and "
             "page initech's owner once; touch no other tenant."),
    dict(name="saas-network-faults-three-tenants", split="fresh", topology="saas", duration="2h",
         workload=diurnal("2h"),
         faults=[manifest("acme-api-network-loss", "30m"), manifest("globex-api-network-corrupt", "55m"),
                 manifest("initech-reports-bandwidth", "80m")],
         expectations=HEAL,
         description="One acme api pod loses 30 % of packets (10 min); one globex api pod corrupts 20 % (8 min); initech reports shaped to 40 KiB/s (10 min).",
         story="One network problem per tenant: a bad NIC makes one of acme's api pods lose 30 % of its packets for 10 minutes; a "
               "faulty offload corrupts 20 % of one globex api pod's packets for 8 minutes; an egress policy meant for batch jobs "
               "shapes initech's reports pods to 40 KiB/s each for 10 minutes.",
         sre="replace the lossy acme pod and the corrupting globex pod (one each, PDBs honoured), add reports capacity (new pods are "
             "not shaped); nothing in the platform namespace."),
    dict(name="saas-time-skew-authz-schedule-pod-failure", split="fresh", topology="saas", duration="2h",
         workload=diurnal("2h"),
         faults=[manifest("initech-api-pod-failure-every-30m", "0s"), manifest("platform-authz-time-skew", "45m")],
         expectations=HEAL,
         description="A standing Schedule fails one initech api pod for 2 minutes every 30 minutes; one authz pod's clock is 10 minutes ahead for 10 minutes.",
         story="initech's own standing chaos Schedule makes one of its api pods stop serving for 2 minutes every half hour (readiness "
               "takes it out). At 45 minutes one authz pod's clock jumps 10 minutes ahead: every token it checks looks not yet valid, "
               "a third of authz's answers are errors for every tenant.",
         sre="leave initech's scheduled pod failures to Kubernetes (no action); replace the skewed authz pod so it lands on a node with a good clock."),
    dict(name="saas-control-noisy-tenant-month-end", split="fresh", topology="saas", duration="2h",
         workloads={"initech/api": crowd("45m", "20m", 2.0), "initech/reports": crowd("40m", "30m", 2.0),
                    "acme/api": diurnal("2h"), "acme/webhooks": diurnal("2h"), "globex/api": diurnal("2h")},
         expectations=CONTROL,
         description="No fault: initech's month-end doubles its api traffic (20 min) and its reports (30 min), within its capacity.",
         story="Month-end at initech, the noisy tenant: its users double the api traffic for 20 minutes and its reports run at twice "
               "the usual rate for 30. Its own db and the shared platform are busier; nothing is broken, and the other tenants run "
               "their normal day.",
         sre="nothing: a tenant's burst within capacity is not an incident; no alert, no action, no page."),
    dict(name="saas-control-onboarding-rollouts", split="fresh", topology="saas", duration="2h",
         workloads={"globex/api": ramp("15m", "30m", 1.5), "acme/api": diurnal("2h"), "acme/webhooks": diurnal("2h"),
                    "initech/api": diurnal("2h"), "initech/reports": diurnal("2h")},
         changes=[change("scale", "20m", "globex", "api", replicas=4), change("rollout", "50m", "platform", "authz"),
                  change("config-change", "80m", "platform", "metering"), change("rollout", "100m", "acme", "webhooks")],
         expectations=CONTROL,
         description="No fault: globex onboards a new division (traffic ramps to 1.5x, its api scaled to 4); authz rolled out, metering reconfigured.",
         story="globex onboards a new division: its traffic ramps to 1.5x over 30 minutes and stays, and its api is scaled to 4 as it "
               "starts. The platform team rolls out authz and changes metering's config; acme's webhooks get a new version.",
         sre="nothing: onboarding growth within capacity and routine platform changes are not incidents; no alert, no action, no page."),

    # ---------------------------------------------------------------- fresh: mobile (namespace mobile)
    dict(name="mobile-node-failure-b-1", split="fresh", topology="mobile", duration="2h",
         workload=diurnal("2h"),
         faults=[{"type": "node-failure", "name": "mobile-b-1-down", "target": {"node": "mobile-b-1"}, "at": "40m", "duration": "30m"}],
         expectations=HEAL,
         description="The large node mobile-b-1 fails for 30 minutes; its pods black-hole requests until the toleration evicts them.",
         story="mobile-b-1, one of the two 8-core nodes, loses its kubelet at the peak: the pods there black-hole requests until the "
               "node turns NotReady (40 s) and are only replaced after the 5-minute not-ready toleration; the stores and the session "
               "tier there are short meanwhile.",
         sre="cordon the lost node and delete its pods at once so they reschedule on the other nodes without waiting out the "
             "toleration; page once about the node."),
    dict(name="mobile-retry-storm-session-store", split="fresh", topology="mobile", duration="2h",
         workload=diurnal("2h"),
         faults=[{"type": "dependency-slowdown", "name": "session-store-big-keys", "target": {"service": "session-store", "namespace": "mobile"},
                  "at": "50m", "duration": "20m", "addedLatency": "2ms"}],
         expectations=HEAL,
         description="session-store answers 2 ms slower for 20 minutes at the peak; the session tier and its callers retry into it.",
         story="A client release writes oversized session blobs: session-store takes 2 ms more per request for 20 minutes at the peak "
               "and saturates. session retries once within a 30 ms deadline, api-edge and login retry their session calls: the big "
               "session tier multiplies the load on the store it waits on.",
         sre="hold restarts of session, api-edge and login, add session-store capacity and cut the retries into it; page once naming session-store."),
    dict(name="mobile-bad-rollout-feed", split="fresh", topology="mobile", duration="2h",
         workload=diurnal("2h"),
         faults=[{"type": "bad-rollout", "name": "feed-ranker-v19", "target": {"deployment": "feed", "namespace": "mobile"},
                  "at": "35m", "duration": "50m", "errorPercent": 8, "latency": "120ms"}],
         expectations=HEAL,
         description="feed rolls out a ranker failing 8 % of requests (+120 ms); rolled back by hand 50 minutes later.",
         story="feed rolls out ranker v19, which fails 8 % of requests on a missing feature and answers 120 ms slower. api-edge retries "
               "its feed calls once; feed breaks its SLO until the authors roll back 50 minutes later.",
         sre="roll feed back to the previous revision within minutes of the onset; do not restart api-edge or the caches."),
    dict(name="mobile-misconfig-token-readiness", split="fresh", topology="mobile", duration="2h",
         workload=diurnal("2h"),
         faults=[{"type": "misconfiguration", "name": "token-readiness-path", "target": {"deployment": "token", "namespace": "mobile"},
                  "at": "40m", "duration": "40m", "misconfiguration": "readiness-never-passes"}],
         expectations=DETECT,
         description="token's new revision probes readiness on a path that does not exist: new pods never turn Ready, the rollout stalls.",
         story="A config change renames token's health endpoint but not its readiness probe: the surge pod never turns Ready and the "
               "rolling update stalls with every old pod serving, until it is reverted 40 minutes later.",
         sre="see the stalled rollout after the config change and roll token back; restarting pods does not help."),
    dict(name="mobile-cpu-hog-token-idp-dns-random", split="fresh", topology="mobile", duration="2h",
         workload=diurnal("2h"),
         faults=[{"type": "cpu-hog", "name": "token-software-crypto", "target": {"deployment": "token", "namespace": "mobile"},
                  "at": "30m", "duration": "60m", "cores": 0.8},
                 manifest("mobile-login-idp-dns-random", "70m")],
         expectations=HEAL,
         description="token burns 0.8 extra cores per pod for an hour; one login pod resolves idp.example.com to random addresses for 6 minutes.",
         story="After a node image update token's crypto library falls back to software: each token pod burns 0.8 extra cores for an "
               "hour and signs slower, through the peak. Forty minutes in, one login pod's DNS cache is poisoned: its lookups of the "
               "identity provider return random addresses for 6 minutes.",
         sre="restart the hogging token pods one at a time (their replacements are clean) and replace the login pod with the poisoned cache."),
    dict(name="mobile-io-fault-feed-replica-container-kill-session-store", split="fresh", topology="mobile", duration="2h",
         workload=diurnal("2h"),
         faults=[manifest("mobile-feed-replica-io-fault", "40m"), manifest("mobile-session-store-container-kill", "60m")],
         expectations=HEAL,
         description="One feed-replica pod's disk fails 40 % of reads (10 min); later one session-store container is killed and restarted in place.",
         story="One feed read replica's volume degrades and fails 40 % of its reads for 10 minutes; feed retries once into the replicas. "
               "Ten minutes after it recovers, one session-store container is OOM-killed by a kernel bug and restarted in place by the kubelet.",
         sre="replace the feed-replica pod with the failing disk (PDB minAvailable 2); leave the container kill to the kubelet."),
    dict(name="mobile-duplicate-session-abort-feed-cache", split="fresh", topology="mobile", duration="2h",
         workload=diurnal("2h"),
         faults=[manifest("mobile-session-network-duplicate", "50m"), manifest("mobile-feed-cache-http-abort", "75m")],
         expectations=HEAL,
         description="The session tier's packets are duplicated (90 %, 15 min, at the peak); later one feed-cache pod aborts every request (8 min).",
         story="At the daily peak a mirrored switch port duplicates 90 % of the packets to the session tier for 15 minutes: it serves "
               "1.9x the load and saturates until its HPA has scaled out. Later a bad proxy rule makes one of the three feed-cache pods abort every request for 8 minutes.",
         sre="let the session HPA absorb the duplicate load (add capacity if it saturates); replace or isolate the aborting feed-cache pod; no restarts of callers."),
    dict(name="mobile-control-push-campaign-burst", split="fresh", topology="mobile", duration="2h",
         workloads={"mobile/api-edge": crowd("45m", "10m", 1.8, kind="bursty"), "mobile/login": crowd("45m", "10m", 1.8, kind="bursty")},
         expectations=CONTROL,
         description="No fault: a push campaign opens the app on millions of phones: 1.8x api-edge and login traffic for 10 minutes; the HPAs scale out.",
         story="Marketing sends a push notification: for 10 minutes api-edge takes 1.8x its traffic and login 1.8x its launches. "
               "api-edge and the session tier scale out on CPU within a minute or two and back after the stabilisation window.",
         sre="nothing: the HPAs absorb a burst within capacity; no alert, no action, no page."),
    dict(name="mobile-control-release-train", split="fresh", topology="mobile", duration="2h",
         workload=diurnal("2h"),
         changes=[change("rollout", "25m", "mobile", "api-edge"), change("config-change", "45m", "mobile", "session"),
                  change("rollout", "70m", "mobile", "feed"), change("scale", "90m", "mobile", "feed-cache", replicas=4),
                  change("rollout", "105m", "mobile", "login")],
         expectations=CONTROL,
         description="No fault: the weekly release train rolls out api-edge, feed and login, reconfigures session and scales feed-cache to 4.",
         story="The weekly release train through the daily peak: api-edge, feed and login roll out new versions, the session tier gets "
               "a new config revision (a rolling restart of 8 pods), and feed-cache is scaled to 4.",
         sre="nothing: routine rollouts, a rolling restart and a scale-up are not incidents; no alert, no action, no page."),
]
