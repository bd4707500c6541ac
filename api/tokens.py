"""Personal access tokens: made (the secret shown once), found by their secret, touched, revoked."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from api.models import ApiToken, TokenScope

#: Every secret starts so, which lets secret scanners (and people) recognise a leaked one.
SECRET_PREFIX = "ccp_"
MAX_ACTIVE_TOKENS = 20
#: ``last_used_at`` is written at most this often per token: a busy script costs no write per request.
TOUCH_EVERY = timedelta(minutes=1)


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    secret: str  # shown once, never stored


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


@transaction.atomic
def create_token(*, user, name: str, scope: str = TokenScope.READ) -> NewToken:
    name = " ".join(name.split())
    if not name:
        raise ValidationError(_("Give the token a name, such as the script or app that uses it."))
    if scope not in TokenScope.values:
        raise ValidationError(_("“%(scope)s” is not a known scope.") % {"scope": scope})
    if ApiToken.objects.for_user(user).active().count() >= MAX_ACTIVE_TOKENS:
        raise ValidationError(_("You have %(count)d tokens already: revoke one you no longer use first.")
                              % {"count": MAX_ACTIVE_TOKENS})
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name[:100], scope=scope,
                                    prefix=secret[: len(SECRET_PREFIX) + 6], token_hash=hash_secret(secret))
    return NewToken(token=token, secret=secret)


def find_active_token(secret: str) -> ApiToken | None:
    """The token with this secret, unless revoked or its user deactivated (one query)."""
    if not secret.startswith(SECRET_PREFIX) or len(secret) > 200:
        return None
    return (ApiToken.objects.active().filter(token_hash=hash_secret(secret), user__is_active=True)
            .select_related("user").first())


def touch(token: ApiToken) -> None:
    """Record a use; skipped while the last recorded use is recent (see TOUCH_EVERY)."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= TOUCH_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


def revoke_token(*, token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
