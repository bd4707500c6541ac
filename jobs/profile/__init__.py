"""The profile page (Settings): what the user looks for, and when the digests arrive.

It lives in jobs because its form needs the skills taxonomy (and will need the places of
``jobs.locations``), which the accounts app below may not import; the fields themselves are
``copilot.accounts.models.Profile``'s.
"""
