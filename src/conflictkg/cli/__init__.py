"""The ``conflictkg`` command: a thin layer over the library, one module per command.

``_common`` holds the command group (:func:`main`, the console entry point) and what the
commands share; importing a command module registers its command on the group.
"""

from . import build, draw, evaluate, export, link, push, query, remove, serve, validate
from ._common import main

__all__ = [
    "build",
    "draw",
    "evaluate",
    "export",
    "link",
    "main",
    "push",
    "query",
    "remove",
    "serve",
    "validate",
]
