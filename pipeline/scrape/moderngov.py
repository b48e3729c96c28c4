"""ModernGov parsers: web-service XML and HTML pages in (bytes), records out. No HTTP here.

Web service (preferred): mgWebService.asmx/GetCommittees -> GetMeetings -> GetMeeting, plain
GET answered with XML (a SOAP envelope is unwrapped too). HTML pages (fallback):
mgListCommittees.aspx, ieListMeetings.aspx and ieListDocuments.aspx, read only inside
div#modgov by mg* classes because everything around it is the council's own template.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import defusedxml.ElementTree as SafeET
from bs4 import BeautifulSoup, Tag
from defusedxml import DefusedXmlException

from pipeline.scrape.errors import ParseError
from pipeline.scrape.urls import document_key, query_params

CANCELLED = re.compile(r"\b(cancelled|canceled|postponed)\b", re.IGNORECASE)
# "24 Mar 2022 10.00 am", "Thursday, 20 November 2025 2.00pm"
HTML_DATE = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b")
HTML_TIME = re.compile(r"\b(\d{1,2}[.:]\d{2}\s*[ap]\.?m\.?)", re.IGNORECASE)
MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1
    )
}


@dataclass(frozen=True)
class Committee:
    id: int
    title: str
    deleted: bool = False
    expired: bool = False
    category: str | None = None


@dataclass(frozen=True)
class Meeting:
    id: int
    date: dt.date | None
    committee_id: int | None = None
    committee_title: str | None = None
    time: str | None = None
    status: str | None = None

    @property
    def cancelled(self) -> bool:
        return bool(self.status and CANCELLED.search(self.status))


@dataclass(frozen=True)
class LinkedDocument:
    key: str  # attachment id ("990001"), or "g6321-T10" for a generated meeting pack
    title: str
    url: str
    published: dt.date | None = None
    restricted: bool = False
    external: bool = False  # a link to another site, not an attachment

    @property
    def is_pack(self) -> bool:
        return self.key.startswith("g")


@dataclass(frozen=True)
class AgendaItem:
    title: str
    id: int | None = None
    number: str | None = None
    documents: tuple[LinkedDocument, ...] = ()


@dataclass(frozen=True)
class MeetingDetail:
    meeting: Meeting
    items: tuple[AgendaItem, ...] = ()
    packs: tuple[LinkedDocument, ...] = ()


# ---------------------------------------------------------------- web service XML


def _xml_root(data: bytes, container: str):
    """Parsed XML (namespaces dropped), which must hold a <container> element: a well-formed
    HTML error page parses as XML too and would otherwise read as an empty list."""
    try:
        root = SafeET.fromstring(data)
    except DefusedXmlException as exc:
        raise ParseError(f"refused XML with entity declarations: {exc}") from exc
    except SafeET.ParseError as exc:
        head = data[:60].decode("utf-8", "replace")
        raise ParseError(
            f"not XML (starts {head!r}): the web service may be off; use the HTML pages"
        ) from exc
    for el in root.iter():
        if isinstance(el.tag, str) and "}" in el.tag:
            el.tag = el.tag.split("}", 1)[1]
    if next(root.iter(container), None) is None:
        raise ParseError(
            f"expected <{container}> in the response, got <{root.tag}>: an error page? "
            "If the web service is off, use the HTML pages"
        )
    return root


def _text(el, name: str) -> str | None:
    child = el.find(name)
    if child is None or child.text is None:
        return None
    value = " ".join(child.text.split())  # empty elements hold a newline; counts a leading space
    return value or None


def _int(value: str | None) -> int | None:
    return int(value) if value and value.strip().lstrip("-").isdigit() else None


def _bool(value: str | None) -> bool:
    return (value or "").strip().lower() == "true"


def parse_date(value: str | None) -> dt.date | None:
    """dd/mm/yyyy (web service), ISO, or '24 Mar 2022' / 'Thursday, 20 November 2025' (pages)."""
    if not value:
        return None
    value = value.strip()
    if m := re.match(r"(\d{1,2})/(\d{1,2})/(\d{4})", value):
        return _safe_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    if m := re.match(r"(\d{4})-(\d{2})-(\d{2})", value):
        return _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if m := HTML_DATE.search(value):
        month = MONTHS.get(m.group(2)[:3].lower())
        return _safe_date(int(m.group(3)), month, int(m.group(1))) if month else None
    return None


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_committees(data: bytes) -> list[Committee]:
    """GetCommittees -> committees (any depth, so a SOAP envelope works too)."""
    out = []
    for el in _xml_root(data, "committees").iter("committee"):
        cid = _int(_text(el, "committeeid"))
        title = _text(el, "committeetitle")
        if cid is None or not title:
            continue
        out.append(
            Committee(
                cid,
                title,
                _bool(_text(el, "committeedeleted")),
                _bool(_text(el, "committeeexpired")),
                _text(el, "committeecategory"),
            )
        )
    return out


def parse_meetings(data: bytes) -> list[Meeting]:
    """GetMeetings / GetAllMeetingsByDate -> meetings, found at any depth; the committee comes
    from the meeting itself or its enclosing <committee>."""
    root = _xml_root(data, "getmeetings")
    parents = {child: parent for parent in root.iter() for child in parent}
    out = []
    for el in root.iter("meeting"):
        mid = _int(_text(el, "meetingid"))
        if mid is None:
            continue
        cid, ctitle = _int(_text(el, "committeeid")), _text(el, "committeetitle")
        node = parents.get(el)
        while node is not None and (cid is None or ctitle is None):
            if node.tag == "committee":
                cid = cid if cid is not None else _int(_text(node, "committeeid"))
                ctitle = ctitle or _text(node, "committeetitle")
            node = parents.get(node)
        out.append(
            Meeting(
                mid,
                parse_date(_text(el, "meetingdate")),
                cid,
                ctitle,
                _text(el, "meetingtime"),
                _text(el, "meetingstatus"),
            )
        )
    return out


def parse_meeting(data: bytes) -> MeetingDetail:
    """GetMeeting -> the meeting with its agenda items and linked documents."""
    root = _xml_root(data, "meeting")
    el = next((m for m in root.iter("meeting") if m.find("meetingid") is not None), None)
    if el is None:
        raise ParseError("GetMeeting response has no <meeting> with a <meetingid>")
    items = tuple(_agenda_item(item) for item in el.iter("agendaitem"))
    committee = (
        _text(el, "committeetitle")
        or _first_text(el, "linkeddoc", "committeetitle")
        or _first_text(el, "agendaitem", "refertocommittee")
    )
    meeting = Meeting(
        id=_int(_text(el, "meetingid")) or 0,
        date=parse_date(_text(el, "meetingdate")),
        committee_id=_int(_text(el, "committeeid")),
        committee_title=committee,
        time=_text(el, "meetingtime"),
        status=_text(el, "meetingstatus"),
    )
    return MeetingDetail(meeting, items)


def _first_text(el, tag: str, name: str) -> str | None:
    return next((t for node in el.iter(tag) if (t := _text(node, name))), None)


def _agenda_item(el) -> AgendaItem:
    docs = tuple(d for d in (_linked_doc(x) for x in el.iter("linkeddoc")) if d is not None)
    return AgendaItem(
        title=_text(el, "agendaitemtitle") or "",
        id=_int(_text(el, "agendaitemid")),
        number=_text(el, "fulldisplaynumberformat") or _text(el, "agendaitemnumber"),
        documents=docs,
    )


def _linked_doc(el) -> LinkedDocument | None:
    url = _text(el, "url")
    key = _text(el, "attachmentid") or (document_key(url) if url else None)
    if not url or not key:
        return None
    return LinkedDocument(
        key=key,
        title=_text(el, "title") or _text(el, "ownertitle") or "",
        url=url,
        published=parse_date(_text(el, "publicationdate")),
        restricted=_bool(_text(el, "isrestricted")),
        external=_bool(_text(el, "isurl")),
    )


# ---------------------------------------------------------------- HTML pages


def _modgov(html: bytes | str) -> Tag:
    soup = BeautifulSoup(html, "lxml")
    root = soup.select_one("div#modgov")
    if root is None:
        title = soup.title.get_text(strip=True) if soup.title else "no title"
        raise ParseError(f"no div#modgov in page ({title!r}): not a ModernGov page, or an error/block page")
    return root


def _link_text(a: Tag) -> str:
    """Link text without the "PDF 256 KB" file-size span ModernGov puts inside the link."""
    clone = BeautifulSoup(str(a), "lxml").a
    if clone is None:  # not expected: `a` is itself a link
        return " ".join(a.get_text(" ").split())
    for span in clone.select("span.mgFileSize, span.mgHide"):
        span.decompose()
    return " ".join(clone.get_text(" ").split())


def parse_committee_page(html: bytes | str, page_url: str) -> list[Committee]:
    """mgListCommittees.aspx -> committees (id from mgCommitteeDetails.aspx?ID=)."""
    out: dict[int, Committee] = {}
    for a in _modgov(html).select('a[href*="mgCommitteeDetails.aspx"]'):
        cid = _int(query_params(urljoin(page_url, a["href"])).get("id"))  # type: ignore[arg-type,type-var]  # bs4 types attributes as str | list; href is single-valued
        title = _link_text(a)
        if cid is not None and title:
            out.setdefault(cid, Committee(cid, title))
    return list(out.values())


def parse_meetings_page(html: bytes | str, page_url: str) -> list[Meeting]:
    """ieListMeetings.aspx -> meetings, keyed on the ieListDocuments links (the wrappers around
    the year lists vary between ModernGov versions)."""
    root = _modgov(html)
    h1 = root.select_one("h1.mgMainTitleTxt")
    heading = h1.get_text(" ", strip=True) if h1 else ""
    title = re.sub(r"^\s*browse meetings\s*[-–]\s*", "", heading, flags=re.IGNORECASE) or None
    out: dict[int, Meeting] = {}
    for a in root.select('a[href*="ieListDocuments.aspx"]'):
        query = query_params(urljoin(page_url, a["href"]))  # type: ignore[arg-type,type-var]  # bs4 types attributes as str | list; href is single-valued
        mid = _int(query.get("mid") or query.get("meetingid"))
        if mid is None or mid in out:
            continue
        text = _link_text(a)
        li = a.find_parent("li")
        context = li.get_text(" ", strip=True) if li else text
        time = HTML_TIME.search(text)
        out[mid] = Meeting(
            id=mid,
            date=parse_date(text),
            committee_id=_int(query.get("cid") or query.get("committeeid")),
            committee_title=title,
            time=time.group(1) if time else None,
            status="Cancelled" if CANCELLED.search(context) else None,
        )
    return list(out.values())


def parse_meeting_page(html: bytes | str, page_url: str) -> MeetingDetail:
    """ieListDocuments.aspx -> the meeting, its agenda items and their documents."""
    root = _modgov(html)
    query = query_params(page_url)
    sub = root.select_one("h2.mgSubTitleTxt")
    subtitle = sub.get_text(" ", strip=True) if sub else ""
    committee, _, when = subtitle.rpartition(" - ")
    heading = " ".join(h.get_text(" ", strip=True) for h in root.select("h1.mgMainTitleTxt"))
    time = HTML_TIME.search(when)
    meeting = Meeting(
        id=_int(query.get("mid") or query.get("meetingid")) or 0,
        date=parse_date(when),
        committee_id=_int(query.get("cid") or query.get("committeeid")),
        committee_title=committee.strip() or None,
        time=time.group(1) if time else None,
        status="Cancelled" if CANCELLED.search(f"{heading} {subtitle}") else None,
    )
    items = tuple(
        item for row in root.select("table.mgItemTable tr") if (item := _item_row(row, page_url)) is not None
    )
    packs = tuple(_page_links(root, page_url, packs=True))
    return MeetingDetail(meeting, items, packs)


def _item_row(row: Tag, page_url: str) -> AgendaItem | None:
    cells = row.find_all("td", recursive=False)
    if len(cells) < 2:
        return None
    number_cell, body = cells[0], cells[-1]
    anchor = number_cell.select_one("a[name^=AI]")
    title_p = body.select_one("p.mgAiTitleTxt")
    if title_p is None:
        return None
    link = title_p.select_one("a")
    title = _link_text(link) if link else " ".join(title_p.get_text(" ").split())
    return AgendaItem(
        title=title,
        id=_int(anchor["name"][2:]) if anchor else None,  # type: ignore[arg-type]  # bs4 types attributes as str | list; name is single-valued
        number=number_cell.get_text(" ", strip=True).rstrip(".") or None,
        documents=tuple(_page_links(body, page_url, packs=False)),
    )


def _page_links(scope: Tag, page_url: str, *, packs: bool) -> list[LinkedDocument]:
    out: dict[str, LinkedDocument] = {}
    for a in scope.select('a[href*="documents/"], a[href*="mgConvert2PDF.aspx"]'):
        url = urljoin(page_url, a["href"].replace("&amp;", "&"))  # type: ignore[union-attr]  # bs4 types attributes as str | list; href is single-valued
        key = document_key(url)
        if key is None or key.startswith("g") != packs:
            continue
        # the same attachment can be linked as .pdf and as an .html?CT=2 rendition: keep the PDF
        if key not in out or _is_html_rendition(out[key].url):
            out[key] = LinkedDocument(key=key, title=_link_text(a), url=url)
    return list(out.values())


def _is_html_rendition(url: str) -> bool:
    return urlsplit(url).path.lower().endswith((".htm", ".html"))
