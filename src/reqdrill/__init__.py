"""reqdrill: drill the clarifying-requirements step of ML system design interviews."""

__version__ = "0.1.0"
