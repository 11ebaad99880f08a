"""docgen: a municipality's social-media documents from one data file."""

__version__ = "0.1.0"
