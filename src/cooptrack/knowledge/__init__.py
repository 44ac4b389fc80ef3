"""Knowledge across documents: what no single release says.

People across spellings and posts, the years a meeting can fall in, one meeting reported by
several sources, a mechanism's meetings in order, what changed from one meeting to the next,
and the briefings built from all of it. Pure functions over stored rows and users' decisions.
"""
