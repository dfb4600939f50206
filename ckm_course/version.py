"""The package version (``ckm_course.__version__``), on its own so that records can carry it without the facade."""

VERSION = "0.1.0"
