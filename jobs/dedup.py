"""Recognise the same job seen twice: across boards, across imports and inside one batch.

Two postings are one job when (:meth:`Deduplicator.seen`):

* **the titles are the same role** (:func:`normalize_title`, :func:`titles_compatible`): gender
  markers, salary ranges, requisition references, work-mode and contract notes, hiring calls and a
  repeated place ("- LILLE" on a job in Lille) are removed; abbreviations are written out (Sr., SRE,
  ML) and level digits are Roman numerals (2 = II). Near-equal titles (typo, plural, word order,
  ``token_sort_ratio >= 92``) match unless they differ in a level word (II/III, Senior/Staff) or a
  real word (Payments/Payouts, Billing/Search);
* **the places are compatible** (:func:`locations_compatible`, built on :mod:`jobs.locations`): the
  same place however written, one office of a multi-office posting, or a side that names no place;
  the same city name in another region (Portland, OR / Portland, ME) and remote jobs restricted to
  different regions stay apart;
* and **either the canonical URL is the same** (tracking parameters, ``www.``, apply page… removed)
  **or the company is** (:func:`company_keys`): legal forms, spacing ("Northwindanalytics"), a
  domain-style name, Adzuna's "-1", a country subsidiary, an abbreviation of the initials (OPI), a
  former name given as "(formerly …)".

A shared URL is not enough on its own: one careers page often lists several roles. A posting
without a company is matched by URL only. Measured on the labelled pairs in
``tests/fixtures/dedup/`` by ``bench/eval_dedup.py``.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

from rapidfuzz import fuzz, process

from jobs.locations import fold, location_key, parse_location, same_location

__all__ = [
    "FUZZY_THRESHOLD",
    "Deduplicator",
    "canonical_url",
    "company_keys",
    "dedup_key",
    "locations_compatible",
    "normalize_company",
    "normalize_location",
    "normalize_title",
    "same_company",
    "titles_compatible",
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
_APPLY_SUFFIX = re.compile(r"(?<=.)/(?:apply|application)$", re.I)


def _is_tracking(name: str) -> bool:
    key = name.lower()
    return key in _TRACKING_PARAMS or key.startswith(_TRACKING_PREFIXES)


def canonical_url(url: str | None) -> str:
    """A stable form of ``url`` for duplicate detection (not for display).

    Lower-cases scheme and host, maps http to https, removes ``www.``, credentials, default
    ports, the fragment (except ``#/…`` and ``#!/…`` routes of single-page apps), tracking
    parameters (``utm_*``, gclid, fbclid, ref, source, gh_src, lever-source, trk, …), a
    trailing slash and a trailing ``/apply`` or ``/application`` (a job's apply page); sorts
    the remaining query parameters. Returns "" for anything that is not an http(s) URL."""
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
    # A job's apply page is the job: Lever's applyUrl is its hostedUrl + "/apply", Ashby's "/application".
    path = _APPLY_SUFFIX.sub("", path)
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


# German umlauts are also written with an "e" ("Lindgruen", "Duesseldorf"): a company name gets a key
# for each spelling, so "Lindgrün" meets both "Lindgrun" and "Lindgruen".
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})

# --------------------------------------------------------------------------- companies

_LEGAL_SUFFIXES = [
    "gmbh co kg", "gmbh co kgaa", "ug haftungsbeschrankt", "pty ltd", "pvt ltd", "private limited",
    "pte ltd", "sdn bhd", "co ltd", "s a r l", "s a s", "s p a", "s r l", "b v", "n v", "s a", "e v",
    "sp z o o", "spolka z o o", "s a de c v", "sa de cv", "s de r l", "s l u", "s l", "slu", "sl", "s c",
    "ltda", "sagl", "s a s u", "k k", "a s", "a b",
    "inc", "incorporated", "llc", "l l c", "llp", "lp", "ltd", "limited", "gmbh", "mbh", "ag", "kg", "kgaa",
    "ug", "ev", "sa", "sas", "sarl", "sasu", "spa", "srl", "bv", "nv", "plc", "corp", "corporation", "co",
    "company", "oy", "oyj", "ab", "as", "asa", "aps", "se", "pty", "pte", "pvt", "kk", "bhd",
    "group", "holding", "holdings",
]
_SUFFIX_RE = re.compile(r"(?:\s+(?:" + "|".join(re.escape(s) for s in sorted(_LEGAL_SUFFIXES, key=len, reverse=True))
                        + r"))+$")
_NON_WORD = re.compile(r"[^\w]+")
_ADZUNA_COUNTER = re.compile(r"-\d{1,2}$")  # Adzuna appends "-1", "-2" to employer names
_DOMAIN = re.compile(r"^([a-z0-9][a-z0-9-]*)\.([a-z]{2,6})$", re.I)  # "fernwood.io", "lumora.ai"
_FORMER = re.compile(r"^(?:formerly|previously|fka|f\s*k\s*a|ex|now|nee|née)\b\.?\s*(?:known\s+as\s+)?(.+)$", re.I)
_STOP = frozenset({"the", "and", "of", "for", "de", "la", "le", "der", "die", "und", "et", "y"})
# Short country words that are not also common name endings: "Acme UK", "Acme USA"; longer country names
# ("Deutschland", "France") come from the gazetteer. Two-letter codes such as "AI" (Anguilla) are left alone.
_SHORT_COUNTRY_WORDS = frozenset({"uk", "usa", "us"})


@lru_cache(maxsize=65536)
def normalize_company(name: str | None) -> str:
    """"The Acme Co., Inc." / "ACME GmbH" / "Acmé S.A." / "ACME-1" -> "acme"."""
    if not name:
        return ""
    text = str(name).strip()
    text = re.sub(r"\s*\(.*?\)", " ", text)  # "Acme (Europe)" -> "acme": parenthetical notes dropped
    return _normalize_name(text)


def _normalize_name(text: str) -> str:
    text = _ADZUNA_COUNTER.sub("", text.strip())
    text = _fold(text).replace("®", " ").replace("™", " ")
    text = text.replace("&", " and ").replace("+", " and ")
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


def _is_country_word(word: str) -> bool:
    if word in _SHORT_COUNTRY_WORDS:
        return True
    if len(word) < 4:
        return False
    places = parse_location(word).places
    return len(places) == 1 and places[0].kind == "country"


def _name_keys(raw: str) -> set[str]:
    """Compact keys of one name: spaces removed (a board token "Northwindanalytics" is the same name),
    with and without a trailing country word, a domain's ending, umlauts written out."""
    raw = raw.strip()
    keys: set[str] = set()
    variants = {raw, raw.translate(_UMLAUTS)}
    domain = _DOMAIN.match(_ADZUNA_COUNTER.sub("", raw))
    if domain:
        variants.add(domain.group(1))
    for variant in variants:
        words = _normalize_name(variant).split()
        if not words:
            continue
        keys.add("".join(words))
        if len(words) >= 2 and _is_country_word(words[-1]):  # "Atlas Insurance Deutschland GmbH"
            keys.add("".join(words[:-1]))
    return keys


def _initials(raw: str) -> str:
    words = [w for w in _normalize_name(raw).split() if w not in _STOP]
    return "".join(w[0] for w in words) if len(words) >= 3 else ""


def _abbreviation(raw: str) -> str:
    letters = re.sub(r"[\s.&-]", "", _ADZUNA_COUNTER.sub("", raw.strip()))
    return letters.lower() if 2 <= len(letters) <= 5 and letters.isalpha() and letters.isupper() else ""


@dataclass(frozen=True, slots=True)
class CompanyKeys:
    """How a company is found: ``own`` keys it is filed under, ``lookup`` keys that find it.

    Both hold the compact names. An abbreviation ("OPI") is filed as ``abbr:opi`` and looks up
    ``init:opi``; a name of three words or more ("Oberland Precision Instruments") the other way
    round, so two different long names with the same initials never meet."""

    own: frozenset[str]
    lookup: frozenset[str]


@lru_cache(maxsize=65536)
def company_keys(name: str | None) -> CompanyKeys:
    """The keys of a company name, aliases included: "Tessra (formerly Tessellate Labs)" is found as
    Tessra and as Tessellate Labs; "NVD (Nordic Vehicle Data)" as NVD and Nordic Vehicle Data."""
    if not name or not str(name).strip():
        return CompanyKeys(frozenset(), frozenset())
    text = str(name)
    names = [re.sub(r"\s*\(.*?\)", " ", text).strip()]
    main = names[0]
    for note in re.findall(r"\((.*?)\)", text):
        former = _FORMER.match(note.strip())
        if former:
            names.append(former.group(1))
        elif _abbreviation(main) and _initials(note) == _abbreviation(main):
            names.append(note)  # "NVD (Nordic Vehicle Data)": the full name spelt out
    own: set[str] = set()
    lookup: set[str] = set()
    for each in names:
        keys = _name_keys(each)
        own |= keys
        lookup |= keys
        if abbreviation := _abbreviation(each):
            own.add("abbr:" + abbreviation)
            lookup.add("init:" + abbreviation)
        if initials := _initials(each):
            own.add("init:" + initials)
            lookup.add("abbr:" + initials)
    return CompanyKeys(frozenset(own), frozenset(lookup))


def same_company(a: str | None, b: str | None) -> bool:
    """Could the two names be one company (legal form, spelling, alias, abbreviation, former name)?"""
    return bool(company_keys(a).lookup & company_keys(b).own)


# --------------------------------------------------------------------------- titles

_GENDER_MARKERS = re.compile(
    r"[(\[]\s*(?:(?:[mwfhx]|d(?:iv)?)\s*/\s*){1,3}(?:[mwfhx]|d(?:iv)?)\s*[)\]]"  # (m/w/d), (f/m/x), (h/f)
    r"|[(\[]\s*(?:all\s+genders?|alle\s+geschlechter|gn\*?|w\*m\*d|m\*w\*d"
    r"|[mwfd]\s*\|\s*[mwfd]\s*\|\s*[mwfd])\s*[)\]]"
    r"|\b(?:[mwfd]\s*/\s*){2}[mwfdx]\b"  # m/w/d without parentheses
    r"|\b[mw]\s*/\s*[wm]\b|\b[hf]\s*/\s*[fh]\b",  # m/w, H/F
    re.I,
)
_AMOUNT = r"(?:[$€£]|\b(?:usd|eur|gbp|chf)\s?)\s?\d[\d,.']*\s?k?"
_MONEY = re.compile(
    rf"{_AMOUNT}(?:\s*(?:-|to)\s*(?:{_AMOUNT}|\d[\d,.']*\s?k?))?(?:\s*(?:usd|eur|gbp|chf)\b)?"
    r"(?:\s*(?:per|/|a)\s*(?:year|annum|yr|hour|hr|day|month))?"
    r"|\b\d{2,3}\s?k\s*(?:-|to)\s*\d{2,3}\s?k\b",
    re.I,
)
_REFERENCE = re.compile(
    r"\b(?:ref(?:erence)?|req(?:uisition)?|job\s*(?:id|no|number|code)|vacancy\s*(?:id|no))\b\.?\s*(?:no\b\.?)?"
    r"\s*[:#]?\s*[a-z]{0,4}[-/]?\d[\w/-]*|#\s?\d[\w-]*",
    re.I,
)
# Where a title's decorations start: " - ", " | ", "!", ": " and brackets.
_SEGMENT_SPLIT = re.compile(r"\s+[-–—|•·]+\s+|\s*[!¡]+\s*|:\s+|\s*[()\[\]{}]\s*|\s[-–—]|[-–—]\s")
_MODE_WORDS = re.compile(
    r"\b(?:100\s*%\s*remote|fully\s+remote|remote(?:\s+first|\s+friendly|\s+ok)?|hybrid|on[\s-]?site|in[\s-]office"
    r"|work\s+from\s+home|wfh|anywhere|worldwide)\b", re.I)
_TITLE_NOISE = re.compile(
    r"\b(?:100\s*%\s*remote|fully\s+remote|remote(?:\s+first|\s+friendly|\s+ok)?|hybrid|on[\s-]?site"
    r"|we\s*(?:'re|\s+are|\s+re)\s+hiring|now\s+hiring|hiring(?:\s+immediately)?|immediately|urgent(?:ly)?"
    r"|immediate\s+start|asap|new|full[\s-]?time|vollzeit|festanstellung|unbefristet|permanent|cdi|cdd"
    r"|contract(?:or)?|freelance(?:r)?|job|position|opening|wanted|apply\s+now"
    r"|(?:eu|us|uk|cet|est|pst|utc|gmt|emea|americas?|apac)?\s*time\s*zones?|timezones?)\b"
    r"|\b100\s*%",
    re.I,
)
# Left after the noise words of a decoration ("(Remote, US only)" -> "us only"): scope words.
_SCOPE_LEFTOVER = re.compile(r"\b(?:only|based|in|within|from|friendly|first|ok|and|or|time|zones?)\b", re.I)
_ABBREVIATIONS = {
    "sr": "senior", "snr": "senior", "sen": "senior", "jr": "junior", "jnr": "junior", "eng": "engineer",
    "engr": "engineer", "engg": "engineer", "mgr": "manager", "mngr": "manager", "dev": "developer",
    "devs": "developers", "swe": "software engineer", "sde": "software development engineer",
    "assoc": "associate", "asst": "assistant", "admin": "administrator", "ops": "operations",
    "dir": "director", "vp": "vice president", "svp": "senior vice president", "mgmt": "management",
    "tech": "technical", "intl": "international", "sre": "site reliability engineer",
    "ml": "machine learning", "mle": "machine learning engineer", "ai": "artificial intelligence",
    "qa": "quality assurance", "bi": "business intelligence", "hr": "human resources",
    "dba": "database administrator", "grad": "graduate",
}
# The same level written with digits or Roman numerals: "Software Engineer 2" is "Software Engineer II".
_NUMERALS = {"1": "i", "2": "ii", "3": "iii", "4": "iv", "5": "v", "6": "vi"}
_COMPOUNDS = [
    (re.compile(r"\bback\s+end\b"), "backend"), (re.compile(r"\bfront\s+end\b"), "frontend"),
    (re.compile(r"\bfull\s+stack\b"), "fullstack"), (re.compile(r"\bdev\s+ops\b"), "devops"),
    (re.compile(r"\bon\s+call\b"), "oncall"),
]


def _is_place(text: str, location: str, *, remote: bool) -> bool:
    """Is a title decoration ("Berlin", "LILLE", "US only") a place that the posting's location already
    says? A decoration that came with a work-mode word ("Remote - US") is a remote scope: no check."""
    text = _SCOPE_LEFTOVER.sub(" ", text).strip()
    if not text:
        return remote
    parsed = parse_location(text)
    if not parsed.places and not (parsed.remote and not parsed.remote.worldwide):
        return False
    if not all(p.known for p in parsed.places):
        return False
    return remote or (bool(location) and same_location(text, location))


def _words(text: str) -> str:
    text = text.replace("c++", "cplusplus").replace("c#", "csharp").replace(".net", " dotnet")
    text = text.replace("f#", "fsharp").replace("&", " and ")
    text = re.sub(r"\bnode\.js\b", "nodejs", text)
    text = re.sub(r"\b(sr|jr|snr|jnr|sen)\.", r"\1 ", text)
    return " ".join(_NON_WORD.sub(" ", text).replace("_", " ").split())


@lru_cache(maxsize=65536)
def normalize_title(title: str | None, location: str = "") -> str:
    """"Sr. Back-End Eng (m/w/d) – Remote" -> "senior backend engineer".

    Removed: gender markers, salary ranges, requisition references, work-mode and contract notes
    ("(Contract, Remote)", "- CDI", "100% remote"), hiring calls, and a decoration naming the place
    the posting's ``location`` already gives ("- Berlin", "- LILLE"). A decoration naming anything
    else ("- Payments", "(Python)") stays. Abbreviations are written out (Sr., SRE, ML) and level
    digits written as Roman numerals (2 -> ii)."""
    if not title:
        return ""
    text = _fold(str(title))
    text = _GENDER_MARKERS.sub(" ", text)
    text = _MONEY.sub(" ", text)
    text = _REFERENCE.sub(" ", text)
    kept: list[str] = []
    segments = [s for s in _SEGMENT_SPLIT.split(text) if s and s.strip(" ,;/-")]
    for index, segment in enumerate(segments):
        remote = bool(_MODE_WORDS.search(segment))
        if index and _is_place(segment.strip(" ,;"), location, remote=False):
            continue
        rest = _TITLE_NOISE.sub(" ", segment)
        if not _words(rest):
            continue
        if index and remote and _is_place(rest.strip(" ,;"), location, remote=True):
            continue
        kept.append(rest)
    words = _words(" ".join(kept)) if kept else _words(_TITLE_NOISE.sub(" ", text)) or _words(text)
    for pattern, replacement in _COMPOUNDS:
        words = pattern.sub(replacement, words)
    result: list[str] = []
    for word in words.split():
        for part in _ABBREVIATIONS.get(word, _NUMERALS.get(word, word)).split():
            if not result or result[-1] != part:  # "SRE Engineer" -> "site reliability engineer"
                result.append(part)
    return " ".join(result)


_LEVEL_WORDS = frozenset({
    "senior", "junior", "lead", "staff", "principal", "head", "intern", "internship", "trainee", "chief",
    "director", "manager", "associate", "assistant", "vice", "president", "entry", "graduate", "mid",
    "i", "ii", "iii", "iv", "v", "vi", "l1", "l2", "l3", "l4", "l5", "l6", "l7", "l8", "group",
    "part", "werkstudent", "praktikum", "praktikant", "apprentice", "apprenticeship", "working", "student",
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


def _sorted_tokens(title: str) -> str:
    return " ".join(sorted(title.split()))


def titles_compatible(title_a: str, title_b: str, threshold: int = FUZZY_THRESHOLD) -> bool:
    """Are two *normalised* titles the same role: equal, or near-equal (typo, plural, word order)
    with the same level and no other word?"""
    if title_a == title_b:
        return True
    if not title_a or not title_b:
        return False
    if fuzz.ratio(_sorted_tokens(title_a), _sorted_tokens(title_b)) < threshold:
        return False
    return _compatible(title_a, title_b)


# --------------------------------------------------------------------------- locations

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
    """Per place its first component (the city), aliases applied, sorted: "München" == "Munich",
    "London; Berlin" == "Berlin | London", "Remote" == "" (no place).

    Kept for the ingestion keep-rule, which compares a profile's places by name. Duplicate
    detection reads places through :mod:`jobs.locations` instead (:func:`locations_compatible`)."""
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


def _zones_overlap(a: tuple[tuple[float, float], ...], b: tuple[tuple[float, float], ...]) -> bool:
    return any(lo_a <= hi_b and lo_b <= hi_a for lo_a, hi_a in a for lo_b, hi_b in b)


@lru_cache(maxsize=65536)
def locations_compatible(a: str, b: str) -> bool:
    """Could two boards' location strings describe the same posting?

    The same place however written (:func:`jobs.locations.same_location`: "München" / "Munich,
    Bavaria, Germany", "Remote - EU" / "Remote (Europe)", "10115 Berlin" / "Berlin"), one office of a
    multi-office posting, or a side that names no place at all (a LinkedIn export, Remote OK): that
    is unknown, not different. Worldwide remote ("Remote", "Anywhere") is compatible with any remote
    location but not with an on-site place; remote bands of time zones that do not overlap differ."""
    if a == b or fold(a) == fold(b):
        return True
    if not a.strip() or not b.strip():
        return True
    parsed_a, parsed_b = parse_location(a), parse_location(b)
    key_a, key_b = location_key(a), location_key(b)
    if key_a and key_b:
        return same_location(a, b)
    if not key_a and not key_b:
        zones_a = parsed_a.remote.zones if parsed_a.remote else ()
        zones_b = parsed_b.remote.zones if parsed_b.remote else ()
        return not (zones_a and zones_b) or _zones_overlap(zones_a, zones_b)
    no_place, place = (parsed_a, parsed_b) if not key_a else (parsed_b, parsed_a)
    return not no_place.is_remote or place.is_remote


def dedup_key(company: str | None, title: str | None, location: str | None) -> tuple[str, str, str] | None:
    """An exact-match key (normalised company, title and place), or None when company or title is
    empty. For reports and debugging: :class:`Deduplicator` also matches what this key tells apart
    (an alias of the company, a place written another way, a missing location)."""
    c, t = normalize_company(company), normalize_title(title, location or "")
    if not c or not t:
        return None
    return c, t, location_key(location or "")


# --------------------------------------------------------------------------- the deduplicator


def _get(item: Any, name: str, default: Any = "") -> Any:
    if isinstance(item, Mapping):
        return item.get(name, default)
    return getattr(item, name, default)


def _with_mode(location: str | None, remote_option: str | None) -> str:
    """The location as written, with "Remote" added for a remote job whose board kept the remote flag
    apart (ingestion stores "Remote - EU" as "EU" + remote): a remote job with no place is not a job
    that names no place, so it does not merge with an on-site job in Berlin."""
    location = location or ""
    if remote_option == "remote" and not _MODE_WORDS.search(location):
        return f"Remote ({location})" if location else "Remote"
    return location


def _levels(title: str) -> frozenset[str]:
    return frozenset(w for w in title.split() if w in _LEVEL_WORDS or w.isdigit())


@dataclass(slots=True)
class _Entry:
    value: Any
    title: str  # normalised
    location: str


@lru_cache(maxsize=65536)
def _place_keys(location: str) -> frozenset[str]:
    return frozenset(key for key in location_key(location).split("|") if key)


class _Openings:
    """The stored jobs of one company with one normalised title, to be found by place.

    Usually a handful, compared one by one. A company that posts one title in hundreds of places (a
    retailer's stores) gets an index by place key once it holds more than :attr:`SCAN_ALL`, so a posting
    is compared only with the jobs that share a place with it or name none."""

    SCAN_ALL = 64
    __slots__ = ("by_place", "entries", "unplaced")

    def __init__(self) -> None:
        self.entries: list[_Entry] = []
        self.by_place: dict[str, list[_Entry]] | None = None
        self.unplaced: list[_Entry] = []

    def add(self, entry: _Entry) -> None:
        self.entries.append(entry)
        if self.by_place is not None:
            self._index(entry)

    def _index(self, entry: _Entry) -> None:
        assert self.by_place is not None
        keys = _place_keys(entry.location)
        for key in keys:
            self.by_place.setdefault(key, []).append(entry)
        if not keys:
            self.unplaced.append(entry)

    def _candidates(self, location: str) -> Iterable[_Entry]:
        if len(self.entries) <= self.SCAN_ALL:
            return self.entries
        if self.by_place is None:
            self.by_place = {}
            for entry in self.entries:
                self._index(entry)
        keys = _place_keys(location)
        if not keys:  # no place on this side: any of them may be it
            return self.entries
        return itertools.chain(self.unplaced, *(self.by_place.get(key, ()) for key in keys))

    def find(self, location: str) -> Any:
        for entry in self._candidates(location):
            if locations_compatible(entry.location, location):
                return entry.value
        return None


class Deduplicator:
    """Answer "have we got this job already?" for many postings quickly.

    ``existing`` is an iterable of ``(id, url, company, title, location)`` for jobs already
    stored, optionally with a sixth item, the job's ``remote_option``. :meth:`seen` takes anything
    with ``url``, ``company``, ``title`` and ``location`` (and optionally ``remote_option``;
    attributes or mapping keys: a :class:`~jobs.sources.base.Posting`, a model, a dict) and
    returns the matching existing id, ``True`` for a match with something :meth:`add`-ed
    without an id (an earlier posting of the same batch), or ``None`` when it is new.

    Two postings are the same job when their locations are compatible (:func:`locations_compatible`)
    and their titles are the same role (:func:`titles_compatible`), and either their canonical URLs
    are equal or their companies are (:func:`same_company`). A shared URL alone is not enough: one
    careers page often lists several roles. A posting without a company is matched by URL only.

    Typical import loop::

        dedup = Deduplicator(Job.objects.values_list("id", "url", "company", "title", "location"))
        for posting in postings:
            if dedup.seen(posting) is None:
                dedup.add(posting)
                ...create it...
    """

    def __init__(self, existing: Iterable[Sequence[Any]] = (), *,
                 threshold: int = FUZZY_THRESHOLD):
        self.threshold = threshold
        self._by_url: dict[str, list[_Entry]] = {}
        # company key -> normalised title -> the jobs stored under them
        self._by_company: dict[str, dict[str, _Openings]] = {}
        # (company key, level words) -> the distinct titles filed there, tokens sorted (so plain fuzz.ratio
        # equals token_sort_ratio without re-sorting every choice), and the titles as normalised
        self._sorted_titles: dict[tuple[str, frozenset[str]], list[str]] = {}
        self._titles: dict[tuple[str, frozenset[str]], list[str]] = {}
        self._count = 0
        for row in existing:
            job_id, url, company, title, location = row[:5]
            self._add(url, company, title, _with_mode(location, row[5] if len(row) > 5 else ""), job_id)

    def __len__(self) -> int:
        return self._count

    def seen(self, posting: Any) -> Any:
        return self.match(_get(posting, "url"), _get(posting, "company"), _get(posting, "title"),
                          _get(posting, "location"), _get(posting, "remote_option"))

    def match(self, url: str | None, company: str | None, title: str | None, location: str | None,
              remote_option: str | None = "") -> Any:
        """:meth:`seen` with the fields given separately."""
        location = _with_mode(location, remote_option)
        this_title = normalize_title(title, location)
        canon = canonical_url(url)
        if canon:
            for entry in self._by_url.get(canon, ()):
                if (not entry.title or not this_title or titles_compatible(entry.title, this_title, self.threshold)) \
                        and locations_compatible(entry.location, location):
                    return entry.value
        if not this_title:
            return None
        keys = company_keys(company).lookup
        for key in keys:
            openings = self._by_company.get(key, {}).get(this_title)
            if openings is not None and (found := openings.find(location)) is not None:
                return found
        levels, query = _levels(this_title), _sorted_tokens(this_title)
        for key in keys:
            choices = self._sorted_titles.get((key, levels))
            if not choices:
                continue
            candidates = process.extract(query, choices, scorer=fuzz.ratio, score_cutoff=self.threshold, limit=10)
            for _matched, _score, index in candidates:
                known = self._titles[(key, levels)][index]
                if not _compatible(this_title, known):
                    continue
                if (found := self._by_company[key][known].find(location)) is not None:
                    return found
        return None

    def add(self, posting: Any, job_id: Any = None) -> None:
        """Remember ``posting`` so later duplicates (in this batch too) are recognised.
        ``job_id`` defaults to the posting's ``id`` attribute/key if it has one."""
        if job_id is None:
            job_id = _get(posting, "id", None)
        self._add(_get(posting, "url"), _get(posting, "company"), _get(posting, "title"),
                  _with_mode(_get(posting, "location"), _get(posting, "remote_option")), job_id)

    def _add(self, url: str | None, company: str | None, title: str | None, location: str | None,
             job_id: Any) -> None:
        self._count += 1
        location = location or ""
        entry = _Entry(True if job_id is None else job_id, normalize_title(title, location), location)
        canon = canonical_url(url)
        if canon:
            self._by_url.setdefault(canon, []).append(entry)
        if not entry.title:
            return
        levels = _levels(entry.title)
        for key in company_keys(company).own:
            titles = self._by_company.setdefault(key, {})
            if entry.title not in titles:
                titles[entry.title] = _Openings()
                self._sorted_titles.setdefault((key, levels), []).append(_sorted_tokens(entry.title))
                self._titles.setdefault((key, levels), []).append(entry.title)
            titles[entry.title].add(entry)
