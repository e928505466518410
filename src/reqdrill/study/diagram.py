"""The framework diagram as geometry: seven category boxes around "write requirements down".

One layout feeds both renderers: SVG media for the Anki deck and vector drawing in the PDFs.
Coordinates follow the source's figure: x to the right, y upwards, in a 9 × 8 box.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from reqdrill.content.model import Content

WIDTH, HEIGHT = 9.0, 8.0
_ORIGIN_X = 0.5  # the source's figure spans x from -0.5 to 8.5
# 1.5 wide (the source draws 1.8): the top row's centers then fall in the middle of the second
# row's gaps, so the arrows from the top row run down between those boxes with room either side.
BOX_W, BOX_H = 1.5, 1.5
# (x, y) of each category box's lower-left corner, in the source's order and figure coordinates.
_POSITIONS = [(0, 6), (2, 6), (4, 6), (6, 6), (1, 3.5), (3, 3.5), (5, 3.5)]
CENTER_BOX = (2.5, 0.5, 3.0, 1.5)


@dataclass(frozen=True)
class Box:
    """A rounded box with centered label lines."""

    x: float
    y: float
    w: float
    h: float
    lines: tuple[str, ...]
    fill: str


@dataclass(frozen=True)
class Arrow:
    """An arrow from a category box to the center box, bending at the `via` points (if any) on the way.

    It starts on the middle of its box's bottom edge and ends, with its head, on the center box's
    top edge. Arrows from the top row run straight down through the gaps of the second row before
    turning, so that no arrow passes behind a box; a renderer draws it along all its points.
    """

    x1: float
    y1: float
    x2: float
    y2: float
    via: tuple[tuple[float, float], ...] = ()

    @property
    def points(self) -> tuple[tuple[float, float], ...]:
        """Every point of the arrow's path, from its start to its head."""
        return ((self.x1, self.y1), *self.via, (self.x2, self.y2))


@dataclass(frozen=True)
class Layout:
    """Everything a renderer draws, in figure units with y upwards."""

    title: str
    boxes: tuple[Box, ...]
    center: Box
    arrows: tuple[Arrow, ...]


def _wrap(label: str) -> tuple[str, ...]:
    """Break a short label into at most two balanced lines, after a space or slash."""
    if len(label) <= 11:
        return (label,)
    cuts = [i + 1 for i, ch in enumerate(label) if ch in " /"]
    if not cuts:
        return (label,)
    cut = min(cuts, key=lambda i: abs(len(label) / 2 - i))
    return label[:cut].strip(), label[cut:].strip()


def layout(content: Content) -> Layout:
    """Lay out the diagram for the content's categories (seven, in framework order)."""
    boxes = tuple(
        Box(x + _ORIGIN_X, y, BOX_W, BOX_H, _wrap(c.short_name), c.color)
        for c, (x, y) in zip(content.categories, _POSITIONS, strict=True)
    )
    cx, cy, cw, ch = CENTER_BOX
    center = Box(cx + _ORIGIN_X, cy, cw, ch, tuple(content.diagram.center.upper().split()), "#FFFFFF")
    return Layout(content.diagram.title, boxes, center, _arrows(boxes, center))


def _arrows(boxes: tuple[Box, ...], center: Box) -> tuple[Arrow, ...]:
    """One arrow per box, heads spread along the center box's top edge in the boxes' left-to-right order."""
    lowest = min(b.y for b in boxes)
    order = sorted(range(len(boxes)), key=lambda i: boxes[i].x)
    margin = center.w * 0.1
    step = (center.w - 2 * margin) / max(len(boxes) - 1, 1)
    heads = {i: center.x + margin + rank * step for rank, i in enumerate(order)}
    arrows = []
    for i, b in enumerate(boxes):
        x = b.x + b.w / 2
        via = ((x, lowest),) if b.y > lowest else ()
        arrows.append(Arrow(x, b.y, heads[i], center.y + center.h, via))
    return tuple(arrows)


def to_svg(lay: Layout, scale: float = 60.0) -> str:
    """Render the layout as a standalone SVG document (deterministic text, all text escaped)."""
    w, h = WIDTH * scale, HEIGHT * scale

    def y(v: float) -> float:
        return h - v * scale

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w:.0f} {h + 30:.0f}" '
        f'width="{w:.0f}" height="{h + 30:.0f}" font-family="Helvetica, Arial, sans-serif">',
        f'<rect x="0" y="0" width="{w:.0f}" height="{h + 30:.0f}" fill="#FFFFFF"/>',
        '<defs><marker id="arrow" markerUnits="userSpaceOnUse" markerWidth="12" markerHeight="10" refX="11" '
        'refY="5" orient="auto"><path d="M0,0 L12,5 L0,10 z" fill="#757575"/></marker></defs>',
        f'<text x="{w / 2:.1f}" y="22" text-anchor="middle" font-size="18" font-weight="bold" '
        f'fill="#000000">{escape(lay.title)}</text>',
    ]
    for a in lay.arrows:
        points = " ".join(f"{px * scale:.1f},{y(py) + 30:.1f}" for px, py in a.points)
        out.append(
            f'<polyline points="{points}" fill="none" stroke="#757575" stroke-width="2" '
            'stroke-linejoin="round" marker-end="url(#arrow)"/>'
        )
    for box, stroke, width, color in [(b, "#000000", 2, "#000000") for b in lay.boxes] + [
        (lay.center, "#C62828", 3, "#C62828")
    ]:
        out.append(
            f'<rect x="{box.x * scale:.1f}" y="{y(box.y + box.h) + 30:.1f}" width="{box.w * scale:.1f}" '
            f'height="{box.h * scale:.1f}" rx="10" fill="{box.fill}" '
            f'stroke="{stroke}" stroke-width="{width}"/>'
        )
        mid = y(box.y + box.h / 2) + 30
        for i, line in enumerate(box.lines):
            offset = (i - (len(box.lines) - 1) / 2) * 18
            out.append(
                f'<text x="{(box.x + box.w / 2) * scale:.1f}" y="{mid + offset + 5:.1f}" '
                'text-anchor="middle" '
                f'font-size="14" font-weight="bold" fill="{color}">{escape(line)}</text>'
            )
    out.append("</svg>")
    return "\n".join(out) + "\n"
