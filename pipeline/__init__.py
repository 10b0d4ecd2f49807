"""tokki: compare Japanese outsourcing-contract templates (特記事項) clause by clause."""

__version__ = "0.1.0"
