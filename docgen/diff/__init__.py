"""What changed since an earlier version of a document: compare (structure, then
words), then write a redline (HTML, DOCX with tracked changes) and a change list."""
