"""Your data, under Settings: download everything as a zip, or delete the account with all its rows.

It reads every app's tables, so it lives in the top layer. URLs stay under /settings/data/.
"""
