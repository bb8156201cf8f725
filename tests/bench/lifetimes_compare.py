#!/usr/bin/env python3
"""Liuke's BG/NBD and Gamma-Gamma fits against Python `lifetimes` (the reference).

PERFORMANCE.md: the parameters must agree within 1 % and liuke must be >= 20x faster.
Two data sets:
  * CDNOW: the public summary (2,357 customers, weeks) the engine's tests use;
  * L: the orders of the engine's L sample book (20,000 customers, 500,000 orders) as a
    transaction log, summarised by each tool (lifetimes: summary_data_from_transaction_data,
    freq='W'; liuke: `clv --transactions --unit week`).

When lifetimes' BG/NBD fit stops without convergence (it raises ConvergenceError), the
script runs lifetimes' own objective and optimiser (scipy BFGS from 0.1, as
BaseFitter._fit does) without the success check and says so: that happens when the
likelihood keeps rising along a ridge to a limit model (a, b -> infinity together). There
a and b are not identified, only the drop-out probability per purchase a/(a+b) is, so
that is compared instead of a and b, beside both fits' predictions.

Times: lifetimes' fit (BG/NBD + Gamma-Gamma as `.fit()` does them, standard errors
included) and, for L, its summarising too; liuke's whole process (reading the CSV,
summarising, fitting, printing) and its fit alone (`--timing`). Best of --repeats runs,
wall and CPU time.

Run by scripts/bench-reference.sh; exits 1 when a compared value differs by more than 1 %.
"""
import argparse
import contextlib
import io
import json
import math
import resource
import subprocess
import sys
import time

import numpy as np
import pandas as pd
from autograd import value_and_grad
from lifetimes import BetaGeoFitter, GammaGammaFitter
from lifetimes.utils import ConvergenceError, _scale_time, summary_data_from_transaction_data
from scipy.optimize import minimize

TOLERANCE = 0.01
HORIZON = 39.0


def best_of(repeats, run):
    """Best wall and CPU time (this process) of `repeats` runs, and the last result."""
    wall, cpu, result = math.inf, math.inf, None
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = run()
        wall = min(wall, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
    return (wall, cpu), result


def bgnbd(summary):
    """lifetimes' BG/NBD fit, and whether lifetimes itself accepted it."""
    bg = BetaGeoFitter(penalizer_coef=0.0)
    freq, rec, T = summary["frequency"], summary["recency"], summary["T"]
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            bg.fit(freq, rec, T)
        return bg, True
    except ConvergenceError:
        pass
    scale = _scale_time(np.asarray(T))
    args = (np.asarray(freq).astype(int), np.asarray(rec) * scale, np.asarray(T) * scale,
            np.ones(len(freq), dtype=int), 0.0)
    out = minimize(value_and_grad(bg._negative_log_likelihood), jac=True, method=None, tol=1e-7,
                   x0=0.1 * np.ones(4), args=args)
    bg._scale, bg._negative_log_likelihood_ = scale, out.fun
    bg.params_ = pd.Series(np.exp(out.x), index=["r", "alpha", "a", "b"])
    bg.params_["alpha"] /= scale
    return bg, False


def lifetimes_fit(summary):
    bg, converged = bgnbd(summary)
    buyers = summary[(summary["frequency"] > 0) & (summary["monetary_value"] > 0)]
    gg = GammaGammaFitter(penalizer_coef=0.0)
    gg.fit(buyers["frequency"], buyers["monetary_value"])
    # lifetimes minimises the mean negative log-likelihood in time scaled to max T = 1;
    # in the data's own unit the total differs by sum(x) * ln(scale).
    n = len(summary)
    ll = -bg._negative_log_likelihood_ * n + summary["frequency"].sum() * math.log(bg._scale)
    return {
        "bgnbd": {**{k: float(bg.params_[k]) for k in ["r", "alpha", "a", "b"]}, "log_likelihood": ll},
        # lifetimes calls the scale parameter v; FHL and liuke call it gamma.
        "gamma_gamma": {"p": float(gg.params_["p"]), "q": float(gg.params_["q"]),
                        "gamma": float(gg.params_["v"])},
        "customers": n,
        "converged": converged,
    }


def predictions(params, summary):
    """Expected purchases in HORIZON units and P(alive) by lifetimes' formulas."""
    bg = BetaGeoFitter()
    bg.params_ = pd.Series([params[k] for k in ["r", "alpha", "a", "b"]], index=["r", "alpha", "a", "b"])
    f, r, T = summary["frequency"], summary["recency"], summary["T"]
    return (np.asarray(bg.conditional_expected_number_of_purchases_up_to_time(HORIZON, f, r, T)),
            np.asarray(bg.conditional_probability_alive(f, r, T)))


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_liuke(binary, args, repeats):
    """liuke's result, best (wall, CPU) of the whole process and best fit time it reports."""
    walls, cpus, fits, result = [], [], [], None
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), children_cpu()
        out = subprocess.run([binary, *args, "--timing"], capture_output=True, text=True)
        walls.append(time.perf_counter() - start)
        cpus.append(children_cpu() - start_cpu)
        if out.returncode != 0:
            sys.exit(f"liuke {' '.join(args)} failed ({out.returncode}): {out.stderr}")
        fits.append(next(float(l.split()[1]) for l in out.stderr.splitlines() if l.startswith("fit:")) / 1e3)
        result = json.loads(out.stdout)
    return result, (min(walls), min(cpus)), min(fits)


def rel(a, b):
    return abs(b - a) / abs(a) if a else abs(b)


def compare(name, summary, ours, theirs, liuke_process, liuke_fit, ref_fit, ref_total=None):
    """Prints values side by side and the times (wall, CPU pairs); returns the worst
    relative difference among the compared values."""
    print(f"\n== {name}: {ours['customers']} customers (lifetimes: {theirs['customers']}) ==")
    if not theirs["converged"]:
        print("lifetimes' BG/NBD fit raised ConvergenceError (BFGS: precision loss on a ridge);")
        print("its optimiser's end point is shown. a and b are not identified there: a/(a+b) is compared.")
    print(f"{'value':<22}{'lifetimes':>14}{'liuke':>14}{'rel. diff':>11}")
    worst = 0.0

    def row(label, a, b, counts=True):
        nonlocal worst
        d = rel(a, b)
        if counts:
            worst = max(worst, d)
        print(f"{label:<22}{a:>14.6g}{b:>14.6g}{d:>11.2e}{'' if counts else '  (not compared)'}")

    tb, ob = theirs["bgnbd"], ours["bgnbd"]
    for key in ["r", "alpha", "a", "b"]:
        row("bgnbd." + key, tb[key], ob[key], theirs["converged"] or key in ("r", "alpha"))
    row("bgnbd a/(a+b)", tb["a"] / (tb["a"] + tb["b"]), ob["a"] / (ob["a"] + ob["b"]), not theirs["converged"])
    for key in ["p", "q", "gamma"]:
        row("gamma_gamma." + key, theirs["gamma_gamma"][key], ours["gamma_gamma"][key])
    print(f"{'bgnbd log-likelihood':<22}{tb['log_likelihood']:>14.3f}{ob['log_likelihood']:>14.3f}"
          f"{ob['log_likelihood'] - tb['log_likelihood']:>11.3f}  (liuke − lifetimes)")
    (e_t, p_t), (e_o, p_o) = predictions(tb, summary), predictions(ob, summary)
    print(f"predictions by lifetimes' formulas, max |diff| over customers: expected purchases in "
          f"{HORIZON:g} units {np.max(np.abs(e_o - e_t)):.2e} (mean {np.mean(e_t):.3f}), "
          f"P(alive) {np.max(np.abs(p_o - p_t)):.2e}")
    print(f"max relative difference: {worst:.2e} ({'within' if worst <= TOLERANCE else 'OVER'} 1 %)")
    print(f"{'time (best run)':<34}{'wall ms':>10}{'CPU ms':>10}")
    rows = [("lifetimes fit", ref_fit)]
    if ref_total is not None:
        rows.append(("lifetimes summary + fit", ref_total))
    rows += [("liuke process (read+fit+print)", liuke_process), ("liuke fit only (--timing)", (liuke_fit, math.nan))]
    for label, (wall, cpu) in rows:
        print(f"{label:<34}{wall * 1e3:>10.1f}{cpu * 1e3:>10.1f}")
    print(f"ratio lifetimes fit / liuke process: {ref_fit[0] / liuke_process[0]:6.1f}x wall, "
          f"{ref_fit[1] / liuke_process[1]:6.1f}x CPU")
    print(f"ratio lifetimes fit / liuke fit:     {ref_fit[0] / liuke_fit:6.1f}x wall")
    if ref_total is not None:
        print(f"ratio lifetimes summary+fit / liuke process: {ref_total[0] / liuke_process[0]:6.1f}x wall, "
              f"{ref_total[1] / liuke_process[1]:6.1f}x CPU")
    return worst


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--liuke", required=True, help="the liuke binary (optimised build)")
    ap.add_argument("--cdnow", required=True, help="CDNOW summary CSV (ID,x,t_x,T,zbar)")
    ap.add_argument("--transactions", help="transaction log CSV customer_id,date,amount")
    ap.add_argument("--end", help="end of observation for --transactions (YYYY-MM-DD)")
    ap.add_argument("--repeats", type=int, default=5, help="liuke runs (best is shown)")
    ap.add_argument("--lifetimes-repeats", type=int, default=3, help="lifetimes runs (best is shown)")
    args = ap.parse_args()

    worst = 0.0
    cdnow = pd.read_csv(args.cdnow).rename(
        columns={"ID": "customer_id", "x": "frequency", "t_x": "recency", "zbar": "monetary_value"})
    ref_fit, theirs = best_of(args.lifetimes_repeats, lambda: lifetimes_fit(cdnow))
    ours, process, fit = time_liuke(args.liuke, ["clv", "--summary", args.cdnow], args.repeats)
    worst = max(worst, compare("CDNOW summary (weeks)", cdnow, ours, theirs, process, fit, ref_fit))

    if args.transactions:
        log = pd.read_csv(args.transactions)

        def summarise():
            return summary_data_from_transaction_data(
                log, "customer_id", "date", monetary_value_col="amount",
                observation_period_end=args.end, freq="W")
        ref_summary, summary = best_of(args.lifetimes_repeats, summarise)
        ref_fit, theirs = best_of(args.lifetimes_repeats, lambda: lifetimes_fit(summary))
        ours, process, fit = time_liuke(
            args.liuke, ["clv", "--transactions", args.transactions, "--end", args.end, "--unit", "week"],
            args.repeats)
        total = (ref_summary[0] + ref_fit[0], ref_summary[1] + ref_fit[1])
        worst = max(worst, compare(f"L sample book transactions to {args.end} (weeks)", summary, ours, theirs,
                                   process, fit, ref_fit, total))
        # The summaries themselves: liuke fitted on lifetimes' summary must give the same
        # parameters as liuke on the transactions, to the last digits.
        path = args.transactions + ".lifetimes-summary.csv"
        summary.reset_index().to_csv(path, index=False)
        same, _, _ = time_liuke(args.liuke, ["clv", "--summary", path], 1)
        diff = max(rel(ours[m][k], same[m][k]) for m in ["bgnbd", "gamma_gamma"] for k in ours[m])
        print(f"liuke on lifetimes' summary vs liuke on the transactions: max rel. diff {diff:.1e} "
              f"({'same summaries' if diff < 1e-6 else 'SUMMARIES DIFFER'})")
        if diff >= 1e-6:
            worst = max(worst, 1.0)
    print(f"\nversions: lifetimes {__import__('lifetimes').__version__}, pandas {pd.__version__}, "
          f"numpy {np.__version__}, scipy {__import__('scipy').__version__}, Python {sys.version.split()[0]}")
    sys.exit(0 if worst <= TOLERANCE else 1)


if __name__ == "__main__":
    main()
