"""Councils as data: which ModernGov sites to scrape, which committees, and how politely.

The bundled list is `pipeline/data/councils.toml`; `--config FILE` points a run at another
list (another council, a mirror, a test server). Adding a council is a config change:

    [[councils]]
    slug = "medway"
    name = "Medway Council"
    base_url = "https://democracy.medway.gov.uk"
    names = ["Medway Council"]
    email_domains = ["medway.gov.uk"]
    committees = [{ id = 408, title = "Health and Wellbeing Board" }]
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from pipeline.councils import COUNCILS_FILE
from pipeline.errors import UnknownCouncilError
from pipeline.scrape.errors import ConfigError

BUNDLED_CONFIG = COUNCILS_FILE
CONTACT_ENV = "COUNCILPAPERS_CONTACT"
DEFAULT_SCHEDULE = "0 6 * * 1"  # Mondays 06:00: papers for the week are usually published by then


class CommitteeSelector(BaseModel):
    """A committee of interest: by ModernGov committee id (CId), exact title or title regex."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: int | None = None
    title: str | None = None
    pattern: str | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _needs_a_key(self) -> CommitteeSelector:
        if self.id is None and not self.title and not self.pattern:
            raise ValueError("a committee needs an `id`, a `title` or a `pattern`")
        if self.pattern:
            try:
                re.compile(self.pattern)
            except re.error as exc:
                raise ValueError(f"committee pattern {self.pattern!r} is not a valid regex: {exc}") from exc
        return self

    def matches(self, committee_id: int | None, title: str | None) -> bool:
        if self.id is not None and committee_id == self.id:
            return True
        if title and self.title and title.strip().casefold() == self.title.strip().casefold():
            return True
        return bool(title and self.pattern and re.search(self.pattern, title))


class Council(BaseModel):
    """One ModernGov site, plus the names by which a paper's own text identifies the council."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    slug: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    name: str
    base_url: str
    aliases: list[str] = Field(default_factory=list)  # other host[:port]s serving the same site
    names: list[str] = Field(default_factory=list)
    email_domains: list[str] = Field(default_factory=list)
    committees: list[CommitteeSelector] = Field(default_factory=list)
    schedule: str = DEFAULT_SCHEDULE
    timezone: str = "Europe/London"
    use_web_service: bool = True
    include_packs: bool = False  # generated packs (documents/g{MId}) repeat the single reports

    @field_validator("base_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"base_url {value!r} must be an absolute http(s) URL")
        return value.rstrip("/")

    @property
    def netloc(self) -> str:
        return canonical_netloc(self.base_url)

    @property
    def hosts(self) -> set[str]:
        """host[:port] values this council may be fetched from."""
        return {self.netloc, *(canonical_netloc("//" + alias) for alias in self.aliases)}


class ScrapeSettings(BaseModel):
    """Politeness and window settings, the `[settings]` table of the config file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    contact: str = "https://github.com/councilpapers/councilpapers/issues"
    min_interval_s: float = Field(default=1.0, gt=0)  # between requests to one host
    timeout_s: float = Field(default=60.0, gt=0)  # longest silence: to connect, or between bytes
    deadline_s: float = Field(default=300.0, gt=0)  # longest one response may take, however it trickles
    max_retries: int = Field(default=4, ge=0)
    backoff_base_s: float = Field(default=2.0, ge=0)
    max_wait_s: float = Field(default=600.0, gt=0)  # longest backoff or Retry-After we sit out
    max_download_mb: float = Field(default=50.0, gt=0)
    weeks_back: int = Field(default=8, ge=0)
    weeks_ahead: int = Field(default=2, ge=0)

    @property
    def user_agent(self) -> str:
        from pipeline import __version__

        contact = os.environ.get(CONTACT_ENV) or self.contact
        return f"councilpapers/{__version__} (research scraper of public committee papers; +{contact})"

    @property
    def max_download_bytes(self) -> int:
        return int(self.max_download_mb * 1_000_000)


class ScrapeConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    settings: ScrapeSettings = Field(default_factory=ScrapeSettings)
    councils: list[Council]

    @model_validator(mode="after")
    def _unique_slugs(self) -> ScrapeConfig:
        slugs = [c.slug for c in self.councils]
        dupes = sorted({s for s in slugs if slugs.count(s) > 1})
        if dupes:
            raise ValueError(f"duplicate council slug(s): {', '.join(dupes)}")
        return self

    def select(self, slugs: list[str] | None) -> list[Council]:
        """The councils named by `slugs` (all when None or empty), in the order given."""
        if not slugs:
            return list(self.councils)
        by_slug = {c.slug: c for c in self.councils}
        unknown = [s for s in slugs if s not in by_slug]
        if unknown:
            raise UnknownCouncilError(unknown[0], list(by_slug))
        return [by_slug[s] for s in dict.fromkeys(slugs)]


def canonical_netloc(url: str) -> str:
    """Lower-case host[:port], dropping a default port (so :443 and no port compare equal)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    port = parts.port
    default = {"http": 80, "https": 443}.get(parts.scheme)
    return host if port is None or port == default else f"{host}:{port}"


def load_config(path: str | Path | None = None) -> ScrapeConfig:
    """Read a council config file (None = the bundled pipeline/data/councils.toml)."""
    path = Path(path) if path is not None else BUNDLED_CONFIG
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"council config {path} not found: pass an existing file to --config") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"council config {path} is not valid TOML: {exc}") from exc
    try:
        return ScrapeConfig.model_validate(raw)
    except ValidationError as exc:
        raise ConfigError(f"council config {path} is invalid:\n{exc}") from exc


def load_councils(path: str | Path | None = None) -> list[Council]:
    """The councils of a config file (None = bundled list); used by the metadata module too."""
    return list(load_config(path).councils)
