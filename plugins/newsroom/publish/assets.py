"""Fingerprinted theme assets: each CSS, JS and image file also gets a copy whose
name carries a hash of its bytes (``css/site.0123456789ab.css``).

Such a name never changes meaning, so the server lets browsers keep it for a
year without asking again (deploy/nginx.conf); a changed stylesheet is a new
name, which every page rendered after the change refers to. Templates never
spell a hashed name: they ask ``asset("css/site.css")``. The hashes are taken
from the theme's files before the first page is rendered (both rendering
processes share them), and the copies are written next to the plain files that
Pelican copies from the theme. The favicon also goes to the site root, where
browsers ask for it whatever the page says.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from pelican.generators import Generator
from pelican.writers import Writer

ASSETS_GLOBAL = "asset"
HASH_LENGTH = 12
FINGERPRINTED_SUFFIXES = frozenset({".css", ".js", ".png", ".svg"})
# Files browsers request at a fixed place: theme path -> path from the site root.
ROOT_FILES = {"icons/favicon.ico": "favicon.ico"}


class UnknownAssetError(KeyError):
    """A template asked for a file that is not in the theme's static folders."""

    def __str__(self) -> str:
        return f"asset({self.args[0]!r}): no such file in the theme's static folders"


def fingerprinted_name(path: PurePosixPath, content: bytes) -> PurePosixPath:
    digest = hashlib.sha256(content).hexdigest()[:HASH_LENGTH]
    return path.with_name(f"{path.stem}.{digest}{path.suffix}")


@dataclass(frozen=True)
class ThemeAssets:
    """The theme's static files by their plain path, with their served names."""

    static_dir: str  # THEME_STATIC_DIR: where Pelican copies the theme's files
    sources: dict[str, Path]  # "css/site.css" -> the file in the theme
    served: dict[str, str]  # "css/site.css" -> "css/site.0123456789ab.css"

    def __call__(self, path: str) -> str:
        """The URL path of a theme file (the Jinja global ``asset``)."""
        try:
            return f"{self.static_dir}/{self.served[path]}"
        except KeyError:
            raise UnknownAssetError(path) from None

    def write(self, output: Path) -> None:
        for path, source in self.sources.items():
            if self.served[path] != path:
                copy(source, output / self.static_dir / self.served[path])
        for path, root_path in ROOT_FILES.items():
            copy(self.sources[path], output / root_path)


def copy(source: Path, destination: Path) -> None:
    destination.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, destination)


def theme_assets(settings: Mapping[str, Any]) -> ThemeAssets:
    """Every file of the theme's static folders (``THEME_STATIC_PATHS``)."""
    sources: dict[str, Path] = {}
    served: dict[str, str] = {}
    for folder in settings["THEME_STATIC_PATHS"]:
        root = Path(settings["THEME"], folder)
        for file in sorted(p for p in root.rglob("*") if p.is_file()):
            path = PurePosixPath(file.relative_to(root).as_posix())
            sources[str(path)] = file
            if path.suffix in FINGERPRINTED_SUFFIXES:
                served[str(path)] = str(fingerprinted_name(path, file.read_bytes()))
            else:
                served[str(path)] = str(path)
    return ThemeAssets(settings["THEME_STATIC_DIR"], sources, served)


def install_theme_assets(generator: Generator) -> None:
    # generator_init, for every run: under --autoreload an edited stylesheet
    # gets its new name at the next build.
    generator.env.globals[ASSETS_GLOBAL] = theme_assets(generator.settings)


class FingerprintedAssetsGenerator(Generator):
    """Writes the hashed copies and the root favicon (once, in the original
    process: it runs after the second renderer has joined)."""

    def generate_output(self, writer: Writer) -> None:
        self.env.globals[ASSETS_GLOBAL].write(Path(self.output_path))
