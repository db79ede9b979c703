"""Generate a deterministic synthetic bilingual corpus for the build benchmark.

The corpus follows the project's content model: ``topics.toml`` at the top,
one Markdown file per language under ``zh/<year>/`` and ``en/<year>/``, the
shared ``Slug`` as translation key and an About page pair under ``*/pages/``.
Everything is drawn from one seeded ``random.Random`` so that the same
``--pairs`` and ``--seed`` always give byte-identical files, which keeps runs
comparable across machines and commits.
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import shutil
import sys
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw

TOPICS: dict[str, tuple[str, str]] = {
    "foreign-affairs": ("对外交流", "Foreign Affairs"),
    "economy": ("经济发展", "Economy"),
    "urban-development": ("城市建设", "Urban Development"),
    "environment": ("生态环境", "Environment"),
    "education": ("教育", "Education"),
    "health": ("卫生健康", "Health"),
    "culture-tourism": ("文化旅游", "Culture and Tourism"),
    "public-safety": ("平安建设", "Public Safety"),
}
"""Topic key -> (Chinese name, English name); keys are the ``Category`` values."""

TOPIC_WEIGHTS: tuple[int, ...] = (10, 22, 16, 12, 10, 12, 10, 8)
"""Uneven weights, so category pages differ in size as on a real news site."""

YEARS: tuple[int, ...] = tuple(range(2015, 2027))
UNTRANSLATED_SHARE = 0.10
"""Share of articles with one language only; half zh-only, half en-only."""

PHOTO_SIZE = (3000, 2000)
PHOTOS_IN_EVERY_TENTH = 3

ZH_TARGET_CHARS = 900
DATE_FORMAT = "%Y-%m-%d %H:%M"
EN_TARGET_WORDS = 600

ZH_ORGS = (
    "区委外事工作委员会",
    "区政府常务会议",
    "区人大常委会",
    "区政协",
    "区发展改革委",
    "区商务局",
    "区生态环境局",
    "区教委",
    "区卫生健康委",
    "区文化和旅游局",
    "区城市管理委",
    "区应急管理局",
    "区科委",
    "区住房城乡建设委",
    "区市场监管局",
)
ZH_EVENTS = (
    "全体会议",
    "专题会议",
    "工作推进会",
    "调研座谈会",
    "部署会",
    "总结表彰大会",
    "联席会议",
    "新闻发布会",
    "签约仪式",
    "现场观摩会",
)
ZH_OPENERS = (
    "会议指出",
    "会议强调",
    "会议要求",
    "会上",
    "据介绍",
    "下一步",
    "近年来",
    "今年以来",
    "与会人员一致认为",
    "区领导表示",
    "据统计",
    "截至目前",
)
ZH_SUBJECTS = (
    "全区各级各部门",
    "各街道",
    "相关职能部门",
    "区属国有企业",
    "各成员单位",
    "全区上下",
    "各园区",
    "基层党组织",
    "社区工作者",
    "驻区单位",
)
ZH_ACTIONS = (
    "要深入推进",
    "要扎实做好",
    "要持续深化",
    "要统筹抓好",
    "要加快推进",
    "要全力保障",
    "要进一步完善",
    "要着力提升",
    "要高标准推动",
    "要认真谋划",
    "要抓紧抓实",
    "要一体推进",
)
ZH_OBJECTS = (
    "首都城市战略定位",
    "京西产业转型升级示范区建设",
    "国际交往中心功能建设",
    "城市更新重点项目",
    "垃圾分类和生态环境治理",
    "基本公共服务均等化",
    "老旧小区综合整治",
    "科技创新和数字经济发展",
    "冬奥遗产综合利用",
    "接诉即办改革",
    "安全生产专项整治",
    "文化和旅游深度融合",
    "“一刻钟便民生活圈”建设",
    "优质教育资源均衡配置",
    "基层医疗卫生服务能力",
)
ZH_RESULTS = (
    "推动各项工作取得新成效",
    "不断提升群众的获得感、幸福感、安全感",
    "为全区高质量发展提供有力支撑",
    "确保各项任务按期完成",
    "形成上下联动、齐抓共管的工作格局",
    "以实际行动迎接新的挑战",
    "奋力谱写新时代首都发展的石景山篇章",
    "切实把好事办好、实事办实",
)
ZH_FACTS = (
    "全区累计完成投资{n}亿元，同比增长{p}%",
    "共接待来访团组{n}批次，涉及{p}个国家和地区",
    "新增就业岗位{n}个，城镇登记失业率控制在{p}%以内",
    "完成老旧小区改造{n}个，惠及居民{p}00余户",
    "全年空气质量优良天数达到{n}天，PM2.5平均浓度下降{p}%",
    "新建改扩建中小学和幼儿园{n}所，新增学位{p}00个",
    "共办理群众诉求{n}件，解决率和满意率分别达到{p}%以上",
)

EN_ORGS = (
    "the District Foreign Affairs Commission",
    "the district government",
    "the District People's Congress",
    "the District Development and Reform Commission",
    "the District Commerce Bureau",
    "the District Ecology and Environment Bureau",
    "the District Education Commission",
    "the District Health Commission",
    "the District Culture and Tourism Bureau",
    "the District Emergency Management Bureau",
)
EN_EVENTS = (
    "plenary meeting",
    "working conference",
    "progress review",
    "fact-finding visit",
    "press conference",
    "signing ceremony",
    "coordination meeting",
    "annual review",
)
EN_OPENERS = (
    "The meeting noted that",
    "Officials stressed that",
    "According to the briefing,",
    "Over the past year,",
    "Looking ahead,",
    "Participants agreed that",
    "District leaders said that",
    "Since the start of the year,",
    "As a next step,",
)
EN_SUBJECTS = (
    "all departments",
    "the subdistrict offices",
    "district-owned enterprises",
    "member units",
    "community workers",
    "the industrial parks",
    "local businesses",
    "residents' committees",
    "the relevant agencies",
)
EN_ACTIONS = (
    "should fully implement",
    "must keep people at the centre of",
    "will accelerate",
    "should further strengthen",
    "will continue to improve",
    "need to coordinate",
    "are expected to deliver on",
    "should step up work on",
    "will closely monitor",
)
EN_OBJECTS = (
    "the district's strategic role in the capital",
    "industrial transformation",
    "international exchange and cooperation",
    "urban renewal projects",
    "waste sorting and environmental governance",
    "equal access to public services",
    "the renovation of older residential compounds",
    "the digital economy",
    "the reuse of Winter Olympic venues",
    "the rapid response to public complaints",
    "workplace safety inspections",
    "the integration of culture and tourism",
    "balanced allocation of quality education",
    "primary health care capacity",
)
EN_RESULTS = (
    "so that residents feel the benefits in their daily lives",
    "laying a solid foundation for high-quality development",
    "to make sure every task is completed on schedule",
    "with clear responsibilities and regular progress checks",
    "in close cooperation with city-level departments",
    "while keeping safety and stability as the bottom line",
)
EN_FACTS = (
    "Fixed-asset investment reached {n} billion yuan, up {p} percent year on year.",
    "The district received {n} foreign delegations from {p} countries and regions.",
    "Some {n} new jobs were created and registered unemployment stayed below {p}%.",
    "A total of {n} older compounds were renovated, benefiting {p}00 households.",
    "The district recorded {n} days of good air quality, and PM2.5 fell {p} percent.",
    "Some {n} public complaints were handled, with satisfaction above {p} percent.",
)


@dataclass(frozen=True)
class Article:
    """One article in one language; ``slug`` pairs it with its translation."""

    lang: str
    year: int
    slug: str
    title: str
    date: str
    modified: str | None
    topic: str
    summary: str
    body: str


def zh_sentence(rng: random.Random) -> str:
    """One sentence of official-news Chinese (~40-70 characters)."""
    if rng.random() < 0.25:
        fact = rng.choice(ZH_FACTS).format(n=rng.randint(12, 980), p=rng.randint(2, 98))
        return f"{rng.choice(ZH_OPENERS)}，{fact}。"
    return (
        f"{rng.choice(ZH_OPENERS)}，{rng.choice(ZH_SUBJECTS)}{rng.choice(ZH_ACTIONS)}"
        f"{rng.choice(ZH_OBJECTS)}，{rng.choice(ZH_RESULTS)}。"
    )


def zh_body(rng: random.Random, target: int = ZH_TARGET_CHARS) -> str:
    """Paragraphs of Chinese text totalling roughly ``target`` characters."""
    paragraphs: list[str] = []
    total = 0
    while total < target - 90:  # stop early: a paragraph is ~200 chars
        para = "".join(zh_sentence(rng) for _ in range(rng.randint(3, 5)))
        paragraphs.append(para)
        total += len(para)
    return "\n\n".join(paragraphs)


def en_sentence(rng: random.Random) -> str:
    """One sentence of official-news English (~15-25 words)."""
    if rng.random() < 0.25:
        return rng.choice(EN_FACTS).format(n=rng.randint(12, 980), p=rng.randint(2, 98))
    return (
        f"{rng.choice(EN_OPENERS)} {rng.choice(EN_SUBJECTS)} {rng.choice(EN_ACTIONS)} "
        f"{rng.choice(EN_OBJECTS)}, {rng.choice(EN_RESULTS)}."
    )


def en_body(rng: random.Random, target: int = EN_TARGET_WORDS) -> str:
    """Paragraphs of English text totalling roughly ``target`` words."""
    paragraphs: list[str] = []
    words = 0
    while words < target - 45:  # stop early: a paragraph is ~90 words
        para = " ".join(en_sentence(rng) for _ in range(rng.randint(3, 5)))
        paragraphs.append(para)
        words += para.count(" ") + 1
    return "\n\n".join(paragraphs)


def make_pair(rng: random.Random, index: int) -> tuple[Article, Article]:
    """Both language versions of article ``index`` (caller may drop one)."""
    topic = rng.choices(list(TOPICS), weights=TOPIC_WEIGHTS)[0]
    year = rng.choice(YEARS)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    hour, minute = rng.randint(8, 18), rng.choice((0, 15, 30, 45))
    published = datetime(year, month, day, hour, minute)
    date = published.strftime(DATE_FORMAT)
    modified = None
    if rng.random() < 0.15:
        # Always after Date: the project rejects a Modified earlier than Date.
        later = published + timedelta(days=rng.randint(1, 30), hours=1)
        modified = later.strftime(DATE_FORMAT)
    slug = f"{topic}-{year}-{index:06d}"
    org_i = rng.randrange(len(EN_ORGS))
    event_i = rng.randrange(len(EN_EVENTS))
    zh_title = f"石景山区召开{year}年{ZH_ORGS[org_i]}{ZH_EVENTS[event_i]}"
    en_org = EN_ORGS[org_i].removeprefix("the ")
    en_title = f"Shijingshan Holds {year} {en_org} {EN_EVENTS[event_i]}".title()
    zh = Article(
        "zh",
        year,
        slug,
        zh_title,
        date,
        modified,
        topic,
        zh_sentence(rng),
        zh_body(rng),
    )
    en = Article(
        "en",
        year,
        slug,
        en_title,
        date,
        modified,
        topic,
        en_sentence(rng),
        en_body(rng),
    )
    return zh, en


def render(article: Article) -> str:
    """Pelican Markdown-reader text: metadata lines, blank line, body."""
    source = "石景山区" if article.lang == "zh" else "Shijingshan District"
    lines = [
        f"Title: {article.title}",
        f"Date: {article.date}",
    ]
    if article.modified:
        lines.append(f"Modified: {article.modified}")
    lines += [
        f"Source: {source}",
        f"Category: {article.topic}",
        f"Slug: {article.slug}",
        f"Summary: {article.summary}",
        "",
        article.body,
        "",
    ]
    return "\n".join(lines)


def topics_toml() -> str:
    """The ``topics.toml`` defining every topic once, in both languages."""
    blocks = [
        f'[{key}]\nzh = "{zh}"\nen = "{en}"\n' for key, (zh, en) in TOPICS.items()
    ]
    return "\n".join(blocks)


def about_pages() -> dict[str, str]:
    """The About page pair, keyed by relative path inside the corpus."""
    zh = (
        "Title: 关于我们\nSlug: about\n\n"
        "石景山区新闻办公室负责发布全区政务信息和新闻动态。\n"
    )
    en = (
        "Title: About Us\nSlug: about\n\n"
        "The Shijingshan District News Office publishes official district news.\n"
    )
    return {"zh/pages/about.md": zh, "en/pages/about.md": en}


def photo(index: int, number: int) -> Image.Image:
    """A deterministic PHOTO_SIZE photo: a noisy texture (so that it encodes
    like a photo, not like a flat drawing) under shapes placed by ``index``."""
    rng = random.Random(index * 10 + number)
    image = photo_texture().copy()
    draw = ImageDraw.Draw(image)
    width, height = PHOTO_SIZE
    for _ in range(12):
        x, y = rng.randrange(width), rng.randrange(height)
        size = rng.randint(100, 900)
        colour = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
        draw.ellipse([x, y, x + size, y + size * 2 // 3], fill=colour)
    return image


@cache
def photo_texture() -> Image.Image:
    noise = Image.effect_noise((PHOTO_SIZE[0] // 4, PHOTO_SIZE[1] // 4), 40)
    texture = Image.merge("RGB", (noise, noise.rotate(180), noise.transpose(0)))
    return texture.resize(PHOTO_SIZE, Image.Resampling.BILINEAR)


def with_photos(article: Article, names: list[str]) -> Article:
    """The article with its photos, a figure and caption each, after the first
    paragraph; the same files in both languages."""
    first, _, rest = article.body.partition("\n\n")
    figures = [
        f"![{article.title} ({number + 1})]({{static}}/images/{name})\n"
        + ("图片说明（石景山区融媒体中心 摄）" if article.lang == "zh" else "Caption.")
        for number, name in enumerate(names)
    ]
    body = "\n\n".join([first, *figures, rest])
    return dataclasses.replace(article, body=body)


def photo_names(index: int) -> list[str]:
    """One photo per article, three in one article out of ten."""
    count = PHOTOS_IN_EVERY_TENTH if index % 10 == 0 else 1
    return [f"photo-{index:06d}-{number}.jpg" for number in range(count)]


def generate(
    out: Path, pairs: int, seed: int = 2024, photos: bool = False
) -> dict[str, int]:
    """Write a fresh corpus of ``pairs`` articles into ``out``; return counts.

    ``out`` is deleted first, so a stale corpus never leaks into a run.
    Roughly ``UNTRANSLATED_SHARE`` of the articles keep only one language.
    With ``photos``, each article names its photos (``photo_names``), written
    to ``images/`` as PHOTO_SIZE JPEGs; the text is the same as without.
    """
    if out.exists():
        shutil.rmtree(out)
    rng = random.Random(seed)
    counts = {"pairs": 0, "zh_only": 0, "en_only": 0, "files": 0, "photos": 0}
    out.mkdir(parents=True)
    (out / "topics.toml").write_text(topics_toml(), encoding="utf-8")
    for rel, text in about_pages().items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_text(text, encoding="utf-8")
    for lang in ("zh", "en"):
        for year in YEARS:
            (out / lang / str(year)).mkdir(parents=True, exist_ok=True)
    for index in range(pairs):
        zh, en = make_pair(rng, index)
        roll = rng.random()
        if roll < UNTRANSLATED_SHARE / 2:
            keep, kind = (zh,), "zh_only"
        elif roll < UNTRANSLATED_SHARE:
            keep, kind = (en,), "en_only"
        else:
            keep, kind = (zh, en), "pairs"
        counts[kind] += 1
        if photos:
            names = photo_names(index)
            keep = tuple(with_photos(article, names) for article in keep)
            (out / "images").mkdir(exist_ok=True)
            for number, name in enumerate(names):
                photo(index, number).save(out / "images" / name, quality=85)
            counts["photos"] += len(names)
        for article in keep:
            path = out / article.lang / str(article.year) / f"{article.slug}.md"
            path.write_text(render(article), encoding="utf-8")
            counts["files"] += 1
    return counts


def main(argv: list[str] | None = None) -> int:
    """CLI: ``python bench/generate.py --pairs N --out DIR``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--out", type=Path, default=Path("bench/work/corpus"))
    parser.add_argument("--photos", action="store_true", help="photos per article")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    counts = generate(args.out, args.pairs, args.seed, args.photos)
    elapsed = time.perf_counter() - start
    print(f"{counts} in {elapsed:.1f}s -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
