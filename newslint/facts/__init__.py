"""Offline fact checking: the knowledge base in ``rules/facts`` and date parsing.

Nothing here is imported at start-up; the fact rules import
:func:`newslint.facts.kb.load_kb` the first time they run.
"""
