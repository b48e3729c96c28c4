"""Document metadata read from the paper itself: council, body, meeting date, title.

Committee reports open with a front sheet in one of a few layouts: labelled fields
("Meeting: …", "Date of meeting: …", "Report title<TAB>…", "Subject: …", "Report to:
Cabinet", "To: Kent Community Safety Partnership – 20 November 2025"), or stacked
lines ("Health and Wellbeing Board / 16 April 2026 / <title> / Report from: …").
Without one, a report that goes to a meeting says so ("a matter for Council (25 April
2013)"); the latest such date is the meeting it went to.

The council is the one that wrote the paper: named in the front sheet's header line
("NORTHTOWN BOROUGH COUNCIL") and in its officers' e-mail domains (neil.howlett@medway.gov.uk).
Partners named in the text (Kent County Council in a district's paper) count for less.
Configured councils map names and domains to their slugs; any other council gets a
slug from its name ("Upper Marsh Borough Council" -> "upper-marsh").
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

import dateparser

from pipeline.councils import CouncilIdentity
from schemas.document import DocumentMeta

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_MON = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
DATE = (
    rf"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
    rf"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS}|{_MON}),?\s+\d{{4}}"
    rf"|\d{{1,2}}/\d{{1,2}}/\d{{4}}"
)
_DATE_RE = re.compile(DATE, re.I)
_ONLY_DATE = re.compile(rf"^(?:on\s+)?({DATE})$", re.I)
# A body and its date on one line: "To: Board – 20 November 2025", "SCRUTINY COMMITTEE 4 OCTOBER 2023".
_BODY_DATE_LINE = re.compile(
    rf"^(?:To:\s*)?(?P<body>[A-Za-z][^:]*?)\s*(?:[–—-]|,|\bon\b|\t|\s{{2,}}|(?<=[a-z])\s)\s*(?P<date>{DATE})$",
    re.I,
)
_MINUTES = re.compile(
    rf"^Minutes of (?:a |the )?(?:\w+ )?meeting of (?:the )?(?P<body>.+?)\s+held\b.*?\bon\s+(?P<date>{DATE})",
    re.I,
)
# A label alone on its line, its value on the next ("Meeting" / "Cabinet" in a web page's table).
_LABEL_ONLY = re.compile(r"^(?P<label>[A-Za-z][A-Za-z ()/']{1,30}?):?$")
_PAGE_MARK = re.compile(r"^(?:page\s+\d+(?:\s+of\s+\d+)?|-{5,}|_{5,})$", re.I)
_SMALL_WORDS = {"and", "of", "the", "for", "in", "on", "to", "a", "an", "at", "by", "with"}
# "Label: value" or "Label<TAB>value" on a front sheet.
_LABELLED = re.compile(r"^(?P<label>[A-Za-z][A-Za-z ()/']{1,30}?)\s*(?::\s*|\t+\s*)(?P<value>\S.*)$")
_TITLE_LABELS = {"subject", "report title", "title", "title of report", "report", "title of the report"}
_BODY_LABELS = {"meeting", "committee", "report to", "to", "meeting of", "decision maker", "board"}
_DATE_LABELS = {"date", "meeting date", "date of meeting", "date of the meeting"}
_OTHER_LABELS = {
    "report of",
    "report by",
    "report from",
    "report author",
    "author",
    "item",
    "agenda item",
    "classification",
    "status",
    "ward",
    "wards",
    "wards affected",
    "key decision",
    "contact",
    "contact officer",
    "lead officer",
    "purpose",
    "class",
    "date of report",
}
_ALL_LABELS = _TITLE_LABELS | _BODY_LABELS | _DATE_LABELS | _OTHER_LABELS
BODY_WORDS = re.compile(
    r"\b(Board|Committee|Council|Cabinet|Partnership|Panel|Forum|Executive|Group|Assembly|Commission)\b"
)
_NOT_TITLE = re.compile(
    r"^(?:Report (?:from|by|of|author|prepared by|written by)|Prepared by|Author|Lead officer|By|From|"
    r"Classification|Contact|Summary|Wards?|Agenda item|A Part|Part [I1]|Status|Key decision)\b",
    re.I,
)
# A report that goes to a meeting: "to Council on 25 April 2013", "a matter for Cabinet (16 April)".
_GOES_TO = re.compile(
    rf"\b(?:to|for|by|before)\s+(?:the\s+)?(?P<body>(?:Full\s+)?Council|Cabinet|"
    rf"(?:[A-Z][\w'&,]*\s+){{0,9}}(?:Committee|Board|Panel|Partnership))"
    rf"\s*(?:on|\(|,|[–—-])?\s*(?P<date>{DATE})"
)
FRONT_LINES = 30
GENERIC_HEADINGS = {
    "summary", "executive summary", "purpose of report", "purpose of the report", "recommendations",
    "recommendation", "background", "introduction", "contents", "appendices", "report", "update",
    "background papers", "financial implications", "legal implications", "risk management",
}  # fmt: skip

# "Northtown Borough Council", "Eastham & Westham City Council", "Lakeside Council".
_COUNCIL_NAME = re.compile(
    r"\b((?:[A-Z][A-Za-z'’-]*(?:\s+(?:&|and|upon|on|under|in)\s+|\s+)){0,3}?[A-Z][A-Za-z'’-]*)\s+"
    r"((?:Metropolitan\s+)?(?:Borough|District|City|County|Town|Parish)\s+)?Council\b"
)
_NOT_COUNCIL = {"the", "full", "this", "county", "borough", "district", "city", "town", "parish", "each",
                "a", "our", "your", "local", "every", "district/borough", "sitting"}  # fmt: skip
_HEADER_COUNCIL = re.compile(
    r"[A-Za-z][\w &'’-]{2,60}?\s+(?:(?:Metropolitan\s+)?(?:Borough|District|City|County|Town)\s+)?Council",
    re.I,
)
# "Safer Northtown", "Safer Eastham Partnership", "Lakeside Community Safety Partnership".
_PLACE_WORD = (
    r"(?!(?:Partnership|Strategy|Plan|Streets|Communities|Neighbourhoods|Board|Group|Community)\b)[A-Z][a-z]+"
)
_PARTNERSHIP_PLACE = re.compile(
    rf"\bSafer ({_PLACE_WORD}(?:[ -](?:on|upon|under|and)?[ -]?{_PLACE_WORD})*)\b"
    rf"|\b({_PLACE_WORD}(?: {_PLACE_WORD}){{0,2}}) Community Safety Partnership\b"
)
_EMAIL_DOMAIN = re.compile(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)*)\.gov\.uk\b", re.I)
# E-mail domains on gov.uk that are not councils' own.
_NATIONAL_DOMAINS = re.compile(
    r"(?:^|[.-])(?:pcc|police|nhs|homeoffice|justice|legislation|cabinetoffice|dwp)", re.I
)


@lru_cache(maxsize=4096)
def parse_date(text: str) -> dt.date | None:
    """A date as written in a paper ("Thursday, 20 November 2025", "16/04/2026")."""
    text = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text)
    parsed = dateparser.parse(
        text, languages=["en"], settings={"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first"}
    )
    return parsed.date() if parsed else None


def extract_metadata(text: str, councils: Iterable[CouncilIdentity] = ()) -> DocumentMeta:
    meta = DocumentMeta(council=detect_council(text, tuple(councils)))
    _front_sheet(text, meta)
    if meta.meeting_date is None:
        _goes_to_meeting(text, meta)
    if meta.title is None:
        meta.title = _title_line(text)
    return meta


def council_slug(name: str) -> str:
    """Slug of a council's name: "Eastham & Westham City Council" -> "eastham-and-westham"."""
    name = re.sub(
        r"\b(?:Metropolitan|Borough|District|City|County|Town|Parish|Council)\b", " ", name, flags=re.I
    )
    name = name.replace("&", " and ")
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def _compact(s: str) -> str:
    return re.sub(r"[^a-z]", "", re.sub(r"\band\b|&", "", s.lower()))


def detect_council(text: str, councils: tuple[CouncilIdentity, ...] = ()) -> str | None:
    """The council that wrote the paper, as a slug; None when the text does not say."""
    scores: Counter[str] = Counter()
    for m in _COUNCIL_NAME.finditer(text):
        if m.group(1).split()[0].lower() not in _NOT_COUNCIL:
            scores[_known_slug(m.group(0), councils) or council_slug(m.group(0))] += 1
    for line in _front_lines(text)[:3]:  # the front sheet's header line names the author
        if _HEADER_COUNCIL.fullmatch(line):
            scores[_known_slug(line, councils) or council_slug(line.title())] += 5
    for domain in _EMAIL_DOMAIN.findall(text):
        if _NATIONAL_DOMAINS.search(domain):
            continue
        slug = _known_slug(domain, councils) or _slug_for_domain(domain, scores)
        scores[slug] += 3
    for c in councils:  # configured names that are not "<X> Council" (e.g. "KCC") and web domains
        lowered = text.lower()
        scores[c.slug] += sum(
            2 * lowered.count(d.lower()) for d in c.domains if "@" + d.lower() not in lowered
        )
        scores[c.slug] += sum(
            2 * len(re.findall(rf"\b{re.escape(n)}\b", text)) for n in c.names if not n.endswith("Council")
        )
    best = scores.most_common(1)
    if best and best[0][1] > 0:
        return best[0][0]
    # No council named: a community safety partnership is named for its district.
    places = Counter(council_slug(m.group(1) or m.group(2)) for m in _PARTNERSHIP_PLACE.finditer(text))
    return places.most_common(1)[0][0] if places else None


def _known_slug(name_or_domain: str, councils: tuple[CouncilIdentity, ...]) -> str | None:
    lowered = name_or_domain.lower()
    for c in councils:
        if any(lowered == n.lower() for n in c.names) or any(
            lowered == d.lower().removesuffix(".gov.uk") or lowered == d.lower() for d in c.domains
        ):
            return c.slug
    return None


def _slug_for_domain(domain: str, scores: Counter[str]) -> str:
    """An e-mail domain stem as a council slug: the named council it spells, else the stem."""
    stem = _compact(domain.split(".")[-1])
    for slug in scores:
        if _compact(slug) and (stem == _compact(slug) or _compact(slug).startswith(stem)):
            return slug
    return domain.split(".")[-1].lower()


def _front_lines(text: str, keep_blank: bool = False) -> list[str]:
    """The first lines of the paper, without page marks; blank lines kept as "" if asked."""
    lines = [ln.strip() for ln in text[:5000].split("\n") if not _PAGE_MARK.match(ln.strip())]
    kept = [ln for ln in lines if ln or keep_blank]
    return kept[: FRONT_LINES * (2 if keep_blank else 1)]


def _front_sheet(text: str, meta: DocumentMeta) -> None:
    # Blank lines are kept so a label's wrapped value stops at the paragraph's end.
    lines = _front_lines(text, keep_blank=True)
    labelled = DocumentMeta()  # explicit labels win over what a line's position suggests
    for i, line in enumerate(lines):
        if not line:
            continue
        m = _BODY_DATE_LINE.match(line)
        if m and _looks_like_body(
            m.group("body")
        ):  # "To: Board – 20 Nov 2025", "CABINET MEETING - 12 FEB 2014"
            meta.body = meta.body or _body(m.group("body"))
            meta.meeting_date = meta.meeting_date or parse_date(m.group("date"))
            rest = [ln for ln in lines[i + 1 : i + 6] if ln]
            if rest and _looks_like_title(rest[0]):
                meta.title = meta.title or _title_block(rest)
        elif m := _MINUTES.search(
            " ".join(ln for ln in lines[i : i + 4] if ln)
        ):  # "Minutes of a meeting of the X held … on <date>"
            meta.body = meta.body or _body(m.group("body"))
            meta.meeting_date = meta.meeting_date or parse_date(m.group("date"))
        elif (m := _LABELLED.match(line)) and _label(m) in _TITLE_LABELS | _BODY_LABELS | _DATE_LABELS:
            _labelled_field(_label(m), _label_value(m.group("value"), lines[i + 1 :]), labelled)
        elif (m := _LABEL_ONLY.match(line)) and _label(m) in _TITLE_LABELS | _BODY_LABELS | _DATE_LABELS:
            _labelled_field(_label(m), _label_value("", lines[i + 1 :]), labelled)  # value on the next line
        elif (m := _ONLY_DATE.match(line)) and meta.meeting_date is None:
            meta.meeting_date = parse_date(m.group(1))
            before = [ln for ln in lines[:i] if ln]
            prev = (
                before[-2] if len(before) > 1 and before[-1].lower() == "on" else before[-1] if before else ""
            )
            if _looks_like_body(prev):
                meta.body = meta.body or _body(prev)
            following = lines[i + 1 : i + 8]
            for k, nxt in enumerate(following):
                if nxt and _looks_like_title(nxt):
                    meta.title = meta.title or _title_block(following[k:])
                    break
                if nxt and _is_front_label(nxt):
                    break
    meta.title = labelled.title or meta.title
    meta.body = labelled.body or meta.body
    meta.meeting_date = labelled.meeting_date or meta.meeting_date
    if meta.body is None:  # a meeting's name standing alone near the top ("Cabinet")
        alone = [p.strip() for p in text[:3000].split("\n\n")[:12] if p.strip() and "\n" not in p.strip()]
        meta.body = next((_body(p) for p in alone if _looks_like_body(p)), None)


def _labelled_field(label: str, value: str, meta: DocumentMeta) -> None:
    if not value:
        return
    if label in _TITLE_LABELS:
        meta.title = meta.title or _clean(_title_case(value))
    elif label in _BODY_LABELS:
        if d := _DATE_RE.search(value):  # "Meeting: Cabinet, 14 January 2026"
            meta.meeting_date = meta.meeting_date or parse_date(d.group(0))
            value = value[: d.start()]
        meta.body = meta.body or _body(value)
    elif (d := _DATE_RE.search(value)) and meta.meeting_date is None:
        meta.meeting_date = parse_date(d.group(0))


def _label_value(first: str, following: list[str]) -> str:
    """A label's value, continued over wrapped lines until a blank line or the next label."""
    parts = [first] if first else []
    for line in following[:4]:
        if not line:
            if parts:
                break
            continue
        if _is_front_label(line) or "\t" in line or (parts and _ends_value(parts[-1])):
            break
        parts.append(line)
        if not first:  # a value under its label is one line unless it visibly wraps
            first = line
    return " ".join(parts)


def _ends_value(line: str) -> bool:
    return line.endswith((".", "?", "!")) or len(line) < 45


def _label(m: re.Match) -> str:
    return " ".join(m.group("label").lower().split())


def _looks_like_body(line: str) -> bool:
    if (
        not BODY_WORDS.search(_title_case(line))
        or len(line.split()) > 12
        or line.endswith((".", ":"))
        or ":" in line
    ):
        return False
    # The paper's own header ("Northtown Borough Council") names the author, not the meeting.
    return not re.search(r"\b(?:Borough|District|City|County|Town)\s+Council$", line, re.I)


def _looks_like_title(line: str) -> bool:
    return (
        not _NOT_TITLE.match(line)
        and 2 <= len(line.split()) <= 25
        and not line.startswith("•")
        and not _is_front_label(line)
        and not _DATE_RE.fullmatch(line)
    )


def _is_front_label(line: str) -> bool:
    """A front-sheet field ("Date: …", "Report of …"), as opposed to a title with a colon."""
    m = _LABELLED.match(line) or _LABEL_ONLY.match(line)
    return bool(m) and (_label(m) in _ALL_LABELS or len(_label(m).split()) <= 2 and ":" in line[:20])


def _title_block(lines: list[str]) -> str:
    """A title and its wrapped continuation: the next lines in capitals, or ending mid-phrase."""
    title = lines[0]
    for nxt in lines[1:3]:
        if not nxt or _is_front_label(nxt) or _NOT_TITLE.match(nxt):
            break
        if not ((title.isupper() and nxt.isupper()) or title.endswith((" and", " of", " for", " the", ","))):
            break
        title += " " + nxt
    return _clean(_title_case(title))


def _body(value: str) -> str:
    """A meeting's name without a trailing remark: "Overview and Scrutiny Committee (sitting as …)"."""
    value = re.sub(r"\s*\((?=[a-z])[^)]*\)\s*$", "", value)  # "(sitting as …)"; not "(Environment …)"
    value = re.sub(r"\s+(?:meeting|MEETING)$", "", value.strip())
    return _clean(_title_case(value))


def _title_case(value: str) -> str:
    """ "NEIGHBOURHOODS OVERVIEW AND SCRUTINY COMMITTEE" -> "Neighbourhoods Overview and Scrutiny Committee"."""
    if not value.isupper():
        return value
    words = value.title().split(" ")
    return " ".join(w.lower() if i and w.lower() in _SMALL_WORDS else w for i, w in enumerate(words))


def _goes_to_meeting(text: str, meta: DocumentMeta) -> None:
    found = []
    for m in _GOES_TO.finditer(text):
        date = parse_date(m.group("date"))
        if date:
            found.append((date, _clean(re.sub(r"^Full\s+", "", m.group("body")))))
    if found:
        date, body = max(found)
        meta.meeting_date = date
        meta.body = meta.body or body


def _title_line(text: str) -> str | None:
    """First short title-case line standing alone near the top, not a generic heading."""
    # Paragraphs are blank-line separated: a title stands alone, a wrapped sentence does not.
    for para in text[:6000].split("\n\n")[:40]:
        line = para.strip()
        words = line.split()
        if not words or "\n" in line or ". " in line or re.search(r"\bCouncil$", line, re.I):
            continue
        if not 3 <= len(words) <= 20 or line[-1] in ".:;,?" or not line[0].isupper():
            continue
        if line.lower() in GENERIC_HEADINGS or _NOT_TITLE.match(line) or _is_front_label(line):
            continue
        if line.isupper():
            line = _title_case(line)
        long_words = [w for w in words if len(w) > 3 and w[0].isalpha()]
        if long_words and sum(w[0].isupper() for w in long_words) / len(long_words) >= 0.75:
            return _clean(line)
    return None


def _clean(value: str) -> str:
    return " ".join(value.replace("*", "").split()).strip(" –—-:")
