"""Convert the benchmark corpus into the content folder of the Hugo peer.

``bench/generate.py`` writes Pelican Markdown (``Key: value`` lines, a blank
line, the body) under ``<lang>/<year>/`` and ``<lang>/pages/``; Hugo wants
TOML (or YAML) front matter and, in one content folder, the language in the
file name (``<slug>.zh.md``), which is also how it pairs translations. The
conversion runs once per corpus, before and outside every timed build, so
the Hugo peer is measured on the same articles without paying for a format
it would never see in practice.

Layout written (``news`` and ``pages`` have permalinks in bench/hugo/hugo.toml
that give the project's URLs):

* ``news/<year>/<slug>.<lang>.md`` for every article;
* ``pages/<slug>.<lang>.md`` for the About pages;
* ``topics/<key>/_index.<lang>.md`` naming each topic in each language, from
  the corpus's ``topics.toml``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tomllib
from datetime import datetime
from pathlib import Path

DATE_FORMAT = "%Y-%m-%d %H:%M"
"""The corpus's ``Date`` and ``Modified`` format (bench/generate.py)."""

STRING_FIELDS = {"Title": "title", "Slug": "slug", "Summary": "summary"}
DATE_FIELDS = {"Date": "date", "Modified": "lastmod"}
"""Pelican header field -> Hugo front matter key; Source and Category below."""


class ConversionError(ValueError):
    """A corpus file this converter cannot map; names the file and line."""


def toml_string(value: str) -> str:
    """A TOML basic string: JSON's escapes are all valid TOML escapes."""
    return json.dumps(value, ensure_ascii=False)


def toml_datetime(path: Path, line: int, field: str, value: str) -> str:
    """A TOML local date-time; Hugo reads it in the site's ``timeZone``."""
    try:
        moment = datetime.strptime(value, DATE_FORMAT)
    except ValueError as error:
        raise ConversionError(f"{path}:{line}: {field}: {error}") from None
    return moment.isoformat()


def split_header(path: Path) -> tuple[list[tuple[int, str, str]], str]:
    """The ``(line, key, value)`` header fields and the body of one file."""
    text = path.read_text(encoding="utf-8")
    head, _, body = text.partition("\n\n")
    fields = []
    for number, line in enumerate(head.splitlines(), start=1):
        key, sep, value = line.partition(":")
        if not sep:
            raise ConversionError(f"{path}:{number}: not a 'Key: value' line")
        fields.append((number, key.strip(), value.strip()))
    return fields, body


def front_matter(path: Path, fields: list[tuple[int, str, str]]) -> str:
    """TOML front matter for one file; an unknown field is an error, not lost."""
    lines = []
    for number, key, value in fields:
        if key in STRING_FIELDS:
            lines.append(f"{STRING_FIELDS[key]} = {toml_string(value)}")
        elif key in DATE_FIELDS:
            stamp = toml_datetime(path, number, key, value)
            lines.append(f"{DATE_FIELDS[key]} = {stamp}")
        elif key == "Source":
            lines.append(f"source = {toml_string(value)}")
        elif key == "Category":
            lines.append(f"topics = [{toml_string(value)}]")
        else:
            raise ConversionError(f"{path}:{number}: {key}: no Hugo equivalent")
    return "+++\n" + "\n".join(lines) + "\n+++\n"


def hugo_path(corpus: Path, source: Path) -> Path:
    """Where ``source`` (a file of the corpus) lands, relative to the output.

    ``zh/2020/x.md`` -> ``news/2020/x.zh.md``; ``en/pages/about.md`` ->
    ``pages/about.en.md``.
    """
    lang, folder, *_ = source.relative_to(corpus).parts
    name = f"{source.stem}.{lang}.md"
    if folder == "pages":
        return Path("pages", name)
    return Path("news", folder, name)


def topic_index_files(corpus: Path) -> dict[Path, str]:
    """One ``_index.<lang>.md`` per topic and language, titled in that language."""
    topics = tomllib.loads((corpus / "topics.toml").read_text(encoding="utf-8"))
    files = {}
    for key, names in topics.items():
        for lang, name in names.items():
            rel = Path("topics", key, f"_index.{lang}.md")
            files[rel] = f"+++\ntitle = {toml_string(name)}\n+++\n"
    return files


def corpus_sources(corpus: Path) -> list[Path]:
    """Every Markdown file of the corpus, in a stable order."""
    return sorted(corpus.glob("*/*/*.md"))


def convert(corpus: Path, out: Path) -> int:
    """Write the Hugo content folder for ``corpus`` into ``out``; return files.

    ``out`` is deleted first, so a stale conversion never leaks into a run.
    """
    shutil.rmtree(out, ignore_errors=True)
    written = topic_index_files(corpus)
    for source in corpus_sources(corpus):
        fields, body = split_header(source)
        written[hugo_path(corpus, source)] = front_matter(source, fields) + body
    for rel, text in written.items():
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return len(written)


def main(argv: list[str] | None = None) -> int:
    """CLI: ``python bench/hugo_content.py CORPUS OUT``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    try:
        files = convert(args.corpus, args.out)
    except ConversionError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"{files} files -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
