"""Renderers: turn the model, cards and sheets into files. They decide how things look, not what is shown."""
