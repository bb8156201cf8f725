#!/usr/bin/env python3
"""`liuke assign` against scipy.optimize.linear_sum_assignment (the reference).

PERFORMANCE.md: liuke's assignment must cost exactly scipy's optimum. Cases:
  * square: a seeded random N x N matrix (default 2000) of whole costs 1..1,000,000,
    every cell allowed, capacity 1 (scipy's own problem);
  * capacities: a seeded 300 x 100 matrix of costs with two decimals, 10 % of the cells
    empty (not allowed), capacity 3 per column; for scipy each column is repeated
    3 times and an empty cell costs infinity.

Whole costs make the optimum an exact integer, so the totals are compared exactly;
with decimals they are compared to 1e-9 relative. Times: scipy's solve; liuke's whole
process (reading the CSV included) and its solve alone (`--timing`). Best of --repeats.
Exits 1 when a total differs or an assignment is invalid.
"""
import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
import scipy
from scipy.optimize import linear_sum_assignment


def run_liuke(binary, costs_path, capacities_path, repeats):
    args = [binary, "assign", "--costs", costs_path, "--timing"]
    if capacities_path:
        args += ["--capacities", capacities_path]
    walls, solves, result = [], [], None
    for _ in range(repeats):
        start = time.perf_counter()
        out = subprocess.run(args, capture_output=True, text=True)
        walls.append(time.perf_counter() - start)
        if out.returncode != 0:
            sys.exit(f"liuke assign failed ({out.returncode}): {out.stderr}")
        solves.append(next(float(l.split()[1]) for l in out.stderr.splitlines() if l.startswith("solve:")) / 1e3)
        result = json.loads(out.stdout)
    return result, min(walls), min(solves)


def check(name, costs, capacities, result, reference, exact):
    """The assignment is valid, its cost is what it claims and equals the reference."""
    columns = result["assignment"]
    ok = len(columns) == costs.shape[0]
    used = np.bincount(np.asarray(columns, dtype=int), minlength=costs.shape[1]) if ok else None
    ok = ok and bool(np.all(used <= capacities))
    cost = float(sum(costs[i, j] for i, j in enumerate(columns))) if ok else math.nan
    ok = ok and math.isfinite(cost)
    same = (cost == reference and result["total_cost"] == reference) if exact else (
        abs(cost - reference) <= 1e-9 * abs(reference) and abs(result["total_cost"] - reference) <= 1e-9 * abs(reference))
    print(f"{name}: scipy total {reference:.2f}, liuke total {result['total_cost']:.2f} "
          f"(recomputed {cost:.2f}) -> {'EQUAL' if ok and same else 'DIFFERENT'}")
    return ok and same


def best(repeats, run):
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return min(times), result


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--liuke", required=True, help="the liuke binary (optimised build)")
    ap.add_argument("--size", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=20241122)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--dir", default=tempfile.gettempdir(), help="where the CSV files go")
    args = ap.parse_args()
    rng = np.random.default_rng(args.seed)
    good = True

    # Square, whole costs.
    n = args.size
    costs = rng.integers(1, 1_000_001, size=(n, n)).astype(np.float64)
    path = os.path.join(args.dir, f"liuke-assign-{n}x{n}.csv")
    np.savetxt(path, costs, fmt="%d", delimiter=",")
    t_scipy, (rows, cols) = best(args.repeats, lambda: linear_sum_assignment(costs))
    reference = float(costs[rows, cols].sum())
    result, wall, solve = run_liuke(args.liuke, path, None, args.repeats)
    good &= check(f"{n}x{n}", costs, np.ones(n), result, reference, exact=True)
    print(f"  scipy linear_sum_assignment: {t_scipy * 1e3:10.1f} ms")
    print(f"  liuke assign, whole process: {wall * 1e3:10.1f} ms (reading the {os.path.getsize(path) / 1e6:.0f} MB CSV included)")
    print(f"  liuke assign, solve only:    {solve * 1e3:10.1f} ms")
    print(f"  ratio scipy / liuke: {t_scipy / wall:.2f}x process, {t_scipy / solve:.2f}x solve only")

    # Capacities and empty cells, decimals.
    m, k, cap = 300, 100, 3
    costs = np.round(rng.uniform(1, 1000, size=(m, k)), 2)
    costs[rng.uniform(size=(m, k)) < 0.10] = np.inf
    path = os.path.join(args.dir, "liuke-assign-capacities.csv")
    with open(path, "w") as f:
        for row in costs:
            f.write(",".join("" if math.isinf(v) else f"{v:.2f}" for v in row) + "\n")
    cap_path = os.path.join(args.dir, "liuke-assign-capacities.txt")
    with open(cap_path, "w") as f:
        f.write("\n".join(str(cap) for _ in range(k)) + "\n")
    wide = np.repeat(costs, cap, axis=1)
    rows, cols = linear_sum_assignment(wide)
    reference = float(wide[rows, cols].sum())
    result, wall, solve = run_liuke(args.liuke, path, cap_path, 1)
    good &= check(f"{m}x{k}, capacity {cap}, 10 % empty cells", costs, np.full(k, cap), result, reference, exact=False)

    print(f"\nversions: numpy {np.__version__}, scipy {scipy.__version__}, Python {sys.version.split()[0]}")
    sys.exit(0 if good else 1)


if __name__ == "__main__":
    main()
