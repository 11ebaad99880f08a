"""`docgen serve`: a live preview that rebuilds as the data file is saved.

    watch (watchfiles) ──▶ workspace: which municipalities changed, rebuilt in a child
    process by stages (web pages first, then every format and the PDF page images)
    ──▶ app (Starlette): index, document previews, downloads, reload events (SSE)

Every build goes through docgen.build.build, so the preview writes exactly what
`docgen build` writes, incrementally and atomically.
"""
