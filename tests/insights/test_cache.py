from copilot.accounts.models import Profile
from insights.cache import invalidation_deferred, invalidate_user
from tests.factories import make_job


def version(user) -> int:
    return Profile.objects.get(user=user).data_version


def test_each_write_bumps_the_users_data_version(alice):
    before = version(alice)
    make_job(alice)
    assert version(alice) == before + 1


def test_deferred_invalidation_bumps_once_at_the_end(alice, bob):
    before_alice, before_bob = version(alice), version(bob)
    with invalidation_deferred():
        for n in range(5):
            make_job(alice, title=f"Role {n}")
        invalidate_user(bob.pk)
        assert (version(alice), version(bob)) == (before_alice, before_bob)
    assert (version(alice), version(bob)) == (before_alice + 1, before_bob + 1)
