"""One exception family for everything cooptrack reports to a user.

::

    CooptrackError                 anything the tool can explain in one line
    ├── InputError                 a document cannot be read (names the file and the problem)
    │   ├── EmptyInput             nothing in it, or only white space
    │   ├── BinaryInput            not text: an image, an archive, an executable ...
    │   ├── TooLarge               over the size limit
    │   └── UndecodableInput       text in an encoding that cannot be recognised
    ├── StoreError                 the database cannot be opened, migrated or written
    └── NotFound                   a meeting, person or item asked for does not exist

The command line turns each into one line on standard error and a non-zero exit status.
"""

from __future__ import annotations


class CooptrackError(Exception):
    """Base of every error cooptrack explains to its user."""


class InputError(CooptrackError):
    """A document cannot be read; the message names the file and the problem."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


class EmptyInput(InputError):
    pass


class BinaryInput(InputError):
    pass


class TooLarge(InputError):
    pass


class UndecodableInput(InputError):
    pass


class StoreError(CooptrackError):
    """The database cannot be opened, migrated or written."""


class NotFound(CooptrackError):
    """Something asked for by name or id does not exist."""
