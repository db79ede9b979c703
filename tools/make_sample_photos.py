"""Draw the sample content's photos and attachments (no third-party pictures).

Run from the repository root: ``.venv/bin/python tools/make_sample_photos.py``.
Deterministic: the same files every run. One photo is stored sideways with an
EXIF orientation tag and carries a GPS position, as a phone would write it, so
the tests can check that the build stands it upright and strips the position.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

CONTENT = Path(__file__).resolve().parent.parent / "content"
IMAGES = CONTENT / "images"
FILES = CONTENT / "files"
SIZE = (1600, 1067)
ORIENTATION_TAG = 0x0112
GPS_IFD = 0x8825
# Orientation 6: the stored pixels are turned a quarter counter-clockwise;
# viewers turn them back clockwise.
TURNED_CLOCKWISE = 6

Painter = Callable[[ImageDraw.ImageDraw, random.Random, tuple[int, int]], None]


def sky(
    draw: ImageDraw.ImageDraw, size: tuple[int, int], top: tuple, bottom: tuple
) -> None:
    width, height = size
    for y in range(height):
        share = y / height
        colour = tuple(
            round(a + (b - a) * share) for a, b in zip(top, bottom, strict=True)
        )
        draw.line([(0, y), (width, y)], fill=colour)


def meeting_hall(
    draw: ImageDraw.ImageDraw, rng: random.Random, size: tuple[int, int]
) -> None:
    width, height = size
    sky(draw, size, (120, 20, 18), (60, 10, 10))
    draw.rectangle(
        [width * 0.1, height * 0.08, width * 0.9, height * 0.3], fill=(200, 40, 30)
    )
    draw.rectangle([0, height * 0.55, width, height], fill=(110, 70, 40))
    draw.rectangle(
        [width * 0.15, height * 0.45, width * 0.85, height * 0.58], fill=(235, 235, 225)
    )
    for row in range(3):
        for seat in range(12):
            x = width * (0.08 + seat * 0.075) + rng.randint(-6, 6)
            y = height * (0.66 + row * 0.11)
            draw.ellipse([x, y, x + 44, y + 50], fill=(25, 20, 20))
            draw.rectangle(
                [x - 10, y + 50, x + 54, y + 120],
                fill=rng.choice([(30, 40, 70), (40, 40, 45), (70, 30, 30)]),
            )


def old_street(
    draw: ImageDraw.ImageDraw, rng: random.Random, size: tuple[int, int]
) -> None:
    width, height = size
    sky(draw, size, (150, 190, 230), (230, 230, 240))
    draw.polygon(
        [
            (0, height),
            (width * 0.42, height * 0.55),
            (width * 0.58, height * 0.55),
            (width, height),
        ],
        fill=(150, 140, 125),
    )
    for side in (0, 1):
        for house in range(5):
            x0 = (
                width * (0.02 + house * 0.08)
                if side == 0
                else width * (0.98 - house * 0.08) - 120
            )
            top = height * (0.3 + house * 0.05)
            draw.rectangle(
                [x0, top, x0 + 120, height * 0.8], fill=(120 + house * 10, 110, 100)
            )
            draw.polygon(
                [(x0 - 15, top), (x0 + 60, top - 45), (x0 + 135, top)],
                fill=(60, 60, 65),
            )
            draw.rectangle([x0 + 35, top + 60, x0 + 85, top + 140], fill=(180, 40, 35))
    for _ in range(40):
        x, y = rng.randint(0, width), rng.randint(int(height * 0.75), height)
        draw.ellipse([x, y, x + 16, y + 16], fill=(rng.randint(20, 200), 40, 60))


def lanterns(
    draw: ImageDraw.ImageDraw, rng: random.Random, size: tuple[int, int]
) -> None:
    width, height = size
    sky(draw, size, (15, 15, 45), (60, 30, 60))
    for _ in range(26):
        x, y = rng.randint(0, width - 80), rng.randint(0, int(height * 0.7))
        draw.line([(x + 40, 0), (x + 40, y)], fill=(90, 80, 60), width=2)
        draw.ellipse([x, y, x + 80, y + 100], fill=(230, rng.randint(40, 90), 30))
    draw.rectangle([0, height * 0.82, width, height], fill=(40, 30, 30))


def big_air(
    draw: ImageDraw.ImageDraw, rng: random.Random, size: tuple[int, int]
) -> None:
    width, height = size
    sky(draw, size, (70, 120, 200), (190, 215, 240))
    draw.polygon(
        [
            (width * 0.15, height),
            (width * 0.55, height * 0.12),
            (width * 0.62, height * 0.12),
            (width * 0.5, height),
        ],
        fill=(245, 245, 250),
    )
    draw.rectangle(
        [width * 0.7, height * 0.35, width * 0.78, height], fill=(120, 60, 40)
    )
    draw.rectangle(
        [width * 0.82, height * 0.45, width * 0.9, height], fill=(110, 55, 40)
    )
    draw.ellipse(
        [width * 0.3, height * 0.2, width * 0.3 + 40, height * 0.2 + 40],
        fill=(200, 30, 30),
    )
    draw.rectangle([0, height * 0.9, width, height], fill=(235, 240, 245))


def science_park(
    draw: ImageDraw.ImageDraw, rng: random.Random, size: tuple[int, int]
) -> None:
    width, height = size
    sky(draw, size, (100, 160, 220), (220, 235, 245))
    for tower in range(7):
        x0 = width * (0.04 + tower * 0.135)
        top = height * rng.uniform(0.15, 0.45)
        draw.rectangle(
            [x0, top, x0 + width * 0.1, height * 0.85], fill=(90 + tower * 12, 120, 150)
        )
        for floor in range(int(top), int(height * 0.85), 30):
            draw.line(
                [(x0, floor), (x0 + width * 0.1, floor)], fill=(200, 220, 235), width=3
            )
    draw.rectangle([0, height * 0.85, width, height], fill=(70, 120, 60))


def river_walk_upright(
    draw: ImageDraw.ImageDraw, rng: random.Random, size: tuple[int, int]
) -> None:
    """Portrait: sky at the top, water at the bottom, so a test can tell."""
    width, height = size
    sky(draw, (width, int(height * 0.45)), (110, 170, 235), (200, 225, 245))
    draw.rectangle([0, height * 0.45, width, height * 0.6], fill=(60, 130, 60))
    draw.rectangle([0, height * 0.6, width, height], fill=(40, 80, 140))
    for _ in range(30):
        x, y = rng.randint(0, width), rng.randint(int(height * 0.62), height)
        draw.line([(x, y), (x + 60, y)], fill=(120, 160, 210), width=3)


def painted(painter: Painter, size: tuple[int, int], seed: int) -> Image.Image:
    image = Image.new("RGB", size)
    painter(ImageDraw.Draw(image), random.Random(seed), size)
    return image.filter(ImageFilter.GaussianBlur(1.5))


def save_photo(name: str, painter: Painter, seed: int) -> None:
    painted(painter, SIZE, seed).save(IMAGES / name, "JPEG", quality=72)


def save_sideways_photo_with_gps(name: str) -> None:
    upright = painted(river_walk_upright, (900, 1200), 6)
    stored = upright.transpose(Image.Transpose.ROTATE_90)
    exif = Image.Exif()
    exif[ORIENTATION_TAG] = TURNED_CLOCKWISE
    exif[0x010F] = "Sample Camera Maker"  # Make
    gps = exif.get_ifd(GPS_IFD)
    gps.update({1: "N", 2: (39.0, 54.0, 25.2), 3: "E", 4: (116.0, 11.0, 50.4)})
    stored.save(IMAGES / name, "JPEG", quality=72, exif=exif)


def save_notice(name: str, lines: list[str]) -> None:
    page = Image.new("RGB", (620, 877), "white")
    draw = ImageDraw.Draw(page)
    draw.rectangle([40, 40, 580, 60], fill=(168, 20, 14))
    for number, line in enumerate(lines):
        draw.text((50, 100 + number * 28), line, fill="black")
    page.save(FILES / name, "PDF", resolution=72)


def main() -> None:
    IMAGES.mkdir(exist_ok=True)
    FILES.mkdir(exist_ok=True)
    save_photo("moshikou-street.jpg", old_street, 1)
    save_photo("moshikou-lanterns.jpg", lanterns, 2)
    save_photo("moshikou-crafts.jpg", meeting_hall, 3)
    save_photo("big-air-shougang.jpg", big_air, 4)
    save_photo("zhongguancun-park.jpg", science_park, 5)
    save_sideways_photo_with_gps("yongding-greenway.jpg")
    save_notice(
        "关于优化营商环境若干措施的通知.pdf",
        [
            "Shijingshan District",
            "Notice on measures to improve",
            "the business environment (2024)",
        ],
    )
    save_notice(
        "Business Environment Measures 2024.pdf",
        [
            "Shijingshan District",
            "Measures to improve the",
            "business environment (2024)",
        ],
    )


if __name__ == "__main__":
    main()
