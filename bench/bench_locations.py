"""Benchmark jobs.locations: gazetteer load, parsing, matching and duplicate checks.

Run from the project root:

    .venv/bin/python bench/bench_locations.py [--jobs 10000] [--distinct 500] [--seed 7] [--runs 5]

Builds ``--distinct`` location strings in the shapes boards send ("Berlin, DE", "Portland, OR",
"Remote - EU", "London; Remote", "Hybrid - München"...) from the gazetteer's biggest cities,
spreads ``--jobs`` jobs over them, and scores all jobs against one profile the way a list page
does (parse each job's location, then match it). Prints:

- the one-off costs: module import and gazetteer load (in this fresh process);
- the cost of one parse and one match when nothing is memoised yet;
- scoring all jobs the first time (every distinct string parsed and matched once) and again
  (memoised), best of ``--runs``;
- ``same_location`` on pairs of strings.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

started = time.perf_counter()
from jobs import locations  # noqa: E402

IMPORTED = time.perf_counter() - started

SHAPES = [
    "{city}", "{city}, {cc}", "{city}, {country}", "{city} ({mode})", "{mode} - {city}", "{city}, {country}; Remote",
    "{city} | {city2}", "{city} or {city2}", "Remote ({cc})", "Remote - {area}", "{area} only", "{cc}-Remote",
    "Remote, {country}", "{city}, {cc} (HQ)",
]
AREAS = ["EU", "EMEA", "Europe", "LATAM", "APAC", "North America", "DACH", "Nordics", "Americas", "CET ± 2",
         "US time zones"]
MODES = ["Hybrid", "On-site", "Remote"]


def make_strings(count: int, rng: random.Random) -> list[str]:
    gz = locations.load_gazetteer()
    cities = sorted(gz.cities, key=lambda c: -c.population)[:1500]
    strings: set[str] = set()
    while len(strings) < count:
        city, other = rng.choice(cities), rng.choice(cities)
        shape = rng.choice(SHAPES)
        code = city.region if city.country == "US" and city.region and "{cc}" in shape else city.country
        strings.add(shape.format(
            city=city.name, city2=other.name, cc=code, country=gz.country_names.get(city.country, city.country),
            mode=rng.choice(MODES), area=rng.choice(AREAS),
        ))
    return sorted(strings)


def clear_memos() -> None:
    locations.parse_location.cache_clear()
    locations.parse_job_location.cache_clear()
    locations._MATCH_MEMO.clear()


def score_all(preference: locations.Location, jobs: list[tuple[str, str]]) -> float:
    total = 0.0
    for text, flag in jobs:
        total += locations.location_match(preference, locations.parse_job_location(text, flag), remote_ok=True).score
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jobs", type=int, default=10_000)
    parser.add_argument("--distinct", type=int, default=500)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    t0 = time.perf_counter()
    locations.load_gazetteer()
    loaded = time.perf_counter() - t0
    gz = locations.load_gazetteer()
    print(f"import jobs.locations: {IMPORTED * 1000:.0f} ms")
    print(f"gazetteer load (first use): {loaded * 1000:.0f} ms — {len(gz.cities):,} cities, "
          f"{len(gz.primary) + len(gz.alternate):,} names, {len(gz.countries):,} country names, "
          f"{len(gz.subdivisions):,} subdivisions")

    strings = make_strings(args.distinct, rng)
    flags = ["", "", "remote", "hybrid", "onsite"]
    distinct_jobs = [(s, rng.choice(flags)) for s in strings]
    jobs = [rng.choice(distinct_jobs) for _ in range(args.jobs)]
    preference = locations.parse_preferences(["Berlin", "Lisbon, Portugal", "Remote - EU"])
    understood = sum(not locations.parse_job_location(s, f).is_empty for s, f in distinct_jobs)

    clear_memos()
    t0 = time.perf_counter()
    parsed = [locations.parse_job_location(s, f) for s, f in distinct_jobs]
    parse_cost = (time.perf_counter() - t0) / len(distinct_jobs)
    t0 = time.perf_counter()
    for job in parsed:
        locations.location_match(preference, job, remote_ok=True)
    match_cost = (time.perf_counter() - t0) / len(parsed)
    print(f"{len(distinct_jobs)} distinct strings ({understood} understood): parse {parse_cost * 1e6:.0f} µs each, "
          f"match {match_cost * 1e6:.1f} µs each (nothing memoised)")

    first, again = [], []
    for _ in range(args.runs):
        clear_memos()
        preference = locations.parse_preferences(["Berlin", "Lisbon, Portugal", "Remote - EU"])
        t0 = time.perf_counter()
        score_all(preference, jobs)
        first.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        score_all(preference, jobs)
        again.append(time.perf_counter() - t0)
    print(f"score {args.jobs:,} jobs ({args.distinct} distinct locations), first time: {min(first) * 1000:.1f} ms; "
          f"memoised: {min(again) * 1000:.1f} ms ({min(again) / args.jobs * 1e6:.2f} µs per job)")

    pairs = [(rng.choice(strings), rng.choice(strings)) for _ in range(args.jobs)]
    t0 = time.perf_counter()
    same = sum(locations.same_location(a, b) for a, b in pairs)
    elapsed = time.perf_counter() - t0
    print(f"same_location on {len(pairs):,} pairs: {elapsed * 1000:.1f} ms ({same} same)")


if __name__ == "__main__":
    main()
