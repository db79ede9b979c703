"""Settings for the development build (``make html``, ``make serve``)."""

SITENAME = "Shijingshan District News"
SITEURL = ""
RELATIVE_URLS = False

PATH = "content"
THEME = "theme"
TIMEZONE = "Asia/Shanghai"

# The site's languages: the first is the default, served at the site root;
# every other language lives under /<code>/. Nothing else lists languages.
NEWSROOM_LANGUAGES = [
    {
        "code": "zh",
        "html_lang": "zh-Hans",
        "locale": "zh_Hans_CN",
        "og_locale": "zh_CN",
    },
    {"code": "en", "html_lang": "en", "locale": "en_US", "og_locale": "en_US"},
]
DEFAULT_LANG = NEWSROOM_LANGUAGES[0]["code"]
# Topics: their keys and names per language, in the content folder (PATH).
NEWSROOM_TOPICS_FILE = "topics.toml"
# A Babel date pattern or style: "long" gives 2024年5月16日 / May 16, 2024;
# "yyyy-MM-dd" gives ISO dates in every language.
NEWSROOM_DATE_FORMAT = "long"
# Pelican's own article.locale_date, which no template uses: empty, it spares
# four strftime calls per article read (0.1 s of a 2,000-pair rebuild).
DEFAULT_DATE_FORMAT = ""

PLUGIN_PATHS = ["plugins"]
PLUGINS = ["newsroom"]

# Content: content/<lang>/<year>/<slug>.md, pages in content/<lang>/pages/.
# The shared Slug is the translation key and the URL.
ARTICLE_PATHS = [language["code"] for language in NEWSROOM_LANGUAGES]
PAGE_PATHS = [f"{language['code']}/pages" for language in NEWSROOM_LANGUAGES]
# The language of a file is its first folder: content/zh/..., content/en/...
PATH_METADATA = r"(?P<lang>[^/]+)/.*"
ARTICLE_TRANSLATION_ID = "slug"
PAGE_TRANSLATION_ID = "slug"

# {date.year} rather than {date:%Y}: a date format in a URL goes through
# Pelican's own strftime, 25 µs a call, twice per URL (0.4 s of a rebuild).
ARTICLE_URL = "{date.year}/{date.month:02}/{slug}/"
ARTICLE_SAVE_AS = ARTICLE_URL + "index.html"
ARTICLE_LANG_URL = "{lang}/" + ARTICLE_URL
ARTICLE_LANG_SAVE_AS = ARTICLE_LANG_URL + "index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = PAGE_URL + "index.html"
PAGE_LANG_URL = "{lang}/" + PAGE_URL
PAGE_LANG_SAVE_AS = PAGE_LANG_URL + "index.html"

# Pelican's content cache (on in `make serve`) is saved whole after every
# build; gzip took 0.3 s of each rebuild to save a few MB in the cache folder.
GZIP_CACHE = False

# Listings are written per language by the plugin (plugins/newsroom/list/);
# Pelican's own would mix languages, so they are all switched off.
DEFAULT_PAGINATION = 10
DIRECT_TEMPLATES: list[str] = []
CATEGORY_SAVE_AS = ""
TAG_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
DRAFT_SAVE_AS = ""
DRAFT_LANG_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
DRAFT_PAGE_LANG_SAVE_AS = ""

# Pelican's feeds are off; per-language feeds are the plugin's (publish/feeds.py),
# written in both builds so the feed links in every page's head resolve.
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# sitemap.xml and robots.txt need absolute URLs: on in publishconf.py only.
NEWSROOM_SITEMAP = False
# Internal pages, under the site root: disallowed in robots.txt, not in the sitemap.
NEWSROOM_ROBOTS_DISALLOW = ["newsroom/"]

# The identity footer every page carries (plugins/newsroom/render/furniture.py).
# Each value is one string for every language, or a mapping with one string
# per language; a field left out is not shown. The labels (主办单位, ICP备案号...)
# are the theme's, translated in its catalog. Sample values: put your own.
NEWSROOM_FOOTER = {
    "sponsor": {
        "zh": "北京市石景山区人民政府",
        "en": "People's Government of Shijingshan District, Beijing",
    },
    "organiser": {
        "zh": "北京市石景山区人民政府新闻办公室",
        "en": "News Office of the People's Government of Shijingshan District",
    },
    "address": {
        "zh": "北京市石景山区石景山路18号",
        "en": "18 Shijingshan Road, Shijingshan District, Beijing",
    },
    "phone": "010-68870000",
    "email": "news@bjsjs.gov.cn",
    # 网站标识码: the code the State Council's office gives a government site.
    "site_code": "1101070001",
    # The ICP filing number links to the MIIT filing site, the public-security
    # filing number (公网安备) to its own record.
    "icp_number": "京ICP备05000000号",
    "icp_url": "https://beian.miit.gov.cn/",
    "police_number": "京公网安备11010702000000号",
    "police_url": "https://beian.mps.gov.cn/#/query/webSearch?code=11010702000000",
    "copyright": {
        "zh": "北京市石景山区人民政府新闻办公室",
        "en": "News Office of the People's Government of Shijingshan District",
    },
}
# Third-party badges in the footer (党政机关网站标识, 我为政府网站找错): none by
# default. Each loads its provider's script, which the Content-Security-Policy
# must then allow (README, "Third-party badges"), e.g.
#   {"id": "_ideConac", "script": "https://dcs.conac.cn/js/.../xxx.js"},
#   {"id": "_jiucuo_", "script": "https://pucha.kaipuyun.cn/exposure/jiucuo.js",
#    "attributes": {"sitecode": "1101070001"}},
NEWSROOM_BADGES: list[dict] = []
# The mourning mode (全国哀悼日): while the build's day, in TIMEZONE, is within
# {"from": "YYYY-MM-DD", "to": "YYYY-MM-DD"} (both included), every page is
# grey. Build on the first day and again after the last.
NEWSROOM_MOURNING = None
# "Scan to read on your phone" QR codes need absolute URLs: on in publishconf.py.
NEWSROOM_QR_CODES = False

READERS = {"rst": None}  # editors write Markdown only
# Summary is plain text like Title and Source; the plugin escapes it into HTML
# (plugins/newsroom/read/reader.py), so no summary can inject markup.
FORMATTED_FIELDS: list[str] = []
# Every {{ value }} in the theme is HTML-escaped; article bodies and summaries
# are already HTML and marked |safe in the templates.
# auto_reload off: Jinja would otherwise stat every included template on every
# page (50,000 stats at 2,000 pairs); each build, --autoreload's included,
# starts with a fresh environment anyway.
JINJA_ENVIRONMENT = {
    "trim_blocks": True,
    "lstrip_blocks": True,
    "autoescape": True,
    "auto_reload": False,
}

# Safety net (plugins/newsroom/validate/): a body's
# HTML outside the allow-list (anything that runs, loads or navigates) stops
# the build unless this is True; with NEWSROOM_STRICT_TRANSLATIONS a missing or
# stale translation stops it too (publishconf.py explains when to turn it on).
NEWSROOM_ALLOW_UNSAFE_HTML = False

# The Pagefind search index (plugins/newsroom/index/); `make serve` turns it
# off for fast previews.
NEWSROOM_SEARCH_INDEX = True
NEWSROOM_STRICT_TRANSLATIONS = False
# make translations sets this to print every missing, stale or mismatched
# translation after the build, not just the counts.
NEWSROOM_LIST_TRANSLATIONS = False

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.smarty": {},
    },
    "output_format": "html5",
}
