//! Long work in bounded slices, and the page installing the worker's built scenario (issue 24): a rebase and a
//! scenario's expansion run a bounded amount of work per call and end exactly where the one-call versions end; the
//! controls in force handed over by the worker give back the state the page would have built itself.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

use na_trade_explorer::app::controls::{ControlValues, CONTROLS};
use na_trade_explorer::app::scenario_state::ScenarioState;
use na_trade_explorer::data::synthetic::random_economy_file;
use na_trade_explorer::model::rebase::RebaseJob;
use na_trade_explorer::model::scenario::ScenarioBuild;
use na_trade_explorer::{data::presets, rebase, Economy, Measure, RebaseOptions, Scenario, ScenarioFile};

fn many_measures(economy: &Economy, count: usize) -> ScenarioFile {
    let measures = (0..count)
        .map(|k| Measure {
            label: format!("measure {k}"),
            importers: vec![economy.countries()[k % economy.n_countries()].clone()],
            tariff_add: Some(0.001),
            ..Default::default()
        })
        .collect();
    ScenarioFile { name: "many".into(), description: String::new(), measures, ..Default::default() }
}

#[test]
fn a_scenario_expands_in_bounded_slices_to_exactly_the_one_call_build() {
    let economy = Economy::from_file(random_economy_file(12, 6, 3)).unwrap();
    let file = many_measures(&economy, 30);
    let mut job = ScenarioBuild::new(&file, &economy).unwrap();
    let mut calls = 0;
    // One cell of work per call: each call expands one measure and stops.
    while !job.advance(&file, &economy, 1).unwrap() {
        calls += 1;
        assert_eq!(job.progress(&file), (calls, 30));
    }
    assert_eq!(calls, 29, "one measure per call");
    assert_eq!(job.finish(&file, &economy), Scenario::build(&file, &economy).unwrap());
}

#[test]
fn a_bad_measure_found_in_a_later_slice_is_still_located() {
    let economy = Economy::from_file(random_economy_file(5, 3, 1)).unwrap();
    let mut file = many_measures(&economy, 10);
    file.measures[7].exporters = vec!["NOWHERE".into()];
    let mut job = ScenarioBuild::new(&file, &economy).unwrap();
    let error = loop {
        match job.advance(&file, &economy, 1) {
            Ok(true) => panic!("the unknown exporter was not found"),
            Ok(false) => {}
            Err(e) => break e.to_string(),
        }
    };
    assert!(error.contains("measures[7].exporters[0]") && error.contains("NOWHERE"), "{error}");
    // An economy of another shape between two slices is refused, not indexed out of bounds.
    let other = Economy::from_file(random_economy_file(4, 3, 1)).unwrap();
    let file = many_measures(&economy, 3);
    let mut job = ScenarioBuild::new(&file, &economy).unwrap();
    assert!(!job.advance(&file, &economy, 1).unwrap());
    assert!(job.advance(&file, &other, 1).unwrap_err().to_string().contains("economy changed"));
}

#[test]
fn a_rebase_in_bounded_slices_gives_exactly_the_one_call_rebase() {
    // A raw file: flows scaled unevenly, so that the data are not an equilibrium.
    let mut file = random_economy_file(6, 4, 11);
    for (j, sector) in file.X.iter_mut().enumerate() {
        for (n, row) in sector.iter_mut().enumerate() {
            for value in row.iter_mut() {
                *value *= 1.0 + 0.05 * ((j + 2 * n) % 5) as f64;
            }
        }
    }
    let options = RebaseOptions::default();
    let whole = rebase(file.clone(), &options).unwrap();
    let mut job = RebaseJob::new(file, &options).unwrap();
    let mut calls = 1;
    while !job.advance(1) {
        calls += 1;
    }
    assert!(calls > 5, "the rebasing solve ran in {calls} slices");
    let sliced = job.finish().unwrap();
    assert_eq!(sliced.file, whole.file);
    assert_eq!(sliced.report, whole.report);
}

#[test]
fn the_controls_in_force_handed_over_give_the_state_the_page_would_build() {
    let economy = presets::north_america_2024().unwrap();
    for id in presets::preset_ids() {
        let file = presets::preset(id).unwrap();
        let built = Scenario::build(&file, &economy).unwrap();
        let own = ScenarioState::custom(file.clone(), &economy).unwrap();
        assert_eq!(ScenarioState::custom_built(file.clone(), &economy, &built), own, "{id}");
        let handed = ScenarioState::custom_with_controls(file, &own.controls().in_force_values()).unwrap();
        assert_eq!(handed, own, "{id}");
    }
    // Values that do not fit the controls are refused with a message.
    let short = ControlValues::from_in_force(&[1.0]).unwrap_err().to_string();
    assert!(short.contains(&format!("1 values for {} controls", CONTROLS.len())), "{short}");
    let mut values: Vec<f64> = CONTROLS.iter().map(|c| c.baseline).collect();
    values[0] = f64::NAN;
    assert!(ControlValues::from_in_force(&values).unwrap_err().to_string().contains("enter a number"));
}

#[test]
fn an_unknown_control_in_a_scenario_file_is_named() {
    let economy = presets::north_america_2024().unwrap();
    let file = ScenarioFile::from_json(r#"{"name":"n","description":"","controls":{"usmca_claims":80}}"#).unwrap();
    let message = ScenarioState::custom(file, &economy).unwrap_err().to_string();
    assert!(
        message.contains("unknown control in controls 'usmca_claims'") && message.contains("usmca_claim"),
        "{message}"
    );
    let known = ScenarioFile::from_json(r#"{"name":"n","description":"","controls":{"usmca_claim":80}}"#).unwrap();
    assert!(ScenarioState::custom(known, &economy).is_ok());
}

#[test]
fn ids_with_invisible_characters_or_outer_spaces_are_refused_at_their_place_and_scenario_ids_are_trimmed() {
    let mut file = random_economy_file(3, 2, 4);
    let plain = file.clone();
    file.countries[1] = format!("{}\u{200B}", file.countries[1]);
    let message = Economy::from_file(file).unwrap_err().to_string();
    assert!(message.contains("countries[1]") && message.contains("U+200B"), "{message}");
    let mut file = plain.clone();
    file.sectors[0] = format!(" {}", file.sectors[0]);
    let message = Economy::from_file(file).unwrap_err().to_string();
    assert!(message.contains("sectors[0]") && message.contains("spaces at its start or end"), "{message}");
    // In a scenario: spaces around an id are dropped; an invisible character is refused where it is.
    let economy = Economy::from_file(plain).unwrap();
    let id = economy.countries()[0].clone();
    let spaced = ScenarioFile {
        measures: vec![Measure {
            label: "m".into(),
            importers: vec![format!(" {id} ")],
            tariff: Some(0.1),
            ..Default::default()
        }],
        ..Default::default()
    };
    let mut exact = spaced.clone();
    exact.measures[0].importers = vec![id.clone()];
    assert_eq!(Scenario::build(&spaced, &economy).unwrap(), Scenario::build(&exact, &economy).unwrap());
    let mut hidden = exact.clone();
    hidden.measures[0].importers = vec![format!("{id}\u{2060}")];
    let message = Scenario::build(&hidden, &economy).unwrap_err().to_string();
    assert!(message.contains("measures[0].importers[0]") && message.contains("U+2060"), "{message}");
}

#[test]
fn flows_whose_sums_overflow_are_refused_naming_the_country_and_sector() {
    let mut file = random_economy_file(3, 2, 4);
    file.X[1][2][0] = 1e308;
    file.X[1][2][1] = 1e308;
    let (country, sector) = (file.countries[2].clone(), file.sectors[1].clone());
    for message in [
        Economy::from_file(file.clone()).unwrap_err().to_string(),
        rebase(file, &RebaseOptions::default()).unwrap_err().to_string(),
    ] {
        assert!(message.contains("X[1][2]"), "{message}");
        assert!(message.contains(&format!("purchases of sector '{sector}' by '{country}'")), "{message}");
        assert!(!message.contains("final demand"), "{message}");
    }
}

#[test]
fn the_measure_most_likely_to_blame_for_a_failed_solve_is_named() {
    let file = ScenarioFile::from_json(
        r#"{"name":"n","description":"","measures":[
            {"label":"small","tariff_add":0.1},
            {"label":"all goods","tariff":50},
            {"label":"costs","trade_cost":1000}]}"#,
    )
    .unwrap();
    assert_eq!(file.most_extreme_measure().as_deref(), Some("measures[1] ('all goods'): a tariff of 5000%"));
    let costs =
        ScenarioFile::from_json(r#"{"name":"n","description":"","measures":[{"label":"c","trade_cost":0.001}]}"#)
            .unwrap();
    assert_eq!(costs.most_extreme_measure().as_deref(), Some("measures[0] ('c'): trade costs times 0.001"));
    assert_eq!(ScenarioFile::baseline().most_extreme_measure(), None);
}
