"""The framework diagram (`reqdrill.study.diagram.layout`) drawn as vector graphics in a flowable."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus import Flowable, Paragraph

from reqdrill.render.pdf.common import BOLD, INK, markup, style, tint
from reqdrill.render.pdf.fonts import string_width
from reqdrill.study.diagram import HEIGHT, WIDTH, Box, Layout

ARROW = colors.HexColor("#616161")
CENTER = colors.HexColor("#B71C1C")
HEAD = 6.0  # arrowhead length in points  # dark red: still reads as a strong dark outline in grayscale
MIN_LABEL = 8.0  # no printed text smaller than this


class DiagramFlowable(Flowable):
    """The seven category boxes with arrows into "write requirements down", scaled to a width."""

    def __init__(self, lay: Layout, width: float, label_size: float = 9.0) -> None:
        super().__init__()
        self.lay, self.target, self.label_size = lay, width, label_size
        self.hAlign = "CENTER"

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.title = Paragraph(
            markup(self.lay.title), style(self.label_size + 1.5, bold=True, align="center")
        )
        _, self.title_h = self.title.wrap(min(self.target, avail_width), 10_000)
        # as wide as asked, but no taller than the room left on the page (down to half as wide)
        fits = (avail_height - self.title_h - 4) / HEIGHT * WIDTH
        self.width = min(self.target, avail_width, max(fits, self.target / 2))
        self.scale = self.width / WIDTH
        self.height = self.title_h + 4 + HEIGHT * self.scale
        return self.width, self.height

    def _label(self, box: Box, color: str) -> tuple[Paragraph, float]:
        """The box's lines, at the largest size up to label_size that fits inside the box."""
        inner_w, inner_h = box.w * self.scale - 6, box.h * self.scale - 4
        text = "<br/>".join(markup(line, BOLD) for line in box.lines)
        natural = max((string_width(line, BOLD, 1.0) for line in box.lines), default=1.0) or 1.0
        size = max(MIN_LABEL, min(self.label_size, int(inner_w * 0.97 / natural * 4) / 4))
        while True:
            p = Paragraph(text, style(size, bold=True, align="center", color=color))
            _, h = p.wrap(inner_w, 10_000)
            if h <= inner_h or size <= MIN_LABEL:
                return p, h
            size = max(MIN_LABEL, size - 0.5)

    def _box(self, box: Box, fill: colors.Color, stroke: colors.Color, line: float, text_color: str) -> None:
        c, s = self.canv, self.scale
        c.setFillColor(fill)
        c.setStrokeColor(stroke)
        c.setLineWidth(line)
        c.roundRect(box.x * s, box.y * s, box.w * s, box.h * s, radius=5, stroke=1, fill=1)
        p, h = self._label(box, text_color)
        p.drawOn(c, box.x * s + 3, (box.y + box.h / 2) * s - h / 2)

    def draw(self) -> None:
        c, s = self.canv, self.scale
        self.title.drawOn(c, 0, self.height - self.title_h)
        c.saveState()
        c.setStrokeColor(ARROW)
        c.setFillColor(ARROW)
        c.setLineWidth(1.2)
        c.setLineJoin(1)
        for a in self.lay.arrows:
            points = [(x * s, y * s) for x, y in a.points]
            (x1, y1), (x2, y2) = points[-2], points[-1]
            # the line stops where the head begins, so its end does not poke through the head
            length = ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5 or 1.0
            stop = (x2 - (x2 - x1) / length * HEAD * 0.8, y2 - (y2 - y1) / length * HEAD * 0.8)
            path = c.beginPath()
            path.moveTo(*points[0])
            for point in [*points[1:-1], stop]:
                path.lineTo(*point)
            c.drawPath(path, stroke=1, fill=0)
            self._head(x1, y1, x2, y2)
        for box in self.lay.boxes:
            self._box(box, tint(box.fill), INK, 1.2, "#000000")
        self._box(self.lay.center, colors.white, CENTER, 2.2, "#B71C1C")
        c.restoreState()

    def _head(self, x1: float, y1: float, x2: float, y2: float) -> None:
        """A filled arrowhead at (x2, y2) pointing along the line."""
        dx, dy = x2 - x1, y2 - y1
        length = (dx * dx + dy * dy) ** 0.5 or 1.0
        ux, uy = dx / length, dy / length
        size = HEAD
        path = self.canv.beginPath()
        path.moveTo(x2, y2)
        path.lineTo(x2 - size * ux + size * 0.45 * uy, y2 - size * uy - size * 0.45 * ux)
        path.lineTo(x2 - size * ux - size * 0.45 * uy, y2 - size * uy + size * 0.45 * ux)
        path.close()
        self.canv.drawPath(path, stroke=0, fill=1)
