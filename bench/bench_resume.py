"""How long reading a résumé takes (the worker's side) and the per-job résumé check (a job page's side).

Usage: .venv/bin/python bench/bench_resume.py
Files are made here (the tests' generators): a 2-page text PDF, a 30-page one (the page cap), a DOCX.
"""

from __future__ import annotations

import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench._setup import django_setup


def timed(fn, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs) * 1000


def main() -> None:
    django_setup(migrate=False)
    from jobs.resumes.matching import match_resume
    from jobs.resumes.reading import estimate_experience, read_text, skills_in
    from tests.jobs.resumes.files import RESUME_LINES, make_docx, text_pdf

    page = RESUME_LINES * 4  # about a full page of text
    two, thirty, document = text_pdf(page, page), text_pdf(*[page] * 30), make_docx(page * 2)
    text = read_text("pdf", two)
    skills = skills_in(text)
    print(f"read 2-page PDF ({len(two) // 1024} KB): {timed(lambda: read_text('pdf', two), 20):.1f} ms")
    print(f"read 30-page PDF ({len(thirty) // 1024} KB): {timed(lambda: read_text('pdf', thirty), 5):.1f} ms")
    print(f"read DOCX ({len(document) // 1024} KB): {timed(lambda: read_text('docx', document), 20):.1f} ms")
    print(f"skills of the 2-page text ({len(text)} chars): {timed(lambda: skills_in(text), 20):.1f} ms")
    print(f"years of experience: {timed(lambda: estimate_experience(text, today=date(2026, 12, 3)), 20):.2f} ms")
    stack = ["Python", "Django", "PostgreSQL", "Kubernetes", "Terraform", "AWS", "Go"]
    job_text = "Requirements: " + ", ".join(stack) + ". We build data pipelines; data pipelines matter. " * 40
    check = lambda: match_resume(resume_text=text, resume_skills=skills, title="Senior Backend Engineer (m/w/d)",  # noqa: E731
                                 tech_stack=stack, preferred_stack=["Rust", "Kafka"], soft_skills=["English"],
                                 job_text=job_text)
    print(f"per-job résumé check: {timed(check, 50):.2f} ms")


if __name__ == "__main__":
    main()
