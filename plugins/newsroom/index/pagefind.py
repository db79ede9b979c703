"""Talking to Pagefind: one indexing process per language, all at once.

Only imported by a build that writes a search index (index/indexing.py).
"""

from __future__ import annotations

import asyncio
import base64
import json
from collections.abc import Mapping

from pagefind.index import IndexConfig
from pagefind.service import PagefindService
from pagefind.service.types import InternalDecodedFile

from .records import SearchRecord


class PromptPagefindService(PagefindService):
    """Pagefind's service, reading each answer as soon as it arrives.

    Pagefind's own Python client sleeps 0.1 s before reading each answer of
    its index process: ten articles a second, minutes for a few thousand.
    This loop is the same without the sleep (pagefind is pinned: it relies on
    the client's private ``_backend`` and ``_responses``).
    """

    async def _read_answer(self) -> bytes:
        """One answer, however long: the bundle's files come as one answer, far
        beyond the pipe reader's 2 MiB limit, so it is read in pieces."""
        assert self._backend.stdout is not None
        answer = bytearray()
        while True:
            try:
                answer += await self._backend.stdout.readuntil(b",")
                return bytes(answer[:-1])
            except asyncio.LimitOverrunError as overrun:
                answer += await self._backend.stdout.readexactly(overrun.consumed)

    async def _wait_for_responses(self) -> None:
        while True:
            answer = json.loads(base64.b64decode(await self._read_answer()))
            if answer is None:
                continue
            payload = answer["payload"]
            message_id = answer.get("message_id")
            if message_id is None and "original_message" in payload:
                message_id = json.loads(payload["original_message"]).get("message_id")
            future = self._responses.get(message_id)
            if future is None:
                continue
            if payload["type"] == "Error":
                future.set_exception(RuntimeError(f"Pagefind: {payload['message']}"))
            else:
                future.set_result(payload)


async def bundle_files(records: list[SearchRecord]) -> list[InternalDecodedFile]:
    """The bundle in memory: Pagefind's own write_files can answer before its
    files are complete on disk (seen under load), so this build writes them."""
    service = await PromptPagefindService().launch()
    try:
        index = await service.create_index(IndexConfig())
        # All at once: the service answers requests as they come, so the
        # records do not wait for each other's round trip.
        await asyncio.gather(
            *(
                index.add_custom_record(
                    url=record.url,
                    content=record.content,
                    language=record.index_language,
                    meta=record.meta,
                    sort=record.sort,
                )
                for record in records
            )
        )
        return await index.get_files()
    finally:
        await service.close()


async def language_bundles(
    records: Mapping[str, list[SearchRecord]],
) -> dict[str, list[InternalDecodedFile]]:
    """Every language's bundle at once, each by its own Pagefind process."""
    codes = list(records)
    bundles = await asyncio.gather(*(bundle_files(records[code]) for code in codes))
    return dict(zip(codes, bundles, strict=True))


def build_bundles(
    records: Mapping[str, list[SearchRecord]],
) -> dict[str, list[InternalDecodedFile]]:
    return asyncio.run(language_bundles(records))
