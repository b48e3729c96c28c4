"""HTML: the visible text, with block structure kept as lines and table cells as tabs."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, Declaration, Doctype, NavigableString, ProcessingInstruction, Tag

from pipeline.document import Document
from pipeline.ingest.text import MAX_TEXT_CHARS, decode
from pipeline.normalise import normalise

_WS = re.compile(r"\s+")
_INVISIBLE = {"script", "style", "noscript", "template", "head", "svg", "iframe", "object"}
_BLOCKS = {
    "p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "ul", "ol",
    "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "blockquote", "pre", "hr", "dl", "dt", "dd",
    "address", "figure", "figcaption", "form", "fieldset",
}  # fmt: skip


_CHROME_ROLES = {"navigation", "banner", "contentinfo", "search", "complementary"}
_CHROME_MARKS = ("cookie", "breadcrumb", "skip-link", "skiplink")
_PARAGRAPHS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "blockquote", "pre"}


def read_html(data: bytes, doc_id: str, uri: str, truncated: bool = False) -> Document:
    warnings: list[str] = []
    soup = BeautifulSoup(decode(data, warnings), "lxml")
    parts: list[str] = []
    _walk(_content_root(soup), parts)
    text = "".join(parts)
    if truncated or len(text) > MAX_TEXT_CHARS:
        text = text[:MAX_TEXT_CHARS]
        warnings.append(f"text truncated: only the first {MAX_TEXT_CHARS:,} characters were read")
    return Document(
        doc_id=doc_id, source_uri=uri, source_format="html", text=normalise(text).text, warnings=warnings
    )


def _content_root(soup: BeautifulSoup) -> Tag:
    """The page's own content: <main>/<article> (or ModernGov's div#modgov) without site chrome."""
    root = soup.find("main") or soup.find("article") or soup.find("div", id="modgov") or soup.body or soup
    for tag in root.find_all(_is_chrome):
        tag.decompose()
    return root


def _is_chrome(tag: Tag) -> bool:
    if tag.name in ("nav", "aside") or tag.get("role") in _CHROME_ROLES:
        return True
    marks = " ".join([tag.get("id") or "", *tag.get("class", [])]).lower()
    return any(word in marks for word in _CHROME_MARKS)


def _break(parts: list[str], n: int) -> None:
    """End the text so far with at least `n` newlines (blocks don't stack blank lines)."""
    tail = "".join(parts[-3:]).rstrip(" ")
    have = len(tail) - len(tail.rstrip("\n"))
    if parts and have < n:
        parts.append("\n" * (n - have))


def _walk(node: Tag, parts: list[str]) -> None:
    for child in node.children:
        if isinstance(child, (Comment, Doctype, Declaration, ProcessingInstruction)):
            continue
        if isinstance(child, NavigableString):
            parts.append(_WS.sub(" ", str(child)))  # HTML whitespace is insignificant
            continue
        if not isinstance(child, Tag) or child.name in _INVISIBLE:
            continue
        name = child.name
        if name == "br":
            parts.append("\n")
        elif name == "li":
            _break(parts, 1)
            parts.append("• ")
            _walk(child, parts)
            _break(parts, 1)
        elif name in ("td", "th"):
            _walk(child, parts)
            parts.append("\t")
        elif name == "tr":
            _break(parts, 1)
            _walk(child, parts)
            if parts and parts[-1] == "\t":
                parts.pop()  # no tab after a row's last cell
            _break(parts, 1)
        elif name in _BLOCKS:
            n = 2 if name in _PARAGRAPHS else 1
            _break(parts, n)
            _walk(child, parts)
            _break(parts, n)
        else:
            _walk(child, parts)
