import os

from django.core.wsgi import get_wsgi_application

from jobs.locations import load_gazetteer

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "copilot.settings")
application = get_wsgi_application()

# Build the place gazetteer (≈ 0.6 s and ≈ 40 MB) when a web worker starts, not on the first request
# that scores a job; with gunicorn --preload it is built once in the master and shared by the workers.
# Not in JobsConfig.ready(): every manage.py command and test process would pay for it too. Worker
# processes (qcluster) build it on first use, off any request.
load_gazetteer()
