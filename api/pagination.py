from __future__ import annotations

from typing import Any

from ninja.pagination import PageNumberPagination

PAGE_SIZE = 25  # as on the jobs page
MAX_PAGE_SIZE = 100
ID_MAX = 2**63 - 1  # ids are 64-bit: a larger one is a 422, not a database error


class Pagination(PageNumberPagination):
    """``?page=2&page_size=50``: ``{"items": [...], "count": <all matching>}``; a page past the end is empty."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE, **kwargs)
