from allauth.account.models import EmailAddress
from django.core import mail

from copilot.accounts.models import Profile, User
from tests.factories import PASSWORD, make_user


def test_landing_is_public_and_dashboard_is_not(client, db):
    assert client.get("/").status_code == 200
    assert client.get("/dashboard/").status_code == 302


def test_signed_in_visitors_of_the_landing_page_go_to_the_dashboard(alice_client):
    assert alice_client.get("/")["Location"] == "/dashboard/"


def test_sign_up_creates_a_user_with_an_empty_profile(client, db):
    response = client.post(
        "/accounts/signup/",
        {"email": "new@example.com", "username": "newbie", "password1": "a-good-long-passphrase",
         "password2": "a-good-long-passphrase"},
    )
    assert response.status_code == 302
    user = User.objects.get(username="newbie")
    assert Profile.objects.get(user=user).is_empty


def test_log_in_with_username_or_email(client, db):
    make_user("carol")
    assert client.post("/accounts/login/", {"login": "carol", "password": PASSWORD}).status_code == 302
    client.logout()
    assert client.post("/accounts/login/", {"login": "carol@example.com", "password": PASSWORD}).status_code == 302


def test_log_out_needs_a_post(alice_client):
    alice_client.post("/accounts/logout/")
    assert alice_client.get("/dashboard/").status_code == 302


def test_password_reset_sends_an_email(client, alice):
    EmailAddress.objects.create(user=alice, email=alice.email, verified=True, primary=True)
    response = client.post("/accounts/password/reset/", {"email": alice.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_login_is_refused_after_five_failures_even_with_the_right_password(client, alice):
    for _ in range(5):  # ACCOUNT_RATE_LIMITS["login_failed"]: 5 per 5 minutes for one login
        response = client.post("/accounts/login/", {"login": "alice", "password": "wrong"})
        assert response.status_code == 200 and b"Too many failed login attempts" not in response.content
    last = client.post("/accounts/login/", {"login": "alice", "password": PASSWORD})
    assert last.status_code == 200
    assert b"Too many failed login attempts" in last.content
    assert not last.wsgi_request.user.is_authenticated


def test_admin_login_goes_through_the_app_login(client, db):
    response = client.get("/admin/")
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert response["Location"].startswith("/accounts/login/")


def test_admin_lists_users_for_staff(client, db):
    admin = User.objects.create_superuser("root", "root@example.com", PASSWORD)
    make_user("dave")
    client.force_login(admin)
    response = client.get("/admin/accounts/user/?q=dave")
    assert response.status_code == 200
    assert b"dave@example.com" in response.content
    assert client.get("/admin/accounts/profile/").status_code == 200
