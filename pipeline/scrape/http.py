"""A polite, bounded HTTP client for ModernGov sites.

Politeness: an identifying User-Agent, at least `min_interval_s` between requests to one
host (requests to a host are serialised and spaced from the end of the previous one, shared
by every client in the process, so two councils on one host share the budget), robots.txt
(including Crawl-delay), retries with exponential backoff on 429, 5xx and timeouts honouring
Retry-After, and no retry on other 4xx (a 404 is an answer). Safety: TLS verification is
always on, redirects are followed by hand and only to hosts named in the config, and bodies
are bounded.
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
from requests.utils import requote_uri

from pipeline.scrape.config import ScrapeSettings, canonical_netloc
from pipeline.scrape.errors import FetchError, OffHostError, RobotsDisallowedError, TooLargeError

log = logging.getLogger(__name__)

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
MAX_REDIRECTS = 5
CHUNK = 64 * 1024


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
    (a Retry-After applies to every council on that host).
    """

    def __init__(
        self, clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep
    ):
        self._guard = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}
        self._next: dict[str, float] = {}
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
        parts = urlsplit(url)
        robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
        parser = urllib.robotparser.RobotFileParser(robots_url)
        try:
            result = self._get_with_retries(robots_url, {}, 512 * 1024)
        except FetchError as exc:
            # RFC 9309: an unreachable robots.txt means "assume complete disallow".
            log.warning("robots.txt unreachable, not fetching from %s: %s", parts.netloc, exc)
            parser.disallow_all = True
            self._robots_unreachable[canonical_netloc(url)] = exc.reason
            return parser
        if result.ok:
            parser.parse(result.body.decode("utf-8", "replace").splitlines())
        elif result.status in (401, 403):
            parser.disallow_all = True
        else:  # 404 and other 4xx: no rules
            parser.allow_all = True
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
            try:
                with self.throttle.slot(host, self._interval(url)):
                    result = self._send(url, headers, limit)
            except (requests.Timeout, requests.ConnectionError) as exc:
                if isinstance(exc, requests.exceptions.SSLError):
                    raise _tls_error(url, exc) from exc
                if attempt + 1 >= attempts:
                    raise FetchError(url, f"gave up after {attempts} attempts: {type(exc).__name__}") from exc
                self._back_off(url, host, attempt, None, type(exc).__name__)
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
                raise FetchError(url, f"{why} with Retry-After {asked:.0f} s, beyond max_wait_s; try later")
            wait = max(wait, asked)
        wait = min(wait, self.settings.max_wait_s)
        log.info("%s from %s, retrying in %.1f s", why, host, wait)
        self.throttle.defer(host, wait)

    def _send(self, url: str, headers: dict[str, str], limit: int) -> FetchResult:
        if self.on_request:
            self.on_request(url)
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
                else _read_bounded(response.iter_content(CHUNK), url, limit)
            )
            return FetchResult(
                url=url, status=response.status_code, headers=dict(response.headers), body=body
            )


def _read_bounded(chunks: Iterable[bytes], url: str, limit: int) -> bytes:
    parts: list[bytes] = []
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > limit:
            raise TooLargeError(url, limit)
        parts.append(chunk)
    return b"".join(parts)


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
