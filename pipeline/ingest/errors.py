"""The one exception ingestion raises for input it cannot turn into text.

The build catches it per file and records ``str(error)`` in the build report,
so messages must tell a researcher *what* is wrong with *this* file
("docx is not a zip archive"), never a Python traceback.
"""

from __future__ import annotations


class IngestError(Exception):
    """A file that cannot be read as a document; the message is shown to users."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message
