"""With the content cache on (`make serve`), a rebuild renders only the pages
whose inputs changed, and the site it leaves is byte for byte the one a clean
build of the same sources writes."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import SAMPLE_CONTENT

from sitetools import REPO, differing_files, run_pelican

NO_SEARCH = {"NEWSROOM_SEARCH_INDEX": "false"}
EDITED_ARTICLE = Path("zh/2026/government-services-conference-2026.md")
EDITED_PAGE = Path("2026/01/government-services-conference-2026/index.html")
UNRELATED_PAGE = Path("2023")  # no 2023 article is next to the edited one
FEEDS = "feeds/*.xml"  # in every language's folder


@dataclass(frozen=True)
class Workspace:
    """A copy of the sample content and the theme, built once with the cache on."""

    root: Path
    search: bool = False

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def theme(self) -> Path:
        return self.root / "theme"

    @property
    def output(self) -> Path:
        return self.root / "output"

    def settings(self, cached: bool) -> dict[str, str]:
        theme = {"THEME": f'"{self.theme.as_posix()}"'}
        if not self.search:
            theme.update(NO_SEARCH)
        if not cached:
            return theme
        cache = f'"{(self.root / "cache").as_posix()}"'
        flags = {"CACHE_CONTENT": "true", "LOAD_CONTENT_CACHE": "true"}
        return {**theme, **flags, "CACHE_PATH": cache}

    def build(self, output: Path, cached: bool) -> None:
        result = run_pelican(self.content, output, extra=self.settings(cached))
        assert result.returncode == 0, result.stdout + result.stderr

    def page_stamps(self, pattern: str = "*.html") -> dict[Path, int]:
        return {
            path.relative_to(self.output): path.stat().st_mtime_ns
            for path in self.output.rglob(pattern)
        }

    def rewritten(self, before: dict[Path, int], pattern: str = "*.html") -> set[Path]:
        return {
            path
            for path, stamp in self.page_stamps(pattern).items()
            if before.get(path) != stamp
        }


def built_workspace(root: Path, search: bool = False) -> Workspace:
    space = Workspace(root, search)
    shutil.copytree(SAMPLE_CONTENT, space.content)
    shutil.copytree(REPO / "theme", space.theme)
    space.build(space.output, cached=True)
    return space


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    return built_workspace(tmp_path / "workspace")


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def edit_body(space: Workspace) -> None:
    with (space.content / EDITED_ARTICLE).open("a", encoding="utf-8") as source:
        source.write("\n会议还听取了各街道的工作汇报。\n")


def edit_title(space: Workspace) -> None:
    replace_in(
        space.content / EDITED_ARTICLE, "Title: 石景山区", "Title: 北京市石景山区"
    )


def edit_page_title(space: Workspace) -> None:
    """Every page's footer links the About page by its title."""
    replace_in(
        space.content / "zh/pages/about.md", "Title: 关于本站", "Title: 关于我们"
    )


def edit_translated_page_title(space: Workspace) -> None:
    """English pages' footers link the English About page, a translation."""
    replace_in(
        space.content / "en/pages/about.md", "Title: About", "Title: About the site"
    )


def add_newest_article(space: Workspace) -> None:
    source = (space.content / EDITED_ARTICLE).read_text(encoding="utf-8")
    new = (
        source.replace("Date: 2026-01-20", "Date: 2026-11-27")
        .replace("Modified: 2026-01-22 10:00\n", "")
        .replace("Slug: government-services-conference-2026", "Slug: brand-new-article")
    )
    (space.content / "zh/2026/brand-new-article.md").write_text(new, encoding="utf-8")


def move_back_in_time(space: Workspace) -> None:
    """Every later article's number in the search index moves up by one."""
    replace_in(space.content / EDITED_ARTICLE, "Date: 2026-01-20", "Date: 2019-01-20")


def delete_article(space: Workspace) -> None:
    (space.content / "zh/2026/brand-new-article.md").unlink()


def remove_translation(space: Workspace) -> None:
    (space.content / "en" / EDITED_ARTICLE.relative_to("zh")).unlink()


def rename_topic(space: Workspace) -> None:
    replace_in(space.content / "topics.toml", '"Economy"', '"Economy and Business"')


def edit_template(space: Workspace) -> None:
    replace_in(
        space.theme / "templates/article.html",
        '<article class="article">',
        '<article class="article" data-edited>',
    )


def edit_catalog(space: Workspace) -> None:
    catalog = space.theme / "translations/zh/LC_MESSAGES/messages.po"
    replace_in(catalog, 'msgstr "来源："', 'msgstr "稿件来源："')


def delete_written_page(space: Workspace) -> None:
    (space.output / EDITED_PAGE).unlink()


@pytest.mark.parametrize(
    "change",
    [
        edit_body,
        edit_title,
        edit_page_title,
        edit_translated_page_title,
        add_newest_article,
        remove_translation,
        rename_topic,
        edit_template,
        edit_catalog,
        delete_written_page,
    ],
)
def test_a_rebuild_writes_what_a_clean_build_writes(
    workspace: Workspace, tmp_path: Path, change: Callable[[Workspace], None]
) -> None:
    change(workspace)
    workspace.build(workspace.output, cached=True)
    clean = tmp_path / "clean"
    workspace.build(clean, cached=False)
    assert differing_files(clean, workspace.output) == []


def test_a_rebuild_without_changes_writes_no_page(workspace: Workspace) -> None:
    before = workspace.page_stamps()
    workspace.build(workspace.output, cached=True)
    assert workspace.rewritten(before) == set()


def test_an_edit_rewrites_its_page_and_listings_but_not_the_rest(
    workspace: Workspace,
) -> None:
    before = workspace.page_stamps()
    edit_body(workspace)
    workspace.build(workspace.output, cached=True)
    rewritten = workspace.rewritten(before)
    assert EDITED_PAGE in rewritten
    assert Path("index.html") in rewritten  # the home page lists it
    assert not any(path.is_relative_to(UNRELATED_PAGE) for path in rewritten)
    assert len(rewritten) < len(before) / 4


def test_an_edit_rewrites_only_the_feeds_that_list_the_article(
    workspace: Workspace,
) -> None:
    before = workspace.page_stamps(FEEDS)
    edit_body(workspace)
    workspace.build(workspace.output, cached=True)
    assert workspace.rewritten(before, FEEDS) == {
        Path("feeds/atom.xml"),
        Path("feeds/government-affairs.atom.xml"),
    }


def test_a_rebuild_reindexes_only_the_language_that_changed(tmp_path: Path) -> None:
    space = built_workspace(tmp_path / "workspace", search=True)
    bundles = space.page_stamps("search-index/**/*.json")
    edit_body(space)  # a Chinese article
    space.build(space.output, cached=True)
    after = space.page_stamps("search-index/**/*.json")
    changed = {path for path, stamp in after.items() if bundles.get(path) != stamp}
    # Its record, the chunks of its terms, the list of chunks; not en/.
    assert Path("search-index/index.json") in changed
    assert len([path for path in changed if path.parts[1] == "p"]) == 1
    assert all(path.parts[0] == "search-index" for path in changed)
    clean = tmp_path / "clean"
    space.build(clean, cached=False)
    assert differing_files(clean, space.output) == []


def test_the_search_index_of_each_rebuild_is_a_clean_builds(tmp_path: Path) -> None:
    """One edit after another in the same workspace, as an editor works."""
    space = built_workspace(tmp_path / "workspace", search=True)
    for step, change in enumerate(
        [
            edit_title,
            add_newest_article,
            move_back_in_time,
            delete_article,
            remove_translation,
        ]
    ):
        change(space)
        space.build(space.output, cached=True)
        clean = tmp_path / f"clean-{step}"
        space.build(clean, cached=False)
        assert differing_files(clean, space.output) == [], change.__name__
