"""Jobs as a spreadsheet: export them as CSV, import our own CSV back or LinkedIn's "Job Applications.csv".

An import creates jobs *and* their applications with a status (a LinkedIn export is a list of
applications), so the feature sits in the applications layer, above jobs. Its URLs stay beside the
jobs list: /jobs/export.csv, /jobs/import/, /jobs/import/confirm/.
"""
