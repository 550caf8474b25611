"""
Essays in and out as plain-text page files: `pageformat` reads and writes the format,
`importer` saves parsed pages, `exporting` writes essays back, `sources` finds the files.
See docs/importing.md.
"""
