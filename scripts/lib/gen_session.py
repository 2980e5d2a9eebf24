#!/usr/bin/env python3
"""Writes the commands of a generated meeting, to be run through the real command layer
(`accord FILE --script CMDS`). Deterministic for a given profile and seed.

  realistic: 30 departments, 300 KPIs, 8 goals, 200 contributions, every letter signed,
             about 2,000 events
  stress:    100 departments, 10,000 KPIs, 50 goals, 2,000 contributions, every letter
             signed, about 50,000 events
  audit:     only departments and KPIs (--depts, --kpis), for the audit benchmark
  unit:      a small business unit's meeting (6 departments, 24 KPIs, 4 goals, 18
             contributions, every letter signed), titled --title, for `accord rollup`;
             --seed makes the units differ

Names are Chinese for half of the departments and English for the other half.
"""
import argparse
import random

METRICS = [
    # (key, English KPI name, Chinese KPI name, direction, unit, stage)
    ("traffic", "Website traffic", "網站流量", "up", "visits", "acquisition"),
    ("impressions", "Brand impressions", "品牌曝光量", "up", "次", "acquisition"),
    ("ctr", "Ad click-through rate", "廣告點擊率", "up", "%", "acquisition"),
    ("leads", "Marketing qualified leads", "線索量", "up", "筆", "acquisition"),
    ("qualified_leads", "Sales-accepted leads", "有效線索", "up", "leads", "acquisition"),
    ("cac", "Customer acquisition cost", "獲客成本", "down", "USD", "acquisition"),
    ("new_customers", "New customers", "新客數", "up", "customers", "acquisition"),
    ("signups", "Sign-ups", "註冊數", "up", "accounts", "activation"),
    ("trial_conversion", "Trial to paid conversion", "試用轉付費率", "up", "%", "activation"),
    ("lead_conversion", "Lead conversion rate", "線索轉化率", "up", "%", "activation"),
    ("retention_rate", "Customer retention rate", "客戶留存率", "up", "%", "retention"),
    ("churn_rate", "Churn rate", "流失率", "down", "%", "retention"),
    ("csat", "Customer satisfaction", "客戶滿意度", "up", "%", "retention"),
    ("handle_time", "Average handle time", "平均處理時間", "down", "minutes", "retention"),
    ("revenue", "Revenue", "營收", "up", "USD", "revenue"),
    ("gross_margin", "Gross margin", "毛利率", "up", "%", "revenue"),
    ("aov", "Average order value", "平均客單價", "up", "USD", "revenue"),
    ("cltv", "Customer lifetime value", "客戶終身價值", "up", "USD", "revenue"),
    ("referrals", "Referrals", "推薦數", "up", "customers", "referral"),
    ("nps", "Net Promoter Score", "淨推薦值", "up", "points", "referral"),
]
SOURCES = ["Salesforce", "HubSpot", "GA4", "財務系統", "Zendesk", "CRM"]
CYCLES = ["monthly", "quarterly", "annual"]
STAGES = ["acquisition", "activation", "retention", "revenue", "referral"]


def q(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def dept_name(i):
    return f"部門{i:03d}" if i % 2 else f"Dept {i:03d}"


def generate(profile, depts, kpis, goals, contribs, events, seed, title=None):
    rnd = random.Random(seed)
    out = []
    out.append(f'title {q(title or ("Generated " + profile + " session 生成的會議"))}')
    out.append("period 2027")
    names = [dept_name(i) for i in range(depts)]
    for i, n in enumerate(names):
        out.append(f"dept add {q(n)} --head {q('Head ' + str(i))} --supervisor {q('督導 ' + str(i % 7))}")
    if profile == "audit":
        out.append("next")
    else:
        out.append("next")
    # KPIs: spread over departments, names from the catalog with a suffix so they are distinct
    kpi_ids = []
    per_dept = {}
    for k in range(kpis):
        d = k % depts
        key, en, zh, dr, unit, _ = METRICS[rnd.randrange(len(METRICS))]
        per_dept[d] = per_dept.get(d, 0) + 1
        name = (f"{zh} {per_dept[d]}" if d % 2 else f"{en} {per_dept[d]}")
        target = rnd.randrange(10, 100000)
        out.append(f"kpi add {q(names[d])} {q(name)} --metric {key} --dir {dr} --target {target} --unit {unit} "
                   f"--source {q(SOURCES[rnd.randrange(len(SOURCES))])} --cycle {CYCLES[rnd.randrange(3)]} "
                   f"--weight {rnd.randrange(5, 40)} --owner {q('Owner ' + str(d))}")
        kpi_ids.append(k + 1)
    if profile == "audit":
        return out
    out.append("audit")
    out.append('next --force "generated session: conflicts go into the goal discussion"')
    # goals: each adopted by every department
    goal_metrics = [m for m in METRICS if m[0] in ("revenue", "cltv", "retention_rate", "qualified_leads", "csat",
                                                   "gross_margin", "nps", "trial_conversion")]
    # a unit picks its goals' metrics by its seed, so that units share some and not others
    picked = rnd.sample(goal_metrics, goals) if profile == "unit" else None
    for g in range(1, goals + 1):
        key, en, zh, dr, unit, _ = picked[g - 1] if picked else goal_metrics[(g - 1) % len(goal_metrics)]
        base = rnd.randrange(100, 10000)
        target = int(base * 1.2) if dr == "up" else int(base * 0.85)
        title = f"Goal {g}: improve {en.lower()}" if g % 2 else f"目標{g}：改善{zh}"
        out.append(f"goal add {q(title)} --metric {key} --baseline {base} --target {target} --unit {unit} --by 2027-12-31")
        for n in names:
            out.append(f"vote G{g} {q(n)} agree")
        out.append(f"goal adopt G{g}")
    out.append("next")
    # map: each goal to two or three stages
    goal_stages = {}
    for g in range(1, goals + 1):
        st = sorted(rnd.sample(STAGES, 2 + g % 2), key=STAGES.index)
        goal_stages[g] = st
        out.append(f"map G{g} " + " ".join(st))
    # contributions: per department an equal share, weights summing to 100
    slots = [(g, s) for g in range(1, goals + 1) for s in goal_stages[g]]
    rnd.shuffle(slots)
    si = 0
    for d, n in enumerate(names):
        per = contribs // depts + (1 if d < contribs % depts else 0)
        weights = [100 // per] * per
        weights[-1] += 100 - sum(weights)
        for j in range(per):
            g, st = slots[si % len(slots)]
            si += 1
            key, en, zh, dr, unit, _ = METRICS[(d * per + j) % len(METRICS)]
            tgt = rnd.randrange(100, 10000)
            if dr == "up":
                floor, challenge = int(tgt * 0.8), int(tgt * 1.2)
            else:
                floor, challenge = int(tgt * 1.2), int(tgt * 0.8)
            kname = f"{zh}貢獻{j}" if d % 2 else f"{en} contribution {j}"
            out.append(f"contrib add G{g} {q(n)} --stage {st} --kpi {q(kname)} --metric {key} --target {tgt} "
                       f"--challenge {challenge} --floor {floor} --unit {unit} --weight {weights[j]} "
                       f"--source {q(SOURCES[d % len(SOURCES)])} --cycle {CYCLES[j % 3]}")
    # filler before signing: KPI edits, undo and redo, as a long meeting has
    fill = events - len(out) - 2 * depts - 2
    k = 0
    while fill > 0:
        kid = kpi_ids[rnd.randrange(len(kpi_ids))]
        r = k % 10
        if r < 7:
            out.append(f"kpi edit K{kid} --target {rnd.randrange(10, 100000)}")
            fill -= 1
        elif r == 7 and fill >= 2:
            out.append(f"kpi edit K{kid} --source {q(SOURCES[rnd.randrange(len(SOURCES))])}")
            out.append("undo")
            fill -= 2
        elif fill >= 3:
            out.append(f"kpi edit K{kid} --weight {rnd.randrange(5, 40)}")
            out.append("undo")
            out.append("redo")
            fill -= 3
        else:
            out.append(f"kpi edit K{kid} --target {rnd.randrange(10, 100000)}")
            fill -= 1
        k += 1
    out.append("next")
    for i, n in enumerate(names):
        out.append(f"sign {q(n)} head {q('Head ' + str(i))}")
        out.append(f"sign {q(n)} supervisor {q('督導 ' + str(i % 7))}")
    return out


PROFILES = {
    "realistic": dict(depts=30, kpis=300, goals=8, contribs=200, events=2000),
    "stress": dict(depts=100, kpis=10000, goals=50, contribs=2000, events=50000),
    "unit": dict(depts=6, kpis=24, goals=4, contribs=18, events=0),
}

if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("profile", choices=["realistic", "stress", "audit", "unit"])
    ap.add_argument("--title", help="the session's title (unit)")
    ap.add_argument("--depts", type=int, default=100)
    ap.add_argument("--kpis", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=2027)
    a = ap.parse_args()
    if a.profile == "audit":
        p = dict(depts=a.depts, kpis=a.kpis, goals=0, contribs=0, events=0)
    else:
        p = PROFILES[a.profile]
    print("\n".join(generate(a.profile, seed=a.seed, title=a.title, **p)))
