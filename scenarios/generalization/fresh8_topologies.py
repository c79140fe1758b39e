"""The two topologies of fresh8/, the ninth held-out split (read by generate.py; README "fresh8/").

Written on 2026-12-08, blind to the engine (no detector, policy or engine code read, no engine figure
looked at), by the rules of topologies.py: one team's cluster each, sized so the busiest pod of each
service runs well inside its capacity at the daily peak, slow starters given time to start (startup
probes). They are unlike the twenty-two of topologies.py and fresh*_topologies.py in domain, names,
namespaces, node pools, rates and call graphs, and take shapes the earlier splits lack:

- lunch: a food-delivery marketplace on GKE at its lunch peak. Couriers' apps send their positions
  (2,000 updates a second, no retries: the next one follows) through courier-gw into geo-index, an
  in-memory geospatial index (a JVM, alone in namespace geo, read from three others: couriers, eaters'
  restaurant search and dispatch), and courier-state. Eaters (eater-api) browse restaurants near them
  (restaurant-search, an HPA: geo-index, menus, an ETA per listing) and check out through basket, a wide
  fan-out (menu, pricing, promo, order-db, dispatch, notify, the restaurants' point-of-sale integration and
  the payment provider outside). Orders are dispatched: eater-api -> basket -> dispatcher -> eta-model ->
  geo-index, four hops; eta-model is a fixed pool of CPU-heavy route-time models that asks a maps
  provider outside. order-db is a quorum StatefulSet. The general pool is tight (91 % of the cluster's
  CPU requested): a drained node leaves pods Pending.
- cards: a bank's card-authorisation path on bare-metal OpenShift in two data halls (no cloud provider).
  Authorisation requests from the card networks (ISO 8583, 800 a second) come through iso-gateway, a
  fixed pool of four JVMs (one scheme session each: no surge), to auth-engine, which fans every request out
  to eight checks — card-vault, limits, risk-scorer, hsm-proxy (the cryptogram), balance-ledger (the
  hold), token-svc, notify, and the 3-D Secure directory outside — under a very strict p99 (the
  network's stand-in timer). The risk path is iso-gateway -> auth-engine -> risk-scorer -> fraud-model ->
  feature-cache, four hops; fraud-model is a fixed pool of four 4-core scorers. hsm-proxy (alone in
  namespace hsm, called from iso, issuer and app) fronts the hardware security modules outside the
  cluster. balance-ledger is a quorum StatefulSet read and written by auth-engine, limits and the
  cardholders' app (cardholder-api, an HPA).
"""
from fresh5_topologies import probed
from fresh_topologies import host
from topologies import call, container


def gce(zone, name):
    return f"gce://lunchrush-prod/{zone}/{name}"


# Food-delivery marketplace (namespaces checkout, dispatch, eater, fleet, geo). Couriers' apps (2,000 position
# updates/s, ±30 % over the day) -> courier-gw (no retries) -> geo-index.geo (every update), courier-state (every
# update), dispatcher.dispatch (offer accepts). Eaters (300/s, ±50 %: lunch) -> eater-api -> restaurant-search (HPA;
# -> geo-index.geo, menu, eta-model.dispatch), menu, basket.checkout (wide fan-out), courier-state.fleet (tracking).
# basket -> dispatcher -> eta-model (fixed pool; -> geo-index.geo, routes.maps.example.com) -> geo-index.geo.
# GKE: five 8-core general nodes (tight) and two 16-core compute nodes over three zones.
LUNCH = {
    "name": "lunch",
    "summary": "lunch: courier-gw.fleet (no retry) → geo-index.geo, courier-state, dispatcher.dispatch; eater-api.eater → restaurant-search (HPA; → geo-index.geo, menu, eta-model.dispatch), menu, courier-state.fleet, basket.checkout (fan-out: menu.eater, pricing, promo, order-db (quorum), dispatcher.dispatch, notify (→ push.fcm.example.com), pos.partner-kitchens.example.com, pay.psp-lunch.example.net); dispatcher → eta-model (fixed pool; → geo-index.geo, routes.maps.example.com), courier-state.fleet, geo-index.geo, order-db.checkout",
    "nodes": [{"name": f"lunch-std-{i}", "cpu": 8, "memory": "32Gi", "providerID": gce("europe-west4-" + "abc"[(i - 1) % 3], f"gke-lunch-general-7f3a-{i:04d}"),
               "labels": {"topology.kubernetes.io/zone": "europe-west4-" + "abc"[(i - 1) % 3], "cloud.google.com/gke-nodepool": "general",
                          "node.kubernetes.io/instance-type": "n2-standard-8"}} for i in range(1, 6)]
             + [{"name": f"lunch-c2-{i}", "cpu": 16, "memory": "64Gi", "providerID": gce("europe-west4-" + "ab"[i - 1], f"gke-lunch-compute-2c1d-{i:04d}"),
                 "labels": {"topology.kubernetes.io/zone": "europe-west4-" + "ab"[i - 1], "cloud.google.com/gke-nodepool": "compute",
                            "node.kubernetes.io/instance-type": "c2-standard-16"}} for i in (1, 2)],
    "deployments": [
        # The order store (namespace checkout sorts first): three members, a write needs two of them.
        {"name": "order-db", "namespace": "checkout", "kind": "StatefulSet", "replicas": 3,
         "container": probed("4", "16Gi", "24Gi", "12Gi", "5ms", 2, startup="60s")},
        {"name": "basket", "namespace": "checkout", "replicas": 3, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("1", "1Gi", "2Gi", "700Mi", "4ms", 24, startup="15s")},
        {"name": "pricing", "namespace": "checkout", "replicas": 2, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("500m", "512Mi", "1Gi", "350Mi", "2ms", 4, startup="10s")},
        {"name": "promo", "namespace": "checkout", "replicas": 2, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("500m", "512Mi", "1Gi", "350Mi", "3ms", 4, startup="10s")},
        {"name": "notify", "namespace": "checkout", "replicas": 2,
         "container": container("250m", "256Mi", "512Mi", "180Mi", "2ms", 8, startup="6s")},
        # Dispatch: a JVM matching orders to couriers.
        {"name": "dispatcher", "namespace": "dispatch", "replicas": 3, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": probed("2", "3Gi", "4Gi", "2Gi", "6ms", 16, startup="45s")},
        # Route-time models: a fixed pool of three 6-core scorers (no HPA); no room to surge on the full cluster.
        {"name": "eta-model", "namespace": "dispatch", "replicas": 3, "strategy": {"maxSurge": 0, "maxUnavailable": 1},
         "container": container("6", "4Gi", "6Gi", "3Gi", "25ms", 4, startup="40s")},
        {"name": "eater-api", "namespace": "eater", "replicas": 4, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("500m", "512Mi", "1Gi", "300Mi", "2ms", 48, startup="6s")},
        # Restaurant search: scaled on CPU between 3 and 8 pods.
        {"name": "restaurant-search", "namespace": "eater", "replicas": 3, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "hpa": {"minReplicas": 3, "maxReplicas": 8, "targetCpuUtilization": 0.35},
         "container": container("1", "1Gi", "2Gi", "700Mi", "5ms", 3, startup="15s")},
        {"name": "menu", "namespace": "eater", "replicas": 3, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("1", "1Gi", "2Gi", "800Mi", "2ms", 8, startup="20s")},
        {"name": "courier-gw", "namespace": "fleet", "replicas": 4, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("1", "512Mi", "1Gi", "300Mi", "1ms", 32, startup="6s")},
        {"name": "courier-state", "namespace": "fleet", "replicas": 4, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": probed("1", "2Gi", "3Gi", "1500Mi", "600us", 4, startup="30s")},
        # The geospatial index (H3 cells of every courier and restaurant): a JVM in a namespace of its own, four
        # shards-alike replicas that rebuild the index from courier-state on start (75 s); no surge on the full pool.
        {"name": "geo-index", "namespace": "geo", "replicas": 4, "strategy": {"maxSurge": 0, "maxUnavailable": 1},
         "container": probed("2", "6Gi", "8Gi", "4Gi", "1ms", 8, startup="75s")},
    ],
    "services": [
        {"name": "courier-gw", "namespace": "fleet", "base_rps": 2000, "slo": {"availability": 0.995, "latencyP99": "500ms"},
         "calls": [call("geo-index.geo", 1.0, "100ms"), call("courier-state", 1.0, "50ms"), call("dispatcher.dispatch", 0.01, "2s")]},
        {"name": "courier-state", "namespace": "fleet", "slo": {"availability": 0.999, "latencyP99": "40ms"}},
        {"name": "geo-index", "namespace": "geo", "slo": {"availability": 0.999, "latencyP99": "50ms"}},
        {"name": "eater-api", "namespace": "eater", "base_rps": 300, "slo": {"availability": 0.995, "latencyP99": "2s"},
         "calls": [call("restaurant-search", 0.4, "1500ms"), call("menu", 0.5, "300ms", 1, "50ms"),
                   call("basket.checkout", 0.1, "3s"), call("courier-state.fleet", 0.2, "200ms", 1, "20ms")]},
        {"name": "restaurant-search", "namespace": "eater", "slo": {"availability": 0.995, "latencyP99": "800ms"},
         "calls": [call("geo-index.geo", 1.0, "100ms", 1, "10ms"), call("menu", 2.0, "200ms", 1, "20ms"),
                   call("eta-model.dispatch", 0.2, "500ms")]},
        {"name": "menu", "namespace": "eater", "slo": {"availability": 0.999, "latencyP99": "100ms"}},
        # Checkout: the wide fan-out, two hosts outside.
        {"name": "basket", "namespace": "checkout", "slo": {"availability": 0.999, "latencyP99": "2s"},
         "calls": [call("menu.eater", 1.0, "300ms", 1, "50ms"), call("pricing", 1.0, "200ms", 1, "20ms"),
                   call("promo", 0.5, "200ms"), call("order-db", 3.0, "150ms", 2, "20ms"),
                   call("dispatcher.dispatch", 0.2, "1500ms"), call("notify", 0.2, "500ms"),
                   host("pos.partner-kitchens.example.com", 0.2, "60ms", "800ms", 1, "100ms"),
                   host("pay.psp-lunch.example.net", 0.2, "250ms", "2s")]},
        {"name": "pricing", "namespace": "checkout", "slo": {"availability": 0.999, "latencyP99": "100ms"}},
        {"name": "promo", "namespace": "checkout", "slo": {"availability": 0.995, "latencyP99": "150ms"}},
        {"name": "notify", "namespace": "checkout", "slo": {"availability": 0.99, "latencyP99": "1s"},
         "calls": [host("push.fcm.example.com", 1.0, "40ms", "500ms")]},
        {"name": "order-db", "namespace": "checkout", "slo": {"availability": 0.999, "latencyP99": "80ms"},
         "peers": {"mode": "quorum", "perRequest": 0.5, "latency": "2ms", "deadline": "100ms", "retries": 1}},
        {"name": "dispatcher", "namespace": "dispatch", "slo": {"availability": 0.999, "latencyP99": "1s"},
         "calls": [call("eta-model", 1.0, "500ms", 1, "50ms"), call("courier-state.fleet", 1.0, "50ms", 1, "10ms"),
                   call("geo-index.geo", 2.0, "100ms", 1, "10ms"), call("order-db.checkout", 1.0, "150ms", 2, "20ms")]},
        {"name": "eta-model", "namespace": "dispatch", "slo": {"availability": 0.995, "latencyP99": "400ms"},
         "calls": [call("geo-index.geo", 1.0, "100ms", 1, "10ms"), host("routes.maps.example.com", 0.3, "40ms", "300ms", 1, "50ms")]},
    ],
    "pdbs": [
        {"name": "order-db", "namespace": "checkout", "selector": {"app": "order-db"}, "minAvailable": 2},
        {"name": "geo-index", "namespace": "geo", "selector": {"app": "geo-index"}, "minAvailable": 3},
        {"name": "eta-model", "namespace": "dispatch", "selector": {"app": "eta-model"}, "minAvailable": 2},
        {"name": "courier-gw", "namespace": "fleet", "selector": {"app": "courier-gw"}, "minAvailable": 3},
        {"name": "restaurant-search", "namespace": "eater", "selector": {"app": "restaurant-search"}, "minAvailable": "60%"},
    ],
}


def hall(h):
    return "dc-north-hall-" + h


# Card authorisation at a bank (namespaces app, hsm, iso, issuer, ledger, risk). The card networks' authorisation
# requests (800/s, ±30 % over the day) -> iso-gateway (fixed pool of four, one scheme session each; -> hsm-proxy.hsm
# for PIN translation) -> auth-engine.issuer (a JVM; fan-out to card-vault, limits (-> balance-ledger.ledger),
# risk-scorer.risk (-> fraud-model (fixed pool) -> feature-cache, feature-cache), hsm-proxy.hsm (-> the HSMs
# outside), balance-ledger.ledger, token-svc, notify (-> the SMS gateway outside), the 3-D Secure directory outside).
# Cardholders (150/s, ±50 %) -> cardholder-api.app (HPA) -> card-controls, balance-ledger.ledger, limits.issuer,
# hsm-proxy.hsm. Bare metal: five 16-core workers over two data halls, no cloud provider.
CARDS = {
    "name": "cards",
    "summary": "cards: iso-gateway.iso (fixed pool; → hsm-proxy.hsm, auth-engine.issuer) → auth-engine (fan-out: card-vault, limits (→ balance-ledger.ledger), risk-scorer.risk (→ fraud-model (fixed pool) → feature-cache, feature-cache), hsm-proxy.hsm (→ hsm-a.payshield.bank.example), balance-ledger.ledger (quorum), token-svc, notify (→ sms.bank-sms.example.net), acs.3ds-directory.example.com); cardholder-api.app (HPA) → card-controls, balance-ledger.ledger, limits.issuer, hsm-proxy.hsm",
    "nodes": [{"name": f"card-bm-{i}", "cpu": 16, "memory": "64Gi",
               "labels": {"topology.kubernetes.io/zone": hall("ab"[(i - 1) % 2]), "node-role.kubernetes.io/worker": "",
                          "node.kubernetes.io/instance-type": "baremetal-r650"}} for i in range(1, 6)],
    "deployments": [
        # The cardholders' app: scaled on CPU between 3 and 8 pods.
        {"name": "cardholder-api", "namespace": "app", "replicas": 3, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "hpa": {"minReplicas": 3, "maxReplicas": 8, "targetCpuUtilization": 0.35},
         "container": container("1", "1Gi", "2Gi", "700Mi", "10ms", 3, startup="15s")},
        {"name": "card-controls", "namespace": "app", "replicas": 2, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("500m", "512Mi", "1Gi", "350Mi", "3ms", 4, startup="10s")},
        # The HSM proxy: alone in its namespace, called from three others.
        {"name": "hsm-proxy", "namespace": "hsm", "replicas": 3, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("500m", "256Mi", "512Mi", "150Mi", "500us", 32, startup="8s")},
        # One ISO 8583 session to the scheme per pod: a fixed pool of four JVMs, no surge.
        {"name": "iso-gateway", "namespace": "iso", "replicas": 4, "strategy": {"maxSurge": 0, "maxUnavailable": 1},
         "container": probed("2", "2Gi", "3Gi", "1500Mi", "1ms", 64, startup="40s")},
        {"name": "auth-engine", "namespace": "issuer", "replicas": 4, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": probed("2", "3Gi", "4Gi", "2Gi", "2ms", 48, startup="50s")},
        {"name": "card-vault", "namespace": "issuer", "replicas": 3, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("500m", "1Gi", "2Gi", "700Mi", "1ms", 8, startup="10s")},
        {"name": "limits", "namespace": "issuer", "replicas": 3, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("1", "1Gi", "2Gi", "700Mi", "1ms", 8, startup="15s")},
        {"name": "token-svc", "namespace": "issuer", "replicas": 2, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("500m", "512Mi", "1Gi", "350Mi", "2ms", 4, startup="10s")},
        {"name": "notify", "namespace": "issuer", "replicas": 3,
         "container": container("250m", "256Mi", "512Mi", "180Mi", "2ms", 16, startup="6s")},
        # The balance ledger: three members, a write needs two.
        {"name": "balance-ledger", "namespace": "ledger", "kind": "StatefulSet", "replicas": 3,
         "container": probed("4", "16Gi", "24Gi", "12Gi", "1500us", 8, startup="60s")},
        {"name": "risk-scorer", "namespace": "risk", "replicas": 4, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("1", "1Gi", "2Gi", "700Mi", "1500us", 16, startup="15s")},
        # Fraud scorers: a fixed pool of four 4-core pods (the model's licence and memory), no surge.
        {"name": "fraud-model", "namespace": "risk", "replicas": 4, "strategy": {"maxSurge": 0, "maxUnavailable": 1},
         "container": probed("4", "4Gi", "6Gi", "3Gi", "5ms", 6, startup="45s")},
        {"name": "feature-cache", "namespace": "risk", "replicas": 4, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": probed("1", "4Gi", "6Gi", "3Gi", "300us", 1, startup="30s")},
    ],
    "services": [
        {"name": "iso-gateway", "namespace": "iso", "base_rps": 800, "slo": {"availability": 0.9995, "latencyP99": "400ms"},
         "calls": [call("auth-engine.issuer", 1.0, "300ms", 1, "10ms"), call("hsm-proxy.hsm", 0.3, "100ms", 1, "10ms")]},
        # The fan-out, under the strictest objective of the path.
        {"name": "auth-engine", "namespace": "issuer", "slo": {"availability": 0.9995, "latencyP99": "300ms"},
         "calls": [call("card-vault", 1.0, "50ms", 1, "5ms"), call("limits", 1.0, "100ms", 1, "10ms"),
                   call("risk-scorer.risk", 1.0, "150ms"), call("hsm-proxy.hsm", 1.0, "50ms", 1, "5ms"),
                   call("balance-ledger.ledger", 1.0, "100ms", 1, "10ms"), call("token-svc", 0.3, "50ms"),
                   call("notify", 0.5, "200ms"), host("acs.3ds-directory.example.com", 0.05, "30ms", "500ms")]},
        {"name": "card-vault", "namespace": "issuer", "slo": {"availability": 0.9995, "latencyP99": "30ms"}},
        {"name": "limits", "namespace": "issuer", "slo": {"availability": 0.9995, "latencyP99": "80ms"},
         "calls": [call("balance-ledger.ledger", 1.0, "50ms", 1, "5ms")]},
        {"name": "token-svc", "namespace": "issuer", "slo": {"availability": 0.999, "latencyP99": "40ms"}},
        {"name": "notify", "namespace": "issuer", "slo": {"availability": 0.99, "latencyP99": "1s"},
         "calls": [host("sms.bank-sms.example.net", 0.2, "40ms", "500ms")]},
        {"name": "risk-scorer", "namespace": "risk", "slo": {"availability": 0.999, "latencyP99": "120ms"},
         "calls": [call("fraud-model", 1.0, "80ms"), call("feature-cache", 4.0, "20ms", 1, "2ms")]},
        {"name": "fraud-model", "namespace": "risk", "slo": {"availability": 0.999, "latencyP99": "60ms"},
         "calls": [call("feature-cache", 1.0, "20ms", 1, "2ms")]},
        {"name": "feature-cache", "namespace": "risk", "slo": {"availability": 0.9995, "latencyP99": "15ms"}},
        {"name": "hsm-proxy", "namespace": "hsm", "slo": {"availability": 0.9995, "latencyP99": "40ms"},
         "calls": [host("hsm-a.payshield.bank.example", 1.0, "2ms", "30ms", 1, "2ms")]},
        {"name": "balance-ledger", "namespace": "ledger", "slo": {"availability": 0.9995, "latencyP99": "40ms"},
         "peers": {"mode": "quorum", "perRequest": 0.6, "latency": "1ms", "deadline": "30ms", "retries": 1}},
        {"name": "cardholder-api", "namespace": "app", "base_rps": 150, "slo": {"availability": 0.995, "latencyP99": "1500ms"},
         "calls": [call("card-controls", 0.3, "300ms", 1, "20ms"), call("balance-ledger.ledger", 1.0, "100ms", 1, "10ms"),
                   call("limits.issuer", 0.3, "200ms"), call("hsm-proxy.hsm", 0.02, "100ms", 1, "10ms")]},
        {"name": "card-controls", "namespace": "app", "slo": {"availability": 0.999, "latencyP99": "100ms"}},
    ],
    "pdbs": [
        {"name": "balance-ledger", "namespace": "ledger", "selector": {"app": "balance-ledger"}, "minAvailable": 2},
        {"name": "iso-gateway", "namespace": "iso", "selector": {"app": "iso-gateway"}, "minAvailable": 3},
        {"name": "fraud-model", "namespace": "risk", "selector": {"app": "fraud-model"}, "minAvailable": 3},
        {"name": "auth-engine", "namespace": "issuer", "selector": {"app": "auth-engine"}, "minAvailable": 3},
        {"name": "hsm-proxy", "namespace": "hsm", "selector": {"app": "hsm-proxy"}, "minAvailable": 2},
    ],
}

FRESH8_TOPOLOGIES = {t["name"]: t for t in (LUNCH, CARDS)}
