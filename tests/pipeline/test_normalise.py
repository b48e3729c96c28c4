from hypothesis import given
from hypothesis import strategies as st

from pipeline.normalise import BULLET, normalise


def test_symbol_font_and_typographic_bullets_become_one_marker():
    raw = "\uf0b7 Alpha\n• Beta\n▪ Gamma\n· Delta\n- Epsilon\n* Zeta"
    lines = normalise(raw).text.split("\n")
    assert lines == [f"{BULLET} {w}" for w in ("Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta")]


def test_ocr_bullet_letter_before_capital_becomes_bullet_but_words_do_not():
    text = normalise("e Safe, Clean and Green\ne Homes and Communities\neach item stays").text
    assert text.split("\n") == [
        f"{BULLET} Safe, Clean and Green",
        f"{BULLET} Homes and Communities",
        "each item stays",
    ]


def test_hyphenation_repaired_only_for_real_words():
    assert normalise("impact of dis-\nengagement on").text == "impact of disengagement on"
    # "mixeduse" is not a word: the hyphen stays, the line break goes.
    assert normalise("a mixed-\nuse site").text == "a mixed-use site"


def test_number_ranges_across_lines_are_not_joined():
    assert normalise("from 2013-\n2016 onwards").text == "from 2013-\n2016 onwards"


def test_nfkc_ligatures_and_spaces_tidied_tabs_kept():
    text = normalise("The  ﬁnance\u00a0plan \nRisk\tRating\n\n\n\nNext").text
    assert text == "The finance plan\nRisk\tRating\n\nNext"


def test_indentation_is_kept_so_sub_bullets_stay_nested():
    text = normalise("   1. Reduce  violence\n        - deliver the plan\n   o target hot spots").text
    assert text.split("\n") == [
        "   1. Reduce violence",
        f"        {BULLET} deliver the plan",
        f"   {BULLET} target hot spots",
    ]


def test_offsets_map_each_char_back_to_the_raw_text():
    raw = "Title\r\n\r\n\r\n\uf0b7  Tackle   drug misuse\n"
    norm = normalise(raw, track_offsets=True)
    assert len(norm.raw_offsets) == len(norm.text)
    for i, ch in enumerate(norm.text):
        if ch.isalnum():
            assert raw[norm.raw_offsets[i]] == ch


@given(st.text())
def test_normalise_never_raises_and_offsets_stay_in_range(raw):
    norm = normalise(raw, track_offsets=True)
    assert len(norm.raw_offsets) == len(norm.text)
    assert all(0 <= o <= len(raw) for o in norm.raw_offsets)


def test_space_aligned_columns_become_tab_separated_cells():
    raw = "Risk                      L   I   Mitigation\nStaff turnover            3   4   Career pathway\nSO1  Reduce harm\n"
    lines = normalise(raw).text.split("\n")
    assert lines[:2] == ["Risk\tL\tI\tMitigation", "Staff turnover\t3\t4\tCareer pathway"]
    # One gap is not a table (a code and its text), and sentence spacing stays prose.
    assert lines[2] == "SO1 Reduce harm"
    assert normalise("It ended.  Then it began.  Again.").text == "It ended. Then it began. Again."
