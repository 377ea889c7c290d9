"""Quiz modules in other systems' formats: QTI 3.0 content packages, GIFT and Moodle XML out; QTI 3.0 in.

Pure: no Flask, no database. Each item type writes its own part of each format (crosscheck/items/<type>.py:
`qti`, `gift`, `moodle`); the modules here hold what every item shares (the item's wrapper, the package,
the files) and the markup conversions.
"""
