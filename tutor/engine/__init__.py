"""The numeric engine: numpy RNN, LSTM, GRU and BiLSTM with forward passes, backpropagation
through time and gradient checks, in agreement with PyTorch (float64).

Modules (import them directly; this package imports nothing, so it costs nothing at startup):

- :mod:`tutor.engine.lstm`, :mod:`tutor.engine.gru`, :mod:`tutor.engine.rnn`: ``*Params``,
  ``step``, ``step_backward``, ``forward``, ``backward``, ``state_jacobians``.
- :mod:`tutor.engine.bilstm`: both directions, merged by concatenation, sum or mean.
- :mod:`tutor.engine.convert`: to and from PyTorch's and CS231n's layouts.
- :mod:`tutor.engine.gradcheck`: central differences and ``rel_error``.
- :mod:`tutor.engine.clipping`: clipping by global norm.
- :mod:`tutor.engine.jacobian`: per-distance Jacobian norms (vanishing gradients).
- :mod:`tutor.engine.activations`: σ, tanh and their derivatives.

Only numpy is imported here: no torch, textual or sympy.
"""
