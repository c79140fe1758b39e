#!/usr/bin/env python3
"""Writes the generalization suite: tune/*.yaml and holdout/*.yaml from topologies.py (the clusters) and
scenarios.py (what happens to them), fresh/*.yaml from fresh_topologies.py and fresh_scenarios.py,
fresh2/*.yaml from fresh2_topologies.py and fresh2_scenarios.py, fresh3/*.yaml from fresh3_topologies.py and
fresh3_scenarios.py, fresh4/*.yaml from fresh4_topologies.py and fresh4_scenarios.py, fresh5/*.yaml from
fresh5_topologies.py and fresh5_scenarios.py, fresh6/*.yaml from fresh6_topologies.py and fresh6_scenarios.py,
fresh7/*.yaml from fresh7_topologies.py and fresh7_scenarios.py, fresh8/*.yaml from fresh8_topologies.py and
fresh8_scenarios.py, and the generated sections of README.md
(the scenario list and the coverage table) between their markers.
Refuses a suite that breaks its own rules: a scenario in the split its topology does not belong to, a
fault type or catalogue kind missing, one of the families missing from a split, fewer than 6 controls;
and a self-contained split (fresh/, fresh2/, fresh3/, fresh4/, fresh5/, fresh6/, fresh7/, fresh8/) that misses a fault
type or catalogue kind or has fewer than 5 controls (fresh2/ to fresh8/ also a JVMChaos).
Regenerate with: python3 scenarios/generalization/generate.py

One generator keeps every scenario of a topology on exactly the same cluster, and the README's list in
step with the files. The Chaos Mesh manifests under manifests/ are written by hand (kubectl-apply-able).
"""
import os
import re
import sys

import yaml  # PyYAML (Debian: python3-yaml), to read the manifests' kinds and actions

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # no __pycache__ beside the suite
sys.path.insert(0, HERE)
from topologies import TOPOLOGIES as FIRST_TOPOLOGIES  # noqa: E402
from scenarios import CONTROL, DETECT, HEAL, HEAL_QUIET, SCENARIOS as FIRST_SCENARIOS, SPLITS as FIRST_SPLITS  # noqa: E402
from fresh_topologies import FRESH_TOPOLOGIES  # noqa: E402
from fresh_scenarios import FRESH_SCENARIOS, FRESH_SPLITS  # noqa: E402
from fresh2_topologies import FRESH2_TOPOLOGIES  # noqa: E402
from fresh2_scenarios import FRESH2_SCENARIOS, FRESH2_SPLITS  # noqa: E402
from fresh3_topologies import FRESH3_TOPOLOGIES  # noqa: E402
from fresh3_scenarios import FRESH3_SCENARIOS, FRESH3_SPLITS  # noqa: E402
from fresh4_topologies import FRESH4_TOPOLOGIES  # noqa: E402
from fresh4_scenarios import FRESH4_SCENARIOS, FRESH4_SPLITS  # noqa: E402
from fresh5_topologies import FRESH5_TOPOLOGIES  # noqa: E402
from fresh5_scenarios import FRESH5_SCENARIOS, FRESH5_SPLITS  # noqa: E402
from fresh6_topologies import FRESH6_TOPOLOGIES  # noqa: E402
from fresh6_scenarios import FRESH6_SCENARIOS, FRESH6_SPLITS  # noqa: E402
from fresh7_topologies import FRESH7_TOPOLOGIES  # noqa: E402
from fresh7_scenarios import FRESH7_SCENARIOS, FRESH7_SPLITS  # noqa: E402
from fresh8_topologies import FRESH8_TOPOLOGIES  # noqa: E402
from fresh8_scenarios import FRESH8_SCENARIOS, FRESH8_SPLITS  # noqa: E402

TOPOLOGIES = FIRST_TOPOLOGIES | FRESH_TOPOLOGIES | FRESH2_TOPOLOGIES | FRESH3_TOPOLOGIES | FRESH4_TOPOLOGIES | FRESH5_TOPOLOGIES | FRESH6_TOPOLOGIES | FRESH7_TOPOLOGIES | FRESH8_TOPOLOGIES
SCENARIOS = FIRST_SCENARIOS + FRESH_SCENARIOS + FRESH2_SCENARIOS + FRESH3_SCENARIOS + FRESH4_SCENARIOS + FRESH5_SCENARIOS + FRESH6_SCENARIOS + FRESH7_SCENARIOS + FRESH8_SCENARIOS
SPLITS = FIRST_SPLITS | FRESH_SPLITS | FRESH2_SPLITS | FRESH3_SPLITS | FRESH4_SPLITS | FRESH5_SPLITS | FRESH6_SPLITS | FRESH7_SPLITS | FRESH8_SPLITS
SOURCES = {split: f"{split}_topologies.py and {split}_scenarios.py" for split in (FRESH_SPLITS | FRESH2_SPLITS | FRESH3_SPLITS | FRESH4_SPLITS | FRESH5_SPLITS | FRESH6_SPLITS | FRESH7_SPLITS | FRESH8_SPLITS)}
# A split measured on its own (written after the others had been read) must carry every fault type and
# catalogue kind itself, and its own controls; fresh2/ also what the catalogue gained since (kinds named
# by their prefix: any action of them); fresh3/, fresh4/, fresh5/, fresh6/, fresh7/ and fresh8/ the same as fresh2/.
SELF_CONTAINED = {"fresh": 5, "fresh2": 5, "fresh3": 5, "fresh4": 5, "fresh5": 5, "fresh6": 5, "fresh7": 5, "fresh8": 5}
SELF_CONTAINED_KINDS = {"fresh2": ["JVMChaos"], "fresh3": ["JVMChaos"], "fresh4": ["JVMChaos"], "fresh5": ["JVMChaos"], "fresh6": ["JVMChaos"], "fresh7": ["JVMChaos"], "fresh8": ["JVMChaos"]}

POLICY = "../../../remediation/policies/default.yaml"
PLAIN = re.compile(r"^[A-Za-z0-9_./-][A-Za-z0-9_./ -]*$")


def scalar(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    s = str(v)
    if PLAIN.match(s) and s not in ("true", "false", "null", "yes", "no", "on", "off") and not s.endswith(" "):
        return s
    return '"' + s.replace('"', '\\"') + '"'


def flow(v):
    if isinstance(v, dict):
        return "{" + ", ".join(f"{k}: {flow(x)}" for k, x in v.items()) + "}"
    if isinstance(v, list):
        return "[" + ", ".join(flow(x) for x in v) + "]"
    return scalar(v)


def comment(text, width=104):
    out, line = [], "#"
    for word in text.split():
        if len(line) + 1 + len(word) > width:
            out.append(line)
            line = "#"
        line += " " + word
    out.append(line)
    return out


def render(s):
    topo = TOPOLOGIES[s["topology"]]
    w = []
    w += comment(s["story"])
    w += comment("What a good engine does: " + s["sre"])
    w.append(f"# Topology '{topo['name']}': {topo['summary']}.")
    sources = SOURCES.get(s["split"], "topologies.py and scenarios.py")
    w.append(f"# GENERATED by ../generate.py from {sources}: edit those, then regenerate.")
    w.append("apiVersion: homeostat.dev/v1alpha1")
    w.append("kind: Scenario")
    w.append("metadata:")
    w.append(f"  name: {s['name']}")
    w.append("spec:")
    w.append(f"  description: {scalar(s['description'])}")
    w.append(f"  duration: {s['duration']}")
    w.append("  scrapeInterval: 15s")
    w.append("  seed: 1")
    w.append("  seeds: 5")
    w.append("  cluster:")
    w.append("    nodes:")
    for n in topo["nodes"]:
        w.append(f"      - {flow(n)}")
    w.append("    deployments:")
    for d in topo["deployments"]:
        w.append(f"      - {flow(d)}")
    w.append("    services:")
    for svc in topo["services"]:
        key = svc.get("namespace", "default") + "/" + svc["name"]
        entry = {"name": svc["name"]}
        if "namespace" in svc:
            entry["namespace"] = svc["namespace"]
        if "base_rps" in svc:
            entry["requestsPerSecond"] = round(svc["base_rps"] * s.get("load", 1.0))
            wl = s.get("workloads", {}).get(key, s.get("workload"))
            if wl:
                entry["workload"] = wl
        entry["slo"] = svc["slo"]
        if "peers" in svc:
            entry["peers"] = svc["peers"]
        first = True
        for k, v in entry.items():
            w.append(("      - " if first else "        ") + f"{k}: {flow(v)}")
            first = False
        if svc.get("calls"):
            w.append("        calls:")
            for c in svc["calls"]:
                w.append(f"          - {flow(c)}")
    if topo.get("pdbs"):
        w.append("    pdbs:")
        for p in topo["pdbs"]:
            w.append(f"      - {flow(p)}")
    if s.get("faults"):
        w.append("  faults:")
        for f in s["faults"]:
            w.append(f"    - {flow(f)}")
    if s.get("changes"):
        w.append("  changes:")
        for c in s["changes"]:
            w.append(f"    - {flow(c)}")
    w.append("  engine:")
    w.append(f"    policy: {POLICY}")
    w.append(f"  expectations: {flow(s['expectations'])}")
    return "\n".join(w) + "\n"


def manifest_actions(path):
    """What a manifest injects, as 'Kind action' strings (a Schedule or Workflow lists what it creates)."""
    with open(os.path.join(HERE, "manifests", os.path.basename(path))) as f:
        doc = yaml.safe_load(f)
    return experiment_actions(doc["kind"], doc["spec"])


EMBEDDED = {"PodChaos": "podChaos", "NetworkChaos": "networkChaos", "StressChaos": "stressChaos", "HTTPChaos": "httpChaos",
            "IOChaos": "ioChaos", "TimeChaos": "timeChaos", "DNSChaos": "dnsChaos", "JVMChaos": "jvmChaos",
            "BlockChaos": "blockChaos"}  # the spec's field per kind


def experiment_actions(kind, spec):
    if kind == "Schedule":
        return ["Schedule"] + experiment_actions(spec["type"], spec[EMBEDDED[spec["type"]]])
    if kind == "Workflow":
        out = ["Workflow"]
        for t in spec["templates"]:
            if t["templateType"] in EMBEDDED:
                out += experiment_actions(t["templateType"], t[EMBEDDED[t["templateType"]]])
        return out
    if kind == "StressChaos":
        return [f"StressChaos {k}" for k in spec["stressors"]]
    if kind == "HTTPChaos":
        return [f"HTTPChaos {k}" for k in ("abort", "delay", "replace") if k in spec]
    if kind == "TimeChaos":
        return ["TimeChaos"]
    return [f"{kind} {spec['action']}"]


def app_variant(f):
    t = f["type"]
    if t == "bad-rollout":
        return "bad-rollout crashOnStart" if f.get("crashOnStart") else "bad-rollout"
    if t == "misconfiguration":
        return f"misconfiguration {f['misconfiguration']}"
    return t


def what(f):
    """One fault in a few words, for the README."""
    if "manifest" in f:
        name = os.path.basename(f["manifest"])
        acts = manifest_actions(f["manifest"])
        return f"`{name}` ({', '.join(dict.fromkeys(acts))}) at {f['at']}"
    target = f["target"].get("deployment") or f["target"].get("service") or f["target"].get("node")
    return f"{app_variant(f)} on {target} at {f['at']} for {f['duration']}"


def change_text(c):
    target = c["target"].get("deployment") or c["target"].get("node")
    if "replicas" in c:
        return f"{c['type']} {target} to {c['replicas']} at {c['at']}"
    return f"{c['type']} {target} at {c['at']}" + (f" for {c['duration']}" if "duration" in c else "")


def load_text(s):
    wls = [w for w in s.get("workloads", {}).values() if w] or [s.get("workload") or {"type": "constant"}]
    kinds = []
    for w in wls:
        k = w["type"]
        if k in ("flash-crowd", "ramp"):
            k += f" ×{w['multiplier']}"
        elif k == "diurnal":
            k += f" ±{w['amplitude']:.0%}"
        kinds.append(k)
    return ", ".join(dict.fromkeys(kinds))


FAMILIES = {
    "family: bad rollout": lambda fs: any(f.get("type") == "bad-rollout" and not f.get("crashOnStart") for f in fs),
    "family: crash loop (rollout)": lambda fs: any(f.get("type") == "bad-rollout" and f.get("crashOnStart") for f in fs),
    "family: crash loop (store under memory stress)": lambda fs: any("StressChaos memory" in manifest_actions(f["manifest"]) for f in fs if "manifest" in f),
    "family: retry storm": None,  # by name: a slowed shared store behind callers with retries
    "family: misconfiguration": lambda fs: any(f.get("type") == "misconfiguration" for f in fs),
}
APP_VARIANTS = ["memory-leak", "dependency-slowdown", "bad-rollout", "bad-rollout crashOnStart", "misconfiguration wrong-port",
                "misconfiguration readiness-never-passes", "cpu-hog", "deadlock", "node-failure", "noisy-neighbour"]
CATALOGUE = ["PodChaos pod-kill", "PodChaos pod-failure", "PodChaos container-kill", "StressChaos memory", "StressChaos cpu",
             "NetworkChaos delay", "NetworkChaos loss", "NetworkChaos duplicate", "NetworkChaos corrupt", "NetworkChaos partition",
             "NetworkChaos bandwidth", "HTTPChaos abort", "HTTPChaos delay", "HTTPChaos replace", "IOChaos latency", "IOChaos fault",
             "TimeChaos", "DNSChaos error", "DNSChaos random", "Schedule", "Workflow"]


def families_of(s):
    fs = s.get("faults", [])
    out = [name for name, test in FAMILIES.items() if test and test(fs)]
    if "retry-storm" in s["name"]:
        out.append("family: retry storm")
    return out


def coverage():
    """Rows of (what, {split: scenarios}); raises when the suite misses one of its rules."""
    found = {}
    for s in SCENARIOS:
        keys = set(families_of(s))
        for f in s.get("faults", []):
            keys.update(manifest_actions(f["manifest"]) if "manifest" in f else [app_variant(f)])
        if not s.get("faults"):
            keys.add("no-fault control")
            keys.update(f"change: {c['type']}" for c in s.get("changes", []))
            keys.update(f"load: {w['type']}" for w in (list(s.get("workloads", {}).values()) or [s.get("workload")]) if w)
        if len(s.get("faults", [])) > 1 or any("Workflow" in manifest_actions(f["manifest"]) for f in s.get("faults", []) if "manifest" in f):
            keys.add("overlapping faults")
        for k in keys:
            found.setdefault(k, {split: [] for split in SPLITS})[s["split"]].append(s["name"])
    problems = [f"no scenario injects {k}" for k in APP_VARIANTS + CATALOGUE if k not in found]
    problems += [f"family {k} is missing from {split}/" for k in FAMILIES for split in SPLITS if not found.get(k, {}).get(split)]
    controls = sum(1 for s in SCENARIOS if not s.get("faults"))
    if controls < 6:
        problems.append(f"only {controls} no-fault controls; the suite needs at least 6")
    for split, least in SELF_CONTAINED.items():
        problems += [f"{split}/ injects no {k}" for k in APP_VARIANTS + CATALOGUE if not found.get(k, {}).get(split)]
        own = sum(1 for s in SCENARIOS if s["split"] == split and not s.get("faults"))
        if own < least:
            problems.append(f"{split}/ has {own} no-fault controls; it needs at least {least}")
    for split, kinds in SELF_CONTAINED_KINDS.items():
        problems += [f"{split}/ injects no {k}" for k in kinds if not any(x.startswith(k + " ") and found[x][split] for x in found)]
    if problems:
        raise SystemExit("generate.py: " + "; ".join(problems))
    order = list(FAMILIES) + APP_VARIANTS + CATALOGUE + ["overlapping faults", "no-fault control"]
    order += sorted(k for k in found if k not in order)
    return [(k, found[k]) for k in order]


def readme_sections():
    rows = ["| scenario | topology | load | faults / changes | expectations | what a good engine does |", "|---|---|---|---|---|---|"]
    for split in SPLITS:
        for s in sorted((x for x in SCENARIOS if x["split"] == split), key=lambda x: x["name"]):
            events = [what(f) for f in s.get("faults", [])] + [change_text(c) for c in s.get("changes", [])]
            kind = {id(HEAL): "HEAL", id(HEAL_QUIET): "HEAL_QUIET", id(DETECT): "DETECT", id(CONTROL): "CONTROL"}.get(id(s["expectations"]))
            if kind is None:
                base = "HEAL_QUIET" if "maxPages" in s["expectations"] else "HEAL"
                kind = f"{base} (MTTD ≤ {s['expectations']['maxMttd']})"
            rows.append(f"| `{split}/{s['name']}` | {s['topology']} | {load_text(s)}, {s['duration']} | "
                        f"{'; '.join(events) or '—'} | {kind} | {s['sre'][0].upper() + s['sre'][1:]} |")
    cov = ["| fault, family or load | " + " | ".join(SPLITS) + " |", "|---" * (len(SPLITS) + 1) + "|"]
    for k, by_split in coverage():
        cov.append(f"| {k} | " + " | ".join(f"{len(by_split[x])}: {', '.join(by_split[x]) or '—'}" for x in SPLITS) + " |")
    return {"scenarios": "\n".join(rows), "coverage": "\n".join(cov)}


def write_readme():
    path = os.path.join(HERE, "README.md")
    with open(path) as f:
        text = f.read()
    for key, body in readme_sections().items():
        begin, end = f"<!-- generated:{key} -->", f"<!-- /generated:{key} -->"
        if begin not in text or end not in text:
            raise SystemExit(f"generate.py: README.md lacks the markers {begin} … {end}")
        head, rest = text.split(begin, 1)
        text = head + begin + "\n" + body + "\n" + end + rest.split(end, 1)[1]
    with open(path, "w") as f:
        f.write(text)


def main():
    names = set()
    topologies = {s["topology"] for s in SCENARIOS}
    if len(SCENARIOS) < 30 or len(topologies) < 5:
        raise SystemExit(f"generate.py: {len(SCENARIOS)} scenarios over {len(topologies)} topologies; the suite needs 30 over 5")
    coverage()
    for split in SPLITS:
        folder = os.path.join(HERE, split)
        os.makedirs(folder, exist_ok=True)
        for f in os.listdir(folder):
            if f.endswith(".yaml"):
                os.remove(os.path.join(folder, f))
    for s in SCENARIOS:
        assert s["name"] not in names, s["name"]
        names.add(s["name"])
        assert s["split"] == SPLITS_OF[s["topology"]], f"{s['name']}: topology {s['topology']} belongs to {SPLITS_OF[s['topology']]}"
        with open(os.path.join(HERE, s["split"], s["name"] + ".yaml"), "w") as f:
            f.write(render(s))
    write_readme()


SPLITS_OF = {topo: split for split, topos in SPLITS.items() for topo in topos}

if __name__ == "__main__":
    main()
