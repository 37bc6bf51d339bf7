"""Meeting records: the default agenda, agenda timers and dot-vote budgets."""

from datetime import UTC, datetime, timedelta

import pytest

from pir_desktop.domain import meeting
from pir_desktop.domain.meeting import AgendaItem, DotVote
from pir_desktop.domain.procedure import (
    GENERIC_AGENDA,
    Procedure,
    ProcedureError,
    default_procedure,
)
from pir_desktop.domain.review import Review
from pir_desktop.domain.voting import (
    VoteError,
    check_vote,
    ranked_observations,
    votes_left,
)
from pir_desktop.services.sample import sample_review

NOW = datetime(2019, 5, 8, 9, 0, tzinfo=UTC)


def test_default_agenda_from_procedure() -> None:
    agenda = meeting.default_agenda(default_procedure())
    titles = [item.title for item in agenda]
    assert titles[0] == "Introductions and blameless reminder"
    assert titles[-1] == "Wrap-up"
    assert "Root cause" in titles
    assert [item.position for item in agenda] == list(range(len(agenda)))
    root_cause = next(item for item in agenda if item.title == "Root cause")
    assert root_cause.steps == [6]
    assert sum(item.timebox_minutes for item in agenda) == 85


def test_default_agenda_fresh_ids() -> None:
    first = meeting.default_agenda(default_procedure())
    second = meeting.default_agenda(default_procedure())
    assert {i.id for i in first}.isdisjoint(i.id for i in second)


def procedure_data() -> dict:
    return default_procedure().model_dump(mode="json")


def test_procedure_without_meeting_validates() -> None:
    data = procedure_data()
    del data["meeting"]
    procedure = Procedure.model_validate(data)
    assert procedure.meeting.dot_votes_per_person == 3
    assert procedure.meeting.agenda == GENERIC_AGENDA


def test_agenda_unknown_step_rejected() -> None:
    data = procedure_data()
    data["meeting"]["agenda"][0]["steps"] = [99]
    with pytest.raises(ValueError, match="unknown steps \\[99\\]"):
        Procedure.model_validate(data)
    assert issubclass(ProcedureError, ValueError)


def test_timer_accumulates_runs() -> None:
    item = AgendaItem(title="Timeline walk", timebox_minutes=1)
    running = meeting.start(item, NOW)
    assert meeting.spent_seconds(running, NOW + timedelta(seconds=40)) == 40
    stopped = meeting.stop(running, NOW + timedelta(seconds=40))
    assert stopped.started_at is None
    assert stopped.spent_seconds == 40
    again = meeting.start(stopped, NOW + timedelta(minutes=5))
    later = NOW + timedelta(minutes=5, seconds=30)
    assert meeting.spent_seconds(again, later) == 70
    assert meeting.remaining_seconds(again, later) == -10


def test_start_keeps_running_timer() -> None:
    running = meeting.start(AgendaItem(title="Wrap-up"), NOW)
    assert meeting.start(running, NOW + timedelta(minutes=1)) is running


def test_switch_stops_other_items() -> None:
    first, second = meeting.default_agenda(default_procedure())[:2]
    first = meeting.start(first, NOW)
    changed = meeting.switch_to([first, second], second.id, NOW + timedelta(seconds=60))
    by_id = {item.id: item for item in changed}
    assert by_id[first.id].started_at is None
    assert by_id[first.id].spent_seconds == 60
    assert by_id[second.id].running
    assert meeting.running_item(list(by_id.values())).id == second.id


def test_switch_unknown_item_rejected() -> None:
    agenda = meeting.default_agenda(default_procedure())
    with pytest.raises(KeyError, match="not found"):
        meeting.switch_to(agenda, AgendaItem(title="x").id, NOW)


def with_votes(review: Review, votes: list[DotVote]) -> Review:
    return review.model_copy(update={"votes": votes})


def test_votes_left_counts_dots() -> None:
    review = sample_review()
    voter = review.participants[0].id
    card = review.observations[0].id
    votes = [DotVote(observation_id=card, participant_id=voter)] * 2
    assert votes_left(votes, voter, 3) == 1
    assert votes_left(votes, review.participants[1].id, 3) == 3
    assert votes_left(votes * 3, voter, 3) == 0


def test_vote_over_budget_rejected() -> None:
    review = sample_review()
    voter = review.participants[0]
    cards = [o.id for o in review.observations[:3]]
    review = with_votes(
        review, [DotVote(observation_id=c, participant_id=voter.id) for c in cards]
    )
    extra = DotVote(observation_id=cards[0], participant_id=voter.id)
    with pytest.raises(VoteError) as caught:
        check_vote(review, extra, 3)
    assert voter.name in str(caught.value)
    assert "all 3 votes" in str(caught.value)


def test_stored_vote_not_counted_twice() -> None:
    review = sample_review()
    voter = review.participants[0].id
    votes = [
        DotVote(observation_id=o.id, participant_id=voter)
        for o in review.observations[:3]
    ]
    check_vote(with_votes(review, votes), votes[0], 3)


def test_vote_unknown_records_rejected() -> None:
    review = sample_review()
    stranger = DotVote(
        observation_id=review.observations[0].id,
        participant_id=AgendaItem(title="x").id,
    )
    with pytest.raises(VoteError, match="not in review"):
        check_vote(review, stranger, 3)
    ghost_card = DotVote(
        observation_id=AgendaItem(title="x").id,
        participant_id=review.participants[0].id,
    )
    with pytest.raises(VoteError, match="reload the board"):
        check_vote(review, ghost_card, 3)


def test_ranking_most_dots_first() -> None:
    review = sample_review()
    cards = review.observations
    voters = [p.id for p in review.participants]
    votes = [DotVote(observation_id=cards[2].id, participant_id=v) for v in voters[:2]]
    votes.append(DotVote(observation_id=cards[1].id, participant_id=voters[0]))
    ranked = ranked_observations(with_votes(review, votes))
    assert [(o.id, n) for o, n in ranked[:3]] == [
        (cards[2].id, 2),
        (cards[1].id, 1),
        (cards[0].id, 0),
    ]
