"""Downloads of a draft the user has edited: Markdown as typed, and a Word document from it.

The edited text is Markdown, so it is parsed with ``markdown-it-py`` (headings,
paragraphs, bullet and numbered lists, bold and italic) and written with
``python-docx``; anything fancier is kept as plain text rather than lost.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.text.paragraph import Paragraph
from markdown_it import MarkdownIt
from markdown_it.token import Token


def _add_inline(paragraph: Paragraph, token: Token) -> None:
    bold = italic = False
    for child in token.children or []:
        if child.type == "strong_open":
            bold = True
        elif child.type == "strong_close":
            bold = False
        elif child.type == "em_open":
            italic = True
        elif child.type == "em_close":
            italic = False
        elif child.type in ("softbreak", "hardbreak"):
            paragraph.add_run().add_break()
        elif child.content:
            run = paragraph.add_run(child.content)
            run.bold, run.italic = bold or None, italic or None


def markdown_to_docx(markdown: str, path: Path) -> Path:
    """Write ``markdown`` to ``path`` as a .docx and return the path."""
    document = Document()
    tokens = MarkdownIt("commonmark").parse(markdown)
    lists: list[str] = []  # "bullet" | "ordered", innermost last
    style = "Normal"
    for token in tokens:
        if token.type == "heading_open":
            style = f"Heading {min(int(token.tag[1]), 4)}"
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            lists.append("bullet" if token.type.startswith("bullet") else "ordered")
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif token.type == "paragraph_open":
            style = ("List Bullet" if lists[-1] == "bullet" else "List Number") if lists else "Normal"
        elif token.type == "inline":
            _add_inline(document.add_paragraph(style=style), token)
            style = "Normal"
        elif token.type in ("fence", "code_block"):
            document.add_paragraph(token.content.rstrip("\n"))
    document.save(str(path))
    return path
