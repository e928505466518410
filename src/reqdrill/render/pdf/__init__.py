"""Printable PDFs built with reportlab: template, answer keys, cheat sheet, flashcards; `common` is shared."""
