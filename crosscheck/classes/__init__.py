"""Classes: teachers, join codes, enrolments and assignments."""
