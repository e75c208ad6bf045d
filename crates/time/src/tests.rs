//! Behaviour of the whole stage on sentences written for these tests.

use super::*;

/// `(text, kind, value)` of every expression in `text` anchored on `anchor`.
fn times(text: &str, anchor: &str) -> Vec<(String, TimeKind, String)> {
    find_times(text, Date::parse_iso(anchor))
        .into_iter()
        .map(|m| (text[m.bytes].to_string(), m.kind, m.value.unwrap_or_default()))
        .collect()
}

/// The value of the only expression whose text is `phrase`.
fn value_of(text: &str, anchor: &str, phrase: &str) -> String {
    let all = times(text, anchor);
    let hits: Vec<_> = all.iter().filter(|(t, _, _)| t == phrase).collect();
    assert_eq!(hits.len(), 1, "'{phrase}' in {all:?}");
    hits[0].2.clone()
}

#[test]
fn calendar_dates_at_every_granularity() {
    let text = "The plant opened on Aug. 7, 1998, closed in February 2019, reopened 15 March 2021 and ran in 1990.";
    let anchor = "2024-11-19";
    assert_eq!(value_of(text, anchor, "Aug. 7, 1998"), "1998-08-07");
    assert_eq!(value_of(text, anchor, "February 2019"), "2019-02");
    assert_eq!(value_of(text, anchor, "15 March 2021"), "2021-03-15");
    assert_eq!(value_of(text, anchor, "1990"), "1990");
    assert_eq!(value_of("Prices soared in the 1980s and the early 1990s.", anchor, "the 1980s"), "198");
    assert_eq!(value_of("They met three times from 2018 to 2019.", anchor, "from 2018 to 2019"), "2018/2019");
    assert_eq!(value_of("It grew in the 2001-02 season.", anchor, "2001-02"), "2001/2002");
    // `between` names the two years that bound a change, each its own date.
    let both = times("Exports doubled between 1982 and 1992.", anchor);
    assert_eq!(both, [("1982".into(), TimeKind::Date, "1982".into()), ("1992".into(), TimeKind::Date, "1992".into())]);
}

#[test]
fn quarters_halves_weeks_and_seasons() {
    let anchor = "1989-10-26";
    let text = "Profit rose in the third quarter. Sales fell in the first half of 1988. Rain came last fall.";
    assert_eq!(value_of(text, anchor, "the third quarter"), "1989-Q3");
    assert_eq!(value_of(text, anchor, "the first half of 1988"), "1988-H1");
    // `the 1988 period` is the period just spoken of, in 1988.
    let quarter = "Net rose in the third quarter, while in the 1988 period it fell.";
    assert_eq!(value_of(quarter, anchor, "the 1988 period"), "1988-Q3");
    let year = "Net rose last year, while in the 1987 period it fell.";
    assert_eq!(value_of(year, anchor, "the 1987 period"), "1987");
    assert_eq!(value_of(text, anchor, "last fall"), "1988-FA");
    assert_eq!(value_of("Talks resume next week.", anchor, "next week"), "1989-W44");
    assert_eq!(value_of("It was a quiet summer 1999.", anchor, "summer 1999"), "1999-SU");
    let spoken = "Prices fell in the winter of nineteen ninety-four.";
    assert_eq!(value_of(spoken, anchor, "the winter of nineteen ninety-four"), "1994-WI");
    let week = "A hearing is set for the week of March 6.";
    assert_eq!(value_of(week, "2000-02-24", "the week of March 6"), "2000-W10");
    // A quarter after the anchor's, reported in the past, is last year's.
    assert_eq!(
        value_of("Earnings fell in the fourth quarter, it said.", "1990-05-02", "the fourth quarter"),
        "1989-Q4"
    );
    assert_eq!(value_of("Earnings will rise in the fourth quarter.", "1990-05-02", "the fourth quarter"), "1990-Q4");
}

#[test]
fn years_named_after_a_date_or_before_a_quarter() {
    let anchor = "1998-02-19";
    let all = times("In July last year the party split, and in January this year it reunited.", anchor);
    let texts: Vec<&str> = all.iter().map(|(t, _, _)| t.as_str()).collect();
    assert_eq!(texts, ["July last year", "January this year"]);
    assert_eq!(all[0].2, "1997-07");
    assert_eq!(all[1].2, "1998-01");
    assert_eq!(value_of("Talks end Oct. 23 next year.", anchor, "Oct. 23 next year"), "1999-10-23");
    // The year's possessive belongs to what follows: `last year's profit` is not `June last year`.
    assert!(times("In June last year's profit was restated.", anchor).iter().any(|(t, _, _)| t == "June"));

    let anchor = "1989-10-26";
    let text = "Sales for this year's third quarter rose; next year's first quarter looks weak.";
    assert_eq!(value_of(text, anchor, "this year's third quarter"), "1989-Q3");
    assert_eq!(value_of(text, anchor, "next year's first quarter"), "1990-Q1");
    // The quarter under discussion, a year back.
    let text = "Profit rose in the third quarter. Sales for last year's quarter were lower.";
    assert_eq!(value_of(text, anchor, "last year's quarter"), "1988-Q3");
    let text = "Profit rose in the third quarter, up from the corresponding period last year.";
    assert_eq!(value_of(text, anchor, "the corresponding period last year"), "1988-Q3");
    // A quarter not yet over is a forecast, not the topic a year-ago figure compares with.
    let text = "Profit fell in the third quarter and will fall in the fourth quarter. In the year-ago period it rose.";
    assert_eq!(value_of(text, anchor, "the year-ago period"), "1988-Q3");
    let text = "Profit rose in the second quarter. For the quarter a year ago, it lost money.";
    assert_eq!(value_of(text, anchor, "the quarter a year ago"), "1988-Q2");
    assert_eq!(value_of("Earnings will slip in the last half of 1989.", anchor, "the last half of 1989"), "1989-H2");
    assert_eq!(value_of("Sales were flat in the last half of the '80s.", anchor, "the last half of the '80s"), "198");
}

#[test]
fn fiscal_years_and_the_year_of_the_date_just_mentioned() {
    let anchor = "1989-10-26";
    assert_eq!(value_of("Sales will rise in the current fiscal year.", anchor, "the current fiscal year"), "1989");
    assert_eq!(value_of("Earnings fell for the fiscal year.", anchor, "the fiscal year"), "1989");
    assert_eq!(value_of("In the fiscal year ended Jan. 31, sales rose.", anchor, "the fiscal year"), "P1Y");
    let text = "He fled in June 1998 and returned later that year. Imports grew that quarter.";
    assert_eq!(value_of(text, anchor, "later that year"), "1998");
    assert_eq!(value_of(text, anchor, "that quarter"), "1998-Q2");
    let all = times("Funds lost $14 million Friday Oct. 13 alone.", anchor);
    assert_eq!(all, [("Friday Oct. 13".to_string(), TimeKind::Date, "1989-10-13".to_string())]);
}

#[test]
fn durations_and_sets() {
    let anchor = "2024-11-19";
    let text = "The strike lasted three days, then five hours; a two-year plan followed after several years of talks.";
    let all = times(text, anchor);
    let expect = [
        ("three days", TimeKind::Duration, "P3D"),
        ("five hours", TimeKind::Duration, "PT5H"),
        ("two-year", TimeKind::Duration, "P2Y"),
        ("several years", TimeKind::Duration, "PXY"),
    ];
    for (phrase, kind, value) in expect {
        assert!(all.contains(&(phrase.to_string(), kind, value.to_string())), "{phrase}: {all:?}");
    }
    let text = "They waited 5 1/2 hours, then a minute and a half, for a couple of years or so.";
    assert_eq!(value_of(text, anchor, "5 1/2 hours"), "PT5H30M");
    assert_eq!(value_of(text, anchor, "a minute and a half"), "PT1M30S");
    assert_eq!(value_of(text, anchor, "a couple of years or so"), "P2Y");
    assert_eq!(value_of("It lasted 2 1/2 years.", anchor, "2 1/2 years"), "P2Y6M");
    assert_eq!(value_of("They met a week or so ago.", anchor, "a week or so ago"), "2024-W46");
    assert_eq!(value_of("It took 1 1/2 weeks.", anchor, "1 1/2 weeks"), "P10DT12H");
    assert_eq!(value_of("The council meets every Monday.", anchor, "every Monday"), "XXXX-WXX-1");
    assert_eq!(value_of("Papers are printed daily.", anchor, "daily"), "P1D");
    assert_eq!(value_of("He visits every two weeks.", anchor, "every two weeks"), "P2W");
    assert_eq!(value_of("Marchers parade each July.", anchor, "each July"), "XXXX-07");
    assert_eq!(value_of("He will stay for two more weeks.", anchor, "two more weeks"), "P2W");
    assert_eq!(value_of("Shares recovered in eight trading days.", anchor, "eight trading days"), "P8D");
    assert_eq!(value_of("It could take as long as a month.", anchor, "a month"), "P1M");
    assert_eq!(value_of("The loan runs for an additional year.", anchor, "an additional year"), "P1Y");
    let text = "Net for the year-earlier nine months included a gain.";
    assert_eq!(value_of(text, anchor, "the year-earlier nine months"), "P9M");
    assert!(times("Her 6-year-old son smiled.", anchor).is_empty());
    assert!(times("The index closed at 2082.1 points.", anchor).is_empty());
}

#[test]
fn references_times_of_day_and_parts_of_day() {
    let anchor = "1998-08-07";
    assert_eq!(value_of("Prices are now higher.", anchor, "now"), "PRESENT_REF");
    assert_eq!(value_of("He blamed current market conditions.", anchor, "current"), "PRESENT_REF");
    assert_eq!(value_of("Holders may buy at the then current price.", anchor, "then current"), "PAST_REF");
    assert!(times("The swimmer was swept away by the current.", anchor).is_empty());
    assert_eq!(value_of("The bomb went off at 10:35 a.m.", anchor, "10:35 a.m."), "1998-08-07T10:35");
    assert_eq!(value_of("They left at 3 p.m. Thursday.", anchor, "3 p.m. Thursday"), "1998-08-06T15:00");
    assert_eq!(
        value_of("The offer expires at 5 p.m. EST, Sept. 9.", anchor, "5 p.m. EST, Sept. 9"),
        "1998-09-09T17:00"
    );
    assert_eq!(value_of("Rain fell Friday morning.", anchor, "Friday morning"), "1998-08-07TMO");
    assert_eq!(value_of("Police came last night.", anchor, "last night"), "1998-08-06TNI");
    let text = "Shares crashed Thursday. Dealers placed orders in the morning.";
    assert_eq!(value_of(text, anchor, "the morning"), "1998-08-06TMO");
    let text = "In London at mid-afternoon yesterday, shares rose.";
    assert_eq!(value_of(text, anchor, "mid-afternoon yesterday"), "1998-08-06TAF");
    assert_eq!(value_of("By mid afternoon, shares fell.", anchor, "mid afternoon"), "1998-08-07TAF");
    let all = times("Crowds gathered this evening.", anchor);
    assert_eq!(all, [("this evening".to_string(), TimeKind::Time, "1998-08-07TEV".to_string())]);
}

#[test]
fn day_words_and_shifts_cross_month_and_year_ends() {
    assert_eq!(value_of("It snowed yesterday.", "2025-01-01", "yesterday"), "2024-12-31");
    assert_eq!(value_of("It will snow tomorrow.", "2024-02-28", "tomorrow"), "2024-02-29");
    assert_eq!(value_of("It will snow tomorrow.", "2023-02-28", "tomorrow"), "2023-03-01");
    assert_eq!(value_of("Prices rose last month.", "2025-01-15", "last month"), "2024-12");
    assert_eq!(value_of("Prices rose last year.", "2025-01-15", "last year"), "2024");
    assert_eq!(value_of("The war ended two years ago.", "2024-02-29", "two years ago"), "2022");
    assert_eq!(value_of("The law passed a month ago.", "2024-03-31", "a month ago"), "2024-02");
    assert_eq!(value_of("Talks begin next week.", "2024-12-30", "next week"), "2025-W02");
    assert_eq!(value_of("Hate groups grew over the past year.", "1998-03-03", "the past year"), "1997");
    assert_eq!(value_of("Wages fell in the last decade.", "1998-03-03", "the last decade"), "198");
    assert_eq!(value_of("It will close over the next year or so.", "1998-03-03", "the next year or so"), "1999");
    assert_eq!(
        value_of("They met on Dec. 30. Two days later they signed.", "2025-01-10", "Two days later"),
        "2025-01-01"
    );
    // The day before a named day counts from it; in apposition to a date it is that date.
    let text = "They met the day before last Tuesday's hearing.";
    assert_eq!(value_of(text, "2024-11-21", "the day before last Tuesday"), "2024-11-18");
    let text = "Prices peaked on Oct. 12, the day before the crash, and fell the day after it.";
    assert_eq!(value_of(text, "2024-11-21", "the day"), "2024-10-12");
    assert_eq!(value_of(text, "2024-11-21", "the day after"), "2024-10-13");
}

#[test]
fn weekdays_follow_the_tense_of_their_sentence() {
    // Tuesday 19 November 2024.
    let anchor = "2024-11-19";
    assert_eq!(value_of("The minister resigned Friday.", anchor, "Friday"), "2024-11-15");
    assert_eq!(value_of("The minister said Tuesday he would stay.", anchor, "Tuesday"), "2024-11-19");
    assert_eq!(value_of("The minister will resign Friday.", anchor, "Friday"), "2024-11-22");
    assert_eq!(value_of("The minister resigned last Tuesday.", anchor, "last Tuesday"), "2024-11-12");
    assert_eq!(value_of("Voters go to the polls next Monday.", anchor, "next Monday"), "2024-11-25");
    assert_eq!(value_of("He must reply by Thursday.", anchor, "Thursday"), "2024-11-21");
}

#[test]
fn tense_markers_read_plans_passives_and_deadlines() {
    // Tuesday 19 November 2024.
    let anchor = "2024-11-19";
    // `set` is a plan only before `to`; `set aside` happened.
    assert_eq!(value_of("On Friday, the mayor set aside her holiday.", anchor, "Friday"), "2024-11-15");
    assert_eq!(value_of("The vote is set for Friday.", anchor, "Friday"), "2024-11-22");
    assert_eq!(value_of("They said they did not plan to leave on Thursday.", anchor, "Thursday"), "2024-11-21");
    // `until` looks forward, unless it opens the sentence: then the change is past.
    assert_eq!(value_of("The store stays shut until Thursday.", anchor, "Thursday"), "2024-11-21");
    assert_eq!(value_of("Until Thursday, police had not named him.", anchor, "Thursday"), "2024-11-14");
    // A plan in the past perfect is over.
    assert_eq!(value_of("The offer had been scheduled to expire Friday.", anchor, "Friday"), "2024-11-15");
    // Irregular past tenses count like regular ones.
    assert_eq!(value_of("In December the firm brought in a new chief.", anchor, "December"), "2023-12");
    // `unspecified` is an adjective and `is heard` a present passive.
    assert_eq!(value_of("It would be paid on an unspecified date in January.", anchor, "January"), "2025-01");
    assert_eq!(value_of("The appeal is heard in February.", anchor, "February"), "2025-02");
    // A past auxiliary before a plan does not make the plan past.
    assert_eq!(value_of("They were planning to march on Saturday.", anchor, "Saturday"), "2024-11-23");
    assert_eq!(value_of("The vote was expected to pass Thursday.", anchor, "Thursday"), "2024-11-21");
    // What lasts until a day looks forward, even when it was postponed; `since` looks back.
    assert_eq!(value_of("The hearing was postponed until Thursday.", anchor, "Thursday"), "2024-11-21");
    assert_eq!(value_of("Police have searched for him since Oct. 23.", "2025-05-06", "Oct. 23"), "2024-10-23");
}

#[test]
fn months_without_a_year_take_the_nearest_fitting_one() {
    let anchor = "2024-11-19";
    // A month later than the anchor in past reporting is last year's.
    assert_eq!(value_of("In December, the talks collapsed.", anchor, "December"), "2023-12");
    assert_eq!(value_of("In June, the two leaders signed a treaty.", anchor, "June"), "2024-06");
    assert_eq!(value_of("The summit will be held in January.", anchor, "January"), "2025-01");
    assert_eq!(value_of("The treaty was ratified earlier this month.", anchor, "earlier this month"), "2024-11");
    assert_eq!(value_of("The dividend is payable Dec. 15.", anchor, "Dec. 15"), "2024-12-15");
    assert_eq!(value_of("The firm is due to repay by Jan. 14.", "2000-01-06", "Jan. 14"), "2000-01-14");
    // A deadline reported a few days after it is the one just past; a
    // future day a month gone is next year's.
    assert_eq!(value_of("The firm is due to repay by Jan. 14.", "2000-01-17", "Jan. 14"), "2000-01-14");
    assert_eq!(value_of("The fair will open on Jan. 14.", "2000-02-20", "Jan. 14"), "2001-01-14");
}

#[test]
fn a_year_ago_in_earnings_news_is_the_quarter_a_year_before() {
    let text = "The bank reported a third-quarter loss of $7 million. It had net income of $1 million a year ago.";
    assert_eq!(value_of(text, "1989-11-02", "third-quarter"), "1989-Q3");
    assert_eq!(value_of(text, "1989-11-02", "a year ago"), "1988-Q3");
    assert_eq!(value_of("Exports rose 4% from a year ago.", "1989-11-02", "a year ago"), "1988");
    // An earlier quarter named for comparison leaves the reported one the topic.
    let text = "Profit rose in the third quarter. After a weak second quarter, costs fell below a year ago.";
    assert_eq!(value_of(text, "1989-11-02", "a year ago"), "1988-Q3");
}

#[test]
fn offsets_count_from_dates_and_known_elections() {
    let anchor = "2024-11-19";
    let text =
        "After the presidential election, he spoke 10 days after the election. The test came five days before Nov. 5.";
    assert_eq!(value_of(text, anchor, "10 days after the election"), "2024-11-15");
    assert_eq!(value_of(text, anchor, "five days before Nov. 5"), "2024-10-31");
    // Without talk of a presidential election, `the election` is no known date.
    let local = "The mayor resigned 10 days after the election.";
    assert_eq!(value_of(local, anchor, "10 days"), "P10D");
}

#[test]
fn without_an_anchor_relative_expressions_have_no_value() {
    let all = times("He left on Friday, in June 2019.", "");
    assert_eq!(all[0], ("Friday".to_string(), TimeKind::Date, String::new()));
    assert_eq!(all[1], ("June 2019".to_string(), TimeKind::Date, "2019-06".to_string()));
}

#[test]
fn names_and_verbs_that_look_like_months_are_not_dates() {
    let anchor = "2024-11-19";
    assert!(times("Czech Foreign Minister Jan Kavan said it may rain.", anchor).is_empty());
    assert!(times("Thousands joined the March for Life.", anchor).is_empty());
    // Capitalised units inside a sentence name programmes and films.
    assert!(
        times("He said on CBS's \"60 Minutes\" and ABC's \"This Week\" that he loved High Noon.", anchor).is_empty()
    );
    assert_eq!(value_of("This week he voted. Noon came.", anchor, "This week"), "2024-W47");
    assert_eq!(value_of("Elections were held in May.", anchor, "May"), "2024-05");
}

#[test]
fn the_seed_article_dates_itself_from_last_friday_and_the_election() {
    let seed = include_str!("../../../examples/voa-emboldened-north-korea.txt");
    let inferred = infer_publication_date(seed).expect("a date");
    assert_eq!(inferred.date.to_string(), "2024-11-19");
    assert_eq!(inferred.confidence, newsgraph_doc::Confidence::Medium);
    assert!(
        inferred.reason.contains("'last Friday' = '10 days after the election' = 2024-11-15"),
        "{}",
        inferred.reason
    );
    let all = times(seed, "2024-11-19");
    let gold = [
        ("last Friday", "2024-11-15"),
        ("10 days after the election", "2024-11-15"),
        ("Tuesday", "2024-11-19"),
        ("from 2018 to 2019", "2018/2019"),
        ("February 2019", "2019-02"),
        ("five days before the U.S. election", "2024-10-31"),
        ("June", "2024-06"),
        ("earlier this month", "2024-11"),
    ];
    for (phrase, value) in gold {
        assert!(all.iter().any(|(t, _, v)| t == phrase && v == value), "{phrase} = {value}: {all:?}");
    }
}

#[test]
fn inference_needs_a_weekday_that_matches_a_given_date() {
    use newsgraph_doc::Confidence;
    // A lone date, or a `yesterday` that fits any date, proves nothing.
    assert!(infer_publication_date("The accord was signed on March 3, 2021, officials said.").is_none());
    assert!(infer_publication_date("The vote took place on June 4, 2023. Turnout yesterday was high.").is_none());
    assert!(infer_publication_date("Nothing here says when.").is_none());
    // 2 June 2023 was a Friday: `last Friday` puts the page in the next week,
    // and `said Friday` of 9 June makes that Friday the only day that fits.
    let text = "The ceasefire began on June 2, 2023. It collapsed last Friday. \
                Fighting resumed on June 9, 2023, the army said Friday.";
    let exact = infer_publication_date(text).unwrap();
    assert_eq!((exact.date.to_string(), exact.confidence), ("2023-06-09".to_string(), Confidence::High));
    // A date that is no Friday does not match `last Friday`.
    assert!(infer_publication_date("The ceasefire began on June 3, 2023. It collapsed last Friday.").is_none());
}

#[test]
fn annotate_fills_times_quote_dates_and_the_inferred_anchor() {
    use newsgraph_doc::{Article, Format, Quote, QuoteKind, Span};
    let body = "Kim spoke on Sunday, June 4, 2023. “We will not yield,” he told reporters Sunday.";
    let mut article = Article::default();
    article.set_paragraphs([body]);
    let mut doc = Document::new("test", Format::Text, article);
    let at = |phrase: &str| {
        // The last occurrence: the quote's own time, after the date the text gives.
        let start = body[..body.rfind(phrase).unwrap()].chars().count();
        Mention { text: phrase.to_string(), start, end: start + phrase.chars().count() }
    };
    doc.quotes.push(Quote {
        kind: QuoteKind::Direct,
        text: "We will not yield,".into(),
        start: 0,
        end: 0,
        spans: vec![Span::new(0, 0)],
        cue: None,
        speaker: None,
        outlet: None,
        channel: None,
        when: Some(at("Sunday")),
        when_value: None,
        clause: None,
        clause_spans: Vec::new(),
        speech: true,
    });
    annotate(&mut doc);
    assert_eq!(doc.article.published_inferred.as_ref().map(|i| i.date.as_str()), Some("2023-06-04"));
    assert_eq!(doc.quotes[0].when_value.as_deref(), Some("2023-06-04"));
    let dated = doc.times.iter().find(|t| t.mention.text == "Sunday, June 4, 2023").unwrap();
    assert_eq!(dated.value.as_deref(), Some("2023-06-04"));
    assert!(doc.times.iter().any(|t| t.mention == at("Sunday")));
}
