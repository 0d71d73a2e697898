from briefer.commands.build import load_corpus
from briefer.analysis.dedupe import longest_increasing_run


def test_seed_rewrites_share_one_origin(seeds):
    corpus, _ = load_corpus(seeds)
    origin = {c.article.path[:3]: corpus.origin_of[c.article.number] for c in corpus.articles}
    # 000, 001 and 002 re-tell one Reuters report; 003 and 004 are independent reports.
    assert origin["000"] == origin["001"] == origin["002"]
    assert len({origin["000"], origin["003"], origin["004"]}) == 3


def test_near_identical_sentences_merge_and_keep_sources(seeds):
    corpus, _ = load_corpus(seeds)
    quote = [i for i in corpus.items if i.text.startswith(("\"It is expected that the meeting", "“It is expected"))]
    assert len(quote) == 1
    assert quote[0].sources == (1, 3)
    assert len(quote[0].origins) == 1  # two articles, one report


def test_independent_reports_count_as_separate_origins(write_articles):
    base = "The ministers signed the water-sharing treaty in Geneva on Tuesday after two years of talks."
    folder = write_articles({
        "a.txt": f"Treaty signed\n{base}\nThe first report also covers the reaction of farmers in the valley region.\n",
        "b.txt": f"Water deal\n{base}\nA different outlet discusses how the deal affects power prices next winter.\n",
    })
    corpus, _ = load_corpus(folder)
    shared = [i for i in corpus.items if i.text == base]
    assert len(shared) == 1 and shared[0].sources == (1, 2) and len(shared[0].origins) == 2


def test_paraphrased_rewrite_is_one_origin(write_articles):
    original = ("The central bank raised its main interest rate by half a point on Thursday to fight inflation.\n"
                "Governor Maria Lopez said prices for food and fuel had risen faster than expected this spring.\n"
                "Economists had predicted a smaller increase of a quarter point before the decision.\n"
                "The bank will publish new growth forecasts for the economy at its next meeting in June.\n")
    rewrite = ("On Thursday the central bank lifted its main interest rate by half a point, aiming at inflation.\n"
               "Food and fuel prices rose faster than expected this spring, Governor Maria Lopez said.\n"
               "Before the decision economists predicted a quarter point increase, a smaller move.\n"
               "At its next meeting in June the bank will publish fresh growth forecasts for the economy.\n")
    other = ("Farmers in the north protested against new water rules on Thursday in the capital.\n"
             "The protest blocked the main road into the city for several hours during the morning.\n"
             "Police said the demonstration ended peacefully in the afternoon without arrests.\n")
    folder = write_articles({"a.txt": original, "b.txt": rewrite, "c.txt": other})
    corpus, _ = load_corpus(folder)
    assert corpus.origin_of[1] == corpus.origin_of[2] != corpus.origin_of[3]


def test_longest_increasing_run():
    assert longest_increasing_run([0, 5, 7, 8, 10, 12, 13, 16]) == 8
    assert longest_increasing_run([0, 1, 0, 29, 21, 31, 5, 31, 12, 1]) == 4  # 0, 1, 5, 12
    assert longest_increasing_run([]) == 0


def test_words_of_many_texts_read_at_once_are_each_texts_words():
    from briefer.core.text import words, words_by_text

    texts = ["The U.S. envoy's 50% offer.", "", "Line\nbreak inside, it's the programme’s end", "%", "U.N. 3.5 x"]
    found, text_of = words_by_text(texts)
    assert list(zip(found, text_of)) == [(w, i) for i, text in enumerate(texts) for w in words(text)]
    assert found[:4] == ["the", "us", "envoy", "50"]


def test_a_report_crediting_anothers_outlet_by_name_or_initials_retells_it(write_articles):
    """"..., NNA reported" in a short write-up that shares a claim with the Norrheim News Agency's
    report: one origin, though it keeps too few of its sentences to pass as a rewrite by order.
    Sharing a claim without the credit, or crediting an outlet of no article here, is not enough."""
    def piece(outlet: str, body: str) -> str:
        return f"---\ntitle: {outlet} report\noutlet: {outlet}\ndate: 2025-04-02\n---\n{body}\n"

    wire = ("Defence minister Tomas Grell resigned on Wednesday, a day after anti-corruption agents raided his "
            "ministry.\n\nThe Anti-Corruption Office said three officials were detained overnight in the raid.\n\n"
            "Grell denied any wrongdoing in a short statement.\n\nHe had led the ministry since 2022.\n")
    credits = ("Tomas Grell quit as defence minister on Wednesday after a raid on his ministry, NNA reported.\n\n"
               "Opposition parties called for a parliamentary inquiry into all defence contracts.\n")
    uncredited = credits.replace(", NNA reported", "")
    elsewhere = credits.replace("NNA reported", "ZTV reported")
    folder = write_articles({"1.md": piece("Norrheim News Agency", wire), "2.md": piece("Aldby Tribune", credits),
                             "3.md": piece("Kessel Post", uncredited), "4.md": piece("Vell Radio", elsewhere)})
    corpus, _ = load_corpus(folder)
    assert corpus.origin_of[2] == corpus.origin_of[1]
    assert corpus.origin_of[3] != corpus.origin_of[1] and corpus.origin_of[4] != corpus.origin_of[1]
    # a sentence that opens on the credit, in any case, credits too
    opening = "According to NNA, " + credits[0].lower() + credits[1:].replace(", NNA reported", "")
    folder = write_articles({"1.md": piece("Norrheim News Agency", wire), "2.md": piece("Aldby Tribune", opening)},
                            folder="opening")
    corpus, _ = load_corpus(folder)
    assert corpus.origin_of[2] == corpus.origin_of[1]


def test_two_letters_are_no_outlets_initials(write_articles):
    """"UN News" is no source of a report saying "the UN said": two letters name more than an outlet."""
    def piece(outlet: str, body: str) -> str:
        return f"---\ntitle: {outlet} report\noutlet: {outlet}\ndate: 2025-04-02\n---\n{body}\n"

    news = ("Aid convoys reached the town of Kessa on Tuesday after a week of fighting closed the road.\n\n"
            "The convoy carried food for 20,000 people.\n")
    other = ("Aid convoys reached Kessa on Tuesday after fighting closed the road for a week, and the UN said "
             "it hoped to send more.\n\nResidents queued for water.\n")
    corpus, _ = load_corpus(write_articles({"1.md": piece("UN News", news), "2.md": piece("Harbour Times", other)}))
    assert corpus.origin_of[2] != corpus.origin_of[1]
