"""Insights: what the user's data says, and the pages that combine every app.

The top layer of ``copilot`` < ``jobs`` < ``applications`` < ``insights``: it may import any app, and
none imports it. Recommendations, the skill gap and the digests use the match score from
``jobs.matching``; results are cached per user under the profile's data version (``cache``).
Cross-cutting pages live here because they read everything: the dashboard, ``data_rights/`` (export,
delete) and the demo account (``demo``, ``manage.py seed_demo``). ``digests/`` mails the morning brief
and the evening summary.
"""
