"""fresh5/, the sixth held-out split: what happens to the two topologies of fresh5_topologies.py
(read by generate.py, the same fields as scenarios.py).

Written on 2026-12-08, blind to the engine (none of its detectors, policies or code read, none of its
figures looked at), as a new team would write it: every fault family, every application fault type
and every kind of the catalogue, and a JVMChaos, on clusters the engine was never tuned on; expectations
from the gate's table in scenarios.py, by the rule of the README. Sizes and faults were checked with the
engine off only (README "fresh5/ — a sixth held-out split"). Never tuned on: measured once, by the lead.
"""
from fresh_scenarios import crowd, ramp
from scenarios import CONTROL, DETECT, HEAL, change, diurnal, manifest, slow

FRESH5_SPLITS = {"fresh5": ["airline", "game"]}

M = "fresh5-"  # the manifests of this split


def m(file, at):
    return manifest(M + file, at)


# Travellers follow the day; the GDS sells arrive around the clock from every time zone (±25 %).
def air_day(duration):
    return {"gds/gds-gateway": diurnal(duration, 0.25), "web/shop-web": diurnal(duration)}


# Players follow the evening; finished matches arrive as whole Poisson requests.
def game_day(duration):
    return {"match/match-results": {"type": "poisson"}, "play/matchmaker": diurnal(duration), "profile/login-api": diurnal(duration),
            "social/chat-gw": diurnal(duration)}


FRESH5_SCENARIOS = [
    # ---------------------------------------------------------------- fresh5: airline (namespaces gds, res, web, search)
    dict(name="airline-retry-storm-pnr-db", split="fresh5", topology="airline", duration="2h",
         workloads=air_day("2h"),
         faults=[{"type": "dependency-slowdown", "name": "pnr-db-index-rebuild", "target": {"service": "pnr-db", "namespace": "res"},
                  "at": "50m", "duration": "20m", "addedLatency": "12ms"}],
         expectations=HEAL,
         description="pnr-db answers 12 ms slower for 20 minutes at the peak; reservations retries each statement twice, the GDS resubmits a failed sell once.",
         story="An online index rebuild on the PNR table makes every pnr-db statement 12 ms slower for 20 minutes at the travellers' "
               "peak, and its members saturate. reservations (two statements a booking) retries each statement twice, and the GDS "
               "resubmits a sell that failed: each retry adds load on the store every booking waits on.",
         sre="hold restarts of reservations, shed the retries into pnr-db (retry budget, circuit breaker) or add capacity, and "
             "page the database owners once naming pnr-db."),
    dict(name="airline-bad-rollout-pricing-psp-loss", split="fresh5", topology="airline", duration="2h",
         workloads=air_day("2h"),
         faults=[{"type": "bad-rollout", "name": "fare-engine-ndc-offers", "target": {"deployment": "pricing", "namespace": "res"},
                  "at": "35m", "duration": "40m", "errorPercent": 10, "latency": "150ms"},
                 m("res-ticketing-psp-loss", "85m")],
         expectations=HEAL,
         description="pricing rolls out a fare-engine build failing 10 % of itineraries (+150 ms) for 40 minutes; later one ticketing pod loses 60 % of its packets to the payment provider (12 min).",
         story="The fares team ships a fare-engine build for the new offer format: a missing currency table fails 10 % of the "
               "itineraries it prices, and the rest take 150 ms longer, until the team rolls back 40 minutes later; reservations "
               "does not retry pricing, the GDS resubmits the sell. Ten minutes after, a flapping NAT gateway drops 60 % of one "
               "ticketing pod's packets to the payment provider outside for 12 minutes: the bookings that ticket at once wait on "
               "their card authorisations.",
         sre="tie reservations' errors to pricing's rollout and roll it back within minutes; replace the ticketing pod whose "
             "card authorisations are lost (its replacement's path is clean); no restarts of gds-gateway."),
    dict(name="airline-flight-search-crashloop-memory-stress", split="fresh5", topology="airline", duration="2h",
         workloads=air_day("2h"),
         faults=[m("search-flight-search-memory-stress", "50m")],
         expectations=HEAL,
         description="Every flight-search member is pushed past its memory limit for 10 minutes and crash-loops; travellers' searches and bookings' index updates fail with it.",
         story="A revenue analyst's unbounded aggregation over a year of fares grows on every flight-search member: each takes 14 GB "
               "more for 10 minutes, passes its 24 GiB limit, is OOMKilled and crash-loops with back-off. shop-web's searches "
               "fail, and reservations, which updates the seat counts in the index on every booking, fails the sells with it.",
         sre="diagnose a crash-looping store (nothing to roll back), hold restarts of its callers, and page the search cluster's "
             "owners once; touch nothing in gds."),
    dict(name="airline-misconfig-availability-wrong-port-sso-partition", split="fresh5", topology="airline", duration="2h",
         workloads=air_day("2h"),
         faults=[{"type": "misconfiguration", "name": "availability-grpc-port", "target": {"deployment": "availability", "namespace": "res"},
                  "at": "35m", "duration": "25m", "misconfiguration": "wrong-port"},
                 m("web-shop-web-sso-partition", "75m")],
         expectations=HEAL,
         description="availability's new config listens on the wrong port: every seat check is refused for 25 minutes; later one shop-web pod is cut from the loyalty SSO (12 min).",
         story="A config change moves availability's gRPC listener to a port its Service does not target: its pods pass their probes "
               "on the admin port and every seat check is refused — reservations, pricing and shop-web all fail with it — until it "
               "is reverted 25 minutes later. Fifteen minutes after, a bad egress rule on one shop-web pod cuts it from the loyalty "
               "programme's SSO outside for 12 minutes: every login refresh it makes times out.",
         sre="tie the refused seat checks to availability's config change and roll it back at once; replace the shop-web pod cut "
             "from the SSO; no restarts of reservations or pricing."),
    dict(name="airline-leak-shop-web-jvm-exception-checkin", split="fresh5", topology="airline", duration="3h",
         workloads=air_day("3h"),
         faults=[{"type": "memory-leak", "name": "shop-web-offer-cache-leak", "target": {"deployment": "shop-web", "namespace": "web"},
                  "at": "20m", "duration": "2h", "rate": "500Ki"},
                 m("web-checkin-jvm-exception", "100m")],
         expectations=slow(HEAL, "15m"),
         description="shop-web leaks 500 KiB/s for 2 hours (GC-slow after ~35 min, OOM after ~50); one checkin pod throws on every boarding pass it signs (15 min).",
         story="shop-web's new offer cache never evicts: each pod leaks 500 KiB/s for two hours, its collector works harder and "
               "harder after ~35 minutes and it is OOMKilled after ~50, again and again. Eighty minutes in, a rotated signing key "
               "that one checkin pod did not reload makes every boarding pass it signs throw for 15 minutes.",
         sre="restart the leaking shop-web pods one at a time (PDB maxUnavailable 25 %) before the collector slows them; replace "
             "the checkin pod that throws."),
    dict(name="airline-noisy-neighbour-air-node-4-io-fault-search", split="fresh5", topology="airline", duration="2h",
         workloads=air_day("2h"),
         faults=[{"type": "noisy-neighbour", "name": "revenue-forecast-on-air-node-4", "target": {"node": "air-node-4"},
                  "at": "30m", "duration": "40m", "cores": 7},
                 m("search-flight-search-io-fault", "80m")],
         expectations=HEAL,
         description="A revenue-forecast job without CPU limits takes 7 of air-node-4's 8 cores for 40 minutes; later one flight-search member fails 30 % of its reads (12 min).",
         story="The revenue-management team's forecast, started as a bare pod without CPU limits, lands on air-node-4 and takes 7 of "
               "its 8 cores for 40 minutes: every pod there is throttled. Ten minutes after it ends, a failing disk under one "
               "flight-search member fails 30 % of its reads for 12 minutes.",
         sre="see that the slow pods share one node, cordon it and move them off (evictions honouring the PDBs); page the "
             "forecast's owner once; replace the flight-search member with the failing disk."),
    dict(name="airline-game-day-workflow", split="fresh5", topology="airline", duration="2h",
         workloads=air_day("2h"),
         faults=[m("airline-game-day", "45m")],
         expectations=DETECT,
         description="A game-day Workflow: offers' calls to flight-search delayed 300 ms (5 min), calm (2 min), then reservations CPU stress, a checkin pod answering 503 and a pricing pod without DNS for the fare-filing service (6 min).",
         story="The airline platform team's game day, one Workflow at the travellers' peak: for 5 minutes offers' calls to "
               "flight-search wait 300 ms more on the way, 2 minutes of calm, then for 6 minutes every reservations pod gets a "
               "stuck worker at 80 % of a core, one checkin pod answers 503 and one pricing pod cannot resolve the fare-filing "
               "service.",
         sre="detect each step, restart nothing healthy (each step ends by itself within minutes), and page at most once."),
    dict(name="airline-control-fare-sale-crowd", split="fresh5", topology="airline", duration="2h",
         workloads={"gds/gds-gateway": diurnal("2h", 0.25), "web/shop-web": crowd("50m", "30m", 2.2)},
         expectations=CONTROL,
         description="No fault: a fare sale is announced: 2.2x travellers on shop-web for 30 minutes, within capacity.",
         story="Marketing announces a 48-hour fare sale: for 30 minutes shop-web takes 2.2x its requests — searches, seat maps, "
               "check-ins. shop-web, flight-search, availability and checkin, sized for it, take the load as it is.",
         sre="nothing: a crowd within capacity is not an incident; no alert, no action, no page."),
    dict(name="airline-control-holiday-ramp", split="fresh5", topology="airline", duration="3h",
         workloads={"gds/gds-gateway": ramp("20m", "30m", 1.5, "60m"), "web/shop-web": diurnal("3h")},
         changes=[change("scale", "15m", "res", "reservations", replicas=4), change("scale", "150m", "res", "reservations", replicas=3)],
         expectations=CONTROL,
         description="No fault: holiday bookings ramp the GDS sells to 1.5x for an hour; reservations scaled to 4 and back; pricing's HPA follows.",
         story="The holiday booking window opens: the agencies' sells through the GDS ramp to 1.5x over 30 minutes and hold an hour. "
               "The team scales reservations to 4 ahead of it and back afterwards; pricing's HPA adds pods as its CPU climbs and "
               "removes them after.",
         sre="nothing: a ramp within capacity, planned scaling and an HPA doing its job are not incidents; no alert, no action, no page."),
    dict(name="airline-control-maintenance-window", split="fresh5", topology="airline", duration="2h",
         workloads=air_day("2h"),
         changes=[change("drain", "25m", node="air-node-3", duration="20m"), change("scale", "40m", "web", "checkin", replicas=3),
                  change("config-change", "55m", "res", "pnr-db"), change("rollout", "75m", "res", "availability"),
                  change("config-change", "90m", "search", "flight-search"), change("rollout", "105m", "web", "shop-web")],
         expectations=CONTROL,
         description="No fault: air-node-3 drained for 20 minutes, checkin scaled to 3, pnr-db and flight-search restarted member by member, availability and shop-web rolled out.",
         story="The reservations platform's maintenance window, through the day: air-node-3 is drained for a kernel patch and "
               "uncordoned 20 minutes later; checkin is scaled to 3; pnr-db's members restart one at a time into a new config "
               "(the other two keep the quorum); availability rolls out; flight-search's members restart one at a time; shop-web "
               "rolls out a quarter of its pods at a time.",
         sre="nothing: drains, rollouts and rolling restarts that honour the PDBs are maintenance; no alert, no action, no page."),

    # ---------------------------------------------------------------- fresh5: game (namespaces match, play, profile, social)
    dict(name="game-crashloop-rollout-encoder-schedule-kill-matchmaker", split="fresh5", topology="game", duration="2h",
         workloads=game_day("2h"),
         faults=[m("play-matchmaker-kill-schedule", "0s"),
                 {"type": "bad-rollout", "name": "encoder-hevc-crashloop", "target": {"deployment": "replay-encoder", "namespace": "match"},
                  "at": "40m", "duration": "40m", "crashOnStart": True},
                 m("profile-login-http-abort", "90m")],
         expectations=HEAL,
         description="replay-encoder rolls out a build that exits on start (maxUnavailable 0: the old pods keep encoding); a Schedule deletes one matchmaker pod every 20 minutes (30 s grace); one login-api pod aborts every sign-in (10 min).",
         story="The replay team rolls out an encoder build linked against a codec library missing from its image: the surge pod "
               "crash-loops and the rollout stalls with the five old pods encoding, until its authors undo it 40 minutes later. "
               "All day, matchmaker's spot-reclaim drill deletes one matchmaker pod every 20 minutes with a 30-second grace; the "
               "ReplicaSet replaces it. At 90 minutes a bad route makes one login-api pod abort every sign-in for 10 minutes.",
         sre="see the new ReplicaSet crash-looping right after the rollout and roll replay-encoder back; leave the matchmaker "
             "reclaims to Kubernetes; replace the aborting login-api pod."),
    dict(name="game-deadlock-player-db-corrupt-chat-gw", split="fresh5", topology="game", duration="2h",
         workloads=game_day("2h"),
         faults=[{"type": "deadlock", "name": "player-db-compaction-lock", "target": {"deployment": "player-db", "namespace": "profile"},
                  "at": "30m", "duration": "45m", "pods": 1},
                 m("social-chat-gw-network-corrupt", "85m")],
         expectations=HEAL,
         description="One player-db member deadlocks for 45 minutes; later one chat-gw pod corrupts 30 % of its packets (10 min).",
         story="One player-db member deadlocks between a compaction and a leader election: it stays Ready and every request it takes "
               "times out, so match-results, ratings and inventory wait out their deadlines and retry, until its owners restart "
               "it by hand 45 minutes later. Ten minutes after, a faulty NIC offload corrupts 30 % of one chat-gw pod's packets "
               "for 10 minutes.",
         sre="restart the deadlocked player-db member (PDB minAvailable 2); replace the corrupting chat-gw pod; no restarts of "
             "callers."),
    dict(name="game-cpu-hog-ratings-duplicate-broker-delay-matchmaker", split="fresh5", topology="game", duration="2h",
         workloads=game_day("2h"),
         faults=[{"type": "cpu-hog", "name": "ratings-glicko-spin", "target": {"deployment": "ratings", "namespace": "play"},
                  "at": "30m", "duration": "50m", "cores": 2.5},
                 m("social-party-broker-network-duplicate", "55m"), m("play-matchmaker-http-delay", "90m")],
         expectations=HEAL,
         description="ratings burns 2.5 extra cores per pod for 50 minutes; meanwhile every party-broker member's packets are duplicated (15 min); later one matchmaker pod holds every response 400 ms (10 min).",
         story="A convergence bug in the new ratings build spins threads in every pod: each burns 2.5 cores beyond its 1-core request for 50 minutes "
               "and answers slower. At the peak a mirroring rule left behind by a capture session duplicates every packet of the "
               "party-broker members for 15 minutes: each serves twice its requests. Later a debug filter left on in one "
               "matchmaker pod's proxy holds every response 400 ms for 10 minutes.",
         sre="restart the ratings pods one at a time (the restart clears the spin) or add ratings capacity; restart the "
             "party-broker members one at a time (PDB minAvailable 2: new interfaces carry no rule); replace the slow matchmaker "
             "pod; no restarts of healthy pods."),
    dict(name="game-node-failure-game-node-2-bandwidth-ratings", split="fresh5", topology="game", duration="2h",
         workloads=game_day("2h"),
         faults=[{"type": "node-failure", "name": "game-node-2-down", "target": {"node": "game-node-2"}, "at": "40m", "duration": "30m"},
                 m("play-ratings-bandwidth", "85m")],
         expectations=HEAL,
         description="game-node-2 fails for 30 minutes: its pods black-hole requests until the toleration evicts them; later every ratings pod is shaped to 100 KiB/s (12 min).",
         story="game-node-2, one of the five 16-core nodes, loses its host: its pods black-hole requests until the node turns NotReady "
               "and are replaced only after the 5-minute not-ready toleration. Fifteen minutes after it is back, an egress policy "
               "meant for a batch namespace shapes every ratings pod to 100 KiB/s for 12 minutes.",
         sre="cordon the lost node and delete its pods at once so they reschedule without waiting out the toleration (PDBs "
             "honoured); page once about the node; add ratings capacity (new pods are not shaped) or page the network team."),
    dict(name="game-retry-storm-party-broker-slow-disk", split="fresh5", topology="game", duration="2h",
         workloads=game_day("2h"),
         faults=[m("social-party-broker-io-latency", "50m")],
         expectations=HEAL,
         description="party-broker's log volumes answer 20 ms later for 20 minutes; chat-gw retries each message twice.",
         story="The storage backend under party-broker rebalances: every message waits 20 ms more on its member's log volume for 20 "
               "minutes at the evening peak, and the members saturate. chat-gw retries each message twice: the retries keep the "
               "broker saturated.",
         sre="hold restarts of chat-gw, shed the retries into party-broker (retry budget or circuit breaker) and page storage once "
             "naming party-broker's volumes."),
    dict(name="game-misconfig-inventory-readiness-dns-random-auth", split="fresh5", topology="game", duration="2h",
         workloads=game_day("2h"),
         faults=[{"type": "misconfiguration", "name": "inventory-health-path", "target": {"deployment": "inventory", "namespace": "profile"},
                  "at": "40m", "duration": "40m", "misconfiguration": "readiness-never-passes"},
                 m("profile-login-dns-random-auth", "90m")],
         expectations=HEAL,
         description="inventory's new revision probes readiness on a path it no longer serves: the surge pod never turns Ready, the rollout stalls (40 min); later one login-api pod resolves the platform's auth to random addresses (10 min).",
         story="A config change moves inventory's health endpoint but not its readiness probe: the surge pod (maxSurge 1, "
               "maxUnavailable 0) never turns Ready and the rollout stalls with the old pods serving, until it is reverted 40 "
               "minutes later. Ten minutes after, one login-api pod's DNS cache is poisoned: its lookups of the console platform's "
               "auth return random addresses and every sign-in it takes waits out its auth deadline twice.",
         sre="see the stalled rollout after the config change and roll inventory back; replace the login-api pod with the poisoned "
             "cache; no restarts of inventory's serving pods."),
    dict(name="game-time-skew-inventory-container-kill-broker-pod-failure-ratings", split="fresh5", topology="game", duration="2h",
         workloads=game_day("2h"),
         faults=[m("profile-inventory-time-skew", "40m"), m("social-party-broker-container-kill", "60m"),
                 m("play-ratings-pod-failure", "75m")],
         expectations=HEAL,
         description="One inventory pod's clock runs 8 minutes behind (12 min); one party-broker container is killed and restarted in place; one ratings pod hangs (10 min).",
         story="One inventory pod's clock falls 8 minutes behind for 12 minutes: the entitlement tokens it signs are already expired, "
               "so every request it takes fails and login-api's one retry often lands on it again. Later one party-broker member's "
               "container is OOM-killed by a kernel bug and restarted in place, and one ratings pod's process hangs for 10 minutes.",
         sre="replace the skewed inventory pod so it lands on a node with a good clock; leave the container kill to the kubelet; "
             "let readiness take the hung ratings pod out and restart it if Kubernetes has not."),
    dict(name="game-control-season-launch-crowd", split="fresh5", topology="game", duration="2h",
         workloads={"match/match-results": {"type": "poisson"}, "play/matchmaker": crowd("50m", "30m", 2.0),
                    "profile/login-api": crowd("50m", "15m", 2.5), "social/chat-gw": crowd("55m", "25m", 2.5, kind="bursty")},
         expectations=CONTROL,
         description="No fault: a new season launches: 2.5x sign-ins for 15 minutes, 2x matchmaking for 30, party chat at 2.5x in bursts for 25, within capacity.",
         story="A new season goes live and the players return at once: for 15 minutes sign-ins come at 2.5x, matchmaking takes 2x "
               "for half an hour, and party chat comes at 2.5x in bursts for 25 minutes. login-api, inventory, matchmaker, "
               "chat-gw and the broker, sized for it, take the load; toxicity's HPA stays below its target.",
         sre="nothing: a crowd within capacity is not an incident; no alert, no action, no page."),
    dict(name="game-control-patch-night", split="fresh5", topology="game", duration="2h",
         workloads=game_day("2h"),
         changes=[change("rollout", "20m", "play", "ratings"), change("config-change", "35m", "profile", "player-db"),
                  change("drain", "55m", node="game-node-4", duration="20m"), change("scale", "80m", "match", "replay-encoder", replicas=7),
                  change("rollout", "95m", "social", "chat-gw"), change("config-change", "105m", "social", "party-broker")],
         expectations=CONTROL,
         description="No fault: ratings and chat-gw rolled out, player-db and party-broker restarted member by member, game-node-4 drained for 20 minutes, replay-encoder scaled to 7.",
         story="Patch night, through the evening: ratings rolls out; player-db's members restart one at a time into a new config "
               "(PDB minAvailable 2); game-node-4 is drained for a kernel patch and back 20 minutes later; replay-encoder is scaled "
               "to 7 ahead of a tournament's extra matches; chat-gw rolls out; party-broker's members restart one at a time.",
         sre="nothing: rollouts, StatefulSets' rolling restarts, a drain and planned scaling that honour the PDBs are maintenance; "
             "no alert, no action, no page."),
]
