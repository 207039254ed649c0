#!/usr/bin/env python3
"""Kairos against PyVRP on Solomon-format VRPTW instances (issue 17, item 5), side by side.

For each instance, Kairos solves it first (`kairos bench routing solomon`, vehicles first, then
distance); PyVRP then solves it with the same number of vehicles available (equal fleet) for the
same time. Kairos reports exact Euclidean lengths; PyVRP gets distances scaled by 1,000 and
rounded (its "exact" convention), so the two agree to well under a hundredth of a percent. Two solves run at a time (each solver is single-threaded;
a 2-core machine is then fully and equally busy for both).

    python3 -m venv .venv-pyvrp && .venv-pyvrp/bin/pip install 'pyvrp>=0.14,<0.15'
    .venv-pyvrp/bin/python scripts/pyvrp_compare.py --kairos .build-release/release/kairos \\
        --time-limit 60 ../shared/benchmarks/homberger/instances/c1_10_1.txt …

Prints one line per instance and a summary: Kairos vehicles and distance, PyVRP's distance with
that fleet, and the gap (Kairos over PyVRP).
"""
import argparse
import concurrent.futures
import csv
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile


def solve_kairos(kairos, path, seconds, seed):
    """Vehicles and distance of Kairos's answer (its bench prints both; the distance is exact)."""
    name = os.path.splitext(os.path.basename(path))[0]
    folder = tempfile.mkdtemp()
    try:
        os.mkdir(os.path.join(folder, "instances"))
        os.symlink(os.path.abspath(path), os.path.join(folder, "instances", os.path.basename(path)))
        bks = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(path))), "bks.csv")
        with open(bks) as source, open(os.path.join(folder, "bks.csv"), "w") as target:
            rows = list(csv.reader(source))
            writer = csv.writer(target)
            writer.writerow(rows[0])
            writer.writerows(row for row in rows[1:] if row[0] == name)
        out = subprocess.run([kairos, "bench", "routing", "solomon", folder, "--time-limit", str(seconds), "--seed", str(seed)],
                             check=True, capture_output=True, text=True).stdout
        for line in out.splitlines():
            fields = line.split()
            if fields and fields[0] == name:
                return {"vehicles": int(fields[1]), "distance": float(fields[2]), "feasible": fields[3] == "yes"}
        raise RuntimeError(f"no result line for {name} in:\n{out}")
    finally:
        shutil.rmtree(folder)


def solve_pyvrp(path, vehicles, seconds, seed):
    """PyVRP with `vehicles` vehicles available, for `seconds`. Distances and times are scaled by
    1,000 and rounded to integers (PyVRP's "exact" convention): the distance it reports, divided
    by 1,000, is within a thousandth of a unit per arc of the exact length."""
    import vrplib
    from pyvrp import Model
    from pyvrp.stop import MaxRuntime
    instance = vrplib.read_instance(path, instance_format="solomon")
    scale = 1000
    coords, demands = instance["node_coord"], instance["demand"]
    windows, service = instance["time_window"], instance["service_time"]
    model = Model()
    locations = [model.add_location(x=int(round(x * scale)), y=int(round(y * scale))) for x, y in coords]
    depot = model.add_depot(locations[0], tw_early=int(windows[0][0] * scale), tw_late=int(windows[0][1] * scale))
    for k in range(1, len(coords)):
        model.add_client(locations[k], delivery=int(demands[k]), service_duration=int(service[k] * scale),
                         tw_early=int(windows[k][0] * scale), tw_late=int(windows[k][1] * scale))
    model.add_vehicle_type(num_available=vehicles, capacity=int(instance["capacity"]), start_depot=depot, end_depot=depot,
                           tw_early=int(windows[0][0] * scale), tw_late=int(windows[0][1] * scale))
    for i, a in enumerate(coords):
        for j, b in enumerate(coords):
            if i != j:
                d = int(round(math.dist(a, b) * scale))
                model.add_edge(locations[i], locations[j], distance=d, duration=d)
    result = model.solve(stop=MaxRuntime(seconds), seed=seed, display=False)
    return {"vehicles": result.best.num_routes(), "distance": result.best.distance() / scale,
            "feasible": result.best.is_feasible(), "iterations": result.num_iterations}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kairos", default=".build-release/release/kairos")
    parser.add_argument("--time-limit", type=float, default=60)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pyvrp-one", nargs=2, metavar=("VEHICLES", "PATH"), help=argparse.SUPPRESS)
    parser.add_argument("instances", nargs="*")
    args = parser.parse_args()
    if args.pyvrp_one:
        print(json.dumps(solve_pyvrp(args.pyvrp_one[1], int(args.pyvrp_one[0]), args.time_limit, args.seed)))
        return
    if not args.instances:
        parser.error("name at least one instance file")
    for path in args.instances:
        if not os.path.isfile(path):
            parser.error(f"instance file {path} does not exist")
    if not os.access(args.kairos, os.X_OK):
        parser.error(f"--kairos {args.kairos} is not an executable (build it: swift build -c release --product kairos)")
    if args.time_limit <= 0:
        parser.error("--time-limit must be more than 0 seconds")

    def pyvrp(path, vehicles):
        out = subprocess.run([sys.executable, __file__, "--time-limit", str(args.time_limit), "--seed", str(args.seed),
                              "--pyvrp-one", str(vehicles), path], check=True, capture_output=True, text=True).stdout
        return json.loads(out.strip().splitlines()[-1])

    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        ours = list(pool.map(lambda p: solve_kairos(args.kairos, p, args.time_limit, args.seed), args.instances))
        theirs = list(pool.map(lambda pv: pyvrp(*pv), zip(args.instances, [k["vehicles"] for k in ours])))

    print(f"Kairos vs PyVRP, {args.time_limit:g} s each, seed {args.seed}, equal fleet (PyVRP gets Kairos's vehicle count)")
    print(f"{'instance':<12} {'veh':>4} {'kairos':>10} {'pyvrp-veh':>9} {'pyvrp':>10} {'gap%':>7}")
    gaps = []
    for path, k, p in zip(args.instances, ours, theirs):
        name = re.sub(r"\.txt$", "", os.path.basename(path))
        usable = k["feasible"] and p["feasible"]
        gap = 100 * (k["distance"] / p["distance"] - 1) if usable else float("nan")
        if usable:
            gaps.append(gap)
        print(f"{name:<12} {k['vehicles']:>4} {k['distance']:>10.2f} {p['vehicles']:>9} {p['distance']:>10.2f} {gap:>+7.2f}"
              + ("" if usable else "  (infeasible: " + ("kairos " if not k["feasible"] else "") + ("pyvrp" if not p["feasible"] else "") + ")"))
    if gaps:
        print(f"mean gap {sum(gaps) / len(gaps):+.2f}% over {len(gaps)} instances (Kairos distance over PyVRP's; negative: Kairos shorter)")


if __name__ == "__main__":
    main()
