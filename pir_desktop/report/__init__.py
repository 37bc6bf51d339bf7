"""PDF rendering of a review with ReportLab, from domain objects only."""

from .builder import Cancelled, RenderedReport, ReportRenderer, render_pdf
from .context import VARIANTS, Variant
from .writer import write_pdf

__all__ = [
    "VARIANTS",
    "Cancelled",
    "RenderedReport",
    "ReportRenderer",
    "Variant",
    "render_pdf",
    "write_pdf",
]
