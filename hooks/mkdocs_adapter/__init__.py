"""What the hooks need from MkDocs, Material and mkdocs-static-i18n beyond the documented
events, kept in one place: the settings read from MkDocs' config (config.py), the serve
preview's reuse of pages between saves (serve.py) and the finishing of the site (publish.py).
tests/test_adapter_contract.py fails when an attribute relied on here changes upstream."""
