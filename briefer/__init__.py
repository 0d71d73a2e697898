"""briefer: one-page, cited policy briefs extracted from news articles."""

__version__ = "0.1.0"
