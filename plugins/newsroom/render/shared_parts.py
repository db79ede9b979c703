"""Parts of the theme that every page of a language shows alike, rendered once.

The footer, the reading preferences and the article tools are the same on
every page of one language: rendered as includes they were a tenth of
rendering an article, 5,000 times over at 2,000 article pairs. A template
calls ``{{ shared_part("_footer.html") }}`` instead of including it: the
part is rendered with the first page's context and its HTML is kept for
every other page of that language (Hugo's ``partialCached`` does the same).
A shared part may therefore read nothing of the page but ``here.lang``; the
theme's own comment on each part says so.
"""

from __future__ import annotations

from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from markupsafe import Markup


def install_shared_parts(env: Environment) -> None:
    # Kept per environment: each generator of a run has its own, so a
    # preview's next run renders its parts anew.
    rendered: dict[tuple[str, str, str], Markup] = {}

    @pass_context
    def shared_part(context: Context, name: str) -> Markup:
        key = (name, context["here"].lang, context.get("SITEURL", ""))
        if key not in rendered:
            template = context.environment.get_template(name)
            rendered[key] = Markup(template.render(context.get_all()))
        return rendered[key]

    env.globals["shared_part"] = shared_part
