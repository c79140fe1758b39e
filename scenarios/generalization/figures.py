#!/usr/bin/env python3
"""Prints the suite's figures as Markdown: one table per split (per scenario, then a total row) from
the report.json files of `homeostat run` (report schema 2). Usage:

    python3 scenarios/generalization/figures.py /tmp/gen-tune/report.json /tmp/gen-holdout/report.json

Scenario metrics are means over seeds (as report.json has them); totals add those means, so a total
is "per seed, on average", as the report's own `totals` row does. Reductions of totals are
1 - engine / baseline over the sums (not a mean of ratios). False alarms per day pool the no-fault
controls over their simulated days. "escalated" counts incidents escalated (paged, or impact past the
escalation threshold); "pages" the pages themselves (reports/README.md defines both).
"""
import json
import sys


def num(v, fmt="{:.2f}"):
    return "n/a" if v is None else fmt.format(v)


def pct(v):
    return "n/a" if v is None else f"{v:.0%}"


def arrow(s, key, fmt="{:.1f}"):
    return f"{num(s[key + 'Baseline'], fmt)} → {num(s[key + 'Engine'], fmt)}"


def reduction(engine, baseline):
    return None if baseline == 0 else 1 - engine / baseline


HEAD = ["scenario", "F1", "MTTD", "downtime baseline → engine (s)", "reduction", "escalated baseline → engine",
        "pages baseline → engine", "needless", "false alarms/day", "result"]


def table(report):
    rows = report["scenarios"]
    out = ["| " + " | ".join(HEAD) + " |", "|" + "---|" * len(HEAD)]
    t = dict(db=0.0, de=0.0, eb=0.0, ee=0.0, pb=0.0, pe=0.0, needless=0.0, alarms=0.0, days=0.0)
    f1s = []
    for s in rows:
        t["db"] += s["downtimeSecondsBaseline"] or 0
        t["de"] += s["downtimeSecondsEngine"] or 0
        t["eb"] += s["incidentsEscalatedBaseline"] or 0
        t["ee"] += s["incidentsEscalatedEngine"] or 0
        t["pb"] += s["pagesBaseline"] or 0
        t["pe"] += s["pagesEngine"] or 0
        t["needless"] += s["needlessActions"] or 0
        if s["f1"] is not None:
            f1s.append(s["f1"])
        if s["noFault"] and s["falseAlarmsPerDay"] is not None:
            days = s["durationSeconds"] / 86400
            t["alarms"] += s["falseAlarmsPerDay"] * days
            t["days"] += days
        out.append("| " + " | ".join([
            s["name"] + (" (control)" if s["noFault"] else ""), num(s["f1"]), num(s["mttdSeconds"], "{:.0f} s"),
            arrow(s, "downtimeSeconds", "{:,.0f}"), pct(s["downtimeReduction"]), arrow(s, "incidentsEscalated"),
            arrow(s, "pages"), num(s["needlessActions"], "{:.1f}"), num(s["falseAlarmsPerDay"], "{:.1f}"),
            s["status"].upper()]) + " |")
    mean_f1 = "n/a" if not f1s else f"{sum(f1s) / len(f1s):.2f}"
    fa = "n/a" if t["days"] == 0 else f"{t['alarms'] / t['days']:.1f}"
    passed = sum(s["status"] == "pass" for s in rows)
    out.append("| " + " | ".join([
        f"**total** ({len(rows)} scenarios, {passed} pass)", f"mean {mean_f1}", "",
        f"**{t['db']:,.0f} → {t['de']:,.0f}**", f"**{pct(reduction(t['de'], t['db']))}**",
        f"**{t['eb']:.1f} → {t['ee']:.1f}**", f"**{t['pb']:.1f} → {t['pe']:.1f}** ({pct(reduction(t['pe'], t['pb']))})",
        f"**{t['needless']:.1f}**", f"**{fa}** over the controls", ""]) + " |")
    return "\n".join(out)


def main(paths):
    if not paths:
        raise SystemExit(__doc__)
    for path in paths:
        with open(path) as f:
            report = json.load(f)
        if report.get("schemaVersion") != "2":
            raise SystemExit(f"{path}: report schema {report.get('schemaVersion')}; figures.py reads schema 2")
        print(f"### {report['suite']}\n")
        print(table(report))
        print()


if __name__ == "__main__":
    main(sys.argv[1:])
