"""`python -m lz ...` runs the lz CLI."""

from lz.cli import main

main()
