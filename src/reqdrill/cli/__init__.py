"""The command line: a small Click group with one module per command. The only package using Click."""

from __future__ import annotations

from reqdrill.cli.app import cli

__all__ = ["cli", "main"]


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="reqdrill")
