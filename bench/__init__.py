"""Benchmarks of Crosscheck at classroom and school size; see docs/benchmarks.md. The app never imports this."""
