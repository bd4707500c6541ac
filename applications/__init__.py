"""Applications: the pipeline of jobs the user applies to (board, table, timeline, notes, interviews).

Layer three of ``copilot`` < ``jobs`` < ``applications`` < ``insights``: imports ``jobs`` and
``copilot``, never ``insights``. Every write goes through ``services`` and bumps the user's data
version, so cached insights are recomputed. ``spreadsheets/`` is the CSV export and import: an import
creates jobs together with their applications, so it lives here rather than in jobs.
"""
