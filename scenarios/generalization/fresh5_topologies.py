"""The two topologies of fresh5/, the sixth held-out split (read by generate.py; README "fresh5/").

Written on 2026-12-08, blind to the engine (no detector, policy or engine code read, no engine figure
looked at), by the rules of topologies.py: one team's cluster each, sized so the busiest pod of each
service runs at 30-60 % of its capacity at the daily peak where it matters, slow starters given time to
start (startup probes). They are unlike the sixteen of topologies.py and fresh*_topologies.py in domain,
names, namespaces, node pools, rates and call graphs. In their broad shape they are kin to fresh4's two
(a synchronous transaction path over a quorum store and a search cluster beside a customer-facing portal;
a low-rate Poisson entry into a fixed CPU-heavy pool beside high-rate diurnal entries), and differ from
them in what those lack: a ticketing tier between the transaction path and the payment provider, a
shopping path (look-to-book) that loads the JVM fare engine from the customers' side, a single retry at
the edge, general nodes of two sizes; a pool of five, an in-memory leaderboard written by every result and
read at sign-in, a classifier asked for only part of the messages, a quorum store in a namespace of its own
read across namespaces:

- airline: an airline's reservations system; travel agencies book through the global distribution
  systems (GDS) into gds-gateway (the GDS resubmits a failed sell once), reservations checks seat
  availability (a seat cache and an inventory store), has a JVM fare engine price the itinerary (it asks
  the fare-filing service outside for a fifth of the fares), has ticketing charge the card at the payment
  provider outside for ticketed bookings, writes the passenger name record (PNR) to a quorum store and
  updates the flight-search cluster; travellers use shop-web, which logs in through the loyalty
  programme's SSO outside, has offers search flights (and price a few: the look-to-book load on the fare
  engine), shows seat maps and has checkin issue boarding passes into the wallet service outside;
- game: a multiplayer game's backend; dedicated game servers post finished matches (Poisson) to
  match-results, which has a fixed pool of replay encoders encode each match's replay into renditions
  written to a blob store outside, records the ratings in player-db (a quorum store) and the scores in an
  in-memory leaderboard; players' clients queue through matchmaker (half its requests allocate servers
  from the hosting provider's fleet outside, 40 % read skill ratings through ratings); sign-in goes
  through login-api (the console platform's auth outside, the player's inventory from player-db, a fifth
  read the leaderboard); party chat goes through chat-gw to an autoscaled toxicity
  classifier (one call, a tight deadline, no retry) and a quorum party broker.
"""
from fresh_topologies import host
from topologies import call, container


def zone(z, **more):
    return {"topology.kubernetes.io/zone": z} | more


def probed(cpu, mem_req, mem_limit, mem_base, service_time, concurrency, startup, **extra):
    """A slow starter guarded by a startup probe (period 10 s, enough misses to cover its start-up twice)
    instead of a long liveness delay."""
    c = container(cpu, mem_req, mem_limit, mem_base, service_time, concurrency, startup=startup, **extra)
    c.pop("livenessProbe", None)
    c["startupProbe"] = {"period": "10s", "failureThreshold": 2 * int(startup[:-1]) // 10 + 1}
    return c


# Airline reservations (namespaces gds, res, web, search): travel agencies' sells arrive through the GDS
# around the clock (±25 % over the day) at gds-gateway, which the GDS retries once; reservations asks
# availability (seat-cache, inventory-db for the misses), has pricing (a JVM fare engine, HPA) price the
# itinerary — pricing checks availability again and asks the fare-filing service outside for a fifth of
# the fares — has ticketing issue the e-ticket for the 30 % that ticket at once (it charges the card at the
# payment provider outside and writes the ticket to pnr-db), writes the PNR to pnr-db (a 3-member StatefulSet; half its requests, the writes, a quorum acknowledges) and
# updates flight-search (a 3-member search cluster; a quarter of its requests replicate by quorum).
# Travellers use shop-web: loyalty SSO outside, offers (flight searches, a few of them priced by the fare
# engine: the look-to-book load), seat maps, and check-in, which issues a boarding pass into the wallet
# service outside. Three 16-core and three 8-core nodes over three zones, two 32-core store nodes.
AIRLINE = {
    "name": "airline",
    "summary": "airline: gds-gateway → reservations.res (retried ×1) → availability (→ seat-cache, inventory-db), pricing (HPA; → availability, fares.atpco.example.com), ticketing (→ payments.psp.example.com, pnr-db), pnr-db (quorum), flight-search.search (quorum on updates); shop-web → sso.loyalty.example.org, offers (→ flight-search, pricing.res), availability, checkin (→ passes.wallet.example.com)",
    "nodes": [{"name": f"air-node-{i}", "cpu": 16 if i <= 3 else 8, "memory": "64Gi" if i <= 3 else "32Gi",
               "labels": zone("europe-west1-" + "bcd"[(i - 1) % 3])} for i in range(1, 7)]
             + [{"name": f"air-store-{i}", "cpu": 32, "memory": "256Gi",
                 "labels": zone("europe-west1-" + "bc"[i - 1], **{"cloud.google.com/gke-nodepool": "stores"})} for i in (1, 2)],
    "deployments": [
        {"name": "gds-gateway", "namespace": "gds", "replicas": 3, "strategy": {"maxSurge": "34%", "maxUnavailable": 0},
         "container": container("500m", "512Mi", "1Gi", "300Mi", "3ms", 64, startup="8s")},
        {"name": "reservations", "namespace": "res", "replicas": 3, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("1", "1Gi", "2Gi", "700Mi", "8ms", 48, startup="15s")},
        {"name": "availability", "namespace": "res", "replicas": 3, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("500m", "512Mi", "1Gi", "350Mi", "6ms", 3, startup="10s")},
        {"name": "seat-cache", "namespace": "res", "replicas": 2,
         "container": container("500m", "2Gi", "3Gi", "1500Mi", "400us", 4, startup="5s")},
        {"name": "inventory-db", "namespace": "res", "replicas": 2,
         "container": probed("1", "4Gi", "6Gi", "3Gi", "3ms", 4, startup="40s")},
        # The fare engine: a JVM, CPU-heavy, scaled on CPU between 4 and 10 pods.
        {"name": "pricing", "namespace": "res", "replicas": 4, "strategy": {"maxSurge": "25%", "maxUnavailable": 0},
         "hpa": {"minReplicas": 4, "maxReplicas": 10, "targetCpuUtilization": 0.25},
         "container": probed("2", "3Gi", "4Gi", "2Gi", "30ms", 6, startup="50s")},
        {"name": "ticketing", "namespace": "res", "replicas": 2, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("1", "1Gi", "2Gi", "600Mi", "10ms", 16, startup="12s")},
        {"name": "pnr-db", "namespace": "res", "kind": "StatefulSet", "replicas": 3,
         "container": probed("4", "16Gi", "24Gi", "12Gi", "5ms", 2, startup="60s")},
        {"name": "flight-search", "namespace": "search", "kind": "StatefulSet", "replicas": 3,
         "container": probed("4", "16Gi", "24Gi", "12Gi", "8ms", 4, startup="90s")},
        {"name": "shop-web", "namespace": "web", "replicas": 4, "strategy": {"maxSurge": "25%", "maxUnavailable": "25%"},
         "container": container("1", "1Gi", "2Gi", "600Mi", "5ms", 16, startup="12s")},
        {"name": "offers", "namespace": "web", "replicas": 3, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("500m", "512Mi", "1Gi", "400Mi", "4ms", 24, startup="10s")},
        {"name": "checkin", "namespace": "web", "replicas": 2, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("500m", "512Mi", "1Gi", "400Mi", "15ms", 8, startup="10s")},
    ],
    "services": [
        {"name": "gds-gateway", "namespace": "gds", "base_rps": 90, "slo": {"availability": 0.995, "latencyP99": "3s"},
         "calls": [call("reservations.res", 1.0, "5s", 1, "1s")]},
        {"name": "reservations", "namespace": "res", "slo": {"availability": 0.995, "latencyP99": "2s"},
         "calls": [call("availability", 1.0, "300ms", 1, "20ms"), call("pricing", 1.0, "3s"), call("ticketing", 0.3, "3s"),
                   call("pnr-db", 2.0, "200ms", 2, "20ms"), call("flight-search.search", 1.0, "500ms", 1, "50ms")]},
        {"name": "ticketing", "namespace": "res", "slo": {"availability": 0.995, "latencyP99": "2s"},
         "calls": [host("payments.psp.example.com", 1.0, "120ms", "2s", 1, "300ms"), call("pnr-db", 1.0, "200ms", 2, "20ms")]},
        {"name": "availability", "namespace": "res", "slo": {"availability": 0.999, "latencyP99": "200ms"},
         "calls": [call("seat-cache", 1.0, "50ms", 1, "5ms"), call("inventory-db", 0.1, "200ms", 1, "20ms")]},
        {"name": "seat-cache", "namespace": "res", "slo": {"availability": 0.999, "latencyP99": "20ms"}},
        {"name": "inventory-db", "namespace": "res", "slo": {"availability": 0.999, "latencyP99": "100ms"}},
        {"name": "pricing", "namespace": "res", "slo": {"availability": 0.995, "latencyP99": "1s"},
         "calls": [call("availability", 1.0, "300ms", 1, "20ms"), host("fares.atpco.example.com", 0.2, "80ms", "1s", 1, "200ms")]},
        {"name": "pnr-db", "namespace": "res", "slo": {"availability": 0.9995, "latencyP99": "100ms"},
         "peers": {"mode": "quorum", "perRequest": 0.5, "latency": "2ms", "deadline": "100ms", "retries": 1}},
        {"name": "flight-search", "namespace": "search", "slo": {"availability": 0.999, "latencyP99": "300ms"},
         "peers": {"mode": "quorum", "perRequest": 0.25, "latency": "3ms", "deadline": "200ms", "retries": 1}},
        {"name": "shop-web", "namespace": "web", "base_rps": 300, "slo": {"availability": 0.999, "latencyP99": "1s"},
         "calls": [host("sso.loyalty.example.org", 0.1, "80ms", "1s", 1, "200ms"), call("offers", 0.6, "2s"),
                   call("availability.res", 0.3, "300ms", 1, "20ms"), call("checkin", 0.15, "3s", 1, "200ms")]},
        {"name": "offers", "namespace": "web", "slo": {"availability": 0.999, "latencyP99": "1s"},
         "calls": [call("flight-search.search", 1.0, "500ms", 1, "50ms"), call("pricing.res", 0.15, "1s")]},
        {"name": "checkin", "namespace": "web", "slo": {"availability": 0.995, "latencyP99": "2s"},
         "calls": [host("passes.wallet.example.com", 1.0, "40ms", "2s", 2, "200ms")]},
    ],
    "pdbs": [
        {"name": "pnr-db", "namespace": "res", "selector": {"app": "pnr-db"}, "minAvailable": 2},
        {"name": "flight-search", "namespace": "search", "selector": {"app": "flight-search"}, "maxUnavailable": 1},
        {"name": "pricing", "namespace": "res", "selector": {"app": "pricing"}, "minAvailable": "75%"},
        {"name": "shop-web", "namespace": "web", "selector": {"app": "shop-web"}, "maxUnavailable": "25%"},
        {"name": "gds-gateway", "namespace": "gds", "selector": {"app": "gds-gateway"}, "minAvailable": 2},
    ],
}

# Multiplayer game backend (namespaces match, play, profile, social): dedicated game servers post each
# finished match to match-results (whole Poisson requests: matches end when they end), which has the
# replay-encoder pool encode its replay into three renditions written to the blob store outside, records
# the rating changes in player-db (namespace profile; a 3-member StatefulSet, a tenth of its requests
# replicate by quorum) and the scores in leaderboard (an in-memory sorted-set store). Clients queue through
# matchmaker: half its requests allocate or poll a server from the hosting provider's fleet outside, 40 %
# read skill ratings through ratings from player-db. Sign-in goes through login-api: the console
# platform's auth outside, the player's inventory (from player-db), and for a fifth the leaderboard. Party
# chat goes through chat-gw to toxicity (a CPU-heavy classifier behind an HPA, asked about the 60 % of
# messages that are text, once, with a tight deadline) and party-broker (a 3-member StatefulSet; every
# message a quorum acknowledges). Five 16-core nodes over three zones, two 32-core compute nodes.
GAME = {
    "name": "game",
    "summary": "game: match-results (Poisson) → replay-encoder (fixed pool, → replays.blob.example.net ×3), player-db.profile (quorum), leaderboard.play; matchmaker → allocator.fleet.example.net, ratings → player-db.profile; login-api → auth.platform.example.com, inventory → player-db, leaderboard.play; chat-gw.social → toxicity (HPA, no retry), party-broker (quorum on every message)",
    "nodes": [{"name": f"game-node-{i}", "cpu": 16, "memory": "64Gi", "labels": zone("us-west-2" + "abc"[(i - 1) % 3])} for i in range(1, 6)]
             + [{"name": f"game-compute-{i}", "cpu": 32, "memory": "64Gi",
                 "labels": zone("us-west-2" + "ab"[i - 1], **{"node.kubernetes.io/instance-type": "c6i.8xlarge"})} for i in (1, 2)],
    "deployments": [
        {"name": "match-results", "namespace": "match", "replicas": 3, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("500m", "512Mi", "1Gi", "300Mi", "10ms", 16, startup="8s")},
        # A fixed pool sized for the matches that end: five pods of four encoder workers.
        {"name": "replay-encoder", "namespace": "match", "replicas": 5, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("4", "4Gi", "8Gi", "2Gi", "250ms", 4, startup="20s")},
        {"name": "matchmaker", "namespace": "play", "replicas": 4, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("1", "1Gi", "2Gi", "600Mi", "2ms", 16, startup="8s")},
        {"name": "leaderboard", "namespace": "play", "replicas": 2,
         "container": container("500m", "4Gi", "6Gi", "3Gi", "300us", 4, startup="5s")},
        {"name": "ratings", "namespace": "play", "replicas": 4, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("1", "512Mi", "1Gi", "400Mi", "8ms", 3, startup="10s")},
        {"name": "player-db", "namespace": "profile", "kind": "StatefulSet", "replicas": 3,
         "container": probed("2", "8Gi", "12Gi", "6Gi", "3ms", 2, startup="45s")},
        {"name": "login-api", "namespace": "profile", "replicas": 3, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("500m", "512Mi", "1Gi", "350Mi", "4ms", 32, startup="8s")},
        {"name": "inventory", "namespace": "profile", "replicas": 3, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": probed("1", "1Gi", "2Gi", "800Mi", "5ms", 4, startup="35s")},
        {"name": "chat-gw", "namespace": "social", "replicas": 4, "strategy": {"maxSurge": "25%", "maxUnavailable": 0},
         "container": container("500m", "512Mi", "1Gi", "300Mi", "3ms", 16, startup="6s")},
        {"name": "toxicity", "namespace": "social", "replicas": 6,
         "hpa": {"minReplicas": 6, "maxReplicas": 16, "targetCpuUtilization": 0.6},
         "container": container("1", "2Gi", "3Gi", "1500Mi", "10ms", 3, startup="15s")},
        {"name": "party-broker", "namespace": "social", "kind": "StatefulSet", "replicas": 3,
         "container": probed("2", "4Gi", "8Gi", "3Gi", "4ms", 4, startup="30s")},
    ],
    "services": [
        {"name": "match-results", "namespace": "match", "base_rps": 16, "slo": {"availability": 0.999, "latencyP99": "8s"},
         "calls": [call("replay-encoder", 1.0, "6s", 1, "500ms"), call("player-db.profile", 1.0, "200ms", 2, "20ms"),
                   call("leaderboard.play", 1.0, "100ms", 1, "10ms")]},
        {"name": "replay-encoder", "namespace": "match", "slo": {"availability": 0.999, "latencyP99": "6s"},
         "calls": [host("replays.blob.example.net", 3.0, "30ms", "2s", 2, "200ms")]},
        {"name": "matchmaker", "namespace": "play", "base_rps": 450, "slo": {"availability": 0.999, "latencyP99": "500ms"},
         "calls": [host("allocator.fleet.example.net", 0.5, "25ms", "1s", 1, "50ms"), call("ratings", 0.4, "500ms", 1, "50ms")]},
        {"name": "leaderboard", "namespace": "play", "slo": {"availability": 0.999, "latencyP99": "20ms"}},
        {"name": "ratings", "namespace": "play", "slo": {"availability": 0.999, "latencyP99": "200ms"},
         "calls": [call("player-db.profile", 1.0, "100ms", 1, "10ms")]},
        {"name": "player-db", "namespace": "profile", "slo": {"availability": 0.9995, "latencyP99": "60ms"},
         "peers": {"mode": "quorum", "perRequest": 0.1, "latency": "2ms", "deadline": "100ms", "retries": 1}},
        {"name": "login-api", "namespace": "profile", "base_rps": 150, "slo": {"availability": 0.999, "latencyP99": "1s"},
         "calls": [call("inventory", 1.0, "300ms", 1, "20ms"), host("auth.platform.example.com", 1.0, "60ms", "800ms", 1, "100ms"),
                   call("leaderboard.play", 0.2, "100ms", 1, "10ms")]},
        {"name": "inventory", "namespace": "profile", "slo": {"availability": 0.999, "latencyP99": "150ms"},
         "calls": [call("player-db", 1.0, "100ms", 1, "10ms")]},
        {"name": "chat-gw", "namespace": "social", "base_rps": 350, "slo": {"availability": 0.995, "latencyP99": "500ms"},
         "calls": [call("toxicity", 0.6, "200ms"), call("party-broker", 1.0, "200ms", 2, "20ms")]},
        {"name": "toxicity", "namespace": "social", "slo": {"availability": 0.995, "latencyP99": "150ms"}},
        {"name": "party-broker", "namespace": "social", "slo": {"availability": 0.999, "latencyP99": "100ms"},
         "peers": {"mode": "quorum", "perRequest": 1.0, "latency": "2ms", "deadline": "50ms", "retries": 1}},
    ],
    "pdbs": [
        {"name": "player-db", "namespace": "profile", "selector": {"app": "player-db"}, "minAvailable": 2},
        {"name": "party-broker", "namespace": "social", "selector": {"app": "party-broker"}, "minAvailable": 2},
        {"name": "replay-encoder", "namespace": "match", "selector": {"app": "replay-encoder"}, "maxUnavailable": 1},
        {"name": "matchmaker", "namespace": "play", "selector": {"app": "matchmaker"}, "maxUnavailable": 1},
        {"name": "toxicity", "namespace": "social", "selector": {"app": "toxicity"}, "minAvailable": "50%"},
    ],
}

FRESH5_TOPOLOGIES = {t["name"]: t for t in (AIRLINE, GAME)}
