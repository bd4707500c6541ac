"""Email digests: the morning brief and the evening summary.

``content`` builds what a digest says (dataclasses, a constant number of queries per user),
``sending`` renders, claims and sends it at most once per user, kind and local day, ``tokens``
signs the one-click unsubscribe links.
"""
