//! Actors on the bundled seed article and on short texts written for the tests.

use newsgraph_doc::{Actor, ActorKind, Document, Sector};
use newsgraph_pipeline::Pipeline;

fn analyse(text: &str) -> Document {
    Pipeline::new().analyze_body("test", text)
}

fn actor<'a>(doc: &'a Document, name: &str) -> &'a Actor {
    doc.actors
        .iter()
        .find(|a| a.name == name)
        .unwrap_or_else(|| panic!("no actor {name}: {:#?}", doc.actors.iter().map(|a| &a.name).collect::<Vec<_>>()))
}

#[test]
fn the_seed_merges_names_of_one_person_and_one_country() {
    let text = include_str!("../../../examples/voa-emboldened-north-korea.txt");
    let doc = Pipeline::new().analyze_body("seed", text);
    let kim = actor(&doc, "Kim Jong Un");
    assert_eq!((kim.kind, kim.country.as_deref()), (ActorKind::Person, Some("PRK")));
    assert!(kim.aliases.contains(&"Kim".to_string()), "{kim:?}");
    assert!(kim.descriptors.iter().any(|d| d == "North Korean leader"), "{kim:?}");

    let north_korea = actor(&doc, "North Korea");
    assert_eq!(north_korea.kind, ActorKind::Country);
    for alias in ["DPRK", "Pyongyang", "North Korean"] {
        assert!(north_korea.aliases.iter().any(|a| a == alias), "{alias}: {north_korea:?}");
    }
    let revere = actor(&doc, "Evans Revere");
    assert_eq!(revere.country.as_deref(), Some("USA"), "{revere:?}");
    assert!(revere.descriptors[0].starts_with("former acting U.S. assistant secretary of state"));
    assert_eq!(actor(&doc, "Vladimir Putin").country.as_deref(), Some("RUS"));
    assert!(doc.actors.iter().all(|a| a.name != "Trump-Kim"), "a meeting's name is no actor");
    let kcna = actor(&doc, "Korean Central News Agency");
    assert_eq!((kcna.country.as_deref(), kcna.sector), (Some("PRK"), Some(Sector::Media)));

    // Every entity points at an actor with a mention holding its span, and speakers link.
    for e in doc.entities.iter().filter(|e| e.actor.is_some()) {
        let a = &doc.actors[e.actor.unwrap()];
        let span = e.mention.span();
        assert!(a.mentions.iter().any(|m| m.start <= span.start && span.end <= m.end), "{e:?} not in {a:?}");
    }
    let linked = doc.quotes.iter().filter_map(|q| q.speaker.as_ref()?.actor).map(|a| doc.actors[a].name.as_str());
    let linked: Vec<&str> = linked.collect();
    for name in ["Kim Jong Un", "Evans Revere", "Joseph DeTrani", "Sydney Seiler", "Gary Samore"] {
        assert!(linked.contains(&name), "{name} speaks but is not linked: {linked:?}");
    }
}

#[test]
fn acronyms_and_capitals_join_their_actor() {
    let doc = analyse(
        "The Korean Central News Agency said the launch was a success. KCNA also said Pyongyang \
         would continue. North Korea has tested missiles before.",
    );
    let kcna = actor(&doc, "Korean Central News Agency");
    assert!(kcna.aliases.contains(&"KCNA".to_string()), "{kcna:?}");
    let country = actor(&doc, "North Korea");
    assert!(country.aliases.contains(&"Pyongyang".to_string()), "{country:?}");
    assert_eq!(country.country.as_deref(), Some("PRK"));
}

#[test]
fn intergovernmental_bodies_are_coded_igo() {
    let doc = analyse("The United Nations Security Council met on Monday. NATO said it would respond.");
    let igo: Vec<&Actor> = doc.actors.iter().filter(|a| a.country.as_deref() == Some("IGO")).collect();
    assert!(igo.iter().any(|a| a.name.contains("Security Council")), "{:?}", doc.actors);
    assert!(igo.iter().any(|a| a.name == "NATO"), "{:?}", doc.actors);
}

#[test]
fn people_named_by_their_affiliation_speak_for_the_organisation() {
    let doc = analyse("Officials at the Department of Veterans Affairs said the analysis was sound.");
    let speaker = doc.quotes[0].speaker.as_ref().expect("a speaker");
    assert_eq!(speaker.name, "Officials at the Department of Veterans Affairs");
    let actor = speaker.actor.map(|a| doc.actors[a].name.as_str());
    assert_eq!(actor, Some("Department of Veterans Affairs"), "{:?}", doc.actors);
}

#[test]
fn a_joint_statement_links_each_speaker_to_its_own_actor() {
    let doc =
        analyse("Mr. Grassley and Mr. Leahy say the program has been abused. RT and its defenders say it is fair.");
    let names = |q: usize| {
        let s = doc.quotes[q].speaker.as_ref().expect("a speaker");
        let actor = |a: Option<usize>| a.map(|a| doc.actors[a].name.as_str());
        (s.names(), actor(s.joint[0].actor), actor(s.actor))
    };
    assert_eq!(names(0).0, "Grassley and Leahy");
    // `its defenders` are not RT, though their mention holds RT's name.
    assert_eq!(names(1), ("RT and its defenders".to_string(), Some("RT"), None), "{:?}", doc.actors);
}

#[test]
fn a_person_named_like_a_leader_takes_the_leaders_country_only_if_the_forename_fits() {
    let doc = analyse("President Erdogan spoke first. Mitt Romney spoke later. Hosni Mubarak was absent.");
    assert_eq!(actor(&doc, "Erdogan").country.as_deref(), Some("TUR"), "a surname alone");
    // Cyril Romney led the British Virgin Islands; Mitt Romney did not.
    assert_eq!(actor(&doc, "Mitt Romney").country, None);
    // A forename the gazetteer has for a leader of that surname.
    assert_eq!(actor(&doc, "Hosni Mubarak").country.as_deref(), Some("EGY"));
}
