"""Email digests: the morning brief and the evening summary.

``content`` builds what a digest says (dataclasses, a constant number of queries per user),
``sending`` renders, claims and sends it at most once per user, kind and local day, ``tokens``
signs the one-click unsubscribe links. ``views``/``urls`` serve the preview and the unsubscribe
page (/digests/), ``tasks`` are the scheduled entry points, ``admin`` the operators' log, and
``manage.py send_digests`` sends by hand. The log table is ``insights.models.DigestLog``.
"""
