"""What the index holds of a text, and what a search looks up: terms.

The search page looks for a query as written (theme/static/js/search.js):
the index only has to name, for each term of the query, every article that
could contain it, and the browser then checks each candidate's text. So:

* Chinese has no spaces between words, and a dictionary cuts place names
  wrongly (石景山区 into 石景 + 山区). Every character and every pair of
  neighbouring characters is a term instead: a query of one character is
  looked up as itself, a longer one as its pairs, and no cut can miss.
* Other text is cut into words, runs of letters and digits, lowercased. A
  query's last word may be the start of a longer word, which the search page
  looks up as a prefix of the index's words.

Python's ``[^\\W_]`` is the search page's ``[\\p{L}\\p{N}]``, and both sides
lowercase before cutting, so both cut a text the same way.
"""

from __future__ import annotations

import operator
import re

# CJK Unified Ideographs, Extension A and Compatibility Ideographs, as the body
# of a regular expression character class. The search page receives this very
# string, so query and index are cut by the same rule.
CJK_CHARACTERS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_RUN = re.compile(f"[{CJK_CHARACTERS}]+")
WORD = re.compile(r"[^\W_]+")


def index_terms(text: str) -> set[str]:
    """'石景山区 Park' -> 石 景 山 区 石景 景山 山区 park."""
    lowered = text.lower()
    terms = set(WORD.findall(CJK_RUN.sub(" ", lowered)))
    for run in CJK_RUN.findall(lowered):
        terms.update(run)
        terms.update(map(operator.add, run, run[1:]))
    return terms
