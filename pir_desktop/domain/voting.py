"""Dot-vote rules: each participant places up to a fixed number of dots.

The budget comes from the procedure (`procedure.meeting.dot_votes_per_person`).
A participant may stack several dots on one observation card.
"""

from collections import Counter
from uuid import UUID

from .entities import Observation
from .meeting import DotVote
from .review import Review


class VoteError(ValueError):
    """A dot vote that breaks a rule, with a message that can be shown as is."""


def votes_used(votes: list[DotVote], participant_id: UUID) -> int:
    """Return how many dots the participant has placed."""
    return sum(1 for vote in votes if vote.participant_id == participant_id)


def votes_left(votes: list[DotVote], participant_id: UUID, budget: int) -> int:
    """Return how many dots the participant may still place, never below zero."""
    return max(budget - votes_used(votes, participant_id), 0)


def check_vote(review: Review, vote: DotVote, budget: int) -> None:
    """Raise VoteError unless `vote` may be added to the review's votes.

    The participant and the observation must belong to the review, and the
    participant must have a dot left. A vote already stored in the review
    does not count against itself, so restoring it is allowed.
    """
    participant = next(
        (p for p in review.participants if p.id == vote.participant_id), None
    )
    if participant is None:
        raise VoteError(
            f"participant {vote.participant_id} is not in review "
            f"{review.reference}: add them to the participants first"
        )
    if all(o.id != vote.observation_id for o in review.observations):
        raise VoteError(
            f"observation {vote.observation_id} is not in review "
            f"{review.reference}: reload the board"
        )
    others = [v for v in review.votes if v.id != vote.id]
    if votes_left(others, participant.id, budget) == 0:
        raise VoteError(
            f"{participant.name} has used all {budget} votes: remove one of "
            "their dots before placing another"
        )


def vote_totals(votes: list[DotVote]) -> Counter[UUID]:
    """Return the number of dots on each observation, keyed by observation id."""
    return Counter(vote.observation_id for vote in votes)


def ranked_observations(review: Review) -> list[tuple[Observation, int]]:
    """Return the observations with their dots, most dots first.

    Ties keep the review's order of observations.
    """
    totals = vote_totals(review.votes)
    ranked = [(o, totals.get(o.id, 0)) for o in review.observations]
    return sorted(ranked, key=lambda pair: -pair[1])
