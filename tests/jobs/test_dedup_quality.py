"""A regression gate on duplicate detection: the labelled pairs of tests/fixtures/dedup/ (see its README).

bench/eval_dedup.py prints the figures per kind; this only keeps them from sliding back. The held-out
pairs were written before the rules were tuned and are measured separately.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jobs.dedup import Deduplicator

DATA = Path(__file__).resolve().parents[1] / "fixtures" / "dedup"
FIELDS = ("url", "company", "title", "location")


def f1(path: Path) -> tuple[float, list[str]]:
    tp = fp = fn = 0
    wrong = []
    for pair in json.loads(path.read_text(encoding="utf-8"))["pairs"]:
        a, b = pair["a"], pair["b"]
        predicted = Deduplicator([(1, *(a[name] for name in FIELDS))]).seen({name: b[name] for name in FIELDS}) == 1
        tp += predicted and pair["duplicate"]
        fp += predicted and not pair["duplicate"]
        fn += pair["duplicate"] and not predicted
        if predicted != pair["duplicate"]:
            wrong.append(pair["id"])
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    return 2 * precision * recall / (precision + recall), wrong


@pytest.mark.parametrize("name", ["pairs.json", "heldout.json"])
def test_duplicates_are_found_with_an_f1_of_at_least_0_95(name):
    score, wrong = f1(DATA / name)
    assert score >= 0.95, f"F1 {score:.3f}; wrong: {', '.join(wrong)}"
