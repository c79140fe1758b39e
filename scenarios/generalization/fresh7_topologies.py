"""The two topologies of fresh7/, the eighth held-out split (read by generate.py; README "fresh7/").

Written on 2026-12-08, blind to the engine (no detector, policy or engine code read, no engine figure
looked at), by the rules of topologies.py: one team's cluster each, sized so the busiest pod of each
service runs well inside its capacity at the daily peak, slow starters given time to start (startup
probes). They are unlike the twenty of topologies.py and fresh*_topologies.py in domain, names,
namespaces, node pools, rates and call graphs, and take shapes the earlier splits lack:

- clinic: a hospital's clinical systems on AKS. HL7 v2 feeds (admissions, orders, results) come in over
  MLLP through hl7-listener to interface-engine, a fixed pool of four JVM integration engines, which fans
  every message out to up to ten receivers: the master patient index (alone in its namespace, read from two
  others), six departmental systems and three hosts outside (the regional health information
  exchange, the public-health lab reporting gateway, a reference lab). Clinicians work in ehr-web: chart
  reviews through chart-api (a JVM behind an HPA), computerised orders through orders, which asks the
  clinical decision support (cds) before it writes: ehr-web -> orders -> cds -> med-profile ->
  clinical-db, four hops with a strict objective on the drug-allergy check. clinical-db is the big
  relational store: a primary and two synchronous standbys (a StatefulSet whose writes every other member
  acknowledges, `peers: {mode: all}`), reads spread over all three, alone on three memory-optimised nodes;
  the cluster is tight (92 % of its CPU requested), so a drained node leaves pods Pending.
- charge: an EV charging network's back office (a charge-point operator) on EKS. 1,500 OCPP messages a
  second from the chargers (heartbeats, status, meter values, transactions) come through ocpp-gateway, which
  never retries (the charger resends); the charger status lives in charger-state, a Deployment whose pods
  replicate each update to one backup (an in-memory data grid: peers on a Deployment, not a StatefulSet);
  meter values go through meter-ingest to meter-store (a StatefulSet, each write copied to one replica) and
  feed smart-charging, a fixed pool of CPU-heavy load optimisers on two compute nodes that asks the grid
  operator outside for flexibility signals. Drivers' app calls (driver-api) search chargers, start and stop
  sessions and pre-authorise cards at the payment provider outside. Sessions run through session-manager (an
  HPA) -> authz -> roaming-gw (alone in its namespace, called from two others) -> the OCPI roaming hub
  outside, and are priced by tariff -> price-book and written to session-ledger (a quorum StatefulSet).
"""
from fresh5_topologies import probed
from fresh_topologies import host
from topologies import call, container

AZ_SUB = "4f1c2a7e-9b3d-4e51-8c6a-2d7e9f013b55"


def azure(group, vm):
    return f"azure:///subscriptions/{AZ_SUB}/resourceGroups/{group}/providers/Microsoft.Compute/virtualMachines/{vm}"


# Hospital clinical systems (namespaces hl7, ehr, dept, empi, cdr). HL7 v2 feeds (120 messages/s, ±30 % over
# the day) come over MLLP into hl7-listener, which resends twice on a NAK or a timeout, to interface-engine: four
# 4-core JVM engines, a fixed pool, each routing a message through its channels to the master patient index and
# to the departmental systems and outside hosts its type is for (a wide fan-out, ten receivers). Clinicians
# (300/s, ±50 %: the day shift) use ehr-web: chart reviews through chart-api (JVM, HPA 3-8), orders through
# orders -> cds (drug-interaction and allergy checks, strict objective) -> med-profile -> clinical-db.
# clinical-db (namespace cdr): 3 members, 14 cores and 48 GiB each, every write acknowledged by both standbys.
# AKS: five 8-core general nodes (tight) and three 16-core memory-optimised nodes over three zones.
CLINIC = {
    "name": "clinic",
    "summary": "clinic: hl7-listener.hl7 (resends ×2) → interface-engine (fixed pool; fan-out to patient-index.empi, adt.dept, lab-lis.dept (→ clinical-db.cdr), radiology-ris.dept, pharmacy.dept (→ erx.prescribing.example.net), bed-board.dept, dietary.dept, hie.regional-exchange.example.org, elr.publichealth.example.gov, orders.reference-lab.example.com); ehr-web.ehr → login.hospital-idp.example.org, chart-api (HPA; → patient-index.empi, clinical-db.cdr), orders → cds → drug-kb, med-profile → clinical-db.cdr (sync standbys: peers all), pharmacy.dept, lab-lis.dept",
    "nodes": [{"name": f"clin-gen-{i}", "cpu": 8, "memory": "32Gi", "providerID": azure("mc_clinical_aks_eastus2", f"aks-clinical-{i}"),
               "labels": {"topology.kubernetes.io/zone": f"eastus2-{(i - 1) % 3 + 1}", "kubernetes.azure.com/agentpool": "clinical",
                          "node.kubernetes.io/instance-type": "Standard_D8s_v5"}} for i in range(1, 6)]
             + [{"name": f"clin-mem-{i}", "cpu": 16, "memory": "128Gi", "providerID": azure("mc_clinical_aks_eastus2", f"aks-dbpool-{i}"),
                 "labels": {"topology.kubernetes.io/zone": f"eastus2-{i}", "kubernetes.azure.com/agentpool": "dbpool",
                            "node.kubernetes.io/instance-type": "Standard_E16s_v5"}} for i in (1, 2, 3)],
    "deployments": [
        # The relational store first (namespace cdr sorts first): a primary and two synchronous standbys, one to
        # a memory-optimised node (nothing else asks for 48 GiB).
        {"name": "clinical-db", "namespace": "cdr", "kind": "StatefulSet", "replicas": 3,
         "container": probed("14", "48Gi", "64Gi", "40Gi", "4ms", 5, startup="90s")},
        {"name": "adt", "namespace": "dept", "replicas": 2, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("500m", "1Gi", "2Gi", "700Mi", "3ms", 4, startup="20s")},
        {"name": "lab-lis", "namespace": "dept", "replicas": 3, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("1", "2Gi", "3Gi", "1500Mi", "6ms", 2, startup="30s")},
        {"name": "radiology-ris", "namespace": "dept", "replicas": 2, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("500m", "1Gi", "2Gi", "800Mi", "8ms", 2, startup="20s")},
        {"name": "pharmacy", "namespace": "dept", "replicas": 2, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("1", "1Gi", "2Gi", "800Mi", "5ms", 8, startup="25s")},
        {"name": "bed-board", "namespace": "dept", "replicas": 2,
         "container": container("250m", "512Mi", "1Gi", "350Mi", "4ms", 2, startup="10s")},
        {"name": "dietary", "namespace": "dept", "replicas": 2,
         "container": container("250m", "512Mi", "1Gi", "350Mi", "6ms", 1, startup="10s")},
        {"name": "ehr-web", "namespace": "ehr", "replicas": 4, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("500m", "512Mi", "1Gi", "350Mi", "2ms", 32, startup="8s")},
        # Chart reviews: a JVM scaled on CPU between 3 and 8 pods.
        {"name": "chart-api", "namespace": "ehr", "replicas": 3, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "hpa": {"minReplicas": 3, "maxReplicas": 8, "targetCpuUtilization": 0.35},
         "container": probed("2", "3Gi", "4Gi", "2500Mi", "3ms", 8, startup="50s")},
        {"name": "orders", "namespace": "ehr", "replicas": 3, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("1", "1Gi", "2Gi", "700Mi", "5ms", 6, startup="20s")},
        {"name": "cds", "namespace": "ehr", "replicas": 3, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": probed("1", "2Gi", "3Gi", "1600Mi", "6ms", 4, startup="40s")},
        {"name": "med-profile", "namespace": "ehr", "replicas": 2, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("500m", "512Mi", "1Gi", "350Mi", "2ms", 4, startup="10s")},
        {"name": "drug-kb", "namespace": "ehr", "replicas": 2,
         "container": container("500m", "2Gi", "3Gi", "1800Mi", "2ms", 2, startup="30s")},
        # The master patient index: a JVM doing probabilistic matching, in a namespace of its own.
        {"name": "patient-index", "namespace": "empi", "replicas": 3, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": probed("2", "4Gi", "6Gi", "3500Mi", "8ms", 4, startup="60s")},
        {"name": "hl7-listener", "namespace": "hl7", "replicas": 2, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("500m", "256Mi", "512Mi", "180Mi", "1ms", 24, startup="6s")},
        # The integration engine: a fixed pool of four (licensed per engine), no HPA; a rollout cannot surge on the
        # tight pool (maxSurge 0, one engine down at a time, 90 s to load its channels).
        {"name": "interface-engine", "namespace": "hl7", "replicas": 4, "strategy": {"maxSurge": 0, "maxUnavailable": 1},
         "container": probed("2", "6Gi", "8Gi", "4500Mi", "10ms", 8, startup="90s")},
    ],
    "services": [
        {"name": "hl7-listener", "namespace": "hl7", "base_rps": 120, "slo": {"availability": 0.999, "latencyP99": "3s"},
         "calls": [call("interface-engine", 1.0, "2s", 2, "500ms")]},
        {"name": "interface-engine", "namespace": "hl7", "slo": {"availability": 0.999, "latencyP99": "1500ms"},
         "calls": [call("patient-index.empi", 1.0, "300ms", 1, "50ms"), call("adt.dept", 0.3, "500ms", 1, "50ms"),
                   call("lab-lis.dept", 0.35, "500ms", 1, "50ms"), call("radiology-ris.dept", 0.15, "500ms", 1, "50ms"),
                   call("pharmacy.dept", 0.25, "800ms", 1, "50ms"), call("bed-board.dept", 0.2, "300ms"),
                   call("dietary.dept", 0.1, "300ms"),
                   host("hie.regional-exchange.example.org", 0.3, "40ms", "500ms", 1, "100ms"),
                   host("elr.publichealth.example.gov", 0.05, "80ms", "1s", 1, "200ms"),
                   host("orders.reference-lab.example.com", 0.1, "60ms", "800ms")]},
        {"name": "patient-index", "namespace": "empi", "slo": {"availability": 0.999, "latencyP99": "150ms"}},
        {"name": "adt", "namespace": "dept", "slo": {"availability": 0.999, "latencyP99": "300ms"},
         "calls": [call("clinical-db.cdr", 1.0, "150ms", 1, "20ms")]},
        {"name": "lab-lis", "namespace": "dept", "slo": {"availability": 0.999, "latencyP99": "400ms"},
         "calls": [call("clinical-db.cdr", 0.5, "150ms", 1, "20ms")]},
        {"name": "radiology-ris", "namespace": "dept", "slo": {"availability": 0.995, "latencyP99": "400ms"}},
        {"name": "pharmacy", "namespace": "dept", "slo": {"availability": 0.999, "latencyP99": "1s"},
         "calls": [host("erx.prescribing.example.net", 0.3, "120ms", "600ms", 1, "100ms")]},
        {"name": "bed-board", "namespace": "dept", "slo": {"availability": 0.995, "latencyP99": "250ms"}},
        {"name": "dietary", "namespace": "dept", "slo": {"availability": 0.99, "latencyP99": "250ms"}},
        {"name": "ehr-web", "namespace": "ehr", "base_rps": 300, "slo": {"availability": 0.995, "latencyP99": "1500ms"},
         "calls": [host("login.hospital-idp.example.org", 0.05, "60ms", "1s", 1, "100ms"), call("chart-api", 0.7, "1s"),
                   call("orders", 0.15, "2s")]},
        {"name": "chart-api", "namespace": "ehr", "slo": {"availability": 0.995, "latencyP99": "700ms"},
         "calls": [call("patient-index.empi", 1.0, "300ms", 1, "50ms"), call("clinical-db.cdr", 3.0, "150ms", 1, "20ms")]},
        {"name": "orders", "namespace": "ehr", "slo": {"availability": 0.999, "latencyP99": "1500ms"},
         "calls": [call("cds", 1.0, "500ms", 1, "50ms"), call("clinical-db.cdr", 1.0, "150ms", 1, "20ms"),
                   call("pharmacy.dept", 0.4, "800ms", 1, "50ms"), call("lab-lis.dept", 0.3, "500ms", 1, "50ms")]},
        # The drug-allergy check: the strictest objective of the cluster.
        {"name": "cds", "namespace": "ehr", "slo": {"availability": 0.999, "latencyP99": "300ms"},
         "calls": [call("drug-kb", 1.0, "50ms", 1, "10ms"), call("med-profile", 1.0, "200ms", 1, "10ms")]},
        {"name": "med-profile", "namespace": "ehr", "slo": {"availability": 0.999, "latencyP99": "200ms"},
         "calls": [call("clinical-db.cdr", 2.0, "50ms", 1, "10ms")]},
        {"name": "drug-kb", "namespace": "ehr", "slo": {"availability": 0.999, "latencyP99": "40ms"}},
        {"name": "clinical-db", "namespace": "cdr", "slo": {"availability": 0.9995, "latencyP99": "60ms"},
         "peers": {"mode": "all", "perRequest": 0.15, "latency": "1ms", "deadline": "100ms", "retries": 1}},
    ],
    "pdbs": [
        {"name": "clinical-db", "namespace": "cdr", "selector": {"app": "clinical-db"}, "maxUnavailable": 1},
        {"name": "interface-engine", "namespace": "hl7", "selector": {"app": "interface-engine"}, "minAvailable": 3},
        {"name": "patient-index", "namespace": "empi", "selector": {"app": "patient-index"}, "minAvailable": 2},
        {"name": "chart-api", "namespace": "ehr", "selector": {"app": "chart-api"}, "minAvailable": "60%"},
        {"name": "ehr-web", "namespace": "ehr", "selector": {"app": "ehr-web"}, "minAvailable": 3},
    ],
}


def aws(zone, instance):
    return f"aws:///{zone}/{instance}"


# EV charging network (namespaces ocpp, energy, drivers, sessions, roaming). Chargers send OCPP messages (1,500/s,
# ±25 % over the day) to ocpp-gateway, which never retries; every message updates charger-state (peers on a
# Deployment: each update copied to one backup), half are meter values for meter-ingest (-> meter-store, a
# StatefulSet whose writes one replica acknowledges; a twentieth feed smart-charging), 3 % start or stop a
# session in session-manager. Drivers (180/s, ±50 %) use driver-api: charger-search (-> charger-state),
# session-manager, account, the payment provider outside. session-manager (HPA 3-8) -> authz (a JVM; -> account,
# roaming-gw.roaming -> ocpi.roaming-hub.example.eu for roaming cards), tariff -> price-book, session-ledger (a
# 3-member quorum StatefulSet), smart-charging.energy (a fixed pool of three 4-core optimisers -> the grid
# operator's flexibility API outside). EKS: six 8-core general nodes and two 16-core compute nodes over three zones.
CHARGE = {
    "name": "charge",
    "summary": "charge: ocpp-gateway.ocpp (no retry) → charger-state (peers on a Deployment: one backup acks), meter-ingest.energy (→ meter-store (one replica acks), smart-charging (fixed pool; → flex.gridoperator.example.eu)), session-manager.sessions (HPA; → authz (→ account.drivers, roaming-gw.roaming → ocpi.roaming-hub.example.eu), tariff → price-book, session-ledger (quorum), smart-charging.energy, roaming-gw.roaming); driver-api.drivers → charger-search (→ charger-state.ocpp, roaming-gw.roaming), session-manager.sessions, account, psp.cards.example.com",
    "nodes": [{"name": f"ev-node-{i}", "cpu": 8, "memory": "32Gi", "providerID": aws("eu-west-1" + "abc"[(i - 1) % 3], f"i-0{i}a7c3e9f25d18b4{i}"),
               "labels": {"topology.kubernetes.io/zone": "eu-west-1" + "abc"[(i - 1) % 3], "eks.amazonaws.com/nodegroup": "general",
                          "node.kubernetes.io/instance-type": "m6i.2xlarge"}} for i in range(1, 7)]
             + [{"name": f"ev-compute-{i}", "cpu": 16, "memory": "32Gi", "providerID": aws("eu-west-1" + "ab"[i - 1], f"i-0{i}c4d8e2a61f97c3{i}"),
                 "labels": {"topology.kubernetes.io/zone": "eu-west-1" + "ab"[i - 1], "eks.amazonaws.com/nodegroup": "compute",
                            "node.kubernetes.io/instance-type": "c6i.4xlarge"}} for i in (1, 2)],
    "deployments": [
        {"name": "account", "namespace": "drivers", "replicas": 2, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("500m", "512Mi", "1Gi", "400Mi", "3ms", 4, startup="10s")},
        {"name": "charger-search", "namespace": "drivers", "replicas": 2, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("1", "1Gi", "2Gi", "700Mi", "4ms", 8, startup="15s")},
        {"name": "driver-api", "namespace": "drivers", "replicas": 3, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("500m", "512Mi", "1Gi", "300Mi", "2ms", 32, startup="6s")},
        # Three load optimisers, 4 cores each, a fixed pool (no HPA) sized for the evening peak.
        {"name": "smart-charging", "namespace": "energy", "replicas": 3, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("4", "2Gi", "3Gi", "1500Mi", "40ms", 4, startup="20s")},
        {"name": "meter-ingest", "namespace": "energy", "replicas": 3, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("1", "512Mi", "1Gi", "350Mi", "1ms", 24, startup="8s")},
        {"name": "meter-store", "namespace": "energy", "kind": "StatefulSet", "replicas": 4,
         "container": probed("2", "6Gi", "8Gi", "4500Mi", "3ms", 4, startup="45s")},
        # The charger status grid: each pod holds a partition and copies every update to one backup.
        {"name": "charger-state", "namespace": "ocpp", "replicas": 4, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": probed("1", "3Gi", "4Gi", "2500Mi", "1200us", 2, startup="40s")},
        {"name": "ocpp-gateway", "namespace": "ocpp", "replicas": 5, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("1", "1Gi", "2Gi", "600Mi", "1ms", 32, startup="8s")},
        {"name": "roaming-gw", "namespace": "roaming", "replicas": 2, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("500m", "512Mi", "1Gi", "350Mi", "2ms", 24, startup="8s")},
        # authz: a JVM (token and contract checks); a rollout cannot surge on the general pool's budget.
        {"name": "authz", "namespace": "sessions", "replicas": 3, "strategy": {"maxSurge": 0, "maxUnavailable": 1},
         "container": probed("1", "2Gi", "3Gi", "1500Mi", "3ms", 16, startup="60s")},
        {"name": "price-book", "namespace": "sessions", "replicas": 2,
         "container": container("500m", "1Gi", "2Gi", "800Mi", "1ms", 2, startup="20s")},
        # Sessions: scaled on CPU between 3 and 8 pods; its workers wait on authz, the ledger and the optimisers.
        {"name": "session-manager", "namespace": "sessions", "replicas": 3, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "hpa": {"minReplicas": 3, "maxReplicas": 8, "targetCpuUtilization": 0.4},
         "container": container("1", "1Gi", "2Gi", "700Mi", "5ms", 8, startup="15s")},
        {"name": "session-ledger", "namespace": "sessions", "kind": "StatefulSet", "replicas": 3,
         "container": probed("2", "4Gi", "6Gi", "3000Mi", "6ms", 2, startup="40s")},
        {"name": "tariff", "namespace": "sessions", "replicas": 2, "strategy": {"maxSurge": 1, "maxUnavailable": 0},
         "container": container("500m", "512Mi", "1Gi", "350Mi", "3ms", 4, startup="10s")},
    ],
    "services": [
        {"name": "ocpp-gateway", "namespace": "ocpp", "base_rps": 1500, "slo": {"availability": 0.995, "latencyP99": "1s"},
         "calls": [call("charger-state", 1.0, "200ms"), call("meter-ingest.energy", 0.5, "800ms"),
                   call("session-manager.sessions", 0.03, "5s")]},
        {"name": "charger-state", "namespace": "ocpp", "slo": {"availability": 0.999, "latencyP99": "50ms"},
         "peers": {"mode": "one", "perRequest": 0.7, "latency": "1ms", "deadline": "20ms", "retries": 1}},
        {"name": "meter-ingest", "namespace": "energy", "slo": {"availability": 0.999, "latencyP99": "500ms"},
         "calls": [call("meter-store", 1.0, "100ms", 2, "20ms"), call("smart-charging", 0.05, "1s")]},
        {"name": "meter-store", "namespace": "energy", "slo": {"availability": 0.999, "latencyP99": "80ms"},
         "peers": {"mode": "one", "perRequest": 1.0, "latency": "2ms", "deadline": "50ms", "retries": 1}},
        {"name": "smart-charging", "namespace": "energy", "slo": {"availability": 0.995, "latencyP99": "1s"},
         "calls": [host("flex.gridoperator.example.eu", 0.1, "40ms", "300ms", 1, "50ms")]},
        {"name": "driver-api", "namespace": "drivers", "base_rps": 180, "slo": {"availability": 0.995, "latencyP99": "2s"},
         "calls": [call("charger-search", 0.5, "1500ms"), call("session-manager.sessions", 0.15, "3s"), call("account", 0.3, "500ms", 1, "50ms"),
                   host("psp.cards.example.com", 0.05, "250ms", "2s")]},
        {"name": "charger-search", "namespace": "drivers", "slo": {"availability": 0.995, "latencyP99": "1s"},
         "calls": [call("charger-state.ocpp", 3.0, "100ms", 1, "10ms"), call("roaming-gw.roaming", 0.2, "1500ms")]},
        {"name": "account", "namespace": "drivers", "slo": {"availability": 0.999, "latencyP99": "150ms"}},
        {"name": "session-manager", "namespace": "sessions", "slo": {"availability": 0.995, "latencyP99": "2s"},
         "calls": [call("authz", 0.5, "1500ms", 1, "100ms"), call("tariff", 0.5, "300ms", 1, "20ms"),
                   call("session-ledger", 2.0, "200ms", 2, "20ms"), call("smart-charging.energy", 0.6, "1500ms", 1, "50ms"),
                   call("roaming-gw.roaming", 0.2, "2s")]},
        {"name": "authz", "namespace": "sessions", "slo": {"availability": 0.999, "latencyP99": "1s"},
         "calls": [call("account.drivers", 0.6, "300ms", 1, "50ms"), call("roaming-gw.roaming", 0.3, "1500ms")]},
        {"name": "roaming-gw", "namespace": "roaming", "slo": {"availability": 0.995, "latencyP99": "1500ms"},
         "calls": [host("ocpi.roaming-hub.example.eu", 1.0, "80ms", "800ms", 1, "100ms")]},
        {"name": "tariff", "namespace": "sessions", "slo": {"availability": 0.999, "latencyP99": "200ms"},
         "calls": [call("price-book", 1.0, "50ms", 1, "10ms")]},
        {"name": "price-book", "namespace": "sessions", "slo": {"availability": 0.999, "latencyP99": "30ms"}},
        {"name": "session-ledger", "namespace": "sessions", "slo": {"availability": 0.999, "latencyP99": "100ms"},
         "peers": {"mode": "quorum", "perRequest": 0.5, "latency": "2ms", "deadline": "100ms", "retries": 1}},
    ],
    "pdbs": [
        {"name": "ocpp-gateway", "namespace": "ocpp", "selector": {"app": "ocpp-gateway"}, "minAvailable": 4},
        {"name": "charger-state", "namespace": "ocpp", "selector": {"app": "charger-state"}, "maxUnavailable": 1},
        {"name": "meter-store", "namespace": "energy", "selector": {"app": "meter-store"}, "maxUnavailable": 1},
        {"name": "session-ledger", "namespace": "sessions", "selector": {"app": "session-ledger"}, "minAvailable": 2},
        {"name": "smart-charging", "namespace": "energy", "selector": {"app": "smart-charging"}, "minAvailable": 2},
    ],
}

FRESH7_TOPOLOGIES = {t["name"]: t for t in (CLINIC, CHARGE)}
