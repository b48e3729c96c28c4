"""Names in grant sentences: bodies, schemes and the abbreviations a paper defines.

    "The Police and Crime Commissioner (PCC) ... the sum given to Eastmere CSP"
    -> "Police and Crime Commissioner"; "Eastmere CSP" -> "Eastmere Community Safety Partnership"
       when the paper defines "Community Safety Partnerships (CSPs)".

Names are runs of capitalised tokens joined by "and", "of (the)", "for", "&"; a run is a
body when one of its words is an organisation head noun or an unexplained acronym.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from spacy.tokens import Span, Token


def words(text: str) -> frozenset[str]:
    """A word list written as one string."""
    return frozenset(text.split())


# A phrase names an organisation when one of its words is one of these, or an acronym.
ORG_HEADS = words(
    "commissioner office department government council authority board partnership trust "
    "lottery agency ministry nhs service foundation executive commission unit police "
    "constabulary team group organisation charity association alliance network panel "
    "forum force centre hub treasury college university school company mayor endowment"
)
# Offices named for the area they serve ("Police and Crime Commissioner for Northshire"), so
# "for <Area>" after them is part of the name, unlike "Home Office for Youth Diversion".
OFFICE_HOLDERS = words("commissioner commissioners mayor minister")
# Organisation words that begin longer office names ("Police and Crime Commissioner").
_STARTS_OFFICE = words("police government")
SCHEME_HEADS = frozenset({"grant", "fund", "funding", "programme", "scheme"})
# A fund with one of these words is a body that gives grants ("Youth Endowment Fund",
# "National Lottery Community Fund"), not a scheme some body runs.
FUND_BODY_WORDS = words("lottery endowment trust foundation charitable")
MIN_OWNER_ACRONYM = 3  # letters: "OPCC Safer Parks Fund" has an owner; a place code ("UK ... Fund") not
# "Mayor of London's Office for Policing and Crime": a possessive inside a body's name.
POSSESSED_BODIES = words("office department directorate unit team service")
_POSSESSED_TITLES = frozenset(w.title() for w in POSSESSED_BODIES)
_CONNECTORS = frozenset({"and", "of", "for", "&", "the", "-"})
DETERMINERS = frozenset({"the", "a", "an", "each", "every", "all", "both"})
_NOT_NAMES = words(
    "the this that these those it its in on at for from to a an each every all our we "
    "they he she his her their there here if as with by of and but also however january "
    "february march april may june july august september october november december total "
    "table appendix section paragraph members following further funding"
)
# Compound places keep their small words: "-on-", "-under-", "-super-", "-le-", and
# "upon" even between spaces ("Kingsford upon Avon").
SPACED_PLACE_LINKS = frozenset({"upon"})
MAX_PLACE_LINK = 5  # letters: "-on-the-", "-super-"; not "Anti-social"
ACRONYM = re.compile(r"^[A-Z][A-Z&]{1,8}s?$")


def is_name_word(tok: Token) -> bool:
    return bool(tok.text[:1].isupper() and tok.lower_ not in _NOT_NAMES)


@lru_cache(maxsize=4096)
def name_runs(sent: Span) -> list[tuple[int, int]]:
    """Token ranges of capitalised names ("Police and Crime Commissioner", "Eastmere CSP")."""
    runs, k, n = [], 0, len(sent)
    while k < n:
        if not is_name_word(sent[k]):
            k += 1
            continue
        end = j = k + 1
        while j < n and (is_name_word(sent[j]) or _joins(sent, j)):
            j += 1
            end = j if is_name_word(sent[j - 1]) else end
        runs.append((k, end))
        k = end
    return runs


def _joins(sent: Span, j: int) -> bool:
    """A connector inside a name: "of the" ("Office of the Police and Crime Commissioner"),
    "for" / "and" before a name word ("Department for Education"), never "and the";
    a comma in a name's own word list ("Police, Fire and Crime Commissioner"); the
    small words of a compound place ("Lowton-on-the-Water", "Kingsford upon Avon")."""
    low = sent[j].lower_
    if _in_compound_place(sent, j):
        return True
    if low in ("'s", "’s"):  # "Mayor of London's Office for Policing and Crime"
        nxt = sent[j + 1] if j + 1 < len(sent) else None
        return j > 0 and is_name_word(sent[j - 1]) and nxt is not None and nxt.text in _POSSESSED_TITLES
    if low == ",":
        return _comma_in_name(sent, j)
    if j > 0 and low in ("and", "&", "for") and _ends_body(sent, j):
        return False
    if low not in _CONNECTORS:
        return False
    if low == "the":
        return j > 0 and sent[j - 1].lower_ == "of"
    nxt = sent[j + 1] if j + 1 < len(sent) else None
    return nxt is not None and (is_name_word(nxt) or (low == "of" and nxt.lower_ == "the"))


def _in_compound_place(sent: Span, j: int) -> bool:
    """Whether token j is a hyphen or small word inside a place name written as one word
    ("Marsh-on-Sea", "Upton-under-Hill") or with "upon" ("Kingsford upon Avon")."""
    tok, n = sent[j], len(sent)
    if tok.lower_ in SPACED_PLACE_LINKS and 0 < j < n - 1 and sent[j - 1].whitespace_ and tok.whitespace_:
        return is_name_word(sent[j - 1]) and is_name_word(sent[j + 1])
    if not _compound_piece(tok):
        return False
    left = j
    while left > 0 and not sent[left - 1].whitespace_ and _compound_piece(sent[left - 1]):
        left -= 1
    right = j
    while right < n - 1 and not sent[right].whitespace_ and _compound_piece(sent[right + 1]):
        right += 1
    return (
        left > 0
        and right < n - 1
        and not sent[left - 1].whitespace_
        and not sent[right].whitespace_
        and sent[left].text == "-"
        and sent[right].text == "-"
        and is_name_word(sent[left - 1])
        and is_name_word(sent[right + 1])
    )


def _compound_piece(tok: Token) -> bool:
    return tok.text == "-" or (tok.is_lower and tok.is_alpha and len(tok) <= MAX_PLACE_LINK)


def _comma_in_name(sent: Span, j: int) -> bool:
    """Whether the comma at j lists single words inside one name: ", Fire and Crime
    Commissioner", "Levelling Up, Housing and Communities". A list of bodies ("Northshire Police,
    Eastmere Council and ...") has an organisation word or several words per item, and a
    list of places ("Eastmere, Westmere and Lowbridge") no organisation word around it."""
    n = len(sent)
    if j == 0 or not is_name_word(sent[j - 1]):
        return False
    k = j
    while k < n and sent[k].text == ",":
        word = sent[k + 1] if k + 1 < n else None
        if word is None or not is_name_word(word) or word.lower_ in ORG_HEADS:
            return False
        k += 2
    if not (k + 1 < n and sent[k].lower_ == "and" and is_name_word(sent[k + 1])):
        return False
    before = _name_words_around(sent, j - 1, -1)
    after = _name_words_around(sent, k + 1, 1)
    return any(t.lower_ in ORG_HEADS for t in before + after)


def _ends_body(sent: Span, j: int) -> bool:
    """Whether the name before connector j is a whole body, so j starts another: "Eastmere
    Council and Northshire Fire and Rescue Service", "... Communities for Westmere Council"
    (but "Police and Crime Commissioner", "Department for Education")."""
    if sent[j].lower_ != "for":
        return sent[j - 1].lower_ in ORG_HEADS and sent[j - 1].lower_ not in _STARTS_OFFICE
    before = _name_words_around(sent, j - 1, -1)
    after = _name_words_around(sent, j + 1, 1)
    return any(t.lower_ in ORG_HEADS for t in before) and any(t.lower_ in ORG_HEADS for t in after)


def _name_words_around(sent: Span, k: int, step: int) -> list[Token]:
    """The name words from k outwards (step -1 back, +1 on), over connectors; back over
    commas too, as a name's own word list comes before its end."""
    out = []
    links = _CONNECTORS | {","} if step < 0 else _CONNECTORS
    while 0 <= k < len(sent) and (is_name_word(sent[k]) or sent[k].lower_ in links):
        out.append(sent[k])
        k += step
    return out


# A sentence with many amounts is read once per amount: its name runs are indexed once.
@lru_cache(maxsize=4096)
def _run_index(sent: Span) -> tuple[list[int], dict[int, tuple[int, int]]]:
    """(start of each name run, in order; {end: run})."""
    runs = name_runs(sent)
    return [r[0] for r in runs], {r[1]: r for r in runs}


def run_holding(sent: Span, k: int) -> tuple[int, int] | None:
    """The name run token k is part of."""
    runs = name_runs(sent)
    i = bisect_right(_run_index(sent)[0], k) - 1
    return runs[i] if i >= 0 and k < runs[i][1] else None


def runs_from(sent: Span, lo: int, hi: int) -> list[tuple[int, int]]:
    """The name runs starting within tokens lo..hi."""
    starts = _run_index(sent)[0]
    return name_runs(sent)[bisect_left(starts, lo) : bisect_left(starts, hi)]


def run_ending(sent: Span, k: int) -> tuple[int, int] | None:
    """The name ending just before token k ("the council" too), stepping over "(ABBR)"."""
    if k > 0 and sent[k - 1].text == ")":
        opening = next((j for j in range(k - 2, max(-1, k - 6), -1) if sent[j].text == "("), None)
        k = opening if opening is not None else k
    run = _run_index(sent)[1].get(k)
    if run is None and k > 1 and sent[k - 1].lower_ in ORG_HEADS and sent[k - 2].lower_ in DETERMINERS:
        run = (k - 1, k)
    return run


def run_starting(sent: Span, k: int) -> tuple[int, int] | None:
    while k < len(sent) and sent[k].lower_ in DETERMINERS:
        k += 1
    run = run_holding(sent, k)
    run = (k, run[1]) if run else None
    if run and not is_name_word(sent[k]):
        run = None
    if (
        run is None
        and k < len(sent)
        and sent[k].lower_ in ORG_HEADS
        and k > 0
        and sent[k - 1].lower_ in DETERMINERS
    ):
        run = (k, k + 1)
    return run


def phrase(sent: Span, run: tuple[int, int] | None, abbrev: Abbreviations) -> str | None:
    if run is None:
        return None
    text = sent[run[0] : run[1]].text
    if run[1] - run[0] > 1 and not is_name_word(sent[run[0]]):  # a lower-case body, as written
        return abbrev.expand(text)
    # "Home Office for Youth Diversion": a two-word body before "for" is the whole name.
    # A possessed office keeps its remit ("Mayor's Office for Policing and Crime").
    head, sep, _ = text.partition(" for ")
    possessed = "'s " in head or "’s " in head
    if (
        sep
        and " " in head
        and is_org(head, abbrev)
        and head.split()[-1].lower() not in OFFICE_HOLDERS
        and not possessed
    ):
        text = head
    return abbrev.expand(text[:1].upper() + text[1:])


def is_org(phrase: str | None, abbrev: Abbreviations) -> bool:
    for word in (phrase or "").split():
        core = re.sub(r"['’]s$", "", word)
        if core.lower() in ORG_HEADS or core.lower()[:-1] in ORG_HEADS:
            return True
        # An unexplained acronym is a body, as is a standard one for a body ("PCC").
        if ACRONYM.match(core) and (
            abbrev.lookup(core.rstrip("s")) is None or core.rstrip("s") in STANDARD_ABBREVIATIONS
        ):
            return True
    return False


def is_scheme(phrase: str) -> bool:
    words = phrase.split()
    return len(words) >= 2 and is_scheme_head(words[-1])


def is_scheme_head(word: str) -> bool:
    """ "Grant", "Funds": a word a scheme's name ends with."""
    return word.lower().rstrip("s") in SCHEME_HEADS


def fund_owner(name: str, abbrev: Abbreviations) -> tuple[str | None, str | None]:
    """(funder, scheme) of a name money comes from: a body is the funder; a fund is the
    scheme, and the body its name starts with the funder ("Home Office Safer Streets Fund"
    -> Home Office, Safer Streets Fund); a fund that is a body ("Youth Endowment Fund") is
    the funder."""
    if not is_scheme(name):
        return name, None
    parts = name.split()
    if any(w.lower() in FUND_BODY_WORDS for w in parts):
        return name, None
    for i in range(len(parts) - 1, 0, -1):
        last = re.sub(r"['’]s$", "", parts[i - 1])
        owner_word = last.lower() in ORG_HEADS or (
            ACRONYM.match(last) and len(last.rstrip("s")) >= MIN_OWNER_ACRONYM and abbrev.lookup(last) is None
        )
        if owner_word and not (i == 1 and last.lower() in _STARTS_OFFICE):
            rest = " ".join(parts[i:])
            return " ".join(parts[:i]), rest if is_scheme(rest) else name
    return None, name


# Money context names bodies by abbreviation ("Eastmere CSP", "the PCC"); papers define
# them once as "Long Form (ABBR)". Words skipped when matching initials:
FUNCTION_WORDS = frozenset({"and", "of", "for", "the", "&", "on", "in", "to"})
# Not shared with `_legislation_refs.find_definitions`: there the long form is a title already
# found and the bracket may hold a quoted phrase; here it is any "(ABBR)", its long form found by initials.
_DEFINITION_RE = re.compile(r"\(\s?([A-Z][A-Za-z&]{1,9}?)(s|['’]s)?\s?\)")
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z]*(?:['’]s\b)?")  # "Mayor's" is one word
_ACRONYM_RE = re.compile(r"^[A-Z][A-Z&]{1,8}$")
_MAX_LONG_FORM = 140  # characters looked back from "(ABBR)"
# Abbreviations of funding bodies so common in the genre that papers use them undefined
# ("the PCC's Community Safety Fund"); a paper's own definition wins.
STANDARD_ABBREVIATIONS = {
    "PCC": "Police and Crime Commissioner",
    "PFCC": "Police, Fire and Crime Commissioner",
    "OPCC": "Office of the Police and Crime Commissioner",
    "MOJ": "Ministry of Justice",
    "DHSC": "Department of Health and Social Care",
    "DLUHC": "Department for Levelling Up, Housing and Communities",
    "MHCLG": "Ministry of Housing, Communities and Local Government",
    "VRU": "Violence Reduction Unit",
}


class Abbreviations:
    """The abbreviations one paper defines, and `expand` for phrases that use them."""

    def __init__(self, text: str):
        self.text = text
        self.defined: dict[str, str] = {}
        for m in _DEFINITION_RE.finditer(text):
            abbr, plural = m.group(1), bool(m.group(2))
            long = _long_form(text[max(0, m.start() - _MAX_LONG_FORM) : m.start()], abbr)
            if long and abbr.upper() not in self.defined:
                if plural and long.endswith("s"):
                    long = long[:-1]
                self.defined[abbr.upper()] = long
        self._inferred: dict[str, str | None] = {}

    def lookup(self, abbr: str) -> str | None:
        """Long form of an acronym: defined by the paper, else a unique capitalised
        phrase elsewhere in it with those initials ("SCG" <- "Safer Communities Grant")."""
        key = abbr.upper()
        if key in self.defined:
            return self.defined[key]
        if key not in self._inferred:
            self._inferred[key] = _infer_long_form(self.text, key) or STANDARD_ABBREVIATIONS.get(key)
        return self._inferred[key]

    def expand(self, phrase: str) -> str:
        """ "Eastmere CSP" -> "Eastmere Community Safety Partnership"; "PCC's" -> its long form."""
        words = []
        for word in phrase.split():
            core = re.sub(r"['’]s$", "", word)
            words.append(self._expand_word(core) or word)
        return " ".join(words)

    def last_word(self, phrase: str) -> str:
        """The last word of `expand(phrase)`, expanding only the phrase's last word ("" when
        there is none)."""
        found = phrase.split()
        if not found:
            return ""
        word = found[-1]
        expanded = (self._expand_word(re.sub(r"['’]s$", "", word)) or word).split()
        return expanded[-1] if expanded else ""

    def _expand_word(self, word: str) -> str | None:
        if _ACRONYM_RE.match(word) and self.lookup(word):
            return self.lookup(word)
        stem = word[:-1]
        full = self.lookup(stem) if word.endswith("s") and _ACRONYM_RE.match(stem) else None
        if full:
            return full + "s"
        return None


def _initials(words: list[str], skip_function: bool) -> str:
    return "".join(w[0] for w in words if not (skip_function and w.lower() in FUNCTION_WORDS)).upper()


def _long_form(before: str, abbr: str) -> str | None:
    """The shortest run of words ending just before "(ABBR)" whose initials spell it."""
    before = re.sub(r"['’]s\s*$", "", before.rstrip())
    words = list(_WORD_RE.finditer(before))
    letters = abbr.upper().replace("&", "")
    for k in range(1, min(len(words), len(letters) + 4) + 1):
        run = words[-k:]
        if run[0].group(0).lower() in FUNCTION_WORDS:
            continue
        texts = [w.group(0) for w in run]
        # "Mayor's Office for Policing and Crime (MOPAC)" spells "and" but not "for".
        kept_and = _initials([w for w in texts if w.lower() not in FUNCTION_WORDS - {"and"}], False)
        if letters in (_initials(texts, True), _initials(texts, False), kept_and):
            long = before[run[0].start() :]
            return re.sub(r"\s+", " ", long).strip(" ,;:-")
    return None


def _infer_long_form(text: str, abbr: str) -> str | None:
    if not abbr.isalpha() or not 2 <= len(abbr) <= 6:
        return None
    glue = r"\s+(?:(?:and|of|for|the|&)\s+)?"
    pattern = r"\b" + glue.join(f"{c}[a-z]+" for c in abbr) + r"\b"
    found = {re.sub(r"\s+", " ", m.group(0)) for m in re.finditer(pattern, text)}
    found = {f for f in found if not (f.endswith("s") and f[:-1] in found)}
    return found.pop() if len(found) == 1 else None
