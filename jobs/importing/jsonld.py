"""Read a job posting page (a URL the user pasted) into a :class:`PostingDraft`.

Most job boards and ATS pages embed schema.org ``JobPosting`` data as
``<script type="application/ld+json">`` for search engines; we read that first. Pages
without it fall back to Open Graph / ``<meta>`` tags and ``<title>``. Nothing here raises
on odd input: whatever could not be filled is listed in ``PostingDraft.notes`` so the user
can complete the form.

Importing this module does not import Django.
"""

from __future__ import annotations

import dataclasses
import html as html_lib
import json
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from html.parser import HTMLParser
from typing import Any

from copilot.http import FetchError, fetch
from jobs.salary import board_salary, format_salary
from jobs.sanitize import clean_html, decode_entities, html_to_text
from jobs.skills import read_posting


# The notes are shown on the review page, in the page's language. Django is imported only when one is
# written (importing this module does not), and without configured settings the English stays.
def _(message: str) -> str:
    try:
        from django.utils.translation import gettext

        return gettext(message)
    except Exception:  # Django absent or not configured
        return message


def ngettext(singular: str, plural: str, count: int) -> str:
    try:
        from django.utils.translation import ngettext as django_ngettext

        return django_ngettext(singular, plural, count)
    except Exception:  # Django absent or not configured
        return singular if count == 1 else plural


def gettext_noop(message: str) -> str:
    return message

__all__ = ["PostingDraft", "fetch_posting", "parse_job_posting", "read_draft_skills"]

@dataclass
class PostingDraft:
    title: str = ""
    company: str = ""
    location: str = ""
    remote_option: str = ""  # "remote" | "hybrid" | "onsite" | ""
    job_type: str = ""  # "full_time" | "part_time" | "contract" | "internship" | "temporary" | ""
    description_html: str = ""  # sanitised
    salary_text: str = ""  # "$120,000 – $150,000 per year" (jobs.salary.format_salary)
    salary_min: Decimal | None = None
    salary_max: Decimal | None = None
    salary_currency: str = ""
    salary_period: str = ""  # "year" | "month" | "week" | "day" | "hour" | ""
    posted_date: date | None = None
    external_id: str = ""
    url: str = ""
    requirements: str = ""  # JobPosting qualifications, skills and experienceRequirements, one per line
    responsibilities: str = ""  # JobPosting responsibilities (read with the description, not stored)
    # What the posting asks of the candidate (jobs.skills.read_posting), shown in the form to check.
    tech_stack: list[str] = field(default_factory=list)
    preferred_stack: list[str] = field(default_factory=list)
    soft_skills: list[str] = field(default_factory=list)
    found_structured_data: bool = False
    notes: list[str] = field(default_factory=list)
    company_note: str = ""  # the note saying the company was guessed from the site name (also in ``notes``)

    def to_json(self) -> dict[str, Any]:
        """A JSON-able dict (a worker stores it for the page that waits): amounts and dates as text."""
        data = dataclasses.asdict(self)
        for name in ("salary_min", "salary_max", "posted_date"):
            data[name] = str(data[name]) if data[name] is not None else None
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PostingDraft:
        known = {f.name for f in dataclasses.fields(cls)}
        values = {name: value for name, value in data.items() if name in known}
        for name in ("salary_min", "salary_max"):
            values[name] = Decimal(values[name]) if values.get(name) else None
        values["posted_date"] = date.fromisoformat(values["posted_date"]) if values.get("posted_date") else None
        return cls(**values)


# --------------------------------------------------------------------------- HTML scanning


class _PageScanner(HTMLParser):
    """Collects JSON-LD script bodies, <meta> tags and the document <title>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.json_ld: list[str] = []
        self.meta: dict[str, str] = {}
        self.title = ""
        self._script: list[str] | None = None
        self._title: list[str] | None = None
        self._svg_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name.lower(): (value or "") for name, value in attrs}
        if tag == "svg":
            self._svg_depth += 1
        elif tag == "script":
            kind = attributes.get("type", "").split(";")[0].strip().lower()
            self._script = [] if kind == "application/ld+json" else None
        elif tag == "title" and not self._svg_depth and not self.title and self._title is None:
            self._title = []
        elif tag == "meta":
            key = (attributes.get("property") or attributes.get("name") or attributes.get("itemprop") or "").lower()
            content = attributes.get("content", "").strip()
            if key and content and key not in self.meta:
                self.meta[key] = content

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg" and self._svg_depth:
            self._svg_depth -= 1
        elif tag == "script" and self._script is not None:
            self.json_ld.append("".join(self._script))
            self._script = None
        elif tag == "title" and self._title is not None:
            self.title = " ".join("".join(self._title).split())
            self._title = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)
        elif self._title is not None:
            self._title.append(data)


def _scan(page: str) -> _PageScanner:
    scanner = _PageScanner()
    try:
        scanner.feed(page)
        if scanner._script is not None:  # JSON-LD block cut off at the end of the document
            scanner.json_ld.append("".join(scanner._script) + scanner.rawdata)
            scanner._script = None
        else:
            scanner.close()
    except (AssertionError, ValueError):  # very broken markup: keep what was collected
        pass
    return scanner


# --------------------------------------------------------------------------- JSON-LD


_WRAPPERS = re.compile(r"^\s*(?:<!--|//\s*<!\[CDATA\[|<!\[CDATA\[)|(?:-->|//\s*\]\]>|\]\]>)\s*$")
_TRAILING_COMMA = re.compile(r",\s*([}\]])")


def _load_block(text: str) -> Any:
    text = _WRAPPERS.sub("", text.strip()).strip()
    if not text:
        raise ValueError("empty block")
    try:
        return json.loads(text, strict=False)  # strict=False: raw newlines inside strings
    except ValueError:
        return json.loads(_TRAILING_COMMA.sub(r"\1", text), strict=False)


def _types(node: dict[str, Any]) -> set[str]:
    raw = node.get("@type", [])
    values = raw if isinstance(raw, list) else [raw]
    # "JobPosting", "schema:JobPosting", "http://schema.org/JobPosting"
    return {re.split(r"[/:#]", v)[-1].lower() for v in values if isinstance(v, str)}


def _find_postings(data: Any, found: list[dict[str, Any]], depth: int = 0) -> None:
    """Depth-first search for JobPosting nodes: top level, lists, @graph, mainEntity..."""
    if depth > 8 or len(found) > 20:
        return
    if isinstance(data, list):
        for item in data:
            _find_postings(item, found, depth + 1)
    elif isinstance(data, dict):
        if "jobposting" in _types(data):
            found.append(data)
            return
        for key, value in data.items():
            if key != "@context" and isinstance(value, (dict, list)):
                _find_postings(value, found, depth + 1)


# --------------------------------------------------------------------------- value helpers


def _first(value: Any) -> Any:
    if isinstance(value, list):
        for item in value:
            if item not in (None, "", [], {}):
                return item
        return None
    return value


def _plain(value: Any) -> str:
    """A one-line plain-text string out of a JSON-LD value (string, number, @value, name)."""
    value = _first(value)
    if isinstance(value, dict):
        value = value.get("@value", value.get("name", ""))
        value = _first(value)
    if isinstance(value, bool) or value is None or isinstance(value, (dict, list)):
        return ""
    if isinstance(value, (int, float)):
        value = str(value)
    text = html_to_text(decode_entities(str(value)))
    return " ".join(text.split())


def _decimal(value: Any) -> Decimal | None:
    value = _first(value)
    if isinstance(value, dict):
        value = value.get("@value")
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        text = repr(value) if isinstance(value, float) else str(value)
    elif isinstance(value, str):
        text = re.sub(r"[\s,_'$€£]", "", value)
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", text):  # "70.000": European thousands
            text = text.replace(".", "")
    else:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    if not number.is_finite() or number < 0:
        return None
    return number.quantize(Decimal(1)) if number == number.to_integral_value() else number.normalize()


_EMPLOYMENT_TYPES = {
    "FULL_TIME": "full_time", "FULLTIME": "full_time", "PERMANENT": "full_time",
    "PART_TIME": "part_time", "PARTTIME": "part_time",
    "CONTRACTOR": "contract", "CONTRACT": "contract", "FREELANCE": "contract", "FREELANCER": "contract",
    "INTERN": "internship", "INTERNSHIP": "internship", "TRAINEE": "internship",
    "TEMPORARY": "temporary", "TEMP": "temporary", "SEASONAL": "temporary", "PER_DIEM": "temporary",
}
_PERIOD_UNITS = {
    "HOUR": "hour", "HOURLY": "hour", "HR": "hour",
    "DAY": "day", "DAILY": "day",
    "WEEK": "week", "WEEKLY": "week",
    "MONTH": "month", "MONTHLY": "month",
    "YEAR": "year", "YEARLY": "year", "ANNUAL": "year", "ANNUALLY": "year", "ANN": "year",
}


def _employment_type(value: Any) -> tuple[str, str]:
    """(job_type, raw text) — the first recognised employmentType wins."""
    values = value if isinstance(value, list) else [value]
    raw = []
    for item in values:
        text = _plain(item)
        if not text:
            continue
        raw.append(text)
        key = re.sub(r"[\s-]+", "_", text.strip().upper())
        if key in _EMPLOYMENT_TYPES:
            return _EMPLOYMENT_TYPES[key], text
    return "", ", ".join(raw)


def _organization(value: Any) -> str:
    value = _first(value)
    if isinstance(value, dict):
        return _plain(value.get("name") or value.get("legalName") or "")
    return _plain(value)


def _address(value: Any) -> str:
    value = _first(value)
    if isinstance(value, str):
        return _plain(value)
    if not isinstance(value, dict):
        return ""
    parts: list[str] = []
    for key in ("addressLocality", "addressRegion", "addressCountry"):
        part = _plain(value.get(key))
        if part and part.lower() not in (p.lower() for p in parts):
            parts.append(part)
    if not parts:
        parts = [p for p in (_plain(value.get("streetAddress")), _plain(value.get("name"))) if p]
    return ", ".join(parts)


def _locations(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    out: list[str] = []
    for item in items:
        text = (_address(item.get("address")) or _plain(item.get("name"))) if isinstance(item, dict) else _plain(item)
        if text and text not in out:
            out.append(text)
    return out


def _applicant_locations(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    out: list[str] = []
    for item in items:
        text = _plain(item.get("name")) if isinstance(item, dict) else _plain(item)
        if text and text not in out:
            out.append(text)
    return out


def _iso_date(value: Any) -> date | None:
    text = _plain(value)
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def _identifier(value: Any) -> str:
    value = _first(value)
    if isinstance(value, dict):
        return _plain(value.get("value") or value.get("@value") or value.get("name") or "")
    return _plain(value)


def _salary(node: dict[str, Any], draft: PostingDraft) -> bool:
    amount = _first(node.get("baseSalary"))
    estimated = False
    if amount in (None, "", {}):
        amount = _first(node.get("estimatedSalary"))
        estimated = amount not in (None, "", {})
    if amount in (None, "", {}):
        return False
    if isinstance(amount, str):  # free text such as "$100k - $120k DOE": read it; prose is not a salary
        text, salary = board_salary(_plain(amount))
        if not salary:
            draft.notes.append(_("The page's salary field states no pay (“%(text)s”); it was left out.")
                               % {"text": _plain(amount)[:80]})
            return False
        draft.salary_text = text
        draft.salary_min, draft.salary_max = salary.min, salary.max
        draft.salary_currency, draft.salary_period = salary.currency, salary.period
        return True
    currency = ""
    value: Any = amount
    if isinstance(amount, dict):
        currency = _plain(amount.get("currency") or amount.get("salaryCurrency") or "")
        value = amount.get("value", amount)
    currency = currency or _plain(node.get("salaryCurrency"))
    value = _first(value)
    unit = ""
    if isinstance(value, dict):
        low = _decimal(value.get("minValue"))
        high = _decimal(value.get("maxValue"))
        single = _decimal(value.get("value") if "value" in value else value.get("median"))
        unit = _plain(value.get("unitText"))
    else:
        low = high = None
        single = _decimal(value)
    if isinstance(amount, dict) and not unit:
        unit = _plain(amount.get("unitText"))
    if low is None and high is None and single is not None:
        low = high = single
    if low is None and high is None:
        return False
    if low is not None and high is not None and low > high:
        low, high = high, low
    draft.salary_min, draft.salary_max = low, high
    draft.salary_currency = currency.upper()[:3] if re.fullmatch(r"[A-Za-z]{3}", currency) else ""
    draft.salary_period = _PERIOD_UNITS.get(unit.upper().replace(" ", ""), "")
    draft.salary_text = format_salary(low, high, draft.salary_currency, draft.salary_period)
    if estimated:
        draft.notes.append(_("The salary is the site's estimate, not stated by the employer."))
    if unit and not draft.salary_period:
        draft.notes.append(_("Salary period %(unit)s was not understood.") % {"unit": repr(unit)})
    return True


_WORKPLACE_WORDS = {
    "hybrid": r"hybrid",
    "remote": r"(?:fully\s+|100%\s+)?(?:remote(?:[- ]first)?|work from home|wfh|telecommute|telework)",
    "onsite": r"(?:on[- ]?site|in[- ]office|office[- ]based)",
}
# In a location any mention counts; in a title only a tag such as "(Remote)", "- Hybrid",
# "| On-site", so that "Hybrid Cloud Engineer" or "Remote Sensing Analyst" are not misread.
_IN_LOCATION = {k: re.compile(rf"\b{v}\b", re.I) for k, v in _WORKPLACE_WORDS.items()}
_IN_TITLE = {
    k: re.compile(rf"(?:[(\[|/,:]\s*|\s[-–—]\s*){v}\b|\b{v}\s*(?:[)\]|]|\s[-–—]\s)", re.I)
    for k, v in _WORKPLACE_WORDS.items()
}


def _remote_option(node: dict[str, Any], draft: PostingDraft) -> str:
    kinds = node.get("jobLocationType")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    telecommute = any(isinstance(k, str) and k.strip().upper() == "TELECOMMUTE" for k in kinds)

    def says(option: str) -> bool:
        return bool(_IN_LOCATION[option].search(draft.location) or _IN_TITLE[option].search(draft.title))

    if says("hybrid"):
        return "hybrid"
    if telecommute or says("remote"):
        return "remote"
    if says("onsite"):
        return "onsite"
    return ""


# --------------------------------------------------------------------------- parsing


def _from_posting(node: dict[str, Any], draft: PostingDraft) -> None:
    draft.title = _plain(node.get("title")) or _plain(node.get("name"))
    draft.company = _organization(node.get("hiringOrganization"))

    locations = _locations(node.get("jobLocation")) if node.get("jobLocation") else []
    applicant = _applicant_locations(node.get("applicantLocationRequirements"))
    if locations:
        draft.location = "; ".join(locations)
    elif applicant:
        draft.location = "; ".join(applicant)
    draft.remote_option = _remote_option(node, draft)
    if draft.remote_option == "remote" and not draft.location:
        draft.location = "Remote"

    job_type, raw_type = _employment_type(node.get("employmentType"))
    draft.job_type = job_type
    if raw_type and not job_type:
        draft.notes.append(_("Employment type %(type)s was not understood.") % {"type": repr(raw_type)})

    description = node.get("description")
    if isinstance(description, list):
        description = " ".join(d for d in description if isinstance(d, str))
    if isinstance(description, str):
        draft.description_html = clean_html(decode_entities(description))

    _salary(node, draft)
    draft.posted_date = _iso_date(node.get("datePosted"))
    draft.external_id = _identifier(node.get("identifier"))
    draft.requirements = "\n".join(
        line for key in ("qualifications", "skills", "experienceRequirements") for line in _lines(node.get(key)))
    draft.responsibilities = "\n".join(_lines(node.get("responsibilities")))


def _lines(value: Any) -> list[str]:
    """Plain-text lines of a JSON-LD text property: a string (HTML allowed), a list, or objects with a
    name or description (DefinedTerm, EducationalOccupationalCredential)."""
    values = value if isinstance(value, list) else [value]
    lines: list[str] = []
    for item in values[:50]:
        if isinstance(item, dict):
            item = item.get("name") or item.get("description") or item.get("@value") or ""
        if isinstance(item, str) and item.strip():
            lines.extend(line for line in html_to_text(decode_entities(item)).splitlines() if line.strip())
    return lines


def read_draft_skills(draft: PostingDraft) -> None:
    """Fill the draft's three skill lists the way a saved job would be read, so the form shows them."""
    parts = [html_to_text(draft.description_html)]
    if draft.responsibilities:
        parts.append(f"Responsibilities\n\n{draft.responsibilities}")
    if draft.requirements:
        parts.append(f"Requirements\n\n{draft.requirements}")
    skills = read_posting(title=draft.title, text="\n\n".join(parts), company=draft.company)
    draft.tech_stack, draft.preferred_stack = list(skills.required), list(skills.preferred)
    draft.soft_skills = list(skills.soft)


def _meta_text(scanner: _PageScanner, *keys: str) -> str:
    for key in keys:
        value = scanner.meta.get(key, "")
        if value:
            return " ".join(html_to_text(decode_entities(value)).split())
    return ""


def _strip_site_suffix(title: str, site: str) -> str:
    if site:
        for sep in (" | ", " - ", " – ", " — ", " :: "):
            suffix = f"{sep}{site}"
            if title.lower().endswith(suffix.lower()) and len(title) > len(suffix):
                return title[: -len(suffix)].strip()
    return title


def _fill_from_meta(scanner: _PageScanner, draft: PostingDraft, *, only_missing: bool) -> None:
    site = _meta_text(scanner, "og:site_name", "application-name")
    if not draft.title:
        title = _meta_text(scanner, "og:title", "twitter:title") or " ".join(
            html_to_text(decode_entities(scanner.title)).split()
        )
        draft.title = _strip_site_suffix(title, site)
        if only_missing and draft.title:
            draft.notes.append(_("The title came from the page's meta tags."))
    if not draft.description_html:
        text = _meta_text(scanner, "og:description", "description", "twitter:description")
        if text:
            draft.description_html = f"<p>{html_lib.escape(text, quote=False)}</p>"
            draft.notes.append(_("Only a short summary was found for the description; paste the full text."))
    if not only_missing and not draft.company and site:
        draft.company = site
        draft.company_note = _("The company was guessed from the site name (%(site)s); check it.") % {
            "site": repr(site)}
        draft.notes.append(draft.company_note)


_FIELD_LABELS = (
    ("title", gettext_noop("title")),
    ("company", gettext_noop("company")),
    ("location", gettext_noop("location")),
    ("job_type", gettext_noop("employment type")),
    ("description_html", gettext_noop("description")),
    ("salary_text", gettext_noop("salary")),
    ("posted_date", gettext_noop("posting date")),
)


def parse_job_posting(html: str, *, url: str) -> PostingDraft:
    """Read schema.org JobPosting JSON-LD (or meta tags as a fallback) from a page."""
    draft = PostingDraft(url=url)
    scanner = _scan(html or "")

    postings: list[dict[str, Any]] = []
    broken = 0
    for block in scanner.json_ld:
        if not block.strip():
            continue
        try:
            data = _load_block(block)
        except (ValueError, RecursionError):
            broken += 1
            continue
        _find_postings(data, postings)
    if broken:
        draft.notes.append(ngettext("%(count)d structured-data block on the page could not be read.",
                                    "%(count)d structured-data blocks on the page could not be read.",
                                    broken) % {"count": broken})

    if postings:
        draft.found_structured_data = True
        if len(postings) > 1:
            draft.notes.append(ngettext("The page describes %(count)d job; the first one was used.",
                                        "The page describes %(count)d jobs; the first one was used.",
                                        len(postings)) % {"count": len(postings)})
        try:
            _from_posting(postings[0], draft)
        except (TypeError, ValueError, AttributeError, InvalidOperation, RecursionError) as exc:
            draft.notes.append(_("Part of the structured data could not be read (%(error)s).")
                               % {"error": type(exc).__name__})
        _fill_from_meta(scanner, draft, only_missing=True)
    else:
        draft.notes.append(_(
            "No structured job data (schema.org JobPosting) was found; details were taken from the "
            "page's title and meta tags and need checking."
        ))
        _fill_from_meta(scanner, draft, only_missing=False)

    missing = [_(label) for attr, label in _FIELD_LABELS if not getattr(draft, attr)]
    if missing:
        draft.notes.append(_("Could not find: %(fields)s.") % {"fields": ", ".join(missing)})
    read_draft_skills(draft)
    return draft


# --------------------------------------------------------------------------- fetching


_HTML_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def _page_text(response: Any) -> str:
    """Decode with the header charset, else a <meta charset> near the top, else UTF-8."""
    if "charset=" not in response.headers.get("content-type", "").lower():
        match = _META_CHARSET.search(response.body[:4096])
        if match:
            try:
                return response.body.decode(match.group(1).decode("ascii"), errors="replace")
            except LookupError:
                pass
    return response.text()


def fetch_posting(url: str, *, deadline: float | None = None) -> PostingDraft:
    """Fetch a user-given posting URL (public addresses only) and parse it, within ``deadline``
    seconds overall (redirects, retries and a dripping body included).

    Raises :class:`copilot.http.FetchError` (or a subclass) with a readable message.
    """
    response = fetch(url, public_only=True, timeout=8, max_bytes=3_000_000, retries=1, deadline=deadline)
    content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type not in _HTML_TYPES:
        raise FetchError(f"{url} is not a web page (it is {content_type}); paste the job details instead")
    return parse_job_posting(_page_text(response), url=response.url)
