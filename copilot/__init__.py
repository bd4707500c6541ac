"""Career Co-Pilot's core, the bottom layer of ``copilot`` < ``jobs`` < ``applications`` < ``insights``.

Settings, the root URLconf (it mounts the apps by dotted name only, so it imports none of them), /health
and the worker heartbeat, the schedules and ``install_schedules``, outbound HTTP, and ``accounts``
(users, profiles, the data version). Nothing here imports an app above it.
"""
