"""trilat: explore US-Japan-South Korea policy texts from the terminal."""

__version__ = "0.1.0"
