"""copilot.http: the one outbound HTTP door. No network: only a stub server on 127.0.0.1."""

from __future__ import annotations

import gzip
import logging
import re
import shutil
import socket
import ssl
import subprocess
import time
import zlib
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from copilot import http
from copilot.http import (
    USER_AGENT,
    BlockedURL,
    FetchError,
    HTTPStatusError,
    Response,
    ResponseTooLarge,
    fetch,
)
from tests.stubserver import StubResponse, StubServer

# --------------------------------------------------------------------------- guards and seams


@pytest.fixture(autouse=True)
def connections(monkeypatch):
    """Fail the test on any lookup/connection that is not the local stub on 127.0.0.1."""
    real_getaddrinfo = socket.getaddrinfo
    real_create_connection = socket.create_connection
    opened: list[tuple[str, int]] = []

    def guarded_getaddrinfo(host, port, *args, **kwargs):
        if host not in ("127.0.0.1", b"127.0.0.1"):
            raise AssertionError(f"test tried to resolve {host!r}")
        return real_getaddrinfo(host, port, *args, **kwargs)

    def guarded_create_connection(address, *args, **kwargs):
        if address[0] != "127.0.0.1":
            raise AssertionError(f"test tried to connect to {address!r}")
        opened.append(tuple(address))
        return real_create_connection(address, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", guarded_getaddrinfo)
    monkeypatch.setattr(socket, "create_connection", guarded_create_connection)
    return opened


@pytest.fixture(autouse=True)
def sleeps(monkeypatch):
    """Backoff sleeps are recorded, not slept."""
    calls: list[float] = []
    monkeypatch.setattr(http, "_sleep", calls.append)
    return calls


@pytest.fixture
def dns(monkeypatch):
    """Replace the resolver seam with a dict host -> [addresses]; unknown hosts fail the test."""
    table: dict[str, list[str]] = {}
    calls: list[tuple[str, int]] = []

    def fake_resolve(host, port):
        calls.append((host, port))
        if host not in table:
            raise AssertionError(f"unexpected resolve({host!r})")
        return list(table[host])

    monkeypatch.setattr(http, "resolve", fake_resolve)
    table_calls = type("DNS", (), {"table": table, "calls": calls})
    return table_calls


@pytest.fixture
def allow_loopback(monkeypatch):
    """Let 127.0.0.1 count as public so the stub server can play an internet host."""
    real = http.is_allowed_address
    monkeypatch.setattr(http, "is_allowed_address", lambda ip: ip == "127.0.0.1" or real(ip))


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --------------------------------------------------------------------------- basics


def test_get_text_with_charset(stub_server):
    headers = {"Content-Type": "text/html; charset=ISO-8859-1"}
    stub_server.add("/page", StubResponse(200, headers, "Zürich".encode("latin-1")))
    response = fetch(stub_server.url("/page"))
    assert isinstance(response, Response)
    assert response.status == 200
    assert response.headers["content-type"] == "text/html; charset=ISO-8859-1"
    assert response.text() == "Zürich"
    assert response.url == stub_server.url("/page")


def test_text_falls_back_to_utf8_with_replacement():
    assert Response("http://x/", 200, {}, "café".encode()).text() == "café"
    assert Response("http://x/", 200, {"content-type": "text/plain; charset=bogus"}, b"a\xffb").text() == "a\ufffdb"


def test_get_json(stub_server):
    stub_server.json("/api", {"jobs": [{"id": 1, "title": "Engineer"}]})
    assert fetch(stub_server.url("/api")).json() == {"jobs": [{"id": 1, "title": "Engineer"}]}


def test_malformed_json_is_a_fetch_error(stub_server):
    stub_server.add("/api", StubResponse(200, {"Content-Type": "application/json"}, b"{not json"))
    response = fetch(stub_server.url("/api"))
    with pytest.raises(FetchError, match=re.escape("malformed JSON from 127.0.0.1")):
        response.json()


def test_deeply_nested_json_is_a_fetch_error():
    with pytest.raises(FetchError, match="malformed JSON"):
        Response("http://api.test/", 200, {}, b"[" * 100_000 + b"]" * 100_000).json()


def test_identifying_user_agent_and_identity_encoding_always_sent(stub_server):
    stub_server.add("/", "ok")
    fetch(stub_server.url("/"), headers={"User-Agent": "curl/8", "X-Api-Key": "k", "Accept": "application/json"})
    request = stub_server.requests[-1]
    assert request.headers["user-agent"] == USER_AGENT
    assert request.headers["accept-encoding"] == "identity"
    assert request.headers["x-api-key"] == "k"
    assert request.headers["accept"] == "application/json"
    assert request.method == "GET"


def test_params_are_encoded_and_appended(stub_server):
    stub_server.add("/search", "ok")
    fetch(stub_server.url("/search?page=2"), params={"what": "python dev", "where": "Zürich&co"})
    assert stub_server.requests[-1].query == {"page": ["2"], "what": ["python dev"], "where": ["Zürich&co"]}


# --------------------------------------------------------------------------- retries


def test_500_then_200_is_retried(stub_server, sleeps):
    stub_server.add("/flaky", [StubResponse(500, body="boom"), StubResponse(200, body="ok")])
    response = fetch(stub_server.url("/flaky"), backoff=0.5)
    assert response.text() == "ok"
    assert stub_server.hits("/flaky") == 2
    assert sleeps == [0.5]


def test_5xx_retries_are_bounded_with_exponential_backoff(stub_server, sleeps):
    stub_server.add("/down", StubResponse(503, body="maintenance"))
    with pytest.raises(HTTPStatusError) as info:
        fetch(stub_server.url("/down"), retries=3, backoff=0.25)
    assert info.value.status == 503
    assert info.value.response is not None and info.value.response.body == b"maintenance"
    assert stub_server.hits("/down") == 4
    assert sleeps == [0.25, 0.5, 1.0]


def test_429_is_retried_honouring_retry_after(stub_server, sleeps):
    stub_server.add("/rate", [StubResponse(429, {"Retry-After": "2"}), StubResponse(200, body="ok")])
    assert fetch(stub_server.url("/rate"), backoff=0.1).text() == "ok"
    assert sleeps == [2.0]


@pytest.mark.parametrize("status", [400, 401, 403, 404, 410, 422])
def test_4xx_is_not_retried(stub_server, sleeps, status):
    stub_server.add("/x", StubResponse(status, body="nope"))
    with pytest.raises(HTTPStatusError) as info:
        fetch(stub_server.url("/x"), retries=3)
    assert info.value.status == status
    assert str(status) in str(info.value) and "127.0.0.1" in str(info.value)
    assert stub_server.hits("/x") == 1
    assert sleeps == []


@pytest.mark.parametrize("status", [501, 505])
def test_server_errors_that_will_not_pass_are_not_retried(stub_server, sleeps, status):
    stub_server.add("/x", StubResponse(status, body="no"))
    with pytest.raises(HTTPStatusError):
        fetch(stub_server.url("/x"), retries=3)
    assert stub_server.hits("/x") == 1
    assert sleeps == []


def test_retry_after_may_be_an_http_date(stub_server, sleeps):
    when = format_datetime(datetime.now(UTC) + timedelta(seconds=3), usegmt=True)
    stub_server.add("/rate", [StubResponse(503, {"Retry-After": when}), StubResponse(200, body="ok")])
    assert fetch(stub_server.url("/rate"), backoff=0.1).text() == "ok"
    [slept] = sleeps
    assert 1.5 < slept <= 3


def test_retry_after_beyond_the_deadline_gives_up_at_once(stub_server, sleeps):
    stub_server.add("/rate", StubResponse(429, {"Retry-After": "20"}))
    with pytest.raises(HTTPStatusError) as info:
        fetch(stub_server.url("/rate"), timeout=1, retries=3)
    assert info.value.status == 429
    assert stub_server.hits("/rate") == 1
    assert sleeps == []


def test_connection_refused_is_retried_then_fetch_error(sleeps):
    port = closed_port()
    with pytest.raises(FetchError, match=re.escape("connection to 127.0.0.1 failed")) as info:
        fetch(f"http://127.0.0.1:{port}/", retries=2, backoff=0.1)
    assert type(info.value) is FetchError  # the private retry marker does not leak
    assert sleeps == [0.1, 0.2]


def test_slow_response_times_out_after_bounded_retries(stub_server, sleeps):
    stub_server.add("/slow", StubResponse(200, body="late", delay=3))
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out"):
        fetch(stub_server.url("/slow"), timeout=0.2, retries=1, backoff=0.05)
    assert time.monotonic() - started < 1.5
    assert stub_server.hits("/slow") == 2
    assert sleeps == [0.05]


def test_no_retry_when_the_backoff_would_pass_the_deadline(stub_server, sleeps):
    stub_server.add("/slow", StubResponse(200, body="late", delay=3))
    with pytest.raises(FetchError, match="timed out"):
        fetch(stub_server.url("/slow"), timeout=0.2, retries=3, backoff=5)
    assert stub_server.hits("/slow") == 1
    assert sleeps == []


def test_overall_deadline_stops_a_dripping_body(stub_server):
    # every read is well within the 0.3s timeout, but the whole body takes ~2s
    stub_server.add("/drip", StubResponse(200, body=b"x" * 20, chunk_size=1, drip=0.1))
    started = time.monotonic()
    with pytest.raises(FetchError, match="overall"):
        fetch(stub_server.url("/drip"), timeout=0.3, retries=3)
    assert time.monotonic() - started < 1.5
    assert stub_server.hits("/drip") == 1  # no time left to retry


def test_overall_deadline_cuts_a_read_that_would_outlast_it(stub_server):
    # Headers after 1s, 5 bytes, then silence: the read timeout (2s, the whole deadline when the
    # request started) would let the read block until 3s; the deadline ends the call at 2s.
    stub_server.add("/stall", StubResponse(200, body=b"x" * 10, delay=1, chunk_size=5, drip=10))
    started = time.monotonic()
    with pytest.raises(FetchError, match="gave up after 2s overall"):
        fetch(stub_server.url("/stall"), timeout=5, deadline=2)
    assert time.monotonic() - started < 2.6
    assert stub_server.hits("/stall") == 1


def test_deadline_cuts_retries_short(stub_server, sleeps):
    stub_server.add("/slow", StubResponse(200, body="late", delay=3))
    started = time.monotonic()
    with pytest.raises(FetchError):
        fetch(stub_server.url("/slow"), timeout=0.2, retries=10, backoff=0.0)
    assert time.monotonic() - started < 1.5
    assert stub_server.hits("/slow") <= 4  # 3 x timeout fits in the 0.6s deadline, not 11


def test_failures_are_logged(stub_server, caplog):
    stub_server.add("/flaky", [StubResponse(502), StubResponse(200, body="ok")])
    with caplog.at_level(logging.WARNING, logger="copilot.http"):
        fetch(stub_server.url("/flaky?app_key=SECRET"))
    [record] = [r for r in caplog.records if r.name == "copilot.http"]
    assert record.http_host == "127.0.0.1"
    assert record.http_attempt == 1
    assert "502" in record.getMessage()
    assert "SECRET" not in record.getMessage()  # queries (API keys) are not logged


# --------------------------------------------------------------------------- size limits


def test_oversized_body_with_content_length_is_rejected_early(stub_server, sleeps):
    stub_server.add("/big", StubResponse(200, body=b"x" * 2000))
    with pytest.raises(ResponseTooLarge, match="2000 bytes"):
        fetch(stub_server.url("/big"), max_bytes=1000)
    assert stub_server.hits("/big") == 1
    assert sleeps == []


@pytest.mark.parametrize("mode", ["chunked", "no_content_length"])
def test_oversized_body_without_content_length_is_cut_off(stub_server, mode):
    stub_server.add("/big", StubResponse(200, body=b"x" * 50_000, chunk_size=1000, **{mode: True}))
    with pytest.raises(ResponseTooLarge):
        fetch(stub_server.url("/big"), max_bytes=10_000)


def test_lying_content_length_is_still_capped(stub_server):
    stub_server.add("/big", StubResponse(200, {"Content-Length": "10"}, b"x" * 10))
    assert fetch(stub_server.url("/big"), max_bytes=10).body == b"x" * 10


@pytest.mark.parametrize("mode", ["chunked", "no_content_length"])
def test_body_exactly_at_limit_is_fine(stub_server, mode):
    stub_server.add("/ok", StubResponse(200, body=b"y" * 4096, chunk_size=1000, **{mode: True}))
    assert fetch(stub_server.url("/ok"), max_bytes=4096).body == b"y" * 4096


def test_gzip_is_decoded_and_capped_after_decompression(stub_server):
    stub_server.add("/gz", StubResponse(200, {"Content-Encoding": "gzip"}, gzip.compress(b"hello " * 100)))
    assert fetch(stub_server.url("/gz")).body == b"hello " * 100
    bomb = gzip.compress(b"\0" * 5_000_000)  # ~5 KB on the wire
    stub_server.add("/bomb", StubResponse(200, {"Content-Encoding": "gzip"}, bomb))
    with pytest.raises(ResponseTooLarge):
        fetch(stub_server.url("/bomb"), max_bytes=100_000)


@pytest.mark.parametrize("wbits", [zlib.MAX_WBITS, -zlib.MAX_WBITS])
def test_deflate_zlib_or_raw(stub_server, wbits):
    compressor = zlib.compressobj(wbits=wbits)
    payload = compressor.compress(b"deflated " * 50) + compressor.flush()
    stub_server.add("/d", StubResponse(200, {"Content-Encoding": "deflate"}, payload))
    assert fetch(stub_server.url("/d")).body == b"deflated " * 50


# --------------------------------------------------------------------------- redirects


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_relative_redirect_is_followed(stub_server, status):
    stub_server.redirect("/old/page", "../new/page?x=1", status=status)
    stub_server.add("/new/page", "landed")
    response = fetch(stub_server.url("/old/page"))
    assert response.text() == "landed"
    assert response.url == stub_server.url("/new/page?x=1")
    assert [r.path for r in stub_server.requests] == ["/old/page", "/new/page"]


def test_absolute_path_redirect(stub_server):
    stub_server.redirect("/a", "/b")
    stub_server.add("/b", "b")
    assert fetch(stub_server.url("/a")).text() == "b"


def test_too_many_redirects(stub_server, sleeps):
    stub_server.redirect("/loop", "/loop")
    with pytest.raises(FetchError, match="too many redirects"):
        fetch(stub_server.url("/loop"), max_redirects=3)
    assert stub_server.hits("/loop") == 4
    assert sleeps == []


def test_redirect_without_location_is_a_status_error(stub_server):
    stub_server.add("/r", StubResponse(302))
    with pytest.raises(HTTPStatusError) as info:
        fetch(stub_server.url("/r"))
    assert info.value.status == 302


@pytest.mark.parametrize("location", ["file:///etc/passwd", "ftp://example.com/x", "gopher://x:70/"])
def test_redirect_to_other_scheme_is_blocked(stub_server, location):
    stub_server.redirect("/r", location)
    with pytest.raises(BlockedURL, match="scheme"):
        fetch(stub_server.url("/r"))


def test_credentials_are_dropped_on_cross_origin_redirect(stub_server):
    with StubServer() as other:
        other.add("/landing", "ok")
        stub_server.redirect("/go", other.url("/landing"))
        fetch(stub_server.url("/go"), headers={"Authorization": "Bearer T", "Cookie": "s=1", "X-Trace": "t"})
    assert stub_server.requests[0].headers["authorization"] == "Bearer T"
    landed = other.requests[0].headers
    assert "authorization" not in landed and "cookie" not in landed
    assert landed["x-trace"] == "t"


def test_cookies_set_on_one_hop_are_not_sent_on_the_next(stub_server):
    stub_server.add("/login", StubResponse(302, {"Location": "/landing", "Set-Cookie": "session=abc; Path=/"}))
    stub_server.add("/landing", "ok")
    fetch(stub_server.url("/login"))
    assert [r.path for r in stub_server.requests] == ["/login", "/landing"]
    assert "cookie" not in stub_server.requests[1].headers


def test_credentials_stay_dropped_when_a_redirect_comes_back(stub_server):
    with StubServer() as other:
        other.redirect("/bounce", stub_server.url("/home"))
        stub_server.redirect("/go", other.url("/bounce"))
        stub_server.add("/home", "ok")
        fetch(stub_server.url("/go"), headers={"Authorization": "Bearer T"})
    assert [r.path for r in stub_server.requests] == ["/go", "/home"]
    assert "authorization" not in stub_server.requests[1].headers


# --------------------------------------------------------------------------- SSRF: public_only


@pytest.mark.parametrize(
    "url",
    [
        "http://10.0.0.1/",
        "http://10.255.255.254:8080/admin",
        "http://192.168.1.1/",
        "http://172.16.0.1/",
        "http://172.31.255.255/",
        "http://127.0.0.1/",
        "http://127.1/",
        "http://0.0.0.0/",
        "http://0/",
        "http://169.254.169.254/latest/meta-data/",
        "http://100.64.0.1/",
        "http://224.0.0.1/",
        "http://255.255.255.255/",
        "http://[::1]/",
        "http://[::]/",
        "http://[fe80::1]/",
        "http://[fc00::1]/",
        "http://[fd12:3456::1]/",
        "http://[fec0::1]/",
        "http://[ff02::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[::ffff:7f00:1]/",
        "http://[::ffff:10.0.0.1]/",
        "http://[::127.0.0.1]/",
        "http://[64:ff9b::a9fe:a9fe]/",  # NAT64 of 169.254.169.254
        "http://[2002:a00:1::]/",  # 6to4 of 10.0.0.1
        "http://2130706433/",  # 127.0.0.1 in decimal
        "http://0x7f000001/",  # hex
        "http://0x7f.0.0.1/",
        "http://0177.0.0.1/",  # octal
        "http://017700000001/",
        "http://０x7f000001/",  # full-width digits normalise via IDNA
        "http://１２７.０.０.１/",
        "http://127.0.0.1./",
        "http://localhost/",
        "http://LOCALHOST:8000/",
        "http://localhost./",
        "http://api.localhost/",
        "https://127.0.0.1:443/",
        "http://999.1.1.1/",  # malformed numeric host: refused, never resolved
        "http://foo.123/",
    ],
)
def test_public_only_refuses_non_public_hosts(url, dns, connections):
    with pytest.raises(BlockedURL):
        fetch(url, public_only=True)
    assert dns.calls == []  # literals and localhost are refused without any lookup
    assert connections == []


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.com/", "gopher://example.com:70/_x", "javascript:alert(1)",
            "data:text/html,hi", "//example.com/", "example.com/path"],
)
@pytest.mark.parametrize("public_only", [True, False])
def test_only_http_and_https_schemes(url, public_only, connections):
    with pytest.raises(BlockedURL, match="scheme"):
        fetch(url, public_only=public_only)
    assert connections == []


def test_credentials_in_url_are_refused(connections):
    with pytest.raises(BlockedURL):
        fetch("http://user:pass@example.com/", public_only=True)
    assert connections == []


@pytest.mark.parametrize(
    "addresses",
    [["10.1.2.3"], ["192.168.0.5"], ["127.0.0.1"], ["169.254.169.254"], ["::1"], ["fd00::5"],
     ["::ffff:192.168.0.1"], ["93.184.215.14", "10.0.0.1"], ["2606:4700::1", "fe80::1"]],
)
def test_public_looking_host_resolving_to_private_address_is_refused(dns, connections, addresses):
    dns.table["jobs.example.com"] = addresses
    with pytest.raises(BlockedURL, match="not public") as info:
        fetch("https://jobs.example.com/posting/1", public_only=True)
    assert dns.calls == [("jobs.example.com", 443)]
    assert connections == []
    assert not any(address in str(info.value) for address in addresses)  # internal DNS stays unmapped


def test_unresolvable_host_is_a_fetch_error_and_not_retried(monkeypatch, sleeps):
    def nxdomain(host, port):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(http, "resolve", nxdomain)
    with pytest.raises(FetchError, match=re.escape("could not resolve host nowhere.example")):
        fetch("http://nowhere.example/", public_only=True)
    assert sleeps == []


def test_public_only_connects_to_the_checked_address(stub_server, dns, connections, allow_loopback):
    dns.table["public.test"] = ["127.0.0.1"]
    stub_server.add("/ok", "fine")
    response = fetch(f"http://public.test:{stub_server.port}/ok", public_only=True)
    assert response.text() == "fine"
    assert response.url == f"http://public.test:{stub_server.port}/ok"
    assert dns.calls == [("public.test", stub_server.port)]  # resolved exactly once
    assert connections == [("127.0.0.1", stub_server.port)]  # connected to the IP that was checked
    assert stub_server.requests[0].headers["host"] == f"public.test:{stub_server.port}"


def test_public_only_dns_rebinding_is_not_possible(stub_server, allow_loopback, connections, monkeypatch):
    """A resolver that answers differently on the 2nd lookup never gets a 2nd lookup."""
    answers = iter([["127.0.0.1"], ["10.0.0.1"]])
    monkeypatch.setattr(http, "resolve", lambda host, port: next(answers))
    stub_server.add("/", "ok")
    fetch(f"http://rebind.test:{stub_server.port}/", public_only=True)
    assert connections == [("127.0.0.1", stub_server.port)]


def test_public_only_tries_each_checked_address_in_turn(stub_server, dns, connections, monkeypatch):
    dns.table["dual.test"] = ["2001:4860::8888", "203.0.113.10"]
    monkeypatch.setattr(http, "is_allowed_address", lambda ip: ip in ("2001:4860::8888", "203.0.113.10"))
    guarded = socket.create_connection
    tried = []

    def create_connection(address, *args, **kwargs):
        tried.append(address[0])
        if address[0] == "2001:4860::8888":  # no IPv6 route here
            raise OSError(101, "Network is unreachable")
        return guarded(("127.0.0.1", stub_server.port), *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", create_connection)
    stub_server.add("/", "ok")
    assert fetch("http://dual.test/", public_only=True).text() == "ok"
    assert tried == ["2001:4860::8888", "203.0.113.10"]
    assert connections == [("127.0.0.1", stub_server.port)]
    assert stub_server.requests[0].headers["host"] == "dual.test"


@pytest.mark.parametrize(
    "location",
    [
        "http://10.0.0.1/admin",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]:{port}/secret",
        "http://localhost:{port}/secret",
        "http://0x7f000001:{port}/secret",
        "http://internal.test/",
        "http://127.1:{port}/secret",
    ],
)
def test_redirect_from_public_host_to_private_address_is_refused(stub_server, dns, connections, monkeypatch, location):
    # only the first hop's address is treated as public; 127.0.0.1 reached any other way is not
    dns.table["public.test"] = ["203.0.113.10"]
    dns.table["internal.test"] = ["192.168.10.20"]
    real = http.is_allowed_address
    monkeypatch.setattr(http, "is_allowed_address", lambda ip: ip == "203.0.113.10" or real(ip))
    guarded = socket.create_connection  # the `connections` guard: only 127.0.0.1 is reachable
    monkeypatch.setattr(
        socket, "create_connection",
        lambda address, *args, **kwargs: guarded(
            ("127.0.0.1", stub_server.port) if address[0] == "203.0.113.10" else address, *args, **kwargs
        ),
    )
    stub_server.redirect("/jobs/1", location.format(port=stub_server.port))
    stub_server.add("/secret", "internal data")
    with pytest.raises(BlockedURL):
        fetch("http://public.test/jobs/1", public_only=True)
    assert [r.path for r in stub_server.requests] == ["/jobs/1"]
    assert connections == [("127.0.0.1", stub_server.port)]


def test_redirect_chain_rechecks_each_hop(stub_server, dns, allow_loopback):
    dns.table["a.test"] = ["127.0.0.1"]
    dns.table["b.test"] = ["127.0.0.1"]
    stub_server.redirect("/1", f"http://b.test:{stub_server.port}/2")
    stub_server.add("/2", "done")
    assert fetch(f"http://a.test:{stub_server.port}/1", public_only=True).text() == "done"
    assert [host for host, _ in dns.calls] == ["a.test", "b.test"]


def test_without_public_only_loopback_is_allowed(stub_server):
    stub_server.add("/", "local")
    assert fetch(stub_server.url("/")).text() == "local"


def test_https_sni_and_certificate_check_use_the_host_name(stub_server, dns, allow_loopback, monkeypatch, sleeps):
    seen = {}

    class RecordingContext(ssl.SSLContext):
        def wrap_socket(self, sock, server_hostname=None, **kwargs):
            seen["peer"] = sock.getpeername()[0]
            seen["server_hostname"] = server_hostname
            sock.close()
            raise ssl.SSLCertVerificationError("certificate verify failed")

    monkeypatch.setattr(http, "_tls_context", lambda: RecordingContext(ssl.PROTOCOL_TLS_CLIENT))
    dns.table["secure.test"] = ["127.0.0.1"]
    with pytest.raises(FetchError, match="certificate"):
        fetch(f"https://secure.test:{stub_server.port}/", public_only=True)
    assert seen == {"peer": "127.0.0.1", "server_hostname": "secure.test"}
    assert sleeps == []  # certificate failures are not retried


@pytest.fixture(scope="module")
def certificates(tmp_path_factory):
    """A throwaway CA and a certificate for secure.test it signed, made by the openssl command."""
    if shutil.which("openssl") is None:
        pytest.skip("the openssl command is needed to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    commands = [
        ["req", "-x509", *key, "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=Test CA",
         "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign"],
        ["req", "-new", *key, "-keyout", "site.key", "-out", "site.csr", "-subj", "/CN=secure.test"],
        ["x509", "-req", "-in", "site.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
         "-out", "site.pem", "-days", "2", "-extfile", "site.ext"],
    ]
    (folder / "site.ext").write_text("subjectAltName=DNS:secure.test\n")
    for command in commands:
        subprocess.run(["openssl", *command], cwd=folder, check=True, capture_output=True)
    return folder


def test_https_to_the_pinned_address_verifies_the_certificate_for_the_name(
    certificates, dns, allow_loopback, connections, monkeypatch, sleeps
):
    server_side = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_side.load_cert_chain(certificates / "site.pem", certificates / "site.key")
    names = []
    server_side.sni_callback = lambda sock, name, context: names.append(name)
    monkeypatch.setattr(http, "_tls_context", lambda: ssl.create_default_context(cafile=certificates / "ca.pem"))
    dns.table["secure.test"] = dns.table["other.test"] = ["127.0.0.1"]
    with StubServer(tls=server_side) as server:
        server.add("/", "over TLS")
        assert fetch(f"https://secure.test:{server.port}/", public_only=True).text() == "over TLS"
        assert names == ["secure.test"]  # SNI carried the name, not the address
        assert server.requests[0].headers["host"] == f"secure.test:{server.port}"
        with pytest.raises(FetchError, match=re.escape("certificate of other.test is not valid")):
            fetch(f"https://other.test:{server.port}/", public_only=True)
    assert connections == [("127.0.0.1", server.port)] * 2
    assert len(server.requests) == 1
    assert sleeps == []


# --------------------------------------------------------------------------- address policy unit


@pytest.mark.parametrize("address", ["8.8.8.8", "93.184.215.14", "1.1.1.1", "2606:4700:4700::1111",
                                     "2a00:1450:4001:80b::200e", "::ffff:8.8.8.8"])
def test_public_addresses_are_allowed(address):
    assert http.is_allowed_address(address)


@pytest.mark.parametrize(
    "address",
    ["10.0.0.1", "172.16.5.4", "192.168.0.1", "127.0.0.1", "127.255.255.254", "0.0.0.0", "169.254.169.254",
     "100.64.0.1", "100.127.255.254", "192.0.0.8", "192.0.2.1", "198.18.0.1", "198.51.100.1", "203.0.113.1",
     "224.0.0.251", "239.255.255.250", "240.0.0.1", "255.255.255.255", "::", "::1", "fe80::1", "fe80::1%eth0",
     "fc00::1", "fd00::1", "fec0::1", "ff02::1", "ff0e::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1",
     "::ffff:169.254.169.254", "::127.0.0.1", "64:ff9b::7f00:1", "64:ff9b::a00:1", "2002:7f00:1::",
     "2002:c0a8:101::", "2001::1", "2001:db8::1", "100::1", "not an ip", ""],
)
def test_non_public_addresses_are_refused(address):
    assert not http.is_allowed_address(address)
