"""AcroForm fields of the fillable template: text fields on the rules, check boxes, radio groups.

Text fields sit on their handwriting rules: one rule gets a single-line field just above it, more
rules get one multi-line field covering them all, with the font size left to the viewer (auto
size) so that long answers shrink rather than clip. Choices of a field with several options are
one radio group; a lone option is a check box. The form's default resources name Helvetica for
text and ZapfDingbats for the check glyphs, so that viewers can draw fields they regenerate.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.pdfbase.acroform import PDFFromString

INK = colors.HexColor("#0D3C8C")  # typed answers in the answer keys' dark blue
SINGLE_SIZE = 10.0


def complete_resources(canvas: Any) -> None:
    """Give the form default resources (/DR) naming Helvetica (`/Helv`) and ZapfDingbats (`/ZaDb`).

    reportlab writes one `/Font` entry per font into /DR, so a reader keeps only one of them; the
    whole dictionary is written here instead, with both fonts in one `/Font` entry.
    """
    form = canvas.acroForm
    if "DR" in form.extras:
        return
    form.makeFont("Helvetica")
    font = "<< /BaseFont /ZapfDingbats /Name /ZaDb /Subtype /Type1 /Type /Font >>"
    form.fonts["ZaDb"] = form.getRefStr(PDFFromString(font))
    fonts = " ".join(f"/{name} {ref}" for name, ref in sorted(form.fonts.items()))
    form.extras["DR"] = PDFFromString(
        f"<< /Encoding << /RLAFencoding {form.encRefStr} >> /Font << {fonts} >> >>"
    )


def text_field(canvas: Any, name: str, tooltip: str, width: float, gap: float, rules: int) -> None:
    """A text field over `rules` handwriting rules `gap` apart, drawn in the current flowable."""
    complete_resources(canvas)
    multi = rules > 1
    height = rules * gap - 3 if multi else gap - 5
    canvas.acroForm.textfield(
        name=name,
        tooltip=tooltip or None,
        x=0,
        y=1,
        width=width,
        height=height,
        borderWidth=0,
        fillColor=None,
        borderColor=None,
        textColor=INK,
        fontName="Helvetica",
        fontSize=0 if multi else SINGLE_SIZE,  # 0: the viewer shrinks the text to fit
        fieldFlags="multiline doNotSpellCheck" if multi else "doNotSpellCheck",
        maxlen=0,
        relative=True,
    )


def tick_field(
    canvas: Any, name: str, value: str, tooltip: str, radio: bool, x: float, y: float, size: float
) -> None:
    """A check box (`radio` false) or one button of the radio group `name`, at (x, y)."""
    complete_resources(canvas)
    common = {
        "x": x,
        "y": y,
        "size": size,
        "tooltip": tooltip,
        "buttonStyle": "check",
        "shape": "square",
        "borderWidth": 0,
        "borderColor": None,
        "fillColor": None,
        "textColor": INK,
        "relative": True,
    }
    if radio:
        flags = "noToggleToOff radio"
        canvas.acroForm.radio(name=name, value=value, selected=False, fieldFlags=flags, **common)
    else:
        canvas.acroForm.checkbox(name=name, checked=False, fieldFlags="", **common)
