"""The inverted index: for each term, the numbers of the articles holding it,
cut into chunks so that a search fetches only the few chunks its terms are in.

Memory is bounded by design: an article's number is stored once per distinct
term of the article, as 4 bytes (``array('I')``), and nothing else of the
article is kept; the chunks are encoded one at a time.

The terms are sorted as the browser compares strings (UTF-16 code units), so
the search page finds a term's chunk by comparing it with each chunk's first
and last terms.
"""

from __future__ import annotations

import hashlib
import json
import operator
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

Postings = dict[str, array]
CHUNK_NAME_DIGITS = 16


def inverted_index(terms_by_article: Iterable[Iterable[str]]) -> Postings:
    """Articles are numbered in the order given, so each term's numbers come
    out ascending."""
    postings: Postings = {}
    for number, terms in enumerate(terms_by_article):
        for term in terms:
            try:
                postings[term].append(number)
            except KeyError:
                postings[term] = array("I", (number,))
    return postings


def browser_order(term: str) -> bytes:
    return term.encode("utf-16-be")


def gaps(numbers: array) -> list[int]:
    """A term's numbers as the first, then each one's distance to the one
    before: small numbers, which compress well."""
    return [numbers[0], *map(operator.sub, numbers[1:], numbers)]


@dataclass(frozen=True)
class Chunk:
    first: str
    last: str
    content: bytes

    @property
    def name(self) -> str:
        """Named by its content, so a browser may keep it for good."""
        digest = hashlib.blake2b(self.content, digest_size=CHUNK_NAME_DIGITS // 2)
        return f"{digest.hexdigest()}.json"


def encoded_chunk(entries: dict[str, list[int]]) -> Chunk:
    content = json.dumps(entries, ensure_ascii=False, separators=(",", ":"))
    terms = list(entries)
    return Chunk(terms[0], terms[-1], content.encode())


def chunks(postings: Postings, numbers_per_chunk: int) -> Iterator[Chunk]:
    """Consecutive terms, about ``numbers_per_chunk`` article numbers (and one
    per term) to a chunk."""
    entries: dict[str, list[int]] = {}
    size = 0
    for term in sorted(postings, key=browser_order):
        numbers = postings[term]
        entries[term] = gaps(numbers)
        size += len(numbers) + 1
        if size >= numbers_per_chunk:
            yield encoded_chunk(entries)
            entries, size = {}, 0
    if entries:
        yield encoded_chunk(entries)
