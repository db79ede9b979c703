"""Start a new article: one draft file per site language, every field present.

`make new-article KEY=... TOPIC=...` runs this. The files are drafts
(``Status: draft``): the build checks them but publishes nothing until the
editor deletes that line, so a half-written pair can sit in the repository
safely. Every text still to be written is the placeholder ``[TODO]``, and the
build refuses a non-draft file that still contains it.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from pelican.settings import read_settings

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))
from newsroom.settings import get_settings
from newsroom.site.newsroom import topics_file
from newsroom.site.topics import load_topics
from newsroom.validate.fields import PLACEHOLDER, SLUG_FORM


def article_text(key: str, topic: str, now: datetime) -> str:
    return (
        f"Title: {PLACEHOLDER}\n"
        f"Date: {now:%Y-%m-%d %H:%M}\n"
        f"Source: {PLACEHOLDER}\n"
        f"Category: {topic}\n"
        f"Slug: {key}\n"
        f"Summary: {PLACEHOLDER}\n"
        "Status: draft\n"
        "\n"
        f"{PLACEHOLDER}\n"
    )


def problems(key: str, topic: str, topics: list[str], folders: list[Path]) -> list[str]:
    """Why the pair cannot be created; a key in use in any year counts as taken."""
    if not SLUG_FORM.fullmatch(key):
        return [
            f"KEY {key!r} is not a translation key: use lowercase letters, "
            "digits and hyphens (e.g. district-news-2024)"
        ]
    found = []
    if topic not in topics:
        found.append(f"TOPIC {topic!r} is not one of: {', '.join(topics)}")
    found += [
        f"{path} already exists; nothing was written"
        for folder in folders
        for path in sorted(folder.glob(f"*/{key}.md"))
    ]
    return found


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--key", required=True, help="translation key (the Slug)")
    parser.add_argument("--topic", required=True, help="topic key from topics.toml")
    parser.add_argument("--content", default="content", help="content folder")
    parser.add_argument("--settings", default="pelicanconf.py")
    args = parser.parse_args(argv)

    settings = read_settings(args.settings, override={"PATH": args.content})
    checked = get_settings(settings)
    codes = [language["code"] for language in checked.languages]
    topics = list(load_topics(topics_file(settings, checked), codes))
    now = datetime.now(ZoneInfo(settings["TIMEZONE"]))
    folders = [Path(args.content, code) for code in codes]
    targets = [folder / f"{now:%Y}" / f"{args.key}.md" for folder in folders]

    if found := problems(args.key, args.topic, topics, folders):
        print("\n".join(found), file=sys.stderr)
        return 1
    for target in targets:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(article_text(args.key, args.topic, now), encoding="utf-8")
        print(f"Created {target}")
    print(
        f"Replace every {PLACEHOLDER}, then delete the Status: draft line to publish."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
