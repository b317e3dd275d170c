"""sitrep: conflict event data from news reports, with evidence for every field."""

import logging

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
