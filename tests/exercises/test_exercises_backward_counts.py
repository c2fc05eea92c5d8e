"""Parameter counts and multiplication counts against the engine's and torch's shapes."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from tutor.engine import bilstm, gru, lstm, rnn
from tutor.engine._recurrent import project_inputs
from tutor.exercises import generate, view
from tutor.exercises.families._build import SHAPE
from tutor.exercises.families.counts import parameters

SIZES = [(1, 1), (3, 2), (2, 5), (16, 8)]


def numel(module: torch.nn.Module) -> int:
    return sum(p.numel() for p in module.parameters())


def size(params: object) -> int:
    return sum(a.size for a in params.as_dict().values())  # type: ignore[attr-defined]


@pytest.mark.parametrize(("H", "D"), SIZES)
def test_formula_matches_engine_and_torch(H: int, D: int) -> None:
    rng = np.random.default_rng(0)
    assert parameters("rnn", H, D) == size(rnn.RNNParams.random(D, H, rng))
    assert parameters("lstm", H, D) == size(lstm.LSTMParams.random(D, H, rng))
    # the engine's GRU keeps b_hn apart (inside the reset gate): one bias vector more
    assert parameters("gru", H, D) + H == size(gru.GRUParams.random(D, H, rng))
    assert parameters("rnn", H, D, 2) == numel(torch.nn.RNN(D, H))
    assert parameters("gru", H, D, 2) == numel(torch.nn.GRU(D, H))
    assert parameters("lstm", H, D, 2) == numel(torch.nn.LSTM(D, H))
    both = bilstm.BiLSTMParams.random(D, H, rng)
    assert 2 * parameters("lstm", H, D) == size(both.forward) + size(both.backward)
    assert 2 * parameters("lstm", H, D, 2) == numel(torch.nn.LSTM(D, H, bidirectional=True))


@pytest.mark.parametrize("difficulty", [1, 2, 3])
def test_params_lstm_exercise_against_torch(difficulty: int) -> None:
    for seed in range(10):
        exercise = generate("params.lstm", seed, difficulty)
        H, D = int(exercise.givens["H"]), int(exercise.givens["D"])
        if difficulty == 3:
            layers = int(exercise.givens["L"])
            module = torch.nn.LSTM(D, H, num_layers=layers, device="meta")
            first = sum(p.numel() for n, p in module.named_parameters() if n.endswith("l0"))
            second = sum(p.numel() for n, p in module.named_parameters() if n.endswith("l1"))
            assert exercise.answers == {"layer_1": first, "layer_2": second, "total": numel(module)}
        else:
            assert exercise.cell("lstm").expected == size(
                lstm.LSTMParams.random(D, H, np.random.default_rng(0))
            )
            if difficulty == 2:
                assert exercise.cell("torch").expected == numel(torch.nn.LSTM(D, H, device="meta"))


def test_compare_and_bilstm_exercises_against_torch() -> None:
    for seed in range(10):
        exercise = generate("params.rnn-lstm-gru", seed, 3)
        H, D = int(exercise.givens["H"]), int(exercise.givens["D"])
        modules = {"rnn": torch.nn.RNN, "gru": torch.nn.GRU, "lstm": torch.nn.LSTM}
        assert exercise.answers == {k: numel(m(D, H, device="meta")) for k, m in modules.items()}
        sizes = generate("bilstm.sizes", seed, 3)
        H, D = int(sizes.givens["H"]), int(sizes.givens["D"])
        module = torch.nn.LSTM(D, H, num_layers=2, bidirectional=True, device="meta")
        first = sum(p.numel() for n, p in module.named_parameters() if "_l0" in n)
        assert sizes.answers == {"width": 2 * H, "params": first, "next": numel(module) - first}
        ratio = generate("gru.vs-lstm", seed, 2)
        H, D = int(ratio.givens["H"]), int(ratio.givens["D"])
        assert ratio.cell("gru").expected == numel(torch.nn.GRU(D, H, device="meta"))


def test_acceleration_counts_and_shapes_follow_the_engine() -> None:
    for seed in range(4):
        mults = generate("acceleration.multiplications", seed, 3)
        H, D, B, T = (int(mults.givens[k]) for k in "HDBT")
        params = lstm.LSTMParams.random(D, H, np.random.default_rng(seed))
        W, b = params.stacked()
        assert W.shape == (4 * H, H + D)
        # one product of (rows × inner) per output entry: the engine's hoisted and loop parts
        assert mults.cell("hoisted").expected == T * B * W[:, H:].size
        assert mults.cell("loop").expected == T * B * W[:, :H].size
        assert mults.cell("total").expected == T * B * W.size

        shapes = generate("acceleration.batch-shapes", seed, 2)
        H, D, B, T = (int(shapes.givens[k]) for k in "HDBT")
        params = lstm.LSTMParams.random(D, H, np.random.default_rng(seed))
        W, b = params.stacked()
        Z = project_inputs(np.zeros((T, B, D)), W[:, H:].T, b)
        assert list(shapes.cell("projection").expected) == [T * B, 4 * H]
        assert Z.reshape(T * B, -1).shape == (T * B, 4 * H)
        recurrent = np.zeros((B, H)) @ W[:, :H].T
        assert tuple(shapes.cell("recurrent").expected) == recurrent.shape


def test_batch_shapes_never_square() -> None:
    """A square shape (or a square W) lets a transposed answer pass: no draw has one, and
    every shape cell asks for a shape, not for a whole number."""
    for difficulty in (1, 2, 3):
        for seed in range(200):
            exercise = generate("acceleration.batch-shapes", seed, difficulty)
            H, D = int(exercise.givens["H"]), int(exercise.givens["D"])
            assert 4 * H != H + D
            for cell in exercise.cells:
                if cell.name == "mults":
                    continue
                rows, cols = (int(v) for v in cell.expected)
                assert rows != cols and cell.mistakes["general.transposed"].tolist() == [cols, rows]
                assert cell.ask == SHAPE and view(exercise).cells[0].ask == SHAPE


def test_bilstm_sequential_work_counts_both_directions() -> None:
    for seed in range(10):
        exercise = generate("acceleration.sequential-steps", seed, 3)
        H, D = int(exercise.givens["H"]), int(exercise.givens["D"])
        both = bilstm.BiLSTMParams.random(D, H, np.random.default_rng(seed))
        per_direction = [p.stacked()[0][:, :H].size for p in (both.forward, both.backward)]
        assert exercise.cell("critical").expected == per_direction[0]
        assert exercise.cell("layer").expected == sum(per_direction)


@pytest.mark.parametrize("difficulty", [1, 2, 3])
def test_count_hints_name_two_biases_only_where_counted(difficulty: int) -> None:
    two_bias = {"params.lstm": difficulty >= 2, "params.rnn-lstm-gru": difficulty == 3}
    for name, counted in two_bias.items():
        hints = " ".join(hint.en for hint in generate(name, 0, difficulty).hints)
        assert ("two biases" in hints) == counted, name
    assert generate("params.lstm", 0, 3).prompt.en.startswith("A stack of L LSTM layers")
