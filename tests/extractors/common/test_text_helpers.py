from extractors.common.tables import cell_spans, split_cells
from extractors.common.text import NUMBER_WORDS, UNIT_WORDS, fold, line_spans


def test_line_spans_cover_every_line_including_a_trailing_empty_one():
    text = "Priorities:\n• Tackle ASB\n"
    assert [text[s:e] for s, e in line_spans(text)] == ["Priorities:", "• Tackle ASB", ""]
    assert line_spans(text, 12, 24) == [(12, 24)]


def test_fold_joins_wrapped_lines_into_single_spaces():
    assert fold("  Reduce\n reoffending\t by \n\n young people ") == "Reduce reoffending by young people"


def test_list_number_words_stop_at_twelve_while_percent_words_go_further():
    assert NUMBER_WORDS["twelve"] == 12 and "thirteen" not in NUMBER_WORDS
    assert UNIT_WORDS["nineteen"] == 19


def test_cell_spans_keep_empty_cells_so_indexes_are_columns():
    text = "Budget\t\t£5,000"
    assert [text[s:e] for s, e in cell_spans(text, 0, len(text), "\t")] == ["Budget", "", "£5,000"]
    assert [c and c.text for c in split_cells(text, 0, len(text), "\t")] == ["Budget", None, "£5,000"]
