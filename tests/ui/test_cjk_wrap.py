from hypothesis import given
from hypothesis import strategies as st
from textual._wrap import compute_wrap_offsets

from tutor.ui.cjk_wrap import CJK_CHUNK, install

PARAGRAPH = "普通（Elman）RNN 只有一个隐藏状态，每一步都把它整个重写一遍。按本课程的记号（拼接时上一步状态在前）：训练用的是随时间反向传播（BPTT）。"


@given(st.text(alphabet=st.sampled_from(list("ab 中文，。（）“”\t\n x1"))))
def test_chunks_cover_every_character(text: str) -> None:
    assert "".join(m.group(0) for m in CJK_CHUNK.finditer(text)) == text


def test_chinese_lines_are_filled_and_punctuation_never_starts_a_line() -> None:
    install()
    offsets = compute_wrap_offsets(PARAGRAPH, width=30, tab_size=4)
    lines = [PARAGRAPH[a:b] for a, b in zip([0, *offsets], [*offsets, len(PARAGRAPH)], strict=True)]
    from rich.cells import cell_len

    assert all(cell_len(line.rstrip()) >= 26 for line in lines[:-1]), lines
    assert not any(line[0] in "，。）：" for line in lines), lines


def test_rich_wrapping_fills_chinese_lines() -> None:
    from rich._wrap import divide_line

    install()
    offsets = divide_line(PARAGRAPH, width=30)
    lines = [PARAGRAPH[a:b] for a, b in zip([0, *offsets], [*offsets, len(PARAGRAPH)], strict=True)]
    from rich.cells import cell_len

    assert "".join(lines) == PARAGRAPH
    assert all(cell_len(line.rstrip()) >= 26 for line in lines[:-1]), lines
    assert not any(line[0] in "，。）：" for line in lines), lines


def test_an_inline_formula_is_not_split_across_lines() -> None:
    from rich._wrap import divide_line

    install()
    text = "两者都传给第 t + 1 步；这一行要足够长才会换行。"
    offsets = divide_line(text, width=16)
    lines = [text[a:b] for a, b in zip([0, *offsets], [*offsets, len(text)], strict=True)]
    assert any("t + 1" in line for line in lines), lines
