"""DrillSheet → Markdown bytes: exercises with blanks and a timer line, then the answer key."""

from __future__ import annotations

import functools

from reqdrill.render.drilltext import about_minutes, clock, regenerate_command
from reqdrill.render.markdown import bold, escape, inline
from reqdrill.study.drillsheet import Answer, Blank, DrillSheet, Exercise, Item

LINE = "_" * 36
SHORT = "_" * 16  # room to write a clock time
BOX = "\u2610"
KEY_NOTE = "Check each item against the same number on the sheet."
KEY_NOTE_BYTES = KEY_NOTE.encode()
CACHE_SIZE = 8192


def blank_text(blank: Blank, line_start: bool = True) -> str:
    """One blank as inline Markdown; a bare line at a line's start is escaped so it is not a rule."""
    field = "  ".join(f"{BOX} {escape(c)}" for c in blank.choices) if blank.choices else LINE
    if blank.label:
        return f"{inline(blank.label) if line_start else escape(blank.label)}: {field}"
    return "\\" + field if line_start and not blank.choices else field


def is_compact(item: Item) -> bool:
    """A list entry (one blank: one line, or a field of a group) rather than a block."""
    return item.compact


# The line builders below are pure functions of frozen, hashable values and are cached: a batch
# shows the same items (a classify question, a mock-interview field) on sheet after sheet.
@functools.lru_cache(maxsize=CACHE_SIZE)
def item_lines(number: int, index: int, item: Item) -> tuple[str, ...]:
    """The Markdown of item `index` of exercise `number`, as lines; a block ends with a blank line."""
    if is_compact(item):
        marker = "-" if item.group else f"{index}."
        blank = item.blanks[0]
        prompt = inline(item.prompt)
        joint = " \u2014 " if blank.label else ": "
        body = f"{prompt}{joint}{blank_text(blank, False)}" if prompt else blank_text(blank)
        more = 0 if blank.choices else blank.lines - 1
        if not more:
            return (f"{marker} {body}",)
        # further rules continue the list entry, each a paragraph of its own (so that no run of
        # underscores can pair with another into emphasis)
        indent = " " * (len(marker) + 1)
        return (f"{marker} {body}", *[part for _ in range(more) for part in ("", f"{indent}\\{LINE}")])
    lines = [f"**{number}.{index}** {escape(item.prompt)}".rstrip(), ""]
    if all(not b.label and not b.choices and b.lines == 1 for b in item.blanks):
        lines += [f"{n}. {blank_text(b)}" for n, b in enumerate(item.blanks, 1)]
    else:
        for b in item.blanks:
            lines += [blank_text(b), ""]
            lines += ["\\" + LINE, ""] * (b.lines - 1)
        lines.pop()
    return (*lines, "")


@functools.lru_cache(maxsize=CACHE_SIZE)
def head_lines(
    number: int, title: str, seconds: int, prompt: str | None, instructions: str
) -> tuple[str, ...]:
    """An exercise's heading, scenario prompt (if any), instructions and timer line."""
    lines = [f"## {number}. {escape(title)} ({clock(seconds)})", ""]
    if prompt is not None:
        lines += [f"> {inline(prompt)}", ""]
    lines += [inline(instructions), ""]
    lines += [f"\u23f1 Target {clock(seconds)} \u00b7 Start {SHORT} \u00b7 Stop {SHORT}", ""]
    return tuple(lines)


def exercise_head(exercise: Exercise) -> tuple[str, ...]:
    """An exercise's heading, scenario prompt, instructions and timer line."""
    e = exercise
    prompt = e.scenario.prompt if e.scenario is not None else None
    return head_lines(e.number, e.title, e.time_limit_seconds, prompt, e.instructions)


@functools.lru_cache(maxsize=CACHE_SIZE)
def answer_lines(number: int, index: int, item: Item, answer: Answer) -> tuple[str, ...]:
    """The answer to item `index` of exercise `number`, under the same number or group as the item."""
    text = bold(answer.text)
    if is_compact(item):
        marker = "-" if item.group else f"{index}."
        prompt = inline(item.prompt)
        head = f"{marker} {prompt} \u2192 {text}" if prompt else f"{marker} {text}"
        indent = " " * (len(marker) + 1)
    else:
        head = f"**{number}.{index}** {escape(item.prompt)}"
        head = f"{head} \u2192 {text}" if text else head
        indent = ""
    lines = [head.rstrip()]
    if answer.notes:
        if not indent:
            lines.append("")
        for note in answer.notes:
            label = f"{bold(note.label + ':')} " if note.label else ""
            lines.append(f"{indent}- {label}{escape(note.text) if label else inline(note.text)}")
    if not indent:
        lines.append("")
    return tuple(lines)


@functools.lru_cache(maxsize=CACHE_SIZE)
def key_head_lines(number: int, title: str, scenario_name: str | None) -> tuple[str, ...]:
    """An exercise's heading in the answer key, naming its scenario (if any)."""
    text = escape(title)
    if scenario_name is not None:
        text += f": {escape(scenario_name)}"
    return (f"### {number}. {text}", "")


def key_head(exercise: Exercise) -> tuple[str, ...]:
    """An exercise's heading in the answer key, naming its scenario."""
    name = exercise.scenario.name if exercise.scenario is not None else None
    return key_head_lines(exercise.number, exercise.title, name)


# Exercises are assembled from cached UTF-8 blocks, one per item (its lines joined by newlines):
# a batch meets most items again and again, so each is joined and encoded once, not per sheet.
@functools.lru_cache(maxsize=CACHE_SIZE)
def _block(lines: tuple[str, ...]) -> tuple[bytes, bool]:
    """Lines as one UTF-8 block, and whether the last of them is blank."""
    return "\n".join(lines).encode(), lines[-1] == ""


@functools.lru_cache(maxsize=CACHE_SIZE)
def item_block(number: int, index: int, item: Item) -> tuple[bytes, bool]:
    """`item_lines` as one block."""
    return _block(item_lines(number, index, item))


@functools.lru_cache(maxsize=CACHE_SIZE)
def answer_block(number: int, index: int, item: Item, answer: Answer) -> tuple[bytes, bool]:
    """`answer_lines` as one block."""
    return _block(answer_lines(number, index, item, answer))


def grouped(body: list[tuple[str, tuple[bytes, bool]]]) -> list[bytes]:
    """Item blocks with a bold group heading wherever the group changes; list runs kept together.

    Joined by newlines, the result ends in a blank line (unless empty).
    """
    out: list[bytes] = []
    group = ""
    blank = True  # whether the last line out is blank
    for item_group, (block, ends_blank) in body:
        if item_group != group:
            if out and not blank:
                out.append(b"")
            out += [bold(item_group).encode(), b""]
            group = item_group
        out.append(block)
        blank = ends_blank
    if out and not blank:
        out.append(b"")
    return out


def exercise_text(e: Exercise) -> bytes:
    """An exercise on the sheet: heading, scenario prompt, instructions, timer, items."""
    n = e.number
    body = [(item.group, item_block(n, i, item)) for i, item in enumerate(e.items, 1)]
    return b"\n".join([_block(exercise_head(e))[0], *grouped(body)])


def key_text(e: Exercise) -> bytes:
    """An exercise in the answer key, item for item."""
    n = e.number
    pairs = enumerate(zip(e.items, e.answers, strict=True), 1)
    body = [(item.group, answer_block(n, i, item, answer)) for i, (item, answer) in pairs]
    return b"\n".join([_block(key_head(e))[0], *grouped(body)])


class SheetRenderer:
    """Renders sheets one after another, reusing the Markdown of exercises that sheets share.

    Sheets of a batch share exercise objects (see `exercises.Catalog`), so an exercise's text is
    remembered, already encoded, by object identity; each entry holds its exercise, so its id
    cannot be reused while the entry exists.
    """

    MAX_ENTRIES = 20_000

    def __init__(self, *, answers: bool = True) -> None:
        self.answers = answers
        self._memo: dict[int, tuple[Exercise, bytes, bytes]] = {}
        self._heads: dict[tuple[tuple[str, ...], str | None, int], bytes] = {}

    def _texts(self, e: Exercise) -> tuple[Exercise, bytes, bytes]:
        hit = self._memo.get(id(e))
        if hit is None or hit[0] is not e:
            if len(self._memo) >= self.MAX_ENTRIES:
                self._memo.clear()
            key = key_text(e) if self.answers else b""
            hit = self._memo[id(e)] = (e, exercise_text(e), key)
        return hit

    def _head(self, sheet: DrillSheet) -> bytes:
        """The sheet's title, summary line and regenerate command; only the seed varies in a batch."""
        minutes = about_minutes(sheet)
        shape = (sheet.kinds, sheet.scenario, minutes)
        template = self._heads.get(shape)
        if template is None:
            # The command less its `reqdrill drill --seed N` start: the options, the same for the batch.
            options = regenerate_command(sheet)[len(f"reqdrill drill --seed {sheet.seed}") :]
            summary = f" \u00b7 **Drills** {', '.join(sheet.kinds)} \u00b7 **Time** about {minutes} min"
            summary, options = summary.replace("%", "%%"), options.replace("%", "%%")
            text = (
                f"# Drill sheet %d\n\n**Seed** %d{summary}\n\n"
                f"Regenerate: `reqdrill drill --seed %d{options}`\n"
            )
            template = self._heads[shape] = text.encode()
        seed = sheet.seed
        return template % (seed, seed, seed)

    def render(self, sheet: DrillSheet) -> bytes:
        """The whole sheet as UTF-8 Markdown; the answer key is a separate section at the end."""
        texts = [self._texts(e) for e in sheet.exercises]
        parts = [self._head(sheet), *[t[1] for t in texts]]
        if self.answers:
            parts.append(b"---\n\n## Answer key (seed %d)\n\n%s\n" % (sheet.seed, KEY_NOTE_BYTES))
            parts += [t[2] for t in texts]
        # UTF-8 leaves every newline a single b"\n" byte, so joining bytes equals encoding the joined text.
        text = b"\n".join(parts)
        if text[-1:] == b"\n" and text[-2:-1] != b"\n":
            return text  # already ends in exactly one newline: skip copying the whole sheet twice
        return text.rstrip(b"\n") + b"\n"


def render(sheet: DrillSheet, *, answers: bool = True) -> bytes:
    """One sheet as UTF-8 Markdown (see `SheetRenderer` for many)."""
    return SheetRenderer(answers=answers).render(sheet)
