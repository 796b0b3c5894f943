"""Lines, whatever ends them: the breaks of `str.splitlines` (LF, CRLF, CR, U+2028 ...)."""

from __future__ import annotations

import re

BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
"""Every character that ends a line for `str.splitlines`."""
LINE = re.compile(f"[^{BREAKS}]+")
"""A line's text, without its break."""
LINE_START = f"(?:^|(?<=[{BREAKS}]))"
"""A regex that matches where a line starts (at the text's start or after any break)."""
