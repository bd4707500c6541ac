"""Add a job from its posting's URL: fetch the page, read its schema.org ``JobPosting`` data
(``jsonld.py``), and show the filled-in job form to check before anything is saved.

CSV import is not here: it creates applications too, so it lives above jobs, in
``applications.spreadsheets``.
"""
