from briefer.analysis.sections import stands_alone


def test_quotation_fragments_do_not_stand_alone():
    assert stands_alone('"We will go," he said.')
    assert stands_alone("Officials said “easing the strain” was the aim.")
    assert not stands_alone('"Had a fruitful meeting with my US counterpart.')
    assert not stands_alone('Our defense ties have never been stronger," Hegseth wrote on X.')
    assert not stands_alone("“Both sides understand that our long-term interests converge.")
