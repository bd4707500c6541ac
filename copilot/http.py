"""The one outbound HTTP door: :func:`fetch`, a thin layer over httpx.

httpx speaks HTTP: URL parsing, TLS, chunked bodies, per-read timeouts. We use its transport
(httpcore and h11 beneath) rather than ``httpx.Client``, whose cookie jar and redirects we do not
want. This module adds only what httpx lacks:

* **Public addresses only** (``public_only=True``, required for any URL that came from a user):
  the host is resolved once through :func:`resolve` and every address must pass
  :func:`is_allowed_address` (no loopback, private, link-local, multicast, reserved, nor those
  hidden in IPv4-mapped, NAT64 or 6to4 forms). A numeric host in any form libc accepts
  (``127.1``, ``0x7f000001``) is read as the IP it denotes, and ``localhost`` is refused, both
  without a lookup. A URL httpx cannot parse is refused too.
* **Pinned to the checked address.** The request is sent to ``<scheme>://<checked IP>:<port>/...``
  with the real name in the ``Host`` header and in httpx's documented ``sni_hostname`` request
  extension, so TLS sends the name in SNI and verifies the certificate for the name, while the
  socket can only reach the address that was checked: there is no second lookup, hence no DNS
  rebinding between check and connect. (httpx's transport cannot take a custom httpcore network
  backend; the extension needs none.) Connections are never reused, so a connection verified
  for one name never carries a request for another.
* **Redirects** are followed here, not by httpx, so every hop is parsed, checked and pinned the
  same way, at most ``max_redirects`` of them; ``Authorization``/``Cookie`` are dropped for good
  once a redirect leaves the first origin.
* **Size cap** ``max_bytes`` on the decoded body: an announced ``Content-Length`` above it is
  refused before reading; otherwise the raw stream is read chunk by chunk and inflated with a
  bounded decompressor, so neither a long body nor a gzip bomb is ever held in full.
* **Overall deadline** (``deadline``, default ``3 * timeout``) for connect, redirects, body,
  backoff and retries. httpx's timeouts bound each read only; a watchdog shuts the socket down
  when the deadline passes, so a server dripping bytes cannot hold the caller longer. It finds
  the socket through httpx's documented ``trace`` request extension.
* **Retries** with exponential backoff for connection errors, timeouts, 429, 500, 502, 503, 504,
  honouring ``Retry-After`` when it fits in the deadline; never for anything else.
* An identifying ``User-Agent``; :meth:`Response.json` reports bad JSON as :class:`FetchError`.

Environment proxies and ``.netrc`` are ignored. Error messages name the host, never a resolved
address.

Tests: ``resolve``, ``is_allowed_address`` and ``_sleep`` are module globals looked up at call
time; a test lets the local stub server on 127.0.0.1 play an internet host by
``monkeypatch.setattr(http, "is_allowed_address", ...)``, explicitly, nothing else does.
"""

from __future__ import annotations

import codecs
import functools
import ipaddress
import json as _json
import logging
import re
import socket
import ssl
import sys
import threading
import time
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

__all__ = ["USER_AGENT", "BlockedURL", "FetchError", "HTTPStatusError", "Response", "ResponseTooLarge", "fetch",
           "is_allowed_address", "resolve"]

logger = logging.getLogger("copilot.http")

USER_AGENT = "CareerCoPilot/1.0 (+https://github.com/career-copilot; job search assistant)"

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
# Headers that must not follow a redirect to another origin (API keys, sessions).
_SENSITIVE_HEADERS = frozenset({"authorization", "cookie", "proxy-authorization"})
# Headers the caller may not set: we own them.
_RESERVED_HEADERS = frozenset(
    {"host", "user-agent", "accept-encoding", "connection", "content-length", "transfer-encoding"}
)
_ERROR_BODY_LIMIT = 64 * 1024
_MAX_RETRY_AFTER = 30.0

_sleep = time.sleep  # test seam: monkeypatch to make backoff instant


def _(message: str) -> str:
    """The message in the active language (a fetch for a German user's board explains itself in German).

    This module never imports Django itself (scripts use it without): it translates only inside a Django
    process whose settings are loaded, and leaves the message as written everywhere else."""
    django = sys.modules.get("django.conf")
    if django is None or not django.settings.configured:
        return message
    from django.utils.translation import gettext

    return gettext(message)


def _too_large(host: str, cap: int) -> ResponseTooLarge:
    return ResponseTooLarge(_("response from %(host)s is larger than %(cap)d bytes") % {"host": host, "cap": cap})


# --------------------------------------------------------------------------- errors


class FetchError(Exception):
    """Any failure to fetch a URL. ``str()`` is a message fit for logs and users."""


class BlockedURL(FetchError):
    """The URL is not allowed: bad scheme, credentials, or (public_only) a non-public address."""


class ResponseTooLarge(FetchError):
    """The response body is larger than ``max_bytes``."""


class HTTPStatusError(FetchError):
    """The final response had a non-2xx status. ``response`` holds (up to 64 KB of) it."""

    def __init__(self, message: str, *, status: int, url: str = "", response: Response | None = None):
        super().__init__(message)
        self.status = status
        self.url = url
        self.response = response


class _Transient(FetchError):
    """Internal: a failure worth retrying (connection error, timeout)."""


# --------------------------------------------------------------------------- response


_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_.:+-]+)""", re.IGNORECASE)


@dataclass(frozen=True)
class Response:
    url: str  # after redirects, without fragment
    status: int
    headers: dict[str, str] = field(default_factory=dict)  # lower-cased keys
    body: bytes = b""

    @property
    def charset(self) -> str:
        match = _CHARSET.search(self.headers.get("content-type", ""))
        if match:
            try:
                return codecs.lookup(match.group(1)).name
            except LookupError:
                pass
        return "utf-8"

    def text(self) -> str:
        charset = self.charset
        body = self.body
        if charset == "utf-8" and body.startswith(codecs.BOM_UTF8):
            body = body[len(codecs.BOM_UTF8):]
        return body.decode(charset, errors="replace")

    def json(self) -> Any:
        try:
            if self.charset in ("utf-8", "ascii"):
                return _json.loads(self.body)  # bytes: json detects utf-8/16/32 and BOMs
            return _json.loads(self.text())
        except (ValueError, RecursionError) as exc:  # JSONDecodeError, UnicodeDecodeError
            raise FetchError(_("malformed JSON from %(host)s") % {"host": _host_of(self.url)}) from exc


# --------------------------------------------------------------------------- address policy


def resolve(host: str, port: int) -> list[str]:
    """Addresses for ``host`` (seam: tests replace it). Raises ``OSError`` on failure."""
    addresses: list[str] = []
    for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM):
        address = str(info[4][0])
        if address not in addresses:
            addresses.append(address)
    return addresses


_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))
# Belt and braces: special-purpose blocks whose ``is_global`` differs between Python versions.
_DENY = tuple(
    ipaddress.ip_network(net)
    for net in (
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
        "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15",
        "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
        "::/8", "100::/64", "2001::/23", "2001:db8::/32", "3fff::/20", "5f00::/16", "fc00::/7", "fe80::/10",
        "fec0::/10", "ff00::/8",
    )
)


def is_allowed_address(address: str) -> bool:
    """True only for a globally routable unicast address (seam: tests may widen it)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.scope_id:
            return False
        if ip.ipv4_mapped is not None:  # ::ffff:a.b.c.d
            return is_allowed_address(str(ip.ipv4_mapped))
        if ip.sixtofour is not None and not is_allowed_address(str(ip.sixtofour)):  # 6to4: 2002:AABB:CCDD::/16
            return False
        if ip.teredo is not None:
            return False
        if any(ip in net for net in _NAT64):  # NAT64: last 32 bits are the IPv4 target
            return is_allowed_address(str(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)))
    if any(ip in net for net in _DENY if net.version == ip.version):
        return False
    # Private, loopback, link-local and unspecified addresses are never global.
    return ip.is_global and not ip.is_multicast and not ip.is_reserved


def _literal_ip(host: str) -> str | None:
    """The address a numeric host denotes in any form libc reads (``127.1``, ``0x7f000001``,
    ``0177.0.0.1``), ``None`` for a name. ``ValueError`` for a numeric host no resolver reads
    (``foo.123``): browsers take a numeric last label to mean IPv4, never a name."""
    if ":" in host:
        return str(ipaddress.ip_address(host))
    try:
        return socket.inet_ntoa(socket.inet_aton(host))
    except OSError:
        pass
    if re.fullmatch(r"[0-9]+|0[xX][0-9a-fA-F]*", host.rsplit(".", 1)[-1]):
        raise ValueError(host)
    return None


def _not_public(host: str) -> BlockedURL:
    # Never the resolved address: it would let a user map internal DNS names.
    return BlockedURL(_("refused: the address is not public (%(host)s)") % {"host": host})


def _checked_addresses(url: httpx.URL) -> list[str]:
    """public_only: the addresses this URL may be fetched from, or BlockedURL."""
    host = url.raw_host.decode("ascii").rstrip(".")
    try:
        literal = _literal_ip(host)
    except ValueError:
        raise BlockedURL(_("refused: malformed IP address (%(host)s)") % {"host": host}) from None
    if literal is not None:
        addresses = [literal]
    elif host == "localhost" or host.endswith(".localhost"):
        raise _not_public(host)
    else:
        try:
            addresses = list(resolve(host, url.port or _default_port(url)))
        except socket.gaierror as exc:
            if exc.errno == socket.EAI_AGAIN:
                raise _Transient(_("temporary DNS failure for %(host)s") % {"host": host}) from exc
            raise FetchError(_("could not resolve host %(host)s") % {"host": host}) from exc
        except OSError as exc:
            raise _Transient(_("DNS lookup failed for %(host)s") % {"host": host}) from exc
        if not addresses:
            raise FetchError(_("could not resolve host %(host)s") % {"host": host})
    if not all(is_allowed_address(address) for address in addresses):
        raise _not_public(host)
    return addresses


# --------------------------------------------------------------------------- URLs


def _default_port(url: httpx.URL) -> int:
    return 443 if url.scheme == "https" else 80


def _parse(url: str, *, public_only: bool, base: httpx.URL | None = None) -> httpx.URL:
    """``url`` (relative to ``base``) as an httpx URL without fragment, or FetchError/BlockedURL."""
    try:
        parsed = base.join(url) if base is not None else httpx.URL(url)
    except (httpx.InvalidURL, ValueError) as exc:
        # public_only cannot prove unparseable hosts public (e.g. full-width digits, 999.1.1.1).
        raise (BlockedURL if public_only else FetchError)(_("invalid URL: %(reason)s") % {"reason": exc}) from None
    if parsed.scheme not in ("http", "https"):
        raise BlockedURL(_("URL scheme %(scheme)s is not allowed (only http and https)")
                         % {"scheme": repr(parsed.scheme) if parsed.scheme else _("(none)")})
    if parsed.userinfo:
        raise BlockedURL(_("URLs with embedded credentials are not allowed"))
    if not parsed.raw_host:
        raise FetchError(_("URL has no host: %(url)r") % {"url": _redact(str(parsed))})
    return parsed.copy_with(fragment=None)


def _redact(url: str) -> str:
    """URL without query, fragment or credentials: safe for logs (queries carry API keys)."""
    try:
        return str(httpx.URL(url).copy_with(query=None, fragment=None, userinfo=b""))
    except httpx.InvalidURL:
        return "<invalid url>"


def _host_of(url: str) -> str:
    try:
        return httpx.URL(url).host or "<no host>"
    except httpx.InvalidURL:
        return "<invalid url>"


def _origin(url: httpx.URL) -> tuple[str, bytes, int]:
    return (url.scheme, url.raw_host, url.port or _default_port(url))


# --------------------------------------------------------------------------- one request


@functools.cache
def _tls_context() -> ssl.SSLContext:
    # httpx's own default (certifi, or SSL_CERT_FILE/SSL_CERT_DIR), built once: loading it is slow.
    return httpx.create_ssl_context()


class _Watchdog:
    """Shuts the connection down at the deadline: httpx's timeouts bound each read, not their sum."""

    def __init__(self, deadline: float):
        self._deadline = deadline
        self._sock: socket.socket | None = None
        self._timer: threading.Timer | None = None

    def trace(self, event: str, info: dict[str, Any]) -> None:
        if event == "connection.connect_tcp.complete":
            # A duplicate, because wrapping for TLS detaches the original socket object;
            # shutdown() on the duplicate still ends the one connection both refer to.
            self._sock = info["return_value"].get_extra_info("socket").dup()
            self._timer = threading.Timer(max(0.0, self._deadline - time.monotonic()), self._cut)
            self._timer.daemon = True
            self._timer.start()

    def _cut(self) -> None:
        try:
            if self._sock is not None:
                self._sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def close(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer.join()
        if self._sock is not None:
            self._sock.close()


@dataclass
class _Limits:
    timeout: float
    deadline: float  # time.monotonic() value
    total: float  # seconds, for messages
    max_bytes: int

    def left(self, host: str) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise self.overall(host)
        return left

    def overall(self, host: str) -> FetchError:
        return FetchError(_("timed out fetching %(host)s: gave up after %(seconds)ss overall")
                          % {"host": host, "seconds": f"{self.total:g}"})


def _root_cause(exc: BaseException) -> BaseException:
    """The OSError under httpx's exception: httpcore's pool re-raises its own exception ``from
    None``, which holds the original as its argument."""
    while True:
        if exc.__cause__ is not None:
            exc = exc.__cause__
        elif exc.args and isinstance(exc.args[0], BaseException):
            exc = exc.args[0]
        else:
            return exc


def _failure(exc: Exception, host: str, limits: _Limits) -> FetchError:
    """A FetchError (a _Transient if worth retrying) for an httpx exception."""
    if time.monotonic() >= limits.deadline - 0.01:  # cut by the overall deadline, not a slow read
        return limits.overall(host)
    if isinstance(exc, httpx.TimeoutException):
        return _Transient(_("timed out fetching %(host)s (timeout %(seconds)ss)")
                          % {"host": host, "seconds": f"{limits.timeout:g}"})
    cause = _root_cause(exc)
    if isinstance(cause, ssl.SSLCertVerificationError):
        detail = getattr(cause, "verify_message", None) or cause
        return FetchError(_("TLS certificate of %(host)s is not valid: %(detail)s") % {"host": host, "detail": detail})
    if isinstance(cause, socket.gaierror):
        if cause.errno == socket.EAI_AGAIN:
            return _Transient(_("temporary DNS failure for %(host)s") % {"host": host})
        return FetchError(_("could not resolve host %(host)s") % {"host": host})
    if isinstance(exc, (httpx.LocalProtocolError, httpx.UnsupportedProtocol, ValueError)):
        return FetchError(_("invalid request for %(host)s: %(reason)s") % {"host": host, "reason": exc})
    return _Transient((_("connection to %(host)s failed: %(reason)s")
                       % {"host": host, "reason": f"{type(cause).__name__}: {cause}"}).rstrip(": "))


def _send(
    transport: httpx.HTTPTransport,
    url: httpx.URL,
    headers: dict[str, str],
    addresses: Sequence[str | None],
    limits: _Limits,
) -> tuple[httpx.Response, _Watchdog]:
    """Send one GET to each checked address in turn until one connects; ``None``: by name."""
    host = url.raw_host.decode("ascii")
    last: Exception | None = None
    for address in addresses:
        extensions: dict[str, Any] = {}
        target = url
        hop_headers = dict(headers)
        if address is not None:
            target = url.copy_with(host=address)
            hop_headers["Host"] = url.netloc.decode("ascii")
            extensions["sni_hostname"] = host
        watchdog = _Watchdog(limits.deadline)
        extensions["trace"] = watchdog.trace
        extensions["timeout"] = httpx.Timeout(min(limits.timeout, limits.left(host))).as_dict()
        try:
            request = httpx.Request("GET", target, headers=hop_headers, extensions=extensions)
            return transport.handle_request(request), watchdog
        except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
            watchdog.close()
            if isinstance(_root_cause(exc), ssl.SSLError):  # another address of the same name won't do better
                raise _failure(exc, host, limits) from exc
            last = exc
        except (httpx.HTTPError, ValueError) as exc:
            watchdog.close()
            raise _failure(exc, host, limits) from exc
    assert last is not None
    raise _failure(last, host, limits) from last


def _read_body(response: httpx.Response, host: str, limits: _Limits, *, truncate: bool) -> bytes:
    """The decoded body; ResponseTooLarge past the cap (or cut silently when ``truncate``).

    gzip/deflate are inflated here, never past the cap: httpx's decoders inflate a whole network
    read at once, and 64 KB of a gzip bomb is 64 MB."""
    cap = min(limits.max_bytes, _ERROR_BODY_LIMIT) if truncate else limits.max_bytes
    length = response.headers.get("content-length", "").strip()
    if not truncate and length.isdigit() and int(length) > cap:
        raise ResponseTooLarge(_("response from %(host)s is %(size)d bytes, larger than the %(cap)d byte limit")
                               % {"host": host, "size": int(length), "cap": cap})
    encoding = response.headers.get("content-encoding", "").strip().lower()
    if encoding not in ("", "identity", "gzip", "x-gzip", "deflate"):
        raise FetchError(_("unsupported content-encoding %(encoding)r from %(host)s")
                         % {"encoding": encoding, "host": host})
    inflater = None
    body = bytearray()
    raw = 0
    try:
        for chunk in response.iter_raw():
            raw += len(chunk)
            if raw > cap:  # the compressed stream alone is too large
                raise _too_large(host, cap)
            if encoding not in ("", "identity") and inflater is None:
                # wbits 47 reads a gzip or zlib header; "deflate" is often sent raw, without one.
                zlib_header = len(chunk) > 1 and chunk[0] & 0x0F == 8 and (chunk[0] << 8 | chunk[1]) % 31 == 0
                inflater = zlib.decompressobj(47 if encoding != "deflate" or zlib_header else -15)
            while chunk:
                body += inflater.decompress(chunk, cap - len(body) + 1) if inflater else chunk
                chunk = inflater.unconsumed_tail if inflater else b""
                if len(body) > cap:
                    raise _too_large(host, cap)
            limits.left(host)  # the watchdog's backup, should a new httpcore rename its trace event
        body += inflater.flush() if inflater else b""
        if len(body) > cap:
            raise _too_large(host, cap)
        return bytes(body)
    except ResponseTooLarge:
        if truncate:
            return bytes(body[:cap])
        raise
    except zlib.error as exc:
        raise FetchError(_("corrupt compressed response from %(host)s: %(reason)s")
                         % {"host": host, "reason": exc}) from exc
    except httpx.HTTPError as exc:
        raise _failure(exc, host, limits) from exc


def _fetch_once(
    transport: httpx.HTTPTransport, url: httpx.URL, headers: dict[str, str], limits: _Limits, *,
    public_only: bool, max_redirects: int,
) -> Response:
    first_origin = _origin(url)
    redirects = 0
    while True:
        if _origin(url) != first_origin:  # once dropped, credentials stay dropped
            headers = {k: v for k, v in headers.items() if k.lower() not in _SENSITIVE_HEADERS}
        host = url.raw_host.decode("ascii")
        addresses = _checked_addresses(url) if public_only else [None]
        response, watchdog = _send(transport, url, headers, addresses, limits)
        try:
            location = response.headers.get("location")
            if response.status_code in REDIRECT_STATUSES and location:
                redirects += 1
                if redirects > max_redirects:
                    raise FetchError(_("too many redirects (more than %(count)d) fetching %(url)s")
                                     % {"count": max_redirects, "url": _redact(str(url))})
                url = _parse(location.strip(), public_only=public_only, base=url)
                continue
            ok = 200 <= response.status_code < 300
            body = _read_body(response, host, limits, truncate=not ok)
        finally:
            response.close()
            watchdog.close()
        result = Response(url=str(url), status=response.status_code, headers=dict(response.headers.items()), body=body)
        if not ok:
            reason = httpx.codes.get_reason_phrase(response.status_code)
            raise HTTPStatusError(
                (_("HTTP %(status)d %(reason)s from %(host)s (%(url)s)")
                 % {"status": response.status_code, "reason": reason, "host": host, "url": _redact(str(url))}
                 ).replace("  ", " "),
                status=response.status_code,
                url=str(url),
                response=result,
            )
        return result


# --------------------------------------------------------------------------- public entry point


def _retry_after(exc: HTTPStatusError) -> float | None:
    value = exc.response.headers.get("retry-after", "").strip() if exc.response else ""
    if value.isdigit():
        return min(float(value), _MAX_RETRY_AFTER)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # "-0000": UTC by RFC 5322
        when = when.replace(tzinfo=UTC)
    return min(max(0.0, (when - datetime.now(UTC)).total_seconds()), _MAX_RETRY_AFTER)


def _request_headers(extra: Mapping[str, str] | None) -> dict[str, str]:
    headers: dict[str, str] = {"Accept": "*/*"}
    for name, value in (extra or {}).items():
        if name.lower() in _RESERVED_HEADERS:
            continue
        headers = {k: v for k, v in headers.items() if k.lower() != name.lower()}
        headers[name] = value
    headers["User-Agent"] = USER_AGENT
    headers["Accept-Encoding"] = "identity"
    headers["Connection"] = "close"
    return headers


def fetch(
    url: str,
    *,
    params: Mapping[str, str] | None = None,
    headers: Mapping[str, str] | None = None,
    timeout: float = 10.0,
    max_bytes: int = 5_000_000,
    retries: int = 2,
    backoff: float = 0.5,
    public_only: bool = False,
    max_redirects: int = 5,
    deadline: float | None = None,
) -> Response:
    """GET ``url`` and return the final 2xx :class:`Response`, or raise :class:`FetchError`.

    ``timeout`` bounds the connect and each read; ``deadline`` (seconds, default ``3 * timeout``)
    bounds the whole call. ``params`` are added to the query. ``headers`` are added to ours
    (``User-Agent``, ``Accept-Encoding``, ``Host``, ``Connection`` cannot be overridden).
    ``public_only=True`` must be used for any URL that came from a user.
    """
    if timeout <= 0:
        raise ValueError("timeout must be positive")
    total = deadline if deadline is not None else timeout * 3
    limits = _Limits(timeout=timeout, deadline=time.monotonic() + total, total=total, max_bytes=max_bytes)
    request_headers = _request_headers(headers)
    attempts = max(0, retries) + 1
    host = _host_of(url)
    last: FetchError | None = None
    # The transport, not a Client: no cookie jar carrying cookies between hops, no redirects of its
    # own. No keep-alive: a connection verified for one name must never carry a request for another.
    with httpx.HTTPTransport(
        verify=_tls_context(), trust_env=False, limits=httpx.Limits(max_keepalive_connections=0)
    ) as transport:
        for attempt in range(attempts):
            retry_after: float | None = None
            try:
                target = _parse(url.strip(), public_only=public_only)
                if params:
                    target = target.copy_merge_params(dict(params))
                return _fetch_once(
                    transport, target, request_headers, limits, public_only=public_only, max_redirects=max_redirects
                )
            except HTTPStatusError as exc:
                _log_failure(url, host, attempt, attempts, exc)
                if exc.status not in RETRY_STATUSES:
                    raise
                retry_after = _retry_after(exc)
                last = exc
            except _Transient as exc:
                _log_failure(url, host, attempt, attempts, exc)
                last = exc
            except FetchError as exc:  # BlockedURL, ResponseTooLarge, bad TLS, overall deadline: never retried
                _log_failure(url, host, attempt, attempts, exc)
                raise
            if attempt + 1 >= attempts:
                break
            delay = backoff * 2**attempt
            if retry_after is not None:
                delay = max(delay, retry_after)
            if time.monotonic() + delay >= limits.deadline:
                break
            _sleep(delay)
    assert last is not None
    if isinstance(last, _Transient):  # don't leak the private class to callers
        raise FetchError(str(last)) from last
    raise last


def _log_failure(url: str, host: str, attempt: int, attempts: int, exc: FetchError) -> None:
    logger.warning(
        "fetch failed host=%s attempt=%d/%d url=%s error=%s",
        host,
        attempt + 1,
        attempts,
        _redact(url),
        exc,
        extra={
            "http_host": host,
            "http_attempt": attempt + 1,
            "http_url": _redact(url),
            "http_error": type(exc).__name__,
        },
    )
