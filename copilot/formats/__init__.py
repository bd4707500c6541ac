"""Date and number formats per language (FORMAT_MODULE_PATH): Django's own, with the short day-month-year
forms the pages use ("3 Dec 2026", "3. Dez. 2026") as the named formats, so a template writes
``|date:"DATE_FORMAT"`` and each language gets its own order and punctuation."""
