"""The mock interviewer: the question classifier, fact retrieval, the interview session and its transcript."""
