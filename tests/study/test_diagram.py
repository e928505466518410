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


def on_edge(box: Box, x: float, y: float, tol: float = 1e-9) -> bool:
    """Whether (x, y) lies on the box's outline."""
    inside_x = box.x - tol <= x <= box.x + box.w + tol
    inside_y = box.y - tol <= y <= box.y + box.h + tol
    on_x = abs(x - box.x) <= tol or abs(x - box.x - box.w) <= tol
    on_y = abs(y - box.y) <= tol or abs(y - box.y - box.h) <= tol
    return (inside_x and on_y) or (inside_y and on_x)


def test_arrows_start_and_end_on_box_edges(content: Content) -> None:
    lay = layout(content)
    for arrow, own in zip(lay.arrows, lay.boxes, strict=True):
        assert on_edge(own, arrow.x1, arrow.y1)
        assert on_edge(lay.center, arrow.x2, arrow.y2)


def test_arrows_keep_clear_of_the_boxes_they_pass(content: Content) -> None:
    """A vertical run between two boxes leaves room either side (at least 0.2 of a unit)."""
    lay = layout(content)
    for arrow, own in zip(lay.arrows, lay.boxes, strict=True):
        for (x1, y1), (x2, y2) in zip(arrow.points, arrow.points[1:], strict=False):
            if x1 != x2:
                continue
            for box in lay.boxes:
                if box is not own and box.y < max(y1, y2) and min(y1, y2) < box.y + box.h:
                    assert min(abs(x1 - box.x), abs(x1 - box.x - box.w)) >= 0.2
