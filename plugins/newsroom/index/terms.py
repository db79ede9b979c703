"""What the index holds of a text, and what a search looks up: terms.

The search page looks for a query as written (theme/static/js/search.js):
the index only has to name, for each term of the query, every article that
could contain it, and the browser then checks each candidate's text. So:

* Chinese has no spaces between words, and a dictionary cuts place names
  wrongly (石景山区 into 石景 + 山区). Every character and every pair of
  neighbouring characters is a term instead: a query of one character is
  looked up as itself, a longer one as its pairs, and no cut can miss.
* Other text is cut into words, runs of letters and digits, lowercased; and
  each two neighbouring words with what is between them ("shijingshan
  district", "e-government"), when that is a few characters: a phrase is
  then looked up by its pairs of words, and a phrase whose words are all
  common finds only the articles holding it, not every article with the
  words somewhere (which the page would have to fetch and check one by one).
  A query's last word may be the start of a longer word, which the search
  page looks up as a prefix of the index's words and pairs.

The page cuts the text it checks as ``collapse(text).toLowerCase()``, which
``browser_form`` restates; Python's ``[^\\W_]`` is the page's
``[\\p{L}\\p{N}]``, so both sides cut a text the same way.
"""

from __future__ import annotations

import itertools
import operator
import re

# CJK Unified Ideographs, Extension A and Compatibility Ideographs, as the body
# of a regular expression character class. The search page receives this very
# string, so query and index are cut by the same rule.
CJK_CHARACTERS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_RUN = re.compile(f"[{CJK_CHARACTERS}]+")
# A word (letters and digits, but not Chinese characters: JavaScript's
# [\p{L}\p{N}]), and everything up to the next word.
WORD_AND_GAP = re.compile(
    f"([^\\W_{CJK_CHARACTERS}]++)((?:[\\W_]|[{CJK_CHARACTERS}])*)"
)
# JavaScript's \s but the space: the page collapses each run of \s into one
# space. A text with none of these, nor two spaces in a row, is left as it is
# (a body: Pelican's text has single spaces already), which saves a
# substitution at every space.
JS_OTHER_SPACE = (
    "\t\n\v\f\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
)
SPACE_TO_COLLAPSE = re.compile(f"[{JS_OTHER_SPACE}]|  ")
JS_WHITESPACE = re.compile(f"[ {JS_OTHER_SPACE}]+")
# Two words with at most this many characters between them are a term too.
PAIR_SEPARATOR = 3


def browser_form(text: str) -> str:
    """The text as the search page compares it with the query."""
    if SPACE_TO_COLLAPSE.search(text):
        text = JS_WHITESPACE.sub(" ", text)
    return text.strip(" ").lower()


def is_pair_separator(gap: str) -> bool:
    return gap == " " or (len(gap) <= PAIR_SEPARATOR and not CJK_RUN.search(gap))


def word_terms(text: str) -> set[str]:
    """Each word, and each pair of neighbouring words with their separator.

    One regular expression finds every word and the gap after it; a loop
    over the words' own matches took twice as long.
    """
    words = WORD_AND_GAP.findall(text)
    terms = {word for word, _ in words}
    terms.update(
        first + gap + second
        for (first, gap), (second, _) in itertools.pairwise(words)
        if is_pair_separator(gap)
    )
    return terms


def index_terms(*texts: str) -> set[str]:
    """'石景山区 Park' -> 石 景 山 区 石景 景山 山区 park."""
    terms: set[str] = set()
    for text in map(browser_form, texts):
        terms.update(word_terms(text))
        for run in CJK_RUN.findall(text):
            terms.update(run)
            terms.update(map(operator.add, run, run[1:]))
    return terms
