"""The Hugging Face Hub as a source: which repositories cite a paper.

`api` asks (one listing a kind, generator/sources/net.py's client); `parse` turns the answers
into the records of generator/releases.py. Stored by generator/storage/hub.py, scheduled by
generator/lookups.py, shown by generator/render/shelf.py.
"""
