"""Classroom progress reports: overview, skill matrix, item analysis, student drill-down; HTML, SVG and CSV."""
