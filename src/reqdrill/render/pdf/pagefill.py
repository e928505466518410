"""Page fill: handwriting rules that grow into the room their page would leave blank.

A first layout notes where each stretchable area of rules landed and how much height each page
left empty at its foot; a second layout gives each page's areas that room as whole extra rules,
dealt out in turn. Growth on a page never exceeds the room it left, so every flowable stays on
its page and the pages after it are unchanged; the result is checked, and kept only when every
area lands on the same page as before.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from reportlab.platypus import Flowable

from reqdrill.render.pdf.common import Built, PdfMeta, build

SLACK = 2.0  # points kept free at a page's foot, against rounding


def note_stretch(canvas: Any, stretch: int, gap: float, rules: int) -> None:
    """Record, while drawing, that stretchable area `stretch` (`rules` rules `gap` apart) is on this page."""
    noted = getattr(canvas, "rd_stretched", None)
    if noted is not None:
        noted.append((canvas.getPageNumber(), stretch, gap, rules))


def _pages(built: Built) -> dict[int, int]:
    pages: dict[int, int] = {}
    for page, stretch, _, _ in built.stretched:
        pages.setdefault(stretch, page)
    return pages


def extra_rules(built: Built) -> dict[int, int]:
    """Stretch id → extra rules, dealing each page's free height to its areas one rule at a time.

    Areas with more rules of their own (longer answers) are dealt to first, then in page order.
    """
    areas: dict[int, list[tuple[int, float, int]]] = {}
    first = _pages(built)
    for page, stretch, gap, rules in built.stretched:
        if first[stretch] == page and all(a[0] != stretch for a in areas.get(page, [])):
            areas.setdefault(page, []).append((stretch, gap, rules))
    extra: dict[int, int] = {}
    for page, listed in sorted(areas.items()):
        found = [(stretch, gap) for stretch, gap, _ in sorted(listed, key=lambda a: -a[2])]
        room = built.free.get(page, 0.0) - SLACK
        dealt = True
        while dealt:
            dealt = False
            for stretch, gap in found:
                if room >= gap:
                    extra[stretch] = extra.get(stretch, 0) + 1
                    room -= gap
                    dealt = True
    return extra


def build_filled(
    make: Callable[[dict[int, int]], Sequence[Flowable]],
    meta: PdfMeta,
    paper: str,
    measure: Sequence[Flowable] | None = None,
) -> bytes:
    """`make(extra)` laid out so that its stretchable rules fill the room their pages leave.

    `measure`, if given, is a shorter story whose pages lay out exactly like the first pages of
    `make({})` (a drill sheet without its answer key): it is enough to find the room. The first
    layout writes no PDF.
    """
    first = build(measure if measure is not None else make({}), meta, paper, measure=True)
    extra = extra_rules(first)
    if extra:
        second = build(make(extra), meta, paper)
        if _pages(second) == _pages(first):
            return second.data
    return build(make({}), meta, paper).data
