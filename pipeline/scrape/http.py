"""A polite, bounded HTTP client for ModernGov sites.

Politeness: an identifying User-Agent, at least `min_interval_s` between requests to one
host (requests to a host are serialised and spaced from the end of the previous one, shared
by every client in the process, so two councils on one host share the budget), robots.txt
per RFC 9309 (redirects followed on the same host, 4xx = no rules, 5xx or unreachable =
nothing fetched; Crawl-delay honoured), retries with exponential backoff on 429, 5xx and
timeouts honouring Retry-After, a host left alone when it asks for a longer wait than
`max_wait_s`, and no retry on other 4xx (a 404 is an answer). Safety: TLS verification is
always on, redirects are followed by hand and only to hosts named in the config, and bodies
are bounded in size and in time (`deadline_s` for a whole response, however slowly it drips).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import logging
import threading
import time
import urllib.robotparser
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import requests
import urllib3.exceptions
from requests.utils import requote_uri

from pipeline.scrape.config import ScrapeSettings, canonical_netloc
from pipeline.scrape.errors import (
    FetchError,
    HostBackedOffError,
    OffHostError,
    RobotsDisallowedError,
    TooLargeError,
)

log = logging.getLogger(__name__)

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
MAX_REDIRECTS = 5  # also for robots.txt, as RFC 9309 asks (at least five hops)
ROBOTS_MAX_BYTES = 512 * 1024  # RFC 9309: at least 500 KiB must be read
CHUNK = 64 * 1024


class SlowResponse(requests.exceptions.Timeout):
    """The whole response did not arrive within `deadline_s` (a trickle beats a per-read timeout)."""


@dataclass
class FetchResult:
    url: str  # final URL after redirects
    status: int
    headers: Mapping[str, str]
    body: bytes = b""

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def content_type(self) -> str:
        return self.headers.get("Content-Type", "")

    @property
    def etag(self) -> str | None:
        return self.headers.get("ETag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("Last-Modified")


class HostThrottle:
    """Serialises requests per host and keeps `interval` seconds between them.

    The gap runs from the end of one request to the start of the next, so a slow response
    never lets the next request in early. `defer` pushes a host's next slot further out
    (a Retry-After applies to every council on that host); `block` marks a host as not to be
    asked at all until a time, with the reason (a Retry-After longer than we will sit out).
    """

    def __init__(
        self, clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep
    ):
        self._guard = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}
        self._next: dict[str, float] = {}
        self._blocked: dict[str, tuple[float, str]] = {}  # host -> (until, why)
        self._clock = clock
        self._sleep = sleep

    def _lock(self, host: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(host, threading.Lock())

    def slot(self, host: str, interval: float) -> _Slot:
        return _Slot(self, host, interval)

    def defer(self, host: str, seconds: float) -> None:
        with self._guard:
            self._next[host] = max(self._next.get(host, 0.0), self._clock() + seconds)

    def block(self, host: str, seconds: float, why: str) -> None:
        with self._guard:
            self._blocked[host] = (self._clock() + seconds, why)

    def blocked(self, host: str) -> str | None:
        """Why `host` is not to be asked now, or None."""
        with self._guard:
            until, why = self._blocked.get(host, (0.0, ""))
            return why if until > self._clock() else None


@dataclass
class _Slot:
    throttle: HostThrottle
    host: str
    interval: float

    def __enter__(self) -> None:
        self.throttle._lock(self.host).acquire()
        with self.throttle._guard:
            wait = self.throttle._next.get(self.host, 0.0) - self.throttle._clock()
        if wait > 0:
            self.throttle._sleep(wait)

    def __exit__(self, *exc: object) -> None:
        self.throttle.defer(self.host, self.interval)
        self.throttle._lock(self.host).release()


SHARED_THROTTLE = HostThrottle()


@dataclass
class PoliteClient:
    """GET-only client restricted to `allowed_hosts` (host[:port] strings)."""

    settings: ScrapeSettings
    allowed_hosts: set[str]
    throttle: HostThrottle = field(default_factory=lambda: SHARED_THROTTLE)
    session: requests.Session = field(default_factory=requests.Session)
    on_request: Callable[[str], None] | None = None  # test/metrics hook, called per request sent

    def __post_init__(self) -> None:
        self.allowed_hosts = {h.lower() for h in self.allowed_hosts}
        self.session.headers["User-Agent"] = self.settings.user_agent
        self.session.verify = True
        self._robots: dict[str, urllib.robotparser.RobotFileParser] = {}
        self._robots_unreachable: dict[str, str] = {}
        self._robots_guard = threading.Lock()

    def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        max_bytes: int | None = None,
    ) -> FetchResult:
        """GET `url`, following on-host redirects. Returns 2xx, 304 and non-retryable 4xx
        answers; raises FetchError when retries run out or the URL may not be fetched."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        limit = max_bytes or self.settings.max_download_bytes
        current = requote_uri(url)
        self._check_backed_off(current)
        for hop in range(MAX_REDIRECTS + 1):
            self._check_allowed(url, current, redirected=hop > 0)
            result = self._get_with_retries(current, headers, limit)
            if result.status not in REDIRECT_STATUSES:
                return result
            location = result.headers.get("Location")
            if not location:
                raise FetchError(current, f"HTTP {result.status} redirect without a Location header")
            current = requote_uri(urljoin(current, location))
        raise FetchError(url, f"more than {MAX_REDIRECTS} redirects", permanent=True)

    def backed_off(self, hosts: Iterable[str]) -> dict[str, str]:
        """Hosts among `hosts` that are being left alone, with why."""
        return {h: why for h in sorted(hosts) if (why := self.throttle.blocked(h.lower()))}

    def _check_backed_off(self, url: str) -> None:
        if why := self.throttle.blocked(canonical_netloc(url)):
            raise HostBackedOffError(url, f"not requested: {why}")

    def _check_allowed(self, original: str, url: str, *, redirected: bool) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise FetchError(url, f"refused non-http URL scheme {parts.scheme!r}", permanent=True)
        if canonical_netloc(url) not in self.allowed_hosts:
            if not redirected:
                raise FetchError(url, "host is not named in the council config", permanent=True)
            raise OffHostError(original, url)
        if not self._robots_for(url).can_fetch(self.settings.user_agent, url):
            if reason := self._robots_unreachable.get(canonical_netloc(url)):
                raise FetchError(url, f"robots.txt unreachable ({reason}): nothing is fetched from the host")
            raise RobotsDisallowedError(url)

    def _robots_for(self, url: str) -> urllib.robotparser.RobotFileParser:
        netloc = canonical_netloc(url)
        with self._robots_guard:
            parser = self._robots.get(netloc)
            if parser is None:
                parser = self._fetch_robots(url)
                self._robots[netloc] = parser
        return parser

    def _fetch_robots(self, url: str) -> urllib.robotparser.RobotFileParser:
        """The host's robots.txt rules, per RFC 9309: redirects followed (on the same host, up to
        five hops), 2xx parsed, 4xx = no rules, 5xx or unreachable = nothing may be fetched."""
        parts = urlsplit(url)
        current = f"{parts.scheme}://{parts.netloc}/robots.txt"
        parser = urllib.robotparser.RobotFileParser(current)
        for _hop in range(MAX_REDIRECTS + 1):
            try:
                result = self._get_with_retries(current, {}, ROBOTS_MAX_BYTES)
            except FetchError as exc:  # retries ran out, or the host asked us to go away
                return self._robots_unavailable(parser, url, exc.reason)
            if result.status not in REDIRECT_STATUSES:
                break
            if not (location := result.headers.get("Location")):
                return self._robots_unavailable(parser, url, f"HTTP {result.status} without a Location")
            target = requote_uri(urljoin(current, location))
            if (
                urlsplit(target).hostname != parts.hostname
                or canonical_netloc(target) not in self.allowed_hosts
            ):
                # only hosts named in the config are ever requested, robots.txt included
                return self._robots_unavailable(
                    parser, url, f"it redirects to {target}, another host, which is not fetched"
                )
            current = target
        else:
            log.warning(
                "robots.txt of %s redirects more than %d times: no rules", parts.netloc, MAX_REDIRECTS
            )
            parser.allow_all = True  # type: ignore[attr-defined]  # typeshed omits it; RFC 9309 2.3.1.2: may be treated as unavailable
            return parser
        if result.ok:
            parser.parse(result.body.decode("utf-8", "replace").splitlines())
        elif 400 <= result.status < 500:  # "unavailable" (401 and 403 included): no rules
            parser.allow_all = True  # type: ignore[attr-defined]  # set by RobotFileParser, missing from typeshed
        else:  # 5xx that are not retried (501, 505, ...) and anything odd: "unreachable"
            return self._robots_unavailable(parser, url, f"HTTP {result.status}")
        return parser

    def _robots_unavailable(
        self, parser: urllib.robotparser.RobotFileParser, url: str, reason: str
    ) -> urllib.robotparser.RobotFileParser:
        """RFC 9309 2.3.1.4: an unreachable robots.txt means "assume complete disallow"."""
        log.warning("robots.txt unreachable, not fetching from %s: %s", urlsplit(url).netloc, reason)
        parser.disallow_all = True  # type: ignore[attr-defined]  # set by RobotFileParser, missing from typeshed
        self._robots_unreachable[canonical_netloc(url)] = reason
        return parser

    def _interval(self, url: str) -> float:
        interval = self.settings.min_interval_s
        parser = self._robots.get(canonical_netloc(url))
        delay = parser.crawl_delay(self.settings.user_agent) if parser else None
        return max(interval, float(delay)) if delay else interval

    def _get_with_retries(self, url: str, headers: dict[str, str], limit: int) -> FetchResult:
        host = canonical_netloc(url)
        attempts = self.settings.max_retries + 1
        for attempt in range(attempts):
            self._check_backed_off(url)
            try:
                with self.throttle.slot(host, self._interval(url)):
                    result = self._send(url, headers, limit)
            except (requests.Timeout, requests.ConnectionError) as exc:
                if isinstance(exc, requests.exceptions.SSLError):
                    raise _tls_error(url, exc) from exc
                why = str(exc) if isinstance(exc, SlowResponse) else type(exc).__name__
                if attempt + 1 >= attempts:
                    raise FetchError(url, f"gave up after {attempts} attempts: {why}") from exc
                self._back_off(url, host, attempt, None, why)
                continue
            if result.status not in RETRY_STATUSES:
                return result
            if attempt + 1 >= attempts:
                raise FetchError(
                    url, f"gave up after {attempts} attempts: HTTP {result.status}", status=result.status
                )
            self._back_off(url, host, attempt, result.headers.get("Retry-After"), f"HTTP {result.status}")
        raise AssertionError("unreachable")

    def _back_off(self, url: str, host: str, attempt: int, retry_after: str | None, why: str) -> None:
        wait = self.settings.backoff_base_s * (2**attempt)
        asked = parse_retry_after(retry_after)
        if asked is not None:
            if asked > self.settings.max_wait_s:
                # sitting it out would stall the run; asking again sooner would be rude: leave
                # the host alone until then (the rest of this run), every council on it included
                reason = (
                    f"{host} answered {why} with Retry-After {asked:.0f} s, beyond max_wait_s "
                    f"({self.settings.max_wait_s:.0f} s): nothing more is requested from it until then"
                )
                self.throttle.block(host, asked, reason)
                log.warning("%s", reason)
                raise HostBackedOffError(url, reason)
            wait = max(wait, asked)
        wait = min(wait, self.settings.max_wait_s)
        log.info("%s from %s, retrying in %.1f s", why, host, wait)
        self.throttle.defer(host, wait)

    def _send(self, url: str, headers: dict[str, str], limit: int) -> FetchResult:
        if self.on_request:
            self.on_request(url)
        deadline = time.monotonic() + self.settings.deadline_s
        with self.session.get(
            url,
            headers=headers,
            timeout=self.settings.timeout_s,
            allow_redirects=False,
            stream=True,
            verify=True,
        ) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > limit:
                raise TooLargeError(url, limit)
            body = (
                b""
                if response.status_code in REDIRECT_STATUSES
                else self._read_body(response.raw, url, limit, deadline)
            )
            return FetchResult(
                url=url, status=response.status_code, headers=dict(response.headers), body=body
            )

    def _read_body(
        self, raw: urllib3.response.BaseHTTPResponse, url: str, limit: int, deadline: float
    ) -> bytes:
        """The decoded body, at most `limit` bytes, complete by `deadline` (time.monotonic()).

        read1 returns whatever one read of the socket brings, so the deadline is checked at
        least every `timeout_s` however slowly the bytes come (reading fixed-size chunks
        would wait for a whole chunk, byte by byte)."""
        parts: list[bytes] = []
        size = 0
        try:
            while True:
                if time.monotonic() > deadline:
                    raise SlowResponse(
                        f"response not complete after deadline_s ({self.settings.deadline_s:g} s): "
                        f"{size} bytes had arrived"
                    )
                chunk = raw.read1(CHUNK, decode_content=True)
                if not chunk:
                    return b"".join(parts)
                size += len(chunk)
                if size > limit:
                    raise TooLargeError(url, limit)
                parts.append(chunk)
        except urllib3.exceptions.ReadTimeoutError as exc:
            raise requests.exceptions.ReadTimeout(str(exc)) from exc
        except urllib3.exceptions.ProtocolError as exc:  # connection cut short
            raise requests.exceptions.ConnectionError(str(exc)) from exc
        except urllib3.exceptions.DecodeError as exc:
            encoding = raw.headers.get("Content-Encoding")
            raise FetchError(
                url, f"response body could not be decoded (Content-Encoding {encoding})"
            ) from exc


def parse_retry_after(value: str | None, now: dt.datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    now = now or dt.datetime.now(dt.UTC)
    return max(0.0, (when - now).total_seconds())


def _tls_error(url: str, exc: Exception) -> FetchError:
    host = urlsplit(url).hostname
    return FetchError(
        url,
        f"TLS certificate verification failed for {host} ({exc}). Verification is never turned off: "
        "if the site sends an incomplete certificate chain, put the missing intermediate certificate "
        "in a CA bundle and point REQUESTS_CA_BUNDLE at it",
    )
