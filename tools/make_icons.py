"""Draw the site's icons: the favicon, the home-screen icons and their SVG.

The newsroom owns its art: a red tile with the outline of the Western Hills
(石景山, "the mountain of the stone view"), drawn from the few shapes below so
that the SVG and every bitmap are the same picture. Run once after changing a
shape (``.venv/bin/python tools/make_icons.py``); the files it writes under
theme/static/icons/ are committed, so a build needs no Pillow.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

ICONS = Path(__file__).resolve().parent.parent / "theme" / "static" / "icons"
GRID = 64  # every shape is given on a 64-unit grid
RED = "#a61b1b"
WHITE = "#ffffff"
CORNER = 12
PEAKS = [(8, 46), (24, 18), (33, 31), (42, 22), (56, 46)]
GROUND = (8, 49, 56, 53)
SUPERSAMPLE = 4
# Phones crop home-screen icons themselves: those get the full square.
PNG_SIZES = {"apple-touch-icon.png": 180, "icon-192.png": 192, "icon-512.png": 512}
ICO_SIZES = [(16, 16), (32, 32), (48, 48)]


def svg() -> str:
    points = " ".join(f"{x},{y}" for x, y in PEAKS)
    x1, y1, x2, y2 = GROUND
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {GRID} {GRID}">'
        f'<rect width="{GRID}" height="{GRID}" rx="{CORNER}" fill="{RED}"/>'
        f'<polygon points="{points}" fill="{WHITE}"/>'
        f'<rect x="{x1}" y="{y1}" width="{x2 - x1}" height="{y2 - y1}" fill="{WHITE}"/>'
        "</svg>\n"
    )


def bitmap(size: int, rounded: bool) -> Image.Image:
    """Drawn large and scaled down, so the edges are smooth at every size."""
    scale = size * SUPERSAMPLE / GRID
    canvas = Image.new("RGBA", (size * SUPERSAMPLE,) * 2, (0, 0, 0, 0))
    draw = ImageDraw.Draw(canvas)
    box = (0, 0, canvas.width - 1, canvas.height - 1)
    if rounded:
        draw.rounded_rectangle(box, radius=CORNER * scale, fill=RED)
    else:
        draw.rectangle(box, fill=RED)
    draw.polygon([(x * scale, y * scale) for x, y in PEAKS], fill=WHITE)
    draw.rectangle([value * scale for value in GROUND], fill=WHITE)
    return canvas.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    ICONS.mkdir(parents=True, exist_ok=True)
    (ICONS / "icon.svg").write_text(svg(), encoding="utf-8")
    for name, size in PNG_SIZES.items():
        bitmap(size, rounded=False).save(ICONS / name, optimize=True)
    bitmap(max(ICO_SIZES)[0], rounded=True).save(ICONS / "favicon.ico", sizes=ICO_SIZES)


if __name__ == "__main__":
    main()
