"""``python -m graphkit`` runs the CLI."""

from .cli import main

main()
