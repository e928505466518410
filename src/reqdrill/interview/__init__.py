"""The mock interviewer: the question classifier, the interview session and its transcript."""
