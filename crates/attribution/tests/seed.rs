//! End to end over the seed article (a public-domain VOA story) through the
//! pipeline, against its hand-made gold: every gold quote found with the
//! right canonical speaker, at most two spurious quotes.

use newsgraph_pipeline::Pipeline;

const PAGE: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/voa-emboldened-north-korea.txt"));
const GOLD: &str =
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/voa-emboldened-north-korea.gold.json"));

#[test]
fn seed_quotes_and_speakers() {
    let page = newsgraph_input_page(PAGE);
    let mut doc = Pipeline::new().analyze(&page);
    // The gold marks statements of speech; attributed beliefs are another list.
    doc.quotes.retain(|q| q.speech);
    let gold: serde_json::Value = serde_json::from_str(GOLD).unwrap();
    let body = &doc.article.body;
    let mut used = vec![false; doc.quotes.len()];
    for g in gold["quotes"].as_array().unwrap() {
        let text = g["text"].as_str().unwrap();
        let at = body.find(text).unwrap_or_else(|| panic!("gold text not in body: {text}"));
        let start = body[..at].chars().count();
        let end = start + text.chars().count();
        let covered = |q: &newsgraph_doc::Quote| {
            q.spans.iter().map(|s| s.end.min(end).saturating_sub(s.start.max(start))).sum::<usize>()
        };
        let (i, q) = doc
            .quotes
            .iter()
            .enumerate()
            .filter(|(i, q)| !used[*i] && covered(q) * 5 >= (end - start) * 4)
            .max_by_key(|(_, q)| covered(q))
            .unwrap_or_else(|| panic!("gold quote not found: {text}"));
        used[i] = true;
        let mut accepted = vec![g["speaker"].as_str().unwrap()];
        accepted.extend(g["speaker_alt"].as_array().into_iter().flatten().filter_map(|s| s.as_str()));
        let name = &q.speaker.as_ref().unwrap().name;
        assert!(accepted.contains(&name.as_str()), "{text}: speaker {name}, gold {accepted:?}");
    }
    let spurious = used.iter().filter(|u| !**u).count();
    assert!(spurious <= 2, "{spurious} spurious quotes");
}

fn newsgraph_input_page(text: &str) -> newsgraph_input::Page {
    newsgraph_input::Page {
        source: "voa-emboldened-north-korea.txt".into(),
        format: newsgraph_input::Format::Text,
        charset: "UTF-8",
        text: text.to_string(),
    }
}
