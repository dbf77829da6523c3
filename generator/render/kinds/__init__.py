"""One module per page kind: each has `render(site) -> Output`, the kind's files from the site
record (generator/render/gathered.py). generator/render/pages.py lists them and merges their output."""
