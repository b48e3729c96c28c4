"""Scrape errors whose messages say what went wrong and what to do about it."""

from __future__ import annotations

from pipeline.errors import CouncilPapersError


class ScrapeError(CouncilPapersError):
    """Base class for scrape failures."""


class RemoteOutputError(ScrapeError, ValueError):
    """The scraper was given a URL as OUT: its state store and downloads need a local folder."""

    def __init__(self, out: str):
        super().__init__(
            f"scrape keeps its state (scrape_state.sqlite) and the downloaded papers in OUT, "
            f"which must be a local folder, not {out!r}; to publish the dataset there, copy "
            "its table folders after the scrape"
        )


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


class HostBackedOffError(FetchError):
    """The host asked us (Retry-After) to wait longer than `max_wait_s`: it is left alone until
    then, and nothing more is requested from it in this run."""

    def __init__(self, url: str, reason: str):
        super().__init__(url, reason)


class StateStoreError(ScrapeError):
    """The scrape state store (OUT/scrape_state.sqlite) cannot be used."""


class StateDamagedError(StateStoreError):
    def __init__(self, path, problem: str):
        super().__init__(
            f"the scrape state store {path} is damaged ({problem}). Run the scrape again with "
            "--rebuild-state: it moves the damaged file aside and starts a new store (documents in "
            "the rolling window, or from --since, are listed again; files already downloaded are "
            "reused and the dataset keeps one copy of each document)"
        )
        self.path = path


class StateLockedError(StateStoreError):
    def __init__(self, path):
        super().__init__(
            f"the scrape state store {path} is locked: another scrape is running on this output "
            "folder (or a program such as an sqlite3 shell holds it open in a transaction). Wait for "
            "it to finish, then run again"
        )
        self.path = path
