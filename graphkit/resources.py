"""Where the query library (``cypher/``) and the explorer templates (``viz/``) are.

They live at the top of the repository; a wheel carries copies inside the package, an
editable install or a checkout reads them in place.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["resource_dir"]

_PACKAGED = Path(__file__).resolve().parent / "_data"
_CHECKOUT = Path(__file__).resolve().parent.parent


def resource_dir(name: str) -> Path:
    """The ``cypher`` or ``viz`` directory, packaged copy first."""
    packaged = _PACKAGED / name
    return packaged if packaged.is_dir() else _CHECKOUT / name
