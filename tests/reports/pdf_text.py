"""Reading a PDF back: its text (whitespace normalised), its raw streams and its fonts."""

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader


def pdf_text(path: Path) -> str:
    reader = PdfReader(path)
    text = " ".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", " ", text)  # Qt's PDFs come back with tabs between words


def page_texts(path: Path) -> list[str]:
    return [re.sub(r"\s+", " ", p.extract_text()) for p in PdfReader(path).pages]


def decompressed_bytes(path: Path) -> bytes:
    """Every stream of the file, decompressed, plus the file itself."""
    reader = PdfReader(path)
    chunks = [path.read_bytes()]
    for number in range(1, int(reader.trailer["/Size"])):
        obj = reader.get_object(number)
        if obj is not None and hasattr(obj, "get_data"):
            chunks.append(obj.get_data())
    return b"\n".join(chunks)


def fonts(path: Path) -> dict[str, bool]:
    """Each font's base name -> whether its program is embedded."""
    found: dict[str, bool] = {}
    for page in PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            described = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            descriptor = described["/FontDescriptor"].get_object()
            found[str(font["/BaseFont"])] = any(
                k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")
            )
    return found
