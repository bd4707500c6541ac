import pytest

from copilot.accounts.models import Profile
from tests.factories import make_user


def test_a_new_user_starts_with_an_empty_profile(db):
    user = make_user()
    assert user.profile.is_empty
    assert user.profile.skills == [] and user.profile.timezone == "UTC"


def test_settings_page_needs_login(client, db):
    response = client.get("/settings/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_settings_page_shows_the_profile(alice_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response = alice_client.get("/settings/")
    assert response.status_code == 200
    assert "Python, Django, PostgreSQL" in response.content.decode()


def test_saving_the_profile_canonicalises_skills_and_splits_lists(alice_client, alice):
    response = alice_client.post(
        "/settings/",
        {
            "skills": "js, Postgres, k8s, python, My Own Skill",
            "experience_level": "mid",
            "target_roles": "Backend Engineer; Platform Engineer",
            "preferred_locations": "Berlin, Germany; Remote - EU",
            "remote_preference": "remote",
            "timezone": "Asia/Tokyo",
            "morning_digest": "on",
            "morning_hour": "7",
            "evening_hour": "21",
        },
    )
    assert response.status_code == 302
    profile = Profile.objects.get(user=alice)
    assert profile.skills == ["JavaScript", "PostgreSQL", "Kubernetes", "Python", "My Own Skill"]
    assert profile.preferred_locations == ["Berlin, Germany", "Remote - EU"]
    assert profile.target_roles == ["Backend Engineer", "Platform Engineer"]
    assert (profile.timezone, profile.morning_hour, profile.evening_digest) == ("Asia/Tokyo", 7, False)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("timezone", "Mars/Olympus", "not a known time zone"),
        ("experience_level", "wizard", "Select a valid choice"),
        ("morning_hour", "25", "less than or equal to 23"),
        ("evening_hour", "-1", "greater than or equal to 0"),
        ("skills", "Python\x00", "control characters"),
    ],
)
def test_bad_input_is_shown_next_to_the_field_and_nothing_is_saved(alice_client, alice, field, value, message):
    data = {"skills": "Rust", "timezone": "UTC", "morning_hour": "8", "evening_hour": "20", "remote_preference": "any",
            "experience_level": "junior"}
    data[field] = value
    response = alice_client.post("/settings/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "Nothing was saved" in html
    profile = Profile.objects.get(user=alice)
    assert profile.skills == ["Python", "Django", "PostgreSQL"]
    assert profile.experience_level == "senior"


def test_resetting_the_calendar_token_changes_it(alice_client, alice):
    old = alice.profile.calendar_token
    assert alice_client.post("/settings/calendar-token/reset/").status_code == 302
    alice.profile.refresh_from_db()
    assert alice.profile.calendar_token != old
    assert alice_client.get("/settings/calendar-token/reset/").status_code == 405


def _profile_data(**changes) -> dict[str, str]:
    data = {"skills": "Python", "timezone": "UTC", "morning_hour": "8", "evening_hour": "20",
            "remote_preference": "any", "experience_level": "senior", "preferred_locations": ""}
    data.update(changes)
    return data


def test_a_place_that_is_not_understood_is_refused_naming_the_entry(alice_client, alice):
    response = alice_client.post("/settings/", _profile_data(preferred_locations="Berlin; Xqzzyville Flats"))
    assert response.status_code == 400
    errors = response.content.decode().split('id="id_preferred_locations_error">')[1].split("</div>")[0]
    assert "recognise “Xqzzyville Flats” as a place" in errors
    assert "“Berlin”" not in errors  # only the entry that was not understood is named
    assert Profile.objects.get(user=alice).preferred_locations == ["Berlin, Germany"]


@pytest.mark.parametrize("entries", ["Warszawa; Portland, OR", "Deutschland", "Remote - EU; DACH", "Anywhere",
                                     "München, Bayern"])
def test_places_in_local_names_codes_regions_and_remote_are_accepted(alice_client, alice, entries):
    response = alice_client.post("/settings/", _profile_data(preferred_locations=entries))
    assert response.status_code == 302
    assert Profile.objects.get(user=alice).preferred_locations == [e.strip() for e in entries.split(";")]


def test_the_settings_page_shows_how_each_place_was_understood(alice_client, alice):
    alice.profile.preferred_locations = ["Warszawa", "Portland, OR", "Remote - EU", "Xqzzyville Flats"]
    alice.profile.save()
    html = alice_client.get("/settings/").content.decode()
    assert "How we read your preferred locations" in html
    assert "“Warszawa” → <strong>Warsaw, Poland</strong>" in html
    assert "“Portland, OR” → <strong>Portland, OR, United States</strong>" in html
    assert "“Remote - EU” → <strong>Remote (EU)</strong>" in html
    assert "“Xqzzyville Flats” → <span class=\"error-text\">not recognised as a place" in html


def test_a_manager_level_can_be_chosen(alice_client, alice):
    assert alice_client.post("/settings/", _profile_data(experience_level="manager")).status_code == 302
    assert Profile.objects.get(user=alice).experience_level == "manager"
    assert "pick Manager if you lead people" in alice_client.get("/settings/").content.decode()


SETTINGS_FORM = {"remote_preference": "any", "timezone": "Europe/Berlin", "morning_hour": "8", "evening_hour": "20"}


def test_the_user_sets_when_closed_jobs_are_archived(alice_client, alice):
    assert Profile.objects.get(user=alice).archive_closed_after_days == 30  # the default
    response = alice_client.post("/settings/", {**SETTINGS_FORM, "archive_closed_after_days": "14"})
    assert response.status_code == 302
    assert Profile.objects.get(user=alice).archive_closed_after_days == 14
    assert "Archive closed jobs after (days)" in alice_client.get("/settings/").content.decode()


@pytest.mark.parametrize("value", ["0", "366", "-3", "soon"])
def test_an_archive_period_outside_a_day_to_a_year_is_refused(alice_client, alice, value):
    response = alice_client.post("/settings/", {**SETTINGS_FORM, "archive_closed_after_days": value})
    assert response.status_code == 400
    assert Profile.objects.get(user=alice).archive_closed_after_days == 30


def test_an_empty_archive_period_keeps_the_one_set(alice_client, alice):
    Profile.objects.filter(user=alice).update(archive_closed_after_days=10)
    alice_client.post("/settings/", {**SETTINGS_FORM, "archive_closed_after_days": ""})
    assert Profile.objects.get(user=alice).archive_closed_after_days == 10
