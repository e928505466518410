"""The blank requirements document, for writing by hand, or as an AcroForm to fill in on screen.

AcroForm field names: `header:<key>` and `<category>:<key>` for text, with `:<choice>` appended
for each check box (e.g. `data:labeled:partial`).
"""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from reqdrill.content.model import Content, TemplateField
from reqdrill.render.pdf.common import PdfMeta, bold, build_story, frame_size, markup, para, styles
from reqdrill.render.pdf.form import choices, note, section_head, write_in


def field_name(scope: str, key: str, choice: str | None = None) -> str:
    """The AcroForm name of a template field (or one of its check boxes)."""
    return f"{scope}:{key}" if choice is None else f"{scope}:{key}:{choice}"


def _field(scope: str, field: TemplateField, width: float, fillable: bool, lines: int) -> Flowable:
    if field.choices:
        options = [
            (c.label, False, field_name(scope, field.key, c.id) if fillable else None) for c in field.choices
        ]
        return choices(field.label, options, width)
    return write_in(field.label, width, lines, field_name(scope, field.key) if fillable else None)


def questions_note(content: Content, category_id: str) -> Paragraph:
    """The category's question templates in small print, to prompt the writer."""
    category = content.category(category_id)
    asked = " · ".join(markup(q.text) for q in category.templates)
    return note(f"{bold(category.name)} — {asked}")


def template_story(content: Content, paper: str, fillable: bool) -> list[Flowable]:
    """The flowables of the blank requirements document."""
    template = content.requirements_template
    width, _ = frame_size(paper)
    st = styles()
    story: list[Flowable] = [para(template.title, st.title), para(content.key_instruction, st.subtitle)]
    story += [_field("header", f, width, fillable, lines=1) for f in template.header]
    for number, section in enumerate(template.sections, 1):
        fields = [_field(section.category, f, width, fillable, lines=2) for f in section.fields]
        head = [*section_head(number, section.title), questions_note(content, section.category), Spacer(0, 2)]
        story += [KeepTogether([*head, fields[0]]), *fields[1:]]
    return story


def render_template(content: Content, paper: str = "letter", fillable: bool = False) -> bytes:
    """The blank requirements document as PDF bytes; `fillable` adds AcroForm fields."""
    title = content.requirements_template.title
    kind = "fillable requirements template" if fillable else "requirements template"
    meta = PdfMeta(title=title, subject=f"reqdrill {kind}", label=kind)
    return build_story(template_story(content, paper, fillable), meta, paper)
