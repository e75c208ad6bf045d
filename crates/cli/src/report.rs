//! The human-readable report of one analysed document.

use std::fmt::Write;

use newsgraph_doc::{Document, MentionKind, Participant, Quote, QuoteKind};

/// Title, date and byline, then each quote with its speaker and context,
/// the actors, and the events in the order the article tells them.
pub fn render(doc: &Document) -> String {
    let a = &doc.article;
    let mut out = String::new();
    let title = a.title.as_deref().unwrap_or("(untitled)");
    let _ = writeln!(out, "{title}");
    let _ = writeln!(out, "{}", "=".repeat(title.chars().count().min(100)));
    let mut facts = vec![format!("source: {}", doc.source)];
    let published = match (&a.published, &a.published_inferred) {
        (Some(date), _) => date.clone(),
        (None, Some(inferred)) => {
            format!("unknown, inferred {} ({} confidence)", inferred.date, inferred.confidence.as_str())
        }
        (None, None) => "unknown".to_string(),
    };
    facts.push(format!("published: {published}"));
    if !a.byline.is_empty() {
        facts.push(format!("by: {}", a.byline.join(", ")));
    }
    if let Some(lang) = &a.language {
        facts.push(format!("language: {lang}"));
    }
    let _ = writeln!(out, "{}", facts.join(" | "));
    if let (None, Some(inferred)) = (&a.published, &a.published_inferred) {
        let _ = writeln!(out, "date inferred from: {}", inferred.reason);
    }
    let words = a.body.split_whitespace().count();
    let _ = writeln!(out, "{} paragraphs, {} sentences, {words} words", a.paragraphs.len(), doc.sentences.len());

    let (speech, other): (Vec<&Quote>, Vec<&Quote>) = doc.quotes.iter().partition(|q| q.speech);
    let _ = writeln!(out, "\n{} quote(s)", speech.len());
    for (i, q) in speech.iter().enumerate() {
        render_quote(&mut out, i + 1, q);
    }
    if !other.is_empty() {
        let _ = writeln!(out, "\n{} other attribution(s): beliefs, positions, findings", other.len());
        for q in other {
            let who = q.speaker.as_ref().map_or_else(|| "(unknown)".to_string(), |s| s.names());
            let cue = q.cue.as_ref().map_or("-", |c| c.text.as_str());
            let _ = writeln!(out, "  - {who} [{cue}] {}", clip(&q.text, 100));
        }
    }
    render_times(&mut out, doc);
    render_actors(&mut out, doc);
    render_events(&mut out, doc);
    out.push('\n');
    out
}

/// The people, organisations and countries, most mentioned first.
fn render_actors(out: &mut String, doc: &Document) {
    if doc.actors.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{} actor(s)", doc.actors.len());
    let mut order: Vec<usize> = (0..doc.actors.len()).collect();
    order.sort_by_key(|&a| (std::cmp::Reverse(doc.actors[a].mentions.len()), a));
    for a in order {
        let actor = &doc.actors[a];
        let mut line = format!("  - {} ({}", actor.name, actor.kind.name());
        if let Some(code) = &actor.country {
            let _ = write!(line, ", {code}");
        }
        line.push(')');
        if let Some(d) = actor.descriptors.first() {
            let _ = write!(line, ", {}", clip(d, 80));
        }
        if !actor.aliases.is_empty() {
            let _ = write!(line, "; also {}", actor.aliases.join(", "));
        }
        let _ = writeln!(out, "{line}; {} mention(s)", actor.mentions.len());
    }
}

/// Each event: date where known, type, who did it to whom, and the trigger.
fn render_events(out: &mut String, doc: &Document) {
    if doc.events.is_empty() {
        return;
    }
    let name = |p: &Option<Participant>| match p {
        Some(p) => {
            let name = p.actor.map_or(p.mention.text.as_str(), |a| doc.actors[a].name.as_str());
            if p.implied {
                format!("({name})")
            } else {
                name.to_string()
            }
        }
        None => "-".to_string(),
    };
    let _ = writeln!(out, "\n{} event(s)", doc.events.len());
    for e in &doc.events {
        let when = e.when.as_deref().unwrap_or("date unknown");
        let _ = writeln!(
            out,
            "  - {when:<12} {:<9} {} -> {}  [{}; CAMEO {}]",
            e.code,
            name(&e.source),
            name(&e.target),
            clip(&e.trigger.text, 40),
            e.cameo
        );
    }
}

/// The time expressions, each with its TimeML type and resolved value.
fn render_times(out: &mut String, doc: &Document) {
    if doc.times.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{} time expression(s)", doc.times.len());
    for t in &doc.times {
        let kind = t.kind.as_str();
        let value = t.value.as_deref().unwrap_or("(no anchor)");
        let _ = writeln!(out, "  - {} [{kind}] {value} · at {}..{}", t.mention.text, t.mention.start, t.mention.end);
    }
}

/// `text` cut to `n` characters, with an ellipsis when cut.
fn clip(text: &str, n: usize) -> String {
    match text.char_indices().nth(n) {
        Some((b, _)) => format!("{}…", &text[..b]),
        None => text.to_string(),
    }
}

fn render_quote(out: &mut String, number: usize, q: &Quote) {
    let kind = match q.kind {
        QuoteKind::Direct => "direct",
        QuoteKind::Mixed => "mixed",
        QuoteKind::Indirect => "indirect",
    };
    let who = match &q.speaker {
        Some(s) => {
            let mut who = s.names();
            if let Some(m) = s.mention.as_ref().filter(|m| m.text != who) {
                let _ = write!(who, " (as \"{}\")", m.text);
            }
            if s.mention_kind == MentionKind::Continuation {
                who.push_str(" (continuing)");
            }
            if let Some(d) = &s.descriptor {
                let _ = write!(who, ", {}", d.text);
            }
            who
        }
        None => "(unknown speaker)".to_string(),
    };
    let _ = writeln!(out, "\n{number:>3}. {who}");
    let _ = writeln!(out, "     [{kind}] \u{201c}{}\u{201d}", q.text);
    let mut context = Vec::new();
    for (label, m) in [("cue", &q.cue), ("outlet", &q.outlet), ("channel", &q.channel)] {
        if let Some(m) = m {
            context.push(format!("{label}: {}", m.text));
        }
    }
    if let Some(when) = &q.when {
        match &q.when_value {
            Some(value) => context.push(format!("when: {} ({value})", when.text)),
            None => context.push(format!("when: {}", when.text)),
        }
    }
    context.push(format!("at {}..{}", q.start, q.end));
    let _ = writeln!(out, "     {}", context.join(" · "));
}
