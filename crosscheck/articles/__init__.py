"""Articles: the library, the reader and the side-by-side compare view."""
