"""A body's HTML may hold article markup only: anything that runs, loads or
navigates is refused, with the source line it comes from.

The check reads the HTML that Markdown produced, not the Markdown: Markdown
passes raw HTML on verbatim and builds links from its own syntax
(``[x](javascript:...)``), while it turns ``<script>`` in a code span into
text. Only the converted HTML says what a browser will get.

Two parsers, each for what it does best:

- Python's ``html.parser`` walks the HTML and names every element, attribute
  or URL outside the allow-list below, so that the editor is told what, and
  where. It is the stdlib's, and what beautifulsoup4 uses.
- nh3 (the Ammonia sanitiser, over html5ever, which parses as browsers do)
  cleans the same HTML with the same allow-list, and its output is what the
  page gets. Python 3.11's parser reads some malformed markup otherwise than a
  browser would (``<!-->``, ``--!>``, ``<![CDATA[``...): the walk refuses those
  constructs, and whatever else it might misread never reaches a page, since
  nh3 removes it. Every attribute that html5ever reads on an allowed element
  goes through the same rule (``attribute_filter``) and must be one the walk
  read too, so an attribute the walk did not see is refused, not dropped. (An
  element outside the allow-list that only html5ever saw would be removed:
  no such misreading is known once the constructs above are refused.)

nh3 alone could not say what it removed, nor where; the walk alone could be
walked around. Refusing rather than stripping keeps the rule "nothing is
silently dropped": the page is built from the editor's text or not at all.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from html import unescape
from html.parser import HTMLParser

import nh3

from .errors import SourceError, printable, shown
from .source import CheckedSource

# Ordinary article markup, and what Markdown's ``extra`` writes: footnotes
# (sup, div, ol, li, hr, a), tables, definition lists, abbreviations, code.
# ``figure``/``figcaption``/``img`` for photos.
ALLOWED_TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd",
        "del", "div", "dl", "dt", "em", "figcaption", "figure", "h2", "h3",
        "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol",
        "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub", "sup",
        "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul",
    }
)  # fmt: skip
VOID_TAGS = frozenset({"br", "hr", "img"})
# The ``src`` of a Markdown image while the body is checked: its only
# attribute, numbered in order (media/references.py); media/markup.py puts the
# photo's derivatives there. An image in raw HTML, or a ``<picture>`` or
# ``<source>``, would reach the page unprocessed: no derivatives, no size, no
# alt check, and an original that is never published.
PHOTO_PLACEHOLDER = "newsroom-photo/"
RAW_IMAGE_TAGS = frozenset({"img", "picture", "source"})
# Attributes any allowed element may carry: values are checked below.
GLOBAL_ATTRIBUTES = frozenset({"class", "id", "lang", "dir", "title", "role"})
ELEMENT_ATTRIBUTES = {
    "a": frozenset({"href"}),
    "img": frozenset({"src"}),
    "blockquote": frozenset({"cite"}),
    "q": frozenset({"cite"}),
    "del": frozenset({"cite", "datetime"}),
    "ins": frozenset({"cite", "datetime"}),
    "time": frozenset({"datetime"}),
    "ol": frozenset({"start", "reversed", "type"}),
    "li": frozenset({"value"}),
    "th": frozenset({"style", "colspan", "rowspan", "scope"}),
    "td": frozenset({"style", "colspan", "rowspan"}),
}
URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
# Classes Markdown's extensions write (footnotes, fenced code); an attribute
# list ({: .x}) could otherwise borrow the theme's own classes.
ALLOWED_CLASSES = re.compile(
    r"footnote|footnote-ref|footnote-backref|language-[\w+#.-]+"
)
# Footnote ids (fn:1, fnref:1, fnref2:1) and plain anchors.
ALLOWED_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*(?::[A-Za-z0-9_-]+)?")
# Markdown's table alignment, the only style allowed: a style can load URLs.
ALLOWED_STYLE = re.compile(r"text-align:\s*(?:left|right|center);?")
ATTRIBUTE_VALUE = {
    "width": re.compile(r"\d{1,5}"),
    "height": re.compile(r"\d{1,5}"),
    "colspan": re.compile(r"\d{1,3}"),
    "rowspan": re.compile(r"\d{1,3}"),
    "start": re.compile(r"-?\d{1,9}"),
    "value": re.compile(r"-?\d{1,9}"),
    "dir": re.compile(r"ltr|rtl|auto"),
    "role": re.compile(r"doc-[a-z]+|note|presentation"),
    "lang": re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*"),
}
# Deeper than any article; html5ever's cleaning slows down steeply beyond.
MAX_DEPTH = 100
# What browsers strip from a URL before they read its scheme.
URL_IGNORED = re.compile(r"[\x00-\x20]")
URL_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")


@dataclass(frozen=True)
class Problem:
    """Something not allowed, and the text to look for in the source."""

    what: str
    needle: re.Pattern[str]
    order: int  # position in the HTML: problems are found in this order


def attribute_problem(tag: str, name: str, value: str) -> str | None:
    """Why ``name="value"`` may not be on ``<tag>``; None when it may.

    The one rule, used by the walk and by nh3's attribute_filter alike.
    """
    if name.startswith("on"):
        return f"event-handler attribute {printable(name[:40])}= is not allowed"
    if name not in GLOBAL_ATTRIBUTES and name not in ELEMENT_ATTRIBUTES.get(tag, ()):
        return f"attribute {printable(name[:40])}= on <{tag}> is not allowed"
    if name in URL_ATTRIBUTES:
        return url_problem(tag, name, value)
    if name == "class":
        refused = [c for c in value.split() if not ALLOWED_CLASSES.fullmatch(c)]
        return f'class "{refused[0]}" is not allowed' if refused else None
    if name == "id" and not ALLOWED_ID.fullmatch(value):
        return f"id {shown(value)} is not allowed"
    if name == "style" and not ALLOWED_STYLE.fullmatch(value.strip()):
        return f"style {shown(value)} is not allowed (only text-align in tables)"
    rule = ATTRIBUTE_VALUE.get(name)
    if rule and not rule.fullmatch(value):
        return f"{name}={shown(value)} is not allowed"
    return None


def url_problem(tag: str, name: str, value: str) -> str | None:
    """Links: http, https, mailto or relative. Images: a Markdown image's
    placeholder only (the walk refuses any other ``<img>`` first; this is the
    same rule for html5ever's reading)."""
    url = URL_IGNORED.sub("", value)
    scheme = URL_SCHEME.match(url)
    if tag == "img":
        return None if url.startswith(PHOTO_PLACEHOLDER) else raw_image_problem(tag)
    if scheme and scheme[1].lower() not in LINK_SCHEMES:
        return (
            f"{scheme[1].lower()}: URL in {name}= is not allowed "
            "(only http, https, mailto or a relative link)"
        )
    return None


def raw_image_problem(tag: str) -> str:
    return (
        f"raw HTML <{tag}> is not allowed: write ![alt text]"
        "({static}/images/name.jpg), so that the build checks and resizes the photo"
    )


def tag_needle(tag: str) -> re.Pattern[str]:
    return re.compile(rf"<\s*{re.escape(tag)}(?![\w-])", re.IGNORECASE)


def attribute_needle(name: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])", re.IGNORECASE)


def url_needle(url: str) -> re.Pattern[str]:
    """The URL's start as written in a link, raw HTML or Markdown: ``[x](url)``."""
    start = URL_IGNORED.sub("", url)[:12]
    return re.compile(r"[\x00-\x20]*".join(map(re.escape, start)), re.IGNORECASE)


class SafetyWalk(HTMLParser):
    """One pass over the HTML: the problems, and every attribute it accepted.

    ``photos``: how many Markdown images the body has (their placeholders)."""

    def __init__(self, photos: int = 0) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[Problem] = []
        self.accepted: list[tuple[str, str, str]] = []
        self.depth = 0
        self.photos = photos
        self.next_photo = 0

    def problem(self, what: str, needle: re.Pattern[str]) -> None:
        self.problems.append(Problem(what, needle, len(self.problems)))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.element(tag, attrs)
        if tag not in VOID_TAGS:
            self.depth += 1
            if self.depth == MAX_DEPTH + 1:
                self.problem(
                    f"HTML nested more than {MAX_DEPTH} elements deep is not allowed",
                    tag_needle(tag),
                )

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.element(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID_TAGS:
            self.depth = max(0, self.depth - 1)

    def element(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in RAW_IMAGE_TAGS and not self.is_next_photo(tag, attrs):
            self.problem(raw_image_problem(tag), tag_needle(tag))
            return
        if tag not in ALLOWED_TAGS:
            self.problem(f"<{printable(tag[:40])}> is not allowed", tag_needle(tag))
            return
        for name, value in attrs:
            why = attribute_problem(tag, name, value or "")
            if why is None:
                self.accepted.append((tag, name, value or ""))
            elif name in URL_ATTRIBUTES:
                self.problem(why, url_needle(value or ""))
            else:
                self.problem(why, attribute_needle(name))

    def is_next_photo(self, tag: str, attrs: list[tuple[str, str | None]]) -> bool:
        """The placeholder of the next Markdown image: raw HTML that copies one
        is out of turn or one too many, and is refused."""
        placeholder = [("src", f"{PHOTO_PLACEHOLDER}{self.next_photo}")]
        if tag != "img" or attrs != placeholder or self.next_photo >= self.photos:
            return False
        self.next_photo += 1
        return True

    def handle_comment(self, data: str) -> None:
        # Browsers end a comment at "<!-->", "<!--->" or "--!>" as well;
        # Python's parser reads on to "-->". (A bogus comment, <!x> or </ x>,
        # comes here too, and ends at the first ">" for both.)
        if data.startswith((">", "->")) or "--!>" in data:
            self.problem(
                "an HTML comment that browsers end elsewhere is not allowed",
                re.compile(re.escape("<!--")),
            )

    def handle_decl(self, decl: str) -> None:
        name = decl.split()[0] if decl.split() else ""
        self.problem(f"<!{printable(name[:20])}> is not allowed", DECLARATION)

    def unknown_decl(self, data: str) -> None:
        keyword = printable(data.partition("[")[0][:20])
        self.problem(f"<![{keyword}[ is not allowed", DECLARATION)

    def handle_pi(self, data: str) -> None:
        self.problem("<?...> is not allowed", re.compile(r"<\?"))


DECLARATION = re.compile(r"<!(?!--)")
# For a problem only html5ever's reading shows: the line of the one before.
ANYWHERE = re.compile(r"(?!)")


def cleaned(html: str) -> tuple[str, list[tuple[str, str]], list[str]]:
    """nh3's output, every attribute html5ever read on an allowed element, and
    why it removed those it removed."""
    seen: list[tuple[str, str]] = []
    removed: list[str] = []

    def keep_allowed(tag: str, name: str, value: str) -> str | None:
        seen.append((tag, name))
        if why := attribute_problem(tag, name, value):
            removed.append(why)
            return None
        return value

    output = nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={},
        # Every attribute reaches keep_allowed: the allow-list is decided
        # there, by the rule the walk uses.
        generic_attribute_prefixes=set("abcdefghijklmnopqrstuvwxyz"),
        attribute_filter=keep_allowed,
        url_schemes=set(LINK_SCHEMES),
        link_rel=None,
        strip_comments=False,
    )
    return output, seen, removed


def html_problems(html: str, photos: int = 0) -> tuple[str, list[Problem]]:
    """The HTML for the page, and what in ``html`` is not allowed.

    The hook for every field that reaches a page as HTML (a body, a caption
    written in Markdown): without problems the page may show the returned
    HTML, which says what ``html`` says, as html5ever read and wrote it.
    ``photos``: the placeholders of its Markdown images.
    """
    walk = SafetyWalk(photos)
    walk.feed(html)
    walk.close()
    if walk.problems:
        return html, walk.problems
    output, seen, removed = cleaned(html)
    # Both parsers must have read the same attributes on the same elements
    # (counted, as one may occur twice), and html5ever's reading of each value
    # must pass the rule as the walk's did. Values are not compared: Python
    # decodes "&para=" in an attribute, a browser keeps it.
    read_by_walk = Counter((tag, name) for tag, name, _ in walk.accepted)
    read_by_html5ever = Counter(seen)
    differing = (read_by_html5ever - read_by_walk) + (read_by_walk - read_by_html5ever)
    problems = [Problem(why, ANYWHERE, order) for order, why in enumerate(removed)] + [
        Problem(
            f"<{tag} {name}=...> that browsers read otherwise than this check "
            "is not allowed",
            attribute_needle(name),
            len(removed) + order,
        )
        for order, (tag, name) in enumerate(differing.elements())
    ]
    return output, problems


CODE_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")


def searchable(lines: Sequence[str]) -> list[str]:
    """The source lines with code blocks and code spans blanked: text there is
    shown as text, so a problem never comes from it."""
    result = []
    fence: str | None = None
    for line in lines:
        opening = CODE_FENCE.match(line)
        if fence is not None:
            if opening and opening[1][0] == fence[0] and len(opening[1]) >= len(fence):
                fence = None
            result.append("")
        elif opening:
            fence = opening[1]
            result.append("")
        else:
            result.append(CODE_SPAN.sub(lambda m: " " * len(m[0]), line))
    return result


def problem_lines(
    problems: Sequence[Problem], lines: Sequence[str], first_line: int
) -> Iterator[tuple[int, str]]:
    """Each problem with the source line its HTML came from.

    Markdown keeps the order of the text, so problems are looked for in order:
    each one's text (``<tag``, an attribute's name) from the line of the one
    before on, then anywhere, else it is given the line of the one before.
    Lines are searched as written and with entities decoded (``&#x6f;n...``).
    """
    text = searchable(lines)
    decoded = [unescape(line) if "&" in line else line for line in text]
    cursor = 0
    for problem in sorted(problems, key=lambda p: p.order):
        found = next(
            (
                index
                for index in [*range(cursor, len(text)), *range(cursor)]
                if problem.needle.search(text[index])
                or problem.needle.search(decoded[index])
            ),
            cursor,
        )
        cursor = found
        yield first_line + found, problem.what


def checked_body(
    checked: CheckedSource, html: str, allow_unsafe: bool, photos: int = 0
) -> tuple[str, CheckedSource]:
    """The body's HTML for the page, and the source's check with its problems.

    ``NEWSROOM_ALLOW_UNSAFE_HTML`` (a trusted embed) publishes Markdown's HTML
    as it is.
    """
    if allow_unsafe or checked.text is None:
        return html, checked
    safe, problems = html_problems(html, photos)
    if not problems:
        return safe, checked
    lines = checked.text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    body = lines[checked.body_line - 1 :]
    errors = [
        SourceError(checked.path, line, "Body", what)
        for line, what in problem_lines(problems, body, checked.body_line)
    ]
    return html, with_errors(checked, errors)


def with_errors(checked: CheckedSource, errors: Sequence[SourceError]) -> CheckedSource:
    return replace(checked, errors=(*checked.errors, *errors))
