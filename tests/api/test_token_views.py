"""Settings → API tokens: made with a name and a scope, the secret shown once, listed with their last use,
revoked by their owner only."""

from __future__ import annotations

import io
import json
import zipfile

from django.utils import timezone

from api.models import ApiToken
from api.tokens import MAX_ACTIVE_TOKENS, create_token, find_active_token


def test_the_page_lists_the_users_tokens_with_their_last_use(alice_client, alice, bob, django_assert_max_num_queries):
    used = create_token(user=alice, name="Nightly export").token
    ApiToken.objects.filter(pk=used.pk).update(last_used_at=timezone.now())
    create_token(user=alice, name="Phone shortcut", scope="write")
    create_token(user=bob, name="Bob's robot")
    with django_assert_max_num_queries(8):
        response = alice_client.get("/settings/tokens/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Nightly export" in body and "Phone shortcut" in body and "Bob's robot" not in body
    assert "last used" in body and "never used" in body
    assert "Read only" in body and "Read and write" in body
    assert response["Cache-Control"].startswith("max-age=0")


def test_making_a_token_shows_its_secret_once(alice_client, alice):
    response = alice_client.post("/settings/tokens/", {"name": "  Laptop   script ", "scope": "write"})
    assert response.status_code == 200
    token = ApiToken.objects.get(user=alice)
    assert (token.name, token.scope) == ("Laptop script", "write")
    secret = response.context["new"].secret
    assert secret in response.content.decode()
    assert find_active_token(secret) == token
    assert "no-store" in response["Cache-Control"]
    assert secret not in alice_client.get("/settings/tokens/").content.decode()


def test_a_token_without_a_name_or_scope_is_refused_on_the_page(alice_client, alice):
    response = alice_client.post("/settings/tokens/", {"name": "  ", "scope": "admin"})
    assert response.status_code == 400
    form = response.context["form"]
    assert set(form.errors) == {"name", "scope"}
    assert not ApiToken.objects.exists()


def test_the_number_of_active_tokens_is_capped(alice_client, alice):
    for n in range(MAX_ACTIVE_TOKENS):
        create_token(user=alice, name=f"token {n}")
    response = alice_client.post("/settings/tokens/", {"name": "one more", "scope": "read"})
    assert response.status_code == 400
    assert "revoke one" in response.content.decode()
    assert ApiToken.objects.count() == MAX_ACTIVE_TOKENS


def test_revoking_stops_the_token_and_keeps_it_listed(alice_client, alice):
    new = create_token(user=alice, name="Old laptop")
    response = alice_client.post(f"/settings/tokens/{new.token.pk}/revoke/", follow=True)
    assert response.status_code == 200
    assert "no longer opens the API" in response.content.decode()
    assert find_active_token(new.secret) is None
    assert "Revoked" in alice_client.get("/settings/tokens/").content.decode()


def test_another_user_cannot_revoke_a_token(bob_client, alice):
    new = create_token(user=alice, name="Alice's script")
    assert bob_client.post(f"/settings/tokens/{new.token.pk}/revoke/").status_code == 404
    assert find_active_token(new.secret) == new.token


def test_revoking_needs_a_post(alice_client, alice):
    new = create_token(user=alice, name="script")
    assert alice_client.get(f"/settings/tokens/{new.token.pk}/revoke/").status_code == 405
    assert find_active_token(new.secret) is not None


def test_settings_links_to_the_tokens_page(alice_client):
    assert 'href="/settings/tokens/"' in alice_client.get("/settings/").content.decode()


def test_the_data_export_lists_tokens_without_their_hash(alice_client, alice):
    new = create_token(user=alice, name="Exported script")
    archive = zipfile.ZipFile(io.BytesIO(alice_client.get("/settings/data/export.zip").content))
    rows = json.loads(archive.read("api_tokens.json"))
    assert [row["name"] for row in rows] == ["Exported script"]
    assert "token_hash" not in rows[0] and new.token.token_hash not in archive.read("api_tokens.json").decode()


def test_staff_can_revoke_a_token_in_the_admin(client, alice):
    from tests.factories import make_user

    staff = make_user("operator")
    staff.is_staff = staff.is_superuser = True
    staff.save()
    client.force_login(staff)
    new = create_token(user=alice, name="Leaked script")
    listing = client.get("/admin/api/apitoken/").content.decode()
    assert "Leaked script" in listing and new.token.token_hash not in listing
    client.post("/admin/api/apitoken/", {"action": "revoke", "_selected_action": [new.token.pk]})
    assert find_active_token(new.secret) is None
