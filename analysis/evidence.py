"""Where a fact came from, as a link a reader can follow: the source document (URL or
file) and the page, with the evidence text on hover.

A URL links as it is; a local file links by its path relative to the report, so the page
still works when the report folder and the papers move together. A PDF link carries
`#page=N`, which browsers' PDF viewers open at that page.
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path
from urllib.parse import quote

import pandas as pd

MAX_LABEL = 60  # characters of a document title shown as link text
MAX_QUOTE = 300  # characters of evidence text in a link's tooltip


def is_url(source: str) -> bool:
    return bool(re.match(r"https?://", source or "", re.I))


def _blank(value) -> bool:
    return value is None or (not isinstance(value, list | tuple) and pd.isna(value))


def location(page, char_start=None, char_end=None) -> str:
    """'p. 3' for a paged document; 'chars 120-160' for plain text (it has no pages)."""
    if not _blank(page):
        return f"p. {int(page)}"
    if not _blank(char_start) and not _blank(char_end):
        return f"chars {int(char_start)}-{int(char_end)}"
    return "page not known"


def href(source: str, out_dir: Path, page=None, fmt: str | None = None) -> str:
    """The link to `source` from a page in `out_dir`; a PDF's link opens at `page`."""
    fragment = (
        f"#page={int(page)}" if not _blank(page) and (fmt == "pdf" or source.lower().endswith(".pdf")) else ""
    )
    if is_url(source):
        return source + fragment
    path = Path(source)
    if path.exists():
        rel = os.path.relpath(path.resolve(), Path(out_dir).resolve())
        return quote(Path(rel).as_posix()) + fragment
    return quote(source) + fragment


def label(source: str, title) -> str:
    """Link text: the document's title when known, else the file name or the URL's last part."""
    if not _blank(title) and str(title).strip():
        text = re.sub(r"\s+", " ", str(title)).strip()
        return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1].rstrip() + "…"
    tail = re.split(r"[/\\]", (source or "").rstrip("/"))[-1]
    return tail or source


def quote_of(text: str | None, char_start, char_end) -> str:
    """The evidence span of `text`, whitespace folded, cut to MAX_QUOTE characters."""
    if not text or _blank(char_start) or _blank(char_end):
        return ""
    span = re.sub(r"\s+", " ", text[int(char_start) : int(char_end)]).strip()
    return span if len(span) <= MAX_QUOTE else span[: MAX_QUOTE - 1] + "…"


def link_html(row, out_dir: Path, compact: bool = False, number: int = 1) -> str:
    """`<a>` to the row's document and its location, the evidence text as tooltip; `compact`
    shows only the page ("p. 3"; "doc 1" for plain text) as link text, the title in the tooltip.

    `row` has source, doc_title, source_format, quote, doc_id, page, char_start, char_end."""
    quote_text = row.quote
    where = location(row.page, row.char_start, row.char_end)
    name = label(row.source, row.doc_title)
    tip = "\n".join([*([name] if compact else []), row.source, *([f"“{quote_text}”"] if quote_text else [])])
    link = f'<a class="evidence" href="{html.escape(href(row.source, out_dir, row.page, row.source_format))}" title="{html.escape(tip)}">'
    if compact:
        return link + html.escape(where if not _blank(row.page) else f"doc {number}") + "</a>"
    return link + f'{html.escape(name)}</a> <span class="loc">{html.escape(where)}</span>'


def links_html(rows: pd.DataFrame, out_dir: Path, limit: int = 5, compact: bool = False) -> str:
    """One link per document among `rows` (its first fact), up to `limit`, then 'and N more'."""
    firsts = rows.sort_values(["source", "page", "char_start"], na_position="last").drop_duplicates("doc_id")
    shown = [link_html(r, out_dir, compact, i) for i, r in enumerate(firsts.head(limit).itertuples(), 1)]
    more = len(firsts) - limit
    sep = " " if compact else "<br />"
    return sep.join(shown) + (f"{sep}and {more} more" if more > 0 else "")
