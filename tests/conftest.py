from __future__ import annotations

import pytest

# The local HTTP stub server fixture (stub_server), for every test that fetches something.
pytest_plugins = ["tests.stubserver"]


@pytest.fixture(scope="session", autouse=True)
def _compiled_translations():
    """The German pages need the .mo files; git keeps only the .po (bin/run compiles them the same way)."""
    from django.conf import settings

    if settings.configured:
        from copilot.i18n import compile_catalogues

        compile_catalogues()


@pytest.fixture(autouse=True)
def _english_after_each_test():
    """A request's language stays active on the thread (LocaleMiddleware never deactivates it): a German page
    must not leave the next test speaking German."""
    yield
    from django.conf import settings

    if settings.configured:
        from django.utils import translation

        translation.deactivate()


@pytest.fixture
def alice(db):
    from tests.factories import make_user

    return make_user("alice", skills=["Python", "Django", "PostgreSQL"], preferred_locations=["Berlin, Germany"],
                     experience_level="senior", timezone="Europe/Berlin")


@pytest.fixture
def bob(db):
    from tests.factories import make_user

    return make_user("bob")


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


@pytest.fixture
def bob_client(client, bob):
    client.force_login(bob)
    return client


@pytest.fixture(autouse=True)
def _postgresql_only(request):
    if request.node.get_closest_marker("postgresql") is None:
        return
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (bin/test runs the suite on it too): another process must share the test "
                    "database, and SQLite has no server to lose connections to")


@pytest.fixture(autouse=True)
def _clear_cache(request):
    # Pure tests (run with -p no:django) have no settings; only Django tests share the cache.
    if "django_db_setup" in request.fixturenames or "db" in request.fixturenames:
        from django.core.cache import caches

        for cache in caches.all():
            cache.clear()
    yield
