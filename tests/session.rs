//! The app's session (`src/app/session.rs`, issue 26 item 1) natively: each transition the page drives, without a
//! browser. Every transition that changes the scenario is atomic: refused input leaves the last good result.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::float_cmp, reason = "tests fail loudly on purpose")]

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

/// Load a file in slices until it is ready.
fn load_in_slices(s: &mut Session) {
    let mut slices = 0;
    while !s.advance(50).unwrap().done {
        slices += 1;
        assert!(slices < 100_000, "the load finishes");
    }
    s.finish_pending().unwrap();
}

#[test]
fn a_readers_files_load_in_slices_and_a_bad_one_changes_nothing() {
    use na_trade_explorer::data::{csv_economy, presets};
    let mut s = session();
    let before = on_screen(&s);
    let message = s.begin_scenario("{ not json", "mine.json").unwrap_err().to_string();
    assert!(message.contains("mine.json"), "{message}");
    assert_eq!(on_screen(&s), before);
    // A scenario file: read at once, expanded and solved in slices, then installed.
    let file = presets::preset("usmca-lapses").unwrap();
    s.begin_scenario(&serde_json::to_string(&file).unwrap(), "lapse.json").unwrap();
    s.cancel_pending();
    assert!(s.advance(50).unwrap().done, "nothing pending after a cancel");
    assert_eq!(on_screen(&s), before, "a cancelled load changes nothing");
    s.begin_scenario(&serde_json::to_string(&file).unwrap(), "lapse.json").unwrap();
    load_in_slices(&mut s);
    assert!(s.is_custom());
    assert!(s.loaded_note().contains("lapse.json"), "{}", s.loaded_note());
    let mut preset = session();
    preset.set_preset("usmca-lapses").unwrap();
    assert_eq!(s.live_line(), preset.live_line(), "the same scenario, the same results");
    // An economy file (the built-in one in the CSV long format): the reader's economy replaces the baseline.
    let csv = csv_economy::economy_to_csv(&presets::north_america_2024().unwrap());
    s.begin_economy(&csv, "mine.csv", false, false).unwrap();
    load_in_slices(&mut s);
    assert!(s.own_economy());
    assert!(s.loaded_note().contains("mine.csv"), "{}", s.loaded_note());
    s.reset_to_builtin().unwrap();
    assert!(!s.own_economy() && !s.is_custom());
}

#[test]
fn the_workers_load_and_ranges_are_installed_bit_for_bit() {
    use na_trade_explorer::data::presets;
    // The worker loads a scenario file and computes ranges; the page installs both without solving.
    let mut worker = session();
    let file = presets::preset("us-tariffs-2025").unwrap();
    worker.begin_scenario(&serde_json::to_string(&file).unwrap(), "us.json").unwrap();
    load_in_slices(&mut worker);
    let state = serde_json::to_string(&worker.loaded_state(false)).unwrap();
    let mut page = session();
    page.install_scenario(
        serde_json::from_str(&state).unwrap(),
        worker.loaded_numbers(false),
        worker.scenario_numbers(),
        "us.json",
    )
    .unwrap();
    assert_eq!(on_screen(&page), on_screen(&worker));
    while !worker.compute_ranges().unwrap() {}
    assert!(!page.adopt_ranges("preset=other", worker.ranges_flat()), "ranges for another state are ignored");
    assert!(page.adopt_ranges(&worker.url_query(), worker.ranges_flat()));
    assert_eq!(page.ranges_note(), worker.ranges_note());
    assert!(!page.adopt_ranges(&worker.url_query(), worker.ranges_flat()), "once");
    let mut failed = session();
    assert!(failed.adopt_ranges_failure(&failed.url_query(), "no convergence"));
    assert!(failed.ranges_note().contains("no convergence"), "{}", failed.ranges_note());
}

#[test]
fn the_tariff_table_sets_cells_and_a_and_b_compare_with_a_range() {
    let mut s = session();
    let table = s.tariff_table();
    let nc = (1..20).find(|n| n * (n - 1) == table.rows.len()).expect("every ordered pair");
    assert!(nc >= 3);
    let before = on_screen(&s);
    assert!(s.set_rates(vec![0.0, 0.0, 0.0, 5.0]).is_err(), "no tariff on a country's own goods");
    assert!(s.set_rates(vec![0.0, 1.0, 0.0, -5.0]).is_err(), "no negative rate");
    assert!(s.set_rates(vec![0.0, 1.0, 99.0, 5.0]).is_err(), "no such sector");
    assert_eq!(on_screen(&s), before);
    s.set_rates(vec![0.0, 1.0, 0.0, 12.5]).unwrap();
    let row = s.tariff_table().rows.into_iter().find(|r| r.importer == 0 && r.exporter == 1).unwrap();
    assert_eq!(row.rates[0], 12.5);
    assert!(row.set[0] && !row.set[1]);
    assert!(s.url_query().contains("rates="), "{}", s.url_query());
    assert!(s.scenario_json().unwrap().contains("Tariff table"));
    // A pasted block: tabs, decimal commas and percent signs.
    assert_eq!(s.parse_paste("1,5%\t\t2").unwrap(), vec![vec![Some(1.5), None, Some(2.0)]]);
    assert!(s.parse_paste("1\tabc").is_err());
    // A against B, with the difference's range once computed.
    let mut b = session();
    b.set_preset("usmca-lapses").unwrap();
    let plain = s.compare_with(&b).unwrap();
    assert_eq!(plain.a, s.scenario_name());
    assert!(!plain.lines.is_empty());
    assert!(s.begin_difference(&b));
    while !s.advance_difference() {}
    assert!(!s.begin_difference(&b), "done for this pair");
    let with_range = s.compare_with(&b).unwrap();
    assert_ne!(with_range.lines[0].cells[2], plain.lines[0].cells[2], "the difference gains its range");
    let csv = s.compare_csv(&b, "https://example.org/?compare").unwrap();
    assert!(csv.starts_with("# A: "));
    assert!(csv.contains("country,horizon,measure,A,B,B_minus_A"));
    assert!(s.link_warning(&"x".repeat(100)).is_empty());
    assert!(!s.link_warning(&"x".repeat(100_000)).is_empty());
}

#[test]
fn rust_writes_every_key_of_a_share_link_and_an_embed() {
    let mut s = session();
    s.set_preset("us-tariffs-2025").unwrap();
    s.set_control("us_metals_can", 30.0).unwrap();
    // A live embed: the scenario's keys, then only what differs from the default embed, and the language.
    let default_charts: Vec<String> =
        na_trade_explorer::app::url_state::EMBED_CHARTS.iter().map(|c| c.as_str().to_string()).collect();
    let live = s.embed_query(&default_charts, "none", "auto", "fr", false, "");
    assert_eq!(live, "preset=us-tariffs-2025&us_metals_can=30&lang=fr");
    // A frozen one spells out every choice; commas stay readable; unknown choices are left out.
    let frozen = s.embed_query(&default_charts, "none", "auto", "es", true, "");
    assert_eq!(
        frozen,
        format!(
            "preset=us-tariffs-2025&us_metals_can=30&charts={}&controls=none&theme=auto&lang=es",
            default_charts.join(",")
        )
    );
    let odd = s.embed_query(&["trade".into(), "nope".into(), "trade".into()], "sideways", "neon", "tlh", false, "");
    assert_eq!(odd, "preset=us-tariffs-2025&us_metals_can=30&charts=trade");
    // Against another scenario: this side is the whole link without the view's keys (a moved control).
    let compare = s.embed_query(&default_charts, "none", "light", "en", false, "usmca-lapses");
    assert_eq!(compare, "theme=light&lang=en&compare=preset%3Dus-tariffs-2025%26us_metals_can%3D30,usmca-lapses");
    s.reset().unwrap();
    assert_eq!(s.compare_side(), "us-tariffs-2025");
    s.set_step("2025-03-04").unwrap();
    assert_eq!(s.compare_side(), "step:2025-03-04");
    // The share link of an embed opens the full page: without the embed's charts and controls.
    let mut embed = session();
    embed.apply_url("preset=usmca-lapses&charts=welfare&controls=picker&theme=dark").unwrap();
    assert_eq!(embed.share_query(true), "preset=usmca-lapses&theme=dark");
    assert_eq!(embed.share_query(false), embed.url_query());
}
