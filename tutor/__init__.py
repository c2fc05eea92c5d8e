"""lstm-tutor: a terminal tutor for LSTM / RNN interview questions."""

__version__ = "0.1.0"
