"""Characters an XML 1.0 document may not hold, replaced before an SVG is written.

XML 1.0 allows tab, LF, CR, U+0020..U+D7FF, U+E000..U+FFFD and U+10000..U+10FFFF: U+FFFE, U+FFFF
and the other C0 controls make a document a browser refuses to show ("not well-formed"). The
other Unicode non-characters (U+FDD0..U+FDEF, and the last two code points of every plane) are
allowed but "discouraged", and no font draws them. A name may hold any of them (a YAML escape
such as "\\uFFFF" writes one, and so may a `--title`): each becomes U+FFFD, the replacement
character, so that the picture shows where something was and the file always opens.
"""

from __future__ import annotations

import re

_PLANE_ENDS = "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(1, 17))
NOT_IN_XML = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff{_PLANE_ENDS}]")


def xml_text(text: str) -> str:
    """`text` with every character XML 1.0 forbids or discourages as a non-character replaced by U+FFFD."""
    return NOT_IN_XML.sub("\ufffd", text)


def xml_safe(document: bytes) -> bytes:
    """A UTF-8 XML document (an SVG) with `xml_text` applied throughout: text, comments, metadata."""
    text = document.decode("utf-8", errors="surrogateescape")
    if NOT_IN_XML.search(text) is None:
        return document
    return xml_text(text).encode("utf-8", errors="surrogateescape")
