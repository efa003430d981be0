"""Render invoices from YAML."""
__version__ = "0.4.2"
