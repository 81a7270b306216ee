"""Helpers of the tests only (class copies of the exercise notebooks). Product code lives in src/."""
