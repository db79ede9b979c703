"""Chinese cut into overlapping character pairs, for the index and the query.

Pagefind's Chinese segmentation splits words wrongly (石景山区 becomes 石景 +
山区), so a search for a place name can miss and 山区 can match unrelated
text. Instead, every run of Chinese characters is indexed as overlapping
character pairs, and the search page turns the query into the same pairs:
Pagefind then returns a superset of the articles containing the query, which
the browser narrows to exact matches (theme/static/js/search.js).
"""

from __future__ import annotations

import operator
import re

# CJK Unified Ideographs, Extension A and Compatibility Ideographs, as the body
# of a regular expression character class. The search page receives this very
# string, so query and index are cut into pairs by the same rule.
CJK_CHARACTERS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Captured: splitting a text by it keeps the runs, at the odd indexes.
CJK_RUN_SPLIT = re.compile(f"([{CJK_CHARACTERS}]+)")


def cjk_run_pairs(run: str) -> str:
    """'石景山区' -> '石景 景山 山区 区'.

    The run's last character stands alone too: Pagefind matches a query term
    as a word prefix, so a one-character query then finds every occurrence,
    also at the end of a run.
    """
    return " ".join([*map(operator.add, run, run[1:]), run[-1]])


def cjk_bigrams(text: str) -> str:
    """Index-time form of a text: every CJK run replaced by its character pairs.

    Split rather than a substitution with a callback: a quarter faster, and this
    runs over every article's text.
    """
    parts = CJK_RUN_SPLIT.split(text)
    parts[1::2] = [f" {cjk_run_pairs(run)} " for run in parts[1::2]]
    return "".join(parts)
