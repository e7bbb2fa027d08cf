"""News coming in by itself: web pages, RSS/Atom feeds and links shared in Slack.

    fetch.py   the safe fetcher: http(s) only, public addresses only (checked at every hop and
               pinned for the connection), at most 5 redirects, 5 MB, a total timeout, HTML/XML/
               text only, no cookies; per-host rate limit and retries (`Fetcher`)
    page.py    an HTML page as an `Article`: main text, title, outlet, author, date (trafilatura)
    dedup.py   near duplicates: the same wire story from two outlets (word shingles, Jaccard)
    add.py     one URL into the store, and what it added ("3 meetings, 5 figures, 2 new people")
    feeds.py   RSS/Atom feeds polled: new entries fetched and ingested once, however many replicas

Nothing here imports spaCy at module level, nor Slack; the store is reached through `Store`.
"""
