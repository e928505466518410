"""The command line: a small Click group with one module per command. The only package using Click."""

from __future__ import annotations

from reqdrill.cli import ankicmd, buildcmd, contentcmds, drillcmd, interviewcmd, pdfcmds
from reqdrill.cli.app import cli

__all__ = ["cli", "main"]
_COMMANDS = (ankicmd, buildcmd, contentcmds, drillcmd, interviewcmd, pdfcmds)  # imported to register


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="reqdrill")
