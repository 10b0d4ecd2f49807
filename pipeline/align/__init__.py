"""Alignment stage: which units of template B correspond to which of template A."""

from pipeline.align.aligner import ClauseAligner

__all__ = ["ClauseAligner"]
