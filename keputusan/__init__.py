"""keputusan: Indonesian official decrees from validated content to documents."""

from .decree import Decree
from .errors import ContentError, KeputusanError, Problem
from .load import load

__all__ = ["ContentError", "Decree", "KeputusanError", "Problem", "load"]
__version__ = "0.1.0"
