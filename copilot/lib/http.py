"""The one outbound HTTP door for Career Co-Pilot (stdlib only).

Every request the app makes to the outside world goes through :func:`fetch`:

* only ``http``/``https``; an identifying ``User-Agent`` is always sent;
* ``timeout`` bounds the connect and every single socket read, and the whole
  call (all retries, redirects and backoff sleeps included) must finish within
  an overall deadline of ``timeout * 3``;
* bodies are read in chunks and abandoned past ``max_bytes`` (also after gzip /
  deflate decompression, although we ask for ``identity``);
* redirects are followed here (never by a library) so that every hop is checked;
* bounded retries with exponential backoff, only for connection errors,
  timeouts, 429 and 5xx;
* ``public_only=True`` (for URLs typed by users) resolves the host once through
  :func:`resolve`, refuses if ANY address is not public (:func:`is_allowed_address`)
  and then connects to that checked address, so a DNS answer cannot change
  between the check and the connect (DNS rebinding). The ``Host`` header, TLS SNI
  and certificate verification still use the host name.

Seams for tests: ``_sleep``, ``resolve`` and ``is_allowed_address`` are looked up
as module globals at call time, so ``monkeypatch.setattr`` on this module works.

Environment proxies (``HTTP_PROXY`` ...) are deliberately ignored.
"""

from __future__ import annotations

import codecs
import http.client
import ipaddress
import json as _json
import logging
import re
import socket
import ssl
import time
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlencode, urljoin, urlsplit

__all__ = [
    "USER_AGENT",
    "BlockedURL",
    "FetchError",
    "HTTPStatusError",
    "Response",
    "ResponseTooLarge",
    "fetch",
    "is_allowed_address",
    "resolve",
]

logger = logging.getLogger("copilot.http")

USER_AGENT = "CareerCoPilot/1.0 (+https://github.com/career-copilot; job search assistant)"

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
ALLOWED_SCHEMES = frozenset({"http", "https"})
# Headers that must not follow a redirect to another origin (API keys, sessions).
_SENSITIVE_HEADERS = frozenset({"authorization", "cookie", "proxy-authorization"})
# Headers the caller may not set: we own them.
_RESERVED_HEADERS = frozenset(
    {"host", "user-agent", "accept-encoding", "connection", "content-length", "transfer-encoding"}
)
_CHUNK = 64 * 1024
_ERROR_BODY_LIMIT = 64 * 1024
_MAX_RETRY_AFTER = 30.0

_sleep = time.sleep  # test seam: monkeypatch to make backoff instant


# --------------------------------------------------------------------------- errors


class FetchError(Exception):
    """Any failure to fetch a URL. ``str()`` is a message fit for logs and users."""


class BlockedURL(FetchError):
    """The URL is not allowed: bad scheme, or (public_only) a non-public address."""


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


_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_.:+-]+)""", re.I)


@dataclass(frozen=True)
class Response:
    url: str
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
            raise FetchError(f"malformed JSON from {_host_of(self.url)}") from exc


# --------------------------------------------------------------------------- address policy


def resolve(host: str, port: int) -> list[str]:
    """Addresses for ``host`` (seam: tests replace it). Raises ``OSError`` on failure."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    addresses: list[str] = []
    for info in infos:
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
        if ip.sixtofour is not None:  # 2002:AABB:CCDD::/16 tunnels to a.b.c.d
            if not is_allowed_address(str(ip.sixtofour)):
                return False
        if ip.teredo is not None:
            return False
        if any(ip in net for net in _NAT64):  # NAT64: last 32 bits are the IPv4 target
            return is_allowed_address(str(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)))
    if any(ip in net for net in _DENY if net.version == ip.version):
        return False
    return bool(
        ip.is_global
        and not ip.is_private
        and not ip.is_loopback
        and not ip.is_link_local
        and not ip.is_multicast
        and not ip.is_reserved
        and not ip.is_unspecified
    )


_NUMERIC_LABEL = re.compile(r"(0[xX][0-9a-fA-F]*|[0-9]+)")


def _parse_ipv4_number(label: str) -> int:
    if not label:
        raise ValueError("empty label")
    if label[:2] in ("0x", "0X"):
        return int(label[2:] or "0", 16)
    if len(label) > 1 and label.startswith("0"):
        return int(label[1:], 8)
    return int(label, 10)


def _literal_ip(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The IP a host literal denotes (``[::1]``, ``127.1``, ``0x7f000001``, ``2130706433``,
    ``0177.0.0.1``), ``None`` for a DNS name. Raises ``ValueError`` for malformed numbers.

    Follows the WHATWG URL rule: a host whose last label is numeric is an IPv4 address
    (in the inet_aton shorthand forms browsers and libc accept), never a DNS name.
    """
    if ":" in host:
        return ipaddress.ip_address(host)
    labels = host.split(".")
    if len(labels) > 1 and labels[-1] == "":
        labels.pop()
    if not _NUMERIC_LABEL.fullmatch(labels[-1]):
        return None
    if len(labels) > 4:
        raise ValueError("too many parts")
    numbers = [_parse_ipv4_number(label) for label in labels]
    if any(n > 255 for n in numbers[:-1]) or numbers[-1] >= 256 ** (5 - len(numbers)):
        raise ValueError("part out of range")
    value = numbers[-1]
    for index, number in enumerate(numbers[:-1]):
        value += number << (8 * (3 - index))
    return ipaddress.IPv4Address(value)


# --------------------------------------------------------------------------- URL helpers


@dataclass(frozen=True)
class _Target:
    url: str  # normalised, without fragment
    scheme: str
    host: str  # ASCII (IDNA), lower-case, no brackets, no trailing dot
    port: int
    path: str  # request target: path + query

    @property
    def origin(self) -> tuple[str, str, int]:
        return (self.scheme, self.host, self.port)


def _redact(url: str) -> str:
    """URL without query, fragment or credentials: safe for logs (queries carry API keys)."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        if ":" in host:
            host = f"[{host}]"
        port = f":{parts.port}" if parts.port else ""
        return f"{parts.scheme}://{host}{port}{parts.path}"
    except ValueError:
        return "<invalid url>"


def _host_of(url: str) -> str:
    try:
        return urlsplit(url).hostname or "<no host>"
    except ValueError:
        return "<invalid url>"


_PATH_SAFE = "/%:@!$&'()*+,;=-._~"
_QUERY_SAFE = _PATH_SAFE + "?"


def _parse_target(url: str) -> _Target:
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise FetchError(f"invalid URL {_redact(url)!r}: {exc}") from None
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        raise BlockedURL(f"URL scheme {scheme or '(none)'!r} is not allowed (only http and https)")
    if parts.username is not None or parts.password is not None:
        raise BlockedURL("URLs with embedded credentials are not allowed")
    raw_host = parts.hostname
    if not raw_host:
        raise FetchError(f"URL has no host: {_redact(url)!r}")
    try:
        host = raw_host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        raise FetchError(f"invalid host name {raw_host!r}") from None
    if host.endswith("."):
        host = host[:-1]
    if not host or any(c in host for c in "/\\@ \t\r\n"):
        raise FetchError(f"invalid host name {raw_host!r}")
    if port is None:
        port = 443 if scheme == "https" else 80
    path = quote(parts.path or "/", safe=_PATH_SAFE)
    if parts.query:
        path += "?" + quote(parts.query, safe=_QUERY_SAFE)
    netloc = f"[{host}]" if ":" in host else host
    if parts.port is not None:
        netloc += f":{parts.port}"
    return _Target(url=f"{scheme}://{netloc}{path}", scheme=scheme, host=host, port=port, path=path)


def _with_params(url: str, params: Mapping[str, str] | None) -> str:
    if not params:
        return url
    base = url.partition("#")[0]
    sep = "&" if "?" in base else "?"
    if base.endswith(("?", "&")):
        sep = ""
    return base + sep + urlencode(list(params.items()))


def _checked_addresses(target: _Target) -> list[str]:
    """public_only: the addresses we may connect to, or BlockedURL."""
    host = target.host
    try:
        literal = _literal_ip(host)
    except ValueError:
        raise BlockedURL(f"refusing malformed IP address host {host!r}") from None
    if literal is not None:
        addresses = [str(literal)]
    else:
        if host == "localhost" or host.endswith(".localhost"):
            raise BlockedURL(f"refusing to fetch {host!r}: not a public host")
        try:
            addresses = list(resolve(host, target.port))
        except socket.gaierror as exc:
            if exc.errno == socket.EAI_AGAIN:
                raise _Transient(f"temporary DNS failure for {host}: {exc}") from exc
            raise FetchError(f"could not resolve host {host}") from exc
        except OSError as exc:
            raise _Transient(f"DNS lookup failed for {host}: {exc}") from exc
        if not addresses:
            raise FetchError(f"could not resolve host {host}")
    for address in addresses:
        if not is_allowed_address(address):
            raise BlockedURL(f"refusing to fetch {host!r}: it resolves to non-public address {address}")
    return addresses


# --------------------------------------------------------------------------- connections


_tls_context_cache: ssl.SSLContext | None = None


def _tls_context() -> ssl.SSLContext:
    global _tls_context_cache
    if _tls_context_cache is None:
        _tls_context_cache = ssl.create_default_context()
    return _tls_context_cache


def _open_socket(host: str, port: int, timeout: float, addresses: list[str] | None) -> socket.socket:
    if addresses is None:
        sock = socket.create_connection((host, port), timeout)
    else:
        last_error: OSError | None = None
        for address in addresses:  # every one of them was checked
            try:
                sock = socket.create_connection((address, port), timeout)
                break
            except OSError as exc:
                last_error = exc
        else:
            assert last_error is not None
            raise last_error
    try:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    except OSError:
        pass
    return sock


class _HTTPConnection(http.client.HTTPConnection):
    """Connects to pre-checked ``addresses`` (if given) while talking to ``host``."""

    def __init__(self, host: str, port: int, *, timeout: float, addresses: list[str] | None):
        super().__init__(host, port, timeout=timeout)
        self._addresses = addresses

    def connect(self) -> None:
        self.sock = _open_socket(self.host, self.port, self.timeout, self._addresses)


class _HTTPSConnection(http.client.HTTPSConnection):
    """As :class:`_HTTPConnection`; SNI and the certificate check use ``host``."""

    def __init__(self, host: str, port: int, *, timeout: float, addresses: list[str] | None):
        context = _tls_context()
        super().__init__(host, port, timeout=timeout, context=context)
        self._addresses = addresses
        self._tls = context

    def connect(self) -> None:
        sock = _open_socket(self.host, self.port, self.timeout, self._addresses)
        try:
            self.sock = self._tls.wrap_socket(sock, server_hostname=self.host)
        except BaseException:
            sock.close()
            raise


# --------------------------------------------------------------------------- body reading


class _Decoder:
    """Content-Encoding handling with the size cap applied to the decoded bytes."""

    def __init__(self, encoding: str, max_bytes: int, host: str):
        self.max_bytes = max_bytes
        self.host = host
        self.size = 0
        self.parts: list[bytes] = []
        self._deflate_pending = False
        encoding = encoding.strip().lower()
        if encoding in ("", "identity"):
            self._z = None
        elif encoding in ("gzip", "x-gzip"):
            self._z = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self._z = None
            self._deflate_pending = True  # zlib-wrapped per RFC, raw deflate in practice
        else:
            raise FetchError(f"unsupported content-encoding {encoding!r} from {host}")

    def _add(self, data: bytes) -> None:
        self.size += len(data)
        if self.size > self.max_bytes:
            raise ResponseTooLarge(f"response from {self.host} is larger than {self.max_bytes} bytes")
        self.parts.append(data)

    def feed(self, chunk: bytes) -> None:
        if self._deflate_pending and chunk:
            self._deflate_pending = False
            zlib_header = len(chunk) >= 2 and chunk[0] & 0x0F == 8 and (chunk[0] * 256 + chunk[1]) % 31 == 0
            self._z = zlib.decompressobj(zlib.MAX_WBITS if zlib_header else -zlib.MAX_WBITS)
        if self._z is None:
            self._add(chunk)
            return
        try:
            data = chunk
            while data:
                out = self._z.decompress(data, self.max_bytes - self.size + 1)
                self._add(out)
                data = self._z.unconsumed_tail
        except zlib.error as exc:
            raise FetchError(f"corrupt compressed response from {self.host}: {exc}") from exc

    def finish(self) -> bytes:
        if self._z is not None:
            try:
                self._add(self._z.flush())
            except zlib.error as exc:
                raise FetchError(f"corrupt compressed response from {self.host}: {exc}") from exc
        return b"".join(self.parts)


def _remaining(deadline: float, host: str, total: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchError(f"timed out fetching {host}: gave up after {total:g}s overall")
    return left


def _read_body(
    sock: socket.socket,
    resp: http.client.HTTPResponse,
    *,
    host: str,
    max_bytes: int,
    timeout: float,
    deadline: float,
    total: float,
    truncate: bool = False,
) -> bytes:
    """Read the body in chunks; ResponseTooLarge past max_bytes (or silently cut if truncate)."""
    length = resp.getheader("content-length")
    if not truncate and length and length.strip().isdigit() and int(length) > max_bytes:
        raise ResponseTooLarge(
            f"response from {host} is {int(length)} bytes, larger than the {max_bytes} byte limit"
        )
    decoder = _Decoder(resp.getheader("content-encoding") or "", max_bytes, host)
    raw = 0
    try:
        while True:
            left = _remaining(deadline, host, total)
            try:
                sock.settimeout(min(timeout, left))
            except OSError:
                # Python 3.13 closes our handle once the response owns the stream: the timeout set
                # before getresponse() still bounds each read, and the deadline is checked per chunk.
                pass
            chunk = resp.read1(_CHUNK)
            if not chunk:
                break
            raw += len(chunk)
            if raw > max_bytes:  # compressed stream itself too large
                raise ResponseTooLarge(f"response from {host} is larger than {max_bytes} bytes")
            decoder.feed(chunk)
        return decoder.finish()
    except ResponseTooLarge:
        if truncate:
            return b"".join(decoder.parts)[:max_bytes]
        raise


# --------------------------------------------------------------------------- one request


@dataclass
class _Hop:
    status: int
    headers: dict[str, str]
    body: bytes
    location: str | None


def _headers_dict(resp: http.client.HTTPResponse) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, value in resp.getheaders():
        key = name.lower()
        out[key] = f"{out[key]}, {value}" if key in out else value
    return out


def _request(
    target: _Target,
    headers: dict[str, str],
    *,
    timeout: float,
    deadline: float,
    total: float,
    max_bytes: int,
    public_only: bool,
) -> _Hop:
    addresses = _checked_addresses(target) if public_only else None
    socket_timeout = min(timeout, _remaining(deadline, target.host, total))
    cls = _HTTPSConnection if target.scheme == "https" else _HTTPConnection
    conn = cls(target.host, target.port, timeout=socket_timeout, addresses=addresses)
    try:
        try:
            conn.putrequest("GET", target.path, skip_accept_encoding=True)
            for name, value in headers.items():
                conn.putheader(name, value)
            conn.endheaders()
            # getresponse() hands the socket over to the response (Connection: close) and
            # clears conn.sock; keep our own handle to tighten timeouts while reading.
            sock = conn.sock
            assert sock is not None
            sock.settimeout(min(timeout, _remaining(deadline, target.host, total)))
            resp = conn.getresponse()
            status = resp.status
            resp_headers = _headers_dict(resp)
            if status in REDIRECT_STATUSES and resp_headers.get("location"):
                return _Hop(status, resp_headers, b"", resp_headers["location"])
            ok = 200 <= status < 300
            body = _read_body(
                sock,
                resp,
                host=target.host,
                max_bytes=max_bytes if ok else min(max_bytes, _ERROR_BODY_LIMIT),
                timeout=timeout,
                deadline=deadline,
                total=total,
                truncate=not ok,
            )
            return _Hop(status, resp_headers, body, None)
        except FetchError:
            raise
        except ssl.SSLCertVerificationError as exc:
            detail = getattr(exc, "verify_message", None) or exc
            raise FetchError(f"TLS certificate of {target.host} is not valid: {detail}") from exc
        except (TimeoutError, socket.timeout) as exc:
            if time.monotonic() >= deadline - 0.01:  # cut by the overall deadline, not a slow read
                raise FetchError(f"timed out fetching {target.host}: gave up after {total:g}s overall") from exc
            raise _Transient(f"timed out fetching {target.host} (timeout {timeout:g}s)") from exc
        except socket.gaierror as exc:
            if exc.errno == socket.EAI_AGAIN:
                raise _Transient(f"temporary DNS failure for {target.host}: {exc}") from exc
            raise FetchError(f"could not resolve host {target.host}") from exc
        except (OSError, http.client.HTTPException) as exc:
            name = type(exc).__name__
            raise _Transient(f"connection to {target.host} failed: {name}: {exc}".rstrip(": ")) from exc
        except ValueError as exc:  # e.g. CR/LF in a header value, control chars in the URL
            raise FetchError(f"invalid request for {target.host}: {exc}") from exc
    finally:
        conn.close()


def _fetch_once(
    url: str,
    headers: dict[str, str],
    *,
    timeout: float,
    deadline: float,
    total: float,
    max_bytes: int,
    public_only: bool,
    max_redirects: int,
) -> Response:
    target = _parse_target(url)
    first_origin = target.origin
    hop_headers = dict(headers)
    redirects = 0
    while True:
        if target.origin != first_origin:  # once dropped, credentials stay dropped
            hop_headers = {k: v for k, v in hop_headers.items() if k.lower() not in _SENSITIVE_HEADERS}
        hop = _request(
            target,
            hop_headers,
            timeout=timeout,
            deadline=deadline,
            total=total,
            max_bytes=max_bytes,
            public_only=public_only,
        )
        if hop.location is not None:
            redirects += 1
            if redirects > max_redirects:
                raise FetchError(f"too many redirects (more than {max_redirects}) fetching {_redact(url)}")
            next_url = urljoin(target.url, hop.location.strip())
            target = _parse_target(next_url)
            continue
        response = Response(url=target.url, status=hop.status, headers=hop.headers, body=hop.body)
        if not 200 <= hop.status < 300:
            reason = http.client.responses.get(hop.status, "")
            raise HTTPStatusError(
                f"HTTP {hop.status} {reason} from {target.host} ({_redact(target.url)})".replace("  ", " "),
                status=hop.status,
                url=target.url,
                response=response,
            )
        return response


# --------------------------------------------------------------------------- public entry point


def _retry_after(exc: HTTPStatusError) -> float | None:
    if exc.response is None:
        return None
    value = exc.response.headers.get("retry-after", "").strip()
    if value.isdigit():
        return min(float(value), _MAX_RETRY_AFTER)
    return None


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
) -> Response:
    """GET ``url`` and return the final 2xx :class:`Response`, or raise :class:`FetchError`.

    ``params`` are url-encoded and appended to the query. ``headers`` are added to ours
    (``User-Agent``, ``Accept-Encoding``, ``Host``, ``Connection`` cannot be overridden;
    ``Authorization``/``Cookie`` are dropped when a redirect leaves the original origin).
    ``public_only=True`` must be used for any URL that came from a user.
    """
    if timeout <= 0:
        raise ValueError("timeout must be positive")
    full_url = _with_params(url, params)
    total = timeout * 3
    deadline = time.monotonic() + total
    request_headers: dict[str, str] = {"Accept": "*/*"}
    for name, value in (headers or {}).items():
        if name.lower() in _RESERVED_HEADERS:
            continue
        request_headers = {k: v for k, v in request_headers.items() if k.lower() != name.lower()}
        request_headers[name] = value
    request_headers["User-Agent"] = USER_AGENT
    request_headers["Accept-Encoding"] = "identity"
    request_headers["Connection"] = "close"

    attempts = max(0, retries) + 1
    host = _host_of(full_url)
    last: FetchError | None = None
    for attempt in range(attempts):
        retry_after: float | None = None
        try:
            return _fetch_once(
                full_url,
                request_headers,
                timeout=timeout,
                deadline=deadline,
                total=total,
                max_bytes=max_bytes,
                public_only=public_only,
                max_redirects=max_redirects,
            )
        except HTTPStatusError as exc:
            _log_failure(full_url, host, attempt, attempts, exc)
            if not (exc.status == 429 or exc.status >= 500):
                raise
            retry_after = _retry_after(exc)
            last = exc
        except _Transient as exc:
            _log_failure(full_url, host, attempt, attempts, exc)
            last = exc
        except FetchError as exc:  # BlockedURL, ResponseTooLarge, 4xx, bad JSON... never retried
            _log_failure(full_url, host, attempt, attempts, exc)
            raise
        if attempt + 1 >= attempts:
            break
        delay = backoff * 2**attempt
        if retry_after is not None:
            delay = max(delay, retry_after)
        if time.monotonic() + delay >= deadline:
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
