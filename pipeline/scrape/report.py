"""What a scrape run found and did, per council: printed by the CLI, logged by the flow.

Its own module so the download phase and the orchestration can both fill it in without
importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.scrape.handoff import ExtractReport


@dataclass
class CouncilReport:
    council: str
    mode: str = "web service"
    committees: list[str] = field(default_factory=list)
    meetings: int = 0
    listings: int = 0  # committees whose meetings could be listed (0: the site could not be read)
    cancelled: list[int] = field(default_factory=list)
    vanished: list[int] = field(default_factory=list)
    downloaded: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)  # listed but not collected, with why
    deferred: list[str] = field(default_factory=list)  # not asked for: the host asked us to wait
    backed_off: dict[str, str] = field(default_factory=dict)  # host -> why it is left alone
    errors: list[str] = field(default_factory=list)  # pages that could not be read
    notes: list[str] = field(default_factory=list)  # e.g. why the HTML fallback was used

    @property
    def unreadable(self) -> bool:
        """Nothing could be listed: the site is down, blocked or misconfigured."""
        return self.listings == 0

    def error(self, message: str) -> None:
        """Record a page error once (a backed-off host refuses every page with the same reason)."""
        if message not in self.errors:
            self.errors.append(message)

    def summary(self) -> str:
        deferred = f", {len(self.deferred)} deferred" if self.deferred else ""
        return (
            f"{self.council}: {len(self.committees)} committee(s) via {self.mode}, {self.meetings} meeting(s) "
            f"({len(self.cancelled)} cancelled), {len(self.downloaded)} downloaded, "
            f"{len(self.unchanged)} unchanged, {len(self.duplicates)} duplicate, "
            f"{len(self.skipped)} skipped, {len(self.failed)} failed{deferred}, "
            f"{len(self.errors)} page error(s)"
        )

    def details(self) -> list[str]:
        """One line per thing an operator may want to act on: failures, skips, fallbacks."""
        lines = [f"note: {note}" for note in self.notes]
        lines += [f"backed off {host}: {why}" for host, why in sorted(self.backed_off.items())]
        if self.deferred:
            lines.append(f"deferred to the next run: {', '.join(self.deferred)}")
        lines += [f"failed {self.council}:{key}: {why}" for key, why in sorted(self.failed.items())]
        lines += [f"skipped {self.council}:{key}: {why}" for key, why in sorted(self.skipped.items())]
        lines += [f"warning: {error}" for error in self.errors]
        return lines


@dataclass
class ScrapeResult:
    councils: list[CouncilReport]
    extraction: ExtractReport | None = None

    @property
    def downloaded(self) -> int:
        return sum(len(r.downloaded) for r in self.councils)
