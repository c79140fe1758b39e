"""fresh4/, the fifth held-out split: what happens to the two topologies of fresh4_topologies.py
(read by generate.py, the same fields as scenarios.py).

Written on 2026-12-07, blind to the engine (none of its detectors, policies or code read, none of its
figures looked at), as a new team would write it: every fault family, every application fault type
and every kind of the catalogue, and a JVMChaos, on clusters the engine was never tuned on; expectations
from the gate's table in scenarios.py, by the rule of the README. Sizes and faults were checked with the
engine off only (README "fresh4/ — a fifth held-out split"). Never tuned on: measured once, by the lead.
"""
from fresh_scenarios import crowd, ramp
from scenarios import CONTROL, DETECT, HEAL, HEAL_QUIET, change, diurnal, manifest, slow

FRESH4_SPLITS = {"fresh4": ["claims", "live"]}

M = "fresh4-"  # the manifests of this split


def m(file, at):
    return manifest(M + file, at)


# Members follow the day; clearinghouses send their batches around the clock (±20 %).
def claims_day(duration):
    return {"edi/edi-gateway": diurnal(duration, 0.2), "members/member-portal": diurnal(duration)}


# Viewers follow the evening; the channels on air do not: their segments arrive as whole Poisson requests.
def live_day(duration):
    return {"ingest/ingest": {"type": "poisson"}, "video/origin": diurnal(duration), "video/playback-api": diurnal(duration),
            "chat/chat-api": diurnal(duration)}


FRESH4_SCENARIOS = [
    # ---------------------------------------------------------------- fresh4: claims (namespaces edi, claims, members, search)
    dict(name="claims-retry-storm-claims-db", split="fresh4", topology="claims", duration="2h",
         workloads=claims_day("2h"),
         faults=[{"type": "dependency-slowdown", "name": "claims-db-vacuum-storm", "target": {"service": "claims-db", "namespace": "claims"},
                  "at": "50m", "duration": "20m", "addedLatency": "8ms"}],
         expectations=HEAL,
         description="claims-db answers 8 ms slower for 20 minutes at the peak; claims-intake and adjudication retry each statement twice, the clearinghouses' gateway retries intake twice.",
         story="An anti-wraparound vacuum on the claims table makes every claims-db statement 8 ms slower for 20 minutes at the "
               "members' peak, and its members saturate. claims-intake (two statements a claim) and adjudication retry each "
               "statement twice, and edi-gateway resubmits a claim that failed twice more: each retry adds load on the store "
               "they all wait on.",
         sre="hold restarts of claims-intake and adjudication, shed the retries into claims-db (retry budget, circuit breaker) or "
             "add capacity, and page the database owners once naming claims-db."),
    dict(name="claims-bad-rollout-adjudication-pbm-loss", split="fresh4", topology="claims", duration="2h",
         workloads=claims_day("2h"),
         faults=[{"type": "bad-rollout", "name": "rules-pack-2027-q1", "target": {"deployment": "adjudication", "namespace": "claims"},
                  "at": "35m", "duration": "40m", "errorPercent": 10, "latency": "150ms"},
                 m("claims-adjudication-pbm-loss", "85m")],
         expectations=HEAL,
         description="adjudication rolls out a rules pack failing 10 % of claims (+150 ms) for 40 minutes; later one adjudication pod loses 60 % of its packets to the pharmacy benefit manager (12 min).",
         story="The claims team ships next quarter's rules pack early: a missing fee schedule fails 10 % of the claims it prices, "
               "and the rest take 150 ms longer, until the team rolls back 40 minutes later; claims-intake does not retry "
               "adjudication, the clearinghouses resubmit. Ten minutes after, a stale conntrack table on one adjudication pod's "
               "node drops 60 % of its packets to the pharmacy benefit manager outside for 12 minutes.",
         sre="tie claims-intake's errors to adjudication's rollout and roll it back within minutes; replace the adjudication pod "
             "whose calls to the PBM are lost (its replacement's path is clean); no restarts of claims-intake or edi-gateway."),
    dict(name="claims-search-crashloop-memory-stress", split="fresh4", topology="claims", duration="2h",
         workloads=claims_day("2h"),
         faults=[m("search-claims-search-memory-stress", "50m")],
         expectations=HEAL,
         description="Every claims-search member is pushed past its memory limit for 10 minutes and crash-loops; member searches and claim indexing fail with it.",
         story="An analyst's aggregation over ten years of claims grows on every claims-search member: each takes 14 GB more for 10 "
               "minutes, passes its 24 GiB limit, is OOMKilled and crash-loops with back-off. member-portal's searches fail, and "
               "claims-intake, which indexes every claim it takes, fails the claims with it.",
         sre="diagnose a crash-looping store (nothing to roll back), hold restarts of its callers, and page the search cluster's "
             "owners once; touch nothing in edi."),
    dict(name="claims-misconfig-eligibility-wrong-port-idp-partition", split="fresh4", topology="claims", duration="2h",
         workloads=claims_day("2h"),
         faults=[{"type": "misconfiguration", "name": "eligibility-grpc-port", "target": {"deployment": "eligibility", "namespace": "claims"},
                  "at": "35m", "duration": "25m", "misconfiguration": "wrong-port"},
                 m("members-portal-idp-partition", "75m")],
         expectations=HEAL,
         description="eligibility's new config listens on the wrong port: every coverage check is refused for 25 minutes; later one member-portal pod is cut from the identity provider (12 min).",
         story="A config change moves eligibility's gRPC listener to a port its Service does not target: its pods pass their probes "
               "on the admin port and every coverage check is refused — claims-intake, adjudication and member-portal all fail "
               "with it — until it is reverted 25 minutes later. Fifteen minutes after, a bad egress rule on one member-portal pod "
               "cuts it from the identity provider outside for 12 minutes: every session refresh it makes times out.",
         sre="tie the refused coverage checks to eligibility's config change and roll it back at once; replace the member-portal "
             "pod cut from the identity provider; no restarts of claims-intake or adjudication."),
    dict(name="claims-leak-member-portal-jvm-exception-documents", split="fresh4", topology="claims", duration="3h",
         workloads=claims_day("3h"),
         faults=[{"type": "memory-leak", "name": "member-portal-session-cache-leak", "target": {"deployment": "member-portal", "namespace": "members"},
                  "at": "20m", "duration": "2h", "rate": "500Ki"},
                 m("members-documents-jvm-exception", "100m")],
         expectations=slow(HEAL, "15m"),
         description="member-portal leaks 500 KiB/s for 2 hours (GC-slow after ~35 min, OOM after ~50); one documents pod throws on every EOB it renders (15 min).",
         story="member-portal's new session cache never evicts: each pod leaks 500 KiB/s for two hours, its collector works harder "
               "and harder after ~35 minutes and it is OOMKilled after ~50, again and again. Eighty minutes in, a corrupted font "
               "cache in one documents pod makes every EOB it renders throw for 15 minutes.",
         sre="restart the leaking member-portal pods one at a time (PDB maxUnavailable 25 %) before the collector slows them; "
             "replace the documents pod that throws."),
    dict(name="claims-noisy-neighbour-claims-node-5-io-fault-search", split="fresh4", topology="claims", duration="2h",
         workloads=claims_day("2h"),
         faults=[{"type": "noisy-neighbour", "name": "fraud-model-training-on-claims-node-5", "target": {"node": "claims-node-5"},
                  "at": "30m", "duration": "40m", "cores": 7},
                 m("search-claims-search-io-fault", "80m")],
         expectations=HEAL,
         description="A fraud-model training job without CPU limits takes 7 of claims-node-5's 8 cores for 40 minutes; later one claims-search member fails 30 % of its reads (12 min).",
         story="The fraud team's model training, started as a bare pod without CPU limits, lands on claims-node-5 and takes 7 of its "
               "8 cores for 40 minutes: every pod there is throttled. Ten minutes after it ends, a failing disk under one "
               "claims-search member fails 30 % of its reads for 12 minutes.",
         sre="see that the slow pods share one node, cordon it and move them off (evictions honouring the PDBs); page the training "
             "job's owner once; replace the claims-search member with the failing disk."),
    dict(name="claims-game-day-workflow", split="fresh4", topology="claims", duration="2h",
         workloads=claims_day("2h"),
         faults=[m("claims-game-day", "45m")],
         expectations=DETECT,
         description="A game-day Workflow: member-portal's calls to claims-search delayed 300 ms (5 min), calm (2 min), then claims-intake CPU stress, a documents pod answering 503 and an adjudication pod without DNS for the PBM (6 min).",
         story="The claims team's game day, one Workflow at the members' peak: for 5 minutes member-portal's calls to claims-search "
               "wait 300 ms more on the way, 2 minutes of calm, then for 6 minutes every claims-intake pod gets a stuck worker at "
               "80 % of a core, one documents pod answers 503 and one adjudication pod cannot resolve the pharmacy benefit manager.",
         sre="detect each step, restart nothing healthy (each step ends by itself within minutes), and page at most once."),
    dict(name="claims-control-open-enrollment-crowd", split="fresh4", topology="claims", duration="2h",
         workloads={"edi/edi-gateway": diurnal("2h", 0.2), "members/member-portal": crowd("50m", "30m", 2.2)},
         expectations=CONTROL,
         description="No fault: the open-enrollment email goes out: 2.2x members on the portal for 30 minutes, within capacity.",
         story="The open-enrollment email reaches every member at once: for 30 minutes the portal takes 2.2x its requests — "
               "searches, coverage checks, EOB downloads. member-portal, claims-search, eligibility and documents, sized for it, "
               "take the load as it is.",
         sre="nothing: a crowd within capacity is not an incident; no alert, no action, no page."),
    dict(name="claims-control-month-end-ramp", split="fresh4", topology="claims", duration="3h",
         workloads={"edi/edi-gateway": ramp("20m", "30m", 1.6, "60m"), "members/member-portal": diurnal("3h")},
         changes=[change("scale", "15m", "claims", "claims-intake", replicas=4), change("scale", "150m", "claims", "claims-intake", replicas=3)],
         expectations=CONTROL,
         description="No fault: month-end batches ramp the clearinghouses' claims to 1.6x for an hour; claims-intake scaled to 4 and back; adjudication's HPA follows.",
         story="Month end: the clearinghouses flush their providers' batches, and claims ramp to 1.6x over 30 minutes and hold an hour. "
               "The team scales claims-intake to 4 ahead of it and back afterwards; adjudication's HPA adds pods as its CPU climbs "
               "and removes them after.",
         sre="nothing: a ramp within capacity, planned scaling and an HPA doing its job are not incidents; no alert, no action, no page."),
    dict(name="claims-control-maintenance-window", split="fresh4", topology="claims", duration="2h",
         workloads=claims_day("2h"),
         changes=[change("drain", "25m", node="claims-node-2", duration="20m"), change("scale", "40m", "members", "documents", replicas=3),
                  change("config-change", "55m", "claims", "claims-db"), change("rollout", "75m", "claims", "eligibility"),
                  change("config-change", "90m", "search", "claims-search"), change("rollout", "105m", "members", "member-portal")],
         expectations=CONTROL,
         description="No fault: claims-node-2 drained for 20 minutes, documents scaled to 3, claims-db and claims-search restarted member by member, eligibility and member-portal rolled out.",
         story="The claims platform's maintenance window, through the day: claims-node-2 is drained for a kernel patch and uncordoned "
               "20 minutes later; documents is scaled to 3; claims-db's members restart one at a time into a new config (the "
               "other two keep the quorum); eligibility rolls out; claims-search's members restart one at a time; member-portal "
               "rolls out a quarter of its pods at a time.",
         sre="nothing: drains, rollouts and rolling restarts that honour the PDBs are maintenance; no alert, no action, no page."),

    # ---------------------------------------------------------------- fresh4: live (namespaces ingest, video, chat)
    dict(name="live-crashloop-rollout-transcoder-schedule-kill-origin", split="fresh4", topology="live", duration="2h",
         workloads=live_day("2h"),
         faults=[m("video-origin-kill-schedule", "0s"),
                 {"type": "bad-rollout", "name": "encoder-av1-crashloop", "target": {"deployment": "transcoder", "namespace": "ingest"},
                  "at": "40m", "duration": "40m", "crashOnStart": True},
                 m("video-playback-http-abort", "90m")],
         expectations=HEAL,
         description="transcoder rolls out an encoder build that exits on start (maxUnavailable 0: the old pods keep encoding); a Schedule deletes one origin pod every 20 minutes (30 s grace); one playback-api pod aborts every session start (10 min).",
         story="The video team rolls out a transcoder build with a new AV1 encoder that exits at start-up on the old CPUs. The "
               "surge pods crash-loop and the rollout stalls with the six old pods encoding, until its authors undo it 40 minutes "
               "later. All day, origin's spot-reclaim drill deletes one origin pod every 20 minutes with a 30-second grace; the "
               "ReplicaSet replaces it. At 90 minutes a bad route makes one playback-api pod abort every session start for 10 "
               "minutes.",
         sre="see the new ReplicaSet crash-looping right after the rollout and roll transcoder back; leave the origin reclaims to "
             "Kubernetes; replace the aborting playback-api pod."),
    dict(name="live-deadlock-stream-meta-corrupt-chat-api", split="fresh4", topology="live", duration="2h",
         workloads=live_day("2h"),
         faults=[{"type": "deadlock", "name": "stream-meta-range-lock", "target": {"deployment": "stream-meta", "namespace": "video"},
                  "at": "30m", "duration": "45m", "pods": 1},
                 m("chat-api-network-corrupt", "85m")],
         expectations=HEAL,
         description="One stream-meta member deadlocks for 45 minutes; later one chat-api pod corrupts 30 % of its packets (10 min).",
         story="One stream-meta member deadlocks between a range split and a lease transfer: it stays Ready and every request it "
               "takes times out, so ingest, packager and entitlements wait out their deadlines and retry, until its owners "
               "restart it by hand 45 minutes later. Ten minutes after, a faulty NIC offload corrupts 30 % of one chat-api pod's "
               "packets for 10 minutes.",
         sre="restart the deadlocked stream-meta member (PDB minAvailable 2); replace the corrupting chat-api pod; no restarts of "
             "callers."),
    dict(name="live-cpu-hog-packager-duplicate-broker-delay-origin", split="fresh4", topology="live", duration="2h",
         workloads=live_day("2h"),
         faults=[{"type": "cpu-hog", "name": "packager-manifest-cache-spin", "target": {"deployment": "packager", "namespace": "video"},
                  "at": "30m", "duration": "50m", "cores": 1.5},
                 m("chat-broker-network-duplicate", "55m"), m("video-origin-http-delay", "90m")],
         expectations=HEAL_QUIET,
         description="packager burns 1.5 extra cores per pod for 50 minutes; meanwhile every chat-broker member's packets are duplicated (15 min); later one origin pod holds every response 400 ms (10 min).",
         story="A cache-eviction bug in the new packager build spins a thread in every pod: each burns 1.5 extra cores for 50 "
               "minutes and packages manifests slower. At the peak a mirroring rule left behind by a capture session duplicates "
               "every packet of the chat-broker members for 15 minutes: each serves twice its requests. Later a debug filter left "
               "on in one origin pod's proxy holds every response 400 ms for 10 minutes.",
         sre="restart the packager pods one at a time (the restart clears the spin) or add packager capacity; restart the "
             "chat-broker members one at a time (PDB minAvailable 2: new interfaces carry no rule); replace the slow origin pod; "
             "no restarts of origin's or chat-api's healthy pods; and no page: the SLO alerts page nobody for these today."),
    dict(name="live-node-failure-live-node-3-bandwidth-packager", split="fresh4", topology="live", duration="2h",
         workloads=live_day("2h"),
         faults=[{"type": "node-failure", "name": "live-node-3-down", "target": {"node": "live-node-3"}, "at": "40m", "duration": "30m"},
                 m("video-packager-bandwidth", "85m")],
         expectations=HEAL,
         description="live-node-3 fails for 30 minutes: its pods black-hole requests until the toleration evicts them; later every packager pod is shaped to 100 KiB/s (12 min).",
         story="live-node-3, one of the four 16-core nodes, loses its host: its pods black-hole requests until the node turns NotReady "
               "and are replaced only after the 5-minute not-ready toleration. Fifteen minutes after it is back, an egress policy "
               "meant for a batch namespace shapes every packager pod to 100 KiB/s for 12 minutes.",
         sre="cordon the lost node and delete its pods at once so they reschedule without waiting out the toleration (PDBs "
             "honoured); page once about the node; add packager capacity (new pods are not shaped) or page the network team."),
    dict(name="live-retry-storm-chat-broker-slow-disk", split="fresh4", topology="live", duration="2h",
         workloads=live_day("2h"),
         faults=[m("chat-broker-io-latency", "50m")],
         expectations=HEAL,
         description="chat-broker's log volumes answer 20 ms later for 20 minutes; chat-api retries each publish twice.",
         story="The storage backend under chat-broker rebalances: every publish waits 20 ms more on its member's log volume for 20 "
               "minutes at the evening peak, and the members saturate. chat-api retries each publish twice: the retries keep the "
               "broker saturated.",
         sre="hold restarts of chat-api, shed the retries into chat-broker (retry budget or circuit breaker) and page storage once "
             "naming chat-broker's volumes."),
    dict(name="live-misconfig-entitlements-readiness-dns-random-drm", split="fresh4", topology="live", duration="2h",
         workloads=live_day("2h"),
         faults=[{"type": "misconfiguration", "name": "entitlements-health-path", "target": {"deployment": "entitlements", "namespace": "video"},
                  "at": "40m", "duration": "40m", "misconfiguration": "readiness-never-passes"},
                 m("video-playback-dns-random-drm", "90m")],
         expectations=HEAL,
         description="entitlements' new revision probes readiness on a path it no longer serves: the surge pod never turns Ready, the rollout stalls (40 min); later one playback-api pod resolves the DRM licence server to random addresses (10 min).",
         story="A config change renames entitlements' health endpoint but not its readiness probe: the surge pod (maxSurge 1, "
               "maxUnavailable 0) never turns Ready and the rollout stalls with the old pods serving, until it is reverted 40 "
               "minutes later. Ten minutes after, one playback-api pod's DNS cache is poisoned: its lookups of the DRM licence "
               "server return random addresses and every session start it takes waits out its licence deadline twice.",
         sre="see the stalled rollout after the config change and roll entitlements back; replace the playback-api pod with the "
             "poisoned cache; no restarts of entitlements' serving pods."),
    dict(name="live-time-skew-entitlements-container-kill-broker-pod-failure-packager", split="fresh4", topology="live", duration="2h",
         workloads=live_day("2h"),
         faults=[m("video-entitlements-time-skew", "40m"), m("chat-broker-container-kill", "60m"),
                 m("video-packager-pod-failure", "75m")],
         expectations=HEAL,
         description="One entitlements pod's clock runs 8 minutes behind (12 min); one chat-broker container is killed and restarted in place; one packager pod hangs (10 min).",
         story="One entitlements pod's clock falls 8 minutes behind for 12 minutes: the playback tokens it signs are already expired, "
               "so every request it takes fails and playback-api's one retry often lands on it again. Later one chat-broker "
               "member's container is OOM-killed by a kernel bug and restarted in place, and one packager pod's process hangs for "
               "10 minutes.",
         sre="replace the skewed entitlements pod so it lands on a node with a good clock; leave the container kill to the kubelet; "
             "let readiness take the hung packager pod out and restart it if Kubernetes has not."),
    dict(name="live-control-derby-kickoff-crowd", split="fresh4", topology="live", duration="2h",
         workloads={"ingest/ingest": {"type": "poisson"}, "video/origin": crowd("50m", "30m", 2.0),
                    "video/playback-api": crowd("50m", "15m", 2.5), "chat/chat-api": crowd("55m", "25m", 2.5, kind="bursty")},
         expectations=CONTROL,
         description="No fault: the derby kicks off: 2.5x session starts for 15 minutes, 2x CDN pulls for 30, chat at 2.5x in bursts for 25, within capacity.",
         story="The derby kicks off and half the country tunes in: for 15 minutes session starts come at 2.5x, the CDN pulls 2x from "
               "origin for half an hour, and chat comes at 2.5x in bursts around every chance for 25 minutes. playback-api, "
               "entitlements, origin, chat-api and the broker, sized for it, take the load; moderation's HPA stays below its target.",
         sre="nothing: a crowd within capacity is not an incident; no alert, no action, no page."),
    dict(name="live-control-release-night", split="fresh4", topology="live", duration="2h",
         workloads=live_day("2h"),
         changes=[change("rollout", "20m", "video", "packager"), change("config-change", "35m", "video", "stream-meta"),
                  change("drain", "55m", node="live-node-2", duration="20m"), change("scale", "80m", "ingest", "transcoder", replicas=8),
                  change("rollout", "95m", "chat", "chat-api"), change("config-change", "105m", "chat", "chat-broker")],
         expectations=CONTROL,
         description="No fault: packager and chat-api rolled out, stream-meta and chat-broker restarted member by member, live-node-2 drained for 20 minutes, transcoder scaled to 8.",
         story="Release night, through the evening: packager rolls out; stream-meta's members restart one at a time into a new config "
               "(PDB minAvailable 2); live-node-2 is drained for a kernel patch and back 20 minutes later; transcoder is scaled to "
               "8 ahead of a tournament's extra channels; chat-api rolls out; chat-broker's members restart one at a time.",
         sre="nothing: rollouts, StatefulSets' rolling restarts, a drain and planned scaling that honour the PDBs are maintenance; "
             "no alert, no action, no page."),
]
