"""Practice: the wording coach (engine, rule data), step elements and scoring,
scenarios, quizzes and the trainer's logic. Pure: rendering lives in ``render``."""
