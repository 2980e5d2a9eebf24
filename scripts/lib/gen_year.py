#!/usr/bin/env python3
"""Twelve months of actuals for every contribution on a signed letter of a session, for
scripts/bench-year. Deterministic.

  gen_year.py SESSION.json script > YEAR.txt   `next`, then one `actual` command per
                                               contribution and month (about 24,000 for
                                               the stress session)
  gen_year.py SESSION.json csv > ACTUALS.csv   the same actuals as a sheet for `actual import`
"""
import json
import random
import sys

path, mode = sys.argv[1], sys.argv[2]
state = json.load(open(path))["state"]
adopted = {g["id"] for g in state["goals"] if g.get("status") == "adopted"}
per_month = {"weekly": 52 / 12, "monthly": 1, "quarterly": 1 / 3, "annual": 1 / 12}
rng = random.Random(2027)
rows = []
for month in range(1, 13):
    for c in state["contribs"]:
        if c["goal"] not in adopted:
            continue
        share = per_month.get(c.get("cycle", "monthly"), 1) if not any(u in c.get("unit", "") for u in ("%", "point", "score", "分")) else 1
        value = round(c["target"] * share * rng.uniform(0.7, 1.25), 1)
        rows.append((c["id"], f"2027-{month:02d}", value))
if mode == "script":
    print("next")
    for cid, period, value in rows:
        print(f"actual X{cid} {period} {value}")
else:
    print("contribution,period,actual")
    for cid, period, value in rows:
        print(f"X{cid},{period},{value}")
