"""Everything around a legislation title: provisions, short forms, back-references.

Helpers for `extractors.legislation`. "Part 2 of the PCSC Act" is a provision ("part 2")
before a short form the paper defined after "Police, Crime, Sentencing and Courts Act
2022 (PCSC Act)"; "the 1998 Act" is a back-reference to a title named earlier.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from extractors._gazetteer import Instrument, gazetteer, title_key

# ---------------------------------------------------------------- provisions
_UNIT = (
    r"(?:[Ss]ections?|SECTIONS?|[Ss]{1,2}\.\s?|[Ss]{1,2}(?=\d)|[Rr]egulations?|[Rr]egs?\.?"
    r"|[Ss]chedules?|[Ss]ch\.|[Pp]aragraphs?|[Pp]aras?\.?|[Pp]arts?|[Aa]rticles?|[Aa]rts?\."
    r"|[Cc]hapters?|[Rr]ules?)"
)
# Three digits at most, so that "Regulations 2007" is never read as a provision.
_NUM = r"(?:\d{1,3}(?![\d.]\d|\d)[A-Z]{0,2}(?:\([0-9A-Za-z]{1,4}\))*|[IVX]{1,5}\b)"
_NUMLIST = rf"{_NUM}(?:\s*(?:-|–|to|and|&|,)\s*{_NUM})*"
_UNIT_NUM = rf"(?<![\w.]){_UNIT}\s*{_NUMLIST}"
_PROV = rf"{_UNIT_NUM}(?:\s*,?\s*(?:(?:of|in|to)\s+)?{_UNIT_NUM})*"
# Between a provision and its instrument: "of the", "to the", a comma, or a space on one line.
_CONNECT = r"(?:\s*,?\s*(?:of|to|in|under)\s+(?:the\s+)?|[ \t]+(?:the\s+)?|,\s*(?:the\s+)?)"
_PREFIX = re.compile(rf"(?P<prov>{_PROV}){_CONNECT}$")
_AS_AMENDED = r"(?:\s*\(as amended[^()\n]{0,80}\))?"
_ABBREVIATION_SET = r"(?:\s*\(\s*[\"'“‘]?[A-Z][^()\n]{0,38}\))?"  # "Act 2021 (DA Act) Part 4"
_SUFFIX = re.compile(
    rf"{_AS_AMENDED}{_ABBREVIATION_SET}(?P<open>[ \t]*,[ \t]*|[ \t]+|[ \t]*\([ \t]*)(?P<prov>{_PROV})"
)
_PIECE = re.compile(rf"(?P<unit>{_UNIT})\s*(?P<nums>{_NUMLIST})")
_UNIT_NAMES = (
    (r"s{1,2}\.?|sections?", "section"),
    (r"regs?\.?|regulations?", "regulation"),
    (r"sch\.|schedules?", "schedule"),
    (r"paras?\.?|paragraphs?", "paragraph"),
    (r"parts?", "part"),
    (r"arts?\.|articles?", "article"),
    (r"chapters?", "chapter"),
    (r"rules?", "rule"),
)
PREFIX_LOOKBACK = 160
_STANDALONE_REGULATION = re.compile(rf"(?<![\w.])(?P<prov>(?:[Rr]egulations?|[Rr]egs?\.?)\s*{_NUMLIST})")
# Report sections "set out", "provide" and "give"; sections of an Act require, place and impose.
_STANDALONE_SECTION = re.compile(
    rf"(?<![\w.])(?P<prov>(?:Sections?|[Ss]{{1,2}}\.\s?)\s*{_NUMLIST})\s+(?:also\s+)?"
    r"(?:requires?|required|places?|placed|imposes?|imposed|creates?|created|empowers?|obliges?"
    r"|confers?|conferred|defines?)\b"
)
# "Financial Regulation 4": a regulation of some named document, not of an instrument.
_NAMED_BEFORE = re.compile(
    r"\b(?!(?:The|This|That|Under|In|By|Also|And|However|Further|As|See|With|From|Of|Whilst|While)\b)"
    r"[A-Z][\w'’-]*[ \t]+$"
)
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]?\s+(?=[A-Z•(\d])")

# ---------------------------------------------------------------- other mentions
_DEFINITION = re.compile(
    rf"{_AS_AMENDED}\s*\(\s*(?:(?:hereafter|hereinafter|referred to as|known as|or)\s+)?"
    r"(?:the\s+)?[\"'“‘]?(?:the\s+)?(?P<abbr>[^()\"“”‘’\n]{2,40}?)[\"'”’]?\s*\)"
)
_BACKREF = re.compile(
    r"\b(?:[Tt]he|[Tt]his|[Tt]hat)\s+(?:(?:draft|above|said|same|principal)\s+)?"
    r"(?:(?P<year>1[2-9]\d\d|20\d\d)\s+)?(?P<head>Act|act|Regulations|Bill|Order|Rules|Measure)\b"
)
# Lower-case "the act" is a back-reference only this close to an Act and before a verb that
# reports use of legislation ("The act places a duty ..."); "caught in the act" is not one.
LOWER_ACT_WINDOW = 600
_LEGISLATIVE_VERB = re.compile(
    r"\s+(?:also\s+)?(?:places?|placed|requires?|required|sets?|gives?|gave|provides?|provided|introduc\w+"
    r"|creat\w+|establish\w+|impos\w+|states?|allows?|enables?|came|comes|received|replac\w+|amend\w+"
    r"|confer\w*|makes?|made|defines?|extends?|includes?)\b"
)


@dataclass
class Mention:
    start: int
    end: int
    written_title: str = ""
    year: int | None = None
    kind: str = "act"
    head: str = "act"
    inst: Instrument | None = None
    source: str = "title"
    provision: str | None = None
    span_start: int = -1  # start including a provision written before the title
    cited_si: tuple[int, int] | None = None  # span of the SI number the paper cites it by
    year_doubted: bool = False  # written after a year the gazetteer does not give the title

    def __post_init__(self) -> None:
        if self.span_start < 0:
            self.span_start = self.start

    @property
    def written_key(self) -> str:
        return title_key(self.written_title)

    @property
    def title(self) -> str:
        return self.inst.title if self.inst else self.written_title

    @property
    def full_year(self) -> int | None:
        return (self.inst.year if self.inst else None) or self.year


def head_of(inst: Instrument) -> str:
    """Head class of a known instrument, from the last word of its title."""
    if inst.kind == "eu":
        return "eu"
    words = re.sub(r"\s*\b\d{4}$", "", inst.title).split()
    last = words[-1].lower() if words else ""
    return last if last in ("act", "regulations", "order", "rules", "bill", "measure") else "act"


class Coverage:
    """Which characters of the text a mention (or URL, or definition) already holds."""

    def __init__(self, size: int, spans: list[tuple[int, int]] = ()) -> None:
        self._mask = bytearray(size + 1)
        for s, e in spans:
            self.add(s, e)

    def add(self, start: int, end: int) -> None:
        self._mask[start:end] = b"\x01" * max(0, end - start)

    def overlaps(self, start: int, end: int) -> bool:
        return self._mask.find(1, start, max(start + 1, end)) >= 0


# ---------------------------------------------------------------- definitions, short forms
def find_definitions(
    text: str, mentions: list[Mention]
) -> tuple[dict[str, Instrument], list[tuple[int, int]]]:
    """Abbreviations a paper defines after a title, "(PCSC Act)", and the bracket spans."""
    aliases: dict[str, Instrument] = {}
    spans: list[tuple[int, int]] = []
    for m in mentions:
        d = _DEFINITION.match(text, m.end)
        abbr = d.group("abbr").strip() if d else ""
        if not re.fullmatch(r"[A-Z0-9][^,;:]*", abbr) or len(abbr.split()) > 5:
            continue
        spans.append((d.start("abbr"), d.end()))  # '("the 1998 Act")' belongs to the mention it follows
        if _looks_like_abbreviation(abbr):
            aliases.setdefault(abbr, m.inst or Instrument(None, m.written_title, m.year, m.kind))
    return aliases, spans


def _looks_like_abbreviation(abbr: str) -> bool:
    """ "PCSC Act", "CDA", "ASB Act"; not "the Act", "England" or "SI 2012/2089"."""
    words = abbr.split()
    if not words or len(words) > 5 or re.search(r"[\d/,;:]", abbr) or re.match(r"S\.?I\b", abbr):
        return False
    return any(sum(c.isupper() for c in w) >= 2 for w in words)


def find_short_forms(
    text: str, mentions: list[Mention], aliases: dict[str, Instrument], taken: Coverage
) -> list[Mention]:
    """Gazetteer short forms ("UK GDPR", "RIPA") and the paper's own abbreviations."""
    named = {m.inst.legislation_id for m in mentions if m.inst and m.inst.legislation_id}
    forms = {f: inst for f, inst, strong in gazetteer().acronyms if strong or inst.legislation_id in named}
    forms.update(aliases)
    if not forms:
        return []
    alternation = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    out: list[Mention] = []
    for f in re.finditer(rf"(?<![\w/.-])(?:{alternation})(?![\w/-])", text):
        if taken.overlaps(*f.span()):
            continue
        inst = forms[f.group()]
        taken.add(*f.span())
        out.append(
            Mention(
                f.start(),
                f.end(),
                written_title=inst.title,
                year=inst.year,
                kind=inst.kind,
                head=head_of(inst),
                inst=inst,
                source="short",
            )
        )
    return out


# ---------------------------------------------------------------- back-references
def find_backrefs(text: str, taken: Coverage) -> list[Mention]:
    """ "the Act", "the 1998 Act", "the Regulations", "the draft Bill" (resolved later)."""
    out = []
    for b in _BACKREF.finditer(text):
        head = b.group("head").lower()
        year = int(b.group("year")) if b.group("year") else None
        rest = text[b.end() : b.end() + 12]
        if taken.overlaps(*b.span()) or re.match(r"[ \t]+[A-Z][a-z]", rest):
            continue  # "the Act Now campaign"
        if head in ("order", "rules", "measure") and year is None:
            continue
        if b.group("head") == "act" and not _LEGISLATIVE_VERB.match(text, b.end()):
            continue
        # written_title holds the head as written until the reference is resolved
        out.append(
            Mention(b.start(), b.end(), written_title=b.group("head"), year=year, head=head, source="backref")
        )
    return out


def resolve_backrefs(mentions: list[Mention]) -> list[Mention]:
    """Point each back-reference at the latest earlier mention it can mean; drop the rest."""
    out: list[Mention] = []
    for i, m in enumerate(mentions):
        if m.source != "backref":
            out.append(m)
            continue
        target = _antecedent(m, out[::-1]) or (_antecedent(m, mentions[i + 1 :]) if m.year else None)
        if target is None or m.written_title == "act" and m.start - target.end > LOWER_ACT_WINDOW:
            continue
        m.inst = target.inst or Instrument(None, target.written_title, target.year, target.kind)
        m.written_title, m.kind = target.title, target.kind
        out.append(m)
    return out


def _antecedent(ref: Mention, candidates: list[Mention]) -> Mention | None:
    for c in candidates:
        if c.source == "backref" and c.inst is None:
            continue
        if c.head == ref.head and (ref.year is None or c.full_year == ref.year):
            return c
    return None


# ---------------------------------------------------------------- provisions
def normalise_provision(raw: str) -> str:
    """ "Schedule 5, Paragraph 84" -> "schedule 5 paragraph 84"; "Sections 5-7" -> "sections 5-7"."""
    pieces = []
    for p in _PIECE.finditer(raw):
        unit_raw = p.group("unit").strip().lower()
        unit = next(name for pat, name in _UNIT_NAMES if re.fullmatch(pat, unit_raw))
        nums = re.sub(r"\s*(?:-|–|\bto\b)\s*", "-", p.group("nums"))
        nums = re.sub(r"\s*&\s*", " and ", re.sub(r"\s*,\s*", ", ", nums))
        nums = re.sub(r"\s+", " ", nums).strip()
        plural = bool(re.search(r"[-,]|\band\b", nums))
        pieces.append(f"{unit}{'s' if plural else ''} {nums}")
    if re.search(r"\d\)?\s+(?:of|to|in)\s", raw):
        pieces.reverse()  # "paragraph 84 of Schedule 5": the larger division comes last
    return " ".join(pieces)


def attach_provisions(text: str, mentions: list[Mention]) -> None:
    """A provision written just before ("Section 19 of ...") or after (", section 81") a mention."""
    claimed = Coverage(len(text), [(m.start, m.end) for m in mentions])
    for m in mentions:
        lo = max(0, m.start - PREFIX_LOOKBACK)
        p = _PREFIX.search(text[lo : m.start])
        if p and not claimed.overlaps(lo + p.start(), lo + p.end("prov")):
            m.provision = normalise_provision(p.group("prov"))
            m.span_start = lo + p.start()
            claimed.add(m.span_start, m.start)
    for m in mentions:
        if m.provision:
            continue
        s = _SUFFIX.match(text, m.end)
        if not s or claimed.overlaps(s.start("prov"), s.end("prov")):
            continue
        end = s.end()
        if "(" in s.group("open"):
            close = re.match(r"[ \t]*\)", text[end:])
            if not close:
                continue
            end += close.end()
        elif re.match(r"\s*(?:of|to|in)\b", text[end:]):
            continue  # "..., Part 1 of the next Act"
        m.provision = normalise_provision(s.group("prov"))
        m.end = end


def find_standalone_provisions(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "Regulation 10 requires ..." in or just after a sentence citing Regulations; likewise
    "Section 17 requires ..." after an Act (only with such a verb: "section 5" alone is
    usually a part of the report)."""
    spans = Coverage(len(text), [(m.span_start, m.end) for m in mentions])
    out = []
    for pattern, head in ((_STANDALONE_REGULATION, "regulations"), (_STANDALONE_SECTION, "act")):
        cited = sorted((m for m in mentions if m.head == head), key=lambda m: m.end)
        ends = [m.end for m in cited]
        for r in pattern.finditer(text):
            if (
                spans.overlaps(*r.span())
                or re.match(r"\s+(?:of|to|in)\s", text[r.end() : r.end() + 5])
                or _NAMED_BEFORE.search(text, max(0, r.start() - 40), r.start())
            ):
                continue
            n_before = bisect.bisect_right(ends, r.start())
            ante = cited[n_before - 1] if n_before else None
            if ante is None or not _same_or_next_sentence(text[ante.end : r.start()]):
                continue
            out.append(
                Mention(
                    r.start(),
                    r.end("prov"),
                    written_title=ante.title,
                    year=ante.year,
                    kind=ante.kind,
                    head=head,
                    inst=ante.inst or Instrument(None, ante.written_title, ante.year, ante.kind),
                    source="standalone",
                    provision=normalise_provision(r.group("prov")),
                )
            )
    return out


def _same_or_next_sentence(between: str) -> bool:
    return "\n\n" not in between and len(_SENTENCE_END.findall(between)) <= 1
