"""The blank requirements template, plain and fillable."""

from __future__ import annotations

import pytest
from hypothesis import given

from pdftext import PAPER_POINTS, checkable, missing, page_sizes, pdf_examples, reader
from reqdrill.content.model import Content
from reqdrill.render.pdf.template import render_template
from strategies import contents

RADIO = 1 << 15  # the radio flag of a button field (PDF 32000-1, table 226)


def _expected(content: Content) -> list[str]:
    t = content.requirements_template
    out = [t.title, *(f.label for f in t.header)]
    for section in t.sections:
        out += [
            section.title,
            *(f.label for f in section.fields),
            *(c.label for f in section.fields for c in f.choices),
        ]
    out += [c.example_questions for c in content.categories]  # beside each section's title
    return out


@pytest.mark.parametrize("paper", ["letter", "a4"])
@pytest.mark.parametrize("fillable", [False, True])
def test_every_section_field_and_question_is_printed(content: Content, paper: str, fillable: bool) -> None:
    pdf = render_template(content, paper, fillable)
    assert missing(pdf, _expected(content)) == []
    assert len(page_sizes(pdf)) <= 2
    assert set(page_sizes(pdf)) == {PAPER_POINTS[paper]}


def test_fillable_has_named_fields_for_every_section(content: Content) -> None:
    fields = reader(render_template(content, "letter", fillable=True)).get_fields() or {}
    t = content.requirements_template
    for section in t.sections:
        for field in section.fields:
            if field.choices:
                # a one-of choice is one radio group whose values are the choice ids
                group = fields[f"{section.category}:{field.key}"]
                assert group["/FT"] == "/Btn", field.key
                assert group["/Ff"] & RADIO, field.key
                assert set(group["/_States_"]) == {f"/{c.id}" for c in field.choices}
            else:
                assert fields[f"{section.category}:{field.key}"]["/FT"] == "/Tx"
    assert fields["header:system"]["/FT"] == "/Tx"
    assert fields["header:interviewer_alignment:confirmed"]["/FT"] == "/Btn"
    assert not fields["header:interviewer_alignment:confirmed"].get("/Ff", 0) & RADIO


def test_the_form_names_its_fonts_in_its_default_resources(content: Content) -> None:
    form = reader(render_template(content, "a4", fillable=True)).trailer["/Root"]["/AcroForm"]
    fonts = form["/DR"]["/Font"]
    assert set(fonts) == {"/Helv", "/ZaDb"}
    assert fonts["/ZaDb"]["/BaseFont"] == "/ZapfDingbats"
    assert form["/DA"] == "/Helv 0 Tf 0 g"


def test_plain_template_has_no_form_fields(content: Content) -> None:
    assert not reader(render_template(content, "a4")).get_fields()


def test_fillable_fields_can_be_filled(content: Content) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=reader(render_template(content, "letter", fillable=True)))
    writer.update_page_form_field_values(
        writer.pages[0], {"header:system": "Feed ≤ ranking"}, auto_regenerate=False
    )
    assert writer.get_fields()["header:system"]["/V"] == "Feed ≤ ranking"  # type: ignore[index]


def test_same_content_same_bytes(content: Content) -> None:
    assert render_template(content, "letter", True) == render_template(content, "letter", True)


@pdf_examples(8)
@given(contents(max_scenarios=1))
def test_any_content_renders_its_labels(content: Content) -> None:
    pdf = render_template(content, "a4", fillable=True)
    assert missing(pdf, [s for s in _expected(content) if checkable(s)], tolerant=True) == []


# ---------------------------------------------------------------- in a real reader: PDFium and pypdf


def _widgets(data: bytes) -> list[tuple[int, int, str, str, int, tuple[float, float, float, float], float]]:
    """Every form widget as PDFium sees it: (page, type, name, tooltip, flags, rect, font size)."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    def text(fn: object, *args: object) -> str:
        n = fn(*args, None, 0)  # type: ignore[operator]
        buf = (ctypes.c_ushort * (n // 2 + 1))()
        fn(*args, buf, n)  # type: ignore[operator]
        return bytes(buf)[: max(n - 2, 0)].decode("utf-16-le")

    doc = pdfium.PdfDocument(data)
    doc.init_forms()
    env = doc.formenv.raw
    out = []
    for index in range(len(doc)):
        page = doc[index]
        for i in range(raw.FPDFPage_GetAnnotCount(page.raw)):
            annot = raw.FPDFPage_GetAnnot(page.raw, i)
            rect, size = raw.FS_RECTF(), ctypes.c_float()
            raw.FPDFAnnot_GetRect(annot, rect)
            raw.FPDFAnnot_GetFontSize(env, annot, size)
            out.append(
                (
                    index,
                    raw.FPDFAnnot_GetFormFieldType(env, annot),
                    text(raw.FPDFAnnot_GetFormFieldName, env, annot),
                    text(raw.FPDFAnnot_GetFormFieldAlternateName, env, annot),
                    raw.FPDFAnnot_GetFormFieldFlags(env, annot),
                    (rect.left, rect.bottom, rect.right, rect.top),
                    size.value,
                )
            )
            raw.FPDFPage_CloseAnnot(annot)
    doc.close()
    return out


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_pdfium_sees_radio_groups_worded_tooltips_and_multiline_fields_on_the_rules(
    content: Content, paper: str
) -> None:
    import pypdfium2.raw as raw

    from pdftext import page_lines
    from reqdrill.render.pdf.form import TEMPLATE_GAP
    from reqdrill.study.writing import field_rules

    data = render_template(content, paper, fillable=True)
    widgets = _widgets(data)
    by_name: dict[str, list[tuple[int, int, str, int, tuple[float, float, float, float], float]]] = {}
    for page, kind, name, tip, flags, rect, size in widgets:
        by_name.setdefault(name, []).append((page, kind, tip, flags, rect, size))
    rules = field_rules(content)
    pages = page_lines(data)
    heights = [{round(line.y) for line in lines if not line.text} for lines in pages]
    for section in content.requirements_template.sections:
        category = content.category(section.category).name
        for field in section.fields:
            found = by_name.pop(f"{section.category}:{field.key}")
            tip = found[0][2]
            assert tip.startswith(f"{category}: {field.label}") and ":" not in tip[len(category) + 2 :]
            if field.choices:
                assert [w[1] for w in found] == [raw.FPDF_FORMFIELD_RADIOBUTTON] * len(field.choices)
                continue
            ((page, kind, _, flags, (left, bottom, right, top), size),) = found
            assert kind == raw.FPDF_FORMFIELD_TEXTFIELD
            # the field's foot sits on its last rule, and it covers all its rules
            assert any(0 <= bottom - y <= 2 for y in heights[page]), (field.key, bottom)
            covered = [y for y in heights[page] if bottom - 2 <= y < top]
            assert len(covered) >= rules[(section.category, field.key)], field.key
            if len(covered) > 1:
                assert flags & raw.FPDF_FORMFLAG_TEXT_MULTILINE and size == 0  # several lines, auto size
                assert top - bottom >= len(covered) * TEMPLATE_GAP - 4
    assert set(by_name) == {"header:system", "header:date", "header:interviewer_alignment:confirmed"}


def test_pypdf_fills_the_form_and_pdfium_draws_what_was_filled(content: Content) -> None:
    import io

    import pypdfium2 as pdfium
    from pypdf import PdfWriter

    data = render_template(content, "letter", fillable=True)
    writer = PdfWriter(clone_from=reader(data))
    long = "Watch time per DAU up 5% with 7-day retention flat; guardrails on dislikes. " * 4
    values = {"business_objective:primary_goal": long, "data:labeled": "/partial", "header:system": "Feed"}
    writer.update_page_form_field_values(writer.pages[0], values, auto_regenerate=False)
    writer.set_need_appearances_writer(True)
    out = io.BytesIO()
    writer.write(out)
    filled = out.getvalue()
    fields = reader(filled).get_fields() or {}
    assert fields["data:labeled"]["/V"] == "/partial"
    assert fields["business_objective:primary_goal"]["/V"] == long

    def ink(pdf: bytes, name: str) -> int:
        """Dark pixels PDFium draws, forms included, inside the named field's widget(s)."""
        doc = pdfium.PdfDocument(pdf)
        doc.init_forms()
        image = doc[0].render(scale=2, may_draw_forms=True).to_pil().convert("L")
        height = image.height / 2
        total = 0
        for page, _, found, _, _, (left, bottom, right, top), _ in _widgets(pdf):
            if page == 0 and found == name:
                box = image.crop(
                    (int(left * 2), int((height - top) * 2), int(right * 2), int((height - bottom) * 2))
                )
                total += box.point(lambda v: 255 if v < 128 else 0).histogram()[255]
        doc.close()
        return total

    for name in values:
        assert ink(filled, name) > ink(data, name) + 20, name
