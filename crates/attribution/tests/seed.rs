//! End to end over the seed article (a public-domain VOA story) through the
//! pipeline, against its hand-made gold, for every tier: every gold quote
//! found with the right canonical speaker, at most two spurious quotes.

use newsgraph_attribution::{QuoteAttributor, Tier};
use newsgraph_pipeline::Pipeline;

const PAGE: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/voa-emboldened-north-korea.txt"));
const GOLD: &str =
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/voa-emboldened-north-korea.gold.json"));

#[test]
fn seed_quotes_and_speakers_rules_tier() {
    seed_quotes_and_speakers(Tier::Rules);
}

#[test]
fn seed_quotes_and_speakers_fast_tier() {
    seed_quotes_and_speakers(Tier::Fast);
}

/// Needs the encoder's weights: `bash crates/encoder/setup.sh` (CI runs it).
#[test]
fn seed_quotes_and_speakers_accurate_tier() {
    seed_quotes_and_speakers(Tier::Accurate);
}

fn seed_quotes_and_speakers(tier: Tier) {
    let page = newsgraph_input_page(PAGE);
    let attributor = QuoteAttributor::with_tier(tier).unwrap_or_else(|e| panic!("{tier:?} tier: {e}"));
    let mut doc = Pipeline::with_attributor(attributor).analyze(&page);
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
            .unwrap_or_else(|| panic!("{tier:?}: gold quote not found: {text}"));
        used[i] = true;
        let mut accepted = vec![g["speaker"].as_str().unwrap()];
        accepted.extend(g["speaker_alt"].as_array().into_iter().flatten().filter_map(|s| s.as_str()));
        let name = &q.speaker.as_ref().unwrap().name;
        assert!(accepted.contains(&name.as_str()), "{tier:?}: {text}: speaker {name}, gold {accepted:?}");
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
        url: None,
        fetched: None,
        published: None,
    }
}
