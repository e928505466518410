"""The printable progress report (`reqdrill progress --plot FILE.pdf`): figures and charts drawn with
reportlab's own graphics (reportlab.graphics.charts), from the plain data `progress --json` prints."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.platypus import Flowable, Spacer

from reqdrill.render.pdf.common import BOLD, REGULAR, PdfMeta, build_story, frame_size, para, styles

BAR = colors.HexColor("#4D4D4D")  # dark gray: prints the same in color and grayscale
LINE = colors.HexColor("#1A1A1A")
GRID = colors.HexColor("#BFBFBF")


def _title(drawing: Drawing, text: str, width: float, height: float) -> None:
    drawing.add(String(0, height - 11, text, fontName=BOLD, fontSize=10, fillColor=LINE))


def coverage_bars(p: Mapping[str, Any], names: Mapping[str, str], width: float) -> Drawing:
    """A bar per category: the share of recent interviews that covered it, weakest at the top."""
    order = p["weakest"] + [c for c in p["categories"] if c not in p["weakest"]]
    height = 40 + 18 * len(order)
    d = Drawing(width, height)
    _title(
        d, f"Coverage in your last {p['recent_interviews']} interviews (weakest at the top)", width, height
    )
    chart = HorizontalBarChart()
    chart.x, chart.y = 120, 20
    chart.width, chart.height = width - 150, 18 * len(order)
    # reportlab draws the first category at the bottom: reverse, so the weakest is on top
    chart.data = [[round(p["categories"][c]["coverage"] * 100, 1) for c in reversed(order)]]
    chart.categoryAxis.categoryNames = [names.get(c, c) for c in reversed(order)]
    chart.categoryAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = 8
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 20
    chart.valueAxis.labels.fontName = REGULAR
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labelTextFormat = "%d%%"
    chart.valueAxis.visibleGrid, chart.valueAxis.gridStrokeColor = 1, GRID
    chart.bars[0].fillColor = BAR
    chart.bars[0].strokeColor = None
    d.add(chart)
    return d


def line_chart(title: str, ys: list[float], width: float, y_max: float | None, y_label: str) -> Drawing:
    """A line over sessions, oldest to newest."""
    height = 170
    d = Drawing(width, height)
    _title(d, title, width, height)
    plot = LinePlot()
    plot.x, plot.y, plot.width, plot.height = 40, 25, width - 60, height - 55
    plot.data = [list(zip(range(1, len(ys) + 1), ys, strict=True))]
    plot.lines[0].strokeColor, plot.lines[0].strokeWidth = LINE, 1.2
    plot.xValueAxis.valueMin, plot.xValueAxis.valueMax = 1, max(2, len(ys))
    plot.xValueAxis.labels.fontName = plot.yValueAxis.labels.fontName = REGULAR
    plot.xValueAxis.labels.fontSize = plot.yValueAxis.labels.fontSize = 7
    plot.xValueAxis.labelTextFormat = "%d"
    plot.xValueAxis.valueStep = max(1, len(ys) // 10)
    plot.yValueAxis.valueMin = 0
    if y_max is not None:
        plot.yValueAxis.valueMax = y_max
    plot.yValueAxis.visibleGrid, plot.yValueAxis.gridStrokeColor = 1, GRID
    d.add(plot)
    d.add(String(0, 4, y_label, fontName=REGULAR, fontSize=7, fillColor=LINE))
    return d


def signal_bars(p: Mapping[str, Any], width: float) -> Drawing:
    """A bar per depth signal: the share of recent interviews that showed it."""
    signals = list(p["signals"].items())
    height = 40 + 16 * len(signals)
    d = Drawing(width, height)
    _title(d, f"Depth signals in your last {_count(p['recent_interviews'], 'interview')}", width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = 200, 20, width - 230, 16 * len(signals)
    chart.data = [[round(v["rate"] * 100, 1) for _, v in reversed(signals)]]
    chart.categoryAxis.categoryNames = [v.get("name", k) for k, v in reversed(signals)]
    chart.categoryAxis.labels.fontName = chart.valueAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize, chart.valueAxis.labels.fontSize = 8, 7
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 20
    chart.valueAxis.labelTextFormat = "%d%%"
    chart.bars[0].fillColor, chart.bars[0].strokeColor = BAR, None
    d.add(chart)
    return d


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' * (n != 1)}"


def story(p: Mapping[str, Any], names: Mapping[str, str], width: float) -> list[Flowable]:
    """The report's flowables: summary lines, then a chart per figure that has data."""
    st = styles()
    streak = p["streak_days"]
    span = f"{(p['first_session'] or '-')[:10]} to {(p['last_session'] or '-')[:10]}"
    out: list[Flowable] = [
        para("Practice progress", st.title),
        para(
            f"{_count(p['interviews'], 'interview')} and {_count(p['drills'], 'drill')}, "
            f"{_count(p['days_practiced'], 'day')} practiced, current streak {_count(streak, 'day')}. "
            f"Sessions from {span}.",
            st.subtitle,
        ),
    ]
    if p["weak"]:
        weak = ", ".join(names.get(c, c) for c in p["weak"])
        out.append(para(f"Weakest categories: {weak}.", st.body))
    if p["anki_search"]:
        out.append(para(f"Anki search for their cards: {p['anki_search']}", st.body))
    due = p["due"]
    out.append(
        para(
            f"Due now: {len(due)} item{'s' * (len(due) != 1)}"
            + (": " + ", ".join(d["id"] for d in due) if due else "."),
            st.body,
        )
    )
    out.append(Spacer(1, 8))
    if p["recent_interviews"]:
        out += [coverage_bars(p, names, width), Spacer(1, 10)]
    if len(p["timeline"]) >= 2:
        ys = [round(t["coverage"] * 7) for t in p["timeline"]]
        out += [
            line_chart("Categories covered per interview", ys, width, 7, "categories of 7"),
            Spacer(1, 10),
        ]
    recall = p["recall"]["recent"]
    if len(recall) >= 2:
        ys = [r["seconds"] for r in recall]
        out += [line_chart("Category recall time, last sessions", ys, width, None, "seconds"), Spacer(1, 10)]
    questions = p["questions"]["recent"]
    if len(questions) >= 2:
        ys = [round(q["hit_rate"] * 100, 1) for q in questions]
        out += [
            line_chart("Question-generation hit rate", ys, width, 100, "% of questions placed"),
            Spacer(1, 10),
        ]
    if p["signals"]:
        out.append(signal_bars(p, width))
    if not p["interviews"] and not p["drills"]:
        out.append(para("Nothing practiced yet.", st.body))
    return out


def render(p: Mapping[str, Any], names: Mapping[str, str], paper: str = "letter") -> bytes:
    """The progress report as PDF bytes, from `reqdrill progress --json` data and category names."""
    width, _ = frame_size(paper)
    meta = PdfMeta("reqdrill practice progress", "Progress of clarifying-requirements practice", "progress")
    return build_story(story(p, names, width), meta, paper)
