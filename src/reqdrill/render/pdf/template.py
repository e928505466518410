"""The blank requirements document, for writing by hand, or as an AcroForm to fill in on screen.

Each section (its heading, the category's questions and its fields) stays on one page, with
handwriting rules 8 mm apart: one rule for a field whose answers are short, two for the others
(study/writing.py), and the room a page would leave blank shared out as more rules.

AcroForm fields: a text field `header:<key>` or `<category>:<key>` over each field's rules; a
radio group `<category>:<key>` whose values are the choice ids for a field of several choices
(e.g. `data:labeled` = `partial`); a check box `<scope>:<key>:<choice>` for a lone choice
(`header:interviewer_alignment:confirmed`). Tooltips say in words what goes in each field.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Spacer

from reqdrill.content.model import Content, TemplateField
from reqdrill.render.pdf.common import PdfMeta, RunningHead, frame_size, markup, para, styles
from reqdrill.render.pdf.fonts import BOLD, string_width
from reqdrill.render.pdf.form import LABEL_W, Beside, Tick, choices, section_head, write_in
from reqdrill.render.pdf.pagefill import build_filled
from reqdrill.study.writing import field_rules


def field_name(scope: str, key: str, choice: str | None = None) -> str:
    """The AcroForm name of a template field, radio group or lone check box."""
    return f"{scope}:{key}" if choice is None else f"{scope}:{key}:{choice}"


def tooltip(where: str, field: TemplateField) -> str:
    """What a fillable field asks for, in words: `Data: Labeled (Yes, No or Partial)`."""
    if not field.choices:
        return f"{where}: {field.label}"
    if len(field.choices) == 1:
        return f"{where}: {field.label}, tick if {field.choices[0].label}"
    names = [c.label for c in field.choices]
    return f"{where}: {field.label} ({', '.join(names[:-1])} or {names[-1]})"


class _Fields:
    """Builds a template's field rows; numbers its stretchable rules in the order they are made."""

    def __init__(self, content: Content, width: float, fillable: bool, extra: dict[int, int]) -> None:
        self.width, self.fillable, self.extra = width, fillable, extra
        self.rules = field_rules(content)
        self.count = 0

    def row(
        self, scope: str, where: str, field: TemplateField, stretch: bool = True, label_width: float = LABEL_W
    ) -> Flowable:
        tip = tooltip(where, field)
        if field.choices:
            radio = len(field.choices) > 1
            options = []
            for c in field.choices:
                name = field_name(scope, field.key, None if radio else c.id)
                options.append((c.label, False, Tick(name, c.id, tip, radio) if self.fillable else None))
            return choices(field.label, options, self.width)
        stretch_id: int | None = None
        if stretch:
            stretch_id, self.count = self.count, self.count + 1
        lines = self.rules.get((scope, field.key), 1)
        more = self.extra.get(stretch_id, 0) if stretch_id is not None else 0
        fillable = field_name(scope, field.key) if self.fillable else None
        return write_in(
            field.label, lines, fillable, stretch=stretch_id, extra=more, tooltip=tip, label_width=label_width
        )

    def header(self, fields: tuple[TemplateField, ...]) -> list[Flowable]:
        """The header's write-in fields side by side (the first twice as wide), then its check boxes."""
        texts = [f for f in fields if not f.choices]
        rows: list[Flowable] = []
        if texts:
            widths = [LABEL_W] + [string_width(f.label + ":", BOLD, 9) + 8 for f in texts[1:]]
            parts = [
                self.row("header", "Document header", f, False, w) for f, w in zip(texts, widths, strict=True)
            ]
            rows.append(Beside(parts, [2.0] + [1.0] * (len(parts) - 1)))
        return rows + [self.row("header", "Document header", f, False) for f in fields if f.choices]


def template_story(
    content: Content, paper: str, fillable: bool, extra: dict[int, int] | None = None
) -> list[Flowable]:
    """The flowables of the blank requirements document; `extra` adds rules to stretchable fields."""
    template = content.requirements_template
    width, _ = frame_size(paper)
    st = styles()
    rows = _Fields(content, width, fillable, extra or {})
    story: list[Flowable] = [
        RunningHead(template.title),
        para(template.title, st.title),
        para(content.key_instruction, st.subtitle),
    ]
    story += rows.header(template.header)
    for number, section in enumerate(template.sections, 1):
        where = content.category(section.category).name
        fields = [rows.row(section.category, where, f) for f in section.fields]
        examples = markup(content.category(section.category).example_questions)
        head = [*section_head(number, section.title, examples), Spacer(0, 1)]
        story.append(KeepTogether([*head, *fields]))  # a section never splits across pages
    return story


def render_template(content: Content, paper: str = "letter", fillable: bool = False) -> bytes:
    """The blank requirements document as PDF bytes; `fillable` adds AcroForm fields."""
    title = content.requirements_template.title
    kind = "fillable requirements template" if fillable else "requirements template"
    meta = PdfMeta(title=title, subject=f"reqdrill {kind}", label=kind)
    return build_filled(lambda extra: template_story(content, paper, fillable, extra), meta, paper)
