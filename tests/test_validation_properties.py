"""Random metadata and bodies: the validator never crashes, it only names problems."""

from __future__ import annotations

from datetime import date

from hypothesis import example, given
from hypothesis import strategies as st

from newsroom.validate.fields import SiteRules
from newsroom.validate.source import check_source

RULES = SiteRules(languages=("zh", "en"), topics=("news", "culture"))
PATH = "content/zh/2024/x.md"
FIELDS = ["Title", "Date", "Modified", "Source", "Category", "Slug", "Lang", "Status"]


def assert_clean_errors(raw: bytes) -> None:
    checked = check_source(PATH, "zh", False, raw, RULES)
    # Lines as Pelican reads them: universal newlines, so a lone \r ends one too.
    line_count = raw.replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1
    for error in checked.errors:
        text = str(error)
        assert text.startswith(f"{PATH}:{error.line}: {error.field}: ")
        assert 1 <= error.line <= line_count
        assert len(text.splitlines()) == 1
        assert text.isprintable()


@example(b"\r")
@given(st.binary(max_size=400))
def test_any_bytes(raw: bytes) -> None:
    assert_clean_errors(raw)


@given(
    st.dictionaries(st.sampled_from(FIELDS), st.text(max_size=40)),
    st.text(max_size=300),
)
def test_any_unicode_metadata_and_body(fields: dict[str, str], body: str) -> None:
    header = "".join(f"{key}: {value}\n" for key, value in fields.items())
    assert_clean_errors(f"{header}\n{body}".encode("utf-8", "surrogatepass"))


@given(
    title=st.text(min_size=1, max_size=40).filter(
        lambda t: t.strip() and t.isprintable() and "[TODO]" not in t
    ),
    slug=st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}", fullmatch=True),
    topic=st.sampled_from(RULES.topics),
    day=st.dates(min_value=date(1900, 1, 1)).map(date.isoformat),
)
def test_a_well_formed_source_has_no_problems(title, slug, topic, day) -> None:
    raw = (
        f"Title: {title}\nDate: {day} 09:30\nSource: 区新闻办\n"
        f"Category: {topic}\nSlug: {slug}\n\n正文。\n"
    ).encode()
    assert check_source(PATH, "zh", False, raw, RULES).errors == ()
