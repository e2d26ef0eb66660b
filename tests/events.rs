//! The timeline of events (`data/timeline.json`) against the fact sheet and the presets: every measure of
//! `facts.md` §5 is an event, one stacking rule holds for Section 232 with the Canada/Mexico IEEPA duties in the
//! timeline and the presets alike, illustrative assumptions stay out of the enacted timeline, and the presets agree
//! with the timeline on their dates where they describe the same measures.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::float_cmp, reason = "tests fail loudly on purpose")]

use na_trade_explorer::data::timeline::{self, TimelineOptions};
use na_trade_explorer::{data::presets, Economy, IdValues, Scenario, ScenarioFile};

/// `facts.md` §5 row by row (date in force, measure) → the event that models it. Two more come from the seeds
/// and the §5 row of 2025-09-01: Canada's auto counter-tariffs and the 25% on selected Mexican pharmaceuticals.
const FACTS_SECTION_5: &[(&str, &str, &str)] = &[
    ("2025-03-04", "US IEEPA 25% on Canada (energy and potash 10%), 25% on Mexico, China 20%", "2025-03-04-us-ieepa"),
    ("2025-03-04", "Canada retaliates: 25% on C$30B", "2025-03-04-canada-counter-tariffs-1"),
    ("2025-03-07", "USMCA-compliant goods exempt from IEEPA", "2025-03-07-usmca-exemption"),
    ("2025-03-12", "Section 232 steel and aluminum 25%", "2025-03-12-us-232-steel-aluminum-25"),
    ("2025-03-13", "Canada retaliates: 25% on C$29.8B more", "2025-03-13-canada-counter-tariffs-2"),
    ("2025-04-03", "Section 232 autos 25%", "2025-04-03-us-232-autos"),
    (
        "2025-04-09",
        "Canada 25% on non-CUSMA-compliant US vehicles (kept after 2025-09-01)",
        "2025-04-09-canada-auto-counter-tariffs",
    ),
    ("2025-05-03", "Section 232 auto parts 25%", "2025-05-03-us-232-auto-parts"),
    ("2025-06-04", "steel and aluminum 50%", "2025-06-04-us-232-steel-aluminum-50"),
    ("2025-08-01", "IEEPA on Canada 35%", "2025-08-01-us-ieepa-canada-35"),
    ("2025-08-01", "Section 232 copper 50%", "2025-08-01-us-232-copper"),
    (
        "2025-09-01",
        "Canada drops counter-tariffs, keeps steel, aluminum, autos",
        "2025-09-01-canada-drops-counter-tariffs",
    ),
    ("2025-09-18", "Canada–Mexico Action Plan (illustrative trade-cost cut)", "2025-09-18-canada-mexico-action-plan"),
    ("2025-10-01", "25% on selected Mexican pharmaceuticals (seeds; estimate)", "2025-10-01-us-232-pharma-mexico"),
    ("2025-10-14", "Section 232 softwood lumber 10%", "2025-10-14-us-232-lumber"),
    ("2025-11-01", "Section 232 medium and heavy trucks 25%", "2025-11-01-us-232-trucks"),
    ("2026-01-01", "Mexico 5–50% on 1,463 lines from non-FTA countries", "2026-01-01-mexico-tariffs-on-china"),
    ("2026-02-20", "Supreme Court ends the IEEPA tariffs", "2026-02-20-scotus-ends-ieepa-tariffs"),
    ("2026-02-24", "Section 122 surcharge for 150 days", "2026-02-24-us-section-122-surcharge"),
    ("2026-07-01", "USMCA joint review", "2026-07-01-usmca-joint-review"),
];

fn economy() -> Economy {
    presets::north_america_2024().expect("the built-in baseline loads")
}

fn built(file: &ScenarioFile, economy: &Economy) -> Scenario {
    Scenario::build(file, economy).expect("scenario builds")
}

fn on(date: &str) -> ScenarioFile {
    timeline::scenario_on(date, TimelineOptions::ENACTED).expect("builds").expect("an event is in force")
}

/// Tariff of `importer` on `exporter`'s goods in `sector`.
fn tau(economy: &Economy, scenario: &Scenario, importer: &str, exporter: &str, sector: &str) -> f64 {
    scenario.tariff(
        economy,
        economy.sector_index(sector).expect("sector"),
        economy.country_index(importer).expect("importer"),
        economy.country_index(exporter).expect("exporter"),
    )
}

const GOODS: [&str; 9] =
    ["agri_food", "energy", "metals", "minerals", "vehicles", "chemicals", "machinery", "wood_paper", "other_mfg"];

#[test]
fn every_measure_of_the_fact_sheet_is_an_event() {
    let events = timeline::events();
    for (date, what, id) in FACTS_SECTION_5 {
        let event = events.iter().find(|e| e.id == *id).unwrap_or_else(|| panic!("no event for {date} {what}"));
        assert_eq!(event.date, *date, "{id}");
        assert!(event.id.starts_with(&event.date), "{id} starts with its date");
    }
    let mut ids: Vec<&str> = events.iter().map(|e| e.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), events.len(), "event ids are unique");
    assert!(events.windows(2).all(|w| w[0].date <= w[1].date), "events in date order");
    // Every event is either in the fact sheet or the expiry of the Section 122 surcharge it records.
    for event in events {
        assert!(
            FACTS_SECTION_5.iter().any(|(_, _, id)| *id == event.id) || event.id == "2026-07-24-us-section-122-expires",
            "{} is not in facts.md §5",
            event.id
        );
    }
}

#[test]
fn section_232_and_the_canada_mexico_ieepa_duties_do_not_stack() {
    // Executive Order 14289: a good pays 232 or IEEPA, never both. Metals = coverage × 232 + rest × IEEPA applied.
    let e = economy();
    let timeline = built(&on("2025-03-12"), &e);
    let ieepa_can = tau(&e, &timeline, "USA", "CAN", "agri_food");
    let ieepa_mex = tau(&e, &timeline, "USA", "MEX", "agri_food");
    assert!((ieepa_can - 0.0375).abs() < 1e-12 && (ieepa_mex - 0.0375).abs() < 1e-12, "IEEPA after the exemption");
    assert!((tau(&e, &timeline, "USA", "CAN", "metals") - (0.60 * 0.25 + 0.40 * ieepa_can)).abs() < 1e-12);
    assert!((tau(&e, &timeline, "USA", "MEX", "metals") - (0.40 * 0.25 + 0.60 * ieepa_mex)).abs() < 1e-12);
    assert!((tau(&e, &timeline, "USA", "CAN", "metals") - 0.165).abs() < 1e-12);

    // The March preset applies the same rule with its own claim share (0: every good paid, 4–6 March): 25%, not 40%.
    let file = presets::preset("canada-retaliation-2025-03").unwrap();
    let preset = built(&file, &e);
    let ieepa = tau(&e, &preset, "USA", "CAN", "agri_food");
    assert!((ieepa - 0.25).abs() < 1e-12);
    let metals = tau(&e, &preset, "USA", "CAN", "metals");
    assert!((metals - (0.60 * 0.25 + 0.40 * ieepa)).abs() < 1e-12, "no stacking in the March preset: {metals}");
    assert_eq!(file.controls.get("us_metals_can"), Some(&25.0));

    // Given the timeline's claim share, the preset's metals cell is the timeline's on 12 March.
    let mut with_claim = file.clone();
    with_claim.usmca_claim_share = on("2025-03-12").usmca_claim_share;
    let same_claim = built(&with_claim, &e);
    assert!((tau(&e, &same_claim, "USA", "CAN", "metals") - tau(&e, &timeline, "USA", "CAN", "metals")).abs() < 1e-12);

    // Later on the covered share pays the 232 rate only: 50% × coverage + IEEPA applied on the rest, at the metals
    // claim shares in force from 2025-08-01 (CAN 0.95, MEX 0.69).
    let late_file = on("2025-11-02");
    assert_eq!(late_file.claim_share("CAN", "metals"), Some(0.95));
    assert_eq!(late_file.claim_share("MEX", "metals"), Some(0.69));
    let late = built(&late_file, &e);
    assert!((tau(&e, &late, "USA", "CAN", "metals") - (0.60 * 0.50 + 0.40 * 0.35 * 0.05)).abs() < 1e-9);
    assert!((tau(&e, &late, "USA", "MEX", "metals") - (0.40 * 0.50 + 0.60 * 0.25 * 0.31)).abs() < 1e-9);
}

#[test]
fn illustrative_events_are_left_out_unless_asked_for() {
    let e = economy();
    let illustrative: Vec<&str> =
        timeline::events().iter().filter(|event| event.illustrative).map(|event| event.id.as_str()).collect();
    assert_eq!(illustrative, ["2025-09-18-canada-mexico-action-plan"]);
    assert!(timeline::enacted_events().all(|(_, event)| !event.illustrative));

    // The default follows the enacted events: on 20 September 2025 the last one is Canada's of 1 September.
    let step = timeline::step_for_date("2025-09-20").unwrap();
    assert_eq!(timeline::events()[step].id, "2025-09-01-canada-drops-counter-tariffs");
    let with = TimelineOptions::WITH_ILLUSTRATIVE;
    let step_with = timeline::step_for_date_with("2025-09-20", with).unwrap();
    assert_eq!(timeline::events()[step_with].id, "2025-09-18-canada-mexico-action-plan");

    let (can, mex) = (e.country_index("CAN").unwrap(), e.country_index("MEX").unwrap());
    for date in ["2025-09-20", "2025-12-31", "2026-08-01"] {
        let enacted = on(date);
        assert!(enacted.measures.iter().all(|m| m.trade_cost.is_none()), "{date}: no trade-cost cut by default");
        let scenario = built(&enacted, &e);
        let included = built(&timeline::scenario_on(date, with).unwrap().unwrap(), &e);
        for j in 0..e.n_sectors() {
            assert_eq!(scenario.trade_cost(&e, j, can, mex), 1.0, "{date}");
            assert!(included.trade_cost(&e, j, can, mex) < 1.0, "{date}: the cut when asked for");
        }
    }
    // Before the first event there is no scenario; an index past the end is an error.
    assert!(timeline::scenario_on("2024-12-31", TimelineOptions::ENACTED).unwrap().is_none());
    assert!(timeline::scenario_at(timeline::events().len()).is_err());
}

fn assert_same_tariffs(e: &Economy, a: &Scenario, b: &Scenario, importer: &str, exporter: &str, what: &str) {
    for sector in GOODS {
        let (x, y) = (tau(e, a, importer, exporter, sector), tau(e, b, importer, exporter, sector));
        assert!((x - y).abs() < 5e-5, "{what}: {importer} on {exporter} {sector}: {x} vs {y}");
    }
}

/// The same USMCA claim share for every exporter and sector (so the compliance cost is the same too).
fn assert_same_claim_shares(a: &ScenarioFile, b: &ScenarioFile, what: &str) {
    for exporter in ["CAN", "MEX"] {
        for sector in GOODS {
            assert_eq!(a.claim_share(exporter, sector), b.claim_share(exporter, sector), "{what}: {exporter} {sector}");
        }
    }
}

#[test]
fn the_march_preset_is_the_timeline_on_its_date_at_its_claim_share() {
    // The preset keeps the 4–6 March claim share (0, every good paid) on purpose; given the timeline's claim share
    // of 13 March it is the timeline on 13 March for every US–Canada cell, and Canada's counter-tariffs are equal as
    // they stand.
    let e = economy();
    let file = presets::preset("canada-retaliation-2025-03").unwrap();
    assert_eq!(file.date, "2025-03-13");
    let timeline_file = on(&file.date);
    let timeline = built(&timeline_file, &e);
    assert_same_tariffs(&e, &built(&file, &e), &timeline, "CAN", "USA", "counter-tariffs");
    let mut with_claim = file.clone();
    with_claim.usmca_claim_share = IdValues::default();
    with_claim.usmca_claim_share.insert("CAN".into(), *timeline_file.usmca_claim_share.get("CAN").unwrap());
    assert_same_tariffs(&e, &built(&with_claim, &e), &timeline, "USA", "CAN", "US tariffs");
}

#[test]
fn the_later_presets_are_the_timeline_on_their_dates() {
    let e = economy();
    // Late 2025: the US tariffs on Canada and Mexico (the preset leaves out China, the rest of the world and
    // Canada's remaining counter-tariffs on purpose).
    let preset_file = presets::preset("us-tariffs-2025").unwrap();
    assert_same_claim_shares(&preset_file, &on("2025-11-02"), "us-tariffs-2025");
    let preset = built(&preset_file, &e);
    let timeline = built(&on("2025-11-02"), &e);
    for partner in ["CAN", "MEX"] {
        assert_same_tariffs(&e, &preset, &timeline, "USA", partner, "us-tariffs-2025");
    }
    assert!(tau(&e, &timeline, "USA", "MEX", "chemicals") > tau(&e, &timeline, "USA", "MEX", "agri_food"));
    // Every US tariff of late 2025: the timeline on the same date plus the IEEPA "reciprocal" tariffs on China and
    // the rest of the world, which facts.md §5 does not list and the timeline therefore leaves out
    // (data/scenarios/README.md). Without its reciprocal measures the preset is the timeline in every US cell;
    // China's fentanyl 20% and the Section 232 tariffs on China and the rest of the world are in both.
    let all_file = presets::preset("us-all-tariffs-2025").unwrap();
    assert_eq!(all_file.date, "2025-11-01");
    assert_same_claim_shares(&all_file, &on("2025-11-02"), "us-all-tariffs-2025");
    let mut without_reciprocal = all_file.clone();
    without_reciprocal.measures.retain(|m| !m.label.contains("reciprocal"));
    assert!(all_file.measures.len() - without_reciprocal.measures.len() >= 14, "reciprocal measures, CHN and ROW");
    assert!(all_file
        .measures
        .iter()
        .all(|m| !m.label.contains("reciprocal") || m.exporters.iter().all(|x| x == "CHN" || x == "ROW")));
    let without = built(&without_reciprocal, &e);
    let all = built(&all_file, &e);
    for partner in ["CAN", "MEX", "CHN", "ROW"] {
        assert_same_tariffs(
            &e,
            &without,
            &timeline,
            "USA",
            partner,
            "us-all-tariffs-2025 without the reciprocal tariffs",
        );
    }
    for partner in ["CAN", "MEX"] {
        assert_same_tariffs(&e, &all, &preset, "USA", partner, "us-all-tariffs-2025 against us-tariffs-2025");
    }
    for partner in ["CHN", "ROW"] {
        assert!(tau(&e, &all, "USA", partner, "other_mfg") > tau(&e, &timeline, "USA", partner, "other_mfg") + 0.09);
        assert_eq!(
            tau(&e, &all, "USA", partner, "energy"),
            tau(&e, &timeline, "USA", partner, "energy"),
            "energy exempt"
        );
    }
    // Spring 2026: every tariff cell, both ways, including Canada's kept counter-tariffs on steel, aluminum and
    // vehicles.
    let preset_file = presets::preset("regime-2026-after-ieepa").unwrap();
    assert_same_claim_shares(&preset_file, &on("2026-03-01"), "regime-2026-after-ieepa");
    let preset = built(&preset_file, &e);
    let timeline = built(&on("2026-03-01"), &e);
    for a in ["USA", "CAN", "MEX", "CHN", "ROW"] {
        for b in ["USA", "CAN", "MEX", "CHN", "ROW"] {
            if a != b {
                assert_same_tariffs(&e, &preset, &timeline, a, b, "regime-2026-after-ieepa");
            }
        }
    }
    assert!(tau(&e, &timeline, "CAN", "USA", "vehicles") > 0.01, "Canada's auto counter-tariff is kept");
}
