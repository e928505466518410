"""Small texts every drill-sheet renderer shows the same way: clock times and the regenerate command."""

from __future__ import annotations

from reqdrill.study.drillsheet import DrillSheet


def clock(seconds: int) -> str:
    """`90` → `1:30`."""
    return f"{seconds // 60}:{seconds % 60:02d}"


def regenerate_command(sheet: DrillSheet, fmt: str = "md") -> str:
    """The command line that draws this sheet again (kinds and scenario ids are plain slugs)."""
    parts = ["reqdrill drill", f"--seed {sheet.seed}"]
    parts += [f"--kind {k}" for k in sheet.kinds if k != "mixed"]
    if sheet.scenario is not None:
        parts.append(f"--scenario {sheet.scenario}")
    if fmt != "md":
        parts.append(f"--format {fmt}")
    return " ".join(parts)


def about_minutes(sheet: DrillSheet) -> int:
    """The sheet's total time target, rounded to whole minutes (at least one)."""
    return max(1, round(sheet.total_seconds / 60))
