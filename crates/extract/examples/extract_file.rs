//! Prints what extraction makes of one page: extract_file FILE [html|text]
fn main() {
    let path = std::env::args().nth(1).expect("usage: extract_file FILE [html|text]");
    let raw = std::fs::read(&path).expect("readable file");
    let text = String::from_utf8_lossy(&raw);
    let format = match std::env::args().nth(2).as_deref() {
        Some("text") => newsgraph_doc::Format::Text,
        _ => newsgraph_doc::Format::Html,
    };
    let article = newsgraph_extract::extract(format, &text);
    println!(
        "title: {:?}\nbyline: {:?}\npublished: {:?} ({:?})",
        article.title, article.byline, article.published, article.published_source
    );
    println!("language: {:?}\nsite: {:?}\nurl: {:?}\n", article.language, article.site_name, article.url);
    println!("{}", article.body);
}
