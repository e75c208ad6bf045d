//! Events coded from sentences written for these tests, and on the seed.

use newsgraph_doc::{Document, Event};
use newsgraph_pipeline::Pipeline;

fn analyse(text: &str) -> Document {
    Pipeline::new().analyze_body("test", text)
}

/// (type, source code, target code) of the first event.
fn first(text: &str) -> (String, Option<String>, Option<String>) {
    let doc = analyse(text);
    let e: &Event = doc.events.first().unwrap_or_else(|| panic!("no event in {text:?}"));
    let code = |p: &Option<newsgraph_doc::Participant>| p.as_ref().and_then(|p| p.code.clone());
    (e.code.clone(), code(&e.source), code(&e.target))
}

fn s(x: &str) -> Option<String> {
    Some(x.to_string())
}

#[test]
fn the_trigger_gives_the_type_and_the_clause_its_actors() {
    assert_eq!(first("Germany rejected a Polish proposal on Monday."), ("REJECT".into(), s("DEU"), s("POL")));
    assert_eq!(first("Kenyan police arrested two French journalists."), ("COERCE".into(), s("KEN"), s("FRA")));
    assert_eq!(
        first("The Norwegian government signed a trade agreement with Chile."),
        ("AGREE".into(), s("NOR"), s("CHL"))
    );
    assert_eq!(first("Peru and Ecuador signed a border treaty."), ("AGREE".into(), s("PER"), s("ECU")));
}

#[test]
fn intent_and_negation_reframe_the_trigger() {
    assert_eq!(first("Sweden will provide food aid to Yemen.").0, "AGREE");
    assert_eq!(first("Portugal did not accept the Spanish terms.").0, "REJECT");
    assert_eq!(first("Farmers in France said they would blockade Paris.").0, "THREATEN");
}

#[test]
fn a_demand_through_must_is_the_speakers() {
    let (kind, source, target) = first("Japan said on Tuesday that China must release the fishermen.");
    assert_eq!((kind.as_str(), source, target), ("REQUEST", s("JPN"), s("CHN")));
}

#[test]
fn the_passive_puts_the_agent_first() {
    let (kind, source, target) = first("A Turkish convoy was attacked by Syrian rebels near the border.");
    assert_eq!((kind.as_str(), source, target), ("ASSAULT", s("SYR"), s("TUR")));
}

#[test]
fn a_pronoun_subject_is_the_person_named_before_and_whom_its_object() {
    let doc = analyse("Angela Merkel praised Emmanuel Macron, whom she met in Berlin in 2019.");
    let met = doc.events.iter().find(|e| e.trigger.text == "met").expect("the meeting is an event");
    let name =
        |p: &Option<newsgraph_doc::Participant>| p.as_ref().and_then(|p| p.actor).map(|a| doc.actors[a].name.clone());
    assert_eq!(met.code, "CONSULT");
    assert_eq!(met.source.as_ref().map(|p| p.mention.text.as_str()), Some("she"));
    assert_eq!((name(&met.source), name(&met.target)), (s("Angela Merkel"), s("Emmanuel Macron")));
}

#[test]
fn what_is_hoped_or_foreseen_in_the_passive_is_no_event() {
    let doc = analyse("Bolivia wants to be accepted as a member, and the accord is expected to be signed in May.");
    assert!(doc.events.iter().all(|e| e.trigger.text != "accepted" && e.trigger.text != "signed"), "{:?}", doc.events);
    let (kind, ..) = first("The accord was signed by Bolivia and Chile in May.");
    assert_eq!(kind, "AGREE");
    let doc = analyse("Any attack on Chile will be met with a swift response, Peru said.");
    assert!(doc.events.iter().all(|e| e.trigger.text != "met"), "an answer is no meeting: {:?}", doc.events);
    let (kind, ..) = first("The Chilean delegation was met by Peru's president in Lima.");
    assert_eq!(kind, "CONSULT");
}

#[test]
fn mentions_of_events_are_not_events() {
    let doc = analyse("The lifting of sanctions was discussed at their Geneva summit.");
    assert!(doc.events.iter().all(|e| e.trigger.text != "lifting" && e.trigger.text != "summit"), "{:?}", doc.events);
}

#[test]
fn nouns_under_a_modifier_and_questions_are_not_events_but_an_owner_makes_one() {
    let doc = analyse("Denuclearization talks stalled. The ministry wants fuel aid from Chile.");
    assert!(doc.events.iter().all(|e| e.trigger.text != "talks" && e.trigger.text != "aid"), "{:?}", doc.events);
    let doc = analyse("“Why would Peru sign it?” he asked.");
    assert!(doc.events.iter().all(|e| e.code != "REQUEST"), "{:?}", doc.events);
    let (kind, source, _) = first("Argentina welcomed Brazil’s offer to mediate.");
    assert_eq!((kind.as_str(), source), ("SUPPORT", s("ARG")));
    let doc = analyse("Chile promised to defend Peru if Bolivia attacked it.");
    assert!(doc.events.iter().all(|e| e.trigger.text != "attacked"), "a condition is no event: {:?}", doc.events);
    let doc = analyse("Brazil’s offer to mediate was welcomed.");
    let offer = doc.events.iter().find(|e| e.trigger.text == "offer").expect("the offer is an event");
    assert_eq!(offer.source.as_ref().and_then(|p| p.code.as_deref()), Some("BRA"));
}

/// The triggers of every event coded in `text`.
fn triggers(text: &str) -> Vec<String> {
    analyse(text).events.iter().map(|e| e.trigger.text.clone()).collect()
}

#[test]
fn receptions_forecasts_adjectives_and_states_are_not_events() {
    assert!(!triggers("The Chilean plan met with surprising success in the north.").contains(&"met".to_string()));
    let (kind, ..) = first("Peru's envoy met with opposition leaders in Lima.");
    assert_eq!(kind, "CONSULT");
    assert!(triggers("Officials in Norway warned in May of a possible flood.").is_empty());
    assert_eq!(first("Norway warned of consequences if Sweden closed the border.").0, "THREATEN");
    assert!(triggers("Ana Ruiz says the accord has some promising provisions.").is_empty());
    assert!(triggers("The charter says the president of Peru must be a citizen.").is_empty());
    assert_eq!(first("Japan said the fishermen must be released by China.").0, "REQUEST");
}

#[test]
fn who_did_it_after_an_opening_clause_a_possessive_victim_and_a_listener() {
    let doc = analyse(
        "Three months after the fall of former President Ana Ruiz’s government, interim President Luis Vega signed a constitutional declaration.",
    );
    let name = |p: &Option<newsgraph_doc::Participant>| p.as_ref().map(|p| p.mention.text.clone());
    assert_eq!(name(&doc.events[0].source), s("Luis Vega"), "{:?}", doc.events);
    let doc = analyse("Lawyers in Lima condemned Ana Ruiz's arrest.");
    let arrest = doc.events.iter().find(|e| e.trigger.text == "arrest").expect("the arrest is an event");
    assert_eq!((name(&arrest.source), name(&arrest.target)), (None, s("Ana Ruiz")));
    let (_, source, target) = first("Kenya's arrest of two French journalists was condemned.");
    assert_eq!((source, target), (s("KEN"), s("FRA")));
    let (_, source, _) = first("Beyond Chile, Peruvian ministers discussed trade with Bolivia.");
    assert_eq!(source, s("PER"));
    let doc = analyse("The talks in Lima follow a summit in Quito, where Ecuador said it would accept the accord.");
    let accept = doc.events.iter().find(|e| e.trigger.text.starts_with("accept")).expect("the acceptance is an event");
    assert_eq!(accept.source.as_ref().and_then(|p| p.code.as_deref()), Some("ECU"));
    // What a quote says is not done by its speaker.
    let doc = analyse("Ana Ruiz said she hoped the accord would end “attacks on Chilean villages”.");
    assert!(doc.events.iter().all(|e| e.source.is_none()), "{:?}", doc.events);
    let doc = analyse("Such disputes, Lopez told Reuters, should be settled in court.");
    assert!(
        doc.events.iter().all(|e| e.target.as_ref().is_none_or(|t| t.mention.text != "Reuters")),
        "{:?}",
        doc.events
    );
}

#[test]
fn a_domestic_event_without_a_named_target_is_coded_against_its_own_country() {
    let doc = analyse("Bolivian miners staged a protest outside the ministry.");
    let e = &doc.events[0];
    assert_eq!(e.code, "PROTEST");
    let target = e.target.as_ref().expect("implied target");
    assert!(target.implied);
    assert_eq!(target.code.as_deref(), Some("BOL"));
}

#[test]
fn every_event_has_a_cameo_root_and_its_sentence() {
    let text = include_str!("../../../examples/voa-emboldened-north-korea.txt");
    let doc = analyse(text);
    assert!(doc.events.len() >= 8, "{}", doc.events.len());
    let body: Vec<char> = doc.article.body.chars().collect();
    for e in &doc.events {
        assert_eq!(e.cameo.len(), 2);
        assert!(e.sentence.start <= e.trigger.start && e.trigger.end <= e.sentence.end);
        assert_eq!(body[e.trigger.start..e.trigger.end].iter().collect::<String>(), e.trigger.text);
    }
    let vowed = doc.events.iter().find(|e| e.trigger.text == "vowed").expect("Kim vowed ...");
    assert_eq!(vowed.code, "THREATEN");
    assert_eq!(doc.actors[vowed.source.as_ref().unwrap().actor.unwrap()].name, "Kim Jong Un");
}
