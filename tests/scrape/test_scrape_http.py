"""The polite client against a real HTTP server on 127.0.0.1 (no other network)."""

from __future__ import annotations

import datetime as dt
import ipaddress
import itertools
import ssl
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest

from pipeline.scrape.config import ScrapeSettings, canonical_netloc
from pipeline.scrape.errors import FetchError, OffHostError, RobotsDisallowedError, TooLargeError
from pipeline.scrape.http import HostThrottle, PoliteClient, parse_retry_after
from tests.scrape.server import FAST_SETTINGS, FixtureServer, Reply

FIX = Path(__file__).resolve().parents[2] / "fixtures" / "moderngov"
DOC = "/medway/mgConvert2PDF.aspx"


@pytest.fixture()
def server():
    with FixtureServer(FIX) as srv:
        yield srv


def client_for(server: FixtureServer, **overrides) -> PoliteClient:
    settings = ScrapeSettings(**{**FAST_SETTINGS, **overrides})
    return PoliteClient(settings, {canonical_netloc(server.base_url)}, throttle=HostThrottle())


def gaps(hits) -> list[float]:
    times = sorted(h.at for h in hits)
    return [b - a for a, b in itertools.pairwise(times)]


def test_requests_identify_with_contact_and_respect_robots_first(server):
    client_for(server).get(f"{server.base_url}{DOC}?ID=990005")
    robots, doc = server.hits
    assert robots.path == "/robots.txt"
    assert "councilpapers/" in doc.headers["User-Agent"] and "mailto:tests@" in doc.headers["User-Agent"]


def test_interval_per_host_holds_for_two_councils_in_parallel(server):
    throttle = HostThrottle()
    settings = ScrapeSettings(**{**FAST_SETTINGS, "min_interval_s": 0.2})
    host = {canonical_netloc(server.base_url)}
    clients = [PoliteClient(settings, host, throttle=throttle) for _ in range(2)]
    ids = ["990005", "990006", "980001"]
    threads = [
        threading.Thread(target=lambda c=c: [c.get(f"{server.base_url}{DOC}?ID={i}") for i in ids])
        for c in clients
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(server.hits) == 2 + 2 * len(ids)  # each client reads robots.txt once
    assert min(gaps(server.hits)) >= 0.2


def test_503_is_retried_with_growing_backoff_until_success(server):
    server.route(DOC, {"ID": "990005"}, Reply(503), Reply(503), Reply(file="pdf/active_travel.pdf"))
    result = client_for(server, backoff_base_s=0.1).get(f"{server.base_url}{DOC}?ID=990005")
    assert result.ok and result.body.startswith(b"%PDF-")
    first, second = gaps(server.requests_to(DOC))
    assert first >= 0.1 and second >= 0.2


def test_429_waits_for_retry_after(server):
    server.route(
        DOC, {"ID": "990005"}, Reply(429, headers={"Retry-After": "1"}), Reply(file="pdf/active_travel.pdf")
    )
    assert client_for(server).get(f"{server.base_url}{DOC}?ID=990005").ok
    (gap,) = gaps(server.requests_to(DOC))
    assert gap >= 1.0


def test_retry_after_beyond_max_wait_gives_up_at_once(server):
    server.route(DOC, {"ID": "990005"}, Reply(429, headers={"Retry-After": "3600"}))
    with pytest.raises(FetchError, match="Retry-After 3600"):
        client_for(server).get(f"{server.base_url}{DOC}?ID=990005")
    assert len(server.requests_to(DOC)) == 1


def test_persistent_5xx_gives_up_after_max_retries(server):
    server.route(DOC, {"ID": "990005"}, Reply(500))
    with pytest.raises(FetchError, match="gave up after 3 attempts: HTTP 500"):
        client_for(server, max_retries=2).get(f"{server.base_url}{DOC}?ID=990005")
    assert len(server.requests_to(DOC)) == 3


@pytest.mark.parametrize("status", [403, 404, 410])
def test_other_4xx_are_answers_not_retried(server, status):
    server.route(DOC, {"ID": "990005"}, Reply(status))
    assert client_for(server).get(f"{server.base_url}{DOC}?ID=990005").status == status
    assert len(server.requests_to(DOC)) == 1


def test_timeout_is_retried(server):
    server.route(
        DOC,
        {"ID": "990005"},
        Reply(delay=1.0, file="pdf/active_travel.pdf"),
        Reply(file="pdf/active_travel.pdf"),
    )
    assert client_for(server, timeout_s=0.3).get(f"{server.base_url}{DOC}?ID=990005").ok
    assert len(server.requests_to(DOC)) == 2


def test_on_host_redirect_is_followed(server):
    result = client_for(server).get(f"{server.base_url}{DOC}?ID=990001")
    assert result.ok and result.url.endswith("/documents/s990001/Record%20of%20meeting.pdf")


def test_off_host_redirect_is_refused(server):
    server.route(DOC, {"ID": "990005"}, Reply(302, location="http://elsewhere.invalid/payload.pdf"))
    with pytest.raises(OffHostError, match="refused off-host redirect to http://elsewhere.invalid"):
        client_for(server).get(f"{server.base_url}{DOC}?ID=990005")


def test_hosts_outside_the_config_are_never_requested(server):
    with pytest.raises(FetchError, match="not named in the council config"):
        client_for(server).get("http://localhost:9/mgWebService.asmx/GetCommittees")
    assert server.hits == []


def test_robots_disallowed_path_is_not_requested(server):
    server.route("/medway/private/a.pdf", None, Reply(file="pdf/active_travel.pdf"))
    with pytest.raises(RobotsDisallowedError):
        client_for(server).get(f"{server.base_url}/medway/private/a.pdf")
    assert server.requests_to("/private/") == []


def test_oversized_response_is_refused(server):
    with pytest.raises(TooLargeError, match="limit"):
        client_for(server, max_download_mb=0.001).get(f"{server.base_url}{DOC}?ID=990005")


def test_conditional_get_answers_not_modified(server):
    client = client_for(server)
    first = client.get(f"{server.base_url}{DOC}?ID=990005")
    again = client.get(
        f"{server.base_url}{DOC}?ID=990005", etag=first.etag, last_modified=first.last_modified
    )
    assert first.etag and again.not_modified and again.body == b""


def test_retry_after_http_date():
    now = dt.datetime(2025, 11, 20, 12, 0, tzinfo=dt.UTC)
    assert parse_retry_after("Thu, 20 Nov 2025 12:00:30 GMT", now) == 30
    assert parse_retry_after("120") == 120 and parse_retry_after("soon") is None


def _self_signed(tmp_path: Path) -> tuple[Path, Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False
        )
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return cert_path, key_path


def test_untrusted_certificate_fails_clearly_and_verification_stays_on(tmp_path, monkeypatch):
    monkeypatch.delenv("REQUESTS_CA_BUNDLE", raising=False)
    monkeypatch.delenv("CURL_CA_BUNDLE", raising=False)

    class Ok(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    httpd = HTTPServer(("127.0.0.1", 0), Ok)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(*_self_signed(tmp_path))
    httpd.socket = ctx.wrap_socket(httpd.socket, server_side=True)
    threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()
    try:
        base = f"https://127.0.0.1:{httpd.server_address[1]}"
        client = PoliteClient(
            ScrapeSettings(**FAST_SETTINGS), {canonical_netloc(base)}, throttle=HostThrottle()
        )
        with pytest.raises(FetchError, match="TLS certificate verification failed.*REQUESTS_CA_BUNDLE"):
            client._get_with_retries(f"{base}/robots.txt", {}, 1000)
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_unreachable_site_fails_with_the_network_reason_not_a_robots_rule():
    base = "http://127.0.0.1:9"  # discard port: connection refused
    client = PoliteClient(
        ScrapeSettings(**{**FAST_SETTINGS, "max_retries": 1}),
        {canonical_netloc(base)},
        throttle=HostThrottle(),
    )
    with pytest.raises(FetchError, match="robots.txt unreachable .*ConnectionError") as err:
        client.get(f"{base}/mgWebService.asmx/GetCommittees")
    assert not err.value.permanent
