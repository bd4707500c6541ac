"""Signed unsubscribe tokens: "stop sending <kind> to user <id>", usable without signing in.

The token is ``django.core.signing`` over ``{"u": user id, "k": kind}`` with its own salt, so it
cannot be forged, altered (another id or kind) or confused with other signed values. It does
not expire: an unsubscribe link in an old mail must keep working. It only ever switches a
digest *off*, so a leaked token can do nothing worse than that.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core import signing
from django.urls import reverse

from insights.models import DigestLog

SALT = "insights.digests.unsubscribe"


@dataclass(frozen=True, slots=True)
class Unsubscribe:
    user_id: int
    kind: str


class InvalidToken(Exception):
    """The token is malformed, tampered with or names an unknown kind."""


def make_token(user_id: int, kind: str) -> str:
    if kind not in DigestLog.Kind.values:
        raise ValueError(f"Unknown digest kind {kind!r}")
    return signing.dumps({"u": user_id, "k": kind}, salt=SALT)


def read_token(token: str) -> Unsubscribe:
    try:
        payload = signing.loads(token, salt=SALT)
    except signing.BadSignature as error:
        raise InvalidToken("bad signature") from error
    if not isinstance(payload, dict):
        raise InvalidToken("bad payload")
    user_id, kind = payload.get("u"), payload.get("k")
    if not isinstance(user_id, int) or isinstance(user_id, bool) or kind not in DigestLog.Kind.values:
        raise InvalidToken("bad payload")
    return Unsubscribe(user_id=user_id, kind=kind)


def unsubscribe_path(user_id: int, kind: str) -> str:
    return reverse("digests:unsubscribe", args=[make_token(user_id, kind)])
