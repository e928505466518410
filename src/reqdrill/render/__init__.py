"""Renderers: plain objects (cards, sheets) → bytes of one output format."""
