"""Core of the ASEAN civil-service declarations site: load, validate, model and render
the plans data. Nothing here imports MkDocs; hooks/site_hooks.py wires it into a build."""
