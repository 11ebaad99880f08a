"""The limits docgen enforces on what it reads, in one place.

Data files and assets come from colleagues and may be broken or hostile; these bounds
keep a build's time, memory and output sizes in proportion to a real municipality. The
README's "Limits" table lists every one of them (a test checks it does).
"""

from __future__ import annotations

# A municipality's data file.
DATA_FILE_BYTES = 1_000_000  # the largest real file is about 10 KB
YAML_DEPTH = 50  # nesting of mappings and lists; the model itself needs 5
YAML_ALIASES = 100  # '*name' references in one file
YAML_NODES = 100_000  # values in the file once every alias is expanded

# Text fields, in characters.
NAME_CHARS = 120  # names, titles, labels, roles: one line
SENTENCE_CHARS = 500  # purpose, audience and other descriptions: one line
MARKDOWN_CHARS = 20_000  # a clause the municipality writes itself

# File names made from data (an account's slug), in characters.
FILE_STEM_CHARS = 60

# Assets in the municipality's folder.
LOGO_BYTES = 2_000_000
LOGO_PIXELS = 4_000  # on the longest side of a PNG logo
FONT_BYTES = 10_000_000
# A municipality's own template (docgen.template_path): a Word template with a picture
# in its header is the largest likely one.
TEMPLATE_BYTES = 10_000_000
