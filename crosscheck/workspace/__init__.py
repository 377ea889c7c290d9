"""The teachers' workspace: stories, lessons and quiz modules written, checked and published in the app."""
