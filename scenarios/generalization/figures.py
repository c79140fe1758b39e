#!/usr/bin/env python3
"""Prints the suite's figures as Markdown: one table per split (per scenario, then a total row) from
the report.json files of `homeostat run`. Usage:

    python3 scenarios/generalization/figures.py /tmp/gen-tune/report.json /tmp/gen-holdout/report.json

Scenario metrics are means over seeds (as report.json has them); the totals add those means, so a
total is "per seed, on average". The downtime reduction of a total is 1 - engine / baseline over the
summed downtime (not a mean of ratios). False alarms per day over the controls weigh each control by
its length (read from scenarios.py).
"""
import json
import os
import re
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from scenarios import SCENARIOS  # noqa: E402

DEFINED = {s["name"]: s for s in SCENARIOS}


def hours(duration):
    m = re.fullmatch(r"(?:(\d+)h)?(?:(\d+)m)?", duration)
    return int(m.group(1) or 0) + int(m.group(2) or 0) / 60


def num(v, fmt="{:.2f}"):
    return "n/a" if v is None else fmt.format(v)


def seconds(v):
    return "n/a" if v is None else f"{v:,.0f} s"


def pages(s):
    """Pages baseline → engine where the report has them (a later report schema), else None."""
    b, e = s.get("pagesBaseline"), s.get("pagesEngine")
    return None if b is None and e is None else f"{num(b, '{:.1f}')} → {num(e, '{:.1f}')}"


def table(report):
    rows = report["scenarios"]
    with_pages = any(pages(s) for s in rows)
    head = ["scenario", "F1", "MTTD", "downtime baseline → engine", "reduction", "escalations baseline → engine"]
    head += ["pages baseline → engine"] if with_pages else []
    head += ["needless", "false alarms/day", "result"]
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    total_b = total_e = esc_b = esc_e = needless = 0.0
    f1s, control_alarms, control_days = [], 0.0, 0.0
    for s in rows:
        d = DEFINED.get(s["name"])
        if d is None:
            raise SystemExit(f"{s['name']}: not in scenarios.py; regenerate the suite")
        total_b += s["downtimeSecondsBaseline"]
        total_e += s["downtimeSecondsEngine"]
        esc_b += s["escalationsBaseline"]
        esc_e += s["escalationsEngine"]
        needless += s["needlessActions"]
        if s["f1"] is not None:
            f1s.append(s["f1"])
        if not d.get("faults"):
            days = hours(d["duration"]) / 24
            control_alarms += (s["falseAlarmsPerDay"] or 0) * days
            control_days += days
        red = s["downtimeReduction"]
        cells = [s["name"], num(s["f1"]), num(s["mttdSeconds"], "{:.0f} s"),
                 f"{seconds(s['downtimeSecondsBaseline'])} → {seconds(s['downtimeSecondsEngine'])}",
                 "n/a" if red is None else f"{red:.0%}",
                 f"{s['escalationsBaseline']:.1f} → {s['escalationsEngine']:.1f}"]
        cells += [pages(s) or "n/a"] if with_pages else []
        cells += [f"{s['needlessActions']:.1f}", num(s["falseAlarmsPerDay"], "{:.1f}"),
                  "PASS" if s["passed"] else "FAIL"]
        out.append("| " + " | ".join(cells) + " |")
    reduction = "n/a" if total_b == 0 else f"{1 - total_e / total_b:.0%}"
    fa = "n/a" if control_days == 0 else f"{control_alarms / control_days:.1f}"
    mean_f1 = "n/a" if not f1s else f"{sum(f1s) / len(f1s):.2f}"
    cells = [f"**total** ({len(rows)} scenarios)", f"mean {mean_f1}", "",
             f"**{total_b:,.0f} s → {total_e:,.0f} s**", f"**{reduction}**", f"**{esc_b:.1f} → {esc_e:.1f}**"]
    cells += [""] if with_pages else []
    cells += [f"**{needless:.1f}**", f"**{fa}** (controls)", f"{sum(s['passed'] for s in rows)}/{len(rows)} pass"]
    out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out)


def main(paths):
    if not paths:
        raise SystemExit(__doc__)
    for path in paths:
        with open(path) as f:
            report = json.load(f)
        print(f"### {report['suite']}\n")
        print(table(report))
        print()


if __name__ == "__main__":
    main(sys.argv[1:])
