// The live preview panel and preview links (articles/admin/preview.py).
