"""PDF rendering of a review with ReportLab, from domain objects only."""

from .builder import render_pdf
from .writer import write_pdf

__all__ = ["render_pdf", "write_pdf"]
