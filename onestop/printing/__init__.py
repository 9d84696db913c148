"""Paper: ticket PDFs with a QR code, OS printing, appointment slips, the daily report."""
