"""Council identities: the slugs, names and e-mail domains by which papers name their council.

The bundled list is `pipeline/data/councils.toml` (the councils the scraper visits); the
metadata reader and the CLI's `--council` check use it, and so does the scraper's config.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipeline.errors import UnknownCouncilError

COUNCILS_FILE = Path(__file__).resolve().parent / "data" / "councils.toml"
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class CouncilIdentity:
    """How a paper names its council: slug, names and web/e-mail domains."""

    slug: str
    names: tuple[str, ...]
    domains: tuple[str, ...]


@lru_cache(maxsize=1)
def council_identities() -> tuple[CouncilIdentity, ...]:
    """Councils as configured (names and domains a paper's text identifies them by)."""
    data = tomllib.loads(COUNCILS_FILE.read_text(encoding="utf-8"))
    return tuple(
        CouncilIdentity(c["slug"], tuple(c.get("names", ())), tuple(c.get("email_domains", ())))
        for c in data.get("councils", ())
    )


def check_council(slug: str | None) -> str | None:
    """A council slug given by the user: any well-formed slug, but not a near miss of a known one.

    Papers may come from any council, so an unconfigured slug ("northtown") is fine; a typo of
    a configured one ("medwy") is almost certainly a mistake and is refused.
    """
    if slug is None:
        return None
    known = [c.slug for c in council_identities()]
    near = difflib.get_close_matches(slug, known, n=1, cutoff=0.75)
    if slug not in known and (near or not _SLUG.fullmatch(slug)):
        raise UnknownCouncilError(slug, known)
    return slug
