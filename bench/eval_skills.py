"""Measure skill extraction against the labelled postings in tests/fixtures/skills_eval/.

Run from the project root:

    .venv/bin/python bench/eval_skills.py [--verbose] [--json] [--heldout]

Each board file is parsed by that board's own plugin, exactly as ingestion would, and the
extractor reads the posting's title and description text. Prints, for tech skills (required and
preferred together), micro precision/recall/F1 over all postings plus per family and per board
(and their unweighted means); how often a matched skill lands in the right list (required vs
preferred); soft-skill precision/recall; every hard-negative hit; the most frequent false
positives and false negatives; and extraction speed. Figures, not a test: nothing here fails.

Uses ``jobs.skills.read_posting(title=, text=, company=)`` (an object with ``.required``,
``.preferred`` and ``.soft``) when it exists; otherwise ``extract_skills(title + text)``, all
counted as required, with names of the taxonomy's "soft" category counted as soft. Names on both
sides go through ``canonicalize(name) or name`` and compare case-insensitively.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import ROOT, django_setup

django_setup(migrate=False)

# Every project import in one place: modules may move, and only this block should have to follow.
from jobs.skills import canonicalize, category_of, extract_skills  # noqa: E402
from jobs.sources import get_source  # noqa: E402

try:
    from jobs.skills import read_posting  # -> object with .required, .preferred, .soft (canonical names)
except ImportError:
    read_posting = None

DATA = ROOT / "tests" / "fixtures" / "skills_eval"
HELDOUT = ROOT / "tests" / "fixtures" / "skills_heldout" / "postings.json"
REQUIRED, PREFERRED = "required", "preferred"


def key(name: str) -> str:
    return (canonicalize(name) or name).casefold()


def display(name: str) -> str:
    return canonicalize(name) or name


@dataclass
class Case:
    board: str
    id: str
    title: str
    company: str
    text: str
    label: dict


@dataclass
class Reading:
    """What the extractor found in one posting: skill key -> (display name, list it was put in)."""

    tech: dict[str, tuple[str, str]] = field(default_factory=dict)
    soft: dict[str, str] = field(default_factory=dict)


def load_cases(data: Path = DATA) -> list[Case]:
    labels = json.loads((data / "labels.json").read_text(encoding="utf-8"))
    cases: list[Case] = []
    for board, by_id in labels.items():
        source = get_source(board)
        postings = {}
        for path in sorted((data / board).glob("*.json")):
            params = {"board": path.stem} if source.takes == "board" else {}
            for posting in source.parse(json.loads(path.read_text(encoding="utf-8")), params):
                postings[posting.external_id] = posting
        for external_id, label in by_id.items():
            posting = postings[external_id]
            cases.append(Case(board, external_id, posting.title, posting.company, posting.description_text, label))
    return cases


def load_heldout(path: Path = HELDOUT) -> list[Case]:
    """The held-out postings: plain text already, labels inline (see that directory's README)."""
    cases = []
    for entry in json.loads(path.read_text(encoding="utf-8")):
        label = {k: entry[k] for k in ("family", "required", "preferred", "soft", "negatives")}
        cases.append(Case(entry["shape"], entry["id"], entry["title"], entry["company"], entry["text"], label))
    return cases


def make_reader() -> tuple[str, Callable[[Case], Reading]]:
    if read_posting is not None:
        def read(case: Case) -> Reading:
            result = read_posting(title=case.title, text=case.text, company=case.company)
            reading = Reading()
            for list_name in (REQUIRED, PREFERRED):
                for name in getattr(result, list_name):
                    reading.tech.setdefault(key(name), (display(name), list_name))
            for name in result.soft:
                reading.soft.setdefault(key(name), display(name))
            return reading

        return "jobs.skills.read_posting", read

    def read_fallback(case: Case) -> Reading:
        reading = Reading()
        for name in extract_skills(f"{case.title}\n{case.text}"):
            if category_of(name) == "soft":
                reading.soft.setdefault(key(name), display(name))
            else:
                reading.tech.setdefault(key(name), (display(name), REQUIRED))
        return reading

    return "jobs.skills.extract_skills (no read_posting: everything counted as required)", read_fallback


def gold_tech(case: Case) -> dict[str, tuple[str, str]]:
    gold: dict[str, tuple[str, str]] = {}
    for list_name in (REQUIRED, PREFERRED):
        for name in case.label[list_name]:
            gold.setdefault(key(name), (display(name), list_name))
    return gold


def gold_soft(case: Case) -> dict[str, str]:
    return {key(name): display(name) for name in case.label["soft"]}


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: Iterable[str], found: Iterable[str]) -> None:
        gold, found = set(gold), set(found)
        self.tp += len(gold & found)
        self.fp += len(found - gold)
        self.fn += len(gold - found)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def figures(self) -> dict[str, float | int]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


def evaluate(cases: list[Case], read: Callable[[Case], Reading]) -> dict:
    tech, soft = Tally(), Tally()
    by_family: dict[str, Tally] = defaultdict(Tally)
    by_board: dict[str, Tally] = defaultdict(Tally)
    matched = right_list = 0
    false_pos: Counter[str] = Counter()
    false_neg: Counter[str] = Counter()
    negative_hits: list[dict[str, str]] = []
    negatives_total = 0
    per_posting = []
    for case in cases:
        reading = read(case)
        gold, found = gold_tech(case), reading.tech
        for tally in (tech, by_family[case.label["family"]], by_board[case.board]):
            tally.add(gold, found)
        soft.add(gold_soft(case), reading.soft)
        both = gold.keys() & found.keys()
        matched += len(both)
        wrong_list = sorted(gold[k][0] for k in both if gold[k][1] != found[k][1])
        right_list += len(both) - len(wrong_list)
        fps = sorted(found[k][0] for k in found.keys() - gold.keys())
        fns = sorted(gold[k][0] for k in gold.keys() - found.keys())
        false_pos.update(fps)
        false_neg.update(fns)
        found_any = found.keys() | reading.soft.keys()
        hits = []
        for negative in case.label["negatives"]:
            negatives_total += 1
            if key(negative["skill"]) in found_any:
                hits.append({"skill": display(negative["skill"]), "text": negative["text"]})
        negative_hits += [{**hit, "posting": f"{case.board}:{case.id}"} for hit in hits]
        per_posting.append({
            "posting": f"{case.board}:{case.id}", "title": case.title, "family": case.label["family"],
            "false_positives": fps, "false_negatives": fns, "wrong_list": wrong_list,
            "soft_false_positives": sorted(reading.soft[k] for k in reading.soft.keys() - gold_soft(case).keys()),
            "soft_false_negatives": sorted(gold_soft(case)[k] for k in gold_soft(case).keys() - reading.soft.keys()),
            "negative_hits": hits,
        })

    def groups(tallies: dict[str, Tally]) -> dict:
        rows = {name: tallies[name].figures() for name in sorted(tallies)}
        macro = {m: round(sum(r[m] for r in rows.values()) / len(rows), 4) for m in ("precision", "recall", "f1")}
        return {"groups": rows, "macro": macro}

    return {
        "postings": len(cases),
        "tech": tech.figures(),
        "by_family": groups(by_family),
        "by_board": groups(by_board),
        "required_vs_preferred_agreement": round(right_list / matched, 4) if matched else None,
        "matched_tech_skills": matched,
        "soft": soft.figures(),
        "negatives": {"total": negatives_total, "hits": len(negative_hits), "list": negative_hits},
        "top_false_positives": false_pos.most_common(25),
        "top_false_negatives": false_neg.most_common(25),
        "per_posting": per_posting,
    }


def measure_speed(cases: list[Case], read: Callable[[Case], Reading], min_seconds: float = 1.0) -> dict:
    read(cases[0])  # the first call builds the automaton; that one-off cost is not throughput
    rounds, start = 0, time.perf_counter()
    while True:
        for case in cases:
            read(case)
        rounds += 1
        elapsed = time.perf_counter() - start
        if elapsed >= min_seconds:
            break
    count = rounds * len(cases)
    return {"descriptions": count, "seconds": round(elapsed, 3), "per_second": round(count / elapsed)}


def print_report(result: dict, reader_name: str, verbose: bool) -> None:
    def pct(x: float | None) -> str:
        return "n/a" if x is None else f"{x * 100:.1f}%"

    t = result["tech"]
    print(f"Skills evaluation: {result['postings']} postings, extractor: {reader_name}")
    print(f"Tech skills (required + preferred): precision {t['precision']:.3f}, recall {t['recall']:.3f}, "
          f"F1 {t['f1']:.3f}  (TP {t['tp']}, FP {t['fp']}, FN {t['fn']}); target P >= 0.92, R >= 0.90")
    for title, block in (("family", result["by_family"]), ("board", result["by_board"])):
        print(f"\nBy {title}:{'':12} precision  recall    F1")
        for name, row in block["groups"].items():
            print(f"  {name:24} {row['precision']:.3f}     {row['recall']:.3f}   {row['f1']:.3f}")
        m = block["macro"]
        print(f"  {'macro (mean)':24} {m['precision']:.3f}     {m['recall']:.3f}   {m['f1']:.3f}")
    print(f"\nRequired vs preferred: {pct(result['required_vs_preferred_agreement'])} of "
          f"{result['matched_tech_skills']} matched skills placed in the labelled list")
    s = result["soft"]
    print(f"Soft skills: precision {s['precision']:.3f}, recall {s['recall']:.3f} (TP {s['tp']}, FP {s['fp']}, "
          f"FN {s['fn']})")
    n = result["negatives"]
    print(f"\nHard-negative hits: {n['hits']} of {n['total']} labelled look-alikes")
    for hit in n["list"]:
        print(f"  {hit['skill']} in {hit['posting']} (label: {hit['text']})")
    for title, rows in (("false positives", result["top_false_positives"]),
                        ("false negatives", result["top_false_negatives"])):
        print(f"\nMost frequent {title}:")
        for name, count in rows:
            print(f"  {count:3}  {name}")
    sp = result["speed"]
    print(f"\nSpeed: {sp['per_second']:,} descriptions/s ({sp['descriptions']} extractions in {sp['seconds']} s); "
          f"target >= 5,000/s")
    if verbose:
        print("\nPer posting (+ missed, - extra, ~ wrong list, soft +/-, ! negative hit):")
        for row in result["per_posting"]:
            print(f"\n  {row['posting']}  {row['title']}  [{row['family']}]")
            for mark, names in (("+", row["false_negatives"]), ("-", row["false_positives"]),
                                ("~", row["wrong_list"]), ("soft +", row["soft_false_negatives"]),
                                ("soft -", row["soft_false_positives"])):
                if names:
                    print(f"    {mark} {', '.join(names)}")
            for hit in row["negative_hits"]:
                print(f"    ! {hit['skill']} (label: {hit['text']})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="print each posting's differences from its labels")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON instead of text")
    parser.add_argument("--heldout", action="store_true",
                        help="measure the held-out postings (tests/fixtures/skills_heldout/) instead of the main set")
    args = parser.parse_args()

    cases = load_heldout() if args.heldout else load_cases()
    reader_name, read = make_reader()
    result = evaluate(cases, read)
    result["extractor"] = reader_name
    result["speed"] = measure_speed(cases, read)
    if args.json:
        if not args.verbose:
            result.pop("per_posting")
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        print_report(result, reader_name, args.verbose)


if __name__ == "__main__":
    main()
