"""How many documents the best candidates come from, an answerability signal (assistant/selector.py)."""
import numpy as np

from assistant.selector import ANSWERABILITY, SelectorModel, spread


def test_spread_counts_the_documents_of_the_five_best_scored_candidates() -> None:
    scores = np.array([5.0, 4.0, 3.0, 2.0, 1.0, 0.5, 0.1])
    assert spread(scores, [7, 7, 7, 7, 7, 1, 2]) == 0.2  # the best five share one document
    assert spread(scores, [1, 2, 3, 4, 5, 7, 7]) == 1.0
    assert spread(scores[::-1], [1, 2, 3, 4, 5, 7, 7]) == 0.8  # the scores' order, not the list's: 7, 7, 5, 4, 3
    assert spread(np.array([1.0, 0.5]), [3, 4]) == 1.0


def test_the_shipped_model_reads_spread_and_scattered_candidates_lower_its_answerability() -> None:
    model = SelectorModel.load()
    assert model is not None, "assistant/data/selector.json does not match the features: python -m eval.train_selector"
    assert model.answerable.coef[ANSWERABILITY.index("spread")] < 0
    x = np.tile(model.ranker.mean, (8, 1))  # eight candidates of average features, the first a little ahead
    x[:, 0] = 1.0
    x[0] += 0.5 * model.ranker.scale * np.sign(model.ranker.coef)
    together = model.score(x, [1] * 8)[1]
    scattered = model.score(x, list(range(8)))[1]
    assert together > scattered
