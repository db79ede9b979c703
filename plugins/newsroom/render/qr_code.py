"""The "scan to read on your phone" QR code of an article's absolute URL.

Made at build time with segno, as inline SVG: no request, no script, nothing
for the Content-Security-Policy to allow, and it scales with the text size.
Only the publish build makes them (NEWSROOM_QR_CODES in publishconf.py): the
development build's URLs are relative and would lead a phone nowhere.
segno picks the mask by the standard's penalty rules, which is most of its
cost (about 9 ms an article, in the rendering processes); a fixed mask would be
six times faster but can make a code harder to scan.
"""

from __future__ import annotations

import segno
from markupsafe import Markup, escape

# Medium error correction: readable from a printed page with a smudge or fold.
ERROR_CORRECTION = "m"


def qr_code_svg(url: str, label: str) -> Markup:
    """An ``<svg>`` named ``label`` for assistive technology; its size is CSS's
    (the viewBox is in modules), dark on light whatever the page's colours."""
    code = segno.make(url, error=ERROR_CORRECTION, micro=False, boost_error=False)
    svg = code.svg_inline(
        scale=1, border=4, dark="#000", light="#fff", omitsize=True, svgclass=None
    )
    named = f'<svg role="img" aria-label="{escape(label)}" '
    return Markup(svg.replace("<svg ", named, 1))
