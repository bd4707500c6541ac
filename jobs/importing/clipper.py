"""The clipper: save the posting on the page you are looking at, from your own browser, in one click.

A bookmarklet sends the page's URL, title and HTML to the app; nothing is fetched by the server, so it
works on pages behind the user's own login. :func:`read_clipped_page` turns what was sent into the same
:class:`~jobs.importing.jsonld.PostingDraft` "Add from URL" makes: the page's schema.org ``JobPosting``
JSON-LD when it has one (``jsonld.parse_job_posting``), else its readable main text (:func:`main_content`),
whose skills are read by the same posting reader (``jobs.skills.read_posting``). The user checks the
filled-in job form and saves it; nothing is stored before that.

Why the bookmarklet carries no secret, and how a cross-site post is refused
--------------------------------------------------------------------------
A bookmarklet runs *inside* the page it is clicked on, with that page's scripts around it: anything it
carries (a per-user token, say) can be read by that page, which may be hostile or compromised (a job
board with an injected script). So it carries only the app's address. It opens a popup on the app's own
origin (``/jobs/clip/``, an ordinary signed-in page), waits for that popup to say it is ready, and hands
it the page with ``postMessage(…, APP_ORIGIN)`` — the pinned target origin means only a document of the
app can receive it. The popup's script (``static/js/clipper.js``) takes the message only from its own
opener, trims the HTML (scripts, styles, SVG, frames) and submits it with a normal form POST from the app's
origin, carrying the CSRF token the page was rendered with and the session cookie. The CSRF token never
leaves the app's origin.

The POST (``jobs:clip``) is an ordinary Django view behind ``CsrfViewMiddleware``: a form on another site
posting straight to it has no token (and a foreign ``Origin``), and gets 403; the session cookie is
``SameSite=Lax`` besides, so a cross-site POST is not even signed in. Reading the app's answer cross-site is
impossible (same-origin policy; no CORS headers are sent).

What a hostile page *can* do is what any page can do with a link: open the clip popup and post it made-up
content. The worst outcome is a filled-in form the user sees in a window of the app, with the page's
address shown, that saves nothing until they press Save — no different from a link to "Add a job". The
popup page alone gives up ``Cross-Origin-Opener-Policy: same-origin`` (it answers ``unsafe-none`` so that
the bookmarklet can talk to it); it is never framed (``X-Frame-Options: DENY``, ``frame-ancestors 'none'``)
and shows nothing of the user's data.

Size and content: the HTML is capped at :data:`MAX_HTML_CHARS` after the popup trimmed it (the view answers
413 with a message above it; Django refuses any body over ``DATA_UPLOAD_MAX_MEMORY_SIZE``, 2.5 MB, before
that), and everything shown or stored goes through ``jobs.sanitize.clean_html`` (nh3, an allow-list):
the page's HTML is only ever parsed, never rendered.
"""

from __future__ import annotations

import html as html_lib
import json
from html.parser import HTMLParser
from urllib.parse import quote

from django.utils.translation import gettext as _

from jobs.importing.jsonld import PostingDraft, parse_job_posting, read_draft_skills
from jobs.sanitize import ALLOWED_TAGS, clean_html, html_to_text

__all__ = ["MAX_HTML_CHARS", "bookmarklet_url", "main_content", "read_clipped_page"]

MAX_HTML_CHARS = 1_000_000  # after the popup removed scripts, styles and SVG: any posting fits easily
MAX_DESCRIPTION_CHARS = 100_000
MIN_MAIN_TEXT = 200  # a <main> shorter than this (a cookie banner's) loses to the whole <body>

# Subtrees that are never the posting: page chrome and things that are not text.
_SKIPPED = {"script", "style", "noscript", "template", "svg", "math", "nav", "aside", "footer", "form",
            "button", "select", "iframe", "object", "dialog", "canvas", "video", "audio", "head"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_KEPT_TAGS = ALLOWED_TAGS - {"a"}  # links are kept as their text: page-relative hrefs would point here


# Runs in the page the user clicks it on: it opens the app's clip page and, once that page (and only a page of
# the app's origin, opened by this click) says it is ready, hands it the page. APP is the only thing it carries
# (and MESSAGE, what it says in the reader's language when the browser blocks the window).
_BOOKMARKLET = (
    "(function(){var A=APP,w=window.open(A+'/jobs/clip/','_blank','popup,width=980,height=860');"
    "if(!w){alert(MESSAGE);return}"
    "var d={type:'copilot-clip',url:location.href,title:document.title,html:document.documentElement.outerHTML};"
    "function h(e){if(e.source===w&&e.origin===A&&e.data==='copilot-clip-ready'){"
    "removeEventListener('message',h);w.postMessage(d,A)}}"
    "addEventListener('message',h)})()"
)


def bookmarklet_url(app_origin: str) -> str:
    """The ``javascript:`` link the user drags to their bookmarks bar, for the app at ``app_origin``."""
    message = _("Career Co-Pilot: allow pop-ups on this site to clip it.")
    code = _BOOKMARKLET.replace("MESSAGE", json.dumps(message)).replace("APP", json.dumps(app_origin))
    return "javascript:" + quote(code, safe="(){}[];,=:!'+/.-_<>|&?*\"\\")


class _MainContent(HTMLParser):
    """Keep the text and simple structure of ``<main>`` (or ``<article>``, ``role=main``) and of ``<body>``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.body: list[str] = []
        self.main: list[str] = []
        self.main_h1: list[str] = []
        self.body_h1: list[str] = []
        self._skip: list[str] = []  # open skipped tags
        self._main_tag = ""  # the tag that opened the main region, while inside it
        self._main_depth = 0
        self._main_done = False
        self._in_h1 = False
        self._body_size = self._main_size = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            if tag in ("br", "hr") and not self._skip:
                self._emit(f"<{tag}>")
            return
        attributes = dict(attrs)
        if self._skip or tag in _SKIPPED or "hidden" in attributes or attributes.get("aria-hidden") == "true":
            self._skip.append(tag)
            return
        if self._main_tag:
            if tag == self._main_tag:
                self._main_depth += 1
        elif not self._main_done and (tag in ("main", "article") or attributes.get("role") == "main"):
            self._main_tag, self._main_depth = tag, 1
        if tag == "h1":
            self._in_h1 = True
        if tag in _KEPT_TAGS:
            self._emit(f"<{tag}>")

    def handle_endtag(self, tag: str) -> None:
        if self._skip:
            if tag == self._skip[-1]:
                self._skip.pop()
            elif tag in self._skip:  # unbalanced markup: close back to it
                del self._skip[self._skip.index(tag):]
            return
        if tag in _KEPT_TAGS:
            self._emit(f"</{tag}>")
        if tag == "h1":
            self._in_h1 = False
        if self._main_tag and tag == self._main_tag:
            self._main_depth -= 1
            if not self._main_depth:
                self._main_tag, self._main_done = "", True

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        self._emit(html_lib.escape(data, quote=False))
        if self._in_h1:
            (self.main_h1 if self._main_tag else self.body_h1).append(data)

    def _emit(self, piece: str) -> None:
        # Past the description's size nothing more is kept (nh3 closes what the cut leaves open).
        if self._body_size < MAX_DESCRIPTION_CHARS:
            self.body.append(piece[:MAX_DESCRIPTION_CHARS - self._body_size])
            self._body_size += len(piece)
        if self._main_tag and self._main_size < MAX_DESCRIPTION_CHARS:
            self.main.append(piece[:MAX_DESCRIPTION_CHARS - self._main_size])
            self._main_size += len(piece)


def main_content(page: str) -> tuple[str, str]:
    """The readable main part of a page as sanitised HTML, and its first ``<h1>`` (the likely job title)."""
    parser = _MainContent()
    try:
        parser.feed(page)
        parser.close()
    except (AssertionError, ValueError):  # very broken markup: keep what was read
        pass
    main = clean_html("".join(parser.main))
    if len(html_to_text(main)) >= MIN_MAIN_TEXT:
        heading = parser.main_h1
    else:
        main, heading = clean_html("".join(parser.body)), parser.main_h1 or parser.body_h1
    return main, " ".join(" ".join(heading).split())[:300]


def read_clipped_page(*, url: str, title: str, html: str) -> PostingDraft:
    """What the bookmarklet sent, read like "Add from URL" reads a page, plus the page's main text when it
    has no ``JobPosting`` data. Never raises on odd input."""
    draft = parse_job_posting(html, url=url)
    if draft.found_structured_data:
        return draft
    description, heading = main_content(html)
    if len(html_to_text(description)) > len(html_to_text(draft.description_html)):
        draft.description_html = description
    draft.title = heading or draft.title or " ".join(title.split())[:300]
    # The review page says the description is the page's main text; the notes say what else to check.
    draft.notes = [
        *([_("The title is the page's main heading.")] if heading else []),
        *([draft.company_note] if draft.company_note else []),
        _("Check the place, the salary and the job type: pages without structured data rarely say them plainly."),
    ]
    read_draft_skills(draft)
    return draft
