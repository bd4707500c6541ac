"""The labelled dedup pairs that bench/eval_dedup.py measures are well formed.

These tests only check the shape of the data. They do not check how well the matcher scores on it.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

PAIRS_FILE = Path(__file__).resolve().parents[1] / "fixtures" / "dedup" / "pairs.json"
HELD_OUT_FILE = PAIRS_FILE.parent / "heldout.json"
README = PAIRS_FILE.parent / "README.md"

DUPLICATE_KINDS = {"dup_url", "dup_location", "dup_company", "dup_title_noise", "dup_combined"}
DIFFERENT_KINDS = {"diff_city", "diff_homonym_city", "diff_level", "diff_lookalike_title", "diff_company",
                   "diff_team", "diff_remote_region"}
BOARDS = {"greenhouse", "lever", "ashby", "remotive", "remoteok", "arbeitnow", "adzuna", "linkedin",
          "linkedin-export", "indeed", "company-site"}
POSTING_FIELDS = {"board", "url", "company", "title", "location"}


@pytest.fixture(scope="module")
def pairs() -> list[dict]:
    return json.loads(PAIRS_FILE.read_text(encoding="utf-8"))["pairs"]


@pytest.fixture(scope="module")
def held_out() -> list[dict]:
    return json.loads(HELD_OUT_FILE.read_text(encoding="utf-8"))["pairs"]


def test_there_are_at_least_150_pairs_with_unique_ids(pairs):
    assert len(pairs) >= 150
    assert len({p["id"] for p in pairs}) == len(pairs)


def test_every_kind_is_present_with_enough_pairs(pairs):
    counts = Counter(p["kind"] for p in pairs)
    assert set(counts) == DUPLICATE_KINDS | DIFFERENT_KINDS
    assert min(counts.values()) >= 15, counts


def test_each_kind_carries_its_own_label_and_both_labels_are_balanced(pairs):
    for pair in pairs:
        assert pair["duplicate"] is (pair["kind"] in DUPLICATE_KINDS), pair["id"]
    duplicates = sum(p["duplicate"] for p in pairs)
    assert 0.4 <= duplicates / len(pairs) <= 0.6


def _check_postings(pairs: list[dict]) -> None:
    for pair in pairs:
        for side in ("a", "b"):
            posting = pair[side]
            assert set(posting) == POSTING_FIELDS, pair["id"]
            assert posting["board"] in BOARDS, pair["id"]
            assert all(isinstance(posting[name], str) for name in POSTING_FIELDS), pair["id"]
            assert posting["company"].strip() and posting["title"].strip(), pair["id"]
            assert re.match(r"https?://[\w.-]+\.[a-z]{2,}/", posting["url"]), pair["id"]
        assert pair["a"] != pair["b"], f"{pair['id']}: both sides are identical"


def test_every_posting_has_the_fields_the_matcher_reads(pairs):
    _check_postings(pairs)


def test_held_out_pairs_are_well_formed_and_apart_from_the_tuning_set(pairs, held_out):
    _check_postings(held_out)
    ids = [p["id"] for p in held_out]
    assert len(ids) == len(set(ids)) >= 20
    assert not set(ids) & {p["id"] for p in pairs}
    for pair in held_out:
        assert pair["duplicate"] is (pair["kind"] in DUPLICATE_KINDS), pair["id"]
    assert {p["kind"] for p in held_out} == DUPLICATE_KINDS | DIFFERENT_KINDS
    readme = README.read_text(encoding="utf-8")
    duplicates = sum(p["duplicate"] for p in held_out)
    assert f"{len(held_out)} pairs: {duplicates} duplicates, {len(held_out) - duplicates} non-duplicates" in readme


def test_readme_counts_match_the_data(pairs):
    readme = README.read_text(encoding="utf-8")
    assert f"{len(pairs)} pairs" in readme
    for kind, count in Counter(p["kind"] for p in pairs).items():
        assert re.search(rf"`{kind}` \| [a-z]+ \| {count} \|", readme), kind
