"""Marking written answers by rubric (a queue per class and module) and regrading stored answers, with history."""
