"""Printable reports drawn with QtGui (QPdfWriter, QTextDocument, QPainter): no widgets, no
event loop. Content comes from the services as plain data; this layer only lays it out."""
