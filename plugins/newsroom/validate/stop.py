"""The stop-on-problems policy: nothing is written while any source has a
problem (or, when strict, while a translation is missing or stale)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from pelican.generators import Generator

from ..settings import CHECKED_SOURCES, TRANSLATION_REPORT
from ..site.newsroom import newsroom_of
from .across_files import site_problems
from .errors import SourceError, SourceErrors, print_errors
from .translations import stop_on_translation_gaps


def planned_outputs(generators: list[Generator]) -> Iterator[tuple[str, str]]:
    """(output path, what writes it) of every page the plugin's own generators
    plan, which no source may claim; they say so by ``planned_outputs``, so
    this policy needs no import of the stages after it."""
    for generator in generators:
        if (planned := getattr(generator, "planned_outputs", None)) is not None:
            yield from planned()


def stop_on_problems(
    generators: list[Generator], earlier: Iterable[SourceError] = ()
) -> None:
    # all_generators_finalized: every file is read and every listing planned,
    # and nothing is written yet. An exception here ends Pelican with exit
    # status 1 (under --autoreload it is logged and the next save retries).
    # ``earlier``: problems a later stage found first (the media's files), so
    # that every problem of the run is listed at once.
    context, settings = generators[0].context, generators[0].settings
    problems = [*earlier]
    problems += site_problems(
        context.get(CHECKED_SOURCES, []),
        context["generated_content"],
        planned_outputs(generators),
        settings,
    )
    if count := print_errors(problems):
        raise SourceErrors(
            f"{count} problem(s) in the sources, listed above; nothing was written"
        )
    stop_on_translation_gaps(
        context[TRANSLATION_REPORT], newsroom_of(settings).settings.strict_translations
    )
