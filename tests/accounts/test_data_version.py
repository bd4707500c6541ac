from copilot.accounts.models import Profile
from copilot.accounts.services import batched_bumps, bump_data_version
from tests.factories import make_job


def version(user) -> int:
    return Profile.objects.get(user=user).data_version


def test_each_write_bumps_the_users_data_version(alice):
    before = version(alice)
    make_job(alice)
    assert version(alice) == before + 1


def test_batched_bumps_bump_each_user_once_at_the_end(alice, bob):
    before_alice, before_bob = version(alice), version(bob)
    with batched_bumps():
        for n in range(5):
            make_job(alice, title=f"Role {n}")
        bump_data_version(bob.pk)
        assert (version(alice), version(bob)) == (before_alice, before_bob)
    assert (version(alice), version(bob)) == (before_alice + 1, before_bob + 1)
