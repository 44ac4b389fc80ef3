"""One exception family for everything cooptrack reports to a user.

::

    CooptrackError                 anything the tool can explain in one line
    ├── InputError                 a document cannot be read (names the file and the problem)
    │   ├── MissingInput           no such file, or a broken symbolic link
    │   ├── NotAFile               a folder, a device, a named pipe ...
    │   ├── UnreadableInput        the system refuses to read it (permissions, I/O error)
    │   ├── EmptyInput             nothing in it, or only white space
    │   ├── BinaryInput            not text: an image, an archive, an executable ...
    │   ├── TooLarge               over the size limit
    │   ├── UndecodableInput       text in an encoding that cannot be recognised
    │   ├── NotARelease            JSON: a record cooptrack parse wrote, a gold file, other data
    │   └── FetchError             a URL cannot be fetched (network error, time-out, cut short)
    │       ├── RefusedURL         not fetched by policy: a scheme, host or address not allowed
    │       └── HTTPStatusError    the server answered with an error status (404, 500 ...)
    ├── StoreError                 the database cannot be opened, migrated or written
    └── NotFound                   a meeting, person or item asked for does not exist

The command line turns each into one line on standard error and a non-zero exit status.
"""

from __future__ import annotations

import re

# Characters that would break a one-line message: line breaks and other controls.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


class CooptrackError(Exception):
    """Base of every error cooptrack explains to its user."""


class InputError(CooptrackError):
    """A document cannot be read; the message names the file and the problem."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{_one_line(source)}: {_one_line(problem)}")
        self.source = source
        self.problem = problem


def _one_line(text: str) -> str:
    """Escape what would split or garble a one-line message (a file name may hold anything)."""
    text = text.encode("utf-8", "backslashreplace").decode("utf-8")  # lone surrogates
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


class MissingInput(InputError):
    pass


class NotAFile(InputError):
    pass


class UnreadableInput(InputError):
    pass


class EmptyInput(InputError):
    pass


class BinaryInput(InputError):
    pass


class TooLarge(InputError):
    pass


class UndecodableInput(InputError):
    pass


class NotARelease(InputError):
    pass


class FetchError(InputError):
    """A URL cannot be fetched; the message names the URL and the problem."""


class RefusedURL(FetchError):
    """A URL (or a redirect's target) the crawler's policy does not allow it to request."""


class HTTPStatusError(FetchError):
    """The server answered with an error status, kept in ``status``."""

    def __init__(self, source: str, problem: str, status: int) -> None:
        super().__init__(source, problem)
        self.status = status


class StoreError(CooptrackError):
    """The database cannot be opened, migrated or written."""


class NotFound(CooptrackError):
    """Something asked for by name or id does not exist."""
