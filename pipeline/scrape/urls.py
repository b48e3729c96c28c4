"""ModernGov URLs: web-service and page builders, document identity, canonical spelling."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import re
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

from requests.utils import requote_uri

ATTACHMENT_PATH = re.compile(r"/documents/s(\d+)/", re.IGNORECASE)
PACK_PATH = re.compile(r"/documents/g(\d+)/", re.IGNORECASE)


def ws_url(base_url: str, operation: str, **params: object) -> str:
    query = urlencode({k: v for k, v in params.items() if v is not None}, safe="/")
    return f"{base_url.rstrip('/')}/mgWebService.asmx/{operation}" + (f"?{query}" if query else "")


def ws_date(day: dt.date) -> str:
    """dd/mm/yyyy: the web service silently ignores any other format and returns everything."""
    return day.strftime("%d/%m/%Y")


def committees_url(base_url: str) -> str:
    return ws_url(base_url, "GetCommittees")


def meetings_url(base_url: str, committee_id: int, start: dt.date, end: dt.date) -> str:
    return ws_url(
        base_url, "GetMeetings", lCommitteeId=committee_id, sFromDate=ws_date(start), sToDate=ws_date(end)
    )


def meeting_url(base_url: str, meeting_id: int) -> str:
    return ws_url(base_url, "GetMeeting", lMeetingId=meeting_id)


def committee_list_page(base_url: str) -> str:
    return f"{base_url.rstrip('/')}/mgListCommittees.aspx?bcr=1"


def meetings_page(base_url: str, committee_id: int, year: int) -> str:
    return f"{base_url.rstrip('/')}/ieListMeetings.aspx?CId={committee_id}&Year={year}"


def meeting_page(base_url: str, committee_id: int | None, meeting_id: int) -> str:
    cid = f"CId={committee_id}&" if committee_id is not None else ""
    return f"{base_url.rstrip('/')}/ieListDocuments.aspx?{cid}MId={meeting_id}"


def document_key(url: str) -> str | None:
    """(council-local) identity of a document URL: attachment id, or g{MId}-T{n} for packs."""
    parts = urlsplit(url)
    query = query_params(url)
    if parts.path.lower().endswith("mgconvert2pdf.aspx") and query.get("id", "").isdigit():
        return query["id"]
    if match := ATTACHMENT_PATH.search(parts.path):
        return match.group(1)
    if match := PACK_PATH.search(parts.path):
        return f"g{match.group(1)}-T{query.get('t', '0')}"
    return None


def canonical_url(url: str, base_url: str, aliases: list[str] | tuple[str, ...] = ()) -> str:
    """One spelling per document URL: proxy wrappers unwrapped, alias hosts mapped to the base
    host (Kent also answers on :9071), fragment dropped, spaces and &amp; normalised."""
    url = url.replace("&amp;", "&").strip()
    wrapped = query_params(url).get("sq_content_src")
    if wrapped:
        url = _unwrap_proxy(wrapped) or url
    parts = urlsplit(url)._replace(fragment="")
    base = urlsplit(base_url)
    if parts.netloc.lower() in {a.lower() for a in aliases}:
        # an alias origin serves the same site: rebase the path onto base_url (which may be a mirror)
        parts = parts._replace(
            scheme=base.scheme, netloc=base.netloc, path=base.path.rstrip("/") + parts.path
        )
    elif parts.hostname == base.hostname:
        parts = parts._replace(scheme=base.scheme, netloc=base.netloc)
    return requote_uri(urlunsplit(parts))


def _unwrap_proxy(value: str) -> str | None:
    """Maidstone's site re-serves pages through `?sq_content_src=<base64 of the origin URL>`."""
    if value.startswith(("http://", "https://")):
        return value
    try:
        decoded = base64.b64decode(value + "=" * (-len(value) % 4), altchars=b"-_").decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    return decoded if decoded.startswith(("http://", "https://")) else None


def query_params(url: str) -> dict[str, str]:
    """Query parameters with lower-cased names (ModernGov mixes MId, MID and MeetingId)."""
    return {k.lower(): v[0] for k, v in parse_qs(urlsplit(url).query, keep_blank_values=True).items()}
