//! The app's session (`src/app/session.rs`, issue 26 item 1) natively: each transition the page drives, without a
//! browser. Every transition that changes the scenario is atomic: refused input leaves the last good result.

use na_trade_explorer::app::session::Session;
use na_trade_explorer::view::i18n::{self, Lang};

fn session() -> Session {
    Session::new("en-US").unwrap()
}

/// What identifies the result on screen: the link and the summary.
fn on_screen(s: &Session) -> (String, String) {
    (s.url_query(), s.summary(Vec::new()))
}

#[test]
fn a_new_session_opens_on_the_lead_preset_with_both_horizons() {
    let s = session();
    assert_eq!(s.language(), "en");
    assert!(!s.preset_id().is_empty(), "a preset, not the all-zero baseline");
    assert!(s.step_date().is_empty());
    assert!(!s.adjusted());
    // The other horizon is solved with the result, so the live line has both from the first paint.
    assert!(!s.live_line().is_empty());
    assert!(s.summary(Vec::new()).len() > 40);
}

#[test]
fn picking_a_preset_or_a_step_replaces_the_result_and_a_bad_one_changes_nothing() {
    let mut s = session();
    s.set_preset("usmca-lapses").unwrap();
    assert_eq!(s.preset_id(), "usmca-lapses");
    let before = on_screen(&s);
    assert!(s.set_preset("no-such-preset").is_err());
    assert!(s.set_step("2025-13-40").unwrap_err().to_string().contains("2025-13-40"));
    assert_eq!(on_screen(&s), before, "refused input leaves the last good result");
    s.set_step("2025-03-04").unwrap();
    assert_eq!(s.step_date(), "2025-03-04");
    assert!(s.preset_id().is_empty());
    assert!(s.url_query().contains("step=2025-03-04"), "{}", s.url_query());
}

#[test]
fn a_control_out_of_range_or_not_a_number_is_refused_by_name() {
    let mut s = session();
    let before = on_screen(&s);
    let control = s.controls().into_iter().next().expect("a control");
    let message = s.set_control(control.id, control.max + 1.0).unwrap_err().to_string();
    assert!(message.contains(&control.label), "{message}");
    let message = s.set_control(control.id, f64::NAN).unwrap_err().to_string();
    assert!(message.contains(&control.label), "{message}");
    assert!(s.set_control("no_such_control", 1.0).is_err());
    assert_eq!(on_screen(&s), before);
    // A value inside the range moves the control, marks the scenario adjusted and goes into the link.
    let value = (control.min + control.max) / 2.0;
    s.set_control(control.id, value).unwrap();
    assert!(s.adjusted());
    assert!(s.url_query().contains(control.id), "{}", s.url_query());
    assert!(s.control_values().iter().any(|c| c.id == control.id && c.value == value));
    // Reset goes back to the preset's own values.
    s.reset().unwrap();
    assert!(!s.adjusted());
    assert_eq!(on_screen(&s), before);
}

#[test]
fn a_drag_shows_drafts_and_letting_go_settles_on_the_exact_result() {
    let mut s = session();
    let id = "us_metals_can";
    let control = s.controls().into_iter().find(|c| c.id == id).expect("the steel control");
    let start = control.value;
    for k in 1..=4 {
        s.drag_control(id, start + 2.0 * k as f64).unwrap();
    }
    // While dragging, only the draft is solved: the live line waits for the exact result.
    assert!(s.live_line().is_empty(), "a draft has no other horizon yet");
    assert!(s.settle().unwrap(), "the draft is replaced");
    assert!(!s.settle().unwrap(), "nothing left to settle");
    let mut exact = session();
    exact.set_control(id, start + 8.0).unwrap();
    assert_eq!(on_screen(&s), on_screen(&exact), "the settled drag equals the exact solve");
    assert!(!s.live_line().is_empty());
}

#[test]
fn elasticities_and_language_are_checked_and_kept_in_the_link() {
    let mut s = session();
    let before = on_screen(&s);
    assert!(s.set_elasticities("no_such_set").is_err());
    assert!(s.set_language("tlh").is_err());
    assert_eq!(on_screen(&s), before);
    let set = s.elasticity_sets().into_iter().map(|c| c.id).find(|id| id != &s.elasticities()).expect("another set");
    s.set_elasticities(&set).unwrap();
    assert_eq!(s.elasticities(), set);
    assert!(s.url_query().contains(&format!("elasticities={set}")), "{}", s.url_query());
    i18n::load(Lang::Fr, include_str!("../data/i18n/fr.json")).unwrap();
    s.set_language("fr-CA").unwrap();
    assert_eq!(s.language(), "fr");
    assert_eq!(s.decimal_separator(), ",");
    assert!(s.url_query().contains("lang=fr"), "{}", s.url_query());
}

#[test]
fn a_link_applies_its_good_parts_names_its_bad_ones_and_round_trips() {
    let mut s = session();
    let notices = s.apply_url("preset=usmca-lapses&us_metals_can=abc&elasticities=nope&step=never").unwrap();
    assert_eq!(s.preset_id(), "usmca-lapses");
    assert!(notices.len() >= 2, "{notices:?}");
    let mut t = session();
    t.set_preset("us-tariffs-2025").unwrap();
    t.set_control("us_metals_can", 30.0).unwrap();
    t.set_charts(vec!["welfare".into(), "welfare".into(), "nonsense".into()]);
    assert!(t.set_theme("dark"));
    assert!(!t.set_theme("purple"));
    let query = t.url_query();
    let mut u = session();
    assert!(u.apply_url(&query).unwrap().is_empty(), "its own link has nothing wrong");
    assert_eq!(u.url_query(), query);
    assert_eq!(on_screen(&u), on_screen(&t));
}

#[test]
fn ranges_come_in_slices_and_go_with_the_result() {
    let mut s = session();
    assert!(s.ranges_available());
    assert!(!s.has_ranges());
    let mut calls = 0;
    while !s.compute_ranges().unwrap() {
        calls += 1;
        assert!(calls < 10_000, "the ranges finish");
    }
    assert!(calls > 1, "the work is sliced ({calls} calls)");
    assert!(s.has_ranges());
    assert!(s.ranges_note().contains("200"), "{}", s.ranges_note());
    assert!(s.csv(Some("https://example.org/?x".into())).contains("https://example.org/?x"));
    // A new result drops the old ranges.
    s.set_control("us_metals_can", 20.0).unwrap();
    assert!(!s.has_ranges());
}

#[test]
fn texts_describe_the_scenario_on_screen() {
    let mut s = session();
    s.set_preset("us-tariffs-2025").unwrap();
    let name = s.scenario_name();
    assert!(!name.is_empty());
    assert!(!s.scenario_sources().is_empty());
    assert!(!s.data_sources().is_empty());
    assert!(s.description("welfare").unwrap().len() > 20);
    assert!(s.description("no_such_chart").is_err());
    assert!(!s.table("trade").unwrap().rows.is_empty());
    assert!(s.cite("https://example.org", "2026-12-07").contains(&name));
    s.set_control("us_metals_can", 20.0).unwrap();
    assert_ne!(s.scenario_name(), name, "an adjusted scenario says so");
    assert!(!s.is_custom());
    assert!(s.loaded_note().is_empty());
    s.reset_to_builtin().unwrap();
    assert!(!s.adjusted());
}
