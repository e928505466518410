"""Allow `python -m reqdrill`."""

from reqdrill.cli import main

main()
