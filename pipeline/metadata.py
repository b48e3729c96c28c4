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
from collections.abc import Callable, Iterable
from functools import lru_cache

import dateparser

from pipeline.councils import CouncilIdentity
from pipeline.paper_council import COUNCIL_NAME, council_of
from pipeline.web_page import ITEM_SUFFIX, breadcrumb_leaf, clean_item, is_chrome, meeting_line
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
# White space in patterns is bounded ({0,40}) or taken in one run: two unbounded runs side by
# side cost the square of a long run of tabs. A body and its date on one line: "To: Board – 20 November 2025", "SCRUTINY COMMITTEE 4 OCTOBER 2023".
_BODY_DATE_LINE = re.compile(
    rf"^(?:To:\s*)?(?P<body>[A-Za-z](?:[^:]*?[^\s:])?)(?:\s*(?:[–—-]|,|\bon\b)\s*|\s+)(?P<date>{DATE})$",
    re.I,
)
# What follows a title on its line: "… - Report of the Director", "…: REPORT OF THE HEAD OF …", "[Key Decision: …]".
_REPORT_TAIL = re.compile(r"\s*(?:[-–—:]\s*Report\s+(?:of|by|from)\b.*|\[[^]]*\])\s*$", re.I)
_WHOLE_MEETING = re.compile(r"Agenda(?: and (?:draft )?minutes)?\s*\n", re.I)
_MODERNGOV_MEETING = re.compile(
    rf"^(?:Meeting|Decided at meeting|Date of decision)\s*:\s*(?P<date>{DATE})\s*[-–—]\s*(?P<body>.+)$", re.I
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
_LABELLED = re.compile(
    r"^(?P<label>[A-Za-z][A-Za-z ()/']{1,30}?)\s{0,40}(?::\s{0,40}|\t{1,40}\s{0,40})(?P<value>\S.*)$"
)
_TITLE_LABELS = {"subject", "report title", "title", "title of report", "report", "title of the report"}
_BODY_LABELS = {"meeting", "committee", "report to", "to", "meeting of", "decision maker", "board"}
_DATE_LABELS = {"date", "meeting date", "date of meeting", "date of the meeting"}
_FIELD_LABELS = _TITLE_LABELS | _BODY_LABELS | _DATE_LABELS
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
BODY_ENDS = re.compile(
    r"\b(?:Board|Committee|Council|Cabinet|Partnership|Panel|Forum|Executive|Group|Assembly|Commission)"
    r"(?:\s+(?:Meeting|meeting|MEETING))?$"
)
BODY_WORDS = re.compile(
    r"\b(Board|Committee|Council|Cabinet|Partnership|Panel|Forum|Executive|Group|Assembly|Commission)\b"
)
_NOT_TITLE = re.compile(
    r"^(?:Report (?:from|by|of|author|prepared by|written by)|Prepared by|Author|Lead officer|By|From|Minutes of|"
    r"Classification|Contact|Summary|Wards?|Agenda item|A Part|Part [I1]|Status|Key decision)\b",
    re.I,
)
# A report that goes to a meeting: "to Council on 25 April 2013", "a matter for Cabinet (16 April)".
_GOES_TO = re.compile(
    rf"\b(?:to|for|by|before)\s+(?:the\s+)?(?P<body>(?:Full\s+)?Council|Cabinet|"
    rf"(?:[A-Z][\w'&,]*\s+){{0,9}}(?:Committee|Board|Panel|Partnership))"
    rf"\s{{0,40}}(?:on|\(|,|[–—-])?\s{{0,40}}(?P<date>{DATE})"
)
FRONT_LINES = 30
GENERIC_HEADINGS = {
    "summary", "executive summary", "purpose of report", "purpose of the report", "recommendations",
    "recommendation", "background", "introduction", "contents", "appendices", "report", "update",
    "background papers", "financial implications", "legal implications", "risk management",
}  # fmt: skip


@lru_cache(maxsize=4096)
def parse_date(text: str) -> dt.date | None:
    """A date as written in a paper ("Thursday, 20 November 2025", "16/04/2026")."""
    text = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text)
    parsed = dateparser.parse(
        text, languages=["en"], settings={"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first"}
    )
    return parsed.date() if parsed else None


def extract_metadata(
    text: str, councils: Iterable[CouncilIdentity] = (), source_uri: str = ""
) -> DocumentMeta:
    meta = DocumentMeta(council=detect_council(text, tuple(councils), source_uri))
    _front_sheet(text, meta)
    if meta.meeting_date is None:
        _goes_to_meeting(text, meta)
    if meta.title is None and not _WHOLE_MEETING.match(text.lstrip()):
        meta.title = _head_title(text) or _title_line(text)
    if meta.title and meta.body and meta.title.lower() == meta.body.lower():
        meta.title = None  # the meeting's name is not the report's title
    return meta


def _head_title(text: str) -> str | None:
    """The title a web page or agenda item opens with: a breadcrumb's last step, an agenda line
    ("153 Joint Strategy: Monitoring pdf icon PDF 126 KB"), or the first short heading line,
    looked for above the first sentence of running text."""
    for raw in [ln.strip() for ln in text[:3000].split("\n") if ln.strip()][:8]:
        if is_chrome(raw) or _MODERNGOV_MEETING.match(raw) or _BODY_DATE_LINE.match(meeting_line(raw)):
            continue
        if leaf := breadcrumb_leaf(raw):
            return _clean(leaf)
        line = _REPORT_TAIL.sub("", re.sub(r"\s+[-–—]\s+Page\s+\d+$", "", clean_item(raw), flags=re.I))
        words = line.split()
        lower = sum(w[0].islower() for w in words)
        if (
            raw.endswith((".", ":", ";", ","))
            or len(words) > 25
            or (words and words[-1].lower() in _SMALL_WORDS)  # a sentence running on to the next line
            or (len(words) >= 12 and 2 * lower > len(words))
        ):
            return None  # running text has begun
        if line.lower() in GENERIC_HEADINGS:
            continue
        date = _DATE_RE.search(line)
        if _is_front_label(line) or (date and date.end() == len(line)):
            continue
        if (
            2 <= len(words) <= 20
            and line[0].isupper()
            and re.search("[a-z]", line)
            and _looks_like_title(line)
        ):
            return _clean(_title_case(line))
    return None


def detect_council(text: str, councils: tuple[CouncilIdentity, ...] = (), source_uri: str = "") -> str | None:
    """The council (or commissioner) that owns the paper, from the gazetteer; None when the text does not say."""
    return council_of(text, source_uri, councils)


def _front_lines(text: str, keep_blank: bool = False) -> list[str]:
    """The first lines of the paper, without page marks and web-page furniture; blank lines kept as "" if asked."""
    lines = [
        ln.strip() for ln in text[:5000].split("\n") if not _PAGE_MARK.match(ln.strip()) and not is_chrome(ln)
    ]
    kept = [ln for ln in lines if ln or keep_blank]
    return kept[: FRONT_LINES * (2 if keep_blank else 1)]


def _front_sheet(text: str, meta: DocumentMeta) -> None:
    """Body, meeting date and title from the paper's first lines, by the forms in FRONT_SHEET_FORMS."""
    # Blank lines are kept so a label's wrapped value stops at the paragraph's end.
    lines = _front_lines(text, keep_blank=True)
    labelled = DocumentMeta()  # explicit labels win over what a line's position suggests
    for i, line in enumerate(lines):
        if line:
            any(form(lines, i, meta, labelled) for form in FRONT_SHEET_FORMS)  # the first form that fits
    meta.title = labelled.title or meta.title
    if _WHOLE_MEETING.match(text.lstrip()):
        meta.title = labelled.title  # a whole meeting's agenda and minutes: its items are not the title
    meta.body = labelled.body or meta.body
    meta.meeting_date = labelled.meeting_date or meta.meeting_date
    if meta.body is None:  # a meeting's name standing alone near the top ("Cabinet")
        alone = [p.strip() for p in text[:3000].split("\n\n")[:12] if p.strip() and "\n" not in p.strip()]
        meta.body = next((_body(p) for p in alone if _looks_like_body(p)), None)


# Each front-sheet form reads line i of the first lines; it returns True when the line is of its
# form (whether or not it filled a field), so later forms are not tried on it.
FrontForm = Callable[[list[str], int, DocumentMeta, DocumentMeta], bool]


def _body_and_date_line(lines: list[str], i: int, meta: DocumentMeta, labelled: DocumentMeta) -> bool:
    """ "To: Board – 20 Nov 2025", "CABINET MEETING - 12 FEB 2014", ModernGov's "Cabinet - Tuesday,
    14 March 2023 7.00pm" and "- Meeting of Audit Committee, Wednesday, 5th October, 2022 (Item 8)",
    with the title under it."""
    m = _BODY_DATE_LINE.match(meeting_line(lines[i]))
    body = m and _last_body(m.group("body"))
    if not (m and body):
        return False
    meta.body = meta.body or body
    meta.meeting_date = meta.meeting_date or parse_date(m.group("date"))
    rest = [ln for ln in lines[i + 1 : i + 6] if ln]
    if rest and _looks_like_title(rest[0]):
        meta.title = meta.title or _title_block(rest)
    return True


def _minutes_heading(lines: list[str], i: int, meta: DocumentMeta, labelled: DocumentMeta) -> bool:
    """ "Minutes of a meeting of the X held … on <date>", possibly wrapped over four lines."""
    m = _MINUTES.search(" ".join(ln for ln in lines[i : i + 4] if ln))
    if not m:
        return False
    meta.body = meta.body or _body(m.group("body"))
    meta.meeting_date = meta.meeting_date or parse_date(m.group("date"))
    return True


def _label_with_value(lines: list[str], i: int, meta: DocumentMeta, labelled: DocumentMeta) -> bool:
    """ "Meeting: Cabinet", "Date: 14 January 2026", the value wrapping onto the next lines."""
    m = _LABELLED.match(lines[i])
    if not (m and _label(m) in _FIELD_LABELS):
        return False
    _labelled_field(_label(m), _label_value(m.group("value"), lines[i + 1 :]), labelled)
    return True


def _label_alone(lines: list[str], i: int, meta: DocumentMeta, labelled: DocumentMeta) -> bool:
    """ "Report title:" alone on its line, the value on the next."""
    m = _LABEL_ONLY.match(lines[i])
    if not (m and _label(m) in _FIELD_LABELS):
        return False
    _labelled_field(_label(m), _label_value("", lines[i + 1 :]), labelled)
    return True


def _date_alone(lines: list[str], i: int, meta: DocumentMeta, labelled: DocumentMeta) -> bool:
    """A date alone on its line: the body is on the line above ("Cabinet" / "on"), the title below."""
    m = _ONLY_DATE.match(lines[i])
    if not (m and meta.meeting_date is None):
        return False
    meta.meeting_date = parse_date(m.group(1))
    before = [ln for ln in lines[:i] if ln]
    prev = before[-2] if len(before) > 1 and before[-1].lower() == "on" else before[-1] if before else ""
    if _looks_like_body(prev):
        meta.body = meta.body or _body(prev)
    following = lines[i + 1 : i + 8]
    for k, nxt in enumerate(following):
        if nxt and _looks_like_title(nxt):
            meta.title = meta.title or _title_block(following[k:])
            break
        if nxt and _is_front_label(nxt):
            break
    return True


def _moderngov_meeting(lines: list[str], i: int, meta: DocumentMeta, labelled: DocumentMeta) -> bool:
    """ModernGov's "Meeting: 12/07/2022 - Audit Committee (Item 7)", "Decided at meeting: 03/11/2021 - Cabinet"."""
    m = _MODERNGOV_MEETING.match(lines[i])
    body = m and _last_body(meeting_line(m.group("body")))
    if not (m and body):
        return False
    labelled.body = labelled.body or body
    labelled.meeting_date = labelled.meeting_date or parse_date(m.group("date"))
    return True


def _last_body(value: str) -> str | None:
    """The meeting's name in a head that may repeat it ("Special Meeting of the Audit Committee,
    Audit Committee"): the last comma-separated part that looks like a body, cleaned."""
    for part in reversed([p for p in value.split(",") if p.strip()]):
        if _looks_like_body(part.strip()):
            return _body(part)
    return None


FRONT_SHEET_FORMS: tuple[FrontForm, ...] = (
    _moderngov_meeting,
    _body_and_date_line,
    _minutes_heading,
    _label_with_value,
    _label_alone,
    _date_alone,
)


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
    """A meeting's name: it ends with what it is ("… Committee", "Cabinet", "… Board meeting")."""
    line = ITEM_SUFFIX.sub("", line).strip()
    if (
        not BODY_ENDS.search(_title_case(line))
        or len(line.split()) > 12
        or line.endswith((".", ":"))
        or ":" in line
    ):
        return False
    # The paper's own header ("Northtown Borough Council") names the author, not the meeting.
    return not re.search(r"\b(?:Borough|District|City|County|Town)\s+Council$", line, re.I)


def _looks_like_title(line: str) -> bool:
    """A report's title: a short line opening with a letter, not a field, an instruction
    ("To consider item 8"), a sentence, a dated head or a council's name."""
    return (
        not _NOT_TITLE.match(line)
        and 2 <= len(line.split()) <= 25
        and line[:1].isalpha()
        and not line.endswith(".")
        and not _is_front_label(line)
        and not _DATE_RE.search(line)
        and not re.match(r"To\s+[a-z]", line)
        and not COUNCIL_NAME.fullmatch(line.title() if line.isupper() else line)
    )


def _is_front_label(line: str) -> bool:
    """A front-sheet field ("Date: …", "Report of …"), as opposed to a title with a colon."""
    m = _LABELLED.match(line) or _LABEL_ONLY.match(line)
    return m is not None and (_label(m) in _ALL_LABELS or len(_label(m).split()) <= 2 and ":" in line[:20])


def _title_block(lines: list[str]) -> str:
    """A title and its wrapped continuation: the next lines in capitals, or ending mid-phrase."""
    title = lines[0]
    for nxt in lines[1:3]:
        if not nxt or _is_front_label(nxt) or _NOT_TITLE.match(nxt):
            break
        if not (
            (title.isupper() and nxt.isupper())
            or title.endswith((" and", " of", " for", " the", ",", " -", " –"))
        ):
            break
        title += " " + nxt
    return _clean(_title_case(_REPORT_TAIL.sub("", title)))


def _body(value: str) -> str:
    """A meeting's name without a trailing remark: "Overview and Scrutiny Committee (sitting as …)"."""
    value = ITEM_SUFFIX.sub("", value)
    value = re.sub(r"\s{0,40}\((?=[a-z])[^)]*\)\s*$", "", value)  # "(sitting as …)"; not "(Environment …)"
    value = re.sub(r"\s+meeting$", "", value.strip(), flags=re.I)
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
        if (
            line.lower() in GENERIC_HEADINGS
            or _NOT_TITLE.match(line)
            or _is_front_label(line)
            or is_chrome(line)
        ):
            continue
        if line.isupper():
            line = _title_case(line)
        long_words = [w for w in words if len(w) > 3 and w[0].isalpha()]
        if long_words and sum(w[0].isupper() for w in long_words) / len(long_words) >= 0.75:
            return _clean(line)
    return None


def _clean(value: str) -> str:
    return " ".join(value.replace("*", "").split()).strip(" –—-:,;")
