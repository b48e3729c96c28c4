"""Web-page furniture around a paper's text, and the head lines of ModernGov pages.

Text saved from council web pages carries the site around the report: skip links,
accessibility and cookie bars, breadcrumbs ("Home » Council » Plans » Our Plan"), page
headers of ModernGov sites ("Issue - meetings", "Agenda and minutes", "Minutes:"), link
decorations ("pdf icon PDF 88 KB"), "Last updated" and "Open until" lines, hosts' "created
by" lines. None of it is ever a title, a body or a council. ModernGov's own head lines
carry the meeting: "Meeting: 12/07/2022 - Audit Committee (Item 7)", "Cabinet - Tuesday,
14 March 2023 7.00pm", "- Meeting of Audit Committee, Wednesday, 5th October, 2022".
"""

from __future__ import annotations

import re

# Whole lines that are the site's, not the paper's.
CHROME = re.compile(
    r"^(?:skip to (?:main )?content|issue - (?:meetings|items at meetings)|agenda(?: and (?:draft )?minutes)?"
    r"|agenda item(?: \d+)?|(?:public )?agenda item \d+|minutes:?|additional documents:?|decision details"
    r"|view the background to item.*|show all parts of this guide|accessibility options.*|cookies?\b.*"
    r"|(?:accept|reject) (?:all )?cookies|contact us|find your .*|print this page|share this page|back to top"
    r"|menu|search|sign in|log in|(?:last )?updated:? .*|published:? .*|total page:.*|file type:.*"
    r"|open until .*|closed(?: on)? .*|(?:uploaded|created|posted) by .*|view directions|webcast:.*"
    r"|watch (?:the )?(?:meeting|webcast).*|download .*|no\.? item|items|guide .* - \d{1,2} \w+ \d{4}"
    r"|page \d+(?: of \d+)?|\d+ (?:documents?|comments?)|(?:monday|tuesday|wednesday|thursday|friday|saturday"
    r"|sunday), \w+ \d{1,2}, \d{4}|text only|listen|translate|a a a|home|(?:public )?agenda item \d+|.*\btext size\b.*)$",
    re.I,
)
# Link decorations and agenda numbering around an item's title.
DECORATION = re.compile(r"\s*(?:pdf icon\s*)?\bPDF\s+\d+(?:\.\d+)?\s*[KM]B\b.*$", re.I)
ITEM_NUMBER = re.compile(r"^(?:item\s+)?\d{1,4}(?:/\d{2,4})?[.)]?\s+(?=[A-Z])", re.I)
ITEM_SUFFIX = re.compile(r"\s*[(\[](?:agenda\s+)?item\s+[\w/.]+[)\]]\s*$", re.I)
TIME = re.compile(r"\s+\d{1,2}(?:[.:]\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)?$", re.I)
BREADCRUMB = re.compile(r"\s+(?:»|›|>)\s+")


def is_chrome(line: str) -> bool:
    """Whether a line is the site's furniture rather than the paper's."""
    line = " ".join(line.split()).lstrip("-–—•·* ")
    return bool(CHROME.match(line)) or line.lower().startswith(("skip to", "accessibility"))


def breadcrumb_leaf(line: str) -> str | None:
    """The page's own name at the end of a breadcrumb trail ("Home » Policies » Risk Register")."""
    parts = BREADCRUMB.split(line.strip())
    return (
        parts[-1].strip()
        if len(parts) >= 3 and parts[0].lower() in ("home", "you are here:", "you are here")
        else None
    )


def clean_item(line: str) -> str:
    """An agenda line without its number, link decoration and "(Item 8)" tag."""
    line = DECORATION.sub("", line.strip())
    line = ITEM_SUFFIX.sub("", line)
    return ITEM_NUMBER.sub("", line).strip()


def meeting_line(line: str) -> str:
    """A ModernGov meeting head without its time and item tag, ready for the body-and-date forms:
    "- Meeting of Audit Committee, Wednesday, 5th October, 2022 10.00 am (Item 8/23)"
    -> "Audit Committee, Wednesday, 5th October, 2022"."""
    line = ITEM_SUFFIX.sub("", line.strip().lstrip("-–—•·* ").strip())
    line = TIME.sub("", line)
    line = re.sub(
        r"^(?:(?:special|extraordinary|annual)\s+)?meeting\s+of\s+(?:the\s+)?", "", line, flags=re.I
    )
    return line.strip()
