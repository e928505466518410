"""Tests for diagram.py: arrows that pass behind no box and land side by side."""

from __future__ import annotations

from reqdrill.content.model import Content
from reqdrill.study.diagram import Box, layout, to_svg


def crosses(box: Box, p: tuple[float, float], q: tuple[float, float]) -> bool:
    """Whether the segment p→q passes through the box's interior (sampled finely)."""
    for i in range(1, 200):
        x = p[0] + (q[0] - p[0]) * i / 200
        y = p[1] + (q[1] - p[1]) * i / 200
        if box.x < x < box.x + box.w and box.y < y < box.y + box.h:
            return True
    return False


def test_no_arrow_passes_behind_a_box(content: Content) -> None:
    lay = layout(content)
    for arrow, own in zip(lay.arrows, lay.boxes, strict=True):
        points = arrow.points
        for p, q in zip(points, points[1:], strict=False):
            assert not any(crosses(b, p, q) for b in lay.boxes if b is not own)


def test_arrow_heads_land_apart_on_the_centre_box_in_left_to_right_order(content: Content) -> None:
    lay = layout(content)
    heads = [a.x2 for a in sorted(lay.arrows, key=lambda a: a.x1)]
    assert heads == sorted(heads) and len(set(heads)) == len(heads)
    assert all(lay.center.x < x < lay.center.x + lay.center.w for x in heads)
    assert {a.y2 for a in lay.arrows} == {lay.center.y + lay.center.h}


def test_svg_draws_each_arrow_as_one_polyline(content: Content) -> None:
    svg = to_svg(layout(content))
    assert svg.count("<polyline") == len(content.categories)
    assert 'markerUnits="userSpaceOnUse"' in svg
