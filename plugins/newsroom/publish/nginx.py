"""The nginx configuration of the publish build (deploy/nginx.conf).

Written from the settings (``make nginx-config``), so the languages, their
404 pages, the search pages and the hashed asset names come from the one
place that defines them. What it asks of nginx:

* the release the ``current`` symlink points at (tools/deploy.py) as root;
* ``.br`` and ``.gz`` siblings sent as they are (brotli_static, gzip_static);
* hashed names cached for a year, everything else revalidated;
* a Content-Security-Policy with ``script-src 'self'`` on every response
  (the theme has no inline script: theme/static/js/prepaint.js; the search
  is plain script and JSON files, index/);
* scripts and images of the footer badges' hosts (``NEWSROOM_BADGES``),
  and from nowhere else;
* Strict-Transport-Security only on HTTPS (an empty value sends no header);
* a missing path answers with the 404 page of the language of its URL.

``add_header`` in a location replaces every header of the server level, so
each location lists them all.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from ..index.bundle_files import CHUNK_DIR, bundle_dir
from ..index.postings import CHUNK_NAME_DIGITS
from ..settings import get_settings
from ..site.furniture import badges
from ..site.languages import Language, load_languages
from .assets import HASH_LENGTH
from .not_found import not_found_url

CURRENT_RELEASE = "current"
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
HSTS = "max-age=31536000; includeSubDomains"
POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "frame-ancestors": "'self'",
    "form-action": "'self'",
}
TEXT_TYPES = (
    "text/css text/plain text/xml application/javascript application/json "
    "application/atom+xml image/svg+xml"
)


def badge_origins(entries: Iterable[Mapping[str, Any]]) -> list[str]:
    """Where the footer badges' scripts come from (``NEWSROOM_BADGES``): the
    only code, and images, the policy allows from elsewhere."""
    urls = (urlsplit(badge.script) for badge in badges(entries))
    return sorted({f"{url.scheme}://{url.netloc}" for url in urls})


def page_policy(origins: list[str]) -> dict[str, str]:
    policy = dict(POLICY)
    policy["script-src"] = " ".join(["'self'", *origins])
    if origins:
        policy = {**policy, "img-src": " ".join(["'self'", *origins])}
    return policy


def policy_header(policy: Mapping[str, str]) -> str:
    return "; ".join(f"{name} {value}" for name, value in policy.items())


@dataclass(frozen=True)
class Location:
    comment: str
    match: str
    cache: str
    policy: Mapping[str, str]
    directives: tuple[str, ...] = ()

    def lines(self) -> list[str]:
        policy = policy_header(self.policy)
        headers = [
            f'add_header Cache-Control "{self.cache}" always;',
            f'add_header Content-Security-Policy "{policy}" always;',
            'add_header X-Content-Type-Options "nosniff" always;',
            'add_header Referrer-Policy "strict-origin-when-cross-origin" always;',
            "add_header Strict-Transport-Security $newsroom_hsts always;",
        ]
        body = [*self.directives, *headers]
        return [
            f"    # {self.comment}",
            f"    location {self.match} {{",
            *(f"        {line}" for line in body),
            "    }",
        ]


def any_of(paths: Iterable[str]) -> str:
    """A regex alternation of URL paths, for a location."""
    return "(?:" + "|".join(re.escape(path) for path in paths) + ")"


def locations(
    languages: Mapping[str, Language], static_dir: str, origins: list[str]
) -> list[Location]:
    pages = page_policy(origins)
    bundles = any_of(bundle_dir(language) for language in languages.values())
    return [
        Location(
            "Pages, feeds, the sitemap: revalidated, so a deploy shows at once.",
            "/",
            REVALIDATE,
            pages,
            ("try_files $uri $uri/ =404;",),
        ),
        Location(
            "Theme files whose names carry their content's hash never change.",
            f'~ "^/{re.escape(static_dir)}/.+\\.[0-9a-f]{{{HASH_LENGTH}}}\\.[a-z]+$"',
            IMMUTABLE,
            pages,
        ),
        Location(
            "The search index's chunks are named by their content's hash too.",
            f'~ "^/{bundles}{CHUNK_DIR}/[0-9a-f]{{{CHUNK_NAME_DIGITS}}}\\.json$"',
            IMMUTABLE,
            pages,
        ),
    ]


def not_found_map(languages: Mapping[str, Language]) -> list[str]:
    default = next(iter(languages.values()))
    lines = ["map $uri $newsroom_not_found {"]
    for language in languages.values():
        if language is not default:
            prefix = re.escape(language.prefix)
            lines.append(f'    "~^/{prefix}" /{not_found_url(language)};')
    lines += [f"    default /{not_found_url(default)};", "}"]
    return lines


def nginx_config(settings: Mapping[str, Any]) -> str:
    """The server block and the two maps it uses, for nginx's http context."""
    checked = get_settings(settings)
    languages = load_languages(checked.languages)
    host = urlsplit(settings["SITEURL"]).hostname
    root = f"{checked.server_root.rstrip('/')}/{CURRENT_RELEASE}"
    lines = [
        "# nginx configuration of the published site, for the http context",
        "# (/etc/nginx/sites-enabled/). Written by `make nginx-config` from",
        "# publishconf.py: change the settings, not this file. README: Going live.",
        "",
        "# Strict-Transport-Security on HTTPS only: an empty value sends no header.",
        "map $https $newsroom_hsts {",
        f'    on "{HSTS}";',
        '    default "";',
        "}",
        "",
        "# A missing page answers with the 404 page in its URL's language.",
        *not_found_map(languages),
        "",
        "server {",
        "    listen 80;",
        "    listen [::]:80;",
        "    # HTTPS: put these lines in place of the two above, name the certificate,",
        "    # and add a port 80 server that only does",
        "    # `return 301 https://$host$request_uri;`.",
        "    # listen 443 ssl;",
        "    # listen [::]:443 ssl;",
        "    # http2 on;",
        f"    # ssl_certificate /etc/ssl/certs/{host}.pem;",
        f"    # ssl_certificate_key /etc/ssl/private/{host}.key;",
        f"    server_name {host};",
        "",
        "    # The release tools/deploy.py switched to; nginx follows the symlink",
        "    # afresh for every request, so a deploy needs no reload.",
        f"    root {root};",
        "    index index.html;",
        "    absolute_redirect off;",
        "    charset utf-8;",
        f"    charset_types {TEXT_TYPES};",
        "    # The .br and .gz files the build wrote (brotli_static needs Debian's",
        "    # libnginx-mod-http-brotli-static).",
        "    brotli_static on;",
        "    gzip_static on;",
        "    gzip_vary on;",
        "    error_page 404 $newsroom_not_found;",
        "",
    ]
    origins = badge_origins(checked.badges)
    for location in locations(languages, settings["THEME_STATIC_DIR"], origins):
        lines += [*location.lines(), ""]
    lines[-1] = "}"
    return "\n".join(lines) + "\n"
