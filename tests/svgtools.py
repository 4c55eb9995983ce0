"""Reading matplotlib's SVG in tests: the structure treatytrack gives it (ids set with set_gid,
text labels, fills), and the x of ticks and bars. Not pixels, and nothing matplotlib names
itself (patch_3, line2d_7, glyph and clip-path ids), so that a matplotlib upgrade that draws the
same picture leaves the golden files alone."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
OURS = re.compile(
    r"(tick|bar|end|mark|label|spell|note|group|subgroup)-.+|as-of(-label)?|legend|title|subtitle"
    r"|footer-(reviewed|source|coverage)"
)
_STYLE = re.compile(r"(fill|stroke):\s*([^;]+)")


def parse(svg: str | bytes) -> ET.Element:
    parser = ET.XMLParser(target=ET.TreeBuilder(insert_comments=True))
    parser.feed(svg if isinstance(svg, str) else svg.decode("utf-8"))
    root: ET.Element = parser.close()
    return root


def comments(element: ET.Element) -> list[str]:
    """The text labels under `element`: matplotlib writes each drawn string as a comment before its glyphs."""
    return [str(c.text).strip() for c in element.iter() if c.tag is ET.Comment]


def by_id(root: ET.Element) -> dict[str, ET.Element]:
    return {e.get("id", ""): e for e in root.iter() if e.get("id")}


def paint(element: ET.Element) -> str:
    """How the first shape drawn under `element` is painted: `fill:#0072b2`, `fill:pattern
    stroke:#56b4e9` (hatched), `fill:black` (SVG's default) and so on."""
    defs = {id(d) for parent in element.iter(f"{SVG}defs") for d in parent.iter()}
    for child in element.iter():
        if child.tag in (f"{SVG}path", f"{SVG}use") and id(child) not in defs:
            style = dict(_STYLE.findall(child.get("style", "")))
            painted = style.get("fill", "black").strip()
            painted = "pattern" if painted.startswith("url(") else painted.lower()
            stroke = style.get("stroke", "").strip().lower()
            return f"fill:{painted}" + (f" stroke:{stroke}" if stroke and painted == "pattern" else "")
    return "nothing"


def outline(svg: str | bytes) -> str:
    """One line per element treatytrack named, indented by nesting: `id fill "labels"`."""
    lines: list[str] = []

    def walk(element: ET.Element, depth: int) -> None:
        ident = element.get("id", "")
        if OURS.fullmatch(ident):
            labels = comments(element)
            colour = paint(element) if ident.split("-")[0] in ("bar", "end", "mark", "spell") else None
            parts = [ident] + ([colour] if colour else []) + ([repr(" | ".join(labels))] if labels else [])
            lines.append("  " * depth + " ".join(parts))
            depth += 1
            if ident.startswith(
                ("label-", "note-", "group-", "subgroup-", "title", "subtitle", "footer-", "tick-", "as-of")
            ):
                return  # their children are glyphs
        for child in element:
            if child.tag is not ET.Comment:
                walk(child, depth)

    walk(parse(svg), 0)
    return "\n".join(lines) + "\n"


def tick_x(root: ET.Element, year: int) -> float:
    """The x of the tick mark labelled `year`."""
    tick = by_id(root)[f"tick-{year}"]
    marks = [float(u.get("x", "nan")) for u in tick.iter(f"{SVG}use")]
    assert marks, f"tick-{year} has no tick mark"
    return marks[0]


_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def path_xs(element: ET.Element) -> list[float]:
    """Every x coordinate of the first path under `element` (M/L commands: x y pairs)."""
    path = next(element.iter(f"{SVG}path"))
    numbers = [float(n) for n in _NUMBER.findall(path.get("d", ""))]
    return numbers[0::2]


def bar_span(root: ET.Element, ident: str) -> tuple[float, float]:
    xs = path_xs(by_id(root)[ident])
    return min(xs), max(xs)


def bar_box(root: ET.Element, ident: str) -> tuple[float, float, float, float]:
    """left, top, right, bottom of a bar, in SVG units from the top left."""
    path = next(by_id(root)[ident].iter(f"{SVG}path"))
    numbers = [float(n) for n in _NUMBER.findall(path.get("d", ""))]
    xs, ys = numbers[0::2], numbers[1::2]
    return min(xs), min(ys), max(xs), max(ys)


def marker_x(root: ET.Element, ident: str) -> float:
    element = by_id(root)[ident]
    return float(next(element.iter(f"{SVG}use")).get("x", "nan"))


def marker_boxes(root: ET.Element, prefix: str = "mark-") -> list[tuple[str, float, float, float, float]]:
    """The box (id, left, top, right, bottom, in the SVG's units) of each marker whose id starts
    with `prefix`: where its <use> puts the shape it refers to (matplotlib draws a marker once,
    in <defs>, and places copies of it)."""
    shapes = {e.get("id"): e for e in root.iter() if e.get("id")}
    boxes = []
    for group in root.iter():
        ident = group.get("id", "")
        if not ident.startswith(prefix):
            continue
        for use in group.iter(f"{SVG}use"):
            shape = shapes[use.get(f"{XLINK}href", "").lstrip("#")]
            numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?(?:e-?\d+)?", shape.get("d", ""))]
            xs, ys = numbers[0::2], numbers[1::2]
            x, y = float(use.get("x", "0")), float(use.get("y", "0"))
            boxes.append((ident, x + min(xs), y + min(ys), x + max(xs), y + max(ys)))
    return boxes
