"""``{% js_strings %}``: the texts the scripts in static/js show or announce, in the page's language.

Rendered once by base.html as ``<script type="application/json" id="i18n-strings">``; a script reads it with
``JSON.parse`` and keeps its English text as the fallback (a page without the block still works)."""

from __future__ import annotations

from django import template
from django.utils.html import json_script
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

register = template.Library()


def strings() -> dict[str, str]:
    return {
        # static/js/app.js: a failed htmx request that is not a form error.
        "error403": _("Your session has expired or the page is out of date. Reload the page and try again."),
        "error404": _("That item no longer exists. Reload the page to see the current state."),
        "error413": _("That is too large to send."),
        "error429": _("Too many requests in a short time. Wait a moment and try again."),
        # Translators: {status} is an HTTP status code such as 500; keep it as it is.
        "errorOther": _("Something went wrong on our side (error {status}); nothing was changed. Please try again."),
        "offline": _("The server could not be reached. Check your connection and try again."),
        # Translators: added to the name of a table (its heading) that is wider than the screen.
        "scrollsSideways": _("(scrolls sideways)"),
        # static/js/copy.js and api-tokens.js: the Copy buttons.
        "copiedToClipboard": _("Copied to the clipboard."),
        "copyByHand": _("Selected: press Ctrl+C (⌘C on a Mac) to copy."),
        "copied": _("Copied"),
    }


@register.simple_tag
def js_strings() -> SafeString:
    return json_script(strings(), "i18n-strings")
