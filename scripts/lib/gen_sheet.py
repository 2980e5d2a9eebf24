#!/usr/bin/env python3
"""Writes a KPI sheet (CSV) of ROWS rows shaped like the real ones in shared/data
(kpi-sheet-en.csv, kpi-sheet-zh-Hant.csv): department, KPI name, direction, target, unit,
source, cycle, weight, owner. Half of the departments have Chinese names and Chinese cells
(提升/降低, 月度/季度/年度, 200萬); the others English. KPI names come from the catalog's metrics
with a number so that each is distinct in its department; every tenth name carries a comma
or a quote (quoted cells). Deterministic for a given seed.

  python3 scripts/lib/gen_sheet.py ROWS [--per-dept N] [--seed S] > sheet.csv
"""
import argparse
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_session import METRICS, SOURCES, dept_name  # noqa: E402

ZH_CYCLES = ["月度", "季度", "年度"]
EN_CYCLES = ["monthly", "quarterly", "annual"]


def cell(s):
    if any(c in s for c in ',"\n'):
        return '"' + s.replace('"', '""') + '"'
    return s


def rows(n, per_dept, seed):
    rnd = random.Random(seed)
    yield "department,kpi,direction,target,unit,source,cycle,weight,owner"
    for r in range(n):
        d = r // per_dept
        j = r % per_dept + 1
        key, en, zh, dr, unit, _ = METRICS[rnd.randrange(len(METRICS))]
        chinese = d % 2 == 1
        if chinese:
            name = f"{zh}{j}" if j % 10 else f"{zh}（含退貨, 折讓）{j}"
            direction = "提升" if dr == "up" else "降低"
            big = rnd.randrange(1, 500)
            target = f"{big}萬" if unit not in ("%", "points") and j % 3 == 0 else str(rnd.randrange(10, 100000))
            cycle = ZH_CYCLES[rnd.randrange(3)]
            owner = f"負責人{d % 97}"
        else:
            name = f"{en} {j}" if j % 10 else f'{en} "net", {j}'
            direction = dr
            target = f"{rnd.randrange(1, 9)},{rnd.randrange(100, 999)}" if j % 4 == 0 else str(rnd.randrange(10, 100000))
            cycle = EN_CYCLES[rnd.randrange(3)]
            owner = f"Owner {d % 97}"
        weight = str(rnd.randrange(1, 20))
        yield ",".join(cell(x) for x in (dept_name(d), name, direction, target, unit,
                                         SOURCES[rnd.randrange(len(SOURCES))], cycle, weight, owner))


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("rows", type=int)
    ap.add_argument("--per-dept", type=int, default=100)
    ap.add_argument("--seed", type=int, default=2027)
    a = ap.parse_args()
    out = sys.stdout
    for line in rows(a.rows, a.per_dept, a.seed):
        out.write(line + "\n")
