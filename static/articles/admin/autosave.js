// Autosave and the concurrent-editing notice (articles/admin/editing.py).
