"""Layout and language helpers shared by more than one extractor family (text, tables, spaCy).

- `nlp.py`: the one blank spaCy pipeline every family uses.
- `text.py`: line spans and case-and-accent folding.
- `tables.py`: delimited tables (tab, pipe, column gaps), cells with spans, and
  `caption_above_table` (the heading or caption over a table).

Look-alikes that stay in their family, because they answer different questions (named so):
`risks.flat_tables.CellParagraph` (a blank-line chunk, measured for column wrap widths) vs
`surveys.text.LayoutUnit` (a heading, paragraph, list item or row, classified);
`amounts.money.list_lead_in` (the span of the paragraph introducing a list) vs
`surveys.fields.question_of_intro` (the question that paragraph asks);
`priorities.context.heading_above_paragraph` (over a paragraph of classified lines) vs
`caption_above_table` here. A helper moves here once a second family needs the same answer.
"""
