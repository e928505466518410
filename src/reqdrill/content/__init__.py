"""The content model, YAML loading and validation, schema, scaffolding, content cache, word stemming."""
