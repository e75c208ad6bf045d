//! RSS and Atom feeds read as a page an item. Every feed is invented here.

mod common;

use common::{gzip, TempFile};
use newsgraph_input::{Format, Page};

const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Harbour Town Gazette</title>
  <link>https://gazette.example/</link>
  <item>
    <title>Ferry timetable changes &amp; new routes</title>
    <link>https://gazette.example/ferry</link>
    <pubDate>Tue, 19 Nov 2024 08:05:00 -0500</pubDate>
    <dc:creator>Mira Okafor</dc:creator>
    <description>A short teaser.</description>
    <content:encoded><![CDATA[<p>The harbour board said on Monday that the <b>winter</b> ferry would run "twice an hour" & stop at Gull Point from December.</p><p>Passengers from the islands had asked for the change for years, the board's chair said.</p>]]></content:encoded>
  </item>
  <item>
    <title>Only a title</title>
    <link>https://gazette.example/empty</link>
  </item>
  <item>
    <title>Caf&eacute; owners&#8217; meeting</title>
    <guid isPermaLink="true">https://gazette.example/cafe</guid>
    <description>&lt;p&gt;Owners met at the caf&amp;eacute; on Elm Street &amp;amp; agreed on new hours.&lt;/p&gt;</description>
  </item>
</channel>
</rss>
"#;

fn ok(pages: Vec<Result<Page, newsgraph_input::InputError>>) -> Vec<Page> {
    pages.into_iter().map(|p| p.unwrap_or_else(|e| panic!("unexpected error: {e}"))).collect()
}

#[test]
fn rss_items_become_pages_with_cdata_and_entities_decoded() {
    for (name, bytes) in [("news.xml", RSS.as_bytes().to_vec()), ("news.rss.gz", gzip(RSS.as_bytes()))] {
        let file = TempFile::new(name, &bytes);
        let pages = ok(file.pages());
        assert_eq!(pages.len(), 2, "{pages:#?}");
        let (ferry, cafe) = (&pages[0], &pages[1]);
        assert_eq!(ferry.source, format!("{}#1 <https://gazette.example/ferry>", file.name()));
        assert_eq!(ferry.url.as_deref(), Some("https://gazette.example/ferry"));
        assert_eq!(ferry.published.as_deref(), Some("2024-11-19T08:05:00-05:00"));
        assert_eq!((ferry.format, ferry.charset, ferry.fetched.as_deref()), (Format::Html, "UTF-8", None));
        assert!(ferry.text.contains("<h1>Ferry timetable changes &amp; new routes</h1>"), "{}", ferry.text);
        assert!(ferry.text.contains(r#"the <b>winter</b> ferry would run "twice an hour" & stop"#), "{}", ferry.text);
        assert!(!ferry.text.contains("teaser"), "content:encoded is preferred to the description");

        // The second item has no content; numbering still counts it.
        assert_eq!(cafe.source, format!("{}#3 <https://gazette.example/cafe>", file.name()));
        assert!(cafe.text.contains("<title>Café owners’ meeting</title>"), "{}", cafe.text);
        assert!(cafe.text.contains("<p>Owners met at the caf&eacute; on Elm Street &amp; agreed"), "{}", cafe.text);
        assert_eq!(cafe.published, None);
    }
}

#[test]
fn an_rss_item_page_reads_as_an_article() {
    let file = TempFile::new("article.xml", RSS.as_bytes());
    let page = ok(file.pages()).remove(0);
    let article = newsgraph_extract::extract(page.format, &page.text);
    assert_eq!(article.title.as_deref(), Some("Ferry timetable changes & new routes"));
    assert!(article.published.as_deref().is_some_and(|d| d.starts_with("2024-11-19")), "{:?}", article.published);
    assert_eq!(article.byline, ["Mira Okafor"]);
    assert!(article.body.contains("twice an hour"), "{}", article.body);
}

#[test]
fn atom_entries_become_pages() {
    let atom = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Valley Notes</title>
  <link href="https://valley.example/"/>
  <updated>2025-02-03T12:00:00Z</updated>
  <entry>
    <title type="text">Bridge reopens after repairs</title>
    <link rel="enclosure" href="https://valley.example/bridge.jpg"/>
    <link rel="alternate" type="text/html" href="https://valley.example/bridge"/>
    <id>tag:valley.example,2025:bridge</id>
    <published>2025-02-01T07:30:00+01:00</published>
    <updated>2025-02-02T10:00:00+01:00</updated>
    <author><name>Tomas Lind</name><email>t@valley.example</email></author>
    <content type="html">&lt;p&gt;The bridge over the river reopened on Saturday.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Library hours</title>
    <link href="https://valley.example/library"/>
    <updated>2025-02-02T09:00:00Z</updated>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>The library opens at <em>nine</em> &amp; closes at six.</p></div></content>
  </entry>
  <entry>
    <title>Budget vote</title>
    <link href="https://valley.example/budget"/>
    <summary>Council votes 5 &lt; 7 on the budget.</summary>
  </entry>
</feed>
"#;
    let file = TempFile::new("valley.atom", atom.as_bytes());
    let pages = ok(file.pages());
    assert_eq!(pages.len(), 3, "{pages:#?}");
    let urls: Vec<_> = pages.iter().map(|p| p.url.as_deref().unwrap()).collect();
    assert_eq!(
        urls,
        ["https://valley.example/bridge", "https://valley.example/library", "https://valley.example/budget"]
    );
    assert_eq!(pages[0].published.as_deref(), Some("2025-02-01T07:30:00+01:00"));
    assert!(pages[0].text.contains("<meta name=\"author\" content=\"Tomas Lind\">"), "{}", pages[0].text);
    assert!(pages[0].text.contains("<p>The bridge over the river reopened on Saturday.</p>"), "{}", pages[0].text);
    assert_eq!(pages[1].published, None, "an update time is not a publication date");
    assert!(
        pages[1].text.contains("<p>The library opens at <em>nine</em> &amp; closes at six.</p>"),
        "{}",
        pages[1].text
    );
    assert!(pages[2].text.contains("<p>Council votes 5 &lt; 7 on the budget.</p>"), "{}", pages[2].text);
}

#[test]
fn rss_1_feeds_are_read_in_their_declared_charset() {
    let rdf = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>
<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">
  <channel rdf:about=\"https://kiez.example/\"><title>Kiez</title></channel>
  <item rdf:about=\"https://kiez.example/markt\">
    <title>Wochenmarkt zieht um</title>
    <link>https://kiez.example/markt</link>
    <dc:date>2024-06-07</dc:date>
    <description>Der Markt findet ab Juli auf dem Platz vor der B\xfccherei statt.</description>
  </item>
</rdf:RDF>
";
    let file = TempFile::new("kiez.rdf", rdf);
    let pages = ok(file.pages());
    assert_eq!(pages.len(), 1);
    assert_eq!(pages[0].charset, "windows-1252");
    assert_eq!(pages[0].published.as_deref(), Some("2024-06-07"));
    assert!(pages[0].text.contains("vor der Bücherei statt"), "{}", pages[0].text);
}

#[test]
fn a_feed_that_is_not_well_formed_ends_with_an_error_naming_the_position() {
    let broken = "<rss version=\"2.0\"><channel>
<item><title>Fine</title><link>https://x.example/1</link><description>Kept.</description></item>
<item><title>Broken</titel><description>Lost.</description></item>
</channel></rss>";
    let file = TempFile::new("broken.xml", broken.as_bytes());
    let pages = file.pages();
    assert_eq!(pages.len(), 2, "{pages:#?}");
    assert_eq!(pages[0].as_ref().unwrap().url.as_deref(), Some("https://x.example/1"));
    let error = pages[1].as_ref().unwrap_err();
    assert_eq!(error.source, file.name());
    assert!(error.reason.starts_with("not a well-formed feed: line 3, column "), "{error}");
}
