"""What students have done, read: the one package reports, the dashboard and the class page read it through.

Features write their own tables through their services (quizzes: attempts and responses; lessons: lesson
progress; classes: classes, enrolments, assignments); this package only reads them, in a fixed number of SQL
aggregates whatever the number of students, and turns the rows into states, scores and mastery.

- statements.py      statements built once per shape and catalog, run with bound values
- students.py        whose work a statement reads (a class's current students, or ids); the class roster
- assigned_work.py   a class's assignments resolved against the catalog (AssignedWork)
- student_sums.py    per student and piece of work: quiz attempts and scores, lesson progress, skill points
- states.py          per student and assignment: not started, in progress, late, done, score (pure)
- mastery.py         per student and skill: points scored over points available (pure)
- item_sums.py       per item of one module: the sums the item analysis needs
- attempt_history.py every attempt and answer of one student, with the item version answered
"""
