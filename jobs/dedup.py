"""Recognise the same job seen twice: across boards, across imports and inside one batch.

Matching, in order (:meth:`Deduplicator.seen`):

1. the canonical URL (tracking parameters, fragments, ``www.``, case... removed);
2. the exact normalised key ``(company, title, location)``;
3. fuzzy: same normalised company AND same normalised location AND
   ``rapidfuzz.fuzz.token_sort_ratio(title_a, title_b) >= 92``, guarded so that titles that
   differ in a level ("Engineer II" / "Engineer III"), in seniority or in a real word
   ("Payments" / "Payouts") are not merged.

Different locations are different jobs. A posting without a company is matched by URL only.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from contextlib import suppress
from functools import lru_cache
from typing import Any
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

from rapidfuzz import fuzz, process

__all__ = [
    "FUZZY_THRESHOLD",
    "Deduplicator",
    "canonical_url",
    "dedup_key",
    "normalize_company",
    "normalize_location",
    "normalize_title",
]

FUZZY_THRESHOLD = 92

# --------------------------------------------------------------------------- URLs

_TRACKING_PARAMS = frozenset({
    "gclid", "gclsrc", "dclid", "fbclid", "msclkid", "yclid", "twclid", "ttclid", "li_fat_id", "igshid",
    "mc_cid", "mc_eid", "_hsenc", "_hsmi", "hsctatracking", "mkt_tok", "vero_id", "oly_anon_id", "oly_enc_id",
    "ref", "ref_src", "ref_url", "referrer", "referer", "source", "src_ref", "gh_src", "lever-source",
    "lever-origin", "lever-via", "trk", "trkcampaign", "trkinfo", "trackingid", "refid", "lipi", "midtoken",
    "midsig", "ebp", "original_referer", "originalsubdomain", "_ga", "_gl", "spm", "si", "s_cid", "cmpid",
    "campaignid", "adgroupid", "campaign_id", "ad_id", "utm", "sr_share", "shared_from",
})
_TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_", "_bta_", "ga_", "matomo_")
_DEFAULT_PORTS = {"http": 80, "https": 443}


def _is_tracking(name: str) -> bool:
    key = name.lower()
    return key in _TRACKING_PARAMS or key.startswith(_TRACKING_PREFIXES)


def canonical_url(url: str | None) -> str:
    """A stable form of ``url`` for duplicate detection (not for display).

    Lower-cases scheme and host, maps http to https, removes ``www.``, credentials, default
    ports, the fragment (except ``#/…`` and ``#!/…`` routes of single-page apps), tracking
    parameters (``utm_*``, gclid, fbclid, ref, source, gh_src, lever-source, trk, …) and a
    trailing slash; sorts the remaining query parameters. Returns "" for anything that is not
    an http(s) URL."""
    if not url or not isinstance(url, str):
        return ""
    return _canonical_url(url)


@lru_cache(maxsize=65536)
def _canonical_url(url: str) -> str:
    text = url.strip()
    if not text:
        return ""
    if "://" not in text and not text.startswith("//"):
        if not re.match(r"^[\w.-]+\.[a-z]{2,}(?:[:/?#]|$)", text, re.I):
            return ""
        text = "https://" + text
    elif text.startswith("//"):
        text = "https:" + text
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return ""
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        return ""
    host = (parts.hostname or "").lower().rstrip(".")
    if not host:
        return ""
    if not host.isascii():
        with suppress(UnicodeError):  # not a name IDNA can encode: compare it as written
            host = host.encode("idna").decode("ascii")
    if host.startswith("www."):
        host = host[4:]
    netloc = host if ":" not in host else f"[{host}]"
    if port and port != _DEFAULT_PORTS.get(scheme):
        netloc += f":{port}"
    path = quote(unquote(parts.path or ""), safe="/:@!$&'()*+,;=-._~")
    path = re.sub(r"/{2,}", "/", path).rstrip("/")
    query_items = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)]
    query = urlencode(sorted(query_items), quote_via=quote)
    fragment = parts.fragment.rstrip("/") if parts.fragment.startswith(("/", "!/")) else ""
    if fragment and not path:
        path = "/"
    return urlunsplit(("https", netloc, path, query, fragment))


# --------------------------------------------------------------------------- text normalisation


def _fold(text: str) -> str:
    """Lower-case, accents removed (ß -> ss, ø -> o), punctuation to spaces kept for callers."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("ß", "ss").replace("ø", "o").replace("Ø", "o").replace("ł", "l").replace("đ", "d")
    text = text.replace("æ", "ae").replace("œ", "oe")
    return text.casefold()


_LEGAL_SUFFIXES = [
    "gmbh co kg", "gmbh co kgaa", "ug haftungsbeschrankt", "pty ltd", "pvt ltd", "private limited",
    "pte ltd", "sdn bhd", "co ltd", "s a r l", "s a s", "s p a", "s r l", "b v", "n v", "s a", "e v",
    "inc", "incorporated", "llc", "l l c", "llp", "lp", "ltd", "limited", "gmbh", "mbh", "ag", "kg", "kgaa",
    "ug", "ev", "sa", "sas", "sarl", "sasu", "spa", "srl", "bv", "nv", "plc", "corp", "corporation", "co",
    "company", "oy", "oyj", "ab", "as", "asa", "aps", "a s", "se", "pty", "pte", "pvt", "kk", "bhd",
    "group", "holding", "holdings",
]
_SUFFIX_RE = re.compile(r"(?:\s+(?:" + "|".join(re.escape(s) for s in sorted(_LEGAL_SUFFIXES, key=len, reverse=True))
                        + r"))+$")
_NON_WORD = re.compile(r"[^\w]+")


@lru_cache(maxsize=65536)
def normalize_company(name: str | None) -> str:
    """"The Acme Co., Inc." / "ACME GmbH" / "Acmé S.A." -> "acme"."""
    if not name:
        return ""
    text = _fold(str(name))
    text = text.replace("&", " and ").replace("+", " and ")
    text = re.sub(r"\(.*?\)", " ", text)  # "Acme (Europe)" -> "acme": parenthetical notes dropped
    text = re.sub(r"(?<=\b\w)\.(?=\w\b)", " ", text)  # "S.A." -> "s a", "e.V." -> "e v"
    text = _NON_WORD.sub(" ", text).replace("_", " ")
    text = " ".join(text.split())
    original = text
    text = re.sub(r"^the\s+", "", text)
    previous = None
    while previous != text:
        previous = text
        text = _SUFFIX_RE.sub("", text).strip()
        text = re.sub(r"\s+and$", "", text)
    return text or original


_GENDER_MARKERS = re.compile(
    r"[(\[]\s*(?:(?:[mwfhx]|d(?:iv)?)\s*/\s*){1,3}(?:[mwfhx]|d(?:iv)?)\s*[)\]]"  # (m/w/d), (f/m/x), (h/f)
    r"|[(\[]\s*(?:all\s+genders?|alle\s+geschlechter|gn\*?|w\*m\*d|m\*w\*d"
    r"|[mwfd]\s*\|\s*[mwfd]\s*\|\s*[mwfd])\s*[)\]]"
    r"|\b(?:[mwfd]\s*/\s*){2}[mwfdx]\b"  # m/w/d without parentheses
    r"|\b[mw]\s*/\s*[wm]\b",
    re.I,
)
_TITLE_NOISE = re.compile(
    r"\b(?:100\s*%\s*remote|fully\s+remote|remote(?:\s+first|\s+friendly|\s+ok)?|hybrid|on[\s-]?site"
    r"|we\s*(?:'re|\s+are)\s+hiring|now\s+hiring|hiring|urgent(?:ly)?|immediate\s+start|asap|new"
    r"|full[\s-]?time|vollzeit|job|position|opening|wanted|apply\s+now|ref\s*[:#]?\s*\w*\d\w*)\b",
    re.I,
)
_ABBREVIATIONS = {
    "sr": "senior", "snr": "senior", "sen": "senior", "jr": "junior", "jnr": "junior", "eng": "engineer",
    "engr": "engineer", "engg": "engineer", "mgr": "manager", "mngr": "manager", "dev": "developer",
    "devs": "developers", "swe": "software engineer", "sde": "software development engineer",
    "assoc": "associate", "asst": "assistant", "admin": "administrator", "ops": "operations",
    "dir": "director", "vp": "vice president", "svp": "senior vice president", "mgmt": "management",
    "tech": "technical", "intl": "international",
}
_COMPOUNDS = [
    (re.compile(r"\bback\s+end\b"), "backend"), (re.compile(r"\bfront\s+end\b"), "frontend"),
    (re.compile(r"\bfull\s+stack\b"), "fullstack"), (re.compile(r"\bdev\s+ops\b"), "devops"),
    (re.compile(r"\bon\s+call\b"), "oncall"),
]


@lru_cache(maxsize=65536)
def normalize_title(title: str | None) -> str:
    """"Sr. Back-End Eng (m/w/d) – Remote" -> "senior backend engineer"."""
    if not title:
        return ""
    text = _GENDER_MARKERS.sub(" ", _fold(str(title)))
    text = re.sub(r"\b(sr|jr|snr|jnr|sen)\.", r"\1 ", text)
    text = text.replace("c++", "cplusplus").replace("c#", "csharp").replace(".net", " dotnet").replace("f#", "fsharp")
    text = re.sub(r"\bnode\.js\b", "nodejs", text)
    text = text.replace("&", " and ")
    text = _NON_WORD.sub(" ", text).replace("_", " ")
    text = _TITLE_NOISE.sub(" ", text)
    text = " ".join(text.split())
    for pattern, replacement in _COMPOUNDS:
        text = pattern.sub(replacement, text)
    return " ".join(_ABBREVIATIONS.get(word, word) for word in text.split())


_LOCATION_ALIASES = {
    "nyc": "new york", "new york city": "new york", "ny": "new york", "sf": "san francisco",
    "san francisco bay area": "san francisco", "bay area": "san francisco", "la": "los angeles",
    "munchen": "munich", "muenchen": "munich", "koln": "cologne", "koeln": "cologne", "wien": "vienna",
    "frankfurt am main": "frankfurt", "zurich": "zurich", "zuerich": "zurich", "praha": "prague",
    "warszawa": "warsaw", "lisboa": "lisbon", "roma": "rome", "milano": "milan", "kobenhavn": "copenhagen",
    "bruxelles": "brussels", "brussel": "brussels", "den haag": "the hague", "nurnberg": "nuremberg",
    "dusseldorf": "dusseldorf", "washington dc": "washington", "washington d c": "washington",
}
_LOCATION_NOISE = re.compile(
    r"\b(?:remote|anywhere|worldwide|hybrid|on[\s-]?site|hq|headquarters|office|greater|metropolitan|metro"
    r"|area|region|city\s+of|fully|first|friendly|home|based)\b",
)


@lru_cache(maxsize=65536)
def normalize_location(location: str | None) -> str:
    """Comparable location: per place its first component (the city), aliases applied, sorted.

    "Berlin, Germany" == "Berlin" == "berlin (HQ)"; "München" == "Munich";
    "London; Berlin" == "Berlin | London"; "Remote" == "Anywhere" == "" (no place)."""
    if not location:
        return ""
    places = set()
    for raw in re.split(r"\s*(?:;|\||\n|\s/\s|\s+or\s+|\s+oder\s+)\s*", _fold(str(location))):
        part = re.sub(r"\(.*?\)", " ", raw)  # "(HQ)", "(US)"
        first = part.split(",")[0]
        first = " ".join(_NON_WORD.sub(" ", first).replace("_", " ").split())
        first = _LOCATION_ALIASES.get(first, first)  # before the noise words: "bay area"
        first = " ".join(_LOCATION_NOISE.sub(" ", first).split())
        if not first:
            # "Remote (US)" / "Remote, EU": keep the region so EU-only and US-only differ
            rest = _NON_WORD.sub(" ", raw).replace("_", " ")
            first = " ".join(_LOCATION_NOISE.sub(" ", rest).split())
        if first:
            places.add(_LOCATION_ALIASES.get(first, first))
    return "|".join(sorted(places))


def dedup_key(company: str | None, title: str | None, location: str | None) -> tuple[str, str, str] | None:
    """The exact-match key, or None when company or title is empty."""
    c, t = normalize_company(company), normalize_title(title)
    if not c or not t:
        return None
    return c, t, normalize_location(location)


# --------------------------------------------------------------------------- fuzzy guard

_LEVEL_WORDS = frozenset({
    "senior", "junior", "lead", "staff", "principal", "head", "intern", "internship", "trainee", "chief",
    "director", "manager", "associate", "assistant", "vice", "president", "entry", "graduate", "mid",
    "i", "ii", "iii", "iv", "v", "vi", "1", "2", "3", "4", "5", "6", "l1", "l2", "l3", "l4", "l5", "l6", "l7",
    "part", "contract", "freelance", "werkstudent", "praktikum",
})


def _compatible(title_a: str, title_b: str) -> bool:
    """Extra guard on top of token_sort_ratio: no level/seniority difference, and every word
    that differs has a close spelling in the other title (typo, plural, split compound)."""
    words_a, words_b = set(title_a.split()), set(title_b.split())
    only_a, only_b = words_a - words_b, words_b - words_a
    if (only_a | only_b) & _LEVEL_WORDS:
        return False
    if any(w.isdigit() for w in only_a | only_b):
        return False
    if "".join(sorted(only_a)) == "".join(sorted(only_b)):
        return True
    joined_a, joined_b = "".join(w for w in title_a.split() if w in only_a), "".join(
        w for w in title_b.split() if w in only_b)
    if joined_a == joined_b:  # "back end" vs "backend"
        return True
    for side, other in ((only_a, only_b), (only_b, only_a)):
        for word in side:
            if not other or max(fuzz.ratio(word, o) for o in other) < 80:
                return False
    return True


# --------------------------------------------------------------------------- the deduplicator


def _bucket(key: tuple[str, str, str]) -> tuple[str, str, frozenset[str]]:
    """Fuzzy candidates share company, location and level words/numbers ("senior", "ii", "2"):
    titles differing there are never merged (see ``_compatible``), so they need not be compared."""
    levels = frozenset(w for w in key[1].split() if w in _LEVEL_WORDS or w.isdigit())
    return key[0], key[2], levels


def _sorted_tokens(title: str) -> str:
    return " ".join(sorted(title.split()))


def _get(item: Any, name: str, default: Any = "") -> Any:
    if isinstance(item, Mapping):
        return item.get(name, default)
    return getattr(item, name, default)


class Deduplicator:
    """Answer "have we got this job already?" for many postings quickly.

    ``existing`` is an iterable of ``(id, url, company, title, location)`` for jobs already
    stored. :meth:`seen` takes anything with ``url``, ``company``, ``title`` and ``location``
    (attributes or mapping keys: a :class:`~jobs.sources.base.Posting`, a model, a dict) and
    returns the matching existing id, ``True`` for a match with something :meth:`add`-ed
    without an id (an earlier posting of the same batch), or ``None`` when it is new.

    Typical import loop::

        dedup = Deduplicator(Job.objects.values_list("id", "url", "company", "title", "location"))
        for posting in postings:
            if dedup.seen(posting) is None:
                dedup.add(posting)
                ...create it...
    """

    def __init__(self, existing: Iterable[tuple[Any, str, str, str, str]] = (), *,
                 threshold: int = FUZZY_THRESHOLD):
        self.threshold = threshold
        self._by_url: dict[str, tuple[Any, str]] = {}  # canonical url -> (id, normalised title)
        self._by_key: dict[tuple[str, str, str], Any] = {}
        # (company, location, level words) -> parallel lists of normalised titles (tokens sorted, so plain
        # fuzz.ratio equals token_sort_ratio without re-sorting every choice) and their ids
        self._titles: dict[tuple[str, str, frozenset[str]], list[str]] = {}
        self._title_ids: dict[tuple[str, str, frozenset[str]], list[Any]] = {}
        self._count = 0
        for row in existing:
            job_id, url, company, title, location = row
            self._add(url, company, title, location, job_id)

    def __len__(self) -> int:
        return self._count

    def seen(self, posting: Any) -> Any:
        return self.match(_get(posting, "url"), _get(posting, "company"), _get(posting, "title"),
                          _get(posting, "location"))

    def match(self, url: str | None, company: str | None, title: str | None, location: str | None) -> Any:
        """:meth:`seen` with the four fields given separately."""
        canon = canonical_url(url)
        if canon and canon in self._by_url:
            found, known_title = self._by_url[canon]
            # One URL for several jobs (a generic careers page) must not merge different titles.
            this_title = normalize_title(title)
            if not (known_title and this_title and fuzz.token_set_ratio(known_title, this_title) < 50):
                return found
        key = dedup_key(company, title, location)
        if key is None:
            return None
        if key in self._by_key:
            return self._by_key[key]
        bucket = _bucket(key)
        titles = self._titles.get(bucket)
        if not titles:
            return None
        # fuzz.ratio on token-sorted strings == fuzz.token_sort_ratio on the titles
        candidates = process.extract(_sorted_tokens(key[1]), titles, scorer=fuzz.ratio, score_cutoff=self.threshold,
                                     limit=5)
        for matched_title, _score, index in candidates:
            if _compatible(key[1], matched_title):
                return self._title_ids[bucket][index]
        return None

    def add(self, posting: Any, job_id: Any = None) -> None:
        """Remember ``posting`` so later duplicates (in this batch too) are recognised.
        ``job_id`` defaults to the posting's ``id`` attribute/key if it has one."""
        if job_id is None:
            job_id = _get(posting, "id", None)
        self._add(_get(posting, "url"), _get(posting, "company"), _get(posting, "title"), _get(posting, "location"),
                  job_id)

    def _add(self, url: str | None, company: str | None, title: str | None, location: str | None,
             job_id: Any) -> None:
        value = True if job_id is None else job_id
        self._count += 1
        canon = canonical_url(url)
        if canon:
            self._by_url.setdefault(canon, (value, normalize_title(title)))
        key = dedup_key(company, title, location)
        if key is None:
            return
        if key not in self._by_key:
            self._by_key[key] = value
            bucket = _bucket(key)
            self._titles.setdefault(bucket, []).append(_sorted_tokens(key[1]))
            self._title_ids.setdefault(bucket, []).append(value)
