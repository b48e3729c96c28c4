"""Scrape ModernGov councils into an output root, then hand new documents to extraction.

`scrape(councils, out)` runs without any orchestrator: discover committees, meetings and
documents in a rolling window (web service first, HTML pages as fallback), download only
new or changed documents into content-addressed files (OUT/raw/ab/abcd....pdf), record
everything in OUT/scrape_state.sqlite, and pass the new downloads to `pipeline.run.run_batch`
with the scraped council, committee, meeting date and titles as document metadata.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pipeline.scrape import moderngov as mg
from pipeline.scrape import urls
from pipeline.scrape.config import Council, ScrapeSettings
from pipeline.scrape.download import Downloader, skip_reason, write_blob
from pipeline.scrape.errors import FetchError, HostBackedOffError, ParseError
from pipeline.scrape.handoff import extract_new
from pipeline.scrape.http import FetchResult, PoliteClient
from pipeline.scrape.report import CouncilReport, ScrapeResult
from pipeline.scrape.state import RAW_DIR, SKIPPED, StateStore

__all__ = ["CouncilReport", "ScrapeResult", "make_client", "scrape", "scrape_council", "window"]

log = logging.getLogger(__name__)


def window(
    settings: ScrapeSettings,
    since: dt.date | None = None,
    until: dt.date | None = None,
    today: dt.date | None = None,
) -> tuple[dt.date, dt.date]:
    """Meeting dates re-polled this run: `weeks_back` before today (or `since`) to `weeks_ahead` after."""
    today = today or dt.date.today()
    start = since or today - dt.timedelta(weeks=settings.weeks_back)
    end = until or today + dt.timedelta(weeks=settings.weeks_ahead)
    if start > end:
        raise ValueError(f"since {start} is after until {end}: nothing to scrape")
    return start, end


def make_client(councils: list[Council], settings: ScrapeSettings, **kwargs) -> PoliteClient:
    """One client for all councils of a run, restricted to their hosts."""
    hosts = set().union(*(c.hosts for c in councils)) if councils else set()
    return PoliteClient(settings=settings, allowed_hosts=hosts, **kwargs)


def scrape(
    councils: list[Council],
    out: str | Path,
    *,
    settings: ScrapeSettings | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    today: dt.date | None = None,
    extract: bool = True,
    workers: int = 1,
    progress: bool = False,
    revalidate: bool = False,
    retry_failed: bool = False,
    client: PoliteClient | None = None,
) -> ScrapeResult:
    """Scrape each council, then extract every downloaded document not yet extracted."""
    settings = settings or ScrapeSettings()
    client = client or make_client(councils, settings)
    reports = [
        scrape_council(
            c,
            out,
            settings=settings,
            client=client,
            since=since,
            until=until,
            today=today,
            revalidate=revalidate,
            retry_failed=retry_failed,
        )
        for c in councils
    ]
    slugs = [c.slug for c in councils]
    extraction = (
        extract_new(out, slugs, workers=workers, progress=progress, retry_failed=retry_failed)
        if extract
        else None
    )
    return ScrapeResult(reports, extraction)


def scrape_council(
    council: Council,
    out: str | Path,
    *,
    settings: ScrapeSettings,
    client: PoliteClient | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    today: dt.date | None = None,
    revalidate: bool = False,
    retry_failed: bool = False,
) -> CouncilReport:
    """Discover and download one council's documents; safe to re-run and to resume."""
    client = client or make_client([council], settings)
    start, end = window(settings, since, until, today)
    report = CouncilReport(council.slug)
    with StateStore(out) as store:
        listed = _CouncilRun(council, Path(out), client, store, report).discover(start, end)
        downloader = Downloader(council.slug, Path(out), client, store, report)
        downloader.download(retry_failed=retry_failed, revalidate=listed if revalidate else set())
    report.backed_off = client.backed_off(council.hosts)
    log.debug(
        "%s\n  %s", report.summary(), "\n  ".join(report.details())
    )  # the CLI prints it, the flow logs it
    return report


@dataclass
class _CouncilRun:
    council: Council
    out: Path
    client: PoliteClient
    store: StateStore
    report: CouncilReport

    @property
    def base(self) -> str:
        return self.council.base_url

    def _fetch(self, url: str) -> FetchResult | None:
        """GET a listing page; None (with the reason in the report) when it cannot be had."""
        try:
            result = self.client.get(url)
        except HostBackedOffError as exc:  # the same reason for every page: said once
            self.report.error(exc.reason)
            return None
        except FetchError as exc:
            self.report.error(str(exc))
            return None
        if not result.ok:
            self.report.error(f"HTTP {result.status} ({url})")
            return None
        return result

    # -------------------------------------------------------------- discovery

    def discover(self, start: dt.date, end: dt.date) -> set[str]:
        """Record committees, meetings and documents listed in [start, end]; returns doc keys listed."""
        listed: set[str] = set()
        for cid, title, web in self._committees():
            self.report.committees.append(title or str(cid))
            meetings = self._meetings(cid, start, end, web)
            if meetings is None:
                continue
            self.report.listings += 1
            self.report.vanished += self.store.mark_vanished(
                self.council.slug, cid, start, end, {m.id for m in meetings}
            )
            for meeting in meetings:
                listed |= self._meeting(meeting, cid, title, web)
        return listed

    def _committees(self) -> list[tuple[int, str | None, bool]]:
        committees, web = None, self.council.use_web_service
        if web and (res := self._fetch(urls.committees_url(self.base))):
            committees = self._parse(mg.parse_committees, res.body, res.url)
        if committees is None:
            if web and self.report.errors:
                self.report.notes.append(
                    f"web service unavailable, using the HTML pages: {self.report.errors.pop()}"
                )
            web, self.report.mode = False, "HTML pages"
            if res := self._fetch(urls.committee_list_page(self.base)):
                committees = self._parse(mg.parse_committee_page, res.body, res.url, page=True)
        for c in committees or []:
            self.store.save_committee(self.council.slug, c.id, c.title, c.deleted, c.expired, c.category)
        return [(cid, title, web) for cid, title in self._select(committees or [])]

    def _select(self, listed: list[mg.Committee]) -> list[tuple[int, str | None]]:
        chosen: dict[int, str | None] = {}
        for c in listed:
            for sel in self.council.committees:
                by_id = sel.id == c.id
                if not c.deleted and sel.matches(c.id, c.title) and (by_id or not c.expired):
                    chosen.setdefault(c.id, c.title)
        listed_ids = {c.id for c in listed}
        if not listed and any(sel.id is None for sel in self.council.committees):
            self.report.errors.append(
                f"no committee list from {self.council.slug}: committees chosen by title or pattern "
                "cannot be resolved this run; give their ids in the council config"
            )
        for sel in self.council.committees:
            if sel.id is not None and sel.id not in chosen:
                if listed:
                    self.report.errors.append(
                        f"committee {sel.id} ({sel.title or sel.note or 'untitled'}) is not in "
                        f"{self.council.slug}'s committee list{' (deleted)' if sel.id in listed_ids else ''}; "
                        "fetching it by id anyway: check the id in the council config"
                    )
                chosen[sel.id] = sel.title
        return list(chosen.items())

    def _parse(self, parser, body: bytes, url: str, *, page: bool = False):
        try:
            return parser(body, url) if page else parser(body)
        except ParseError as exc:
            self.report.errors.append(f"{exc} ({url})")
            return None

    def _meetings(self, cid: int, start: dt.date, end: dt.date, web: bool) -> list[mg.Meeting] | None:
        meetings = None
        before = len(self.report.errors)
        if web and (res := self._fetch(urls.meetings_url(self.base, cid, start, end))):
            meetings = self._parse(mg.parse_meetings, res.body, res.url)
        if meetings is None:
            meetings = self._meetings_from_pages(cid, start, end)
            if web and meetings is not None and len(self.report.errors) > before:
                self.report.notes.append(
                    f"committee {cid}: web service meeting list not used, read the pages instead: "
                    f"{self.report.errors[before]}"
                )
        if meetings is None:
            return None
        # the service ignores dates it cannot read and returns everything: filter here too
        return [
            m
            for m in meetings
            if m.date is not None and start <= m.date <= end and m.committee_id in (None, cid)
        ]

    def _meetings_from_pages(self, cid: int, start: dt.date, end: dt.date) -> list[mg.Meeting] | None:
        found: dict[int, mg.Meeting] = {}
        ok = False
        # Year= selects a municipal year (May-April) on some sites, a calendar year on others
        for year in range(start.year - 1, end.year + 1):
            if res := self._fetch(urls.meetings_page(self.base, cid, year)):
                meetings = self._parse(mg.parse_meetings_page, res.body, res.url, page=True)
                ok = ok or meetings is not None
                found.update({m.id: m for m in meetings or []})
        return list(found.values()) if ok else None

    def _meeting(self, meeting: mg.Meeting, cid: int, title: str | None, web: bool) -> set[str]:
        slug = self.council.slug
        self.report.meetings += 1
        committee = meeting.committee_title or title
        detail = raw = None
        if not meeting.cancelled:
            detail, raw = self._meeting_detail(meeting.id, cid, web)
        if detail is None:  # cancelled, or its listing could not be read: keep what we know
            if meeting.cancelled:
                self.report.cancelled.append(meeting.id)
            self.store.save_meeting(
                slug,
                meeting.id,
                committee_id=cid,
                committee_title=committee,
                date=meeting.date,
                time=meeting.time,
                status=meeting.status,
                cancelled=meeting.cancelled,
            )
            return set()
        committee = committee or detail.meeting.committee_title
        date = meeting.date or detail.meeting.date
        self.store.save_meeting(
            slug,
            meeting.id,
            committee_id=cid,
            committee_title=committee,
            date=date,
            time=meeting.time or detail.meeting.time,
            status=meeting.status or detail.meeting.status,
            cancelled=detail.meeting.cancelled,
            raw_sha256=raw,
        )
        if detail.meeting.cancelled:
            self.report.cancelled.append(meeting.id)
            return set()
        return self._note_documents(detail, meeting.id, committee, date)

    def _meeting_detail(self, mid: int, cid: int, web: bool) -> tuple[mg.MeetingDetail | None, str | None]:
        """GetMeeting, else the meeting's page; with the sha256 of the raw answer kept."""
        # (url, parser, is a web page, suffix of the kept answer); the parsers' signatures differ
        tries: list[tuple[str, Callable[..., mg.MeetingDetail], bool, str]] = [
            (urls.meeting_page(self.base, cid, mid), mg.parse_meeting_page, True, ".html")
        ]
        if web:
            tries.insert(0, (urls.meeting_url(self.base, mid), mg.parse_meeting, False, ".xml"))
        before = len(self.report.errors)
        for url, parser, page, suffix in tries:
            res = self._fetch(url)
            detail = self._parse(parser, res.body, res.url, page=page) if res else None
            if detail is not None and res is not None:  # a parsed answer implies a fetched one
                if page and web and len(self.report.errors) > before:
                    # say why the service's answer was not used (e.g. refused XML with entities)
                    self.report.notes.append(
                        f"meeting {mid}: web service answer not used, read its page instead: "
                        f"{self.report.errors[before]}"
                    )
                return detail, self._keep_raw(res.body, suffix)
        return None, None

    def _keep_raw(self, body: bytes, suffix: str) -> str:
        """Listing responses are kept (content-addressed) as provenance for the metadata."""
        return write_blob(self.out / RAW_DIR / "pages", body, suffix)[0]

    def _note_documents(
        self, detail: mg.MeetingDetail, mid: int, committee: str | None, date: dt.date | None
    ) -> set[str]:
        seen: set[str] = set()
        entries: list[tuple[str | None, mg.LinkedDocument]] = [
            (item.title, doc) for item in detail.items for doc in item.documents
        ]
        if self.council.include_packs:
            entries += [(None, doc) for doc in detail.packs]
        for agenda_item, doc in entries:
            if doc.key in seen:  # one attachment linked from several items
                continue
            seen.add(doc.key)
            url = urls.canonical_url(doc.url, self.base, self.council.aliases)
            reason = _skip_reason(doc, url)
            status = self.store.note_document(
                self.council.slug,
                doc.key,
                meeting_id=mid,
                url=url,
                committee_title=committee,
                meeting_date=date,
                agenda_item=agenda_item or None,
                document_title=doc.title or agenda_item,
                published_date=doc.published,
                **({"status": SKIPPED, "reason": reason} if reason else {}),
            )
            if reason and status == SKIPPED:
                self.report.skipped[doc.key] = reason
        return seen


def _skip_reason(doc: mg.LinkedDocument, url: str) -> str | None:
    if doc.restricted:
        return "restricted (exempt) document: not published"
    if doc.external:
        return "external link, not a council document"
    return skip_reason(url)
