"""Edits that the board and presenter mode make as one undoable step."""

from collections.abc import Iterator
from contextlib import contextmanager

from ..context import ReviewContext


@contextmanager
def undo_macro(context: ReviewContext, text: str) -> Iterator[None]:
    """Group the context edits made inside the block into one undo step.

    When the block raises, the edits it saved are undone and the empty step
    is dropped from the history, so a failed action leaves nothing behind.
    """
    stack = context.undo_stack
    stack.beginMacro(text)
    try:
        yield
    except BaseException:
        stack.endMacro()
        _drop_last(context)
        raise
    stack.endMacro()


def _drop_last(context: ReviewContext) -> None:
    stack = context.undo_stack
    command = stack.command(stack.index() - 1)
    if command is None:
        return
    # An obsolete command is deleted from the stack when it is undone.
    command.setObsolete(True)
    stack.undo()
