"""`councilpapers evaluate`: precision, recall and F1 per table against gold JSON files.

The expected figures below were counted by hand from the matching rules in the module
docstring (greedy best-first text matching, duplicates and optional items counted neither way).
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

import pytest

from evaluation import evaluate as ev
from evaluation.evaluate import evaluate
from evaluation.rules import match, norm_provision
from pipeline.cli import main
from tests.gold_dataset import build_from_gold, write_table

ROOT = Path(__file__).resolve().parents[2]

DOC = "d" * 64
TEXT = (
    "Safer Swale Partnership Plan 2025-2028\n"
    "Our priorities are:\n"
    "• Reduce Anti-Social Behaviour.\n"
    "• Support young people into employment\n"
    "Under section 17 of the Crime and Disorder Act 1998 the council must consider crime.\n"
    "The PCC awarded £50,000 for 2025/26.\n"
    "Funding ends.\n"
    "45% of 500 respondents feel safe after dark.\n"
)

GOLD = {
    "file": "paper.txt",
    "document": {
        "council": "swale",
        "meeting_date": "2025-03-01",
        "body": "Cabinet",
        "title": "Safer Swale Partnership Plan",
    },
    "priorities": [
        {
            "text": "Reduce anti-social behaviour",
            "period_start": 2025,
            "period_end": 2028,
            "kind": "priority",
            "theme": "anti_social_behaviour",
        },
        {
            "text": "Protect vulnerable adults from exploitation",
            "period_start": 2025,
            "period_end": 2028,
            "kind": "priority",
            "theme": "safeguarding",
        },
        {"text": "Improve air quality", "optional": True},
        {"text": "Support young people into work", "period_start": 2025, "period_end": 2028, "theme": None},
    ],
    "not_priorities": ["respond to consultations"],
    "legislation": [
        {
            "title": "Crime and Disorder Act 1998",
            "legislation_id": "ukpga/1998/37",
            "kind": "act",
            "provisions": ["section 17"],
        },
        {
            "title": "Police Reform and Social Responsibility Act 2011",
            "legislation_id": "ukpga/2011/13",
            "kind": "act",
            "provisions": [],
        },
    ],
    "risks": [
        {"risk": "Funding ends", "likelihood": "C", "impact": "3"},
        {"risk": "Partners disengage", "likelihood": None, "impact": None},
    ],
    "amounts": [
        {
            "value_gbp": 50000,
            "is_grant": True,
            "fiscal_year": "2025-26",
            "funder": "Police and Crime Commissioner",
            "recipient": "Swale Community Safety Partnership",
        },
        {"value_gbp": 1200000, "is_grant": False},
        {"value_gbp": 300, "is_grant": False, "optional": True},
    ],
    "survey_results": [
        {"answer": "feel safe after dark", "percent": 45, "respondents": 500},
        {"answer": "feel safe during the day", "percent": 45, "respondents": 500},
        {"answer": "worried about speeding", "percent": 12, "respondents": 500},
    ],
}


def span(found: str) -> dict:
    start = TEXT.find(found)
    return (
        {"char_start": start, "char_end": start + len(found)}
        if start >= 0
        else {"char_start": 0, "char_end": 5}
    )


def fact(found: str = "", **cols) -> dict:
    return {"doc_id": DOC, "council": "swale", "meeting_date": date(2025, 3, 1), **span(found), **cols}


def priority(text: str, start=2025, end=2028, theme=None) -> dict:
    return fact(text, text=text, period_start=start, period_end=end, theme=theme, kind="priority")


PREDICTED = {
    "priorities": [
        priority("Reduce Anti-Social Behaviour.", theme="anti_social_behaviour"),
        priority("Reduce anti social behaviour", theme="anti_social_behaviour"),  # a duplicate: no penalty
        priority("Improve air quality"),  # optional in the gold: neither right nor wrong
        priority("Support young people into employment", end=2027),  # matched; period wrong
        priority("Respond to consultations"),  # a hard negative: extra
    ],
    "legislation": [  # three instruments: two right (one by its id alone), one extra
        fact(
            "Crime and Disorder Act 1998",
            title="Crime and Disorder Act 1998",
            legislation_id="ukpga/1998/37",
            provision="s. 17",
            mention="Crime and Disorder Act 1998",
        ),
        fact(
            "Crime and Disorder Act 1998",
            title="Crime and Disorder Act 1998",
            legislation_id="ukpga/1998/37",
            provision="sections 5 to 7",
            mention="Crime and Disorder Act 1998",
        ),
        fact(title="PRSR Act", legislation_id="ukpga/2011/13", mention="PRSR Act"),
        fact(title="Equality Act 2010", legislation_id="ukpga/2010/15", mention="Equality Act 2010"),
    ],
    "risks": [fact("Funding ends.", risk="Funding ends.", likelihood="C", impact="3")],
    "amounts": [
        fact(
            "£50,000",
            raw="£50,000",
            value_gbp=50000.0,
            is_grant=True,
            fiscal_year="2025/26",
            funder="Police and Crime Commissioner",
            recipient="Swale CSP",
        ),
        fact("£50,000", raw="£50,000", value_gbp=50000.0, is_grant=False),  # repeat of a matched value
        fact(raw="£300", value_gbp=300.0, is_grant=False),  # optional in the gold
        fact(raw="£999", value_gbp=999.0, is_grant=False),  # extra
    ],
    "survey_results": [
        fact(
            "45% of 500 respondents feel safe after dark.",
            answer="feel safe after dark",
            percent=45.0,
            respondents=500,
            evidence="45% of 500 respondents feel safe after dark.",
        ),
        fact(
            answer="speeding worries residents", percent=12.0, evidence="12% worry"
        ),  # loose match, unique 12%
        fact(answer="satisfied with the council", percent=80.0, evidence="80% satisfied"),  # extra
    ],
}

# (tp, fp, fn) per table, counted by hand from PREDICTED and GOLD
EXPECTED = {
    "priorities": (2, 1, 1),
    "legislation": (2, 1, 0),
    "risks": (1, 0, 1),
    "amounts": (1, 1, 1),
    "grants": (1, 0, 0),
    "survey_results": (2, 1, 1),
}
EXPECTED_F1 = {
    "priorities": 0.667,
    "legislation": 0.8,
    "risks": 0.667,
    "amounts": 0.5,
    "grants": 1.0,
    "survey_results": 0.667,
}


@pytest.fixture
def scored(tmp_path):
    data, gold = tmp_path / "data", tmp_path / "gold"
    gold.mkdir()
    (gold / "paper.json").write_text(json.dumps(GOLD))
    write_table(
        data,
        "documents",
        [
            {
                "doc_id": DOC,
                "council": "swale",
                "body": "Cabinet",
                "meeting_date": date(2025, 3, 1),
                "title": "Safer Swale Partnership Plan 2025-2028",
                "source_uri": "https://example.org/papers/paper.txt",
            }
        ],
    )
    write_table(data, "texts", [{"doc_id": DOC, "text": TEXT, "page_starts": [0]}])
    for name, rows in PREDICTED.items():
        write_table(data, name, rows)
    return data, gold


def test_counts_and_f1_per_table_match_a_hand_count(scored):
    result = evaluate(*scored)
    assert {t: (s.tp, s.fp, s.fn) for t, s in result.tables.items()} == EXPECTED
    assert {t: round(s.f1, 3) for t, s in result.tables.items()} == EXPECTED_F1
    assert round(result.tables["legislation"].precision, 3) == 0.667
    assert result.tables["legislation"].recall == 1.0
    assert round(result.macro_f1, 3) == round(sum(EXPECTED_F1.values()) / 6, 3) == 0.717


def test_side_accuracies_check_attributes_of_matched_items(scored):
    result = evaluate(*scored)
    assert result.tables["priorities"].side == {"theme": [1, 1], "period": [1, 2], "kind": [2, 2]}
    assert result.tables["legislation"].side == {"legislation_id": [2, 2], "provision": [1, 1]}
    assert result.tables["risks"].side == {"rating": [1, 1]}
    assert result.tables["grants"].side == {"fiscal_year": [1, 1], "recipient": [0, 1], "funder": [1, 1]}
    assert result.tables["survey_results"].side == {"respondents": [1, 2]}
    assert result.documents.side == {
        "council": [1, 1],
        "meeting_date": [1, 1],
        "body": [1, 1],
        "title": [1, 1],
    }


def test_provenance_checks_that_each_span_holds_its_value(scored):
    side = evaluate(*scored).provenance.side
    # spans were found in TEXT for: 2 of 5 priorities, 2 of 4 legislation rows, the risk,
    # both £50,000 rows, and the first survey result
    assert side == {
        "priorities": [2, 5],
        "legislation": [2, 4],
        "risks": [1, 1],
        "amounts": [2, 4],
        "survey_results": [1, 3],
    }


def test_verbose_lists_misses_extras_and_hard_negatives(scored, capsys):
    data, gold = scored
    assert ev.run(argparse.Namespace(data=data, gold=gold, verbose=True, json=None)) == 0
    out = capsys.readouterr().out
    assert "paper.txt: missed priority: 'Protect vulnerable adults from exploitation'" in out
    assert "paper.txt: extra priority: 'Respond to consultations'" in out
    assert "paper.txt: hard negative taken as priority: 'respond to consultations'" in out
    assert "paper.txt: extra legislation: 'Equality Act 2010'" in out
    assert "paper.txt: missed amount: 1200000" in out
    assert "paper.txt: missed survey result: 45% 'feel safe during the day'" in out
    assert "priorities        0.667  0.667  0.667   2/1/1" in out
    assert out.rstrip().endswith("macro F1 0.717")


def test_quiet_output_has_the_figures_but_not_the_notes_and_json_has_both(scored, tmp_path, capsys):
    data, gold = scored
    assert ev.run(argparse.Namespace(data=data, gold=gold, verbose=False, json=tmp_path / "s.json")) == 0
    assert "missed" not in capsys.readouterr().out
    figures = json.loads((tmp_path / "s.json").read_text())
    assert figures["amounts"] == {
        "precision": 0.5,
        "recall": 0.5,
        "f1": 0.5,
        "tp": 1,
        "fp": 1,
        "fn": 1,
        "side": {},
    }
    assert round(figures["macro_f1"], 3) == 0.717


def test_a_gold_paper_without_a_document_row_is_all_misses(scored):
    data, gold = scored
    other = {
        "file": "elsewhere.pdf",
        "document": {"council": "kent"},
        "priorities": [{"text": "Road safety"}],
        "amounts": [{"value_gbp": 10, "is_grant": True}],
    }
    (gold / "other.json").write_text(json.dumps(other))
    result = evaluate(data, gold)
    assert result.tables["priorities"].fn == EXPECTED["priorities"][2] + 1
    assert result.tables["grants"].fn == 1
    assert result.documents.side["council"] == [1, 2]
    assert "elsewhere.pdf: no document row with this source file" in result.notes


def test_a_perfect_extraction_of_the_sample_papers_scores_one_everywhere(tmp_path):
    data = build_from_gold(ROOT / "fixtures" / "gold", tmp_path / "data", ROOT / "fixtures" / "seeds")
    result = evaluate(data, ROOT / "fixtures" / "gold")
    assert {t: (s.tp, s.fp, s.fn) for t, s in result.tables.items()} == {
        "priorities": (37, 0, 0),
        "legislation": (22, 0, 0),
        "risks": (14, 0, 0),
        "amounts": (12, 0, 0),
        "grants": (3, 0, 0),
        "survey_results": (36, 0, 0),
    }
    assert result.macro_f1 == 1.0


def test_an_empty_dataset_scores_zero_where_gold_expects_facts(tmp_path):
    (tmp_path / "data").mkdir()
    result = evaluate(tmp_path / "data", ROOT / "fixtures" / "gold")
    assert all(s.tp == 0 and s.fp == 0 and s.f1 == 0.0 for s in result.tables.values())


def test_matching_is_greedy_best_first_and_later_duplicates_are_not_extras():
    preds = ["Tackle drug misuse", "Tackle drugs misuse", "Something else entirely"]
    golds = [{"text": "Tackle drugs misuse"}, {"text": "Tackle drug misuse"}]
    pairs, dup = match(preds, golds, lambda p: p, lambda g: [g["text"]], 0.8)
    assert sorted((i, j) for i, j, _ in pairs) == [(0, 1), (1, 0)]  # exact pairs beat near ones
    assert dup == set()
    pairs, dup = match(preds[:2], golds[:1], lambda p: p, lambda g: [g["text"]], 0.8)
    assert [(i, j) for i, j, _ in pairs] == [(1, 0)] and dup == {0}


@pytest.mark.parametrize(
    "cited,normalised",
    [
        ("s. 17", "section 17"),
        ("sections 5 to 7", "section 5 7"),
        ("Sch 3 para 4", "schedule 3 paragraph 4"),
        ("reg. 10", "regulation 10"),
        ("Part 2", "part 2"),
    ],
)
def test_provisions_compare_after_expanding_abbreviations(cited, normalised):
    assert norm_provision(cited) == normalised


def test_missing_folders_are_errors_that_say_what_to_pass(tmp_path, capsys):
    (tmp_path / "data").mkdir()
    assert main(["evaluate", "--data", str(tmp_path / "nope"), "--gold", str(tmp_path)]) == 2
    assert "councilpapers extract" in capsys.readouterr().err
    assert main(["evaluate", "--data", str(tmp_path / "data"), "--gold", str(tmp_path / "data")]) == 2
    assert "fixtures/gold" in capsys.readouterr().err
