"""The tail headings real news pages carry after the report, and the line ends to try.

Shared by the body-bounds tests and the behaviour tests of both paths. The headings are short
lines of their own: comments, related links, share buttons, newsletter boxes, comment bylines,
some with a no-break space or other odd white space.
"""

from __future__ import annotations

TAIL_HEADINGS = [
    "COMMENTS",
    "Reader comments",
    "42 Comments",
    "Comments (42)",
    "1,024 Comments",
    "Leave a comment",
    "Leave a reply",
    "Related articles",
    "Related",
    "Read more",
    "More about the region",
    "Share this article",
    "Share on Facebook / X / WhatsApp",
    "Share",
    "Sign up for our newsletter",
    "Subscribe to our daily briefing",
    "Reader\u00a0comments",
    "42\u2009Comments:",
    "\u200bCOMMENTS\u2003",
    "Posted by maria_r · 3h ago",
]
LINE_ENDS = {"LF": "\n", "CRLF": "\r\n", "CR": "\r", "U+2028": "\u2028"}
