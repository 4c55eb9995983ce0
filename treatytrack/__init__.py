"""treatytrack: which arms-control agreements hold on any date, from a curated, sourced dataset."""

__version__ = "0.1.0"
