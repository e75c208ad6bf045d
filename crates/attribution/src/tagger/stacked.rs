//! What each tier's second tagger sees: the first one's labels.
//!
//! Stacked sequential learning (Cohen and Carvalho, 2005): a first tagger
//! labels the paragraph, and a second reads those labels as features
//! beside the first one's own. Viterbi over label pairs sees only the
//! neighbouring label; the second tagger sees the whole neighbourhood the
//! first predicted: a cue three tokens on, a source somewhere left in the
//! sentence, whether the token closes a predicted span. At training time the
//! first labels must come from a tagger that has not seen the article
//! (the fold taggers of `tagger::train`), as they do at run time.

use newsgraph_learn::{hash_ascii_lowercase, FeatureRows, Features};

use super::features::{bucket, cluster, in_paragraph};
use super::{role_spans, Role};
use crate::words::Tokenized;

/// Template names, hashed at compile time.
mod t {
    use newsgraph_learn::hash;
    pub const LABEL: [u64; 7] =
        [hash("l-3"), hash("l-2"), hash("l-1"), hash("l"), hash("l+1"), hash("l+2"), hash("l+3")];
    pub const LABEL_PAIR: [u64; 2] = [hash("l-1l"), hash("ll+1")];
    pub const LABEL3: u64 = hash("l-1ll+1");
    pub const BEFORE: u64 = hash("role-before");
    pub const AFTER: u64 = hash("role-after");
    pub const SIDES: u64 = hash("roles-sides");
    pub const SPAN: u64 = hash("span-position");
    pub const LABEL_WORD: u64 = hash("l-w");
    pub const LABEL_CLUSTER: u64 = hash("l-c256");
    pub const MARGIN: u64 = hash("l-margin");
}

const ROLES: [Role; 3] = [Role::Source, Role::Cue, Role::Content];

/// What the first tagger made of each token of the document.
pub struct FirstLevel {
    /// Its label.
    pub labels: Vec<usize>,
    /// Its emission score for that label less the best other label's.
    pub margins: Vec<f32>,
}

/// Each token's `base` features followed by those read from `first`.
pub fn extract(bits: u32, body: &str, grid: &Tokenized, base: &FeatureRows, first: &FirstLevel) -> FeatureRows {
    let n = grid.tokens.len();
    let labels = &first.labels;
    let (before, after) = nearest_roles(grid, labels);
    let position = span_positions(grid, labels);
    let mut out = FeatureRows::with_capacity(n, 72);
    let mut f = Features::new(bits);
    let mut row: Vec<u32> = Vec::with_capacity(96);
    for i in 0..n {
        let paragraph = grid.paragraph_of(i);
        let label = |k: isize| in_paragraph(&paragraph, i, k, |j| labels[j] as u64);
        f.clear();
        for (k, template) in (-3..=3).zip(t::LABEL) {
            f.add(template, &[label(k)]);
        }
        f.add(t::LABEL_PAIR[0], &[label(-1), label(0)]);
        f.add(t::LABEL_PAIR[1], &[label(0), label(1)]);
        f.add(t::LABEL3, &[label(-1), label(0), label(1)]);
        for (r, role) in ROLES.iter().enumerate() {
            let (b, a) = (before[i][r], after[i][r]);
            f.add(t::BEFORE, &[*role as u64, b.map_or(99, bucket)]);
            f.add(t::AFTER, &[*role as u64, a.map_or(99, bucket)]);
            f.add(t::SIDES, &[*role as u64, u64::from(b.is_some()), u64::from(a.is_some()), label(0)]);
        }
        if let Some((role, place)) = position[i] {
            f.add(t::SPAN, &[role as u64, place as u64]);
        }
        let word = hash_ascii_lowercase(&body[grid.tokens[i].clone()]);
        f.add(t::LABEL_WORD, &[label(0), word]);
        f.add(t::LABEL_CLUSTER, &[label(0), cluster(word, 1)]);
        f.add(t::MARGIN, &[label(0), margin_bucket(first.margins[i])]);
        row.clear();
        row.extend_from_slice(base.token(i));
        row.extend_from_slice(f.indices());
        out.push(&row);
    }
    out
}

/// A distance to the nearest token of each of [`ROLES`], if there is one.
type Distances = [Option<usize>; 3];

/// For each token and role, the distance to the nearest token of that role
/// before it and after it in its sentence, as the first tagger labelled them.
fn nearest_roles(grid: &Tokenized, labels: &[usize]) -> (Vec<Distances>, Vec<Distances>) {
    let n = labels.len();
    let (mut before, mut after) = (vec![[None; 3]; n], vec![[None; 3]; n]);
    let slot = |label: usize| Role::of_label(label).and_then(|role| ROLES.iter().position(|&r| r == role));
    for sentence in &grid.sentences {
        let mut last: Distances = [None; 3];
        for i in sentence.clone() {
            before[i] = last.map(|j| j.map(|j| i - j));
            if let Some(r) = slot(labels[i]) {
                last[r] = Some(i);
            }
        }
        let mut next: Distances = [None; 3];
        for i in sentence.clone().rev() {
            after[i] = next.map(|j| j.map(|j| j - i));
            if let Some(r) = slot(labels[i]) {
                next[r] = Some(i);
            }
        }
    }
    (before, after)
}

/// Where a token stands in the span the first tagger put it in.
#[derive(Clone, Copy)]
enum Place {
    Alone,
    First,
    Inside,
    Last,
}

/// Each token's role and place in its predicted span, if any.
fn span_positions(grid: &Tokenized, labels: &[usize]) -> Vec<Option<(Role, Place)>> {
    let mut out = vec![None; labels.len()];
    for paragraph in &grid.paragraphs {
        for (role, span) in role_spans(&labels[paragraph.clone()]) {
            let (first, last) = (span.start + paragraph.start, span.end - 1 + paragraph.start);
            for (i, slot) in (first..=last).zip(&mut out[first..=last]) {
                let place = match (i == first, i == last) {
                    (true, true) => Place::Alone,
                    (true, false) => Place::First,
                    (false, true) => Place::Last,
                    (false, false) => Place::Inside,
                };
                *slot = Some((role, place));
            }
        }
    }
    out
}

/// How sure the first tagger was, in a few steps.
fn margin_bucket(margin: f32) -> u64 {
    const STEPS: [f32; 5] = [0.0, 2.0, 5.0, 10.0, 20.0];
    STEPS.iter().filter(|&&s| margin >= s).count() as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(body: &str) -> Tokenized {
        Tokenized::new(body, &newsgraph_text::sentence_bytes(body))
    }

    #[test]
    fn roles_are_found_on_each_side_within_the_sentence() {
        // Ann said it rained . Bob left .
        let grid = grid("Ann said it rained. Bob left.");
        let labels = [1, 3, 5, 6, 6, 1, 0, 0];
        let (before, after) = nearest_roles(&grid, &labels);
        assert_eq!(before[2], [Some(2), Some(1), None], "`it`: a source two back, the cue one back");
        assert_eq!(after[0], [None, Some(1), Some(2)], "`Ann`: the cue next, content after it");
        assert_eq!(before[6], [Some(1), None, None], "`left`: the first sentence's roles are out of reach");
        assert_eq!(after[4], [None, None, None]);
    }

    #[test]
    fn each_token_knows_its_place_in_its_predicted_span() {
        let grid = grid("Ann said it rained. Bob left.");
        let places: Vec<Option<(Role, u8)>> = span_positions(&grid, &[1, 3, 5, 6, 6, 0, 0, 0])
            .into_iter()
            .map(|p| p.map(|(r, p)| (r, p as u8)))
            .collect();
        let (alone, first, inside, last) =
            (Place::Alone as u8, Place::First as u8, Place::Inside as u8, Place::Last as u8);
        assert_eq!(
            places,
            [
                Some((Role::Source, alone)),
                Some((Role::Cue, alone)),
                Some((Role::Content, first)),
                Some((Role::Content, inside)),
                Some((Role::Content, last)),
                None,
                None,
                None
            ]
        );
    }

    #[test]
    fn the_first_tokens_features_come_first_and_its_labels_add_more() {
        let body = "Ann said it rained.";
        let grid = grid(body);
        let mut base = FeatureRows::new();
        (0..grid.tokens.len() as u32).for_each(|t| base.push(&[t]));
        let level = |labels: Vec<usize>| FirstLevel { margins: vec![1.0; labels.len()], labels };
        let tagged = extract(18, body, &grid, &base, &level(vec![1, 3, 5, 6, 6]));
        let untagged = extract(18, body, &grid, &base, &level(vec![0; 5]));
        for t in 0..grid.tokens.len() {
            assert_eq!(tagged.token(t)[0], t as u32, "the first tagger's own features lead");
            assert!(tagged.token(t).len() > 1);
            assert_ne!(tagged.token(t), untagged.token(t));
        }
    }
}
