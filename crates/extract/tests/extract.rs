//! End-to-end behaviour of extraction on small pages written for the tests.

use newsgraph_doc::Format;
use newsgraph_extract::{extract, extract_html, extract_text};

/// Article prose long enough for readability to take it as the content.
const PROSE: &[&str] = &[
    "The city council voted on Tuesday to expand the tram network by twelve kilometres, a plan that has divided residents for years.",
    "Supporters say the new lines will cut commuting times in half for the eastern districts, where buses are crowded every morning.",
    "Opponents argue that the construction will close shops along the route for months and that the budget estimate is far too low.",
    "The mayor said the first section would open in 2027 and that the rest of the network would follow within three years after that.",
    "Engineers will begin surveying the route next spring, and residents will be invited to a series of public meetings before then.",
];

fn article_html(head: &str, before: &str, after: &str) -> String {
    let paragraphs: String = PROSE.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    format!(
        "<!DOCTYPE html><html lang=\"en-GB\"><head>{head}</head><body>\n{before}\n<article><h1>Council backs tram expansion</h1>\n{paragraphs}</article>\n{after}</body></html>"
    )
}

#[test]
fn boilerplate_around_the_article_is_dropped_and_the_body_kept() {
    let nav = r#"<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>
        <div class="cookie-banner"><p>We use cookies to improve your experience on our site.</p><button>Accept</button></div>
        <div class="lang-switcher"><a href="/de">Deutsch</a> <a href="/fr">Français</a></div>"#;
    let footer = r#"<div class="share-bar"><a href="/s">Share</a> <a href="/s">Facebook</a> <a href="/s">Twitter</a></div>
        <aside class="related"><h3>Related articles</h3><ul><li><a href="/a">Bus fares to rise in January</a></li><li><a href="/b">Bridge closed for repairs</a></li></ul></aside>
        <footer><p>© 2025 City Times. All rights reserved.</p><p><a href="/privacy">Privacy policy</a></p></footer>"#;
    let page = article_html("<title>Council backs tram expansion | City Times</title>", nav, footer);
    let article = extract(Format::Html, &page);
    for p in PROSE {
        assert!(article.body.contains(p), "missing {p:?} in {:?}", article.body);
    }
    for furniture in
        ["cookies", "Deutsch", "Related articles", "Bus fares", "All rights reserved", "Privacy", "Facebook", "Sport"]
    {
        assert!(!article.body.contains(furniture), "kept {furniture:?} in {:?}", article.body);
    }
    assert_eq!(article.paragraphs.len(), PROSE.len(), "{:?}", article.body);
    assert!(article.body.starts_with("The city council voted"), "{:?}", article.body);
}

#[test]
fn inline_svg_is_neither_text_nor_title() {
    let icon = r#"<svg viewBox="0 0 24 24"><title>Share on Facebook</title><path d="M0 0h24v24H0z"/></svg>"#;
    // A self-closing `<svg/>` is empty: the article after it is kept.
    let page = article_html("", &format!("<svg class=\"logo\"/><div>{icon}</div>"), icon);
    let article = extract(Format::Html, &page);
    assert!(!article.body.contains("Facebook"), "{:?}", article.body);
    assert_eq!(article.paragraphs.len(), PROSE.len(), "{:?}", article.body);
    assert_eq!(article.title.as_deref(), Some("Council backs tram expansion"));
}

#[test]
fn an_unclosed_menu_does_not_take_the_article_with_it() {
    let page = article_html("", r#"<nav><a href="/">Home</a>"#, "");
    let article = extract(Format::Html, &page);
    assert_eq!(article.paragraphs.len(), PROSE.len(), "{:?}", article.body);
}

#[test]
fn json_ld_gives_date_author_and_headline() {
    let head = r#"<title>Council backs tram expansion - City Times</title>
        <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
          {"@type":"WebSite","name":"City Times"},
          {"@type":"NewsArticle","headline":"Council backs tram expansion","datePublished":"2024-11-19T22:30:00-05:00",
           "dateModified":"2024-11-20T09:00:00-05:00","author":[{"@type":"Person","name":"Jane Doe"},{"@type":"Person","name":"John Roe"}],
           "publisher":{"@type":"Organization","name":"City Times"}}]}</script>"#;
    let article = extract_html(&article_html(head, "", ""));
    assert_eq!(article.published.as_deref(), Some("2024-11-19T22:30:00-05:00"));
    assert_eq!(article.published_source.as_deref(), Some("json-ld"));
    assert_eq!(article.byline, vec!["Jane Doe", "John Roe"]);
    assert_eq!(article.title.as_deref(), Some("Council backs tram expansion"));
    assert_eq!(article.site_name.as_deref(), Some("City Times"));
}

#[test]
fn meta_published_time_keeps_the_local_date_and_offset() {
    // 23:15 in New York is already the next day in UTC; the page's own date stays.
    let head = r#"<meta property="article:published_time" content="2024-11-19T23:15:00-05:00">"#;
    let article = extract_html(&article_html(head, "", ""));
    assert_eq!(article.published.as_deref(), Some("2024-11-19T23:15:00-05:00"));
    assert_eq!(article.published_source.as_deref(), Some("meta"));
}

#[test]
fn time_element_dates_the_article() {
    let before = r#"<div class="post-meta"><time datetime="2023-06-05">5 June 2023</time></div>"#;
    let article = extract_html(&article_html("", before, ""));
    assert_eq!(article.published.as_deref(), Some("2023-06-05"));
    assert_eq!(article.published_source.as_deref(), Some("time"));
}

#[test]
fn url_path_dates_the_article_when_nothing_else_does() {
    let head = r#"<link rel="canonical" href="https://citytimes.example/news/2024/11/19/council-tram-vote/">"#;
    let article = extract_html(&article_html(head, "", ""));
    assert_eq!(article.published.as_deref(), Some("2024-11-19"));
    assert_eq!(article.published_source.as_deref(), Some("url"));
    assert_eq!(article.url.as_deref(), Some("https://citytimes.example/news/2024/11/19/council-tram-vote/"));
}

#[test]
fn site_name_suffix_is_stripped_from_the_title() {
    // No h1 to lean on: the <title> and og:title carry the site name.
    let paragraphs: String = PROSE.iter().map(|p| format!("<p>{p}</p>")).collect();
    let page = format!(
        r#"<html><head><title>Council backs tram expansion | City Times</title>
        <meta property="og:site_name" content="City Times"></head><body><div>{paragraphs}</div></body></html>"#
    );
    assert_eq!(extract_html(&page).title.as_deref(), Some("Council backs tram expansion"));
}

/// A page with the given `<head>` and an `<h1>` above the article prose.
fn headed_page(head: &str, h1: &str) -> String {
    let paragraphs: String = PROSE.iter().map(|p| format!("<p>{p}</p>")).collect();
    format!("<html><head>{head}</head><body><h1>{h1}</h1><div>{paragraphs}</div></body></html>")
}

#[test]
fn headings_lose_labels_dates_sections_and_site_names() {
    let head = r#"<title>Council backs tram expansion | City Times</title>
        <meta property="og:site_name" content="City Times">"#;
    for h1 in [
        "Council backs tram expansion | Local News",
        "Council backs tram expansion – City Times",
        "News: Council backs tram expansion",
        "Nov 19 2024 Council backs tram expansion",
        "Council backs tram expansion (citytimes.example) 42",
        "COUNCIL BACKS TRAM EXPANSION",
    ] {
        let title = extract_html(&headed_page(head, h1)).title;
        assert_eq!(title.as_deref(), Some("Council backs tram expansion"), "{h1}");
    }
}

#[test]
fn a_blog_name_heading_yields_to_the_post_title() {
    let head = r#"<title>Tram Watch: Council backs tram expansion</title>
        <meta property="og:title" content="Council backs tram expansion">"#;
    let title = extract_html(&headed_page(head, "Tram Watch")).title;
    assert_eq!(title.as_deref(), Some("Council backs tram expansion"));
}

#[test]
fn a_sole_heading_beats_a_differently_worded_meta_title() {
    let head = "<title>Tram plan approved | City Times</title>";
    let title = extract_html(&headed_page(head, "Council backs twelve kilometres of new lines")).title;
    assert_eq!(title.as_deref(), Some("Council backs twelve kilometres of new lines"));
}

#[test]
fn bylines_come_from_meta_rel_author_and_by_lines() {
    let meta = extract_html(&article_html(r#"<meta name="author" content="Jane Doe">"#, "", ""));
    assert_eq!(meta.byline, vec!["Jane Doe"]);

    let rel = extract_html(&article_html(
        "",
        r#"<p class="x">Story by <a rel="author" href="/people/jd">Jane Doe</a></p>"#,
        "",
    ));
    assert_eq!(rel.byline, vec!["Jane Doe"]);

    let paragraphs: String = PROSE.iter().map(|p| format!("<p>{p}</p>")).collect();
    let by_line = format!("<html><body><article><h1>Council backs tram expansion</h1><div>By Jane Doe and John Roe</div>{paragraphs}</article></body></html>");
    assert_eq!(extract_html(&by_line).byline, vec!["Jane Doe", "John Roe"]);
}

#[test]
fn language_from_the_lang_attribute_or_the_text() {
    assert_eq!(extract_html(&article_html("", "", "")).language.as_deref(), Some("en"));
    let german = "<html><body><p>Der Stadtrat hat am Dienstag beschlossen, dass die Straßenbahn nicht nur in der Innenstadt fahren soll, \
        sondern auch in die östlichen Bezirke, und die Bürger sind mit dem Plan sehr zufrieden, auch wenn das Geld knapp ist.</p></body></html>";
    assert_eq!(extract_html(german).language.as_deref(), Some("de"));
}

#[test]
fn plain_text_drops_address_block_and_locale_residue() {
    let text =
        "Mailing Address\n\n1600 Harbour Road\nPortsmouth, NH 03801\n\nTram network to grow by twelve kilometres\n\n\
        The city council voted on Tuesday to expand the tram network, a plan that has divided residents for years.\n\
        Costs and delays\n\
        Opponents argue that the construction will close shops along the route for months, the council heard.\n\
        The mayor said the first section would open in 2027, officials said.\n\nde_DEDeutsch\nfr_FR\n";
    let article = extract_text(text);
    assert_eq!(article.title.as_deref(), Some("Tram network to grow by twelve kilometres"));
    assert!(article.body.starts_with("The city council voted"), "{:?}", article.body);
    assert!(article.body.ends_with("officials said."), "{:?}", article.body);
    assert!(article.body.contains("\n\nCosts and delays\n\n"), "subhead inside the prose is kept: {:?}", article.body);
    for residue in ["Address", "Harbour Road", "03801", "de_DE", "fr_FR"] {
        assert!(!article.body.contains(residue), "kept {residue:?}");
    }
    assert_eq!(article.paragraphs.len(), 4);
}

#[test]
fn the_seed_article_loses_its_template_residue() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/voa-emboldened-north-korea.txt");
    let Ok(text) = std::fs::read_to_string(path) else {
        panic!("{path} is missing: the reference article lives in the repository's examples/");
    };
    let article = extract(Format::Text, &text);
    assert_eq!(article.title.as_deref(), Some("Emboldened North Korea awaits second Trump administration"));
    assert!(article.body.starts_with("In his first message aimed at Washington"), "{:?}", &article.body[..80]);
    assert!(article.body.ends_with("the spokesperson said."), "{:?}", &article.body[article.body.len() - 80..]);
    for residue in ["Physical Address", "Cardinal St.", "02124", "en_US"] {
        assert!(!article.body.contains(residue), "kept {residue:?}");
    }
    for subhead in ["Nuclear rhetoric", "New alliance"] {
        assert!(article.body.contains(&format!("\n\n{subhead}\n\n")), "lost subhead {subhead:?}");
    }
    assert_eq!(article.language.as_deref(), Some("en"));
}

#[test]
fn hostile_input_never_panics() {
    let deep = "<div>".repeat(50_000) + "text" + &"</div>".repeat(10);
    let cases = [
        String::new(),
        "<".to_string(),
        "<html><body></body></html>".to_string(),
        "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"datePublished\":".to_string(),
        "<meta property=\"article:published_time\" content=\"9999-99-99T99:99\"><title> | | </title><h1></h1>"
            .to_string(),
        deep,
        "<p>".to_string() + &"word ".repeat(200_000),
        "<nav><svg><p>".repeat(100_000),
        "\u{feff}\0\u{fffd}<p>&#xffffffff; &#0; &amp</p>".to_string(),
    ];
    for page in &cases {
        let html = extract(Format::Html, page);
        let text = extract(Format::Text, page);
        assert!(html.paragraphs.len() <= html.body.len() + 1 && text.paragraphs.len() <= text.body.len() + 1);
    }
}
