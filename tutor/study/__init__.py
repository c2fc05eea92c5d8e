"""The learner's session: items to practise, submissions graded into attempts, recorded in
the store, and what comes next. The one door to practice, for the TUI and the plain mode.

Import the modules themselves (tutor.study.practice, tutor.study.plan, …): this package's
__init__ stays empty so that the home screen can read lesson plans without loading numpy.
"""
