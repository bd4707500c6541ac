"""Serve plotly.js from the installed plotly package instead of keeping a 4.8 MB copy in the repository.

Only the one file is exposed (the package also ships datasets and a widget bundle), at the URL path the
templates use; its version follows the plotly pin in requirements.txt.
"""

from __future__ import annotations

from pathlib import Path

import plotly
from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

PACKAGE_DATA = Path(plotly.__file__).resolve().parent / "package_data"
FILES = {"vendor/plotly/plotly.min.js": "plotly.min.js"}


class PackagedAssetFinder(BaseFinder):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.storage = FileSystemStorage(location=PACKAGE_DATA)
        # collectstatic copies files to the storage's prefix; the stubs do not know this attribute.
        self.storage.prefix = "vendor/plotly"  # type: ignore[attr-defined]

    def check(self, **kwargs):
        return []

    def find(self, path: str, find_all: bool = False, **kwargs):
        source = FILES.get(path)
        if source is None:
            return []
        match = str(PACKAGE_DATA / source)
        return [match] if find_all else match

    def list(self, ignore_patterns):
        for source in FILES.values():
            yield source, self.storage
