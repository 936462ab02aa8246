"""Markdown without any syntax is read without markdown-it, to exactly what markdown-it reads."""

from __future__ import annotations

import subprocess
import sys

from hypothesis import given
from hypothesis import strategies as st

from posts.article.markdown import read_markdown

# Prose, with whitespace that CommonMark and Python treat apart; then Markdown's markers too.
PROSE = "aZé漢ß  .,!?:;'\"()0123456789-#=+>]\xa0\u2028\u3000\x85\x0b\x0c\x1c"
CHARACTERS = PROSE + "*_`~[<&|\\\t\r\x00"
STARTS = st.sampled_from(["a", "Z", "é", "漢", "", "   "])
LINE = st.tuples(STARTS, st.text(alphabet=PROSE)).map("".join) | st.text(alphabet=CHARACTERS)
ARTICLES = st.lists(LINE, max_size=12).map("\n".join)
PARSED = "\n\n<!-- an HTML comment: markdown-it parses the article, and it adds no block -->\n"


@given(ARTICLES)
def test_prose_reads_as_markdown_it_reads_it(text: str) -> None:
    assert read_markdown(text, "a.md") == read_markdown(text + PARSED, "a.md")


def test_prose_needs_no_markdown_it_and_syntax_does() -> None:
    probe = (
        "import sys\nfrom posts.article.markdown import read_markdown\n"
        "read_markdown('Council approves the budget.\\n\\nWork starts  \\nin May.', 'a.md')\n"
        "print('markdown_it' in sys.modules)\n"
        "read_markdown('Council *approves* the budget.', 'a.md')\n"
        "print('markdown_it' in sys.modules)\n"
    )
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert run.stdout.split() == ["False", "True"]
