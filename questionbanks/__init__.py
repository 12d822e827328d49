"""The bundled question banks, shipped as package data (`*.md` beside this file)."""
