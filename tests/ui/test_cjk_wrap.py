from hypothesis import given
from hypothesis import strategies as st
from rich._wrap import divide_line
from rich.cells import cell_len

from tutor.ui.cjk_wrap import install, word_pattern

PARAGRAPH = "普通（Elman）RNN 只有一个隐藏状态，每一步都把它整个重写一遍。按本课程的记号（拼接时上一步状态在前）：训练用的是随时间反向传播（BPTT）。"


def wrapped(text: str, width: int) -> list[str]:
    install()
    offsets = divide_line(text, width=width)
    return [text[a:b] for a, b in zip([0, *offsets], [*offsets, len(text)], strict=True)]


@given(st.text(alphabet=st.sampled_from(list("ab 中文，。（）“”\t\n x1+=⊙\u00a0"))))
def test_words_cover_every_character(text: str) -> None:
    position = 0
    while (match := word_pattern().match(text, position)) is not None and match.end() > position:
        position = match.end()
    assert text[position:].strip() == ""  # as with Rich's own pattern: only blanks are left


def test_chinese_lines_are_filled_and_punctuation_never_starts_a_line() -> None:
    lines = wrapped(PARAGRAPH, 30)
    assert "".join(lines) == PARAGRAPH
    assert all(cell_len(line.rstrip()) >= 26 for line in lines[:-1]), lines
    assert not any(line[0] in "，。）：" for line in lines), lines


def test_an_inline_formula_is_not_split_across_lines() -> None:
    lines = wrapped("两者都传给第 t + 1 步；这一行要足够长才会换行。", 16)
    assert any("t + 1" in line for line in lines), lines


def test_english_still_wraps_at_spaces() -> None:
    lines = wrapped("the forget gate scales the old cell state", 16)
    assert [line.rstrip() for line in lines] == ["the forget gate", "scales the old", "cell state"]
