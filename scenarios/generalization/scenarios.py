"""What happens to each topology: the scenarios of the suite, as plain data (read by generate.py).

Split rule (README.md): by topology. tune/ holds gateway, chain and media; holdout/ holds orders, tight
and multi. Each scenario names its topology, and generate.py refuses one placed in the other split.

Fields: name, split, topology, duration, story (what happens, for the file's header), sre (what an SRE
would do: the bar for a good engine), description (one line), faults, changes, workload (for every
entry service) or workloads (per "namespace/service"), expectations.
"""

SPLITS = {"tune": ["gateway", "chain", "media"], "holdout": ["orders", "tight", "multi"]}


def diurnal(duration, amplitude=0.4):
    """A working day compressed into the run: from the base rate up to base × (1 + amplitude) at
    half-time and back."""
    hours = {"90m": "3h", "2h": "4h", "150m": "5h", "3h": "6h"}[duration]
    return {"type": "diurnal", "amplitude": amplitude, "period": hours, "phase": "0s"}


def manifest(file, at):
    return {"manifest": f"../manifests/{file}.yaml", "at": at}


def change(kind, at, namespace=None, deployment=None, node=None, **extra):
    target = {}
    if deployment:
        target["deployment"] = deployment
    if node:
        target["node"] = node
    if namespace:
        target["namespace"] = namespace
    c = {"type": kind, "target": target, "at": at}
    c.update(extra)
    return c


# What a team writes into its gate, by what it expects of a self-healing engine:
# HEAL   — an action exists that shortens the outage (roll back, restart or move a pod, add capacity,
#          cut retries): detect every incident within 5 minutes, halve the downtime, page 70 % less than
#          the SLO alerts alone would, no needless action.
# DETECT — Kubernetes heals it, it costs no SLO (a stalled rollout), or no action helps while it lasts:
#          detect it, touch nothing else.
# CONTROL — no fault: no needless action, no page, at most one false alarm a day.
HEAL = {"minF1": 0.9, "minRecall": 1.0, "maxMttd": "5m", "minDowntimeReduction": 0.5, "minPageReduction": 0.7,
        "maxNeedlessActions": 0}
# HEAL_QUIET — the same where the team's SLO alerts page nobody today (a short or partial outage): the
#          engine heals it without paging either.
HEAL_QUIET = {k: v for k, v in HEAL.items() if k != "minPageReduction"} | {"maxPages": 0}
DETECT = {"minF1": 0.9, "minRecall": 1.0, "maxMttd": "5m", "maxNeedlessActions": 0}
CONTROL = {"maxNeedlessActions": 0, "maxPages": 0, "maxFalseAlarmsPerDay": 1}


def slow(expectations, mttd):
    """The same bar for a fault that builds up slowly (a leak): a later detection is acceptable."""
    e = dict(expectations)
    e["maxMttd"] = mttd
    return e


SCENARIOS = [
    # ---------------------------------------------------------------- tune: gateway (namespace shop)
    dict(name="gateway-retry-storm-product-db", split="tune", topology="gateway", duration="2h",
         workload=diurnal("2h"),
         faults=[{"type": "dependency-slowdown", "name": "product-db-slow-queries", "target": {"service": "product-db", "namespace": "shop"},
                  "at": "50m", "duration": "25m", "addedLatency": "15ms"}],
         expectations=HEAL,
         description="product-db answers 15 ms slower for 25 minutes at the daily peak; catalog, pricing and reviews retry into it.",
         story="At the daily peak a bad query plan makes the shared product-db 15 ms slower per query for 25 minutes. Its pool saturates, "
               "catalog, pricing and reviews miss their deadlines and retry (2 retries each), tripling the load on the slow store: "
               "a retry storm that reaches the gateway.",
         sre="hold restarts of the callers, diagnose the slow shared store, add product-db replicas and cut the callers' retries "
             "(retry budget or circuit breaker on the edges into it); page once with that diagnosis."),
    dict(name="gateway-bad-rollout-pricing", split="tune", topology="gateway", duration="2h",
         workload=diurnal("2h"),
         faults=[{"type": "bad-rollout", "name": "pricing-v42", "target": {"deployment": "pricing", "namespace": "shop"},
                  "at": "40m", "duration": "50m", "errorPercent": 12, "latency": "30ms"}],
         expectations=HEAL,
         description="pricing rolls out a revision failing 12 % of requests (+30 ms); its authors roll it back by hand 50 minutes later.",
         story="pricing rolls out v42, which fails 12 % of its requests and answers 30 ms slower. The rolling update completes in a "
               "minute; the gateway retries once, so users see fewer errors than pricing does. The authors notice and roll back 50 "
               "minutes later.",
         sre="see the onset right after pricing's rollout and roll pricing back to the previous revision within minutes; do not restart pods."),
    dict(name="gateway-misconfig-cart-wrong-port", split="tune", topology="gateway", duration="2h",
         workload=diurnal("2h"),
         faults=[{"type": "misconfiguration", "name": "cart-port-typo", "target": {"deployment": "cart", "namespace": "shop"},
                  "at": "35m", "duration": "35m", "misconfiguration": "wrong-port"}],
         expectations=HEAL,
         description="cart's new config points its Service at the wrong port: every request refused until it is reverted 35 minutes later.",
         story="A config change gives cart a container port that does not match its Service: the new pods pass their probes (on the admin "
               "port) but refuse every request. The gateway's cart calls fail after 2 retries; the change is reverted by hand 35 minutes later.",
         sre="tie the errors to the config change that preceded them and roll cart back to the previous revision."),
    dict(name="gateway-http-abort-reviews-replace-cart", split="tune", topology="gateway", duration="90m",
         workload=diurnal("90m"),
         faults=[manifest("shop-reviews-http-abort", "30m"), manifest("shop-cart-http-replace-503", "34m")],
         expectations=HEAL,
         description="Two overlapping faults: one reviews pod aborts every request (10 min); half the cart pods answer 503 (8 min).",
         story="Two unrelated faults overlap: one of the two reviews pods aborts every API request for 10 minutes, and four minutes "
               "later half of the cart pods answer 503 for 8 minutes. Both stay Ready, so Kubernetes keeps routing to them.",
         sre="take the failing pods out of rotation (isolate or restart them, one at a time, keeping the others serving); two separate incidents, no page."),
    dict(name="gateway-loss-catalog-corrupt-gateway", split="tune", topology="gateway", duration="2h",
         workload=diurnal("2h"),
         faults=[manifest("shop-catalog-network-loss", "25m"), manifest("shop-gateway-network-corrupt", "70m")],
         expectations=HEAL_QUIET,
         description="One catalog pod loses 25 % of packets (10 min); later one api-gateway pod corrupts 15 % (8 min).",
         story="A flapping NIC makes one catalog pod lose a quarter of its packets for 10 minutes; 35 minutes later one api-gateway pod "
               "corrupts 15 % of its traffic for 8 minutes. Each pod stays Ready; the errors come from one pod of a healthy service.",
         sre="find the one bad pod from its own error ratio and replace it (or isolate it), respecting the PDBs; nothing else."),
    dict(name="gateway-leak-search-dns-error-pricing", split="tune", topology="gateway", duration="3h",
         workload=diurnal("3h"),
         faults=[{"type": "memory-leak", "name": "search-index-cache-leak", "target": {"deployment": "search", "namespace": "shop"},
                  "at": "20m", "duration": "2h", "rate": "400Ki"},
                 manifest("shop-pricing-dns-error", "70m")],
         expectations=slow(HEAL, "15m"),
         description="search leaks 400 KiB/s for 2 hours (OOM every ~35 min); one pricing pod's DNS fails for 6 minutes meanwhile.",
         story="search leaks 400 KiB/s from an unbounded result cache: garbage collection slows it after ~20 minutes and the OOM killer "
               "strikes after ~35, again and again for two hours. Meanwhile one pricing pod's DNS lookups fail for 6 minutes.",
         sre="restart leaking search pods one at a time before they slow down, and replace the pricing pod whose requests all fail."),
    dict(name="gateway-game-day-workflow", split="tune", topology="gateway", duration="2h",
         workload=diurnal("2h"),
         faults=[manifest("shop-game-day", "45m")],
         expectations=DETECT,
         description="A game-day Workflow: search held 300 ms (5 min), calm (2 min), then reviews' DNS random (3 min) while two catalog pods are killed.",
         story="The shop team's game day runs as one Workflow at the peak: search's responses are held 300 ms for 5 minutes, 2 minutes "
               "of calm, then every DNS lookup of the reviews pods returns a random address for 3 minutes while two catalog pods are killed.",
         sre="detect each step, let Kubernetes replace the catalog pods, restart nothing that is healthy, and page at most once for reviews' DNS."),
    dict(name="gateway-control-flash-crowd-rollouts", split="tune", topology="gateway", duration="2h",
         workload={"type": "flash-crowd", "at": "45m", "duration": "15m", "multiplier": 1.8},
         changes=[change("rollout", "20m", "shop", "catalog"), change("config-change", "75m", "shop", "api-gateway"),
                  change("rollout", "95m", "shop", "pricing")],
         expectations=CONTROL,
         description="No fault: a 1.8x flash crowd for 15 minutes, a catalog rollout, a gateway config change and a pricing rollout.",
         story="A normal day: a campaign email brings 1.8x the traffic for 15 minutes (within capacity); catalog and pricing roll out new "
               "versions and the gateway gets a new config revision. Latency rises with load and during the rollouts; nothing is broken.",
         sre="nothing: latency explained by load within capacity and routine rollouts is not an incident; no alert, no action, no page."),

    # ---------------------------------------------------------------- tune: chain (namespace bank)
    dict(name="chain-crashloop-rollout-limits", split="tune", topology="chain", duration="2h",
         workload=diurnal("2h"),
         faults=[{"type": "bad-rollout", "name": "limits-v7-crashloop", "target": {"deployment": "limits", "namespace": "bank"},
                  "at": "30m", "duration": "45m", "crashOnStart": True}],
         expectations=DETECT,
         description="limits rolls out a revision whose pods exit on start: CrashLoopBackOff, the rollout stalls (maxUnavailable 0).",
         story="limits rolls out v7, which exits at start-up (a missing secret). Its new pod crash-loops with growing back-off; with "
               "maxSurge 1 / maxUnavailable 0 the old pods keep serving and the rollout stalls for 45 minutes until its authors undo it.",
         sre="see the new ReplicaSet crash-looping right after the rollout and roll limits back, unblocking the pipeline; no page needed."),
    dict(name="chain-deadlock-ledger", split="tune", topology="chain", duration="2h",
         workload=diurnal("2h"),
         faults=[{"type": "deadlock", "name": "ledger-lock-order", "target": {"deployment": "ledger", "namespace": "bank"},
                  "at": "35m", "duration": "60m", "pods": 2}],
         expectations=HEAL,
         description="Two of the four ledger pods deadlock (Ready, every request times out) for an hour.",
         story="A lock-ordering bug deadlocks two of the four ledger pods: they stay Ready and accept requests that all time out. limits "
               "retries into the ledger twice, so the two healthy pods take the retries too; errors climb the chain to the edge.",
         sre="restart the two deadlocked ledger pods (one at a time, PDB maxUnavailable 1), not the callers whose timeouts they cause."),
    dict(name="chain-slow-disk-ledger-store", split="tune", topology="chain", duration="2h",
         workload=diurnal("2h"),
         faults=[manifest("bank-ledger-store-io-latency", "45m"), manifest("bank-ledger-io-fault", "50m")],
         expectations=HEAL,
         description="ledger-store's disks slow down (15 min) while one ledger pod's journal volume fails 30 % of writes (10 min).",
         story="The ledger-store's network disks are throttled for 15 minutes (half the file operations +10 ms), so the ledger waits and "
               "retries into it; five minutes in, one ledger pod's own journal volume starts failing 30 % of its writes.",
         sre="replace the ledger pod with the failing volume; for the slow store, hold the callers, cut the ledger's retries into it and page storage once."),
    dict(name="chain-delay-accounts-partition-limits", split="tune", topology="chain", duration="2h",
         workload=diurnal("2h"),
         faults=[manifest("bank-accounts-network-delay", "40m"), manifest("bank-limits-network-partition", "45m")],
         expectations=HEAL,
         description="accounts answers 150 ms later for 15 minutes; one limits pod becomes a black hole for 10 minutes.",
         story="After a network change every accounts pod answers 150 ms later for 15 minutes: transfers and edge hold their workers "
               "longer and saturate. Five minutes in, one limits pod is partitioned from its peers but stays Ready: its requests vanish.",
         sre="isolate or replace the black-holed limits pod; for the delay, add capacity where the callers saturate and page the network team once."),
    dict(name="chain-time-skew-accounts-schedule-kill-edge", split="tune", topology="chain", duration="2h",
         workload=diurnal("2h"),
         faults=[manifest("bank-edge-kill-every-20m", "0s"), manifest("bank-accounts-time-skew", "50m")],
         expectations=HEAL,
         description="A standing Schedule kills one edge pod every 20 minutes; one accounts pod's clock is 12 minutes behind for 10 minutes.",
         story="The team's standing chaos Schedule kills one edge pod every 20 minutes (Kubernetes replaces it in seconds). At 50 minutes "
               "one accounts pod's clock falls 12 minutes behind: every token it checks looks expired, a third of accounts' requests fail.",
         sre="leave the edge kills to Kubernetes (no action); replace the skewed accounts pod so it lands on a node with a good clock."),
    dict(name="chain-misconfig-ledger-readiness", split="tune", topology="chain", duration="2h",
         workload=diurnal("2h"),
         faults=[{"type": "misconfiguration", "name": "ledger-readiness-path", "target": {"deployment": "ledger", "namespace": "bank"},
                  "at": "40m", "duration": "40m", "misconfiguration": "readiness-never-passes"}],
         expectations=DETECT,
         description="ledger's new revision points its readiness probe at a wrong path: new pods never turn Ready, the rollout stalls.",
         story="A config change moves ledger's health endpoint but not its readiness probe: the new pods never turn Ready. The rolling "
               "update takes one old pod down (maxUnavailable 1) and stalls there, leaving three of four pods serving until it is reverted.",
         sre="see the stalled rollout after the config change and roll ledger back; restarting pods does not help."),
    dict(name="chain-noisy-neighbour-bank-node-2", split="tune", topology="chain", duration="2h",
         workload=diurnal("2h"),
         faults=[{"type": "noisy-neighbour", "name": "batch-job-on-node-2", "target": {"node": "bank-node-2"},
                  "at": "30m", "duration": "45m", "cores": 3}],
         expectations=HEAL,
         description="A batch job without limits takes 3 of bank-node-2's 4 cores for 45 minutes; the chain's pods there slow down.",
         story="A reporting batch job scheduled without CPU limits lands on bank-node-2 and takes 3 of its 4 cores for 45 minutes: every "
               "pod on that node is throttled; the slow pods hold the chain's workers above them.",
         sre="see that the slow pods share one node, cordon it and move them off (evictions honouring the PDBs); page the batch owner once."),
    dict(name="chain-control-ramp-config-change", split="tune", topology="chain", duration="3h",
         workload={"type": "ramp", "at": "20m", "duration": "40m", "multiplier": 1.5, "hold": "40m"},
         changes=[change("config-change", "30m", "bank", "accounts"), change("scale", "50m", "bank", "ledger", replicas=6),
                  change("rollout", "100m", "bank", "transfers"), change("scale", "150m", "bank", "ledger", replicas=4)],
         expectations=CONTROL,
         description="No fault: traffic ramps to 1.5x over 40 minutes, holds 40 and ramps back; a config change, two scalings and a rollout.",
         story="Month-end: transfers ramp to 1.5x over 40 minutes, hold for 40 and return. During the ramp accounts gets a new config "
               "revision, ledger is scaled to 6 and later back to 4, and transfers rolls out a new version. All within capacity.",
         sre="nothing: load within capacity and routine changes are not incidents; no alert, no action, no page."),

    # ---------------------------------------------------------------- tune: media (namespace media)
    dict(name="media-cache-crashloop-memory-stress", split="tune", topology="media", duration="2h",
         workload=diurnal("2h"),
         faults=[manifest("media-object-cache-memory-stress", "50m")],
         expectations=HEAL,
         description="Two of three object-cache pods are pushed past their memory limit for 12 minutes and crash-loop.",
         story="At the peak, two of the three object-cache pods get 800 MB of extra memory pressure for 12 minutes: they are OOMKilled, "
               "restart, fill up again and crash-loop with back-off. The last pod takes all the cache traffic; manifests and players fail.",
         sre="diagnose a crash-looping store (not a rollout: nothing to roll back), add object-cache capacity so the healthy pods carry the load, and page once."),
    dict(name="media-cpu-stress-transcoder-upload-surge", split="tune", topology="media", duration="2h",
         workloads={"media/player-api": diurnal("2h"), "media/upload-api": {"type": "flash-crowd", "at": "40m", "duration": "20m", "multiplier": 3}},
         faults=[manifest("media-transcoder-cpu-stress", "45m")],
         expectations=HEAL_QUIET,
         description="Uploads triple for 20 minutes while every transcoder pod runs two stuck CPU workers (15 min).",
         story="A creator campaign triples uploads for 20 minutes; five minutes in, every transcoder pod gets two stuck ffmpeg children "
               "burning 75 % of a core each for 15 minutes. The HPAs scale on CPU, but the stolen CPU makes each pod slower.",
         sre="let the HPA work, add transcoder capacity beyond it if it saturates, and replace the pods with stuck workers; no restarts of upload-api."),
    dict(name="media-cpu-hog-manifests", split="tune", topology="media", duration="2h",
         workload=diurnal("2h"),
         faults=[{"type": "cpu-hog", "name": "manifests-busy-loop", "target": {"deployment": "manifests", "namespace": "media"},
                  "at": "30m", "duration": "60m", "cores": 0.3}],
         expectations=DETECT,
         description="A busy loop in manifests burns 0.3 cores in each pod for an hour; the HPA scales out on the wasted CPU.",
         story="A feature flag turns on a busy loop in manifests: each pod burns 0.3 cores for an hour, so requests queue and the HPA "
               "scales out on CPU that does no work.",
         sre="restart the hogging manifests pods one at a time (their replacements are clean, and the HPA can scale back in); do not touch the callers."),
    dict(name="media-bandwidth-upload-duplicate-manifests", split="tune", topology="media", duration="2h",
         workload=diurnal("2h"),
         faults=[manifest("media-upload-bandwidth", "40m"), manifest("media-manifests-network-duplicate", "45m")],
         expectations=HEAL_QUIET,
         description="upload-api's egress is shaped to 80 kB/s per pod (12 min) while manifests' packets are duplicated (15 min).",
         story="A wrong bandwidth annotation shapes upload-api's egress to 80 kB/s per pod for 12 minutes: uploads queue and the excess is "
               "dropped. Five minutes in, a mirrored switch port duplicates 60 % of the packets to manifests for 15 minutes.",
         sre="add upload-api capacity (or replace the shaped pods); let manifests' HPA absorb the duplicate load; no restarts of callers."),
    dict(name="media-pod-failure-thumbnailer-container-kill-player", split="tune", topology="media", duration="90m",
         workload=diurnal("90m"),
         faults=[manifest("media-thumbnailer-pod-failure", "30m"), manifest("media-player-container-kill", "60m")],
         expectations=DETECT,
         description="One thumbnailer pod hangs for 5 minutes; later one player-api container is killed and restarted in place.",
         story="One thumbnailer pod hangs on a corrupt image for 5 minutes (not Ready, liveness fails); half an hour later a native codec "
               "crash kills one player-api container, which the kubelet restarts in place.",
         sre="restart the hung thumbnailer pod if Kubernetes has not; leave the container kill to the kubelet; no page."),
    dict(name="media-node-failure", split="tune", topology="media", duration="2h",
         workload=diurnal("2h"),
         faults=[{"type": "node-failure", "name": "media-node-2-down", "target": {"node": "media-node-2"}, "at": "45m", "duration": "30m"}],
         expectations=DETECT,
         description="media-node-2 fails for 30 minutes; its pods are evicted after the 5-minute toleration and rescheduled.",
         story="media-node-2's kubelet dies at the peak: its pods black-hole requests until the node turns NotReady (40 s), and are only "
               "rescheduled after the 5-minute not-ready toleration. The HPAs and PDBs see fewer ready pods.",
         sre="cordon the lost node and delete its pods at once so they reschedule without waiting out the toleration; page once about the node."),
    dict(name="media-control-premiere-flash-crowd", split="tune", topology="media", duration="2h",
         workloads={"media/player-api": {"type": "flash-crowd", "at": "45m", "duration": "25m", "multiplier": 1.6},
                    "media/upload-api": diurnal("2h")},
         expectations=CONTROL,
         description="No fault: a premiere brings 1.6x the player traffic for 25 minutes; the HPAs scale player-api and manifests out and back.",
         story="A series premiere brings 1.6x the player traffic for 25 minutes. player-api and manifests scale out on CPU within a minute "
               "or two and back after the 5-minute stabilisation window; latency rises while they scale.",
         sre="nothing: the HPAs absorb the crowd; no alert, no action, no page."),
    dict(name="media-control-ramp-hpa-scale", split="tune", topology="media", duration="3h",
         workloads={"media/player-api": {"type": "ramp", "at": "20m", "duration": "30m", "multiplier": 1.8, "hold": "50m"},
                    "media/upload-api": diurnal("3h")},
         changes=[change("scale", "60m", "media", "object-cache", replicas=4), change("rollout", "80m", "media", "thumbnailer"),
                  change("config-change", "130m", "media", "manifests")],
         expectations=CONTROL,
         description="No fault: player traffic ramps to 1.8x and back with the HPAs following; object-cache scaled to 4, two routine changes.",
         story="An evening ramp: player traffic rises to 1.8x over 30 minutes, holds 50 and falls back; the HPAs follow. The team scales "
               "object-cache to 4 ahead of the peak, rolls out thumbnailer and changes manifests' config.",
         sre="nothing: HPA scaling and routine changes under a load ramp are not incidents; no alert, no action, no page."),

    # ---------------------------------------------------------------- holdout: orders (namespace orders)
    dict(name="orders-retry-storm-postgres", split="holdout", topology="orders", duration="2h",
         workload=diurnal("2h"),
         faults=[{"type": "dependency-slowdown", "name": "postgres-autovacuum", "target": {"service": "postgres", "namespace": "orders"},
                  "at": "50m", "duration": "25m", "addedLatency": "6ms"}],
         expectations=HEAL,
         description="postgres answers 6 ms slower for 25 minutes at the peak; four services retry into it.",
         story="An autovacuum on a hot table makes postgres 6 ms slower per query for 25 minutes at the daily peak. Its pool saturates; "
               "orders, inventory, shipping and billing retry (billing three times), and the retries keep it saturated.",
         sre="hold the callers, add postgres capacity and cut the retries into it (retry budget / circuit breaker); page once naming postgres."),
    dict(name="orders-bad-rollout-orders", split="holdout", topology="orders", duration="2h",
         workload=diurnal("2h"),
         faults=[{"type": "bad-rollout", "name": "orders-v311", "target": {"deployment": "orders", "namespace": "orders"},
                  "at": "35m", "duration": "45m", "errorPercent": 20, "latency": "60ms"}],
         expectations=HEAL,
         description="orders rolls out a revision failing 20 % of requests (+60 ms); rolled back by hand 45 minutes later.",
         story="orders rolls out v3.1.1 with a serialisation bug: 20 % of requests fail and the rest answer 60 ms slower. The web tier "
               "retries once; the authors roll back 45 minutes later.",
         sre="roll orders back to the previous revision within minutes of the onset; do not restart pods or touch postgres."),
    dict(name="orders-redis-crashloop-memory-stress", split="holdout", topology="orders", duration="2h",
         workload=diurnal("2h"),
         faults=[manifest("orders-redis-memory-stress", "50m")],
         expectations=HEAL,
         description="Every redis pod is pushed past its memory limit for 10 minutes and crash-loops; orders and inventory fail.",
         story="A client floods redis with large keys (eviction off): every redis pod passes its 1.5 GiB limit, is OOMKilled and "
               "crash-loops for 10 minutes. orders and inventory, which call redis on every request, fail with it.",
         sre="diagnose the crash-looping shared store, add fresh redis capacity, hold restarts of its callers, and page once with the evidence."),
    dict(name="orders-game-day-workflow", split="holdout", topology="orders", duration="2h",
         workload=diurnal("2h"),
         faults=[manifest("orders-game-day", "40m")],
         expectations=DETECT,
         description="A game-day Workflow: inventory +120 ms (5 min), calm (3 min), then all shipping pods killed while billing is held 400 ms (6 min).",
         story="The team's game day runs as one Workflow: inventory answers 120 ms later for 5 minutes, 3 minutes of calm, then every "
               "shipping pod is killed at once while billing's responses are held 400 ms for 6 minutes.",
         sre="detect each step, let Kubernetes replace the shipping pods, restart nothing healthy, and page at most once for the billing delay."),
    dict(name="orders-dns-random-shipping-leak-inventory", split="holdout", topology="orders", duration="3h",
         workload=diurnal("3h"),
         faults=[{"type": "memory-leak", "name": "inventory-listener-leak", "target": {"deployment": "inventory", "namespace": "orders"},
                  "at": "20m", "duration": "2h", "rate": "300Ki"},
                 manifest("orders-shipping-dns-random", "80m")],
         expectations=slow(HEAL, "15m"),
         description="inventory leaks 300 KiB/s for 2 hours; every shipping pod's DNS answers are random for 6 minutes meanwhile.",
         story="inventory leaks 300 KiB/s from listeners never removed: after ~20 minutes garbage collection slows it, after ~30 it is "
               "OOMKilled, again and again. An hour in, a poisoned DNS cache sends every shipping call to random addresses for 6 minutes.",
         sre="restart leaking inventory pods one at a time before they slow down; page once for shipping's DNS (restarts do not help)."),
    dict(name="orders-misconfig-billing-wrong-port", split="holdout", topology="orders", duration="2h",
         workload=diurnal("2h"),
         faults=[{"type": "misconfiguration", "name": "billing-port-swap", "target": {"deployment": "billing", "namespace": "orders"},
                  "at": "40m", "duration": "30m", "misconfiguration": "wrong-port"}],
         expectations=HEAL,
         description="billing's new config swaps its ports: every request refused until reverted 30 minutes later.",
         story="A config change swaps billing's HTTP and metrics ports: the new pods pass their probes but refuse every request. The "
               "rolling update completes, billing's availability drops to zero until the change is reverted 30 minutes later.",
         sre="tie the errors to billing's config change and roll it back at once."),
    dict(name="orders-pod-failure-postgres-loss-web", split="holdout", topology="orders", duration="2h",
         workload=diurnal("2h"),
         faults=[manifest("orders-postgres-pod-failure", "35m"), manifest("orders-web-network-loss", "60m")],
         expectations=HEAL_QUIET,
         description="One postgres replica hangs for 4 minutes; later one web pod loses 25 % of its packets for 8 minutes.",
         story="One postgres replica's storage driver hangs for 4 minutes: it stops answering, fails readiness and liveness. Twenty "
               "minutes after it recovers, a bad network interface makes one web pod lose a quarter of its packets for 8 minutes.",
         sre="let readiness take the postgres replica out (restart it if Kubernetes has not), and replace the lossy web pod; touch nothing else."),
    dict(name="orders-io-fault-postgres-replace-shipping", split="holdout", topology="orders", duration="2h",
         workload=diurnal("2h"),
         faults=[manifest("orders-postgres-io-fault", "45m"), manifest("orders-shipping-http-replace-503", "48m")],
         expectations=HEAL,
         description="One postgres replica's disk fails 15 % of operations (8 min) while half the shipping pods answer 503 (6 min).",
         story="One postgres replica's data volume degrades and fails 15 % of its operations for 8 minutes; three minutes in, a rotated "
               "carrier key makes half of the shipping pods answer 503 for 6 minutes. Two faults at once, on a store and on a service.",
         sre="replace the postgres replica with the failing disk (PDB minAvailable 2) and the 503-ing shipping pod; hold the callers."),
    dict(name="orders-control-routine-rollouts", split="holdout", topology="orders", duration="3h",
         workload=diurnal("3h", amplitude=0.5),
         changes=[change("rollout", "20m", "orders", "orders"), change("rollout", "45m", "orders", "inventory"),
                  change("config-change", "70m", "orders", "redis"), change("config-change", "95m", "orders", "web"),
                  change("scale", "120m", "orders", "shipping", replicas=3)],
         expectations=CONTROL,
         description="No fault: a strong daily wave (±50 %), rollouts of orders and inventory, config changes of redis and web, shipping scaled to 3.",
         story="A release day under a strong daily wave (+50 % at the peak): orders and inventory roll out new versions, redis and web "
               "get new config revisions (rolling restarts), shipping is scaled to 3 for the afternoon.",
         sre="nothing: routine changes under load are not incidents; no alert, no action, no page."),
    dict(name="orders-control-sale-flash-crowd", split="holdout", topology="orders", duration="2h",
         workloads={"orders/web": {"type": "flash-crowd", "at": "50m", "duration": "20m", "multiplier": 1.8},
                    "orders/billing": diurnal("2h")},
         expectations=CONTROL,
         description="No fault: a flash sale brings 1.8x the web traffic for 20 minutes, within capacity.",
         story="A flash sale brings 1.8x the web traffic for 20 minutes. Every tier is busier and slower; nothing fails.",
         sre="nothing: load within capacity is not an incident; no alert, no action, no page."),

    # ---------------------------------------------------------------- holdout: tight (namespace default)
    dict(name="tight-node-failure-large", split="holdout", topology="tight", duration="2h",
         workload=diurnal("2h"),
         faults=[{"type": "node-failure", "name": "large-1-down", "target": {"node": "large-1"}, "at": "40m", "duration": "25m"}],
         expectations=HEAL,
         description="The 4-core node fails for 25 minutes; the two 2-core nodes cannot hold every evicted pod.",
         story="large-1, the only 4-core node, fails for 25 minutes. Its pods black-hole requests for 40 s, then drop out of the endpoints; "
               "after the 5-minute toleration they are evicted, and the two small nodes cannot fit them all: some stay Pending.",
         sre="cordon the lost node, delete its pods at once so what fits reschedules without waiting out the toleration, and page once about the capacity."),
    dict(name="tight-noisy-neighbour-small-1", split="holdout", topology="tight", duration="2h",
         workload=diurnal("2h"),
         faults=[{"type": "noisy-neighbour", "name": "log-shipper-on-small-1", "target": {"node": "small-1"},
                  "at": "30m", "duration": "40m", "cores": 1.5}],
         expectations=HEAL,
         description="A runaway log shipper takes 1.5 of small-1's 2 cores for 40 minutes; the pods there slow down.",
         story="A log-shipper DaemonSet pod on small-1 runs away and takes 1.5 of its 2 cores for 40 minutes: every pod on the node is "
               "throttled; checkout and ingress slow down.",
         sre="see that the slow pods share a node, cordon small-1 and move the pods off where they fit (PDBs honoured); page once about the node."),
    dict(name="tight-crashloop-rollout-checkout", split="holdout", topology="tight", duration="2h",
         workload=diurnal("2h"),
         faults=[{"type": "bad-rollout", "name": "checkout-v9-crashloop", "target": {"deployment": "checkout"},
                  "at": "40m", "duration": "40m", "crashOnStart": True}],
         expectations=HEAL,
         description="checkout rolls out a revision whose pods exit on start; with no room to surge, one old pod is gone and the rest run hot.",
         story="checkout rolls out v9, which exits at start-up. The nodes have no room to surge, so the strategy is maxSurge 0 / "
               "maxUnavailable 1: one old pod is deleted, its replacement crash-loops, and two pods carry the peak until the authors undo it.",
         sre="see the new ReplicaSet crash-looping after the rollout and roll checkout back within minutes."),
    dict(name="tight-cpu-hog-tax-pod-kill-sessions", split="holdout", topology="tight", duration="2h",
         workload=diurnal("2h"),
         faults=[{"type": "cpu-hog", "name": "tax-regex-backtracking", "target": {"deployment": "tax"},
                  "at": "30m", "duration": "60m", "cores": 0.2},
                 manifest("default-sessions-pod-kill", "50m")],
         expectations=HEAL,
         description="tax burns 0.2 cores per pod in a backtracking regex for an hour; two sessions pods are killed meanwhile.",
         story="A new tax rule triggers catastrophic regex backtracking: each tax pod burns 0.2 extra cores for an hour and checkout's "
               "calls into it slow down. Twenty minutes in, spot reclamation deletes two of the three sessions pods.",
         sre="restart the hogging tax pods one at a time; leave the sessions pods to their ReplicaSet."),
    dict(name="tight-slow-payment-provider", split="holdout", topology="tight", duration="2h",
         workload=diurnal("2h"),
         faults=[manifest("default-payments-http-delay", "45m")],
         expectations=HEAL,
         description="The payment provider answers 600 ms late for 12 minutes; checkout's calls miss their deadline and retry.",
         story="The external payment provider slows down: payments answers 600 ms later for 12 minutes. checkout's 800 ms deadline is "
               "missed more often and retried, checkout's workers fill up and ingress sees errors.",
         sre="hold restarts of checkout and ingress, cut checkout's retries into payments (or open a circuit) and page once naming the provider."),
    dict(name="tight-cpu-stress-payments-partition-sessions", split="holdout", topology="tight", duration="2h",
         workload=diurnal("2h"),
         faults=[manifest("default-payments-cpu-stress", "35m"), manifest("default-sessions-network-partition", "60m"),
                 manifest("default-ingress-network-corrupt", "85m")],
         expectations=HEAL,
         description="payments' CPU is stolen by a stuck worker (10 min); one sessions pod is black-holed (6 min); one ingress pod corrupts 10 % (6 min).",
         story="Three unrelated faults on the small cluster: a stuck PDF renderer takes 60 % of a core in every payments pod for 10 "
               "minutes; later one sessions pod is partitioned from its peers but stays Ready for 6 minutes; later still one ingress pod "
               "corrupts 10 % of its packets for 6 minutes.",
         sre="replace the stressed payments pods (one at a time, PDB minAvailable 1), the black-holed sessions pod and the corrupting ingress pod."),
    dict(name="tight-control-maintenance-drain", split="holdout", topology="tight", duration="2h",
         workload={"type": "ramp", "at": "10m", "duration": "30m", "multiplier": 1.3},
         changes=[change("drain", "50m", node="small-2", duration="25m")],
         expectations=CONTROL,
         description="No fault: traffic ramps to 1.3x; small-2 is drained for kernel patching (PDBs honoured) and uncordoned 25 minutes later.",
         story="Patch Tuesday: traffic ramps to 1.3x over the morning, then small-2 is cordoned and drained for a kernel update (the PDBs "
               "keep ingress, checkout and sessions at two ready pods) and uncordoned 25 minutes later.",
         sre="nothing: a drain that honours the PDBs is maintenance; no alert, no action, no page."),

    # ---------------------------------------------------------------- holdout: multi (namespaces web, payments, identity)
    dict(name="multi-retry-storm-ledger-slow-disk", split="holdout", topology="multi", duration="2h",
         workload=diurnal("2h"),
         faults=[manifest("payments-ledger-io-latency", "50m")],
         expectations=HEAL,
         description="The ledger's disks answer 6 ms later for 20 minutes; payments-api and fraud retry into it.",
         story="A noisy tenant on the storage array slows the ledger's volumes by 6 ms per operation for 20 minutes. The ledger's queue "
               "grows past its callers' 300 ms deadline; payments-api and fraud retry twice each, keeping it saturated.",
         sre="hold the callers, add ledger capacity and cut the retries into it; page storage once."),
    dict(name="multi-misconfig-auth-readiness", split="holdout", topology="multi", duration="2h",
         workload=diurnal("2h"),
         faults=[{"type": "misconfiguration", "name": "auth-probe-port", "target": {"deployment": "auth", "namespace": "identity"},
                  "at": "40m", "duration": "40m", "misconfiguration": "readiness-never-passes"}],
         expectations=DETECT,
         description="auth's new revision has a readiness probe on the wrong port: new pods never turn Ready, the rollout stalls.",
         story="A config change moves auth's readiness probe to a port nothing listens on: new pods never turn Ready, the rolling update "
               "stalls with one old pod gone and three serving, until it is reverted 40 minutes later.",
         sre="see the stalled rollout after the config change and roll auth back."),
    dict(name="multi-bad-rollout-bff-latency", split="holdout", topology="multi", duration="2h",
         workload=diurnal("2h"),
         faults=[{"type": "bad-rollout", "name": "bff-n-plus-one", "target": {"deployment": "bff", "namespace": "web"},
                  "at": "35m", "duration": "50m", "errorPercent": 3, "latency": "400ms"}],
         expectations=HEAL,
         description="bff rolls out a revision with an N+1 query: +400 ms and 3 % errors, until rolled back 50 minutes later.",
         story="bff rolls out a revision with an N+1 query: every response takes 400 ms longer and 3 % fail. frontend's 700 ms deadline "
               "is missed and retried; both web services break their SLOs until the authors roll back 50 minutes later.",
         sre="roll bff back within minutes of the onset; do not restart frontend pods."),
    dict(name="multi-crashloop-rollout-fraud", split="holdout", topology="multi", duration="2h",
         workload=diurnal("2h"),
         faults=[{"type": "bad-rollout", "name": "fraud-model-v12-crashloop", "target": {"deployment": "fraud", "namespace": "payments"},
                  "at": "40m", "duration": "40m", "crashOnStart": True}],
         expectations=HEAL_QUIET,
         description="fraud rolls out a model that fails to load: the new pods crash-loop, the rollout stalls with fraud short of a pod.",
         story="fraud rolls out model v12, which fails to load and exits: the new pods crash-loop, one old pod is gone (maxUnavailable 1), "
               "and two pods score every payment until the authors undo it 40 minutes later.",
         sre="see the new ReplicaSet crash-looping after the rollout and roll fraud back within minutes."),
    dict(name="multi-deadlock-users-db-dns-error-frontend", split="holdout", topology="multi", duration="2h",
         workload=diurnal("2h"),
         faults=[{"type": "deadlock", "name": "users-db-stuck-replica", "target": {"deployment": "users-db", "namespace": "identity"},
                  "at": "30m", "duration": "60m", "pods": 1},
                 manifest("web-frontend-dns-error", "50m")],
         expectations=HEAL,
         description="One users-db pod deadlocks for an hour (identity); one frontend pod's DNS fails for 5 minutes (web).",
         story="One users-db replica deadlocks (Ready, every query times out) for an hour: auth's cache misses that land on it retry. In "
               "another team's namespace, one frontend pod cannot resolve cluster names for 5 minutes.",
         sre="restart the deadlocked users-db pod (PDB minAvailable 2) and replace the frontend pod; two separate incidents in two namespaces."),
    dict(name="multi-time-skew-auth-schedule-container-kill", split="holdout", topology="multi", duration="2h",
         workload=diurnal("2h"),
         faults=[manifest("identity-auth-container-kill-every-20m", "0s"), manifest("identity-auth-time-skew", "45m")],
         expectations=HEAL,
         description="A standing Schedule kills one auth container every 20 minutes; one auth pod's clock is 8 minutes behind for 10 minutes.",
         story="The identity team's standing chaos Schedule kills one auth container every 20 minutes (restarted in place). At 45 "
               "minutes one auth pod's clock falls 8 minutes behind: every token it checks fails, a quarter of auth's requests fail.",
         sre="leave the container kills to the kubelet; replace the skewed auth pod so it lands on a node with a good clock."),
    dict(name="multi-network-faults-three-namespaces", split="holdout", topology="multi", duration="2h",
         workload=diurnal("2h"),
         faults=[manifest("payments-api-bandwidth", "30m"), manifest("identity-users-db-network-duplicate", "55m"),
                 manifest("web-bff-http-abort", "80m")],
         expectations=HEAL_QUIET,
         description="payments-api shaped to 400 kB/s (10 min); users-db traffic duplicated (10 min); one bff pod aborts GETs (5 min).",
         story="One network problem per team: an egress policy meant for a batch namespace shapes payments-api to 400 kB/s per pod "
               "for 10 minutes; a traffic mirror duplicates half of the packets to users-db for 10 minutes; a bad rate-limit rule makes "
               "one bff pod abort every GET for 5 minutes.",
         sre="add payments-api capacity (new pods are not shaped), add users-db capacity if it saturates, replace the aborting bff pod."),
    dict(name="multi-control-flash-crowd-scale-rollouts", split="holdout", topology="multi", duration="2h",
         workloads={"web/frontend": {"type": "flash-crowd", "at": "40m", "duration": "20m", "multiplier": 1.8},
                    "payments/payments-api": diurnal("2h"), "identity/auth": diurnal("2h")},
         changes=[change("scale", "35m", "web", "bff", replicas=6), change("rollout", "60m", "identity", "auth"),
                  change("config-change", "85m", "payments", "payments-api"), change("rollout", "100m", "payments", "fraud")],
         expectations=CONTROL,
         description="No fault: a 1.8x flash crowd on the web namespace, bff scaled to 6, rollouts of auth and fraud, a payments-api config change.",
         story="Three teams' ordinary day: a campaign brings 1.8x the web traffic for 20 minutes (bff scaled to 6 ahead of it); identity "
               "rolls out auth; payments changes payments-api's config and rolls out fraud.",
         sre="nothing: load within capacity and routine changes across namespaces are not incidents; no alert, no action, no page."),
]
