//! Actors: the people, organisations and countries an article is about,
//! each mention of one merged into a single record.
//!
//! Names come from the entity stage and from two lists: the gazetteer of
//! countries, capitals, cities and leaders ([`newsgraph_ner::gazetteer`]),
//! and the organisations event coders must know by name
//! ([`newsgraph_ner::organisations`]). A country is one actor however it is named
//! (`North Korea`, `DPRK`, `North Korean`, and `Pyongyang` for its
//! government); a person is one actor under their full name and their
//! surname (`Kim` after `Kim Jong Un`); an organisation under its name and
//! its acronym (`KCNA`). People get the titles and descriptions the text
//! gives them (`North Korean leader`, an apposition, the attribution
//! stage's speaker descriptor), and their country from those.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use newsgraph_doc::{Actor, ActorKind, CharIndex, Document, EntityLabel, MentionKind, Sector, Span};
use newsgraph_ner::gazetteer::{Gazetteer, Kind};

use newsgraph_ner::organisations::{normalise, OrganisationIndex, ORGANISATIONS};

/// Lowercase words that may stand in a title before a name (`former acting
/// U.S. assistant secretary of state Evans Revere`).
const TITLE_WORDS: &[&str] = &[
    "president",
    "president-elect",
    "vice",
    "prime",
    "minister",
    "foreign",
    "defense",
    "defence",
    "secretary",
    "state",
    "general",
    "leader",
    "supreme",
    "chairman",
    "chief",
    "king",
    "queen",
    "prince",
    "emir",
    "sheikh",
    "ambassador",
    "envoy",
    "special",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "senator",
    "sen.",
    "representative",
    "rep.",
    "governor",
    "gov.",
    "mayor",
    "former",
    "acting",
    "deputy",
    "assistant",
    "senior",
    "top",
    "chancellor",
    "official",
    "commander",
    "gen.",
    "lt.",
    "col.",
    "adm.",
    "dr.",
    "mr.",
    "mrs.",
    "ms.",
    "premier",
    "dictator",
    "leader",
    "head",
    "director",
    "of",
    "the",
    "'s",
    "’s",
    "and",
    "for",
    "u.n.",
];

/// Words that make an organisation's sector plain from its name.
const SECTOR_WORDS: &[(&str, Sector)] = &[
    ("ministry", Sector::Government),
    ("department", Sector::Government),
    ("government", Sector::Government),
    ("council", Sector::Government),
    ("parliament", Sector::Government),
    ("congress", Sector::Government),
    ("senate", Sector::Government),
    ("cabinet", Sector::Government),
    ("embassy", Sector::Government),
    ("commission", Sector::Government),
    ("police", Sector::Government),
    ("army", Sector::Military),
    ("navy", Sector::Military),
    ("forces", Sector::Military),
    ("force", Sector::Military),
    ("military", Sector::Military),
    ("command", Sector::Military),
    ("news", Sector::Media),
    ("times", Sector::Media),
    ("post", Sector::Media),
    ("journal", Sector::Media),
    ("television", Sector::Media),
    ("tv", Sector::Media),
    ("radio", Sector::Media),
    ("press", Sector::Media),
    ("daily", Sector::Media),
    ("broadcasting", Sector::Media),
    ("party", Sector::Party),
    ("inc", Sector::Company),
    ("inc.", Sector::Company),
    ("corp", Sector::Company),
    ("corp.", Sector::Company),
    ("corporation", Sector::Company),
    ("ltd", Sector::Company),
    ("company", Sector::Company),
    ("bank", Sector::Company),
    ("airlines", Sector::Company),
    ("rebels", Sector::Rebel),
    ("militia", Sector::Rebel),
    ("front", Sector::Rebel),
];

/// What a stretch of tokens names, before mentions are merged.
#[derive(Debug, Clone)]
struct Named {
    tokens: Range<usize>,
    kind: ActorKind,
    code: Option<String>,
    sector: Option<Sector>,
    /// A name for the actor's canonical form: a country's name beats its
    /// adjective and its capital.
    rank: u8,
    /// The entities this name stands for (two when the tagger split a
    /// listed name: `Korean` + `Central News Agency`).
    entities: Vec<usize>,
}

fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Merges an article's names into actors and links entities and quote
/// speakers to them. Build once, use for every document.
pub struct ActorResolver {
    gazetteer: Gazetteer,
    organisations: OrganisationIndex,
    /// A leader's surname -> the one country all leaders of that name led.
    leader_surnames: HashMap<String, String>,
    /// A leader's surname -> the other words of each leader's name.
    leader_forenames: HashMap<String, Vec<String>>,
}

impl Default for ActorResolver {
    fn default() -> Self {
        ActorResolver::new()
    }
}

/// The tokens of a document as words, with the token range of each sentence.
pub struct Words<'a> {
    pub words: Vec<&'a str>,
    pub bytes: Vec<Range<usize>>,
    pub sentence_of: Vec<usize>,
}

impl<'a> Words<'a> {
    pub fn new(doc: &'a Document, index: &CharIndex) -> Words<'a> {
        let body = doc.article.body.as_str();
        let bytes: Vec<Range<usize>> = doc.tokens.iter().map(|t| index.bytes(t.span)).collect();
        Words {
            words: bytes.iter().map(|b| &body[b.clone()]).collect(),
            bytes,
            sentence_of: doc.tokens.iter().map(|t| t.sentence).collect(),
        }
    }

    /// The tokens a character span covers.
    pub fn tokens_of(&self, doc: &Document, span: Span) -> Range<usize> {
        let start = doc.tokens.partition_point(|t| t.span.end <= span.start);
        let end = doc.tokens.partition_point(|t| t.span.start < span.end);
        start..end.max(start)
    }

    /// The token range of the sentence holding token `t`.
    pub fn sentence(&self, t: usize) -> Range<usize> {
        let s = self.sentence_of[t];
        let start = self.sentence_of.partition_point(|&x| x < s);
        let end = self.sentence_of.partition_point(|&x| x <= s);
        start..end
    }
}

impl ActorResolver {
    pub fn new() -> ActorResolver {
        let gazetteer = Gazetteer::shipped();
        // Surname -> code -> how many leaders of that name the country had.
        let mut surnames: HashMap<String, HashMap<String, usize>> = HashMap::new();
        let mut leader_forenames: HashMap<String, Vec<String>> = HashMap::new();
        for e in gazetteer.entries().iter().filter(|e| e.kind == Kind::Leader) {
            let Some((forenames, last)) = e.name.rsplit_once(' ').filter(|(_, w)| w.len() > 2) else { continue };
            *surnames.entry(last.to_string()).or_default().entry(e.code.clone()).or_default() += 1;
            leader_forenames.entry(last.to_string()).or_default().extend(forenames.split(' ').map(str::to_string));
        }
        // A surname goes to the country with most leaders of that name, if
        // no other has as many (`Bush`: two U.S. presidents, one Caymanian).
        let leader_surnames = surnames
            .into_iter()
            .filter_map(|(name, codes)| {
                let top = *codes.values().max()?;
                let mut best = codes.into_iter().filter(|&(_, n)| n == top);
                let (code, _) = best.next()?;
                best.next().is_none().then_some((name, code))
            })
            .collect();
        ActorResolver { gazetteer, organisations: OrganisationIndex::new(), leader_surnames, leader_forenames }
    }

    /// The country code a run of words names or contains, if any
    /// (`U.S.`, `North Korean leader`, `Russia's President`).
    pub fn country_in(&self, words: &[&str]) -> Option<String> {
        let lower: Vec<Cow<str>> = words.iter().map(|w| normalise(w, false)).collect();
        let exact: Vec<Cow<str>> = words.iter().map(|w| normalise(w, true)).collect();
        for start in 0..words.len() {
            if let Some((org, _)) = self.organisations.at(&lower, &exact, start) {
                return Some(ORGANISATIONS[org].code.to_string());
            }
        }
        self.gazetteer
            .matches(words)
            .into_iter()
            .find(|m| m.kind != Kind::Leader && capitalised(words[m.start]))
            .map(|m| self.gazetteer.entries()[m.entry].code.clone())
    }

    /// Fills `doc.actors` and links `doc.entities` and quote speakers to them.
    /// Needs sentences, tokens and entities.
    pub fn resolve(&self, doc: &mut Document) {
        let index = doc.char_index();
        let (actors, links) = {
            let words = Words::new(doc, &index);
            let named = self.names(doc, &words);
            let (mut actors, of_named) = self.merge(doc, &words, &named);
            self.describe_people(doc, &words, &named, &of_named, &mut actors);
            let links: Vec<(usize, usize)> =
                named.iter().zip(&of_named).flat_map(|(n, &a)| n.entities.iter().map(move |&e| (e, a))).collect();
            (actors, links)
        };
        for (e, a) in links {
            doc.entities[e].actor = Some(a);
        }
        // Each actor's names lowercased once, not once a quote.
        let names: Vec<Vec<String>> = actors
            .iter()
            .map(|a| {
                let all = std::iter::once(&a.name).chain(&a.aliases);
                if a.kind == ActorKind::Place {
                    Vec::new()
                } else {
                    all.map(|n| n.to_lowercase()).collect()
                }
            })
            .collect();
        let named = |name: &str| {
            let name = name.to_lowercase();
            names.iter().position(|names| names.contains(&name))
        };
        for quote in &mut doc.quotes {
            let Some(speaker) = &mut quote.speaker else { continue };
            for joint in &mut speaker.joint {
                joint.actor = named(&joint.name);
            }
            speaker.actor = named(&speaker.name).or_else(|| {
                // `officials at the Department of Veterans Affairs`: people
                // named by their affiliation speak for the organisation.
                let mention = speaker.mention.as_ref().filter(|_| speaker.mention_kind == MentionKind::Nominal)?;
                // Its own part of a joint mention: after the others'.
                let start = speaker.joint.last().map_or(mention.start, |j| j.mention.end);
                actors.iter().position(|a| {
                    a.kind == ActorKind::Organisation
                        && a.mentions.iter().any(|m| start <= m.start && m.end <= mention.end)
                })
            });
        }
        doc.actors = actors;
    }

    /// Every stretch of tokens that names an actor: the entities, and list
    /// names the entity stage missed.
    fn names(&self, doc: &Document, words: &Words) -> Vec<Named> {
        let lower: Vec<Cow<str>> = words.words.iter().map(|w| normalise(w, false)).collect();
        let exact: Vec<Cow<str>> = words.words.iter().map(|w| normalise(w, true)).collect();
        // List names, sentence by sentence.
        let mut listed: Vec<Named> = Vec::new();
        let mut t = 0;
        while t < words.words.len() {
            let sentence = words.sentence(t);
            let sw = &words.words[sentence.clone()];
            // Peoples in the plural (`Algerians`, `Palestinians`) name their country too.
            let singular: Vec<&str> = sw
                .iter()
                .map(|w| match w.strip_suffix('s') {
                    Some(stem) if capitalised(w) && stem.len() > 3 && is_adjective(stem) => stem,
                    _ => w,
                })
                .collect();
            let any_plural = singular.iter().zip(sw).any(|(a, b)| a != b);
            let plurals = if any_plural { self.gazetteer.matches(&singular) } else { Vec::new() };
            let plurals = plurals
                .into_iter()
                .filter(|m| m.kind == Kind::Country && m.end == m.start + 1 && singular[m.start] != sw[m.start]);
            for m in self.gazetteer.matches(sw).into_iter().chain(plurals) {
                if !capitalised(sw[m.start]) {
                    continue;
                }
                let entry = &self.gazetteer.entries()[m.entry];
                let (kind, rank) = match m.kind {
                    Kind::Country if sw[m.start..m.end].iter().any(|w| is_adjective(w)) => (ActorKind::Country, 1),
                    Kind::Country => (ActorKind::Country, 3),
                    Kind::Capital => (ActorKind::Country, 0),
                    Kind::City | Kind::Region => (ActorKind::Place, 2),
                    Kind::Leader => (ActorKind::Person, 2),
                };
                listed.push(Named {
                    tokens: sentence.start + m.start..sentence.start + m.end,
                    kind,
                    code: Some(entry.code.clone()),
                    sector: (kind == ActorKind::Person).then_some(Sector::Government),
                    rank,
                    entities: Vec::new(),
                });
            }
            for start in sentence.clone() {
                if let Some((org, end)) = self.organisations.at(&lower[..sentence.end], &exact[..sentence.end], start) {
                    let o = &ORGANISATIONS[org];
                    listed.push(Named {
                        tokens: start..end,
                        kind: ActorKind::Organisation,
                        code: Some(o.code.to_string()),
                        sector: Some(o.sector),
                        rank: 2,
                        entities: Vec::new(),
                    });
                }
            }
            t = sentence.end;
        }
        // Longer list names first, so a name inside another one yields.
        listed.sort_by_key(|n| (n.tokens.start, std::cmp::Reverse(n.tokens.end)));
        let mut named: Vec<Named> = Vec::new();
        // `Trump-Kim meeting`: two people's names joined describe something
        // else, not a third actor.
        let person_words: std::collections::HashSet<&str> = doc
            .entities
            .iter()
            .filter(|e| e.label == EntityLabel::Per)
            .flat_map(|e| e.mention.text.split_whitespace())
            .collect();
        let joins_people = |text: &str| text.contains('-') && text.split('-').all(|part| person_words.contains(part));
        for (e, entity) in doc.entities.iter().enumerate() {
            let tokens = words.tokens_of(doc, entity.mention.span());
            if tokens.is_empty() || joins_people(&entity.mention.text) {
                continue;
            }
            let inside: Vec<&Named> =
                listed.iter().filter(|n| n.tokens.start >= tokens.start && n.tokens.end <= tokens.end).collect();
            // A listed organisation whose name runs past the entity's
            // (`Korean` + `Central News Agency` for the whole agency) wins.
            let covering = listed.iter().find(|n| {
                n.kind == ActorKind::Organisation
                    && n.tokens.start <= tokens.start
                    && n.tokens.end >= tokens.end
                    && n.tokens != tokens
            });
            if let Some(c) = covering {
                match named.iter_mut().find(|n| n.tokens == c.tokens) {
                    Some(n) => n.entities.push(e),
                    None => named.push(Named { entities: vec![e], ..c.clone() }),
                }
                continue;
            }
            let whole = inside.iter().find(|n| n.tokens == tokens);
            let entity_words = &words.words[tokens.clone()];
            // A people in the plural read as a name (`Young Algerians`).
            let people = inside.iter().find(|n| {
                n.kind == ActorKind::Country && n.tokens.end == tokens.end && words.words[n.tokens.start].ends_with('s')
            });
            let whole = whole.or(people);
            let n = match (entity.label, whole) {
                (EntityLabel::Per, Some(w)) if w.kind == ActorKind::Country => {
                    Named { entities: vec![e], tokens: tokens.clone(), ..(*w).clone() }
                }
                (EntityLabel::Per, _) => Named {
                    tokens: tokens.clone(),
                    kind: ActorKind::Person,
                    code: whole.and_then(|w| (w.kind == ActorKind::Person).then(|| w.code.clone()).flatten()),
                    sector: whole.and_then(|w| w.sector),
                    rank: 2,
                    entities: vec![e],
                },
                (_, Some(w)) => Named {
                    entities: vec![e],
                    rank: w.rank + u8::from(entity.label == EntityLabel::Loc),
                    ..(*w).clone()
                },
                (EntityLabel::Org, None) => Named {
                    tokens: tokens.clone(),
                    kind: ActorKind::Organisation,
                    code: inside.iter().find_map(|n| n.code.clone()),
                    sector: sector_of(entity_words).or_else(|| inside.iter().find_map(|n| n.sector)),
                    rank: 2,
                    entities: vec![e],
                },
                (EntityLabel::Loc, None) => Named {
                    tokens: tokens.clone(),
                    kind: ActorKind::Place,
                    code: inside.iter().find_map(|n| n.code.clone()),
                    sector: None,
                    rank: 2,
                    entities: vec![e],
                },
                (EntityLabel::Misc, None) => continue,
            };
            named.push(n);
        }
        // Names inside a listed organisation's are part of it.
        let organisations: Vec<Range<usize>> =
            named.iter().filter(|n| n.kind == ActorKind::Organisation).map(|n| n.tokens.clone()).collect();
        named.retain(|n| {
            !organisations.iter().any(|o| *o != n.tokens && o.start <= n.tokens.start && n.tokens.end <= o.end)
        });
        // List names no entity covers.
        for n in listed {
            if !named.iter().any(|m| m.tokens.start < n.tokens.end && n.tokens.start < m.tokens.end) {
                named.push(n);
            }
        }
        named.sort_by_key(|n| n.tokens.start);
        named
    }

    /// Groups the names into actors; returns the actors and each name's actor.
    fn merge(&self, doc: &Document, words: &Words, named: &[Named]) -> (Vec<Actor>, Vec<usize>) {
        let text = |n: &Named| {
            doc.article.body[words.bytes[n.tokens.start].start..words.bytes[n.tokens.end - 1].end].to_string()
        };
        let mut actors: Vec<Actor> = Vec::new();
        let mut best_rank: Vec<u8> = Vec::new();
        let mut of_named = vec![usize::MAX; named.len()];
        let mut key_of: HashMap<String, usize> = HashMap::new();
        // Longest names first, so that `Kim` finds `Kim Jong Un` already there.
        let mut order: Vec<usize> = (0..named.len()).collect();
        order.sort_by_key(|&i| (std::cmp::Reverse(named[i].tokens.len()), named[i].tokens.start));
        for i in order {
            let n = &named[i];
            let name = text(n);
            let listed = ORGANISATIONS.iter().position(|o| o.names.iter().any(|x| x.eq_ignore_ascii_case(&name)));
            let key = match (n.kind, &n.code, listed) {
                (ActorKind::Country, Some(code), _) => format!("country {code}"),
                (ActorKind::Organisation, _, Some(org)) => format!("organisation {org}"),
                _ => format!("{:?} {}", n.kind, name.to_lowercase()),
            };
            let existing = key_of.get(&key).copied().or_else(|| match n.kind {
                ActorKind::Person => person_with_words(&actors, &name),
                ActorKind::Organisation => {
                    acronym_of(&actors, &name).or_else(|| organisation_extending(&actors, &name))
                }
                _ => None,
            });
            let a = match existing {
                Some(a) => {
                    let actor = &mut actors[a];
                    if n.rank > best_rank[a] && n.kind == ActorKind::Country {
                        let old = std::mem::replace(&mut actor.name, name.clone());
                        push_alias(actor, old);
                        best_rank[a] = n.rank;
                    } else {
                        push_alias(actor, name.clone());
                    }
                    if actor.country.is_none() {
                        actor.country = n.code.clone();
                    }
                    if actor.sector.is_none() {
                        actor.sector = n.sector;
                    }
                    a
                }
                None => {
                    actors.push(Actor {
                        name: name.clone(),
                        kind: n.kind,
                        country: n.code.clone(),
                        sector: n.sector,
                        descriptors: Vec::new(),
                        aliases: Vec::new(),
                        mentions: Vec::new(),
                    });
                    best_rank.push(n.rank);
                    actors.len() - 1
                }
            };
            key_of.insert(key, a);
            of_named[i] = a;
            let span = Span::new(doc.tokens[n.tokens.start].span.start, doc.tokens[n.tokens.end - 1].span.end);
            actors[a].mentions.push(span);
        }
        for a in &mut actors {
            a.mentions.sort();
        }
        (actors, of_named)
    }
}

/// The one person actor whose name holds every word of `name`.
fn person_with_words(actors: &[Actor], name: &str) -> Option<usize> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let mut found = actors.iter().enumerate().filter(|(_, a)| {
        a.kind == ActorKind::Person && {
            let full: Vec<&str> = a.name.split_whitespace().collect();
            words.len() < full.len() && words.iter().all(|w| full.contains(w))
        }
    });
    let first = found.next().map(|(i, _)| i);
    if found.next().is_some() {
        return None;
    }
    first
}

/// The organisation whose name begins with all of `name` (`VOA Korean
/// Service` for `VOA Korean`).
fn organisation_extending(actors: &[Actor], name: &str) -> Option<usize> {
    let words: Vec<&str> = name.split_whitespace().collect();
    actors.iter().position(|a| {
        a.kind == ActorKind::Organisation && {
            let full: Vec<&str> = a.name.split_whitespace().collect();
            full.len() > words.len() && full.starts_with(&words)
        }
    })
}

impl ActorResolver {
    /// Titles before a person's name and appositions after it become the
    /// person's descriptors, and a country in them their country.
    fn describe_people(
        &self,
        doc: &Document,
        words: &Words,
        named: &[Named],
        of_named: &[usize],
        actors: &mut [Actor],
    ) {
        let body = doc.article.body.as_str();
        let text = |r: Range<usize>| body[words.bytes[r.start].start..words.bytes[r.end - 1].end].to_string();
        for (n, &a) in named.iter().zip(of_named) {
            if n.kind != ActorKind::Person {
                continue;
            }
            let sentence = words.sentence(n.tokens.start);
            // The title: back from the name over title words and capitalised words.
            let mut start = n.tokens.start;
            while start > sentence.start && start + 8 > n.tokens.start {
                let w = words.words[start - 1];
                let lower = normalise(w, false);
                if TITLE_WORDS.contains(&&*lower) || capitalised(w) && !named_is_person(named, start - 1) {
                    start -= 1;
                } else {
                    break;
                }
            }
            while start < n.tokens.start
                && matches!(&*normalise(words.words[start], false), "the" | "and" | "of" | "for" | "'s")
            {
                start += 1;
            }
            let mut descriptors = Vec::new();
            if start < n.tokens.start
                && (start..n.tokens.start).any(|t| {
                    TITLE_WORDS.contains(&&*normalise(words.words[t], false))
                        && !matches!(&*normalise(words.words[t], false), "the" | "of" | "and" | "for" | "'s")
                })
            {
                descriptors.push(start..n.tokens.start);
            }
            // The apposition: `, former U.S. special envoy ..., `.
            let after = n.tokens.end;
            if after + 1 < sentence.end && words.words[after] == "," {
                let first = normalise(words.words[after + 1], false);
                let opens = TITLE_WORDS.contains(&&*first)
                    || matches!(&*first, "a" | "an")
                    || is_adjective(words.words[after + 1]);
                if opens {
                    let end = (after + 1..sentence.end)
                        .find(|&t| matches!(words.words[t], "," | "." | ";" | "“" | "”" | "\"" | ":"))
                        .unwrap_or(sentence.end);
                    if end > after + 1 && end - after <= 25 {
                        descriptors.push(after + 1..end);
                    }
                }
            }
            for d in descriptors {
                let phrase = text(d.clone());
                if actors[a].country.is_none() {
                    actors[a].country = self.country_in(&words.words[d]);
                }
                if !actors[a].descriptors.contains(&phrase) {
                    actors[a].descriptors.push(phrase);
                }
            }
        }
        // The attribution stage's speakers: its full names (it joins a name
        // split over a line, as `Evans` / `Revere` under a heading), then
        // its descriptors.
        for quote in &doc.quotes {
            let Some(speaker) = &quote.speaker else { continue };
            if speaker.name.split_whitespace().count() < 2 || !speaker.name.split_whitespace().all(capitalised) {
                continue;
            }
            if actors.iter().any(|a| a.kind == ActorKind::Person && a.name == speaker.name) {
                continue;
            }
            let words: Vec<&str> = speaker.name.split_whitespace().collect();
            let partial = actors.iter_mut().find(|a| {
                a.kind == ActorKind::Person && {
                    let own: Vec<&str> = a.name.split_whitespace().collect();
                    own.len() < words.len() && own.iter().all(|w| words.contains(w))
                }
            });
            if let Some(actor) = partial {
                let old = std::mem::replace(&mut actor.name, speaker.name.clone());
                push_alias(actor, old);
            }
        }
        for quote in &doc.quotes {
            let Some(speaker) = &quote.speaker else { continue };
            let Some(descriptor) = &speaker.descriptor else { continue };
            let name = speaker.name.to_lowercase();
            let Some(actor) = actors.iter_mut().find(|a| a.kind == ActorKind::Person && a.name.to_lowercase() == name)
            else {
                continue;
            };
            if !actor.descriptors.contains(&descriptor.text) {
                actor.descriptors.push(descriptor.text.clone());
            }
            if actor.country.is_none() {
                let span = words.tokens_of(doc, descriptor.span());
                actor.country = self.country_in(&words.words[span]);
            }
        }
        // A person the text gives no country, named like a leader of one
        // country in the gazetteer (`President Erdogan`), is of that country;
        // a forename given must be one of that surname's leaders' (Mitt
        // Romney is not Cyril Romney, once chief minister of the British
        // Virgin Islands).
        for actor in actors.iter_mut().filter(|a| a.kind == ActorKind::Person && a.country.is_none()) {
            let name = actor.name.to_lowercase();
            let (forename, surname) = match name.rsplit_once(' ') {
                Some((rest, surname)) => (rest.split(' ').next(), surname),
                None => (None, name.as_str()),
            };
            let known = |f: &str| self.leader_forenames.get(surname).is_some_and(|names| names.iter().any(|n| n == f));
            if forename.is_none_or(known) {
                actor.country = self.leader_surnames.get(surname).cloned();
            }
        }
    }
}

fn named_is_person(named: &[Named], token: usize) -> bool {
    named.iter().any(|n| n.kind == ActorKind::Person && n.tokens.contains(&token))
}

/// An adjective of a people (`Korean`, `North Korean`, `Chinese`, `Thai`).
fn is_adjective(word: &str) -> bool {
    let lower = word.to_lowercase();
    ["an", "ian", "ese", "ish", "i", "ic", "ch"].iter().any(|s| lower.ends_with(s)) && capitalised(word)
}

fn sector_of(words: &[&str]) -> Option<Sector> {
    words.iter().rev().find_map(|w| {
        let lower = w.to_lowercase();
        SECTOR_WORDS.iter().find(|(k, _)| *k == lower).map(|(_, s)| *s)
    })
}

/// The organisation whose name's capitalised initials spell `name` (`KCNA`).
fn acronym_of(actors: &[Actor], name: &str) -> Option<usize> {
    if name.len() < 2 || name.chars().any(|c| !c.is_ascii_uppercase()) {
        return None;
    }
    actors.iter().position(|a| {
        a.kind == ActorKind::Organisation && {
            let initials: String =
                a.name.split_whitespace().filter_map(|w| w.chars().next()).filter(|c| c.is_uppercase()).collect();
            initials == name
        }
    })
}

fn push_alias(actor: &mut Actor, alias: String) {
    if alias != actor.name && !actor.aliases.contains(&alias) {
        actor.aliases.push(alias);
    }
}
