"""The coverage page: what the lessons teach and the quiz items test, for teachers and admins."""
