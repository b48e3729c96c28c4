"""HTML: the visible text, with block structure kept as lines and table cells as tabs."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, Declaration, Doctype, NavigableString, ProcessingInstruction, Tag

from pipeline.ingest.text import MAX_TEXT_CHARS, decode
from pipeline.metadata import detect_council
from pipeline.normalise import normalise
from schemas.document import Document

_WS = re.compile(r"\s+")
_INVISIBLE = {"script", "style", "noscript", "template", "head", "svg", "iframe", "object"}
_BLOCKS = {
    "p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "ul", "ol",
    "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "blockquote", "pre", "hr", "dl", "dt", "dd",
    "address", "figure", "figcaption", "form", "fieldset",
}  # fmt: skip


_CHROME_ROLES = {"navigation", "banner", "contentinfo", "search", "complementary"}
_CHROME_MARKS = ("cookie", "breadcrumb", "skip-link", "skiplink")
_MARKUP_INDENT = re.compile(r"\n +(?=\S)")
LIST_INDENT = 4  # spaces of indentation per level of a nested list
_PARAGRAPHS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "blockquote", "pre"}


def read_html(data: bytes, doc_id: str, uri: str, truncated: bool = False) -> Document:
    warnings: list[str] = []
    soup = BeautifulSoup(decode(data, warnings), "lxml")
    parts: list[str] = []
    # The site around the report names its council ("… | Northtown Council" in <title>, the
    # masthead, the footer): read it before the chrome is dropped, as a fallback council.
    site_council = detect_council(" \n".join(_site_texts(soup)))
    root = _content_root(soup)
    heading = root.find("h1") or soup.find("h1")
    _walk(root, parts)
    # HTML indentation is markup layout, not nesting (nested lists are indented by _walk).
    text = _MARKUP_INDENT.sub("\n", "".join(parts))
    if truncated or len(text) > MAX_TEXT_CHARS:
        text = text[:MAX_TEXT_CHARS]
        warnings.append(f"text truncated: only the first {MAX_TEXT_CHARS:,} characters were read")
    doc = Document(
        doc_id=doc_id, source_uri=uri, source_format="html", text=normalise(text).text, warnings=warnings
    )
    if heading and (title := " ".join(heading.get_text(" ").split())):
        # the page's own heading is the report's title (without a "Subject:" label before it)
        doc.meta.title = re.sub(r"^(?:subject|title|report title)\s*:\s*", "", title, flags=re.I)
    doc.meta.council = site_council
    return doc


def _site_texts(soup: BeautifulSoup) -> list[str]:
    """The page title and the site's masthead and footer: where a web page names its owner."""
    texts = [soup.title.get_text(" ")] if soup.title else []
    roles = soup.find_all(attrs={"role": ["banner", "contentinfo"]})  # type: ignore[call-overload]  # bs4 takes a list of values; its stubs do not say so
    for tag in soup.find_all(["header", "footer"]) + roles:
        texts.append(tag.get_text(" "))
    return texts


def _content_root(soup: BeautifulSoup) -> Tag:
    """The page's own content: <main>/<article> (or ModernGov's div#modgov) without site chrome."""
    root = soup.find("main") or soup.find("article") or soup.find("div", id="modgov") or soup.body or soup
    for tag in root.find_all(_is_chrome):
        tag.decompose()
    return root


def _is_chrome(tag: Tag) -> bool:
    if tag.name in ("nav", "aside") or tag.get("role") in _CHROME_ROLES:
        return True
    marks = " ".join([str(tag.get("id") or ""), *tag.get_attribute_list("class")]).lower()
    return any(word in marks for word in _CHROME_MARKS)


def _break(parts: list[str], n: int) -> None:
    """End the text so far with at least `n` newlines (blocks don't stack blank lines)."""
    tail = "".join(parts[-3:]).rstrip(" ")
    have = len(tail) - len(tail.rstrip("\n"))
    if parts and have < n:
        parts.append("\n" * (n - have))


def _walk(root: Tag, parts: list[str]) -> None:
    """Append the visible text under `root` to `parts`, blocks as lines and cells as tabs.

    An explicit stack instead of recursion: pages nest elements thousands deep (a
    recursive walk raised RecursionError). Entries are ("node", element, list depth,
    inside a list item) or the actions to run once an element's children are done.
    """
    todo: list[tuple] = [("children", root, 0, False)]
    while todo:
        op, node, lists, in_li = todo.pop()
        if op == "break":
            _break(parts, node)
        elif op == "tab":
            parts.append("\t")
        elif op == "row_end":
            if parts and parts[-1] == "\t":
                parts.pop()  # no tab after a row's last cell
            _break(parts, 1)
        elif op == "children":
            todo.extend(("node", child, lists, in_li) for child in reversed(list(node.children)))
        else:
            _visit(node, lists, in_li, parts, todo)


def _visit(child, lists: int, in_li: bool, parts: list[str], todo: list[tuple]) -> None:
    """One element or string: write what comes before its children, queue them and what follows."""
    if isinstance(child, (Comment, Doctype, Declaration, ProcessingInstruction)):
        return
    if isinstance(child, NavigableString):
        parts.append(_WS.sub(" ", str(child)))  # HTML whitespace is insignificant
        return
    if not isinstance(child, Tag) or child.name in _INVISIBLE:
        return
    name = child.name
    if name == "br":
        parts.append("\n")
    elif name == "li":
        _break(parts, 1)
        parts.append("\u00a0" * (LIST_INDENT * max(lists - 1, 0)) + "• ")  # kept as indentation
        todo += [("break", 1, lists, in_li), ("children", child, lists, True)]
    elif name in ("td", "th"):
        todo += [("tab", None, lists, in_li), ("children", child, lists, in_li)]
    elif name == "tr":
        _break(parts, 1)
        todo += [("row_end", None, lists, in_li), ("children", child, lists, in_li)]
    elif name in _BLOCKS:
        is_list = name in ("ul", "ol")
        n = 2 if name in _PARAGRAPHS and not (is_list and in_li) else 1
        _break(parts, n)
        todo += [("break", n, lists, in_li), ("children", child, lists + is_list, in_li)]
    else:
        todo.append(("children", child, lists, in_li))
