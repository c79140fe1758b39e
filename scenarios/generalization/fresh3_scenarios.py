"""fresh3/, the fourth held-out split: what happens to the two topologies of fresh3_topologies.py
(read by generate.py, the same fields as scenarios.py).

Written on 2026-12-07, blind to the engine (none of its detectors, policies or code read, none of its
figures looked at), as a new team would write it: every fault family, every application fault type
and every kind of the catalogue, and a JVMChaos, on clusters the engine was never tuned on; expectations
from the gate's table in scenarios.py, by the rule of the README. Sizes and faults were checked with the
engine off only (README "fresh3/ — a fourth held-out split"). Never tuned on: measured once, by the lead.
"""
from fresh_scenarios import crowd, ramp
from scenarios import CONTROL, DETECT, HEAL, HEAL_QUIET, change, diurnal, manifest, slow

FRESH3_SPLITS = {"fresh3": ["devplat", "rides"]}

M = "fresh3-"  # the manifests of this split


def m(file, at):
    return manifest(M + file, at)


# Developers follow the working day; image and package pulls come from the whole company's clusters
# and CI systems around the clock (±20 %).
def dev_day(duration):
    return {"scm/git-web": diurnal(duration), "ci/ci-api": diurnal(duration), "ci/runner": diurnal(duration),
            "artifacts/artifact-registry": diurnal(duration, 0.2)}


def rides_day(duration):
    return {"driver/driver-gateway": diurnal(duration), "rider/rider-api": diurnal(duration)}


FRESH3_SCENARIOS = [
    # ---------------------------------------------------------------- fresh3: devplat (namespaces scm, ci, artifacts, data)
    dict(name="devplat-retry-storm-pg", split="fresh3", topology="devplat", duration="2h",
         workloads=dev_day("2h"),
         faults=[{"type": "dependency-slowdown", "name": "pg-checkpoint-storm", "target": {"service": "pg", "namespace": "data"},
                  "at": "50m", "duration": "20m", "addedLatency": "8ms"}],
         expectations=HEAL,
         description="pg answers 8 ms slower for 20 minutes at the peak; ci-api and the registry retry twice into it, the runners retry ci-api three times.",
         story="A bulk pipeline-history migration makes every pg statement 8 ms slower for 20 minutes at the peak, and its members "
               "saturate. ci-api (three statements a request) and the artifact registry retry each statement twice, the runners "
               "retry their status reports three times: each retry adds load on the store they all wait on.",
         sre="hold restarts of ci-api and the registry, shed the retries into pg (retry budget, circuit breaker) or add capacity, and "
             "page the database owners once naming pg."),
    dict(name="devplat-crashloop-rollout-ci-api-schedule-kill-runners", split="fresh3", topology="devplat", duration="2h",
         workloads=dev_day("2h"),
         faults=[m("ci-runner-kill-schedule", "0s"),
                 {"type": "bad-rollout", "name": "ci-api-v3-crashloop", "target": {"deployment": "ci-api", "namespace": "ci"},
                  "at": "40m", "duration": "40m", "crashOnStart": True},
                 m("scm-git-web-http-abort", "90m")],
         expectations=HEAL,
         description="ci-api rolls out a revision that exits on start (maxUnavailable 0: the old pods keep serving); a Schedule kills one runner every 15 minutes; one git-web pod aborts every request (10 min).",
         story="ci-api rolls out v3, whose new pipeline-schema migration exits at start-up. The surge pod crash-loops and the "
               "rollout stalls with the three old pods serving, until its authors undo it 40 minutes later. All day, the runner "
               "pool's standing preemption drill kills one runner every 15 minutes; the ReplicaSet replaces it. At 90 minutes a "
               "bad Envoy route makes one git-web pod abort every request it takes for 10 minutes.",
         sre="see the new ReplicaSet crash-looping right after the rollout and roll ci-api back; leave the runner kills to "
             "Kubernetes; replace the aborting git-web pod (PDB maxUnavailable 1)."),
    dict(name="devplat-pg-crashloop-memory-stress", split="fresh3", topology="devplat", duration="2h",
         workloads=dev_day("2h"),
         faults=[m("data-pg-memory-stress", "50m")],
         expectations=HEAL,
         description="Every pg member is pushed past its memory limit for 10 minutes and crash-loops; CI and the registry fail with it.",
         story="A runaway analytics query grows on every pg member: each takes 14 GB more for 10 minutes, passes its 24 GiB limit, "
               "is OOMKilled and crash-loops with back-off. ci-api and the artifact registry read pg on every request and fail "
               "with it; the runners' steps fail on their status reports and pulls.",
         sre="diagnose a crash-looping store (nothing to roll back), hold restarts of its callers, and page the database owners once; "
             "touch nothing in scm."),
    dict(name="devplat-misconfig-registry-wrong-port-git-storage-delay", split="fresh3", topology="devplat", duration="2h",
         workloads=dev_day("2h"),
         faults=[{"type": "misconfiguration", "name": "registry-listener-port", "target": {"deployment": "artifact-registry", "namespace": "artifacts"},
                  "at": "35m", "duration": "30m", "misconfiguration": "wrong-port"},
                 m("scm-git-storage-1-network-delay", "75m")],
         expectations=HEAL,
         description="The registry's new config listens on the wrong port: every pull is refused for 30 minutes; later git-storage-1's packets wait 250 ms (15 min).",
         story="A config change moves the artifact registry's listener to a port its Service does not target: the pods pass their "
               "probes on the admin port and every pull is refused, from the company's clusters and from the runners, until it is "
               "reverted 30 minutes later. Ten minutes after, a flapping NIC under git-storage-1 delays everything it sends by 250 "
               "ms for 15 minutes: the reads it serves are late, and its acknowledgements of pushes with them.",
         sre="tie the refused pulls to the registry's config change and roll it back at once; then replace git-storage-1 (PDB "
             "minAvailable 2: its replacement's interface is clean); no restarts of git-web or the runners."),
    dict(name="devplat-leak-ci-api-jvm-latency-registry", split="fresh3", topology="devplat", duration="3h",
         workloads=dev_day("3h"),
         faults=[{"type": "memory-leak", "name": "ci-api-log-buffer-leak", "target": {"deployment": "ci-api", "namespace": "ci"},
                  "at": "20m", "duration": "2h", "rate": "500Ki"},
                 m("artifacts-registry-jvm-latency", "100m")],
         expectations=slow(HEAL, "15m"),
         description="ci-api leaks 500 KiB/s for 2 hours (GC-slow after ~20 min, OOM after ~40); one registry pod's blob client is 300 ms slower (15 min).",
         story="ci-api buffers every job's live log in memory and never frees it: each pod leaks 500 KiB/s for two hours, its JVM "
               "collects harder and harder after ~20 minutes and is OOMKilled after ~40, again and again. Eighty minutes in, a lock "
               "contention bug in one artifact-registry pod's blob client makes each pull it serves wait 300 ms more for 15 minutes.",
         sre="restart the leaking ci-api pods one at a time (PDB minAvailable 2) before the collector slows them; replace the slow "
             "registry pod."),
    dict(name="devplat-noisy-neighbour-plat-node-2-io-fault-git-storage", split="fresh3", topology="devplat", duration="2h",
         workloads=dev_day("2h"),
         faults=[{"type": "noisy-neighbour", "name": "backup-job-on-plat-node-2", "target": {"node": "plat-node-2"},
                  "at": "30m", "duration": "40m", "cores": 7},
                 m("scm-git-storage-io-fault", "80m")],
         expectations=HEAL,
         description="A repository backup job without CPU limits takes 7 of plat-node-2's 8 cores for 40 minutes; later one git-storage member fails 40 % of its reads (12 min).",
         story="The nightly repository backup, moved to daytime by mistake, runs as a bare pod without CPU limits on plat-node-2 and "
               "takes 7 of its 8 cores for 40 minutes: every pod there is throttled. Ten minutes after it ends, a failing disk "
               "under one git-storage member fails 40 % of its reads for 12 minutes.",
         sre="see that the slow pods share one node, cordon it and move them off (evictions honouring the PDBs); page the backup "
             "job's owner once; replace the git-storage member with the failing disk."),
    dict(name="devplat-game-day-workflow", split="fresh3", topology="devplat", duration="2h",
         workloads=dev_day("2h"),
         faults=[m("devplat-game-day", "45m")],
         expectations=DETECT,
         description="A game-day Workflow: git-storage-2 cut from the other members (4 min), calm (2 min), then runner CPU stress, a slow registry pod and an auth pod without LDAP (6 min).",
         story="The platform team's game day, one Workflow at the peak: git-storage-2 is cut from the two other members for 4 minutes "
               "(the pushes it takes cannot gather a quorum), 2 minutes of calm, then for 6 minutes every runner gets a stuck "
               "worker at 80 % of a core, one artifact-registry pod answers 200 ms later and one auth pod cannot resolve the LDAP "
               "server.",
         sre="detect each step, restart nothing healthy (each step ends by itself within minutes), and page at most once."),
    dict(name="devplat-control-release-freeze-ci-rush", split="fresh3", topology="devplat", duration="2h",
         workloads={"scm/git-web": crowd("45m", "30m", 1.5), "ci/ci-api": crowd("45m", "30m", 1.8), "ci/runner": crowd("45m", "30m", 2.5),
                    "artifacts/artifact-registry": diurnal("2h", 0.2)},
         expectations=CONTROL,
         description="No fault: the hour before a release freeze, every team merges: 2.5x job steps, 1.8x CI API, 1.5x Git for 30 minutes; the runner HPA scales out.",
         story="The last half hour before the quarterly release freeze: everybody merges at once. Job steps run at 2.5x, the CI API at "
               "1.8x, Git at 1.5x for 30 minutes. The runner pool scales out on CPU within a minute or two and back afterwards; "
               "git-web, ci-api and pg, sized for it, take the load as it is.",
         sre="nothing: a rush within capacity that the HPA absorbs is not an incident; no alert, no action, no page."),
    dict(name="devplat-control-platform-maintenance", split="fresh3", topology="devplat", duration="2h",
         workloads=dev_day("2h"),
         changes=[change("drain", "25m", node="plat-node-3", duration="20m"), change("config-change", "55m", "data", "pg"),
                  change("rollout", "75m", "scm", "git-web"), change("scale", "85m", "artifacts", "artifact-registry", replicas=5),
                  change("config-change", "95m", "scm", "git-storage"), change("rollout", "105m", "ci", "ci-api")],
         expectations=CONTROL,
         description="No fault: plat-node-3 drained for 20 minutes, pg and git-storage restarted member by member, git-web and ci-api rolled out, the registry scaled to 5.",
         story="The platform team's maintenance day, through the peak: plat-node-3 is drained for a kernel patch and uncordoned 20 "
               "minutes later; pg's members restart one at a time into a new config (the standby takes over the writes' "
               "acknowledgement); git-web rolls out; the registry is scaled to 5 ahead of a new base image; git-storage's members "
               "restart one at a time; ci-api rolls out.",
         sre="nothing: drains, rollouts and rolling restarts that honour the PDBs are maintenance; no alert, no action, no page."),

    # ---------------------------------------------------------------- fresh3: rides (namespaces driver, rider, geo, marketplace)
    dict(name="rides-bad-rollout-pricing-dns-random-maps", split="fresh3", topology="rides", duration="2h",
         workloads=rides_day("2h"),
         faults=[{"type": "bad-rollout", "name": "surge-model-v17", "target": {"deployment": "pricing", "namespace": "marketplace"},
                  "at": "35m", "duration": "45m", "errorPercent": 8, "latency": "120ms"},
                 m("geo-eta-dns-random-maps", "90m")],
         expectations=HEAL,
         description="pricing rolls out a surge model failing 8 % of quotes (+120 ms) for 45 minutes; later one eta pod resolves the maps provider to random addresses (10 min).",
         story="The marketplace team ships surge model v17: 8 % of its quotes fail on a missing zone and the rest take 120 ms longer, "
               "so riders' quotes fail or time out past rider-api's 300 ms until the team rolls back 45 minutes later. Ten minutes "
               "after, one eta pod's DNS cache is poisoned: its lookups of the maps provider return random addresses and every ETA "
               "it asks for waits out its deadline.",
         sre="tie rider-api's errors to pricing's rollout and roll it back within minutes; replace the eta pod with the poisoned cache; "
             "do not restart rider-api."),
    dict(name="rides-misconfig-dispatch-readiness", split="fresh3", topology="rides", duration="2h",
         workloads=rides_day("2h"),
         faults=[{"type": "misconfiguration", "name": "dispatch-readiness-path", "target": {"deployment": "dispatch", "namespace": "marketplace"},
                  "at": "40m", "duration": "40m", "misconfiguration": "readiness-never-passes"}],
         expectations=DETECT,
         description="dispatch's new revision probes readiness on a path it no longer serves: the surge pod never turns Ready, the rollout stalls.",
         story="A config change renames dispatch's health endpoint but not its readiness probe: the surge pod (maxSurge 1, "
               "maxUnavailable 0) never turns Ready and the rollout stalls with the old pods serving, until it is reverted 40 "
               "minutes later.",
         sre="see the stalled rollout after the config change and roll dispatch back; restarting pods does not help."),
    dict(name="rides-node-failure-rides-node-2-bandwidth-eta", split="fresh3", topology="rides", duration="2h",
         workloads=rides_day("2h"),
         faults=[{"type": "node-failure", "name": "rides-node-2-down", "target": {"node": "rides-node-2"}, "at": "40m", "duration": "30m"},
                 m("geo-eta-bandwidth", "85m")],
         expectations=HEAL,
         description="rides-node-2 fails for 30 minutes: its pods black-hole requests until the toleration evicts them; later every eta pod is shaped to 100 KiB/s (12 min).",
         story="rides-node-2, one of the six 8-core nodes, loses its hypervisor: its pods black-hole requests until the node turns "
               "NotReady and are replaced only after the 5-minute not-ready toleration. Fifteen minutes after it is back, an egress "
               "policy meant for a batch namespace shapes every eta pod to 100 KiB/s for 12 minutes.",
         sre="cordon the lost node and delete its pods at once so they reschedule without waiting out the toleration (PDBs honoured); "
             "page once about the node; add eta capacity (new pods are not shaped) or page the network team."),
    dict(name="rides-deadlock-geo-index-loss-gateway-pod-failure-trips", split="fresh3", topology="rides", duration="2h",
         workloads=rides_day("2h"),
         faults=[{"type": "deadlock", "name": "geo-index-rebalance-lock", "target": {"deployment": "geo-index", "namespace": "geo"},
                  "at": "30m", "duration": "45m", "pods": 1},
                 m("marketplace-trips-pod-failure", "60m"), m("driver-gateway-network-loss", "85m")],
         expectations=HEAL,
         description="One geo-index member deadlocks for 45 minutes; meanwhile one trips pod hangs (10 min); later one driver-gateway pod loses 40 % of its packets (12 min).",
         story="One geo-index member deadlocks between a cell rebalance and a snapshot: it stays Ready and every lookup it takes times "
               "out, so location, pricing and dispatch wait out their 50 ms and retry, until its owners restart it by hand 45 "
               "minutes later. Meanwhile one trips pod's process hangs for 10 minutes; ten minutes after the deadlock, a bad switch "
               "port drops 40 % of one driver-gateway pod's packets for 12 minutes.",
         sre="restart the deadlocked geo-index member (PDB minAvailable 2); replace the lossy gateway pod; let readiness take the hung "
             "trips pod out and restart it if Kubernetes has not; no restarts of callers."),
    dict(name="rides-cpu-hog-geo-index-duplicate-corrupt-rider-api", split="fresh3", topology="rides", duration="2h",
         workloads=rides_day("2h"),
         faults=[{"type": "cpu-hog", "name": "geo-index-compaction-spin", "target": {"deployment": "geo-index", "namespace": "geo"},
                  "at": "30m", "duration": "50m", "cores": 1.2},
                 m("geo-index-network-duplicate", "55m"), m("rider-api-network-corrupt", "85m")],
         expectations=HEAL_QUIET,
         description="geo-index burns 1.2 extra cores per member for 50 minutes; meanwhile every member's packets are duplicated (15 min); later one rider-api pod corrupts 30 % of its packets (10 min).",
         story="A compaction bug in the new geo-index build spins a thread on every member: each burns 1.2 extra cores for 50 "
               "minutes and answers slower. At the peak a netem rule left behind by a debugging session duplicates every packet of "
               "the geo-index members for 15 minutes: each serves twice its lookups on the CPU the spin leaves it. Later a faulty "
               "NIC offload corrupts 30 % of one rider-api pod's packets for 10 minutes.",
         sre="restart the geo-index members one at a time (PDB minAvailable 2: the restart clears the spin, and their new interfaces "
             "carry no rule); no restarts of location, pricing or dispatch; replace the corrupting rider-api pod; and no page: the "
             "SLO alerts page nobody for these today."),
    dict(name="rides-time-skew-trips-container-kill-dispatch-replace-eta", split="fresh3", topology="rides", duration="2h",
         workloads=rides_day("2h"),
         faults=[m("marketplace-trips-time-skew", "40m"), m("marketplace-dispatch-container-kill", "60m"),
                 m("geo-eta-http-replace-503", "75m")],
         expectations=HEAL,
         description="One trips pod's clock runs 10 minutes ahead (12 min); one dispatch container is killed and restarted in place; one eta pod answers 503 (8 min).",
         story="One trips pod's clock jumps 10 minutes ahead for 12 minutes: the trip tokens it signs are rejected, so every request it "
               "takes fails and its callers' retries often land on it again. Later one dispatch container is OOM-killed by a kernel "
               "bug and restarted in place, and a bad rate-limit rule makes one eta pod answer 503 for 8 minutes.",
         sre="replace the skewed trips pod so it lands on a node with a good clock; leave the container kill to the kubelet; replace "
             "the 503-ing eta pod."),
    dict(name="rides-retry-storm-trips-db-slow-disk", split="fresh3", topology="rides", duration="2h",
         workloads=rides_day("2h"),
         faults=[m("marketplace-trips-db-io-latency", "50m")],
         expectations=HEAL,
         description="trips-db's volumes answer 6 ms later for 20 minutes; trips retries each query twice, dispatch retries trips twice.",
         story="The storage backend under trips-db rebalances: every query waits 6 ms more on its volume for 20 minutes at the peak, "
               "and the members saturate. trips retries each query twice, dispatch retries each trip write twice and rider-api each "
               "trip read once: the retries keep the store saturated.",
         sre="hold restarts of trips and dispatch, shed the retries into trips-db (retry budget or circuit breaker) and page storage "
             "once naming trips-db's volumes."),
    dict(name="rides-control-friday-evening-ramp", split="fresh3", topology="rides", duration="3h",
         workloads={"driver/driver-gateway": ramp("20m", "30m", 1.3, "60m"), "rider/rider-api": ramp("20m", "30m", 1.7, "60m")},
         changes=[change("scale", "15m", "marketplace", "trips", replicas=4), change("scale", "150m", "marketplace", "trips", replicas=3)],
         expectations=CONTROL,
         description="No fault: Friday evening ramps riders to 1.7x and drivers online to 1.3x for an hour; trips scaled to 4 and back.",
         story="Friday evening: ride requests ramp to 1.7x over 30 minutes and hold an hour, and more drivers come online (1.3x "
               "pings). The team scales trips to 4 ahead of it and back afterwards; pricing, location and dispatch, sized for it, "
               "stay below their HPAs' targets.",
         sre="nothing: an evening within capacity and planned scaling are not incidents; no alert, no action, no page."),
    dict(name="rides-control-stadium-flash-crowd", split="fresh3", topology="rides", duration="2h",
         workloads={"driver/driver-gateway": diurnal("2h"), "rider/rider-api": crowd("55m", "15m", 2.5, kind="bursty")},
         expectations=CONTROL,
         description="No fault: a stadium empties after a concert: 2.5x ride requests for 15 minutes in bursts, within capacity.",
         story="A concert ends and 60,000 people open the app at once: for 15 minutes ride requests come at 2.5x in bursts. rider-api, "
               "pricing, eta and dispatch, sized for it, take the load as it is; pricing's HPA stays below its target.",
         sre="nothing: a crowd within capacity is not an incident; no alert, no action, no page."),
    dict(name="rides-control-release-train", split="fresh3", topology="rides", duration="2h",
         workloads=rides_day("2h"),
         changes=[change("rollout", "20m", "marketplace", "pricing"), change("rollout", "35m", "geo", "eta"),
                  change("config-change", "50m", "geo", "geo-index"), change("drain", "70m", node="rides-node-4", duration="20m"),
                  change("scale", "95m", "marketplace", "trips", replicas=4), change("rollout", "105m", "driver", "driver-gateway")],
         expectations=CONTROL,
         description="No fault: pricing and eta rolled out, geo-index restarted member by member, rides-node-4 drained for 20 minutes, trips scaled to 4, driver-gateway rolled out.",
         story="The weekly release train, through the peak: pricing and eta roll out; the geo-index members restart one at a time "
               "into a new config (PDB minAvailable 2); rides-node-4 is drained for a kernel patch and back 20 minutes later; trips "
               "is scaled to 4; driver-gateway rolls out one pod at a time (no surge: drivers reconnect to the others).",
         sre="nothing: rollouts, a StatefulSet's rolling restart and a drain that honour the PDBs are maintenance; no alert, no action, no page."),
]
