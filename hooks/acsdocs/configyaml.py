"""mkdocs.yml read as MkDocs reads it, without MkDocs: `!ENV` from the environment,
`!!python/name:` imported (MkDocs does both), any other tag read as nothing."""

from __future__ import annotations

import importlib
import os

import yaml


class ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml as MkDocs reads it: `!ENV` from the environment, `!!python/name:` imported
    (MkDocs does both), any other tag read as nothing."""


def _env(loader: yaml.SafeLoader, node: yaml.Node):
    default, nodes = None, node.value if isinstance(node, yaml.SequenceNode) else [node]
    if isinstance(node, yaml.SequenceNode) and len(nodes) > 1:
        default, nodes = loader.construct_object(nodes[-1]), nodes[:-1]
    for name in (loader.construct_scalar(n) for n in nodes if isinstance(n, yaml.ScalarNode)):
        if name in os.environ:
            value = os.environ[name]
            return loader.construct_object(yaml.ScalarNode(loader.resolve(yaml.ScalarNode, value, (True, False)), value))
    return default


def _python_name(loader: yaml.SafeLoader, suffix: str, node: yaml.Node):
    module, _, name = suffix.rpartition(".")
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError, ValueError):
        return None


ConfigLoader.add_constructor("!ENV", _env)
ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/name:", _python_name)
ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)
