"""The labelled skills evaluation set (tests/fixtures/skills_eval/) stays usable by bench/eval_skills.py.

Structure only: every board file has its board's real shape and parses with the board's plugin,
and every posting carries well-formed labels. How well the extractor does on the set is measured
by the bench script, not asserted here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jobs.sources import common, get_source

DATA = Path(__file__).resolve().parent.parent / "fixtures" / "skills_eval"
LABELS = json.loads((DATA / "labels.json").read_text(encoding="utf-8"))
BOARD_FILES = sorted(path for path in DATA.glob("*/*.json"))
LIST_FIELDS = ("required", "preferred", "soft")


def labelled_postings():
    return [(board, external_id, label) for board, by_id in LABELS.items() for external_id, label in by_id.items()]


def parse_file(path: Path):
    board = path.parent.name
    source = get_source(board)
    params = {"board": path.stem} if source.takes == "board" else {}
    return source.parse(json.loads(path.read_text(encoding="utf-8")), params)


@pytest.fixture(scope="module")
def postings():
    return {(path.parent.name, p.external_id): p for path in BOARD_FILES for p in parse_file(path)}


def test_the_set_is_big_and_varied_enough_to_measure_extraction():
    families = {label["family"] for _, _, label in labelled_postings()}
    assert len(labelled_postings()) >= 80
    assert len(LABELS) >= 6
    assert len(families) >= 10


def test_every_board_directory_holds_labelled_postings_of_a_known_board():
    assert {path.parent.name for path in BOARD_FILES} == set(LABELS)
    for board in LABELS:
        get_source(board)  # raises for an unknown board kind


def _shape_problems(board: str, payload) -> list[str]:
    """What makes ``payload`` unlike the board's real response (beyond what the parser insists on)."""
    problems = []
    if board == "greenhouse":
        if set(payload) != {"jobs", "meta"} or payload["meta"].get("total") != len(payload["jobs"]):
            problems.append("not {jobs, meta.total}")
        problems += [f"{job['id']}: content is not entity-encoded" for job in payload["jobs"]
                     if not common.looks_entity_encoded(job["content"])]
    elif board == "lever":
        if not isinstance(payload, list):
            problems.append("not a bare list")
        else:
            problems += [f"{job['id']}: missing Lever keys" for job in payload
                         if not {"text", "categories", "description", "descriptionPlain", "lists", "additional",
                                 "additionalPlain", "hostedUrl", "createdAt"} <= set(job)]
    elif board == "ashby":
        if set(payload) != {"jobs", "apiVersion"}:
            problems.append("not {jobs, apiVersion}")
        problems += [f"{job['id']}: missing Ashby keys" for job in payload["jobs"]
                     if not {"descriptionHtml", "descriptionPlain", "compensation", "workplaceType", "jobUrl"}
                     <= set(job)]
    elif board == "remotive":
        problems += [f"{job['id']}: missing Remotive keys" for job in payload["jobs"]
                     if not {"description", "tags", "candidate_required_location", "company_name"} <= set(job)]
    elif board == "remoteok":
        if not (isinstance(payload, list) and "legal" in payload[0] and "position" not in payload[0]):
            problems.append("the legal notice is not the first element")
        problems += [f"{job['id']}: missing Remote OK keys" for job in payload[1:]
                     if not {"position", "company", "tags", "description", "epoch"} <= set(job)]
    elif board == "arbeitnow":
        problems += [f"{job['slug']}: missing Arbeitnow keys" for job in payload["data"]
                     if not {"slug", "company_name", "description", "tags", "job_types", "remote"} <= set(job)]
    elif board == "adzuna":
        problems += [f"{job['id']}: description is not a cut snippet" for job in payload["results"]
                     if len(job["description"]) > 500 or not job["description"].endswith("…")]
    return problems


@pytest.mark.parametrize("path", BOARD_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_board_file_is_json_of_its_boards_real_shape(path):
    payload = json.loads(path.read_text(encoding="utf-8"))
    assert _shape_problems(path.parent.name, payload) == []
    assert parse_file(path), "the board's plugin read no posting from the file"


def test_every_labelled_posting_parses_with_its_boards_plugin_and_every_posting_is_labelled(postings):
    labelled = {(board, external_id) for board, external_id, _ in labelled_postings()}
    assert labelled == set(postings)
    for board, external_id, label in labelled_postings():
        posting = postings[(board, external_id)]
        assert (posting.title, posting.company) == (label["title"], label["company"])
        assert posting.description_text.strip()


@pytest.mark.parametrize(("board", "external_id", "label"), labelled_postings(),
                         ids=[f"{b}:{i}" for b, i, _ in labelled_postings()])
def test_every_label_is_well_formed(board, external_id, label):
    assert isinstance(label["family"], str) and label["family"]
    for name in LIST_FIELDS:
        values = label[name]
        assert isinstance(values, list) and all(isinstance(v, str) and v.strip() == v and v for v in values), name
        assert len(set(values)) == len(values), f"{name} repeats a skill"
    assert not set(label["required"]) & set(label["preferred"]), "a skill is both required and preferred"
    assert label["required"] or label["preferred"] or label["soft"]
    assert isinstance(label["negatives"], list)
    for negative in label["negatives"]:
        assert set(negative) == {"skill", "text"} and all(isinstance(v, str) and v for v in negative.values())
        assert negative["skill"] not in label["required"] + label["preferred"], "a negative is also asked"


def test_every_negative_quotes_text_that_is_in_its_posting(postings):
    def fold(text: str) -> str:
        return text.replace("’", "'").casefold()

    missing = [
        (board, external_id, negative["text"])
        for board, external_id, label in labelled_postings()
        for negative in label["negatives"]
        if fold(negative["text"]) not in fold(f"{postings[(board, external_id)].title}\n"
                                              f"{postings[(board, external_id)].description_text}")
    ]
    assert missing == []
