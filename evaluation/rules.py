"""The matching rules of `evaluation.evaluate`, kept faithful to the reference scorer (score.py).

Each `score_*` function scores one document's predicted rows of one table against its gold
file, adding to a `Score`: true and false positives, misses, side accuracies and notes.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from schemas.names import Table

TEXT_MATCH = 0.8  # priorities, risks, and the metadata/side similarity checks
LEGISLATION_MATCH = 0.9
PARTY_MATCH = 0.6  # grant funder / recipient side checks
VALUE_TOLERANCE_GBP = 0.5
PERCENT_TOLERANCE = 0.05
ANSWER_MATCH = 0.5
UNIQUE_PERCENT_ANSWER_MATCH = 0.2  # a percent that occurs once in the gold needs only a loose answer
PROVENANCE_FIELDS = (
    (Table.PRIORITIES, "text"),
    (Table.LEGISLATION, "mention"),
    (Table.RISKS, "risk"),
    (Table.AMOUNTS, "raw"),
    (Table.SURVEY_RESULTS, "evidence"),
)


# ---------------------------------------------------------------- text helpers
def norm(s) -> str:
    """Lower-case alphanumerics (and %) separated by single spaces, without a leading article."""
    if s is None:
        return ""
    s = unicodedata.normalize("NFKC", str(s)).lower()
    s = s.replace("&", " and ").replace("’", "'").replace("‘", "'")
    s = re.sub(r"[^a-z0-9%]+", " ", s)
    s = re.sub(r"^(the|a|an) ", "", s.strip())
    return re.sub(r"\s+", " ", s).strip()


def sim(a, b) -> float:
    """Similarity in [0, 1]: the larger of the character ratio and the word Jaccard index."""
    a, b = norm(a), norm(b)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    ta, tb = set(a.split()), set(b.split())
    return max(SequenceMatcher(None, a, b).ratio(), len(ta & tb) / len(ta | tb))


_PROVISION_WORDS = (
    (r"\b(ss?|sections?)\b\.?", "section"),
    (r"\b(regs?|regulations?)\b\.?", "regulation"),
    (r"\b(sch|schedules?)\b\.?", "schedule"),
    (r"\b(paras?|paragraphs?)\b\.?", "paragraph"),
    (r"\b(arts?|articles?)\b\.?", "article"),
    (r"\b(pts?|parts?)\b\.?", "part"),
)


def norm_provision(p) -> str:
    p = norm(p)
    for pattern, word in _PROVISION_WORDS:
        p = re.sub(pattern, word, p)
    p = re.sub(r"(\d+)\s+(to|and)\s+(\d+)", r"\1 \3", p)
    return re.sub(r"\s+", " ", p).strip()


def num(x) -> float | None:
    if x is None:
        return None
    try:
        f = float(x)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


def fiscal_year(s) -> str:
    """Canonical 'YYYY-YY' from '2026-27', '2024-2025', '2013/14'."""
    if s is None:
        return ""
    m = re.search(r"(\d{4})\s*[-/–]\s*(\d{2,4})", str(s))
    return f"{m.group(1)}-{m.group(2)[-2:]}" if m else str(s).strip()


# ---------------------------------------------------------------- counts
@dataclass
class Score:
    """Counts for one table, plus side accuracies ([right, total] per check) and notes."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    side: dict[str, list[int]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def add_side(self, name: str, ok) -> None:
        right_total = self.side.setdefault(name, [0, 0])
        right_total[0] += int(bool(ok))
        right_total[1] += 1

    @property
    def precision(self) -> float:
        if self.tp + self.fp:
            return self.tp / (self.tp + self.fp)
        return 0.0 if self.fn else 1.0  # predicting nothing is right only when nothing was expected

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


# ---------------------------------------------------------------- matching
def match(preds, golds, key_pred, keys_gold, thresh):
    """Greedy best-first pairs (pred_index, gold_index, score), and the unmatched preds
    whose candidate gold item was taken by a better prediction (duplicates)."""
    cands = []
    for i, p in enumerate(preds):
        kp = key_pred(p)
        for j, g in enumerate(golds):
            s = max((sim(kp, kg) for kg in keys_gold(g)), default=0.0)
            if s >= thresh:
                cands.append((s, i, j))
    cands.sort(reverse=True)
    used_p, used_g, pairs = set(), set(), []
    for s, i, j in cands:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j, s))
    dup = {i for _, i, j in cands if i not in used_p and j in used_g}
    return pairs, dup


def score_items(c: Score, preds, golds, key_pred, keys_gold, thresh, label, side=None, doc=""):
    pairs, dup = match(preds, golds, key_pred, keys_gold, thresh)
    for i, j, _ in pairs:
        if not golds[j].get("optional"):
            c.tp += 1
            if side:
                side(preds[i], golds[j])
    matched_p = {i for i, _, _ in pairs}
    matched_g = {j for _, j, _ in pairs}
    for i, p in enumerate(preds):
        if i not in matched_p and i not in dup:
            c.fp += 1
            c.notes.append(f"{doc}: extra {label}: {key_pred(p)!r}")
    for j, g in enumerate(golds):
        if j not in matched_g and not g.get("optional"):
            c.fn += 1
            c.notes.append(f"{doc}: missed {label}: {keys_gold(g)[0]!r}")


# ---------------------------------------------------------------- per-table scoring of one document
def score_document_meta(c: Score, name: str, d: dict | None, gd: dict) -> None:
    checks = (
        ("council", lambda p, e: norm(p) == norm(e)),
        ("meeting_date", lambda p, e: str(p)[:10] == str(e)[:10]),
        ("body", lambda p, e: sim(p, e) >= TEXT_MATCH),
        ("title", lambda p, e: sim(p, e) >= TEXT_MATCH),
    )
    for fname, ok in checks:
        exp = gd.get(fname)
        if exp is None:
            continue
        got = d.get(fname) if d else None
        good = got is not None and ok(got, exp)
        c.add_side(fname, good)
        if not good:
            c.notes.append(f"{name}: {fname} {got!r} != {exp!r}")


def score_priorities(c: Score, preds: list[dict], g: dict, name: str) -> None:
    def side(p, gg):
        if gg.get("theme") is not None:
            c.add_side("theme", p.get("theme") == gg["theme"])
        c.add_side(
            "period",
            (num(p.get("period_start")), num(p.get("period_end")))
            == (num(gg.get("period_start")), num(gg.get("period_end"))),
        )
        if gg.get("status"):
            c.add_side("status", sim(p.get("status"), gg["status"]) >= TEXT_MATCH)
        c.add_side("kind", (p.get("kind") or "priority") == gg.get("kind", "priority"))

    score_items(
        c,
        preds,
        g.get(Table.PRIORITIES, []),
        lambda p: p.get("text"),
        lambda gg: [gg["text"], *gg.get("aliases", [])],
        TEXT_MATCH,
        "priority",
        side,
        name,
    )
    for neg in g.get("not_priorities", []):
        if any(sim(p.get("text"), neg) >= TEXT_MATCH for p in preds):
            c.notes.append(f"{name}: hard negative taken as priority: {neg!r}")


def _instruments(preds: list[dict], golds: list[dict]) -> list[dict]:
    """One entry per instrument cited (by id, else by title), with all provisions cited."""
    inst: dict[str, dict] = {}
    for p in preds:
        key = p.get("legislation_id") or norm(p.get("title"))
        e = inst.setdefault(
            key, {"title": p.get("title"), "legislation_id": p.get("legislation_id"), "provisions": set()}
        )
        if p.get("provision"):
            e["provisions"].add(norm_provision(p["provision"]))
    for e in inst.values():  # an exact identifier match counts as a title match
        for gg in golds:
            if e.get("legislation_id") and e["legislation_id"] == gg.get("legislation_id"):
                e["_title_for_match"] = gg["title"]
    return list(inst.values())


def score_legislation(c: Score, preds: list[dict], g: dict, name: str) -> None:
    golds = g.get(Table.LEGISLATION, [])

    def side(p, gg):
        if gg.get("legislation_id"):
            c.add_side("legislation_id", p.get("legislation_id") == gg["legislation_id"])
        for prov in gg.get("provisions", []):
            c.add_side("provision", norm_provision(prov) in p["provisions"])

    score_items(
        c,
        _instruments(preds, golds),
        golds,
        lambda p: p.get("_title_for_match") or p.get("title"),
        lambda gg: [gg["title"]],
        LEGISLATION_MATCH,
        Table.LEGISLATION,
        side,
        name,
    )


def score_risks(c: Score, preds: list[dict], g: dict, name: str) -> None:
    def side(p, gg):
        if gg.get("likelihood") is not None:
            c.add_side(
                "rating",
                str(p.get("likelihood")) == gg["likelihood"] and str(p.get("impact")) == gg["impact"],
            )
        for fname in ("description", "mitigation"):
            if gg.get(fname):
                c.add_side(fname, sim(p.get(fname), gg[fname]) >= TEXT_MATCH)

    score_items(
        c,
        preds,
        g.get(Table.RISKS, []),
        lambda p: p.get("risk"),
        lambda gg: [gg["risk"]],
        TEXT_MATCH,
        "risk",
        side,
        name,
    )


def _same_value(v, w) -> bool:
    return v is not None and w is not None and abs(v - w) < VALUE_TOLERANCE_GBP


def score_amounts(c: Score, preds: list[dict], g: dict, name: str) -> None:
    golds = g.get(Table.AMOUNTS, [])
    gold_values = [num(x["value_gbp"]) for x in golds]
    seen: set[int] = set()
    for p in preds:
        v = num(p.get("value_gbp"))
        # the first gold item of that value, even if already matched: repeats are neither right nor wrong
        j = next((j for j, w in enumerate(gold_values) if _same_value(v, w)), None)
        if j is None:
            c.fp += 1
            c.notes.append(f"{name}: extra amount: {p.get('raw')!r} ({v})")
        elif j not in seen:
            seen.add(j)
            if golds[j].get("optional"):
                continue
            c.tp += 1
            if golds[j].get("value_gbp_max"):
                c.add_side("range_max", num(p.get("value_gbp_max")) == golds[j]["value_gbp_max"])
    for j, x in enumerate(golds):
        if j not in seen and not x.get("optional"):
            c.fn += 1
            c.notes.append(f"{name}: missed amount: {x['value_gbp']}")


def score_grants(c: Score, preds: list[dict], g: dict, name: str) -> None:
    golds = g.get(Table.AMOUNTS, [])
    grants = [x for x in golds if x.get("is_grant")]
    optional = [x for x in golds if x.get("optional_grant") or x.get("optional")]
    seen: set[int] = set()
    for p in (p for p in preds if p.get("is_grant")):
        v = num(p.get("value_gbp"))
        j = next((j for j, x in enumerate(grants) if _same_value(v, x["value_gbp"])), None)
        if j is None:
            if not any(_same_value(v, x["value_gbp"]) for x in optional):
                c.fp += 1
                c.notes.append(f"{name}: extra grant: {p.get('raw')!r}")
        elif j not in seen:
            seen.add(j)
            x = grants[j]
            if x.get("optional_grant") or x.get("optional"):
                continue
            c.tp += 1
            c.add_side("fiscal_year", fiscal_year(p.get("fiscal_year")) == fiscal_year(x.get("fiscal_year")))
            for party in ("recipient", "funder"):
                if x.get(party):
                    c.add_side(party, sim(p.get(party), x[party]) >= PARTY_MATCH)
    for j, x in enumerate(grants):
        if j not in seen and not (x.get("optional_grant") or x.get("optional")):
            c.fn += 1
            c.notes.append(f"{name}: missed grant: {x['value_gbp']}")


def score_surveys(c: Score, preds: list[dict], g: dict, name: str) -> None:
    golds = g.get(Table.SURVEY_RESULTS, [])
    pct_count: dict = {}
    for x in golds:
        pct_count[x["percent"]] = pct_count.get(x["percent"], 0) + 1
    cands = []
    for i, p in enumerate(preds):
        pct = num(p.get("percent"))
        for j, x in enumerate(golds):
            if pct is not None and abs(pct - x["percent"]) < PERCENT_TOLERANCE:
                s = sim(p.get("answer"), x["answer"])
                if s >= ANSWER_MATCH or (pct_count[x["percent"]] == 1 and s >= UNIQUE_PERCENT_ANSWER_MATCH):
                    cands.append((s, i, j))
    cands.sort(reverse=True)
    used_p, used_g = set(), set()
    for _s, i, j in cands:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        if not golds[j].get("optional"):
            c.tp += 1
            c.add_side("respondents", num(preds[i].get("respondents")) == golds[j].get("respondents"))
    for i, p in enumerate(preds):
        if i not in used_p:
            c.fp += 1
            c.notes.append(f"{name}: extra survey result: {p.get('percent')}% {p.get('answer')!r}")
    for j, x in enumerate(golds):
        if j not in used_g and not x.get("optional"):
            c.fn += 1
            c.notes.append(f"{name}: missed survey result: {x['percent']}% {x['answer']!r}")


def _span_holds(table: str, row: dict, value, text: str | None) -> bool:
    s, e = row.get("char_start"), row.get("char_end")
    if table == Table.SURVEY_RESULTS:  # the percentage itself must be inside the cited sentence
        pct = re.sub(r"\s+", "", str(row.get("percent")).rstrip("0").rstrip("."))
        return s is not None and e is not None and pct in (text or "")[int(s) : int(e)].replace(" ", "")
    if text is None or s is None or e is None:
        return False
    span = text[int(s) : int(e)]
    if isinstance(value, (int, float)):
        return bool(span.strip())
    return sim(span, value) >= TEXT_MATCH or norm(value) in norm(span)


def score_provenance(c: Score, by: dict, doc_id, texts: dict, name: str) -> None:
    for table, fname in PROVENANCE_FIELDS:
        for row in by[table].get(doc_id, []):
            value = row.get(fname)
            text = texts.get(doc_id, "") if table == Table.SURVEY_RESULTS else texts.get(row.get("doc_id"))
            ok = value is not None and _span_holds(table, row, value, text)
            c.add_side(table, ok)
            if not ok and value is not None:
                c.notes.append(f"{name}: {table} span does not hold {value!r}")
