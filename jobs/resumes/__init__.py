"""Your résumé, under Settings: upload a PDF or DOCX, review what it would change in your profile, and see
on each job's page which of its skills and key phrases the résumé shows.

A feature package of jobs (registered as an app of its own, like ``jobs.sources``, so Django finds its
admin); its table, ``Resume``, is the jobs app's. Reading files: ``reading``; the profile diff:
``review``; the per-job check: ``matching``; writes: ``services``.
"""
