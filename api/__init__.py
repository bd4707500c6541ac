"""The JSON API at /api/v1/ (django-ninja) and the personal access tokens that open it.

The top layer: it reads and writes through the services and queries of every app below it, with the
same forms (so the same validation) and the same owner-scoped lookups (another user's object is a 404).
"""
