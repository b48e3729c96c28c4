"""PDF: everything from PDFium in one pass per page; ruled tables from the page's own lines.

Rule: for every page, PDFium gives the text (with character boxes for paragraph
breaks and indentation) and the path objects (lines, rectangles). A page with at
least MIN_TABLE_PATHS path objects is searched for ruled tables by
`pipeline.ingest.pdf_grid`, which repeats pdfplumber's "lines" table finder on those
path objects and reads each cell's text from PDFium's characters (those whose centre is in the cell). Tables are
searched on every such page, not only where the text looks like a register, because
the extractors use any table (risk registers, allocation tables, survey tables,
lists laid out in a grid). A page gets TABLE_BUDGET_S seconds for this; a page whose
drawing is larger (a map, a chart of thousands of strokes) keeps its text, loses its
tables, and the document gets a warning. pdfplumber is not used: real PDFs put lines
and rectangles on most pages, and its finder re-reads each such page with pdfminer at
50-100 ms a page against about 1 ms here (same tables on the project's fixtures).
Running headers, footers and page numbers repeated on most pages are dropped so that
body text reads as in the source.
"""

from __future__ import annotations

import re
from collections import Counter

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from pipeline.errors import IngestError
from pipeline.ingest import pdf_grid
from pipeline.normalise import normalise
from schemas.document import Document, Table

# A page with at least this many path objects (lines, rectangles) may hold a ruled table.
# Pages read per PDF (the page budget): beyond it the text is cut and the document flagged.
MAX_PAGES = 1000
MIN_TABLE_PATHS = 4
# Seconds a page may spend on finding its ruled tables (well above the usual 1-5 ms).
TABLE_BUDGET_S = 0.5
# A page with fewer non-space characters than this has no usable text layer.
MIN_PAGE_CHARS = 20
# A line repeated at the top or bottom of at least this share of pages is a running header/footer.
RUNNING_LINE_SHARE = 0.5
EDGE_LINES = 3
# A gap between baselines wider than this many typical line spacings starts a paragraph.
PARAGRAPH_GAP = 1.3
# Points of left offset per space of indentation (about one character of body text).
INDENT_POINTS = 5.0
MAX_INDENT = 16
_LINE = re.compile(r"([^\r\n]*)(?:\r\n|\r|\n|$)")
_PAGE_NUMBER = re.compile(r"^(?:page\s*)?-?\s*\d{1,4}\s*-?(?:\s*(?:of|/)\s*\d{1,4})?$", re.I)
_DIGITS = re.compile(r"\d+")


def read_pdf(path, doc_id: str, uri: str, max_pages: int = MAX_PAGES) -> Document:
    """One PDF as a Document; a page PDFium cannot read is a warning, not a failure, unless
    no page can be read."""
    pdf = _open(path)
    try:
        n_pages = len(pdf)
        raw_pages, tables, slow_pages, unread = _read_pages(pdf, min(n_pages, max_pages))
    finally:
        pdf.close()
    if raw_pages and len(unread) == len(raw_pages):  # nothing of the paper is left to extract
        raise IngestError(f"damaged PDF: no page could be read ({unread[0][1]})")
    warnings = [f"page {n} could not be read ({why})" for n, why in unread]
    if n_pages > max_pages:
        warnings.append(f"text truncated: only the first {max_pages:,} of {n_pages:,} pages were read")
    pages = _strip_running_lines(raw_pages)
    texts = [normalise(p).text for p in pages]
    starts, parts, pos = [], [], 0
    for t in texts:
        starts.append(pos)
        parts.append(t)
        pos += len(t) + 2  # pages joined by a blank line
    text = "\n\n".join(parts)
    doc = Document(
        doc_id=doc_id,
        source_uri=uri,
        source_format="pdf",
        text=text,
        page_starts=starts or [0],
        warnings=warnings,
    )
    if sum(len(t.strip()) for t in texts) < MIN_PAGE_CHARS * max(1, len(texts)):
        doc.text_quality = "no_text"
        doc.warnings.append("no text layer (scanned or image-only PDF): OCR it before extraction")
    doc.tables = tables
    if slow_pages:
        doc.warnings.append(
            f"tables not searched on page(s) {', '.join(map(str, slow_pages))}: drawing too large for the time budget"
        )
    return doc


def _open(path) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        msg = str(exc).lower()
        if "password" in msg:
            raise IngestError("encrypted PDF: it needs a password; save an unprotected copy") from exc
        raise IngestError(f"corrupt or truncated PDF ({exc})") from exc


def _read_pages(
    pdf: pdfium.PdfDocument, n_pages: int
) -> tuple[list[str], list[Table], list[int], list[tuple[int, str]]]:
    """Each page's text, the ruled tables of pages with path objects, the pages over the
    table budget, and the pages PDFium could not load (number, why)."""
    texts: list[str] = []
    tables: list[Table] = []
    slow: list[int] = []
    unread: list[tuple[int, str]] = []
    for i in range(n_pages):
        try:
            page = pdf[i]
        except pdfium.PdfiumError as exc:  # a damaged page object: keep the other pages
            texts.append("")
            unread.append((i + 1, str(exc)))
            continue
        try:
            textpage = page.get_textpage()
            try:
                raw = textpage.get_text_range()
                texts.append(_with_paragraph_breaks(textpage, raw))
                if pdfium_c.FPDFPage_CountObjects(page.raw) >= MIN_TABLE_PATHS and _has_paths(page):
                    try:
                        found = pdf_grid.find_tables(page, textpage, raw, TABLE_BUDGET_S)
                    except pdf_grid.GridBudgetExceeded:
                        slow.append(i + 1)
                        found = []
                    tables += _tables(i + 1, found)
            finally:
                textpage.close()
        finally:
            page.close()
    return texts, tables, slow, unread


def _has_paths(page) -> bool:
    """At least MIN_TABLE_PATHS path objects on the page (nested in forms or not)."""
    paths = 0
    for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH]):
        paths += 1
        if paths >= MIN_TABLE_PATHS:
            return True
    return False


def _tables(page: int, found: list[list[list[str | None]]]) -> list[Table]:
    """Tables of at least one row and two columns, cells normalised."""
    out = []
    seen: dict[str | None, str | None] = {}  # tables repeat cells (numbers, "Yes", blanks)
    for rows in found:
        cells = [[seen[c] if c in seen else seen.setdefault(c, _cell(c)) for c in row] for row in rows]
        if cells and max(len(r) for r in cells) >= 2:
            out.append(Table(page=page, rows=cells))
    return out


def _with_paragraph_breaks(textpage, raw: str) -> str:
    """Page text with blank lines between paragraphs and indentation where lines start further in.

    PDFium gives one line per text line and no layout marks. The source's blank lines
    are wider gaps between baselines, and its nesting (sub-bullets under an item) is a
    line starting further right; extractors read both from plain text, so both are
    rebuilt here from the first character's box on each line.
    """
    lines, boxes = [], []
    for m in _LINE.finditer(raw):
        line = m.group(1)
        first = len(line) - len(line.lstrip())
        lines.append(line.strip())
        boxes.append(textpage.get_charbox(m.start() + first) if line.strip() else None)
        if m.end() >= len(raw):
            break
    bottoms = [b[1] if b else None for b in boxes]
    # The body's left margin is where most lines start (headers may sit further left).
    lefts = Counter(round(b[0]) for b in boxes if b)
    margin = lefts.most_common(1)[0][0] if lefts else 0.0
    gaps = [a - b for a, b in zip(bottoms, bottoms[1:]) if a is not None and b is not None and a > b]
    spacing = sorted(gaps)[len(gaps) // 2] if gaps else None
    out: list[str] = []
    for i, line in enumerate(lines):
        prev, cur = (bottoms[i - 1], bottoms[i]) if i else (None, None)
        if (
            spacing
            and prev is not None
            and cur is not None
            and not (0 < prev - cur <= PARAGRAPH_GAP * spacing)
        ):
            out.append("")
        box = boxes[i]
        indent = max(0, round((box[0] - margin) / INDENT_POINTS)) if box else 0
        out.append(" " * min(indent, MAX_INDENT) + line)
    return "\n".join(out)


def _strip_running_lines(pages: list[str]) -> list[str]:
    """Drop page numbers and header/footer lines that repeat across pages."""
    split = [p.split("\n") for p in pages]
    edges = [_edge_keys(lines) for lines in split]
    counts = Counter(k for edge in edges for k in set(edge.values()))
    running = {k for k, n in counts.items() if len(pages) >= 3 and n >= RUNNING_LINE_SHARE * len(pages)}
    out = []
    for lines, edge in zip(split, edges):
        drop = {i for i, k in edge.items() if k in running or _PAGE_NUMBER.match(lines[i].strip())}
        out.append("\n".join(line for i, line in enumerate(lines) if i not in drop))
    return out


def _edge_keys(lines: list[str]) -> dict[int, str]:
    """Index -> comparison key of the first and last few non-empty lines of a page."""
    idx = [i for i, line in enumerate(lines) if line.strip()]
    edge = idx[:EDGE_LINES] + idx[-EDGE_LINES:]
    return {i: _DIGITS.sub("#", " ".join(lines[i].split()).lower()) for i in edge}


def _cell(value: str | None) -> str | None:
    if value is None:
        return None
    text = normalise(value).text
    return text or None
