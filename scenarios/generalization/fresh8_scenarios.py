"""fresh8/, the ninth held-out split: what happens to the two topologies of fresh8_topologies.py
(read by generate.py, the same fields as scenarios.py).

Written on 2026-12-08, blind to the engine (none of its detectors, policies or code read, none of its
figures looked at), as a new team would write it: every fault family, every application fault type
and every kind of the catalogue, a JVMChaos, on clusters the engine was never tuned on; expectations from
the gate's table in scenarios.py, by the rule of the README. Sizes and faults were checked with the engine
off only (README "fresh8/ — a ninth held-out split"). Never tuned on: measured once, by the lead.
"""
from fresh_scenarios import crowd, ramp
from scenarios import CONTROL, DETECT, HEAL, change, diurnal, manifest, slow

FRESH8_SPLITS = {"fresh8": ["lunch", "cards"]}

M = "fresh8-"  # the manifests of this split


def m(file, at):
    return manifest(M + file, at)


# Couriers' position updates follow the day (±30 %); eaters' use peaks harder at lunch (±50 %).
def lunch_day(duration):
    return {"fleet/courier-gw": diurnal(duration, 0.3), "eater/eater-api": diurnal(duration, 0.5)}


# The card networks' authorisations follow the shopping day (±30 %); the cardholders' app is peakier (±50 %).
def cards_day(duration):
    return {"iso/iso-gateway": diurnal(duration, 0.3), "app/cardholder-api": diurnal(duration, 0.5)}


FRESH8_SCENARIOS = [
    # ---------------------------------------------------------------- fresh8: lunch (namespaces checkout, dispatch, eater, fleet, geo)
    dict(name="lunch-retry-storm-order-db", split="fresh8", topology="lunch", duration="2h",
         workloads=lunch_day("2h"),
         faults=[{"type": "dependency-slowdown", "name": "order-db-vacuum", "target": {"service": "order-db", "namespace": "checkout"},
                  "at": "50m", "duration": "20m", "addedLatency": "20ms"}],
         expectations=HEAL,
         description="order-db answers 20 ms slower for 20 minutes at the lunch peak; basket and dispatcher retry each write twice.",
         story="An autovacuum on the orders table of every order-db member, run at the worst time, makes each read and write 20 ms "
               "slower for 20 minutes at the lunch peak, and the members saturate. basket writes three times a checkout and "
               "dispatcher once an assignment, each retried twice: the retries keep the store saturated, checkouts time out "
               "and orders wait to be dispatched.",
         sre="hold restarts of basket and dispatcher, shed the retries into order-db (retry budget, circuit breaker), and "
             "page the orders team once naming order-db."),
    dict(name="lunch-bad-rollout-basket-pos-loss", split="fresh8", topology="lunch", duration="2h",
         workloads=lunch_day("2h"),
         faults=[{"type": "bad-rollout", "name": "basket-bundle-discounts-v41", "target": {"deployment": "basket", "namespace": "checkout"},
                  "at": "35m", "duration": "40m", "errorPercent": 10, "latency": "200ms"},
                 m("checkout-basket-pos-loss", "85m")],
         expectations=HEAL,
         description="basket rolls out a build failing 10 % of checkouts (+200 ms) for 40 minutes; later one basket pod loses 60 % of its packets to the restaurants' point-of-sale integration (15 min).",
         story="The checkout team ships bundle discounts: a rounding bug fails 10 % of the checkouts eaters submit and every "
               "other one takes 200 ms longer, until the team rolls back 40 minutes later. Ten minutes after, a NAT gateway on "
               "one basket pod's egress path drops 60 % of its packets to the restaurants' point-of-sale integration for 15 "
               "minutes: the orders it sends to kitchens wait out their deadline and resend.",
         sre="tie the failed checkouts to basket's rollout and roll it back within minutes; replace the basket pod whose path "
             "to the point-of-sale host is lossy or page the network team; no restarts of order-db or menu."),
    dict(name="lunch-leak-geo-index-dns-error-routes", split="fresh8", topology="lunch", duration="3h",
         workloads=lunch_day("3h"),
         faults=[{"type": "memory-leak", "name": "geo-index-stale-cells-leak", "target": {"deployment": "geo-index", "namespace": "geo"},
                  "at": "20m", "duration": "2h", "rate": "2Mi"},
                 m("dispatch-eta-model-dns-error-routes", "120m")],
         expectations=slow(HEAL, "15m"),
         description="geo-index leaks 2 MiB/s for 2 hours (GC-slow, then OOM after ~35 min, 75 s to rebuild its index); every eta-model pod fails to resolve the maps provider for 15 minutes.",
         story="A change to how geo-index evicts the cells of couriers who went offline leaves them all in memory: each replica "
               "leaks 2 MiB/s for two hours, its collector works harder and it is OOMKilled after ~35 minutes, then takes 75 s to "
               "rebuild its index, again and again, while courier-gw, restaurant search and dispatch, in three other "
               "namespaces, wait on it. Two hours in, the maps provider's DNS zone is mis-delegated: for 15 minutes no eta-model "
               "pod can resolve it and every route-time request falls back after a failure.",
         sre="restart the leaking geo-index pods one at a time (PDB minAvailable 3) before the collector slows them; page the "
             "geo team once; page the maps provider's owners for the DNS (restarts do not help)."),
    dict(name="lunch-deadlock-courier-state-http-delay-menu", split="fresh8", topology="lunch", duration="2h",
         workloads=lunch_day("2h"),
         faults=[{"type": "deadlock", "name": "courier-state-lock-order", "target": {"deployment": "courier-state", "namespace": "fleet"},
                  "at": "30m", "duration": "45m", "pods": 1},
                 m("eater-menu-http-delay", "85m")],
         expectations=HEAL,
         description="One courier-state pod deadlocks for 45 minutes; later one menu pod holds every response 300 ms (12 min).",
         story="One courier-state pod deadlocks between a shift change and a position update: it stays Ready and every request "
               "it takes times out, so courier-gw drops position updates, eaters' tracking retries and dispatch waits, until the "
               "fleet team restarts it by hand 45 minutes later. Ten minutes after, a debug proxy left in one menu pod holds "
               "every response 300 ms for 12 minutes: restaurant search and checkout wait on it.",
         sre="restart the deadlocked courier-state pod, not the callers whose timeouts it causes; replace the menu pod whose "
             "responses are held."),
    dict(name="lunch-order-db-crashloop-memory-stress", split="fresh8", topology="lunch", duration="2h",
         workloads=lunch_day("2h"),
         faults=[m("checkout-order-db-memory-stress", "55m")],
         expectations=HEAL,
         description="Two order-db members are pushed past their memory limit for 10 minutes and crash-loop; with one member of three left no write finds its quorum.",
         story="A finance export run against the order-db replicas by mistake builds a 14 GB sort on two of the three members "
               "for 10 minutes: each passes its 24 GiB limit, is OOMKilled and crash-loops with back-off. A write needs two "
               "members, so every checkout and every dispatch write fails while they are down.",
         sre="diagnose a crash-looping store (nothing to roll back), hold restarts of its callers, and page the database "
             "team once naming the members; touch nothing healthy."),
    dict(name="lunch-time-skew-dispatcher-container-kill-geo-replace-promo", split="fresh8", topology="lunch", duration="2h",
         workloads=lunch_day("2h"),
         faults=[m("dispatch-dispatcher-time-skew", "40m"), m("geo-geo-index-container-kill", "60m"),
                 m("checkout-promo-http-replace-500", "80m")],
         expectations=HEAL,
         description="One dispatcher pod's clock runs 10 minutes behind (12 min); one geo-index container is killed (75 s to rebuild); one promo pod answers 500 (12 min).",
         story="One dispatcher pod's clock falls 10 minutes behind after its node's NTP source is withdrawn: the courier offers "
               "it signs have already expired and every assignment it takes fails for 12 minutes. Later one geo-index JVM is "
               "killed by a kernel bug and restarted in place, 75 s to rebuild its index; and a promo pod whose campaign "
               "table did not load answers every request 500 for 12 minutes.",
         sre="replace the skewed dispatcher pod so it lands on a node with a good clock; leave the container kill to the "
             "kubelet; replace the promo pod answering 500."),
    dict(name="lunch-game-day-workflow", split="fresh8", topology="lunch", duration="2h",
         workloads=lunch_day("2h"),
         faults=[m("lunch-game-day", "45m")],
         expectations=DETECT,
         description="A game-day Workflow: restaurant-search's calls to geo-index delayed 80 ms (6 min), calm (2 min), then eta-model CPU stress and one pricing pod aborting every request (6 min).",
         story="The marketplace's game day, one Workflow at the lunch peak: for 6 minutes restaurant search's calls to geo-index "
               "wait 80 ms more on the way, 2 minutes of calm, then for 6 minutes every eta-model pod gets three stuck workers at "
               "90 % of a core and one pricing pod aborts every request.",
         sre="detect each step, restart nothing healthy (each step ends by itself within minutes), and page at most once."),
    dict(name="lunch-control-lunch-rush-crowd", split="fresh8", topology="lunch", duration="2h",
         workloads={"eater/eater-api": crowd("40m", "45m", 2.0), "fleet/courier-gw": diurnal("2h", 0.3)},
         expectations=CONTROL,
         description="No fault: the lunch rush: eaters' requests double for 45 minutes; restaurant-search's HPA scales.",
         story="Offices break for lunch at once on a weekday: for 45 minutes eater-api takes twice its requests, mostly "
               "restaurant search near the office towers. restaurant-search's HPA adds pods as its workers fill (on a tight "
               "general pool) and removes them after; geo-index, menu and checkout, sized for it, take the load.",
         sre="nothing: a crowd within capacity and an HPA doing its job are not incidents; no alert, no action, no page."),
    dict(name="lunch-control-maintenance-day", split="fresh8", topology="lunch", duration="2h",
         workloads=lunch_day("2h"),
         changes=[change("scale", "15m", "eater", "menu", replicas=4), change("drain", "30m", node="lunch-std-2", duration="30m"),
                  change("rollout", "70m", "geo", "geo-index"), change("config-change", "90m", "checkout", "order-db"),
                  change("rollout", "105m", "dispatch", "dispatcher")],
         expectations=CONTROL,
         description="No fault: menu scaled to 4, lunch-std-2 drained for 30 minutes (pods Pending on the full cluster until it is back), geo-index rolled out one replica at a time (maxSurge 0), order-db restarted member by member, dispatcher rolled out.",
         story="A planned maintenance day: menu is scaled to 4 ahead of a new city's launch; lunch-std-2 is drained for a GKE "
               "node upgrade — the cluster is full, so some of its pods wait Pending until it is uncordoned 30 minutes later; "
               "geo-index rolls out a new cell resolution one replica at a time (no room to surge: 75 s to rebuild each); "
               "order-db's members restart one at a time into a new connection limit (PDB minAvailable 2); dispatcher rolls "
               "out new batching rules.",
         sre="nothing: drains, rollouts and planned scaling that honour the PDBs are maintenance, and Pending pods during a "
             "planned drain of a full cluster are expected; no alert, no action, no page."),
    dict(name="lunch-control-rain-burst", split="fresh8", topology="lunch", duration="2h",
         workloads={"fleet/courier-gw": crowd("45m", "20m", 1.5, kind="bursty"), "eater/eater-api": crowd("45m", "20m", 1.6, kind="bursty")},
         expectations=CONTROL,
         description="No fault: a sudden rainstorm: eaters order in bursts (1.6x) and couriers' apps report more often (1.5x) for 20 minutes.",
         story="A rainstorm crosses the city at noon: for 20 minutes eaters who meant to go out order in bursts (1.6x) and "
               "couriers' apps, slowed and rerouted, send their positions 1.5x as often. geo-index, courier-state, "
               "restaurant search and checkout, sized for it, take the load.",
         sre="nothing: a burst within capacity is not an incident; no alert, no action, no page."),

    # ---------------------------------------------------------------- fresh8: cards (namespaces app, hsm, iso, issuer, ledger, risk)
    dict(name="cards-retry-storm-balance-ledger", split="fresh8", topology="cards", duration="2h",
         workloads=cards_day("2h"),
         faults=[{"type": "dependency-slowdown", "name": "balance-ledger-checkpoint", "target": {"service": "balance-ledger", "namespace": "ledger"},
                  "at": "50m", "duration": "20m", "addedLatency": "8ms"}],
         expectations=HEAL,
         description="balance-ledger answers 8 ms slower for 20 minutes at the shopping peak; auth-engine, limits and cardholder-api retry into it.",
         story="A checkpoint storm on every balance-ledger member makes each read and write 8 ms slower for 20 minutes at the "
               "afternoon shopping peak, and the members saturate. auth-engine places a hold on every authorisation, limits "
               "reads the available balance and the cardholders' app reads it too, each retrying once: the retries keep the "
               "ledger saturated, authorisations miss the network's timer and are stood in for or declined.",
         sre="hold restarts of auth-engine and limits, shed the retries into balance-ledger (retry budget, circuit breaker), "
             "and page the ledger team once naming balance-ledger."),
    dict(name="cards-crashloop-rollout-limits-schedule-kill-vault", split="fresh8", topology="cards", duration="2h",
         workloads=cards_day("2h"),
         faults=[m("issuer-card-vault-kill-schedule", "0s"),
                 {"type": "bad-rollout", "name": "limits-mcc-rules-v12", "target": {"deployment": "limits", "namespace": "issuer"},
                  "at": "40m", "duration": "40m", "crashOnStart": True},
                 m("ledger-balance-ledger-io-fault", "90m")],
         expectations=HEAL,
         description="limits rolls out a build that exits on start (maxUnavailable 0: the old pods keep serving); a Schedule deletes one card-vault pod every 20 minutes; one balance-ledger member fails 40 % of its writes (12 min).",
         story="The limits team rolls out per-merchant-category rules in a build that cannot parse the new rule file: the surge "
               "pod exits on start and crash-loops, and the rollout stalls with the old pods serving, until its authors undo it "
               "40 minutes later. All day a Schedule the resilience team left running deletes one card-vault pod every 20 "
               "minutes. At 90 minutes a failing SSD under one balance-ledger member fails 40 % of its writes for 12 minutes.",
         sre="see the new ReplicaSet crash-looping right after the rollout and roll limits back; leave the card-vault deletions "
             "to Kubernetes; replace the balance-ledger member with the failing drive (PDB minAvailable 2)."),
    dict(name="cards-misconfig-token-svc-wrong-port-hsm-partition", split="fresh8", topology="cards", duration="2h",
         workloads=cards_day("2h"),
         faults=[{"type": "misconfiguration", "name": "token-svc-listener-port", "target": {"deployment": "token-svc", "namespace": "issuer"},
                  "at": "35m", "duration": "25m", "misconfiguration": "wrong-port"},
                 m("hsm-proxy-hsm-partition", "75m")],
         expectations=HEAL,
         description="token-svc's new config listens on the wrong port: every detokenisation is refused for 25 minutes; later one hsm-proxy pod is cut from the HSMs (15 min).",
         story="A config change moves token-svc's listener to a port its Service does not target: its pods pass their probes on "
               "the admin port and every detokenisation of a wallet payment is refused, so auth-engine declines them, until the "
               "change is reverted 25 minutes later. Fifteen minutes after, a firewall rule pushed to one hsm-proxy pod's host "
               "cuts it from the hardware security modules for 15 minutes: every cryptogram check it forwards times out.",
         sre="tie the refused requests to token-svc's config change and roll it back at once; replace the hsm-proxy pod cut "
             "from the HSMs or page the network team; no restarts of auth-engine."),
    dict(name="cards-misconfig-card-controls-readiness-dns-random-3ds-corrupt", split="fresh8", topology="cards", duration="2h",
         workloads=cards_day("2h"),
         faults=[{"type": "misconfiguration", "name": "card-controls-health-path", "target": {"deployment": "card-controls", "namespace": "app"},
                  "at": "30m", "duration": "40m", "misconfiguration": "readiness-never-passes"},
                 m("issuer-auth-engine-dns-random-3ds", "75m"), m("iso-gateway-network-corrupt", "95m")],
         expectations=HEAL,
         description="card-controls' new revision points its readiness at a path it no longer serves: the surge pod never turns Ready, the rollout stalls (40 min); one auth-engine pod resolves the 3-D Secure directory to random addresses (12 min); one iso-gateway pod corrupts 30 % of its packets (10 min).",
         story="A config change moves card-controls' health endpoint but not its readiness probe: the surge pod (maxSurge 1, "
               "maxUnavailable 0) never turns Ready and the rollout stalls with the old pods serving, until it is reverted 40 "
               "minutes later. Later one auth-engine pod's resolver cache is poisoned for 12 minutes: its 3-D Secure lookups go "
               "to random addresses and wait out their deadline; and a failing NIC on one iso-gateway pod's host corrupts 30 % "
               "of its packets for 10 minutes.",
         sre="see the stalled rollout after the config change and roll card-controls back; replace the auth-engine pod with "
             "the poisoned cache and the corrupting iso-gateway pod; no restarts of card-controls' serving pods."),
    dict(name="cards-cpu-hog-fraud-model-jvm-exception-auth-bandwidth-vault", split="fresh8", topology="cards", duration="2h",
         workloads=cards_day("2h"),
         faults=[{"type": "cpu-hog", "name": "fraud-model-feature-drift-loop", "target": {"deployment": "fraud-model", "namespace": "risk"},
                  "at": "30m", "duration": "45m", "cores": 6},
                 m("issuer-auth-engine-jvm-exception", "60m"), m("issuer-card-vault-bandwidth", "95m")],
         expectations=HEAL,
         description="fraud-model burns 6 extra cores per pod for 45 minutes; meanwhile one auth-engine JVM throws on every rule evaluation (15 min); later every card-vault pod is shaped to 300 kbps (12 min).",
         story="A new fraud-model build leaves its feature-drift monitor spinning: each scorer burns 6 cores beyond its 4-core "
               "request for 45 minutes and scores slower, and risk-scorer and auth-engine wait on it. At the peak a hot-reloaded "
               "rule set that one auth-engine JVM half-loaded throws in RuleEngine.evaluate on every authorisation it takes for "
               "15 minutes. Later a QoS policy meant for backups shapes every card-vault pod to 300 kbps for 12 minutes.",
         sre="restart the fraud-model pods one at a time (the restart clears the spin; PDB minAvailable 3); replace the "
             "auth-engine pod throwing; add card-vault capacity (new pods are not shaped) or page the network team; no "
             "restarts of healthy pods."),
    dict(name="cards-noisy-neighbour-card-bm-2-duplicate-fraud-model", split="fresh8", topology="cards", duration="2h",
         workloads=cards_day("2h"),
         faults=[{"type": "noisy-neighbour", "name": "backup-agent-on-card-bm-2", "target": {"node": "card-bm-2"},
                  "at": "30m", "duration": "40m", "cores": 14},
                 m("risk-fraud-model-network-duplicate", "80m")],
         expectations=HEAL,
         description="A backup agent without CPU limits takes 14 of card-bm-2's 16 cores for 40 minutes; later every fraud-model pod's packets are duplicated (15 min).",
         story="The infrastructure team's backup agent, run as a privileged DaemonSet pod without CPU limits, compresses a full "
               "snapshot on card-bm-2 and takes 14 of its 16 cores for 40 minutes: every pod there is throttled. Ten minutes "
               "after it ends, a port-mirroring rule left on the fraud-model pods by a packet capture duplicates every packet "
               "for 15 minutes: each scorer serves twice its requests.",
         sre="see that the slow pods share one node, cordon it and move them off (evictions honouring the PDBs); page the "
             "backup agent's owner once; restart the fraud-model pods one at a time (new interfaces carry no rule; PDB "
             "minAvailable 3) if they saturate."),
    dict(name="cards-node-failure-card-bm-4-pod-failure-hsm-proxy-io-latency-ledger", split="fresh8", topology="cards", duration="2h",
         workloads=cards_day("2h"),
         faults=[{"type": "node-failure", "name": "card-bm-4-psu-failure", "target": {"node": "card-bm-4"}, "at": "40m", "duration": "30m"},
                 m("hsm-hsm-proxy-pod-failure", "80m"), m("ledger-balance-ledger-io-latency", "95m")],
         expectations=HEAL,
         description="card-bm-4 fails for 30 minutes (its pods black-hole requests until NotReady, evicted after 5 minutes); later one hsm-proxy pod hangs (12 min); every balance-ledger volume waits 5 ms more (15 min).",
         story="Both power supplies of card-bm-4 fail in turn and the server goes down without a drain: its pods black-hole "
               "requests until the node turns NotReady, are evicted after the 5-minute toleration and start on the other "
               "servers where they fit; the server is back 30 minutes later. Ten minutes after, one hsm-proxy pod's process "
               "hangs for 12 minutes. Then the storage array under balance-ledger rebuilds a disk: every write waits 5 ms more "
               "for 15 minutes.",
         sre="cordon the lost node and delete its pods at once so they reschedule without waiting out the toleration; page once "
             "about the node; let readiness take the hung hsm-proxy pod out and restart it if Kubernetes has not; page storage "
             "about balance-ledger's volumes (restarts do not help)."),
    dict(name="cards-control-payday-ramp", split="fresh8", topology="cards", duration="3h",
         workloads={"iso/iso-gateway": ramp("30m", "40m", 1.5, "60m"), "app/cardholder-api": ramp("30m", "40m", 2.0, "60m")},
         expectations=CONTROL,
         description="No fault: payday: the networks' authorisations ramp to 1.5x and the cardholders' app use to 2x over 40 minutes and hold an hour; cardholder-api's HPA scales.",
         story="Salaries land on the last Friday of the month: over 40 minutes card authorisations ramp to 1.5x and cardholders "
               "checking their balance to 2x, and both hold an hour before easing off. cardholder-api's HPA adds pods as its "
               "workers fill and removes them after; the fraud scorers, the ledger and the HSM proxy, sized for it, take the "
               "load.",
         sre="nothing: a ramp within capacity and an HPA doing its job are not incidents; no alert, no action, no page."),
    dict(name="cards-control-change-window", split="fresh8", topology="cards", duration="2h",
         workloads=cards_day("2h"),
         changes=[change("rollout", "15m", "iso", "iso-gateway"), change("config-change", "35m", "ledger", "balance-ledger"),
                  change("drain", "55m", node="card-bm-3", duration="20m"), change("rollout", "85m", "risk", "fraud-model"),
                  change("config-change", "100m", "hsm", "hsm-proxy"), change("scale", "110m", "risk", "risk-scorer", replicas=5)],
         expectations=CONTROL,
         description="No fault: iso-gateway rolled out one session at a time (maxSurge 0), balance-ledger restarted member by member, card-bm-3 drained for 20 minutes, fraud-model rolled out one scorer at a time (maxSurge 0), hsm-proxy reconfigured, risk-scorer scaled to 5.",
         story="The bank's monthly change window, run in daylight by a new team: iso-gateway rolls out a new scheme release one "
               "JVM at a time (one session each: no surge); balance-ledger's members restart one at a time into a new "
               "checkpoint interval (PDB minAvailable 2); card-bm-3 is drained for a firmware update and back 20 minutes "
               "later; fraud-model rolls out a retrained model one scorer at a time; hsm-proxy takes a new HSM key-slot map; "
               "risk-scorer is scaled to 5 ahead of the holidays.",
         sre="nothing: rollouts, a StatefulSet's rolling restart, a drain and planned scaling that honour the PDBs are "
             "maintenance; no alert, no action, no page."),
]
