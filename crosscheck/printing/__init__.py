"""Paper: a quiz module as a worksheet and its answer key (teachers), a lesson as a printable page."""
