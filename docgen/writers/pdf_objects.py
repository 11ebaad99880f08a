"""The PDF's objects made into bytes once, just before the file is written.

pydyf makes an object's bytes each time they are asked for, and compresses a stream
each time at zlib's level 9. A PDF/A file asks twice: to write the file, and again for
its identifier, a hash of every object: zlib alone was 40 of a strategy's 450 ms. So
the writer's last step (a WeasyPrint finisher) makes each object's bytes here, once,
with streams compressed at zlib's default level: level 9 makes them 3 % smaller, in
four times the time. The file holds the same objects, in the same order.
"""

from __future__ import annotations

import zlib

import pydyf


def make_bytes_once(pdf: pydyf.PDF) -> None:
    """Replace every object of `pdf` by its bytes, streams compressed."""
    for index, original in enumerate(pdf.objects):
        if original.free == "f":  # the list's first entry: no object, never written
            continue
        if isinstance(original, pydyf.Stream) and original.compress:
            original.stream = [zlib.compress(b"\n".join(pydyf._to_bytes(item) for item in original.stream))]
            original.extra["Filter"] = "/FlateDecode"
            original.compress = False
        pdf.objects[index] = _Made(original)


class _Made(pydyf.Object):  # type: ignore[misc]  # pydyf has no type hints
    """An object whose bytes were made once; it is written where the original was."""

    def __init__(self, original: pydyf.Object) -> None:
        super().__init__()
        self.number, self.generation = original.number, original.generation
        self._data: bytes = original.data
        self._compressible: bool = original.compressible  # a stream is never put in an object stream

    @property
    def data(self) -> bytes:
        return self._data

    @property
    def compressible(self) -> bool:
        return self._compressible
