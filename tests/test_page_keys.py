"""The page-key contract: every name a template reads is one the page's key covers.

A cached build skips a page whose key (render/page_keys.py) is unchanged, so a
template that starts reading a context name the key does not digest (Pelican's
``articles``, say) would keep showing an old value. The key covers the
writer's arguments for the page (its article, page or listing, with the
neighbours and own values of each), ``SITE_WIDE_CONTEXT``, the settings (the
site key digests them all, the theme's files and the plugin's code), and what
the writer derives from the page's name. The Jinja globals come from the
settings and the code, so they are covered too.

A real build records, for every page it keys, the template and the names the
key covers; each template is then walked with ``jinja2.meta``, through what it
extends, includes and imports.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest
from jinja2 import Environment, FileSystemLoader, meta, nodes

from newsroom.render.page_keys import SITE_WIDE_CONTEXT
from sitetools import REPO, TEST_DATA_CONTENT

# Set by Pelican's writer from the page's name and RELATIVE_URLS, both in the key.
WRITER_DERIVED = frozenset({"output_file", "localsiteurl"})

ASSIGNMENTS = (nodes.Assign, nodes.AssignBlock)

# Builds the tiny site with keys on, in one process, and writes what each keyed
# page's template was given: the writer's arguments, and the Jinja globals.
RECORDER = """
import json, sys
from pelican import main
from newsroom.render.page_keys import PageKeyer

seen = {}
key = PageKeyer.key

def recording_key(self, name, template, context, relative_urls, kwargs):
    entry = seen.setdefault(template.name, {"kwargs": [], "context": []})
    entry["kwargs"] = sorted(set(entry["kwargs"]) | set(kwargs))
    entry["context"] = sorted(set(entry["context"]) | set(context))
    entry["globals"] = sorted(template.environment.globals)
    entry["filters"] = sorted(template.environment.filters)
    entry["settings"] = sorted(self.settings)
    return key(self, name, template, context, relative_urls, kwargs)

PageKeyer.key = recording_key
try:
    main(sys.argv[2:])
finally:
    with open(sys.argv[1], "w", encoding="utf-8") as record:
        json.dump(seen, record)
"""


@pytest.fixture(scope="module")
def keyed_templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    work = tmp_path_factory.mktemp("page-keys")
    record = work / "record.json"
    overrides = {
        "CACHE_CONTENT": "true",
        "LOAD_CONTENT_CACHE": "false",
        "NEWSROOM_WORKERS": "1",
        "NEWSROOM_SEARCH_INDEX": "false",
    }
    command = [sys.executable, "-c", RECORDER, str(record), str(TEST_DATA_CONTENT)]
    command += ["-s", "pelicanconf.py", "-o", str(work / "output")]
    command += ["--cache-path", str(work / "cache"), "-q", "-e"]
    command += [f"{key}={value}" for key, value in overrides.items()]
    result = subprocess.run(
        command,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO / "plugins")},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(record.read_text(encoding="utf-8"))


def theme_environment(given: Mapping) -> Environment:
    """Reads the theme as the build's environment would: the same folder,
    extensions and filter names (the walk compiles, and only looks filters up)."""
    env = Environment(
        loader=FileSystemLoader(REPO / "theme" / "templates"),
        extensions=["jinja2.ext.i18n"],
    )
    env.filters.update(dict.fromkeys(given["filters"], str))
    return env


def shared_parts(template: nodes.Template) -> list[str]:
    """The parts a template renders with ``shared_part("name")``
    (render/shared_parts.py): they read the page's context as an include does."""
    return [
        call.args[0].value
        for call in template.find_all(nodes.Call)
        if isinstance(call.node, nodes.Name)
        and call.node.name == "shared_part"
        and isinstance(call.args[0], nodes.Const)
    ]


def reached_templates(env: Environment, name: str) -> Iterator[str]:
    """``name`` and every template it extends, includes, imports or renders
    as a shared part, once each."""
    pending, seen = [name], set()
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        seen.add(current)
        yield current
        parsed = env.parse(env.loader.get_source(env, current)[0])
        pending += [
            found
            for found in meta.find_referenced_templates(parsed)
            if found is not None
        ]
        pending += shared_parts(parsed)


def assigned_names(template: nodes.Template) -> set[str]:
    """Names a template sets (``{% set here = article %}``): a template it
    extends or includes reads them from it, not from the page's context."""
    targets = [node.target for node in template.find_all(ASSIGNMENTS)]
    return {
        name.name
        for target in targets
        for name in [target, *target.find_all(nodes.Name)]
        if isinstance(name, nodes.Name)
    }


def names_read(env: Environment, name: str) -> dict[str, set[str]]:
    """Per template reached from ``name``, the names it reads from the page's
    context: not set by itself or by another template of the same page."""
    parsed = {
        reached: env.parse(env.loader.get_source(env, reached)[0])
        for reached in reached_templates(env, name)
    }
    assigned = set().union(*map(assigned_names, parsed.values()))
    return {
        reached: meta.find_undeclared_variables(template) - assigned
        for reached, template in parsed.items()
    }


def uncovered_names(env: Environment, name: str, given: Mapping) -> list[str]:
    """``template: name`` for each name read from the page's context that the
    page key does not cover. A name the context lacks is always undefined (a
    listing's ``article``), so it cannot go stale."""
    covered = (
        set(given["kwargs"])
        | set(given["globals"])
        | set(given["settings"])
        | set(SITE_WIDE_CONTEXT)
        | WRITER_DERIVED
    )
    in_context = set(given["context"]) | set(given["kwargs"])
    return sorted(
        f"{template}: {read}"
        for template, names in names_read(env, name).items()
        for read in (names & in_context) - covered
    )


def test_the_build_keys_every_kind_of_page(keyed_templates: dict) -> None:
    assert {"article.html", "page.html", "home.html", "topic.html"} <= set(
        keyed_templates
    )


def test_every_name_a_template_reads_is_in_the_page_key(keyed_templates: dict) -> None:
    env = theme_environment(keyed_templates["article.html"])
    uncovered = sorted(
        {
            problem
            for name, given in keyed_templates.items()
            for problem in uncovered_names(env, name, given)
        }
    )
    assert uncovered == [], (
        f"{uncovered}: "
        "templates read names the page key does not cover; add them to "
        "SITE_WIDE_CONTEXT or the page's own values (render/page_keys.py)"
    )


def test_a_name_outside_the_key_is_reported(
    keyed_templates: dict, tmp_path: Path
) -> None:
    """The check itself can fail: a footer that lists Pelican's ``articles``
    (in the context, but in no page's key) is caught through an include and
    through a shared part."""
    (tmp_path / "page.html").write_text(
        '{% include "footer.html" %}{{ shared_part("menu.html") }}'
    )
    (tmp_path / "menu.html").write_text("{{ article_count }}")
    covered = SITE_WIDE_CONTEXT[0]
    (tmp_path / "footer.html").write_text(
        f"{{{{ articles|length }}}} {{{{ {covered} }}}}"
    )
    env = Environment(loader=FileSystemLoader(tmp_path))
    given = keyed_templates["page.html"]
    given = {**given, "context": [*given["context"], "article_count"]}
    assert uncovered_names(env, "page.html", given) == [
        "footer.html: articles",
        "menu.html: article_count",
    ]
