"""Links that came from outside (boards, pages, CSV files, forms) are kept only if they are web
addresses: ``javascript:`` or ``data:`` in an ``href`` would run in our origin (the CSP is the
last line of defence, not the first)."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy

SCHEMES = ("http", "https")
NOT_A_WEB_URL = gettext_lazy("Use a web address starting with http:// or https://.")

#: The model and form validator (Django's URLField alone also accepts ftp://).
validate_web_url = URLValidator(schemes=list(SCHEMES), message=NOT_A_WEB_URL)


def is_web_url(value: object) -> bool:
    """An absolute http(s) URL with a host: the only kind of outside link we store or render."""
    if not isinstance(value, str):
        return False
    try:
        parts = urlsplit(value.strip())
    except ValueError:  # e.g. an unbalanced "[" in the host
        return False
    return parts.scheme.lower() in SCHEMES and bool(parts.netloc)
