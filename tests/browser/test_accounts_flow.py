import pytest

from copilot.accounts.models import Profile
from tests.browser.conftest import log_in
from tests.factories import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sign_up_then_fill_the_profile(page):
    page.goto("/")
    page.click("text=Create a free account")
    page.fill("input[name=email]", "erin@example.com")
    page.fill("input[name=username]", "erin")
    page.fill("input[name=password1]", "a-good-long-passphrase")
    page.fill("input[name=password2]", "a-good-long-passphrase")
    page.click("button[type=submit]")
    page.wait_for_url("**/dashboard/")
    assert page.locator("text=Start with your profile").is_visible()

    page.click("text=Complete your profile")
    page.fill("input[name=skills]", "python, postgres, k8s")
    page.fill("input[name=timezone]", "Asia/Tokyo")
    page.click("text=Save profile")
    assert page.locator(".message.success").inner_text() == "Your profile was saved."
    profile = Profile.objects.get(user__username="erin")
    assert profile.skills == ["Python", "PostgreSQL", "Kubernetes"]
    assert not page.console_errors, page.console_errors


def test_bad_profile_input_is_shown_by_the_field(page):
    make_user("frank")
    log_in(page, "frank", PASSWORD)
    page.goto("/settings/")
    page.fill("input[name=timezone]", "Nowhere/Land")
    page.click("text=Save profile")
    assert "not a known time zone" in page.locator(".has-error").inner_text()
    assert Profile.objects.get(user__username="frank").timezone == "UTC"


def test_the_phone_menu_opens(page):
    make_user("gina")
    log_in(page, "gina", PASSWORD)
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto("/dashboard/")
    assert not page.locator("nav.nav >> text=Settings").is_visible()
    page.click("label.nav-toggle-label")
    assert page.locator("nav.nav >> text=Settings").is_visible()


def test_skill_suggestions_complete_the_last_entry(page):
    make_user("kira")
    log_in(page, "kira", PASSWORD)
    page.goto("/settings/")
    page.fill("input[name=skills]", "Python, Dja")
    page.dispatch_event("input[name=skills]", "input")
    options = page.eval_on_selector_all("#skill-suggestions option", "els => els.map(e => e.value)")
    assert "Python, Django" in options
    assert all(option.startswith("Python, ") for option in options)
