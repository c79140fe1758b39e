"""fresh7/, the eighth held-out split: what happens to the two topologies of fresh7_topologies.py
(read by generate.py, the same fields as scenarios.py).

Written on 2026-12-08, blind to the engine (none of its detectors, policies or code read, none of its
figures looked at), as a new team would write it: every fault family, every application fault type
and every kind of the catalogue, a JVMChaos, a BlockChaos and an AzureChaos, on clusters the engine was
never tuned on; expectations from the gate's table in scenarios.py, by the rule of the README. Sizes and
faults were checked with the engine off only (README "fresh7/ — an eighth held-out split"). Never tuned
on: measured once, by the lead.
"""
from fresh_scenarios import crowd, ramp
from scenarios import CONTROL, DETECT, HEAL, HEAL_QUIET, change, diurnal, manifest, slow

FRESH7_SPLITS = {"fresh7": ["clinic", "charge"]}

M = "fresh7-"  # the manifests of this split


def m(file, at):
    return manifest(M + file, at)


# HL7 feeds follow the hospital's day (±30 %); clinicians' use follows the day shift (±50 %).
def clinic_day(duration):
    return {"hl7/hl7-listener": diurnal(duration, 0.3), "ehr/ehr-web": diurnal(duration, 0.5)}


# Chargers' messages follow the charging day (±25 %); drivers' app use is peakier (±50 %).
def charge_day(duration):
    return {"ocpp/ocpp-gateway": diurnal(duration, 0.25), "drivers/driver-api": diurnal(duration, 0.5)}


FRESH7_SCENARIOS = [
    # ---------------------------------------------------------------- fresh7: clinic (namespaces hl7, ehr, dept, empi, cdr)
    dict(name="clinic-retry-storm-clinical-db-san-latency", split="fresh7", topology="clinic", duration="2h",
         workloads=clinic_day("2h"),
         faults=[m("cdr-clinical-db-block-delay", "50m")],
         expectations=HEAL,
         description="clinical-db's SAN adds 6 ms to every IO of every member for 20 minutes at the day shift's peak; chart-api, med-profile, orders and the departmental writers retry into it.",
         story="A firmware update on the SAN array under clinical-db makes every IO on each member's data volume 6 ms slower for "
               "20 minutes at the day shift's peak, and the members saturate. chart-api (three reads a chart), med-profile, orders, "
               "adt and lab-lis each retry once: the retries add load on the one store every clinical path waits on, chart "
               "reviews and the drug-allergy checks miss their objectives, and HL7 messages back up behind the departmental writes.",
         sre="hold restarts of the callers, shed the retries into clinical-db (retry budget, circuit breaker), and page the "
             "database and storage teams once naming clinical-db's volumes."),
    dict(name="clinic-bad-rollout-orders-hie-loss", split="fresh7", topology="clinic", duration="2h",
         workloads=clinic_day("2h"),
         faults=[{"type": "bad-rollout", "name": "orders-cpoe-order-sets-v7", "target": {"deployment": "orders", "namespace": "ehr"},
                  "at": "35m", "duration": "40m", "errorPercent": 10, "latency": "200ms"},
                 m("hl7-interface-engine-hie-loss", "85m")],
         expectations=HEAL,
         description="orders rolls out a build failing 10 % of orders (+200 ms) for 40 minutes; later one interface-engine pod loses 70 % of its packets to the health information exchange (15 min).",
         story="The EHR team ships new order sets: a null dose unit on some of them fails 10 % of the orders clinicians sign and "
               "every other order takes 200 ms longer, until the team rolls back 40 minutes later. Ten minutes after, the VPN "
               "tunnel to the regional health information exchange degrades on one interface-engine pod's path: 70 % of its "
               "packets there are lost for 15 minutes and the messages it forwards wait out their deadline and resend.",
         sre="tie the failed orders to orders' rollout and roll it back within minutes; replace the interface-engine pod "
             "whose path to the exchange is lossy (PDB minAvailable 3) or page the network team; no restarts of cds or "
             "clinical-db."),
    dict(name="clinic-leak-interface-engine-dns-error-elr", split="fresh7", topology="clinic", duration="3h",
         workloads=clinic_day("3h"),
         faults=[{"type": "memory-leak", "name": "interface-engine-channel-queue-leak", "target": {"deployment": "interface-engine", "namespace": "hl7"},
                  "at": "20m", "duration": "2h", "rate": "1536Ki"},
                 m("hl7-interface-engine-dns-error-elr", "120m")],
         expectations=slow(HEAL, "15m"),
         description="interface-engine leaks 1.5 MiB/s for 2 hours (GC-slow after ~20 min, OOM after ~40, 90 s to reload its channels); its lookups of the public-health gateway fail for 15 minutes.",
         story="A new channel's acknowledgement queue on interface-engine never drains: each engine leaks 1.5 MiB/s for two "
               "hours, its collector works harder after ~20 minutes and it is OOMKilled after ~40, then takes 90 s to reload its "
               "channels, again and again; the pool is fixed at four and hl7-listener resends what the engines drop. Two hours "
               "in, the public-health reporting gateway's old DNS record is withdrawn early: for 15 minutes no engine can "
               "resolve it and no reportable lab result is sent.",
         sre="restart the leaking engines one at a time (PDB minAvailable 3) before the collector slows them; page the "
             "integration team once; page the public-health gateway's owners for the DNS (restarts do not help)."),
    dict(name="clinic-deadlock-patient-index-http-delay-cds", split="fresh7", topology="clinic", duration="2h",
         workloads=clinic_day("2h"),
         faults=[{"type": "deadlock", "name": "patient-index-merge-lock", "target": {"deployment": "patient-index", "namespace": "empi"},
                  "at": "30m", "duration": "45m", "pods": 1},
                 m("ehr-cds-http-delay", "85m")],
         expectations=HEAL,
         description="One patient-index pod deadlocks for 45 minutes; later one cds pod holds every response 400 ms (12 min).",
         story="One patient-index pod deadlocks between a record merge and a match: it stays Ready and every lookup it takes times "
               "out, so interface-engine and chart-api, in two other namespaces, wait out their 300 ms and retry, until the "
               "identity team restarts it by hand 45 minutes later. Ten minutes after, a sidecar's retry filter misconfigured "
               "on one cds pod holds every response 400 ms for 12 minutes: the drug-allergy checks it answers miss their "
               "objective and orders waits on them.",
         sre="restart the deadlocked patient-index pod (PDB minAvailable 2), not the callers whose timeouts it causes; replace "
             "the cds pod whose responses are held."),
    dict(name="clinic-clinical-db-crashloop-memory-stress", split="fresh7", topology="clinic", duration="2h",
         workloads=clinic_day("2h"),
         faults=[m("cdr-clinical-db-memory-stress", "55m")],
         expectations=HEAL,
         description="One clinical-db member is pushed past its memory limit for 10 minutes and crash-loops; every write, which both standbys acknowledge, fails with it.",
         story="A month-end reporting query run on a clinical-db member by mistake builds a 30 GB hash table for 10 minutes: the "
               "member passes its 64 GiB limit, is OOMKilled and crash-loops with back-off. Replication is synchronous to both "
               "standbys, so every write — orders, admissions, results — fails while that member is down, and the reads it "
               "served go to the other two.",
         sre="diagnose a crash-looping store member (nothing to roll back), hold restarts of its callers, and page the "
             "database team once naming the member; touch nothing healthy."),
    dict(name="clinic-vm-restart-clin-gen-3-time-skew-replace-lab", split="fresh7", topology="clinic", duration="2h",
         workloads=clinic_day("2h"),
         faults=[m("clinic-gen-3-vm-restart", "35m"), m("ehr-med-profile-time-skew", "55m"),
                 m("empi-patient-index-container-kill", "75m"), m("dept-lab-lis-http-replace-503", "90m")],
         expectations=HEAL,
         description="clin-gen-3's VM is restarted by a platform update (a minute away, its containers start afresh); one med-profile pod's clock runs 15 minutes ahead (12 min); one patient-index container is killed; one lab-lis pod answers 503 (12 min).",
         story="An Azure platform update restarts the VM under clin-gen-3: the node is away a minute and its containers start "
               "afresh, the slow starters among them. Later one med-profile pod's clock jumps 15 minutes ahead for 12 minutes, so "
               "the tokens it presents to clinical-db are not yet valid and every lookup it takes fails; one patient-index JVM is "
               "killed by a kernel bug and restarted in place; and a maintenance page left on in one lab-lis pod's proxy answers "
               "503 for 12 minutes.",
         sre="leave the restarted node's pods to Kubernetes; replace the skewed med-profile pod so it lands on a node with a "
             "good clock; leave the container kill to the kubelet; replace the lab-lis pod answering 503."),
    dict(name="clinic-game-day-workflow", split="fresh7", topology="clinic", duration="2h",
         workloads=clinic_day("2h"),
         faults=[m("clinic-game-day", "45m")],
         expectations=DETECT,
         description="A game-day Workflow: orders' calls to cds delayed 120 ms (6 min), calm (2 min), then chart-api CPU stress and one pharmacy pod aborting every request (6 min).",
         story="The clinical platform team's game day, one Workflow at the day shift's peak: for 6 minutes orders' calls to cds "
               "wait 120 ms more on the way, 2 minutes of calm, then for 6 minutes every chart-api pod gets two stuck workers at "
               "90 % of a core and one pharmacy pod aborts every request.",
         sre="detect each step, restart nothing healthy (each step ends by itself within minutes), and page at most once."),
    dict(name="clinic-control-morning-rounds-crowd", split="fresh7", topology="clinic", duration="2h",
         workloads={"ehr/ehr-web": crowd("40m", "40m", 1.8), "hl7/hl7-listener": diurnal("2h", 0.3)},
         expectations=CONTROL,
         description="No fault: morning rounds and the outpatient clinics open together: 1.8x clinicians' requests for 40 minutes; chart-api's HPA scales.",
         story="Morning rounds on the wards and the outpatient clinics' first appointments fall in the same 40 minutes: ehr-web "
               "takes 1.8x its requests, most of them chart reviews. chart-api's HPA adds pods as its workers fill (on a tight "
               "general pool) and removes them after; orders, cds and clinical-db, sized for it, take the load.",
         sre="nothing: a crowd within capacity and an HPA doing its job are not incidents; no alert, no action, no page."),
    dict(name="clinic-control-downtime-window", split="fresh7", topology="clinic", duration="2h",
         workloads=clinic_day("2h"),
         changes=[change("scale", "15m", "dept", "lab-lis", replicas=4), change("drain", "30m", node="clin-gen-2", duration="30m"),
                  change("rollout", "70m", "hl7", "interface-engine"), change("config-change", "95m", "empi", "patient-index"),
                  change("rollout", "105m", "ehr", "cds")],
         expectations=CONTROL,
         description="No fault: lab-lis scaled to 4, clin-gen-2 drained for 30 minutes (pods Pending on the tight pool until it is back), interface-engine rolled out one engine at a time (maxSurge 0), patient-index reconfigured, cds rolled out.",
         story="A planned maintenance day: lab-lis is scaled to 4 for a new analyser line; clin-gen-2 is drained for a kernel "
               "patch — the general pool is tight, so some of its pods wait Pending until it is uncordoned 30 minutes later; "
               "interface-engine rolls out a new channel set one engine at a time (no room to surge: 90 s to load each); "
               "patient-index rolls out a new matching threshold one JVM at a time; cds rolls out new alert rules.",
         sre="nothing: drains, rollouts and planned scaling that honour the PDBs are maintenance, and Pending pods during a "
             "planned drain of a tight pool are expected; no alert, no action, no page."),

    # ---------------------------------------------------------------- fresh7: charge (namespaces ocpp, energy, drivers, sessions, roaming)
    dict(name="charge-retry-storm-session-ledger", split="fresh7", topology="charge", duration="2h",
         workloads=charge_day("2h"),
         faults=[{"type": "dependency-slowdown", "name": "session-ledger-compaction", "target": {"service": "session-ledger", "namespace": "sessions"},
                  "at": "50m", "duration": "20m", "addedLatency": "15ms"}],
         expectations=HEAL,
         description="session-ledger answers 15 ms slower for 20 minutes at the evening peak; session-manager retries each write twice.",
         story="A compaction on every session-ledger member makes each read and write 15 ms slower for 20 minutes at the evening "
               "peak, and the members saturate. session-manager writes twice a session step and retries each write twice: the "
               "retries keep the ledger saturated, session-manager's workers fill waiting on it, and chargers' start and stop "
               "transactions and the drivers' remote starts time out.",
         sre="hold restarts of session-manager (its HPA's scale-up adds retries, not capacity), shed the retries into "
             "session-ledger (retry budget, circuit breaker), and page the sessions team once naming session-ledger."),
    dict(name="charge-crashloop-rollout-session-manager-schedule-kill-gateway", split="fresh7", topology="charge", duration="2h",
         workloads=charge_day("2h"),
         faults=[m("ocpp-gateway-kill-schedule", "0s"),
                 {"type": "bad-rollout", "name": "session-manager-ocpp201", "target": {"deployment": "session-manager", "namespace": "sessions"},
                  "at": "40m", "duration": "40m", "crashOnStart": True},
                 m("energy-meter-store-io-fault", "90m")],
         expectations=HEAL,
         description="session-manager rolls out a build that exits on start (maxUnavailable 0: the old pods keep serving); a Schedule deletes one ocpp-gateway pod every 15 minutes; one meter-store member fails 40 % of its writes (12 min).",
         story="The sessions team rolls out OCPP 2.0.1 support in a session-manager build that reads a config key the chart does "
               "not set: the surge pod exits on start and crash-loops, and the rollout stalls with the old pods serving, until "
               "its authors undo it 40 minutes later. All day a Schedule rehearsing spot interruptions deletes one ocpp-gateway "
               "pod every 15 minutes without a grace period. At 90 minutes a failing drive under one meter-store member fails "
               "40 % of its writes for 12 minutes.",
         sre="see the new ReplicaSet crash-looping right after the rollout and roll session-manager back; leave the spot "
             "deletions to Kubernetes; replace the meter-store member with the failing drive (PDB maxUnavailable 1)."),
    dict(name="charge-misconfig-tariff-wrong-port-ocpi-partition", split="fresh7", topology="charge", duration="2h",
         workloads=charge_day("2h"),
         faults=[{"type": "misconfiguration", "name": "tariff-grpc-port", "target": {"deployment": "tariff", "namespace": "sessions"},
                  "at": "35m", "duration": "25m", "misconfiguration": "wrong-port"},
                 m("roaming-gw-ocpi-partition", "75m")],
         expectations=HEAL,
         description="tariff's new config listens on the wrong port: every price request is refused for 25 minutes; later one roaming-gw pod is cut from the OCPI roaming hub (15 min).",
         story="A config change moves tariff's gRPC listener to a port its Service does not target: its pods pass their probes "
               "on the admin port and every price request is refused, so every session step session-manager prices fails with "
               "it, until the change is reverted 25 minutes later. Fifteen minutes after, a firewall change on the egress gateway "
               "cuts one roaming-gw pod from the OCPI roaming hub for 15 minutes: the roaming authorisations and session records "
               "it forwards time out.",
         sre="tie the refused requests to tariff's config change and roll it back at once; replace the roaming-gw pod cut from "
             "the hub or page the network team; no restarts of session-manager."),
    dict(name="charge-misconfig-charger-search-readiness-dns-random-psp-corrupt", split="fresh7", topology="charge", duration="2h",
         workloads=charge_day("2h"),
         faults=[{"type": "misconfiguration", "name": "charger-search-index-path", "target": {"deployment": "charger-search", "namespace": "drivers"},
                  "at": "30m", "duration": "40m", "misconfiguration": "readiness-never-passes"},
                 m("drivers-driver-api-dns-random-psp", "75m"), m("ocpp-gateway-network-corrupt", "95m")],
         expectations=HEAL_QUIET,
         description="charger-search's new revision points its readiness at an index it no longer builds: the surge pod never turns Ready, the rollout stalls (40 min); one driver-api pod resolves the payment provider to random addresses (12 min); one ocpp-gateway pod corrupts 40 % of its packets (10 min).",
         story="A config change moves charger-search's geo index to a new path but not its readiness check: the surge pod "
               "(maxSurge 1, maxUnavailable 0) never turns Ready and the rollout stalls with the old pods serving, until it is "
               "reverted 40 minutes later. Later one driver-api pod's resolver cache is poisoned for 12 minutes: its card "
               "pre-authorisations go to random addresses and wait out their 2 s deadline; and a bad network driver on one "
               "ocpp-gateway pod's host corrupts 40 % of its packets for 10 minutes.",
         sre="see the stalled rollout after the config change and roll charger-search back; replace the driver-api pod with "
             "the poisoned cache and the corrupting ocpp-gateway pod; no restarts of charger-search's serving pods."),
    dict(name="charge-cpu-hog-smart-charging-jvm-latency-authz-bandwidth-meter", split="fresh7", topology="charge", duration="2h",
         workloads=charge_day("2h"),
         faults=[{"type": "cpu-hog", "name": "smart-charging-solver-spin", "target": {"deployment": "smart-charging", "namespace": "energy"},
                  "at": "30m", "duration": "45m", "cores": 5},
                 m("sessions-authz-jvm-latency", "60m"), m("energy-meter-ingest-bandwidth", "95m")],
         expectations=HEAL,
         description="smart-charging burns 5 extra cores per pod for 45 minutes; meanwhile every authz JVM waits 300 ms more on its contract cache (15 min); later every meter-ingest pod is shaped to 500 kbps (12 min).",
         story="A new smart-charging build leaves its solver threads spinning after each plan: each optimiser burns 5 cores beyond "
               "its 4-core request for 45 minutes and plans slower, and meter-ingest and session-manager wait on it. At the peak a "
               "contract-cache refresh in authz takes a lock on every token check: every authz JVM answers 300 ms later for 15 "
               "minutes. Later a traffic-shaping policy meant for the analytics export shapes every meter-ingest pod to 500 kbps "
               "for 12 minutes.",
         sre="restart the smart-charging pods one at a time (the restart clears the spin; PDB minAvailable 2) or add capacity; "
             "page the authz owners (restarting it does not clear the lock); add meter-ingest capacity (new pods are not "
             "shaped) or page the network team; no restarts of healthy pods."),
    dict(name="charge-noisy-neighbour-ev-node-2-duplicate-charger-state", split="fresh7", topology="charge", duration="2h",
         workloads=charge_day("2h"),
         faults=[{"type": "noisy-neighbour", "name": "fluentd-reindex-on-ev-node-2", "target": {"node": "ev-node-2"},
                  "at": "30m", "duration": "40m", "cores": 7},
                 m("ocpp-charger-state-network-duplicate", "80m")],
         expectations=HEAL,
         description="A log re-indexing job without CPU limits takes 7 of ev-node-2's 8 cores for 40 minutes; later every charger-state pod's packets are duplicated (15 min).",
         story="The observability team's log re-indexer, started as a bare pod without CPU limits, lands on ev-node-2 and takes 7 "
               "of its 8 cores for 40 minutes: every pod there is throttled, charger-state and ocpp-gateway among them. Ten "
               "minutes after it ends, a port-mirroring rule left on the charger-state pods by a debugging session duplicates "
               "every packet for 15 minutes: each pod serves twice its updates.",
         sre="see that the slow pods share one node, cordon it and move them off (evictions honouring the PDBs); page the "
             "re-indexer's owner once; restart the charger-state pods one at a time (new interfaces carry no rule) if they "
             "saturate."),
    dict(name="charge-node-failure-ev-node-4-pod-failure-roaming-io-latency-meter", split="fresh7", topology="charge", duration="2h",
         workloads=charge_day("2h"),
         faults=[{"type": "node-failure", "name": "ev-node-4-instance-retirement", "target": {"node": "ev-node-4"}, "at": "40m", "duration": "30m"},
                 m("roaming-roaming-gw-pod-failure", "80m"), m("energy-meter-store-io-latency", "95m")],
         expectations=DETECT,
         description="ev-node-4 fails for 30 minutes (its pods black-hole requests until NotReady, evicted after 5 minutes); later one roaming-gw pod hangs (12 min); every meter-store volume waits 8 ms more (15 min).",
         story="An EC2 instance retirement takes ev-node-4 down without a drain: its pods black-hole requests until the node turns "
               "NotReady, are evicted after the 5-minute toleration and start on the other nodes; the node is back 30 minutes "
               "later. Ten minutes after, one roaming-gw pod's process hangs for 12 minutes. Then the EBS volumes under meter-store "
               "hit their burst-credit floor: every write waits 8 ms more for 15 minutes.",
         sre="cordon the lost node and delete its pods at once so they reschedule without waiting out the toleration; page once "
             "about the node; let readiness take the hung roaming-gw pod out and restart it if Kubernetes has not; page "
             "storage about meter-store's volumes (restarts do not help)."),
    dict(name="charge-control-evening-commute-ramp", split="fresh7", topology="charge", duration="3h",
         workloads={"ocpp/ocpp-gateway": ramp("30m", "40m", 1.4, "60m"), "drivers/driver-api": ramp("30m", "40m", 1.8, "60m")},
         expectations=CONTROL,
         description="No fault: the evening commute: chargers' messages ramp to 1.4x and drivers' app use to 1.8x over 40 minutes and hold an hour; session-manager's HPA scales.",
         story="Commuters plug in on arriving home: over 40 minutes the chargers' messages ramp to 1.4x and the drivers' app use to "
               "1.8x, and both hold an hour before easing off. session-manager's HPA adds pods as its workers fill and removes "
               "them after; smart-charging, the ledger and the meter store, sized for the evening, take the load.",
         sre="nothing: a ramp within capacity and an HPA doing its job are not incidents; no alert, no action, no page."),
    dict(name="charge-control-release-night", split="fresh7", topology="charge", duration="2h",
         workloads=charge_day("2h"),
         changes=[change("rollout", "15m", "sessions", "authz"), change("config-change", "30m", "energy", "meter-store"),
                  change("drain", "50m", node="ev-node-3", duration="20m"), change("config-change", "80m", "sessions", "session-ledger"),
                  change("rollout", "95m", "ocpp", "charger-state"), change("scale", "105m", "energy", "meter-ingest", replicas=4)],
         expectations=CONTROL,
         description="No fault: authz rolled out one JVM at a time (maxSurge 0), meter-store and session-ledger restarted member by member, ev-node-3 drained for 20 minutes, charger-state rolled out, meter-ingest scaled to 4.",
         story="The platform team's release night: authz rolls out a new token format one JVM at a time (no surge, a minute to "
               "warm each); meter-store's members restart one at a time into a new retention config (PDB maxUnavailable 1); "
               "ev-node-3 is drained for an AMI update and back 20 minutes later; session-ledger's members restart one at a time "
               "(PDB minAvailable 2); charger-state rolls out, each new pod taking over its partitions; meter-ingest is scaled to "
               "4 ahead of a fleet onboarding.",
         sre="nothing: rollouts, StatefulSets' rolling restarts, a drain and planned scaling that honour the PDBs are "
             "maintenance; no alert, no action, no page."),
    dict(name="charge-control-reconnect-burst", split="fresh7", topology="charge", duration="2h",
         workloads={"ocpp/ocpp-gateway": crowd("45m", "15m", 1.7, kind="bursty"), "drivers/driver-api": diurnal("2h", 0.5)},
         expectations=CONTROL,
         description="No fault: after a mobile carrier's outage, the chargers on its SIMs reconnect and flush their queued messages: ocpp-gateway takes 1.7x in bursts for 15 minutes.",
         story="A mobile carrier's core network recovers from an outage and the chargers on its SIM cards reconnect together, "
               "flushing the meter values and status notifications they queued: for 15 minutes ocpp-gateway takes 1.7x its "
               "messages in bursts. charger-state, meter-ingest and the meter store, sized for it, take the load.",
         sre="nothing: a burst within capacity is not an incident; no alert, no action, no page."),
]
