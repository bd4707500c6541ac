"""Precision, recall and F1 of cross-board duplicate detection on the labelled pairs.

Run from the project root:

    .venv/bin/python bench/eval_dedup.py [--verbose] [--json] [--clean-locations] [--data PATH]

For each pair in tests/fixtures/dedup/pairs.json (see its README), a fresh
``jobs.dedup.Deduplicator`` is given posting A, then asked whether posting B is seen. A "duplicate"
answer on a pair labelled duplicate is a true positive. A "duplicate" answer on a pair labelled
different is a false positive. Figures are printed overall and per kind. Each kind holds only one
label. Per kind, the table shows recall (duplicate kinds) or the share kept apart (different
kinds). It also shows precision, recall and F1 on that kind's pairs plus every pair of the other
label, so a duplicate kind is scored against all the different jobs, and the other way round.

--verbose lists every wrong pair with the normalised company/title/location of both sides.
--json prints the same as one JSON object.
Pairs whose answer changes when B is added first and A is asked about are listed too.
--clean-locations first passes each location through jobs.sources.common.clean_location, as board
ingestion does.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from _setup import ROOT, django_setup

django_setup()

from jobs.dedup import (  # noqa: E402
    Deduplicator,
    canonical_url,
    dedup_key,
    normalize_company,
    normalize_location,
    normalize_title,
)
from jobs.sources.common import clean_location  # noqa: E402

DATA = ROOT / "tests" / "fixtures" / "dedup" / "pairs.json"
FIELDS = ("url", "company", "title", "location")


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def record(self, expected: bool, predicted: bool) -> None:
        if expected and predicted:
            self.tp += 1
        elif expected:
            self.fn += 1
        elif predicted:
            self.fp += 1
        else:
            self.tn += 1

    @property
    def pairs(self) -> int:
        return self.tp + self.fp + self.fn + self.tn

    @property
    def correct(self) -> int:
        return self.tp + self.tn

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None or p + r == 0:
            return None
        return 2 * p * r / (p + r)

    @property
    def kept_apart(self) -> float | None:
        return self.tn / (self.tn + self.fp) if self.tn + self.fp else None

    def figures(self) -> dict[str, float | int | None]:
        return {"pairs": self.pairs, "correct": self.correct, "tp": self.tp, "fp": self.fp, "fn": self.fn,
                "tn": self.tn, "precision": self.precision, "recall": self.recall, "f1": self.f1,
                "kept_apart": self.kept_apart}


@dataclass
class Miss:
    id: str
    kind: str
    expected: bool
    predicted: bool
    reason: str
    note: str
    a: dict[str, str]
    b: dict[str, str]
    normalised_a: tuple[str, str, str]
    normalised_b: tuple[str, str, str]


def load_pairs(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["pairs"]


def posting(side: dict, clean: bool) -> dict[str, str]:
    fields = {name: side.get(name) or "" for name in FIELDS}
    if clean:
        fields["location"], _hint = clean_location(fields["location"])
    return fields


def is_seen(first: dict[str, str], second: dict[str, str]) -> bool:
    dedup = Deduplicator([(1, first["url"], first["company"], first["title"], first["location"])])
    return dedup.seen(second) is not None


def _normalised(p: dict[str, str]) -> tuple[str, str, str]:
    return normalize_company(p["company"]), normalize_title(p["title"]), normalize_location(p["location"])


def _reason(a: dict[str, str], b: dict[str, str], predicted: bool) -> str:
    """Which rule merged the pair (for false positives) or which field kept it apart (for misses)."""
    na, nb = _normalised(a), _normalised(b)
    if predicted:
        if canonical_url(a["url"]) and canonical_url(a["url"]) == canonical_url(b["url"]):
            return "same canonical url"
        if dedup_key(a["company"], a["title"], a["location"]) == dedup_key(b["company"], b["title"], b["location"]):
            return "same normalised key"
        return "fuzzy title"
    differ = [name for name, x, y in zip(("company", "title", "location"), na, nb, strict=True) if x != y]
    return "differs in " + ", ".join(differ) if differ else "equal keys but not matched"


def _kind_figures(kind: Counts, overall: Counts) -> dict[str, float | int | None]:
    """The kind's own counts, plus P/R/F1 with every pair of the other label added (``in_context``):
    a kind alone has one label, so its own precision or recall is undefined or trivially 1."""
    if kind.tp + kind.fn:  # a duplicate kind, against all different-job pairs
        context = Counts(tp=kind.tp, fn=kind.fn, fp=overall.fp, tn=overall.tn)
    else:  # a different kind, against all duplicate pairs
        context = Counts(tp=overall.tp, fn=overall.fn, fp=kind.fp, tn=kind.tn)
    figures = kind.figures()
    figures["in_context"] = {"precision": context.precision, "recall": context.recall, "f1": context.f1}
    return figures


def evaluate(pairs: list[dict], *, clean: bool = False) -> dict:
    overall = Counts()
    per_kind: dict[str, Counts] = {}
    misses: list[Miss] = []
    asymmetric: list[str] = []
    for pair in pairs:
        a, b = posting(pair["a"], clean), posting(pair["b"], clean)
        expected = bool(pair["duplicate"])
        predicted = is_seen(a, b)
        if is_seen(b, a) != predicted:
            asymmetric.append(pair["id"])
        overall.record(expected, predicted)
        per_kind.setdefault(pair["kind"], Counts()).record(expected, predicted)
        if expected != predicted:
            misses.append(Miss(id=pair["id"], kind=pair["kind"], expected=expected, predicted=predicted,
                               reason=_reason(a, b, predicted), note=pair.get("note", ""), a=a, b=b,
                               normalised_a=_normalised(a), normalised_b=_normalised(b)))
    kinds = sorted(per_kind, key=lambda k: (not k.startswith("dup_"), k))
    return {
        "data": str(DATA),
        "clean_locations": clean,
        "overall": overall.figures(),
        "per_kind": {kind: _kind_figures(per_kind[kind], overall) for kind in kinds},
        "asymmetric": asymmetric,
        "wrong": [asdict(miss) for miss in misses],
    }


def _fmt(value: float | None) -> str:
    return "   —" if value is None else f"{value:.3f}"


def print_report(result: dict, *, verbose: bool) -> None:
    o = result["overall"]
    mode = " (locations cleaned as board ingestion does)" if result["clean_locations"] else ""
    print(f"Cross-board dedup on {o['pairs']} labelled pairs{mode}")
    print(f"  precision {_fmt(o['precision'])}   recall {_fmt(o['recall'])}   F1 {_fmt(o['f1'])}   "
          f"(tp {o['tp']}, fp {o['fp']}, fn {o['fn']}, tn {o['tn']}; {o['correct']}/{o['pairs']} correct)")
    print()
    print(f"  {'kind':<22}{'pairs':>6}{'correct':>9}{'recall':>8}{'apart':>8}   |{'P':>7}{'R':>7}{'F1':>7}")
    for kind, k in result["per_kind"].items():
        c = k["in_context"]
        print(f"  {kind:<22}{k['pairs']:>6}{k['correct']:>9}{_fmt(k['recall']):>8}{_fmt(k['kept_apart']):>8}   |"
              f"{_fmt(c['precision']):>7}{_fmt(c['recall']):>7}{_fmt(c['f1']):>7}")
    print("  recall: duplicates found; apart: different jobs kept apart;")
    print("  P, R, F1: the kind's pairs plus every pair of the other label")
    if result["asymmetric"]:
        print(f"\n  answer depends on which posting came first: {', '.join(result['asymmetric'])}")
    if not verbose:
        print(f"\n  {len(result['wrong'])} wrong pairs; --verbose lists them")
        return
    print(f"\nWrong pairs ({len(result['wrong'])}):")
    for miss in result["wrong"]:
        verdict = "missed duplicate" if miss["expected"] else "false merge"
        print(f"\n  {miss['id']}  {verdict}: {miss['reason']}  [{miss['note']}]")
        for side in ("a", "b"):
            p, norm = miss[side], miss[f"normalised_{side}"]
            print(f"    {side}: {p['company']!r} | {p['title']!r} | {p['location']!r}")
            print(f"       -> {norm[0]!r} | {norm[1]!r} | {norm[2]!r}   {p['url']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="pairs file (default: %(default)s)")
    parser.add_argument("--verbose", action="store_true", help="list every wrong pair")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    parser.add_argument("--clean-locations", action="store_true",
                        help="pass locations through jobs.sources.common.clean_location first")
    args = parser.parse_args(argv)
    result = evaluate(load_pairs(args.data), clean=args.clean_locations)
    result["data"] = str(args.data)
    if args.json:
        json.dump(result, sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        print_report(result, verbose=args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
