from briefer.analysis.sections import stands_alone
from briefer.brief.compose import reads_alone
from briefer.core.text import as_printed


def test_quotation_fragments_do_not_stand_alone():
    assert stands_alone('"We will go," he said.')
    assert stands_alone("Officials said “easing the strain” was the aim.")
    assert not stands_alone('"Had a fruitful meeting with my US counterpart.')
    assert not stands_alone('Our defense ties have never been stronger," Hegseth wrote on X.')
    assert not stands_alone("“Both sides understand that our long-term interests converge.")


def test_archive_copys_two_apostrophe_marks_open_and_close_a_quotation():
    # Newspaper archives' plain text writes both marks as '' (wire copy opens with ``)
    assert stands_alone("The mayor on Tuesday called the plan ''reckless,'' a rare rebuke.")
    assert stands_alone("``We wait,'' she said.")
    assert not stands_alone("''I think that should be withdrawn.")
    assert not stands_alone("It is simply unacceptable.''")
    assert as_printed("The mayor called the plan ''reckless,'' and ''late.''") == (
        "The mayor called the plan “reckless,” and “late.”")
    assert as_printed("``We wait,'' she said.") == "“We wait,” she said."
    assert as_printed("The 6'2'' center scored.") == "The 6'2'' center scored."  # inches, no quotation
    # a speaker's "here", quoted in archive marks, is the speaker's, not the dateline's
    assert reads_alone("Ida Voss called the plan ''a disaster for everyone here,'' and vowed to fight it.")


def test_a_person_the_sources_name_only_by_title_and_surname_or_in_apposition_must_be_introduced():
    """"Majera said ..." when the sources only ever say "Lt. Majera"; "Hall said ..." when they
    say "The congressman, Tony Hall, D-Ohio": the page must name them, or the line gives way."""
    from briefer.brief.compose import surnames, unintroduced

    texts = ["The army spokesman, who gave his name only as Lt. Majera, said the village was attacked at dawn.",
             "The congressman, Tony Hall, D-Ohio, visited the hospitals in the capital."]
    names = surnames(texts)
    assert names["Majera"] == {"Lt. Majera"} and names["Hall"] == {"Tony Hall"}
    line = "Majera said the attackers were believed to be rebels from across the border."
    assert unintroduced(line, line, names)
    assert not unintroduced(line, line + " Lt. Majera commands the post.", names)
    assert unintroduced("Hall said the hospitals had no power.", "Hall said the hospitals had no power.", names)
    # a title and a surname that go on into a full name, or a title alone, name no bare surname
    assert "Amos" not in surnames(["Capt. Amos Kagoro said the road was closed."])
    assert "Minister" not in surnames(["Prime Minister Hun Sen said the talks would go on."])


def test_a_timeline_entry_shows_its_sentence_so_it_must_stand_alone_and_name_whom_it_calls():
    """An entry with its own text is a line of the page: one calling someone by a surname the
    page never writes in full, or opening on a word whose reference is gone, gives way; one
    repeating a line above points there and stays."""
    from briefer.brief.compose import _standing_entries, surnames
    from briefer.core.models import TimelineEntry

    texts = ["Former interior minister Dana Kessler was convicted in 2019 of taking bribes, the court said.",
             "Kessler was convicted in 2019 of taking bribes from a builder."]
    names = surnames(texts)
    entry = TimelineEntry("2019", "2019", texts[1], (1,), 1.0)
    dangling = TimelineEntry("2020", "2020", "But the appeal court cut the sentence in 2020.", (1,), 1.0)
    shown = ["Varno court hears new bribery case", "Prosecutors in Varno charged two officials on Monday."]
    assert _standing_entries((entry, dangling), shown, names, lambda text: ()) == ()
    # named in full on the page above: the surname is told
    assert _standing_entries((entry,), [*shown, texts[0]], names, lambda text: ()) == (entry,)
    # a timeline entry repeating a line above stays: it points to that line
    assert _standing_entries((entry,), [*shown, texts[1]], names, lambda text: ()) == (entry,)


def test_a_key_quote_opening_on_a_third_person_is_left_out(build_brief):
    """'"They are tired but in good health," a spokeswoman said': who they are was told before the
    quotation, and the page does not show it. A quotation in the speaker's own voice stays."""
    body = ("Gunmen freed six aid workers in Korvia on Monday after 49 days in captivity, the agency said.\n\n"
            '"They are tired but in good health," agency spokeswoman Lena Marek said.\n\n'
            '"We will keep working in Korvia," agency director Paul Dervan said in a statement.\n')
    md = build_brief({"a.md": f"---\ntitle: Aid workers freed\noutlet: Wire\ndate: 2026-03-02\n---\n{body}"}).rendered.markdown
    quotes = md.split("## Key quotes", 1)[1].split("## ", 1)[0]
    assert "We will keep working in Korvia" in quotes and "They are tired" not in quotes


def test_a_page_is_never_emptied_by_the_surname_rule_while_lines_remain(build_brief):
    """One report names its host in full only in a quoted voice: the lead calls the host by
    surname, and every other line names the guest introduced in the lead. Leaving each out in turn
    would leave "Nothing in the sources" in every section; its best lines are shown instead."""
    body = ("Former party pollster Ian Voss was a guest on Radio Tarn's Dunn on Monday.\n\n"
            "Voss described the dire situation the Green List faces in Sunday's vote in Kessel.\n\n"
            "Voss told host Mara Dunn a defeat is “increasingly likely.”\n\n"
            "Voss contends the party's delegates may switch sides and back a rival list.\n")
    md = build_brief({"a.md": f"---\ntitle: Pollster warns\noutlet: Wire\ndate: 2026-03-02\n---\n{body}"}).rendered.markdown
    main = md.split("## Key figures")[0].split("## Key quotes")[0].split("## Sources")[0]
    assert "Voss described the dire situation" in main or "Ian Voss was a guest" in main
