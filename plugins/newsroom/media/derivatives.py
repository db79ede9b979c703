"""Responsive derivatives of each photo, encoded once per content digest.

A photo's derivatives (a few widths, WebP and a JPEG or PNG fallback, EXIF
orientation applied, no metadata kept) are encoded into the photo cache, in a
folder named by the digest of the photo's bytes and of this encoder's
parameters. A later build, a build into a fresh output folder (the atomic
build, `make clean`) and the other language's article all find them there, so
an unchanged photo is never encoded twice and replacing one photo re-encodes
only that one. Photos missing from the cache are encoded in one process per
core. The cache's index maps each photo file (path, size, mtime) to its digest,
so a rebuild does not even read an unchanged photo.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import os
import shutil
import tempfile
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from PIL import Image, ImageCms, ImageOps

from ..settings import NewsroomSettings
from .checks import RefusedFile, check_photo_bytes, file_size, is_inside
from .config import PHOTOS_FOLDER, WIDTHS

# Part of every digest (bump the version when the encoding changes): new
# parameters give new names, so no
# browser or cache keeps an old derivative.
ENCODER = f"v1;widths={WIDTHS};webp=78,2;jpeg=80;pillow={Image.__version__}"
# WebP's method 2 takes half the time of the default 4 for a few % more bytes;
# the JPEG fallback (for browsers without WebP) is baseline, six times faster
# to encode than progressive.
WEBP_OPTIONS = {"quality": 78, "method": 2}
JPEG_OPTIONS = {"quality": 80}
MANIFEST = "manifest.json"
INDEX = "index.json"
WEBP = "webp"
ORIENTATION_TAG = 0x0112
# EXIF orientations that turn the photo a quarter: width and height swap.
QUARTER_TURNS = {5, 6, 7, 8}
SRGB = ImageCms.createProfile("sRGB")


@dataclass(frozen=True)
class Photo:
    """A photo's published derivatives: ``sizes`` from narrowest to widest."""

    key: str
    stem: str
    fallback: str  # "jpg" or "png"
    sizes: tuple[tuple[int, int], ...]

    def name(self, width: int, extension: str) -> str:
        """A derivative's name in the output's photos folder."""
        return f"{self.stem}-{self.key[:12]}-{width}.{extension}"

    def url(self, width: int, extension: str) -> str:
        return quote(f"{PHOTOS_FOLDER}/{self.name(width, extension)}")

    @property
    def width(self) -> int:
        return self.sizes[-1][0]

    @property
    def height(self) -> int:
        return self.sizes[-1][1]

    @property
    def fallback_url(self) -> str:
        return self.url(self.width, self.fallback)

    def files(self) -> Iterable[tuple[str, str]]:
        """(name in its cache folder, name in the output's photos folder)."""
        for width, _ in self.sizes:
            for extension in (WEBP, self.fallback):
                yield f"{width}.{extension}", self.name(width, extension)


@dataclass
class Counts:
    encoded: int = 0
    cached: int = 0

    def __str__(self) -> str:
        return f"Photos: {self.encoded} encoded, {self.cached} from cache"


def photo_key(data: bytes) -> str:
    digest = hashlib.blake2b(data, digest_size=16)
    digest.update(ENCODER.encode())
    return digest.hexdigest()


def derivative_widths(width: int) -> list[int]:
    """Never wider than the photo; the photo's own width when it is narrower
    than the widest derivative."""
    widest = min(width, WIDTHS[-1])
    return [w for w in WIDTHS if w < widest] + [widest]


def cache_entry(folder: Path, key: str) -> Path:
    """A photo's folder in the cache: its derivatives and manifest."""
    return folder / key[:2] / key


class PhotoCache:
    """The cache folder: one folder per key, and the index of files seen."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._index_path = folder / INDEX
        try:
            self._index: dict[str, list] = json.loads(self._index_path.read_bytes())
        except (FileNotFoundError, ValueError):
            self._index = {}
        self._changed = False

    def manifest(self, key: str) -> dict | None:
        try:
            return json.loads((cache_entry(self.folder, key) / MANIFEST).read_bytes())
        except (FileNotFoundError, ValueError):
            return None

    def known_key(self, path: Path, stamp: list[int]) -> str | None:
        recorded = self._index.get(str(path))
        return recorded[2] if recorded and recorded[:2] == stamp else None

    def remember(self, path: Path, stamp: list[int], key: str) -> None:
        self._index[str(path)] = [*stamp, key]
        self._changed = True

    def save_index(self) -> None:
        if not self._changed:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        temporary = self._index_path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(self._index, ensure_ascii=False))
        temporary.replace(self._index_path)


def photo_of(key: str, stem: str, manifest: dict) -> Photo:
    sizes = tuple((int(w), int(h)) for w, h in manifest["sizes"])
    return Photo(key, stem, manifest["fallback"], sizes)


def upright(image: Image.Image) -> Image.Image:
    """Decoded at the smallest size the widest derivative allows (JPEG's DCT
    scaling), turned as its EXIF orientation says, in sRGB."""
    width, height = image.size
    if image.getexif().get(ORIENTATION_TAG, 1) in QUARTER_TURNS:
        width, height = height, width
    scale = min(WIDTHS[-1], width) / width
    draft_size = (math.ceil(image.size[0] * scale), math.ceil(image.size[1] * scale))
    if image.format == "JPEG":
        image.draft("RGB", draft_size)
    image.load()
    turned = ImageOps.exif_transpose(image)
    has_alpha = turned.mode in ("RGBA", "LA", "PA") or "transparency" in turned.info
    mode = "RGBA" if has_alpha else "RGB"
    profile = turned.info.get("icc_profile")
    if profile and turned.mode in ("RGB", "RGBA", "CMYK"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            return ImageCms.profileToProfile(turned, source, SRGB, outputMode=mode)
        except (ImageCms.PyCMSError, OSError):
            pass  # a broken profile: the pixels as they are
    return turned.convert(mode)


def encode(source: str, key: str, cache_folder: str, max_pixels: int) -> dict | str:
    """Encode one photo into its cache folder; its manifest, or why it failed.

    Runs in a worker process. Nothing of the source's metadata is passed to
    ``save``, so no EXIF, XMP, IPTC or GPS data reaches a derivative.
    """
    Image.MAX_IMAGE_PIXELS = max_pixels
    entry = cache_entry(Path(cache_folder), key)
    try:
        with Image.open(source) as image:
            fallback = "jpg" if image.format == "JPEG" else "png"
            picture = upright(image)
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        return f"cannot be decoded ({str(error)[:80]}): save it again as JPEG or PNG"
    entry.parent.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=f".{key}-", dir=entry.parent))
    sizes = []
    current = picture
    for width in reversed(derivative_widths(picture.width)):
        height = max(1, round(picture.height * width / picture.width))
        current = current.resize((width, height), Image.Resampling.LANCZOS)
        current.save(building / f"{width}.{WEBP}", "WEBP", **WEBP_OPTIONS)
        if fallback == "jpg":
            current.save(building / f"{width}.jpg", "JPEG", **JPEG_OPTIONS)
        else:
            current.save(building / f"{width}.png", "PNG")
        sizes.append((width, height))
    manifest = {"fallback": fallback, "sizes": sorted(sizes)}
    (building / MANIFEST).write_text(json.dumps(manifest))
    try:
        building.rename(entry)
    except OSError:  # another build encoded it meanwhile: theirs is the same
        shutil.rmtree(building, ignore_errors=True)
    return manifest


def encode_all(
    jobs: list[tuple[str, str]],
    cache: PhotoCache,
    limits: NewsroomSettings,
    workers: int,
) -> list[dict | str]:
    """(source, key) pairs, encoded in ``workers`` processes when it pays."""
    arguments = [
        (source, key, str(cache.folder), limits.photo_max_pixels)
        for source, key in jobs
    ]
    if workers < 2 or len(jobs) < 2:
        return [encode(*job) for job in arguments]
    with ProcessPoolExecutor(max_workers=min(workers, len(jobs))) as pool:
        return list(pool.map(encode, *zip(*arguments, strict=True)))


def prepare_photos(
    sources: Iterable[Path], root: Path, limits: NewsroomSettings, workers: int
) -> tuple[dict[Path, Photo], dict[Path, str], Counts]:
    """Every photo's derivatives, from the cache or encoded now; the problems
    of those that cannot be published. A photo is read (and must be a file of
    the content folder ``root``) only when its stamp is not in the index."""
    cache = PhotoCache(Path(limits.photo_cache))
    photos: dict[Path, Photo] = {}
    problems: dict[Path, str] = {}
    counts = Counts()
    jobs: list[tuple[Path, str]] = []
    for source in sources:
        try:
            size = file_size(source, limits.photo_max_bytes)
            stamp = [size, source.stat().st_mtime_ns]
            key = cache.known_key(source, stamp)
            manifest = cache.manifest(key) if key else None
            if manifest is None:
                if not is_inside(source, root):
                    raise RefusedFile("is outside the content folder")
                data = source.read_bytes()
                key = photo_key(data)
                manifest = cache.manifest(key)
                if manifest is None:
                    check_photo_bytes(data, source.name, limits)
                    jobs.append((source, key))
                    continue
                cache.remember(source, stamp, key)
        except RefusedFile as refused:
            problems[source] = str(refused)
            continue
        counts.cached += 1
        photos[source] = photo_of(key, source.stem, manifest)
    results = encode_all([(str(s), k) for s, k in jobs], cache, limits, workers)
    for (source, key), result in zip(jobs, results, strict=True):
        if isinstance(result, str):
            problems[source] = result
            continue
        counts.encoded += 1
        stat = source.stat()
        cache.remember(source, [stat.st_size, stat.st_mtime_ns], key)
        photos[source] = photo_of(key, source.stem, result)
    cache.save_index()
    return photos, problems, counts
