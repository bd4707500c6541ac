"""Normalisation shared by the job-board plugins: dates, locations, remote flags,
job types, descriptions, the skills a posting asks for. Everything here is pure: no database, no network."""

from __future__ import annotations

import html
import logging
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from django.conf import settings

from copilot.weburl import is_web_url
from jobs.choices import RemoteOption
from jobs.locations import split_mode
from jobs.sanitize import clean_html, decode_entities, html_to_text
from jobs.skills import PostingSkills, extract_skills, is_soft_skill, read_posting

logger = logging.getLogger("jobs.sources")

# --------------------------------------------------------------------------- settings


def get_setting(name: str, default: Any = None) -> Any:
    """``django.conf.settings.<name>`` once Django's settings are loaded, else ``default``."""
    if not settings.configured:
        return default
    return getattr(settings, name, default)


def get_config(name: str, default: str = "") -> str:
    """A string from Django settings first, then ``os.environ``."""
    value = get_setting(name, None)
    if value in (None, ""):
        value = os.environ.get(name, default)
    return str(value or "").strip()


# --------------------------------------------------------------------------- dates

_EPOCH_MS_THRESHOLD = 100_000_000_000  # above this an epoch is in milliseconds (year 5138 in seconds)


def parse_datetime(value: Any) -> datetime | None:
    """Any board date to an aware UTC datetime, or None.

    Accepts epoch seconds or milliseconds (int/float/digit string), ISO 8601 strings with
    ``Z`` or offsets, naive ISO strings (taken as UTC), date-only strings (midnight UTC),
    RFC 2822 strings, and date/datetime objects."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    dt: datetime | None
    if isinstance(value, datetime):
        dt = value
    elif isinstance(value, date):
        dt = datetime(value.year, value.month, value.day)
    elif isinstance(value, (int, float)):
        return _from_epoch(float(value))
    elif isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        if re.fullmatch(r"-?\d+(?:\.\d+)?", text):
            return _from_epoch(float(text))
        dt = _parse_iso(text)
        if dt is None:
            try:
                dt = parsedate_to_datetime(text)
            except (TypeError, ValueError, IndexError):
                return None
    else:
        return None
    if dt.tzinfo is None or dt.tzinfo.utcoffset(dt) is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC)


def _from_epoch(number: float) -> datetime | None:
    if number <= 0:
        return None
    if number >= _EPOCH_MS_THRESHOLD:
        number /= 1000.0
    try:
        return datetime.fromtimestamp(number, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None


def _parse_iso(text: str) -> datetime | None:
    candidate = text
    if candidate.endswith(("z", "Z")):
        candidate = candidate[:-1] + "+00:00"
    candidate = candidate.replace(" ", "T", 1) if re.match(r"\d{4}-\d\d-\d\d \d", candidate) else candidate
    # Python wants at most 6 fractional digits; some APIs send 7 (.NET) or 9.
    candidate = re.sub(r"(\.\d{6})\d+", r"\1", candidate)
    # "+0000" -> "+00:00"
    candidate = re.sub(r"([+-]\d\d)(\d\d)$", r"\1:\2", candidate)
    try:
        return datetime.fromisoformat(candidate)
    except ValueError:
        pass
    try:
        return datetime.combine(date.fromisoformat(text[:10]), datetime.min.time()) if len(text) == 10 else None
    except ValueError:
        return None


# --------------------------------------------------------------------------- locations & remote

_HYBRID_RE = re.compile(r"\bhybrid\b", re.I)
# Titles are noisier than locations ("Distributed Systems Engineer"): only explicit words count.
_TITLE_REMOTE_RE = re.compile(r"\b(?:remote|work\s+from\s+home|wfh)\b", re.I)
# The most flexible mode a board's locations state wins: a job in "London" and "Remote (UK)" is remote.
_MODE_ORDER = {RemoteOption.REMOTE: 3, RemoteOption.HYBRID: 2, RemoteOption.ONSITE: 1, "": 0}


def clean_location(value: Any) -> tuple[str, str]:
    """Clean a board location (string, list of strings or dicts) into ``(location, hint)``.

    ``hint`` is "remote", "hybrid", "onsite" or "" as *stated in the location text*, read by
    :func:`jobs.locations.split_mode` (the one model of places). Work-mode words are removed
    from the location but the places and the remote scope are kept::

        "Remote - EU"                -> ("EU", "remote")
        "Anywhere"                   -> ("", "remote")
        "Berlin, Germany; Remote"    -> ("Berlin, Germany", "remote")
        ["London", "Remote (UK)"]    -> ("London; UK", "remote")
        "Hamburg, Berlin, Hybrid"    -> ("Hamburg, Berlin", "hybrid")
    """
    cleaned: list[str] = []
    seen: set[str] = set()
    hint = ""
    for raw in _flatten_locations(value):
        text, mode = split_mode(" ".join(decode_entities(raw).split()))
        if _MODE_ORDER.get(mode, 0) > _MODE_ORDER[hint]:
            hint = mode
        for part in text.split("; ") if text else ():
            if part.casefold() not in seen:
                seen.add(part.casefold())
                cleaned.append(part)
    return "; ".join(cleaned), hint


def _flatten_locations(value: Any) -> Iterable[str]:
    if value is None:
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for key in ("name", "location", "display_name", "text"):
            if isinstance(value.get(key), str):
                yield value[key]
                return
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _flatten_locations(item)


_WORKPLACE_WORDS = {
    RemoteOption.REMOTE: ("remote", "fullyremote", "remoteonly", "anywhere", "distributed"),
    RemoteOption.HYBRID: ("hybrid", "flexible", "remotefriendly"),
    RemoteOption.ONSITE: ("onsite", "inoffice", "office", "inperson", "onpremise"),
}
_WORKPLACE_MAP = {word: option for option, words in _WORKPLACE_WORDS.items() for word in words}


def map_workplace(value: Any) -> str:
    """A board's workplace field ("Remote", "OnSite", "on-site", "hybrid", "unspecified") to our option."""
    if not isinstance(value, str):
        return ""
    key = re.sub(r"[^a-z]", "", value.lower())
    return _WORKPLACE_MAP.get(key, "")


def resolve_remote(*, workplace: Any = None, is_remote: Any = None, location_hint: str = "",
                   title: str = "") -> str:
    """Pick the remote option: explicit workplace field > remote flag > location text > title."""
    option = map_workplace(workplace)
    if option:
        return option
    if is_remote is True:
        return RemoteOption.REMOTE
    if location_hint:
        return location_hint
    if title:
        if _HYBRID_RE.search(title):
            return RemoteOption.HYBRID
        if _TITLE_REMOTE_RE.search(title):
            return RemoteOption.REMOTE
    return ""


# --------------------------------------------------------------------------- job types

_JOB_TYPE_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("internship", re.compile(r"\b(?:intern|interns|internship|praktikum|praktikant\w*|trainee|apprentice\w*"
                              r"|ausbildung|co-?op)\b", re.I)),
    ("part_time", re.compile(r"\b(?:part[\s_-]?time|parttime|teilzeit|minijob|half[\s_-]?time|werkstudent\w*"
                            r"|working\s+student)\b", re.I)),
    ("contract", re.compile(r"\b(?:contract|contractor|freelance\w*|freiberuf\w*|consultant\s+contract"
                            r"|self[\s_-]?employed|b2b|1099|c2c|corp[\s-]to[\s-]corp)\b", re.I)),
    ("temporary", re.compile(r"\b(?:temporary|temp|seasonal|fixed[\s_-]?term|befristet|interim|zeitarbeit"
                             r"|aushilfe)\b", re.I)),
    ("full_time", re.compile(r"\b(?:full[\s_-]?time|fulltime|permanent|vollzeit|festanstellung|unbefristet"
                             r"|regular|salaried|cdi)\b", re.I)),
]


def map_job_type(*values: Any) -> str:
    """The first recognisable job type among ``values`` (strings or lists of strings).

    ``map_job_type("FullTime")``, ``map_job_type(["Vollzeit"])``, ``map_job_type("Permanent")`` ->
    "full_time"; Adzuna's ``("contract", "full_time")`` -> "contract" (first value wins)."""
    for value in values:
        items = value if isinstance(value, (list, tuple)) else [value]
        for item in items:
            if not isinstance(item, str) or not item.strip():
                continue
            text = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", item.strip())  # "FullTime" -> "Full Time"
            for job_type, pattern in _JOB_TYPE_RULES:
                if pattern.search(text):
                    return job_type
    return ""


# --------------------------------------------------------------------------- text

_ENCODED_TAG = re.compile(r"&(?:amp;)*lt;\s*/?\s*[a-zA-Z][a-zA-Z0-9]*(?:\s|&(?:amp;)*gt;|/)")
_REAL_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9]*[\s/>]")


def looks_entity_encoded(value: str) -> bool:
    """True when the HTML itself arrived escaped ("&lt;p&gt;...") rather than as markup."""
    encoded = len(_ENCODED_TAG.findall(value))
    return encoded > 0 and encoded >= len(_REAL_TAG.findall(value))


def description(value: Any, *, encoded: bool | None = None) -> tuple[str, str]:
    """``(sanitised_html, plain_text)`` of a board description.

    ``encoded=True`` always decodes entities first (Greenhouse: the HTML is escaped, and its
    own entities are escaped again, so ``&amp;nbsp;`` needs two rounds); ``None`` decodes only
    when the value looks escaped (Arbeitnow mixes both)."""
    if not isinstance(value, str) or not value.strip():
        return "", ""
    if encoded is None:
        encoded = looks_entity_encoded(value)
    if encoded:
        value = decode_entities(value)
    cleaned = clean_html(value)
    return cleaned, html_to_text(cleaned)


def text_to_html(text: str) -> str:
    """Plain text (Lever's ``descriptionPlain``, Ashby's ``descriptionPlain``) as safe paragraphs."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text or "") if p.strip()]
    return "".join(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)


_MOJIBAKE = re.compile(r"[\u00c2-\u00f4][\u0080-\u00bf]{1,3}")


def fix_mojibake(value: str) -> str:
    """Repair UTF-8 that was decoded as Latin-1 once more ("youâ\\x80\\x99ll" -> "you’ll").

    Only sequences that decode cleanly as UTF-8 are replaced, so real text is left alone."""
    if not value or not _MOJIBAKE.search(value):
        return value

    def repair(match: re.Match[str]) -> str:
        chunk = match.group(0)
        try:
            return chunk.encode("latin-1").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return chunk

    return _MOJIBAKE.sub(repair, value)


def clean_text(value: Any) -> str:
    """A short one-line field (title, company): entities decoded, tags dropped, spaces collapsed."""
    if value is None:
        return ""
    if not isinstance(value, str):
        value = str(value)
    value = decode_entities(value)
    if "<" in value:
        value = html_to_text(value)
    value = unicodedata.normalize("NFC", value)
    return " ".join(value.split())


def title_from_token(token: str) -> str:
    """A company name guessed from a board token: "acme-robotics" -> "Acme Robotics"."""
    words = re.split(r"[-_.\s]+", token or "")
    return " ".join(w[:1].upper() + w[1:] for w in words if w)


# --------------------------------------------------------------------------- tech stack


def posting_skills(title: str, text: str, company: str = "", tags: Iterable[Any] = ()) -> PostingSkills:
    """What a posting asks of the candidate (``jobs.skills.read_posting``: required, nice to have, soft
    skills and languages), plus the board's tags that canonicalise to a known skill, counted as
    required unless the text already placed them."""
    skills = read_posting(title=title or "", text=text or "", company=company or "")
    placed = {name.casefold() for name in (*skills.required, *skills.preferred, *skills.soft)}
    required, soft = list(skills.required), list(skills.soft)
    for tag in tags or ():
        if isinstance(tag, str) and tag.strip():
            for name in extract_skills(tag.strip()):
                if name.casefold() not in placed:
                    placed.add(name.casefold())
                    (soft if is_soft_skill(name) else required).append(name)
    return PostingSkills(required=tuple(required), preferred=skills.preferred, soft=tuple(soft))


def first(mapping: Mapping[str, Any], *keys: str, default: Any = None) -> Any:
    """The first of ``keys`` whose value is not None/"" in ``mapping``."""
    for key in keys:
        value = mapping.get(key)
        if value not in (None, ""):
            return value
    return default


# --------------------------------------------------------------------------- links


def web_url(value: Any, *, source: str, external_id: Any) -> str:
    """The posting's link if it is an http(s) URL, else "" with a log line (a board answering
    ``javascript:`` or ``data:`` links is broken or hostile; the job is still worth keeping)."""
    url = value.strip() if isinstance(value, str) else ""
    if url and not is_web_url(url):
        logger.warning("%s: dropped a link that is not http(s) from posting %s", source, external_id,
                       extra={"source": source, "external_id": str(external_id)[:200],
                              "scheme": url.split(":", 1)[0][:20]})
        return ""
    return url
