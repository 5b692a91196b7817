"""The ``conflictkg`` command: a thin layer over the library, one module per command.

``_common`` holds the command group (:func:`main`, the console entry point) and what the
commands share; importing a command module registers its command on the group.
"""

from . import build, evaluate, export, link, push, query, remove, validate
from ._common import main

__all__ = ["build", "evaluate", "export", "link", "main", "push", "query", "remove", "validate"]
