//! Indirect (reported) speech in sentences without quotation marks:
//! `X said (that) ...`, `X told Y that ...`, `according to X, ...`,
//! `..., X says`.

use newsgraph_doc::{MentionKind, QuoteKind};

use crate::candidate::Candidate;
use crate::lexicon::{self, Cue};
use crate::speaker;
use crate::words::Words;

/// Fewest content tokens that make a statement.
const MIN_CONTENT: usize = 2;

/// How far after a `told`-type cue its `that` may come (`told VOA Korean via email Tuesday that`).
const MAX_ADDRESSEE: usize = 15;

/// The reported statements of sentence `w`: one, or for `X said A and
/// warned B` one a cue.
pub fn candidates(w: &Words) -> Vec<Candidate> {
    let mut end = w.len();
    while end > 0 && w.is_punct(end - 1) {
        end -= 1;
    }
    according_to(w, end)
        .or_else(|| trailing_frame(w, end))
        .or_else(|| parenthetical_frame(w, end))
        .map(|c| vec![c])
        .or_else(|| leading_frame(w, end))
        .or_else(|| participle(w, end).map(|c| vec![c]))
        .unwrap_or_default()
}

/// `X protested the bills, saying (that) CONTENT`: the sentence's subject
/// is the speaker.
fn participle(w: &Words, end: usize) -> Option<Candidate> {
    let (cue, kind) = (1..end).find_map(|i| Some((i, opens_statement(w, i)?)))?;
    let speaker = speaker::sentence_subject_phrase(w)?;
    let content = content_start(w, cue, kind, end)?;
    (end.saturating_sub(content) >= MIN_CONTENT).then(|| Candidate {
        kind: QuoteKind::Indirect,
        content: vec![w.bytes(content, end)],
        cue: Some(w.spans[cue].clone()),
        speaker: Some(speaker),
        frame: vec![w.bytes(0, content)],
        bare: false,
        clause: Vec::new(),
        speech: true,
    })
}

/// `According to X, CONTENT` or `CONTENT, according to X`.
fn according_to(w: &Words, end: usize) -> Option<Candidate> {
    let at = (0..end.saturating_sub(1)).find(|&i| w.is(i, "according") && w.is(i + 1, "to"))?;
    let content_after = |after: usize| {
        if at == 0 {
            (after < end && w.get(after) == ",").then(|| after + 1..end)
        } else {
            (w.get(at - 1) == "," && after == end).then_some(0..at - 1)
        }
    };
    // A source the speaker grammar reads short (`a new report` of `a new
    // report by Politico,`) is taken whole, up to its comma.
    let ((speaker, after), content) = [speaker::after_cue(w, at + 2, end, at > 0), speaker::any_phrase(w, at + 2, end)]
        .into_iter()
        .flatten()
        .find_map(|(speaker, after)| content_after(after).map(|content| ((speaker, after), content)))?;
    let cue = w.bytes(at, at + 2);
    (content.len() >= MIN_CONTENT).then(|| Candidate {
        kind: QuoteKind::Indirect,
        content: vec![w.bytes(content.start, content.end)],
        frame: vec![w.bytes(at, after.max(at + 2))],
        cue: Some(cue),
        speaker: Some(speaker),
        bare: false,
        clause: Vec::new(),
        speech: true,
    })
}

/// `CONTENT, X said.` or `CONTENT, said X.`: a comma opens the frame, which
/// runs to the end of the sentence with nothing but adjuncts after it. The
/// frame may hold commas of its own (`, said Ana Ruiz, a spokeswoman for the
/// agency.`), so the last few commas are tried, the rightmost first.
fn trailing_frame(w: &Words, end: usize) -> Option<Candidate> {
    (1..end).rev().filter(|&i| w.get(i) == ",").take(3).find_map(|comma| trailing_frame_at(w, comma, end))
}

fn trailing_frame_at(w: &Words, comma: usize, end: usize) -> Option<Candidate> {
    let start = comma + 1;
    // `, told reporters`: whom a Tell cue names after it is spoken to.
    let inverted = start < end && w.is_lowercase(start) && lexicon::cue(w.get(start)).is_some_and(|c| c != Cue::Tell);
    let (cue, speaker, after) = if inverted {
        let (speaker, after) = speaker::after_cue(w, start + 1, end, true)?;
        (start, speaker, after)
    } else {
        let cue = (start..end).find(|&k| w.is_lowercase(k) && lexicon::cue(w.get(k)).is_some())?;
        let speaker = speaker::before_cue(w, start, cue)?;
        if speaker.mention.start != w.spans[start].start {
            return None;
        }
        (cue, speaker, cue + 1)
    };
    let rest = after..end;
    let addressee = lexicon::cue(w.get(cue)) == Some(Cue::Tell) && rest.len() <= 4;
    if !(addressee || skip_adjuncts(w, after, end) == end) || comma < MIN_CONTENT {
        return None;
    }
    Some(Candidate {
        kind: QuoteKind::Indirect,
        content: vec![w.bytes(0, comma)],
        cue: Some(speaker::cue_phrase(w, start, cue)),
        speaker: Some(speaker),
        frame: vec![w.bytes(start, end)],
        bare: false,
        clause: Vec::new(),
        speech: true,
    })
}

/// `CONTENT, X said, CONTENT.`: a frame between commas splits the statement
/// into two pieces.
fn parenthetical_frame(w: &Words, end: usize) -> Option<Candidate> {
    (MIN_CONTENT..end).filter(|&c| w.get(c) == ",").find_map(|open| {
        let start = open + 1;
        let cue =
            (start..end.min(start + 8)).find(|&k| w.is_lowercase(k) && lexicon::cue(w.get(k)) == Some(Cue::Say))?;
        let speaker = speaker::before_cue(w, start, cue)?;
        if speaker.mention.start != w.spans[start].start || speaker.descriptor.is_some() {
            return None;
        }
        // The frame closes at the first comma among the adjuncts after the
        // cue (`said, however,`); the statement resumes after them.
        let resume = skip_adjuncts(w, cue + 1, end);
        let close = (cue + 1..resume).find(|&i| w.get(i) == ",")?;
        (resume + MIN_CONTENT <= end).then(|| Candidate {
            kind: QuoteKind::Indirect,
            content: vec![w.bytes(0, open), w.bytes(resume, end)],
            cue: Some(speaker::cue_phrase(w, start, cue)),
            speaker: Some(speaker),
            frame: vec![w.bytes(start, close)],
            bare: false,
            clause: Vec::new(),
            speech: true,
        })
    })
}

/// `X said (that) CONTENT`, `X told Y that CONTENT`: the first cue with a
/// speaker before it and a clause after it; then each further statement
/// of the speaker the content runs into (`..., but pledged to remain
/// civil`, `..., but he said ...`).
fn leading_frame(w: &Words, end: usize) -> Option<Vec<Candidate>> {
    let (mut cue, mut speaker, mut content) = (0..end).filter(|&k| w.is_lowercase(k)).find_map(|k| {
        let speaker = speaker::before_cue(w, 0, k).or_else(|| speaker::coordinated_subject(w, k))?;
        let content = content_start(w, k, lexicon::cue(w.get(k))?, end)?;
        (end - content >= MIN_CONTENT).then_some((k, speaker, content))
    })?;
    let mut frame_start = 0;
    let mut found = Vec::new();
    loop {
        let next = second_statement(w, content, end);
        let stop = next.map_or(end, |(stop, _)| stop);
        if stop - content < MIN_CONTENT {
            break;
        }
        found.push(Candidate {
            kind: QuoteKind::Indirect,
            content: vec![w.bytes(content, stop)],
            cue: Some(speaker::cue_phrase(w, frame_start, cue)),
            speaker: Some(speaker.clone()),
            frame: vec![w.bytes(frame_start, content)],
            bare: false,
            clause: Vec::new(),
            speech: true,
        });
        let Some((_, next_cue)) = next else { break };
        let kind = lexicon::cue(w.get(next_cue)).or_else(|| lexicon::participle_cue(w.get(next_cue)));
        let next_content = kind.and_then(|kind| content_start(w, next_cue, kind, end));
        let Some(next_content) = next_content else { break };
        // `but he said`: the pronoun is the speaker, the same one mostly.
        speaker = speaker::before_cue(w, stop + 1, next_cue).unwrap_or(speaker);
        (cue, content, frame_start) = (next_cue, next_content, stop);
    }
    (!found.is_empty()).then_some(found)
}

/// The cue role of word `i` if it is a participle opening a statement of
/// its own after a comma (`, arguing that ...`).
pub(crate) fn opens_statement(w: &Words, i: usize) -> Option<Cue> {
    (i > 0 && w.get(i - 1) == "," && w.is_lowercase(i)).then(|| lexicon::participle_cue(w.get(i))).flatten()
}

/// Where a second statement of the speaker starts inside the content
/// running from `from` (`said they want justice, but pledged to remain
/// civil`, `told CNN that ..., but he said witnesses saw a gun`, `said A,
/// arguing that B`): a conjunction, then perhaps a pronoun and adverbs, then
/// a cue; or a comma and a participle cue. PolNeAR makes that a relation of
/// its own, so the first content ends before the conjunction or comma: that
/// end, and the second cue.
pub(crate) fn second_statement(w: &Words, from: usize, end: usize) -> Option<(usize, usize)> {
    (from + MIN_CONTENT..end).find_map(|j| {
        if opens_statement(w, j).is_some() {
            return Some((j - 1, j));
        }
        if !w.is_lowercase(j) || !lexicon::is_in(&["and", "but", "although", "though", "while"], w.get(j)) {
            return None;
        }
        let stop = if w.get(j - 1) == "," { j - 1 } else { j };
        let mut k = j + 1;
        if k < end && w.is_lowercase(k) && lexicon::pronoun(w.get(k)).is_some() {
            k += 1;
        }
        while k < end && lexicon::modifies_cue(w.get(k)) {
            k += 1;
        }
        if k < end && w.is_lowercase(k) && lexicon::cue(w.get(k)).is_some() {
            return Some((stop, k));
        }
        // `emphasized that ..., and human rights groups warned that ...`: after
        // a comma, a speaker of its own; without one, a name whose cue
        // opens a clause (`said it was poor and Mr. Wilkinson predicted
        // that ...`).
        let (cue, speaker) = other_speaker_cue(w, j + 1, end)?;
        let named = speaker.kind == MentionKind::Name && cue + 1 < end && w.is(cue + 1, "that");
        (stop < j || named).then_some((stop, cue))
    })
}

/// Most tokens between a conjunction and the cue of a speaker it introduces.
const MAX_SECOND_SPEAKER: usize = 8;

/// The cue of a statement whose speaker phrase opens at token `start`, and the phrase
/// (`human rights groups warned`), if one follows it closely.
fn other_speaker_cue(w: &Words, start: usize, end: usize) -> Option<(usize, speaker::SpeakerPhrase)> {
    let cue = (start + 1..end.min(start + 1 + MAX_SECOND_SPEAKER))
        .find(|&k| w.is_lowercase(k) && lexicon::cue(w.get(k)).is_some())?;
    let speaker = speaker::before_cue(w, start, cue)?;
    (speaker.mention.start == w.spans[start].start).then_some((cue, speaker))
}

/// Where the content of cue `k` begins: after its addressee and adjuncts, at
/// the complementizer if there is one (`that`, `whether`, `if` open the
/// reported clause, and PolNeAR and GGT mark them as part of it).
fn content_start(w: &Words, k: usize, kind: Cue, end: usize) -> Option<usize> {
    let complementizer = || {
        let mut i = k + 1;
        while i < end.min(k + 1 + MAX_ADDRESSEE) {
            let word = w.get(i);
            if matches!(word, "“" | "\"") {
                // `told NBC’s “Today” show that`: a short title in quotation
                // marks may name the addressee; a longer quotation ends the search.
                let close = (i + 1..end.min(i + 8)).find(|&j| matches!(w.get(j), "”" | "\""))?;
                i = close + 1;
                continue;
            }
            if matches!(word, "." | ";" | ":") {
                return None;
            }
            if w.is_lowercase(i) && (lexicon::is_complementizer(word) || kind == Cue::Tell && lexicon::is_wh(word)) {
                return Some(i);
            }
            i += 1;
        }
        None
    };
    match kind {
        Cue::Tell => return complementizer().or_else(|| clause_after_addressee(w, k, end)),
        Cue::Evidence => return complementizer().filter(|&that| w.get(that) == "that"),
        Cue::Say => {}
    }
    let i = skip_adjuncts(w, k + 1, end);
    if i >= end {
        return None;
    }
    if w.get(i) == "that" {
        return Some(i);
    }
    let approximate = i + 1 < end && lexicon::approximates(w.get(i), w.get(i + 1));
    if lexicon::blocks_content(w.get(i)) && !approximate {
        // `said in the company’s blog post that ...`
        return complementizer();
    }
    if w.is_punct(i) || w.is_capitalized(i) && i + 1 == end {
        return None;
    }
    Some(i)
}

/// `told CTV News it has not ...`, `told reporters the plan ...`: after a
/// `tell` verb and a named or pronoun addressee, a clause opening with a
/// pronoun, article or name.
fn clause_after_addressee(w: &Words, k: usize, end: usize) -> Option<usize> {
    if !["told", "tells", "tell"].contains(&w.get(k)) {
        return None;
    }
    let mut i = k + 1;
    if i < end && ["reporters", "journalists", "him", "her", "them", "me", "us"].contains(&w.get(i)) {
        i += 1;
    } else if i + 1 < end && lexicon::is_determiner(w.get(i)) && w.is_lowercase(i) {
        // `told the jury he ...`: a determiner and up to three lowercase words.
        i += 1;
        let first = i;
        while i < end
            && i < first + 3
            && w.is_lowercase(i)
            && !lexicon::is_stop_word(w.get(i))
            && !lexicon::is_determiner(w.get(i))
            && lexicon::pronoun(w.get(i)).is_none()
        {
            i += 1;
        }
        if i == first {
            return None;
        }
    } else {
        while i < end && w.is_capitalized(i) && !lexicon::is_in(lexicon::WEEKDAYS, w.get(i)) {
            i += 1;
        }
    }
    if i == k + 1 {
        return None;
    }
    let i = skip_adjuncts(w, i, end);
    let opens = i < end
        && (lexicon::pronoun(w.get(i)).is_some()
            || lexicon::is_determiner(w.get(i))
            || ["it", "there"].iter().any(|o| w.is(i, o)));
    opens.then_some(i)
}

/// Skips what may stand between a cue and its content: commas, adverbs
/// (`, however,`), times (`Tuesday`, `on Monday`, `earlier this month`) and
/// channels (`in a statement`, `via email`).
fn skip_adjuncts(w: &Words, mut i: usize, end: usize) -> usize {
    loop {
        let before = i;
        while i < end
            && (w.get(i) == ","
                || is_time_word(w, i)
                || w.is_lowercase(i)
                    && (lexicon::is_adverb(w.get(i))
                        || ["however", "also", "again", "too", "then"].contains(&w.get(i))))
        {
            i += 1;
        }
        if i + 1 < end && w.is(i, "on") && is_time_word(w, i + 1) {
            i += 2;
        }
        // `in July`, `on March 3`
        if i + 1 < end
            && (w.is(i, "in") || w.is(i, "on"))
            && w.is_capitalized(i + 1)
            && lexicon::is_in(lexicon::MONTHS, w.get(i + 1))
        {
            i += 2;
            if i < end && w.get(i).starts_with(|c: char| c.is_ascii_digit()) {
                i += 1;
            }
        }
        if i < end && w.is_lowercase(i) && lexicon::is_in(lexicon::CHANNEL_PREPOSITIONS, w.get(i)) {
            // `in a statement`, `in his New Year's speech`: a short noun
            // phrase, one determiner at most, that a channel word ends.
            let mut j = i + 1;
            let inside =
                |j: usize| (!w.is_punct(j) || w.is_possessive(j)) && (j == i + 1 || !lexicon::is_determiner(w.get(j)));
            while j < end && j < i + 6 && !lexicon::is_channel(w.get(j)) && inside(j) {
                j += 1;
            }
            if j < end && lexicon::is_channel(w.get(j)) && w.is_lowercase(j) {
                i = j + 1;
                while i < end && lexicon::is_channel(w.get(i)) {
                    i += 1;
                }
            }
        }
        if i == before {
            return i;
        }
    }
}

fn is_time_word(w: &Words, i: usize) -> bool {
    let t = w.get(i);
    (w.is_capitalized(i) && lexicon::is_in(lexicon::WEEKDAYS, t))
        || (w.is_lowercase(i)
            && (lexicon::is_in(lexicon::TIME_UNITS, t)
                || lexicon::is_in(lexicon::TIME_WORDS, t)
                || ["last", "this", "next", "earlier"].contains(&t)))
}
