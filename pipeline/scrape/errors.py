"""Scrape errors whose messages say what went wrong and what to do about it."""

from __future__ import annotations

from pipeline.errors import CouncilPapersError


class ScrapeError(CouncilPapersError):
    """Base class for scrape failures."""


class ConfigError(ScrapeError, ValueError):
    """The council config file is missing, malformed or inconsistent."""


class FetchError(ScrapeError):
    """A URL could not be fetched. `permanent` failures are not retried on later runs."""

    def __init__(self, url: str, reason: str, *, permanent: bool = False, status: int | None = None):
        super().__init__(f"{reason} ({url})")
        self.url = url
        self.reason = reason
        self.permanent = permanent
        self.status = status


class OffHostError(FetchError):
    def __init__(self, url: str, target: str):
        super().__init__(
            url,
            f"refused off-host redirect to {target}: only hosts named in the council config are "
            "fetched; add the host to the council's `aliases` if it really serves the same site",
            permanent=True,
        )


class RobotsDisallowedError(FetchError):
    def __init__(self, url: str):
        super().__init__(url, "disallowed by the site's robots.txt for our user agent", permanent=True)


class TooLargeError(FetchError):
    def __init__(self, url: str, limit: int):
        super().__init__(
            url,
            f"response larger than the {limit // 1_000_000} MB limit: raise `max_download_mb` in the "
            "config [settings] if the document is genuine",
            permanent=True,
        )


class ParseError(ScrapeError, ValueError):
    """A ModernGov response could not be read (not XML, no div#modgov, ...)."""
