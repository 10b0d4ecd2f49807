"""Segmentation stage: a Document's pages → numbered clauses (条 → 項 → 号) with stable ids."""

from pipeline.segment.segmenter import join_lines, segment, segment_lines, segment_text

__all__ = ["join_lines", "segment", "segment_lines", "segment_text"]
