"""Jobs: the jobs a user looks at, and everything that describes one job.

Layer two of ``copilot`` < ``jobs`` < ``applications`` < ``insights``: imports only itself and
``copilot``. Where a job page shows something from above (whether the job is tracked, its
application's status) it reads it through the reverse relation by name
(``select_related("application")``, ``application__status``), never by importing it.

The match score lives here (``jobs.matching``), not in insights: it describes a job for its
owner, like its salary or its seniority; the jobs list sorts by it; and a job will come to store
its score. Insights (recommendations, skill gap, digests, dashboard) import it from here.

Features with their own pages are packages one hop down: ``sources/`` (job boards,
subscriptions, ingestion runs), ``importing/`` (add a job from a posting's URL), ``profile/``
(what the user looks for: the settings page).
"""
