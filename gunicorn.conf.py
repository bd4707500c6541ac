"""gunicorn settings: gunicorn reads ./gunicorn.conf.py from the directory it starts in (the project root).

Command-line flags (workers, bind, logs: see the README) still win over anything set here.
"""

from jobs.locations import load_gazetteer

# Build the place gazetteer (≈ 0.6 s and ≈ 40 MB; jobs.locations needs no Django) once in the master process,
# before it forks: every worker inherits it, so no request pays for it. Not in JobsConfig.ready(), which
# would slow every manage.py command and test process; worker processes (qcluster) build it on first use.
load_gazetteer()
