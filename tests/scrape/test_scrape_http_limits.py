"""The polite client's limits against a hostile or broken server: a slow drip, robots.txt that
redirects or fails (RFC 9309), and a Retry-After longer than we will wait."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from pipeline.scrape.config import ScrapeSettings, canonical_netloc, load_config
from pipeline.scrape.errors import FetchError, HostBackedOffError, RobotsDisallowedError
from pipeline.scrape.http import HostThrottle, PoliteClient
from pipeline.scrape.scrape import make_client, scrape
from tests.scrape.server import FAST_SETTINGS, FixtureServer, Reply, write_config

FIX = Path(__file__).resolve().parents[2] / "fixtures" / "moderngov"
DOC = "/medway/mgConvert2PDF.aspx"
PAPER = (FIX / "pdf" / "active_travel.pdf").read_bytes()


@pytest.fixture()
def server():
    with FixtureServer(FIX) as srv:
        yield srv


def client_for(server: FixtureServer, **overrides) -> PoliteClient:
    settings = ScrapeSettings(**{**FAST_SETTINGS, **overrides})
    return PoliteClient(settings, {canonical_netloc(server.base_url)}, throttle=HostThrottle())


# ---------------------------------------------------------------- total deadline per response


def test_a_slow_drip_is_cut_off_at_the_deadline(server):
    # one byte every 0.1 s: each read brings a byte well within timeout_s, so only a deadline
    # for the whole response stops it (the PDF would take minutes to arrive)
    server.route(DOC, {"ID": "990005"}, Reply(body=PAPER, drip=0.1))
    client = client_for(server, timeout_s=2.0, deadline_s=1.0, max_retries=0)
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"not complete after deadline_s \(1 s\)") as err:
        client.get(f"{server.base_url}{DOC}?ID=990005")
    assert time.monotonic() - started < 4  # the deadline plus at most one read
    assert not err.value.permanent  # a slow site may be quicker next run
    assert len(server.requests_to(DOC)) == 1


def test_a_slow_drip_is_retried_like_a_timeout_then_succeeds(server):
    server.route(DOC, {"ID": "990005"}, Reply(body=PAPER, drip=0.1), Reply(body=PAPER))
    result = client_for(server, deadline_s=0.5, max_retries=1).get(f"{server.base_url}{DOC}?ID=990005")
    assert result.ok and result.body == PAPER
    assert len(server.requests_to(DOC)) == 2


def test_a_slow_but_steady_response_within_the_deadline_arrives_whole(server):
    body = PAPER[:40]
    server.route(DOC, {"ID": "990005"}, Reply(body=body, drip=0.01))
    assert client_for(server, deadline_s=5.0).get(f"{server.base_url}{DOC}?ID=990005").body == body


# ---------------------------------------------------------------- robots.txt per RFC 9309


def test_robots_redirect_on_the_same_host_is_followed(server):
    server.route("/robots.txt", None, Reply(301, location="/site/robots.txt"))
    server.route("/site/robots.txt", None, Reply(body=b"User-agent: *\nDisallow: /medway/\n"))
    with pytest.raises(RobotsDisallowedError):
        client_for(server).get(f"{server.base_url}{DOC}?ID=990005")
    assert [h.path for h in server.hits] == ["/robots.txt", "/site/robots.txt"]


def test_robots_redirect_chain_of_allowed_rules_lets_documents_through(server):
    server.route("/robots.txt", None, Reply(302, location="/a/robots.txt"))
    server.route("/a/robots.txt", None, Reply(307, location=f"{server.base_url}/b/robots.txt"))
    server.route("/b/robots.txt", None, Reply(body=b"User-agent: *\nDisallow: /kent/\n"))
    assert client_for(server).get(f"{server.base_url}{DOC}?ID=990005").ok
    assert server.requests_to(DOC)


def test_robots_redirect_to_another_host_is_not_followed_and_nothing_is_fetched(server):
    server.route("/robots.txt", None, Reply(301, location="https://www.elsewhere.invalid/robots.txt"))
    with pytest.raises(FetchError, match="robots.txt unreachable .*another host"):
        client_for(server).get(f"{server.base_url}{DOC}?ID=990005")
    assert [h.path for h in server.hits] == ["/robots.txt"]


def test_robots_redirect_loop_means_no_rules(server):
    server.route("/robots.txt", None, Reply(301, location="/robots.txt"))
    assert client_for(server).get(f"{server.base_url}{DOC}?ID=990005").ok
    assert len(server.requests_to("/robots.txt")) == 6  # the first answer and five redirects


@pytest.mark.parametrize("status", [401, 403, 404, 410])
def test_robots_4xx_means_no_rules(server, status):
    server.route("/robots.txt", None, Reply(status))
    server.route("/medway/private/a.pdf", None, Reply(body=PAPER))
    assert client_for(server).get(f"{server.base_url}/medway/private/a.pdf").ok


@pytest.mark.parametrize("status", [500, 501, 503])
def test_robots_5xx_means_nothing_is_fetched(server, status):
    server.route("/robots.txt", None, Reply(status))
    with pytest.raises(FetchError, match=f"robots.txt unreachable .*{status}"):
        client_for(server, max_retries=1).get(f"{server.base_url}{DOC}?ID=990005")
    assert server.requests_to(DOC) == []


# ---------------------------------------------------------------- a long Retry-After


def test_long_retry_after_leaves_the_host_alone(server):
    server.route(DOC, {"ID": "990005"}, Reply(429, headers={"Retry-After": "3600"}))
    client = client_for(server)
    with pytest.raises(HostBackedOffError, match="Retry-After 3600"):
        client.get(f"{server.base_url}{DOC}?ID=990005")
    before = len(server.hits)
    with pytest.raises(HostBackedOffError, match="not requested"):
        client.get(f"{server.base_url}{DOC}?ID=990006")
    assert len(server.hits) == before  # not even asked
    assert "Retry-After 3600" in client.backed_off({canonical_netloc(server.base_url)}).popitem()[1]


def test_short_retry_after_is_waited_out_not_a_back_off(server):
    server.route(DOC, {"ID": "990005"}, Reply(429, headers={"Retry-After": "1"}), Reply(body=PAPER))
    client = client_for(server)
    assert client.get(f"{server.base_url}{DOC}?ID=990005").ok
    assert client.backed_off({canonical_netloc(server.base_url)}) == {}


def test_a_run_stops_asking_a_host_that_wants_a_long_pause_and_says_so(server, tmp_path):
    config = load_config(write_config(server, tmp_path / "councils.toml", min_interval_s=0.02))
    out = tmp_path / "data"
    server.route(DOC, {"ID": "990005"}, Reply(429, headers={"Retry-After": "7200"}))

    def run(throttle: HostThrottle):
        client = make_client(config.councils, config.settings, throttle=throttle)
        result = scrape(
            config.councils,
            out,
            settings=config.settings,
            since=dt.date(2025, 9, 1),
            until=dt.date(2025, 12, 31),
            extract=False,
            client=client,
        )
        return {r.council: r for r in result.councils}

    reports = run(HostThrottle())
    answered = [i for i, h in enumerate(server.hits) if h.query.get("ID") == "990005"]
    assert len(answered) == 1 and answered[0] == len(server.hits) - 1  # nothing asked after the 429
    medway, kent = reports["medway"], reports["kent"]
    host = canonical_netloc(server.base_url)
    assert "Retry-After 7200" in medway.backed_off[host]
    assert {"990005", "990006"} <= set(medway.deferred) and not medway.failed
    assert "deferred" in medway.summary() and any(line.startswith("backed off") for line in medway.details())
    assert kent.unreadable  # on the same host: left alone too, and said once
    assert [e for e in kent.errors if "not requested" in e] == [f"not requested: {medway.backed_off[host]}"]

    server.route(DOC, {"ID": "990005"}, Reply(file="pdf/active_travel.pdf"))
    reports = run(HostThrottle())  # the next run (its own process and throttle) fetches what was left
    assert {"990005", "990006"} <= set(reports["medway"].downloaded) and not reports["medway"].backed_off
    assert set(reports["kent"].downloaded) == {"9990100", "9990101"}
